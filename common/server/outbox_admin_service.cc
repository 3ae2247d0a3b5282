#include "common/server/outbox_admin_service.h"

#include <string>
#include <utility>
#include <vector>

#include "common/api/paging.h"
#include "common/api/proto_time.h"
#include "common/api/request_fingerprint.h"
#include "common/auth/principal.h"
#include "common/db/printable_id.h"
#include "common/grpc/server_call_scope.h"
#include "common/grpc/status_mapping.h"

namespace cs::common {
namespace {

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 500;

}  // namespace

cs::common::v1::DeadLetter DeadLetterToProto(const db::DeadLetter& letter) {
  cs::common::v1::DeadLetter proto;
  proto.set_message_id(letter.message_id);
  proto.set_destination(letter.destination);
  proto.set_kind(letter.kind);
  proto.set_ordering_key(letter.ordering_key);
  *proto.mutable_created_at() = ToProtoTimestamp(letter.created_at);
  proto.set_attempts(letter.attempts);
  proto.set_last_error(letter.last_error);
  *proto.mutable_dead_lettered_at() = ToProtoTimestamp(letter.dead_lettered_at);
  proto.set_blocked_messages(letter.blocked_messages);
  return proto;
}

grpc::Status OutboxAdminService::ListDeadLetters(
    grpc::ServerContext* context, const cs::common::v1::ListDeadLettersRequest* request,
    cs::common::v1::ListDeadLettersResponse* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(const Principal caller, guard_.Admit(*context, __func__, *request));
  RETURN_IF_ERROR_GRPC(RequireRole(caller, {Role::kCsCenter, Role::kService}));
  if (!request->destination().empty()) {
    RETURN_IF_ERROR_GRPC(db::CheckPrintableId("destination", request->destination(), 64));
  }
  ASSIGN_OR_RETURN_GRPC(const int page_size,
                        PageSizeOf(request->page(), kDefaultPageSize, kMaxPageSize));
  const std::string fingerprint = FilterFingerprint(*request);
  ASSIGN_OR_RETURN_GRPC(const int64_t before_id,
                        DecodePageToken(request->page().page_token(), fingerprint));
  db::DeadLetterQuery query;
  query.destination = request->destination();
  query.before_id = before_id;
  query.limit = page_size + 1;  // one more tells whether there is a next page
  ASSIGN_OR_RETURN_GRPC(std::vector<db::DeadLetter> letters, db::ListDeadLetters(*pool_, query));
  const bool more = static_cast<int>(letters.size()) > page_size;
  if (more) letters.resize(page_size);
  for (const db::DeadLetter& letter : letters) {
    *response->add_dead_letters() = DeadLetterToProto(letter);
  }
  if (more) {
    response->mutable_page()->set_next_page_token(EncodePageToken(letters.back().id, fingerprint));
  }
  return grpc::Status::OK;
}

grpc::Status OutboxAdminService::RetryDeadLetter(
    grpc::ServerContext* context, const cs::common::v1::RetryDeadLetterRequest* request,
    cs::common::v1::RetryDeadLetterResponse* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(const Principal caller, guard_.Admit(*context, __func__, *request));
  RETURN_IF_ERROR_GRPC(RequireRole(caller, {Role::kCsCenter, Role::kService}));
  ASSIGN_OR_RETURN_GRPC(const db::DeadLetter letter,
                        db::RetryDeadLetter(*pool_, request->message_id(), clock_->Now()));
  if (on_retry_) on_retry_();
  *response->mutable_dead_letter() = DeadLetterToProto(letter);
  return grpc::Status::OK;
}

}  // namespace cs::common
