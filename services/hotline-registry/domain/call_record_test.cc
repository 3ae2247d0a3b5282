// H6 (A2 7.5): one call detail record, refused field by field.
#include "services/hotline-registry/domain/call_record.h"

#include "common/status/field_violations.h"
#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::hotline {
namespace {

using ::cs::common::testing::IsOk;
using ::testing::UnorderedElementsAre;

std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const common::FieldViolation& v : common::ViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

CallRecord Answered() {
  CallRecord record;
  record.hotline_id = 7;
  record.call_id = "cdr-2026-03-0001";
  record.offered_at = common::testing::ShanghaiTime(2026, 3, 2, 10, 0);
  record.outcome = CallOutcome::kAnswered;
  record.wait_seconds = 12;
  record.agent_staff_number = "1024";
  return record;
}

TEST(CallRecordTest, H6_AGoodRecordPasses) {
  EXPECT_THAT(ValidateCallRecord(Answered(), true), IsOk());
  CallRecord abandoned = Answered();
  abandoned.outcome = CallOutcome::kAbandoned;
  abandoned.agent_staff_number.clear();  // nobody answered
  EXPECT_THAT(ValidateCallRecord(abandoned, true), IsOk());
}

TEST(CallRecordTest, H6_ABadRecordNamesEveryBadField) {
  CallRecord record;
  record.wait_seconds = -1;
  record.agent_staff_number = "工号1024";
  EXPECT_THAT(Fields(ValidateCallRecord(record, true)),
              UnorderedElementsAre("hotline_id", "call_id", "offered_at", "outcome", "wait_seconds",
                                   "agent_staff_number"));
  record = Answered();
  record.call_id = std::string(65, 'x');
  EXPECT_THAT(Fields(ValidateCallRecord(record, true)), UnorderedElementsAre("call_id"));
  EXPECT_THAT(Fields(ValidateCallRecord(Answered(), false)), UnorderedElementsAre("hotline_id"));
  record = Answered();
  record.outcome = static_cast<CallOutcome>(9);
  EXPECT_THAT(Fields(ValidateCallRecord(record, true)), UnorderedElementsAre("outcome"));
}

}  // namespace
}  // namespace cs::hotline
