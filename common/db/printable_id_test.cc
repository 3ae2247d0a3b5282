#include "common/db/printable_id.h"

#include <string>

#include "common/status/field_violations.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common::db {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(PrintableIdTest, AcceptsPrintableAsciiUpToTheLimit) {
  EXPECT_THAT(CheckPrintableId("request_id", "a", 64), IsOk());
  EXPECT_THAT(CheckPrintableId("request_id", std::string(64, 'x'), 64), IsOk());
  EXPECT_THAT(CheckPrintableId("request_id", "req 7/~!{}", 64), IsOk());
}

TEST(PrintableIdTest, RejectsEmptyTooLongAndUnprintableNamingTheField) {
  EXPECT_THAT(CheckPrintableId("request_id", "", 64),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_THAT(CheckPrintableId("request_id", std::string(65, 'x'), 64),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("request_id"), HasSubstr("64"))));
  EXPECT_THAT(CheckPrintableId("request_id", "tab\there", 64),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("printable")));
  EXPECT_THAT(CheckPrintableId("request_id", "\xe5\xbc\xa0", 64),
              StatusIs(absl::StatusCode::kInvalidArgument, Not(HasSubstr("\xe5\xbc\xa0"))));
  EXPECT_THAT(ViolationsOf(CheckPrintableId("message_id", "", 64)),
              ElementsAre(Field(&FieldViolation::field, "message_id")));
}

TEST(PrintableIdTest, RequestIdsAreUpTo64PrintableCharactersNamedRequestId) {
  EXPECT_THAT(ValidateRequestId(std::string(kMaxRequestIdLength, 'x')), IsOk());
  EXPECT_THAT(ViolationsOf(ValidateRequestId(std::string(kMaxRequestIdLength + 1, 'x'))),
              ElementsAre(Field(&FieldViolation::field, "request_id")));
  EXPECT_THAT(ValidateRequestId(""), StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace cs::common::db
