// Where routing's outbox goes (ARCHITECTURE "Between services"): every outcome of a routed ticket
// (SPEC R1–R4, and replies reaching users) to intake's ReportTicketOutcome, through
// common/grpc/outbox_rpc_sender.h. The outbox message id becomes the report's message_id, by
// which intake dedupes.
#ifndef CS_SERVICES_ROUTING_API_OUTBOX_SENDERS_H_
#define CS_SERVICES_ROUTING_API_OUTBOX_SENDERS_H_

#include <memory>
#include <string>

#include "common/db/outbox_relay.h"
#include "grpcpp/channel.h"

namespace cs::routing {

common::db::OutboxRelay::Senders RoutingOutboxSenders(std::shared_ptr<grpc::Channel> intake,
                                                      const std::string& service_token);

}  // namespace cs::routing

#endif  // CS_SERVICES_ROUTING_API_OUTBOX_SENDERS_H_
