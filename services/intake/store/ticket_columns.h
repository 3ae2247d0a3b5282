// The column list of intake's `tickets` table (all but id), shared by the MySQL store's INSERT and
// SELECTs and by the list query the query-plan test examines, so that test asks MariaDB about the
// very statement the store prepares (a narrower SELECT could be served by an index alone and be
// planned differently).
#ifndef CS_SERVICES_INTAKE_STORE_TICKET_COLUMNS_H_
#define CS_SERVICES_INTAKE_STORE_TICKET_COLUMNS_H_

#include "absl/strings/string_view.h"

namespace cs::intake {

// Every column of `tickets` but id, in the order the MySQL store binds a ticket's values.
inline constexpr absl::string_view kTicketColumns =
    "unit_id, status, kind, channel, reply_channel, special_request, special_request_note, "
    "problem, device_number, contact_phone, contact_person, user_number, user_name, company, "
    "address, postal_code, email, complained_at, handler, processor, reviewer, business_line, "
    "overall_serial, serial_month, month_serial, received_at, confirm_clock_start, "
    "confirm_deadline, confirm_deadline_calendar, confirm_miss_counted, forward_id, forwarded_at, "
    "forward_deadline, forward_deadline_calendar, forward_confirmed_at, forward_receipt_id, "
    "forward_working_time_us, last_outcome, handling_department, handling_deadline, "
    "replied_to_user_at, return_reason, return_note, fields_at_fault, callback_at, closed_at, "
    "updated_at, version, confirm_deadline_provisional, forward_deadline_provisional";
inline constexpr int kTicketColumnCount = 50;

}  // namespace cs::intake

#endif  // CS_SERVICES_INTAKE_STORE_TICKET_COLUMNS_H_
