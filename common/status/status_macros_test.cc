#include "common/status/status_macros.h"

#include <string>

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Not;

absl::StatusOr<int> Parse(bool ok, int value) {
  if (!ok) return absl::InvalidArgumentError("bad number");
  return value;
}

absl::Status Check(bool ok) {
  return ok ? absl::OkStatus() : absl::FailedPreconditionError("not ready");
}

absl::StatusOr<int> DoubleOf(bool ok, int value) {
  ASSIGN_OR_RETURN(int parsed, Parse(ok, value));
  return parsed * 2;
}

absl::Status CheckBoth(bool first, bool second, int* calls) {
  ++*calls;
  RETURN_IF_ERROR(Check(first));
  ++*calls;
  RETURN_IF_ERROR(Parse(second, 1));
  ++*calls;
  return absl::OkStatus();
}

TEST(StatusMacrosTest, AssignOrReturnMovesValue) {
  EXPECT_THAT(DoubleOf(true, 21), IsOkAndHolds(42));
}

TEST(StatusMacrosTest, AssignOrReturnPropagatesError) {
  EXPECT_THAT(DoubleOf(false, 21), StatusIs(absl::StatusCode::kInvalidArgument, "bad number"));
}

TEST(StatusMacrosTest, ReturnIfErrorStopsAtFirstError) {
  int calls = 0;
  EXPECT_THAT(CheckBoth(false, true, &calls), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(calls, 1);
  calls = 0;
  EXPECT_THAT(CheckBoth(true, false, &calls), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(calls, 2);
  calls = 0;
  EXPECT_THAT(CheckBoth(true, true, &calls), IsOk());
  EXPECT_EQ(calls, 3);
}

TEST(StatusMatchersTest, MatchersRejectWhatTheyShouldReject) {
  EXPECT_THAT(absl::InternalError("x"), Not(IsOk()));
  EXPECT_THAT(absl::StatusOr<int>(7), Not(IsOkAndHolds(8)));
  EXPECT_THAT(absl::StatusOr<int>(absl::NotFoundError("gone")), Not(IsOkAndHolds(7)));
  EXPECT_THAT(absl::NotFoundError("gone"), Not(StatusIs(absl::StatusCode::kInternal)));
  EXPECT_THAT(absl::NotFoundError("gone"),
              Not(StatusIs(absl::StatusCode::kNotFound, HasSubstr("here"))));
}

}  // namespace
}  // namespace cs::common
