#include "tools/loadgen/echo_service.h"

namespace cs::tools::loadgen {

EchoService::EchoService(EchoServiceOptions options) : options_(options) {}

grpc::Status EchoService::Echo(grpc::ServerContext* /*context*/,
                               const cs::bench::v1::EchoRequest* request,
                               cs::bench::v1::EchoReply* reply) {
  if (options_.delay > absl::ZeroDuration()) absl::SleepFor(options_.delay);
  if (options_.remember_request_ids) {
    absl::MutexLock lock(&mutex_);
    request_ids_.insert(request->request_id());
  }
  reply->set_request_id(request->request_id());
  reply->set_payload(request->payload());
  calls_.fetch_add(1, std::memory_order_relaxed);
  return grpc::Status::OK;
}

int64_t EchoService::distinct_request_ids() const {
  absl::MutexLock lock(&mutex_);
  return static_cast<int64_t>(request_ids_.size());
}

}  // namespace cs::tools::loadgen
