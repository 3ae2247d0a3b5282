// Conversions between the wire types of cs.intake.v1 (and the messages intake sends to routing and
// the archive) and the intake domain. Pure functions; thread-safe.
#ifndef CS_SERVICES_INTAKE_API_PROTO_MAPPING_H_
#define CS_SERVICES_INTAKE_API_PROTO_MAPPING_H_

#include <string>

#include "absl/status/statusor.h"
#include "cs/archive/v1/archive_intake.pb.h"
#include "cs/intake/v1/intake.pb.h"
#include "cs/routing/v1/routing_intake.pb.h"
#include "google/protobuf/timestamp.pb.h"
#include "services/intake/core/intake_core.h"
#include "services/intake/domain/ticket.h"
#include "services/intake/domain/ticket_lifecycle.h"
#include "services/intake/store/ticket_store.h"

namespace cs::intake {

// Enum values the domain does not know are kept as numbers, so the domain's validation names them.
absl::StatusOr<TicketInput> FromProto(const v1::TicketInput& proto, absl::string_view field_prefix);
v1::TicketInput ToProto(const TicketInput& input);

// With history and replies when `with_children`.
v1::Ticket ToProto(const Ticket& ticket, bool with_children = true);

absl::StatusOr<Outcome> FromProto(const v1::ReportTicketOutcomeRequest& request);

v1::MonthlyForwardingStatistics ToProto(const MonthlyForwardingStatistics& stats);

// TicketFilter of a List request. INVALID_ARGUMENT naming a bad time range.
absl::StatusOr<TicketFilter> FromProto(const v1::ListTicketsRequest& request);

// The forward of the ticket's current forward, as routing receives it.
cs::routing::v1::ReceiveForwardedTicketRequest ToForwardRequest(const Ticket& ticket);

// Applies the paths of `mask` from `patch` onto `base`. INVALID_ARGUMENT naming update_mask for an
// unknown path or for unit_id (the unit of first contact never changes). The changed paths are
// returned.
absl::StatusOr<std::vector<std::string>> ApplyFieldMask(const v1::TicketInput& patch,
                                                        const google::protobuf::FieldMask& mask,
                                                        v1::TicketInput& base);

}  // namespace cs::intake

#endif  // CS_SERVICES_INTAKE_API_PROTO_MAPPING_H_
