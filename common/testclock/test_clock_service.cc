#include "common/testclock/test_clock_service.h"

#include "absl/strings/str_cat.h"
#include "common/api/proto_time.h"
#include "common/grpc/server_call_scope.h"
#include "common/grpc/status_mapping.h"
#include "common/status/field_violations.h"

namespace cs::common {

grpc::Status TestClockService::GetTime(grpc::ServerContext* context,
                                       const cs::common::v1::GetTimeRequest* request,
                                       cs::common::v1::ClockTime* response) {
  const common::ServerCallScope call_scope(*context);
  RETURN_IF_ERROR_GRPC(guard_.Admit(*context, __func__, *request));
  *response->mutable_time() = ToProtoTimestamp(clock_->Now());
  return grpc::Status::OK;
}

grpc::Status TestClockService::SetTime(grpc::ServerContext* context,
                                       const cs::common::v1::SetTimeRequest* request,
                                       cs::common::v1::ClockTime* response) {
  const common::ServerCallScope call_scope(*context);
  RETURN_IF_ERROR_GRPC(guard_.Admit(*context, __func__, *request));
  if (!request->has_time()) return ToGrpcStatus(InvalidField("time", "must be set"));
  ASSIGN_OR_RETURN_GRPC(const absl::Time time, FromProtoTimestamp(request->time(), "time"));
  absl::MutexLock lock(&move_mutex_);
  const absl::Time now = clock_->Now();
  if (time < now && !request->allow_backwards()) {
    return ToGrpcStatus(absl::FailedPreconditionError(
        absl::StrCat("the clock is at ", absl::FormatTime(now), "; moving it back to ",
                     absl::FormatTime(time), " needs allow_backwards")));
  }
  clock_->SetTime(time);
  *response->mutable_time() = ToProtoTimestamp(time);
  return grpc::Status::OK;
}

grpc::Status TestClockService::AdvanceTime(grpc::ServerContext* context,
                                           const cs::common::v1::AdvanceTimeRequest* request,
                                           cs::common::v1::ClockTime* response) {
  const common::ServerCallScope call_scope(*context);
  RETURN_IF_ERROR_GRPC(guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(const absl::Duration by, FromProtoDuration(request->by(), "by"));
  if (by < absl::ZeroDuration()) {
    return ToGrpcStatus(InvalidField("by", "must not be negative; use SetTime to go back"));
  }
  absl::MutexLock lock(&move_mutex_);
  clock_->Advance(by);
  *response->mutable_time() = ToProtoTimestamp(clock_->Now());
  return grpc::Status::OK;
}

}  // namespace cs::common
