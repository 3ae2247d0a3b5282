// V1: what a complete record must hold before the archive accepts it — the closed ticket with its
// identity, its unit, its classification and its whole history and replies in order. Pure
// functions; thread-safe.
#ifndef CS_SERVICES_ARCHIVE_DOMAIN_RECORD_VALIDATION_H_
#define CS_SERVICES_ARCHIVE_DOMAIN_RECORD_VALIDATION_H_

#include "absl/strings/string_view.h"
#include "common/status/field_violations.h"
#include "common/units/unit_directory.h"
#include "services/archive/domain/archived_record.h"

namespace cs::archive {

// Longest values the classification columns keep.
inline constexpr int kMaxBusinessLineLength = 40;
inline constexpr int kMaxUnitNameLength = 200;

// Every problem of `content`, with field paths under `prefix` in cs.intake.v1.Ticket terms
// ("ticket.input.unit_id", "ticket.history[2].sequence"): ticket_id missing; not CLOSED; a unit
// that is not in `units`; kind or channel missing or unknown; received_at or closed_at missing, or
// closed before received; serials missing; history empty or its sequences not 1, 2, 3… in order
// (the record must be whole and in order); replies likewise; a business line longer than the
// archive keeps.
common::FieldViolations ValidateRecordContent(const RecordContent& content,
                                              const common::UnitDirectory& units,
                                              absl::string_view prefix);

// A routing path number that names a real path (not 0, not unknown); kinds and channels:
// common/tickets/ticket_vocabulary.h.
bool IsKnownRoutingPath(int path);

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_DOMAIN_RECORD_VALIDATION_H_
