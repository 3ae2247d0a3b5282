#include "services/routing/api/proto_outcome_encoder.h"

#include "services/routing/api/proto_mapping.h"

namespace cs::routing {

std::string ProtoOutcomeEncoder::EncodeOutcome(const RoutedTicket& routed,
                                               const OutcomeReport& outcome) {
  return ToOutcomeRequest(routed, outcome).SerializeAsString();
}

}  // namespace cs::routing
