#include "common/time/call_deadline.h"

#include <atomic>
#include <thread>

#include "absl/time/clock.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::StatusIs;
using ::testing::HasSubstr;

TEST(CallDeadlineTest, WithoutAScopeEveryCallIsWantedForEver) {
  EXPECT_THAT(CheckCallStillWanted(), IsOk());
  EXPECT_EQ(CurrentCallDeadline(), absl::InfiniteFuture());
}

TEST(CallDeadlineTest, Deadlines_AScopeWhoseCallerStillWaitsIsOk) {
  const absl::Time deadline = absl::Now() + absl::Hours(1);
  const CallDeadlineScope scope(deadline, [] { return false; });
  EXPECT_THAT(CheckCallStillWanted(), IsOk());
  EXPECT_EQ(CurrentCallDeadline(), deadline);
}

TEST(CallDeadlineTest, Deadlines_APassedDeadlineIsDeadlineExceeded) {
  const CallDeadlineScope scope(absl::Now() - absl::Milliseconds(1), nullptr);
  EXPECT_THAT(CheckCallStillWanted(),
              StatusIs(absl::StatusCode::kDeadlineExceeded, HasSubstr("rolled back")));
}

TEST(CallDeadlineTest, Deadlines_ACancelledCallIsCancelled) {
  bool cancelled = false;
  const CallDeadlineScope scope(absl::InfiniteFuture(), [&] { return cancelled; });
  EXPECT_THAT(CheckCallStillWanted(), IsOk());
  cancelled = true;
  EXPECT_THAT(CheckCallStillWanted(),
              StatusIs(absl::StatusCode::kCancelled, HasSubstr("caller cancelled")));
}

TEST(CallDeadlineTest, Deadlines_TheInnerScopeWinsAndTheOuterComesBack) {
  const absl::Time outer_deadline = absl::Now() + absl::Hours(1);
  const CallDeadlineScope outer(outer_deadline, nullptr);
  {
    const CallDeadlineScope inner(absl::Now() - absl::Seconds(1), nullptr);
    EXPECT_THAT(CheckCallStillWanted(), StatusIs(absl::StatusCode::kDeadlineExceeded));
    EXPECT_LT(CurrentCallDeadline(), outer_deadline);
  }
  EXPECT_THAT(CheckCallStillWanted(), IsOk());
  EXPECT_EQ(CurrentCallDeadline(), outer_deadline);
}

TEST(CallDeadlineTest, Deadlines_TheScopeBelongsToItsThreadAlone) {
  const CallDeadlineScope scope(absl::Now() - absl::Seconds(1), [] { return true; });
  std::atomic<bool> other_wanted{false};
  std::atomic<bool> other_has_no_deadline{false};
  std::thread other([&] {
    other_wanted = CheckCallStillWanted().ok();
    other_has_no_deadline = CurrentCallDeadline() == absl::InfiniteFuture();
  });
  other.join();
  EXPECT_TRUE(other_wanted);
  EXPECT_TRUE(other_has_no_deadline);
  EXPECT_THAT(CheckCallStillWanted(), StatusIs(absl::StatusCode::kDeadlineExceeded));
}

TEST(CallDeadlineTest, Deadlines_NoScopeIsLeftAfterTheLastEnds) {
  { const CallDeadlineScope scope(absl::Now() - absl::Seconds(1), nullptr); }
  EXPECT_THAT(CheckCallStillWanted(), IsOk());
  EXPECT_EQ(CurrentCallDeadline(), absl::InfiniteFuture());
}

}  // namespace
}  // namespace cs::common
