// The cs.common.v1.OutboxAdmin service (proto/cs/common/v1/outbox_admin.proto): lists the dead
// letters of the service's outbox and lets an operator retry one (common/db/outbox.h). Registered
// by StartBackgroundWork for every service that has an outbox (intake, routing), so a new one gets
// it with its relay. Roles CS_CENTER and SERVICE. Thread-safe: stateless over the pool.
#ifndef CS_COMMON_SERVER_OUTBOX_ADMIN_SERVICE_H_
#define CS_COMMON_SERVER_OUTBOX_ADMIN_SERVICE_H_

#include <functional>

#include "common/db/connection_pool.h"
#include "common/db/outbox.h"
#include "common/grpc/access_guard.h"
#include "common/grpc/authenticator.h"
#include "common/server/outbox_admin_access.h"
#include "common/time/clock.h"
#include "cs/common/v1/outbox_admin.grpc.pb.h"

namespace cs::common {

cs::common::v1::DeadLetter DeadLetterToProto(const db::DeadLetter& letter);

class OutboxAdminService final : public cs::common::v1::OutboxAdmin::Service {
 public:
  // Every argument must outlive the service. `clock` stamps the retry (the relay's clock, the real
  // one); `on_retry` (may be empty) runs after a retry committed, to wake the relay.
  OutboxAdminService(db::ConnectionPool* pool, const Authenticator* authenticator,
                     const Clock* clock, std::function<void()> on_retry)
      : pool_(pool),
        guard_(*authenticator, OutboxAdminAccessTable()),
        clock_(clock),
        on_retry_(std::move(on_retry)) {}

  grpc::Status ListDeadLetters(grpc::ServerContext* context,
                               const cs::common::v1::ListDeadLettersRequest* request,
                               cs::common::v1::ListDeadLettersResponse* response) override;
  grpc::Status RetryDeadLetter(grpc::ServerContext* context,
                               const cs::common::v1::RetryDeadLetterRequest* request,
                               cs::common::v1::RetryDeadLetterResponse* response) override;

 private:
  db::ConnectionPool* const pool_;
  const AccessGuard guard_;
  const Clock* const clock_;
  const std::function<void()> on_retry_;
};

}  // namespace cs::common

#endif  // CS_COMMON_SERVER_OUTBOX_ADMIN_SERVICE_H_
