// OutcomeEncoder with protobuf: an outcome becomes a serialized
// cs.intake.v1.ReportTicketOutcomeRequest (without message_id, which the sender sets to the outbox
// message id). Stateless; thread-safe.
#ifndef CS_SERVICES_ROUTING_API_PROTO_OUTCOME_ENCODER_H_
#define CS_SERVICES_ROUTING_API_PROTO_OUTCOME_ENCODER_H_

#include <string>

#include "services/routing/core/routing_ports.h"

namespace cs::routing {

class ProtoOutcomeEncoder final : public OutcomeEncoder {
 public:
  std::string EncodeOutcome(const RoutedTicket& routed, const OutcomeReport& outcome) override;
};

}  // namespace cs::routing

#endif  // CS_SERVICES_ROUTING_API_PROTO_OUTCOME_ENCODER_H_
