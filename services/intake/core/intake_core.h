// The intake use cases (SPEC §1): who may do what to which ticket, the deadline each ticket gets,
// and the store calls that make each change atomic with its outgoing messages. Knows no gRPC and no
// SQL: it works on domain values through TicketStore and the ports of intake_ports.h. Thread-safe
// (it holds no mutable state of its own).
#ifndef CS_SERVICES_INTAKE_CORE_INTAKE_CORE_H_
#define CS_SERVICES_INTAKE_CORE_INTAKE_CORE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/auth/principal.h"
#include "common/time/calendar_holder.h"
#include "common/time/clock.h"
#include "common/time/deadline.h"
#include "common/units/unit_directory.h"
#include "services/intake/core/intake_ports.h"
#include "services/intake/domain/ticket.h"
#include "services/intake/domain/ticket_lifecycle.h"
#include "services/intake/store/ticket_store.h"

namespace cs::intake {

// SPEC I5 targets.
struct IntakeTargets {
  // Intake to confirmed receipt: 1 working hour (A5 6.3).
  common::Period forward_confirmation{common::PeriodUnit::kWorkingHours, 1};
  // A special request: "immediately" — 15 wall minutes unless configured.
  common::Period special_request_confirmation{common::PeriodUnit::kWallMinutes, 15};
};

// One unit's forwarding figures for one local month (SPEC I5, A5 6.3), as the assessment service
// reads them (SPEC §5). `counts` as TicketStore::CountForwarding defines them, for the month's
// instants in the calendar's time zone, as of `as_of`.
struct MonthlyForwardingStatistics {
  std::string unit_id;
  // "YYYY-MM".
  std::string month;
  ForwardingCounts counts;
  absl::Time as_of;
};

// Outgoing message destinations (the relay registers a sender for each).
inline constexpr absl::string_view kRoutingDestination = "routing";
inline constexpr absl::string_view kArchiveDestination = "archive";

class IntakeCore {
 public:
  // Every reference must outlive the core.
  // `outbox_written` (may be empty) is called after a change that enqueued messages has committed,
  // so the relay sends them at once instead of at its next poll.
  IntakeCore(TicketStore& store, const common::UnitDirectory& units,
             const common::CalendarHolder& calendars, IntakeTargets targets, common::Clock& clock,
             MessageEncoder& encoder, SlaObserver& sla, std::function<void()> outbox_written = {});

  // SPEC I1: records a ticket at the caller's own unit. PERMISSION_DENIED for another unit or role,
  // INVALID_ARGUMENT naming every bad field.
  absl::StatusOr<CreateResult> CreateTicket(const common::Principal& caller, TicketInput input,
                                            const RequestKey& key);
  // CreateTicket's outcome handed to `done` exactly once, without holding the calling thread
  // while the ticket is committed (TicketStore::CreateAsync). A refusal is handed over at once.
  void CreateTicketAsync(const common::Principal& caller, TicketInput input, const RequestKey& key,
                         TicketStore::CreateDone done);

  absl::StatusOr<Ticket> GetTicket(const common::Principal& caller, int64_t ticket_id);

  // Unit staff see their own unit only (an empty filter unit means theirs); CS_CENTER sees all.
  // `confirm_overdue` keeps only tickets whose confirmation deadline has passed by now.
  absl::StatusOr<TicketPage> ListTickets(const common::Principal& caller, TicketFilter filter,
                                         bool confirm_overdue, int64_t after_id, int page_size);

  // Replaces the fields named in `changed_fields` (already applied into `updated` by the caller)
  // while the ticket is with its unit. ABORTED when expected_version is non-zero and stale.
  absl::StatusOr<Ticket> UpdateTicket(const common::Principal& caller, int64_t ticket_id,
                                      const TicketInput& updated,
                                      const std::vector<std::string>& changed_fields,
                                      int64_t expected_version);

  // A5 6.2 / SPEC I2, I4: forwards to the designated unit through the outbox.
  absl::StatusOr<Ticket> ForwardTicket(const common::Principal& caller, int64_t ticket_id,
                                       const RequestKey& key);

  // M 7.3: closes and sends the complete record to the archive (SPEC V1).
  absl::StatusOr<Ticket> CloseTicket(const common::Principal& caller, int64_t ticket_id,
                                     const Closing& closing, const RequestKey& key);

  // Routing's report (role SERVICE). Returns false for a duplicate or stale report.
  absl::StatusOr<bool> ReportOutcome(const common::Principal& caller, int64_t ticket_id,
                                     Outcome outcome);

  // Routing confirmed receipt of a forward (called by the relay's sender with routing's answer).
  absl::Status RecordReceipt(int64_t ticket_id, const std::string& forward_id,
                             const std::string& receipt_id);

  // Form F4 as text (SPEC I3, A1 7.3.2).
  absl::StatusOr<std::string> RenderForm(const common::Principal& caller, int64_t ticket_id);

  // SPEC I5 for the assessment (SPEC §5): the forwarding figures of `unit_id` for `month`
  // ("YYYY-MM", a local month of the calendar's zone), read now. SERVICE, CS_CENTER and OFFICE may
  // read any unit; UNIT_STAFF, UNIT_MANAGER and DESIGNATED_UNIT their own (an empty unit_id means
  // theirs); PERMISSION_DENIED otherwise. INVALID_ARGUMENT naming unit_id (unknown, or empty for a
  // role without a unit) or month (not "YYYY-MM").
  absl::StatusOr<MonthlyForwardingStatistics> GetMonthlyForwardingStatistics(
      const common::Principal& caller, std::string unit_id, const std::string& month);

  // Counts newly missed confirmation deadlines and refreshes the awaiting-confirmation picture.
  // Called periodically; safe to run in several replicas at once.
  absl::Status SweepSla();

  // The confirmation deadline of a ticket recorded (or returned) at `start` (SPEC I5).
  // INVALID_ARGUMENT only for targets that ValidatePeriod refuses (checked at start).
  absl::StatusOr<common::Deadline> ConfirmDeadline(absl::Time start, bool special_request) const;

 private:
  // The new ticket as the caller asked for it, before the store numbers it; the refusal when the
  // input is invalid or the caller may not record at that unit.
  absl::StatusOr<Ticket> DraftTicket(const common::Principal& caller, TicketInput input);
  // The clock's time, truncated to the microseconds the database stores.
  absl::Time Now() const;
  // PERMISSION_DENIED unless the caller is staff or manager of `unit_id`.
  absl::Status RequireUnitStaff(const common::Principal& caller, absl::string_view unit_id) const;
  // Reports a confirmation to the SLA observer.
  void ObserveConfirmation(const Ticket& ticket, bool miss_already_counted) const;

  TicketStore& store_;
  const common::UnitDirectory& units_;
  // The calendar in force, which a reload may replace while the process runs (calendar_holder.h).
  const common::CalendarHolder& calendars_;
  const IntakeTargets targets_;
  common::Clock& clock_;
  MessageEncoder& encoder_;
  SlaObserver& sla_;
  const std::function<void()> outbox_written_;
};

}  // namespace cs::intake

#endif  // CS_SERVICES_INTAKE_CORE_INTAKE_CORE_H_
