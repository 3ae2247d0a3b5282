#include "common/testclock/test_clock_client.h"

#include "common/api/proto_time.h"
#include "common/grpc/client_auth.h"
#include "common/grpc/status_mapping.h"

namespace cs::common {
namespace {

absl::StatusOr<absl::Time> TimeOf(const grpc::Status& status,
                                  const cs::common::v1::ClockTime& response) {
  if (!status.ok()) return FromGrpcStatus(status);
  return FromProtoTimestamp(response.time(), "time");
}

}  // namespace

void TestClockClient::Prepare(grpc::ClientContext& context) const {
  AttachBearerToken(context, token_);
  context.set_deadline(absl::ToChronoTime(absl::Now() + deadline_));
}

absl::StatusOr<absl::Time> TestClockClient::Now() {
  grpc::ClientContext context;
  Prepare(context);
  cs::common::v1::ClockTime response;
  const grpc::Status status = stub_->GetTime(&context, cs::common::v1::GetTimeRequest(), &response);
  return TimeOf(status, response);
}

absl::StatusOr<absl::Time> TestClockClient::SetTime(absl::Time time, bool allow_backwards) {
  grpc::ClientContext context;
  Prepare(context);
  cs::common::v1::SetTimeRequest request;
  *request.mutable_time() = ToProtoTimestamp(time);
  request.set_allow_backwards(allow_backwards);
  cs::common::v1::ClockTime response;
  const grpc::Status status = stub_->SetTime(&context, request, &response);
  return TimeOf(status, response);
}

absl::StatusOr<absl::Time> TestClockClient::Advance(absl::Duration by) {
  grpc::ClientContext context;
  Prepare(context);
  cs::common::v1::AdvanceTimeRequest request;
  *request.mutable_by() = ToProtoDuration(by);
  cs::common::v1::ClockTime response;
  const grpc::Status status = stub_->AdvanceTime(&context, request, &response);
  return TimeOf(status, response);
}

}  // namespace cs::common
