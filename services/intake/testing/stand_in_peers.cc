#include "services/intake/testing/stand_in_peers.h"

#include "absl/strings/str_cat.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"

namespace cs::intake::testing {

grpc::Status StandInRouting::ReceiveForwardedTicket(
    grpc::ServerContext* context, const cs::routing::v1::ReceiveForwardedTicketRequest* request,
    cs::routing::v1::Receipt* response) {
  Mode mode;
  absl::Duration delay;
  bool duplicate = false;
  {
    absl::MutexLock lock(&mutex_);
    ++calls_[request->forward_id()];
    auto auth = context->client_metadata().find("authorization");
    last_authorization_ = auth == context->client_metadata().end()
                              ? ""
                              : std::string(auth->second.data(), auth->second.size());
    mode = mode_;
    delay = delay_;
    if (mode != Mode::kRefuse && mode != Mode::kReject) {
      duplicate = std::find(stored_.begin(), stored_.end(), request->forward_id()) != stored_.end();
      if (!duplicate) stored_.push_back(request->forward_id());
    }
  }
  if (mode == Mode::kRefuse)
    return grpc::Status(grpc::StatusCode::UNAVAILABLE, "designated unit down");
  if (mode == Mode::kReject) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "ticket.unit_id: unknown unit");
  }
  absl::SleepFor(delay);
  if (mode == Mode::kDropAcknowledgement) {
    return grpc::Status(grpc::StatusCode::UNAVAILABLE, "acknowledgement lost");
  }
  response->set_receipt_id(absl::StrCat("R-", request->forward_id()));
  response->set_forward_id(request->forward_id());
  response->set_duplicate(duplicate);
  return grpc::Status::OK;
}

void StandInRouting::set_mode(Mode mode) {
  absl::MutexLock lock(&mutex_);
  mode_ = mode;
}

void StandInRouting::set_delay(absl::Duration delay) {
  absl::MutexLock lock(&mutex_);
  delay_ = delay;
}

int StandInRouting::calls(const std::string& forward_id) const {
  absl::MutexLock lock(&mutex_);
  auto it = calls_.find(forward_id);
  return it == calls_.end() ? 0 : it->second;
}

int StandInRouting::total_calls() const {
  absl::MutexLock lock(&mutex_);
  int total = 0;
  for (const auto& [id, count] : calls_) total += count;
  return total;
}

std::vector<std::string> StandInRouting::stored() const {
  absl::MutexLock lock(&mutex_);
  return stored_;
}

std::string StandInRouting::last_authorization() const {
  absl::MutexLock lock(&mutex_);
  return last_authorization_;
}

grpc::Status StandInArchive::ArchiveRecord(grpc::ServerContext*,
                                           const cs::archive::v1::ArchiveRecordRequest* request,
                                           cs::archive::v1::ArchiveRecordResponse* response) {
  absl::MutexLock lock(&mutex_);
  ++calls_;
  response->set_duplicate(records_.count(request->message_id()) > 0);
  records_.emplace(request->message_id(), *request);
  response->set_record_id(request->message_id());
  return grpc::Status::OK;
}

std::vector<cs::archive::v1::ArchiveRecordRequest> StandInArchive::records() const {
  absl::MutexLock lock(&mutex_);
  std::vector<cs::archive::v1::ArchiveRecordRequest> out;
  for (const auto& [id, record] : records_) out.push_back(record);
  return out;
}

int StandInArchive::calls() const {
  absl::MutexLock lock(&mutex_);
  return calls_;
}

LoopbackServer::LoopbackServer(grpc::Service* service) {
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
  builder.RegisterService(service);
  server_ = builder.BuildAndStart();
}

LoopbackServer::~LoopbackServer() { server_->Shutdown(absl::ToChronoTime(absl::Now())); }

std::string LoopbackServer::address() const { return absl::StrCat("127.0.0.1:", port_); }

}  // namespace cs::intake::testing
