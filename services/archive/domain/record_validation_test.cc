// V1: what a record must hold to be archived whole and in order.
#include "services/archive/domain/record_validation.h"

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/archive/domain/record_test_support.h"

namespace cs::archive {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

const absl::Time kReceived =
    absl::FromCivil(absl::CivilSecond(2026, 3, 2, 2, 0, 0), absl::UTCTimeZone());

std::vector<std::string> Fields(const common::FieldViolations& violations) {
  std::vector<std::string> fields;
  for (const auto& v : violations.violations()) fields.push_back(v.field);
  return fields;
}

TEST(RecordValidationTest, V1_CompleteClosedRecordPasses) {
  EXPECT_THAT(
      ValidateRecordContent(testing::ClosedRecord(7, kReceived), testing::TestUnits(), "ticket")
          .violations(),
      IsEmpty());
}

TEST(RecordValidationTest, V1_EveryMissingPartIsNamed) {
  RecordContent content;
  content.unit_id = "nowhere";
  EXPECT_THAT(
      Fields(ValidateRecordContent(content, testing::TestUnits(), "ticket")),
      UnorderedElementsAre("ticket.ticket_id", "ticket.status", "ticket.input.unit_id",
                           "ticket.input.kind", "ticket.input.channel", "ticket.overall_serial",
                           "ticket.serial_month", "ticket.month_serial", "ticket.received_at",
                           "ticket.closed_at", "ticket.history"));
}

TEST(RecordValidationTest, V1_OnlyClosedTicketsAreArchived) {
  RecordContent content = testing::ClosedRecord(7, kReceived);
  content.closed = false;  // e.g. REPLIED
  EXPECT_THAT(Fields(ValidateRecordContent(content, testing::TestUnits(), "ticket")),
              ElementsAre("ticket.status"));
}

TEST(RecordValidationTest, V1_HistoryAndRepliesMustBeWholeAndInOrder) {
  RecordContent content = testing::ClosedRecord(7, kReceived);
  std::swap(content.history[1], content.history[2]);
  content.replies[0].sequence = 2;
  EXPECT_THAT(Fields(ValidateRecordContent(content, testing::TestUnits(), "ticket")),
              ElementsAre("ticket.history[1].sequence", "ticket.history[2].sequence",
                          "ticket.replies[0].sequence"));
  content = testing::ClosedRecord(7, kReceived);
  content.history.erase(content.history.begin() + 2);  // a gap
  EXPECT_THAT(Fields(ValidateRecordContent(content, testing::TestUnits(), "ticket")),
              ElementsAre("ticket.history[2].sequence", "ticket.history[3].sequence",
                          "ticket.history[4].sequence"));
}

TEST(RecordValidationTest, V1_ClosedBeforeReceivedAndUnknownEnumsAreRefused) {
  RecordContent content = testing::ClosedRecord(7, kReceived);
  content.closed_at = kReceived - absl::Seconds(1);
  content.kind = static_cast<TicketKind>(9);
  content.channel = static_cast<Channel>(-1);
  content.business_line = std::string(41, 'x');
  const common::FieldViolations v = ValidateRecordContent(content, testing::TestUnits(), "t");
  EXPECT_THAT(Fields(v), UnorderedElementsAre("t.closed_at", "t.input.kind", "t.input.channel",
                                              "t.input.business_line"));
  EXPECT_THAT(v.violations(),
              ::testing::Contains(Field(&common::FieldViolation::description,
                                        ::testing::HasSubstr("before received_at"))));
}

}  // namespace
}  // namespace cs::archive
