// The cs.common.v1.TestClock service (proto/cs/common/v1/test_clock.proto): lets a test set and
// advance the ManualClock that a process started with --test_clock uses for everything, so an
// end-to-end test moves every service through days at once. Registered by the server bootstrap ONLY
// in --test_clock mode; a production process does not serve it (a call gets UNIMPLEMENTED). Callers
// must be authenticated (any role): even a test deployment should not let anonymous peers move its
// time. Thread-safe: setting and advancing are serialized so a backwards check and the move are one
// step.
#ifndef CS_COMMON_TESTCLOCK_TEST_CLOCK_SERVICE_H_
#define CS_COMMON_TESTCLOCK_TEST_CLOCK_SERVICE_H_

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "common/grpc/access_guard.h"
#include "common/grpc/authenticator.h"
#include "common/testclock/test_clock_access.h"
#include "common/time/clock.h"
#include "cs/common/v1/test_clock.grpc.pb.h"

namespace cs::common {

class TestClockService final : public cs::common::v1::TestClock::Service {
 public:
  // `clock` and `authenticator` must outlive the service.
  TestClockService(ManualClock* clock, const Authenticator* authenticator)
      : clock_(clock), guard_(*authenticator, TestClockAccessTable()) {}

  // UNAUTHENTICATED without a valid token.
  grpc::Status GetTime(grpc::ServerContext* context, const cs::common::v1::GetTimeRequest* request,
                       cs::common::v1::ClockTime* response) override;
  // INVALID_ARGUMENT naming `time` when it is missing or invalid; FAILED_PRECONDITION when it lies
  // before the current time and allow_backwards is false.
  grpc::Status SetTime(grpc::ServerContext* context, const cs::common::v1::SetTimeRequest* request,
                       cs::common::v1::ClockTime* response) override;
  // INVALID_ARGUMENT naming `by` when it is invalid or negative.
  grpc::Status AdvanceTime(grpc::ServerContext* context,
                           const cs::common::v1::AdvanceTimeRequest* request,
                           cs::common::v1::ClockTime* response) override;

 private:
  ManualClock* const clock_;
  const AccessGuard guard_;
  // Serializes moves; reads go straight to the clock, which is thread-safe itself.
  absl::Mutex move_mutex_;
};

}  // namespace cs::common

#endif  // CS_COMMON_TESTCLOCK_TEST_CLOCK_SERVICE_H_
