#include "common/status/error_reason.h"

#include "gtest/gtest.h"

namespace cs::common {
namespace {

TEST(ErrorReasonTest, AttachedReasonIsReadBackAndKeepsCodeAndMessage) {
  const absl::Status status =
      WithReason(absl::FailedPreconditionError("ticket 7 is CLOSED"), reason::kStateForbidsChange);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message(), "ticket 7 is CLOSED");
  EXPECT_EQ(ReasonOf(status), "STATE_FORBIDS_CHANGE");
}

TEST(ErrorReasonTest, PlainStatusHasNoReason) {
  EXPECT_EQ(ReasonOf(absl::NotFoundError("no ticket 7")), "");
}

TEST(ErrorReasonTest, ALaterReasonReplacesAndAnEmptyOneRemoves) {
  absl::Status status = WithReason(absl::InvalidArgumentError("x"), reason::kInvalidFields);
  status = WithReason(status, reason::kRequestIdReused);
  EXPECT_EQ(ReasonOf(status), reason::kRequestIdReused);
  EXPECT_EQ(ReasonOf(WithReason(status, "")), "");
}

TEST(ErrorReasonTest, OkHasNoReason) {
  const absl::Status status = WithReason(absl::OkStatus(), reason::kInvalidFields);
  EXPECT_TRUE(status.ok());
  EXPECT_EQ(ReasonOf(status), "");
}

}  // namespace
}  // namespace cs::common
