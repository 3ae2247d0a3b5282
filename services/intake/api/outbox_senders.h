// Where intake's outbox goes (ARCHITECTURE "Between services"), each destination one RPC of the
// receiver through common/grpc/outbox_rpc_sender.h:
//  - "routing": ReceiveForwardedTicket, the forward of a ticket to the designated unit. routing's
//    answer IS the confirmation of receipt (SPEC I4), recorded on the ticket when it comes; until
//    then the relay retries.
//  - "archive": ArchiveRecord, the complete record of a closed ticket (SPEC V1), deduplicated by
//  the
//    outbox message id.
#ifndef CS_SERVICES_INTAKE_API_OUTBOX_SENDERS_H_
#define CS_SERVICES_INTAKE_API_OUTBOX_SENDERS_H_

#include <memory>
#include <string>

#include "common/db/outbox_relay.h"
#include "grpcpp/channel.h"
#include "services/intake/core/intake_core.h"

namespace cs::intake {

// `core` must outlive the senders.
common::db::OutboxRelay::Senders IntakeOutboxSenders(std::shared_ptr<grpc::Channel> routing,
                                                     std::shared_ptr<grpc::Channel> archive,
                                                     const std::string& service_token,
                                                     IntakeCore& core);

}  // namespace cs::intake

#endif  // CS_SERVICES_INTAKE_API_OUTBOX_SENDERS_H_
