// V5: the routing path, on-time flag and month a record counts in.
#include "services/archive/domain/record_classification.h"

#include "common/time/calendar_testing.h"
#include "gtest/gtest.h"
#include "services/archive/domain/record_test_support.h"

namespace cs::archive {
namespace {

using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::ShanghaiTimeZone;

TEST(RecordClassificationTest, V5_RoutingPathIsTheLastDecisionInTheHistory) {
  RecordContent content = testing::ClosedRecord(1, ShanghaiTime(2026, 3, 2, 10, 0));
  EXPECT_EQ(RoutingPathOf(content), RoutingPath::kInternalDispatch);
  // A RETURN, then a forward again and a direct reply: the last decision counts.
  content.history.insert(content.history.begin() + 3,
                         {4, content.history[2].at, "desk", "OUTCOME", "RETURN CONTENT_INCORRECT"});
  content.history[4].detail = "DIRECT_REPLY";
  EXPECT_EQ(RoutingPathOf(content), RoutingPath::kDirectReply);
}

TEST(RecordClassificationTest, V5_WithoutADecisionInHistoryLastOutcomeOrUnspecified) {
  RecordContent content = testing::ClosedRecord(1, ShanghaiTime(2026, 3, 2, 10, 0));
  content.history.erase(content.history.begin() + 3);
  content.last_outcome = OutcomeKind::kEscalateToTelecom;
  EXPECT_EQ(RoutingPathOf(content), RoutingPath::kEscalateToTelecom);
  content.last_outcome = OutcomeKind::kReplied;
  EXPECT_EQ(RoutingPathOf(content), RoutingPath::kUnspecified);
  // A word that only starts like a decision is not one.
  content.history[3].detail = "RETURNED_SOMEHOW";
  EXPECT_EQ(RoutingPathOf(content), RoutingPath::kUnspecified);
}

TEST(RecordClassificationTest, V5_OnTimeNeedsConfirmationAndReplyByTheirDeadlines) {
  const absl::Time received = ShanghaiTime(2026, 3, 2, 10, 0);
  RecordContent content = testing::ClosedRecord(1, received);
  EXPECT_TRUE(IsOnTime(content));
  content.confirmed_at = *content.confirm_deadline + absl::Seconds(1);
  EXPECT_FALSE(IsOnTime(content));
  content = testing::ClosedRecord(1, received);
  content.replied_to_user_at = *content.handling_deadline + absl::Seconds(1);
  EXPECT_FALSE(IsOnTime(content));
  content.handling_deadline.reset();  // no dispatch: only the confirmation counts
  EXPECT_TRUE(IsOnTime(content));
  content.confirmed_at.reset();
  EXPECT_FALSE(IsOnTime(content));
}

TEST(RecordClassificationTest, V5_ClosedMonthIsLocal) {
  // 2026-03-31 23:30 Shanghai is still March there, but already closed_at is 15:30 UTC.
  RecordContent content = testing::ClosedRecord(1, ShanghaiTime(2026, 3, 30, 22, 30));
  EXPECT_EQ(Summarize(content, ShanghaiTimeZone()).closed_month, "2026-03");
  content.closed_at = ShanghaiTime(2026, 4, 1, 0, 30);  // 2026-03-31 16:30 UTC
  const RecordSummary summary = Summarize(content, ShanghaiTimeZone());
  EXPECT_EQ(summary.closed_month, "2026-04");
  EXPECT_EQ(summary.unit_id, "broadband");
  EXPECT_EQ(summary.kind, TicketKind::kComplaint);
  EXPECT_EQ(summary.routing_path, RoutingPath::kInternalDispatch);
  EXPECT_TRUE(summary.on_time);
}

}  // namespace
}  // namespace cs::archive
