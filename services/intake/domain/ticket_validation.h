// The checks a ticket's content must pass: well-formed fields when it is saved (SPEC I1, I3, I6,
// I7) and the required elements before it may leave its unit (SPEC I2). Pure functions;
// thread-safe.
#ifndef CS_SERVICES_INTAKE_DOMAIN_TICKET_VALIDATION_H_
#define CS_SERVICES_INTAKE_DOMAIN_TICKET_VALIDATION_H_

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/status/field_violations.h"
#include "common/units/unit_directory.h"
#include "services/intake/domain/ticket.h"

namespace cs::intake {

// Longest accepted text, in characters (Unicode code points), per field.
struct TextLimits {
  static constexpr int kProblem = 4000;
  static constexpr int kNote = 500;
  static constexpr int kName = 100;
  static constexpr int kAddress = 300;
  static constexpr int kNumber = 40;
  static constexpr int kReplyText = 4000;
};

// Every problem of `input`, each naming its field (prefixed with `prefix.` when given): unknown
// unit, unknown or missing kind/channel, unknown reply channel, blank or over-long text, control
// characters in one-line fields, a phone or device number that is not digits with the usual
// separators (common/text/phone_number.h), a postal code that is not 6 digits, a malformed email, a
// complaint date in the future. Required elements may be empty here: a ticket missing them can be
// saved (SPEC I2).
common::FieldViolations ValidateTicketInput(const TicketInput& input,
                                            const common::UnitDirectory& units, absl::Time now,
                                            absl::string_view prefix = "ticket");

// OK when the required elements of SPEC I2 (problem, device_number, contact_phone, contact_person)
// are all present; otherwise INVALID_ARGUMENT whose violations name each missing one.
absl::Status CheckForwardable(const TicketInput& input);

}  // namespace cs::intake

#endif  // CS_SERVICES_INTAKE_DOMAIN_TICKET_VALIDATION_H_
