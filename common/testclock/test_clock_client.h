// Client of the cs.common.v1.TestClock service, for tests that drive a running process's clock (the
// process must run with --test_clock). Every call has a deadline and carries the bearer token.
// Thread-safe (the gRPC stub is).
#ifndef CS_COMMON_TESTCLOCK_TEST_CLOCK_CLIENT_H_
#define CS_COMMON_TESTCLOCK_TEST_CLOCK_CLIENT_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "cs/common/v1/test_clock.grpc.pb.h"
#include "grpcpp/channel.h"

namespace cs::common {

class TestClockClient final {
 public:
  TestClockClient(std::shared_ptr<grpc::ChannelInterface> channel, std::string bearer_token,
                  absl::Duration deadline = absl::Seconds(10))
      : stub_(cs::common::v1::TestClock::NewStub(std::move(channel))),
        token_(std::move(bearer_token)),
        deadline_(deadline) {}

  // Each returns the process's time after the call, or the call's error as an absl::Status
  // (UNIMPLEMENTED when the process does not run a test clock).
  absl::StatusOr<absl::Time> Now();
  absl::StatusOr<absl::Time> SetTime(absl::Time time, bool allow_backwards = false);
  absl::StatusOr<absl::Time> Advance(absl::Duration by);

 private:
  void Prepare(grpc::ClientContext& context) const;

  std::unique_ptr<cs::common::v1::TestClock::Stub> stub_;
  const std::string token_;
  const absl::Duration deadline_;
};

}  // namespace cs::common

#endif  // CS_COMMON_TESTCLOCK_TEST_CLOCK_CLIENT_H_
