#include "services/intake/domain/ticket_validation.h"

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/intake/domain/ticket_test_support.h"

namespace cs::intake {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

const absl::Time kNow = absl::FromUnixSeconds(1790000000);

std::vector<std::string> BadFields(const TicketInput& input) {
  std::vector<std::string> fields;
  const common::UnitDirectory units = testing::TestUnits();
  const common::FieldViolations violations = ValidateTicketInput(input, units, kNow);
  for (const auto& violation : violations.violations()) {
    fields.push_back(violation.field);
  }
  return fields;
}

TEST(TicketValidationTest, I3_CompleteTicketIsValid) {
  EXPECT_THAT(BadFields(testing::CompleteInput()), IsEmpty());
}

TEST(TicketValidationTest, I2_TicketMissingRequiredElementsCanStillBeSaved) {
  TicketInput input = testing::CompleteInput();
  input.problem.clear();
  input.device_number.clear();
  input.contact_phone.clear();
  input.contact_person.clear();
  EXPECT_THAT(BadFields(input), IsEmpty());
}

TEST(TicketValidationTest, I2_ForwardingNamesEveryMissingElement) {
  TicketInput input = testing::CompleteInput();
  input.device_number.clear();
  input.contact_phone = "   ";
  EXPECT_THAT(CheckForwardable(input),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("device_number"), HasSubstr("contact_phone"),
                             Not(HasSubstr("problem")), Not(HasSubstr("contact_person")))));
  input = testing::CompleteInput();
  input.problem.clear();
  input.contact_person.clear();
  EXPECT_THAT(CheckForwardable(input),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("problem"), HasSubstr("contact_person"))));
  EXPECT_THAT(CheckForwardable(testing::CompleteInput()), IsOk());
}

TEST(TicketValidationTest, I7_KindAndChannelAreRequiredAndKnown) {
  TicketInput input = testing::CompleteInput();
  input.kind = TicketKind::kUnspecified;
  input.channel = static_cast<Channel>(42);
  EXPECT_THAT(BadFields(input), UnorderedElementsAre("ticket.kind", "ticket.channel"));
  for (TicketKind kind :
       {TicketKind::kConsultation, TicketKind::kComplaint, TicketKind::kFaultReport}) {
    input = testing::CompleteInput();
    input.kind = kind;
    EXPECT_THAT(BadFields(input), IsEmpty());
  }
}

TEST(TicketValidationTest, I6_UnknownReplyChannelIsRefused) {
  TicketInput input = testing::CompleteInput();
  input.reply_channel = static_cast<ReplyChannel>(17);
  EXPECT_THAT(BadFields(input), UnorderedElementsAre("ticket.reply_channel"));
  input.reply_channel = ReplyChannel::kSms;
  EXPECT_THAT(BadFields(input), IsEmpty());
}

TEST(TicketValidationTest, I1_UnknownUnitIsRefused) {
  TicketInput input = testing::CompleteInput();
  input.unit_id = "no-such-unit";
  EXPECT_THAT(BadFields(input), UnorderedElementsAre("ticket.unit_id"));
  input.unit_id.clear();
  EXPECT_THAT(BadFields(input), UnorderedElementsAre("ticket.unit_id"));
}

TEST(TicketValidationTest, I3_EveryBadFieldIsNamedAtOnce) {
  TicketInput input = testing::CompleteInput();
  input.contact_phone = "call me maybe";
  input.device_number = "12";  // too few digits
  input.postal_code = "2001";
  input.email = "not-an-email";
  input.user_name = std::string(101, 'x');
  input.address = " \t ";
  input.company = "line\nbreak";
  input.complained_at = kNow + absl::Hours(1);
  EXPECT_THAT(BadFields(input),
              UnorderedElementsAre("ticket.contact_phone", "ticket.device_number",
                                   "ticket.postal_code", "ticket.email", "ticket.user_name",
                                   "ticket.address", "ticket.company", "ticket.complained_at"));
}

// Found by ticket_input_fuzzer: an address of invalid UTF-8 passed the shape test and broke the
// promise that every one-line field is UTF-8 without control characters.
TEST(TicketValidationTest, I3_EmailMustBeOneLineUtf8) {
  TicketInput input = testing::CompleteInput();
  input.email = "user\xff@example.cn";
  EXPECT_THAT(BadFields(input), UnorderedElementsAre("ticket.email"));
  input.email = "user\x01@example.cn";
  EXPECT_THAT(BadFields(input), UnorderedElementsAre("ticket.email"));
  input.email = "用户@例子.中国";
  EXPECT_THAT(BadFields(input), IsEmpty());
}

TEST(TicketValidationTest, I3_LengthsCountCharactersNotBytes) {
  TicketInput input = testing::CompleteInput();
  std::string name;
  for (int i = 0; i < 100; ++i) name += "张";  // 300 bytes, 100 characters
  input.user_name = name;
  EXPECT_THAT(BadFields(input), IsEmpty());
  input.user_name += "张";
  EXPECT_THAT(BadFields(input), UnorderedElementsAre("ticket.user_name"));
}

}  // namespace
}  // namespace cs::intake
