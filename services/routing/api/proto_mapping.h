// Conversions between the wire types of cs.routing.v1 (and the outcome message routing sends to
// intake) and the routing domain. Enum values out of range are INVALID_ARGUMENT naming the field.
// Pure functions; thread-safe.
#ifndef CS_SERVICES_ROUTING_API_PROTO_MAPPING_H_
#define CS_SERVICES_ROUTING_API_PROTO_MAPPING_H_

#include <string>

#include "absl/status/statusor.h"
#include "common/units/unit_directory.h"
#include "cs/intake/v1/intake.pb.h"
#include "cs/routing/v1/routing.pb.h"
#include "cs/routing/v1/routing_intake.pb.h"
#include "google/protobuf/message.h"
#include "services/routing/core/routing_core.h"
#include "services/routing/domain/routed_ticket.h"
#include "services/routing/domain/routing_lifecycle.h"
#include "services/routing/store/routing_store.h"

namespace cs::routing {

absl::StatusOr<ForwardedTicket> FromProto(const v1::ForwardedTicket& proto);
v1::ForwardedTicket ToProto(const ForwardedTicket& ticket);

// The confirmation of receipt intake records (SPEC I4).
v1::Receipt ToReceipt(const ReceiveResult& result);

// With history, orders and deliveries when `with_children`. `now` judges leases; `units` names
// units.
v1::RoutedTicket ToProto(const RoutedTicket& routed, bool with_children, absl::Time now,
                         const common::UnitDirectory& units);
v1::DispatchOrder ToProto(const OrderView& view, absl::Time now,
                          const common::UnitDirectory& units);
// The lease token is included only for a gateway's pull (`with_lease_token`).
v1::Delivery ToProto(const DeliveryView& view, absl::Time now, bool with_lease_token);

absl::StatusOr<DecisionInput> FromProto(const v1::DecideTicketRequest& request);
absl::StatusOr<RoutedTicketFilter> FromProto(const v1::ListRoutedTicketsRequest& request);
absl::StatusOr<OrderFilter> FromProto(const v1::ListDispatchOrdersRequest& request);
absl::StatusOr<DeliveryFilter> FromProto(const v1::ListDeliveriesRequest& request);
absl::StatusOr<PullRequest> FromProto(const v1::PullDeliveriesRequest& request);
absl::StatusOr<DeliveryAck> FromProto(const v1::AckDeliveryRequest& request);
absl::StatusOr<PreviewRequest> FromProto(const v1::PreviewReplyRequest& request);

v1::MonthlyStatistics ToProto(const MonthlyStatistics& statistics);

// The report to intake (cs.intake.v1.IntakeService/ReportTicketOutcome) without its message_id.
cs::intake::v1::ReportTicketOutcomeRequest ToOutcomeRequest(const RoutedTicket& routed,
                                                            const OutcomeReport& report);

}  // namespace cs::routing

#endif  // CS_SERVICES_ROUTING_API_PROTO_MAPPING_H_
