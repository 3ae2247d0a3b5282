// The texts routing sends to others than the user: the escalation of a ticket to the telecom
// company's dispatch address (SPEC R3, A5 6.5) and the supervision reminder of an overdue order
// (SPEC R6, A5 6.7). Internal business mail of a Chinese company: Chinese only. Pure functions;
// thread-safe.
#ifndef CS_SERVICES_ROUTING_DOMAIN_DISPATCH_NOTICES_H_
#define CS_SERVICES_ROUTING_DOMAIN_DISPATCH_NOTICES_H_

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/routing/domain/reply_letters.h"
#include "services/routing/domain/routed_ticket.h"

namespace cs::routing {

// The escalation: every element of A5 6.1, who sent it and by when the company is asked to
// acknowledge (local time of `zone`). `origin_unit_name` and `designated_unit_name` come from the
// units directory.
Letter TelecomDispatchNotice(const RoutedTicket& routed, absl::string_view origin_unit_name,
                             absl::string_view designated_unit_name, absl::Time acknowledge_by,
                             absl::TimeZone zone);

// The reminder number `sequence` of an overdue order, to its unit (or the telecom company).
Letter OverdueReminderNotice(const DispatchOrder& order, const ForwardedTicket& ticket,
                             absl::string_view designated_unit_name, int sequence,
                             absl::TimeZone zone);

}  // namespace cs::routing

#endif  // CS_SERVICES_ROUTING_DOMAIN_DISPATCH_NOTICES_H_
