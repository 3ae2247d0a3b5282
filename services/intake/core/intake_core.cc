#include "services/intake/core/intake_core.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/forms/f4_form.h"
#include "common/status/quoted_value.h"
#include "common/status/status_macros.h"
#include "common/text/utf8.h"
#include "common/time/report_month.h"
#include "common/units/unit_scope.h"
#include "services/intake/domain/ticket_validation.h"

namespace cs::intake {
namespace {

using common::Principal;
using common::Role;

constexpr absl::string_view kForwardScope = "ForwardTicket";
constexpr absl::string_view kCloseScope = "CloseTicket";

std::string OrderingKey(int64_t ticket_id) { return absl::StrCat("ticket-", ticket_id); }

int CountEvents(const Ticket& ticket, absl::string_view event) {
  return static_cast<int>(std::count_if(ticket.history.begin(), ticket.history.end(),
                                        [&](const HistoryEntry& e) { return e.event == event; }));
}

common::F4Record ToF4Record(const Ticket& ticket, const common::UnitDirectory& units) {
  common::F4Record record;
  record.overall_serial = ticket.overall_serial;
  record.month_serial = absl::StrCat(ticket.serial_month, " / ", ticket.month_serial);
  record.user_number = ticket.input.user_number;
  record.user_name = ticket.input.user_name;
  record.contact_phone = ticket.input.contact_phone;
  record.company = ticket.input.company;
  record.address = ticket.input.address;
  record.postal_code = ticket.input.postal_code;
  record.complained_at = ticket.input.complained_at.value_or(ticket.received_at);
  if (ticket.forward.has_value()) record.forwarded_at = ticket.forward->forwarded_at;
  record.handling_deadline = ticket.handling_deadline;
  record.handling_department = ticket.handling_department;
  if (const common::UnitInfo* unit = units.Find(ticket.handling_department)) {
    record.handling_department = unit->name;
  }
  record.replied_to_user_at = ticket.replied_to_user_at;
  record.callback_at = ticket.callback_at;
  record.handler = ticket.input.handler;
  record.complaint_text = ticket.input.problem;
  record.processor = ticket.input.processor;
  record.reviewer = ticket.input.reviewer;
  return record;
}

}  // namespace

absl::Time IntakeCore::Now() const { return common::TruncateToMicroseconds(clock_.Now()); }

IntakeCore::IntakeCore(TicketStore& store, const common::UnitDirectory& units,
                       const common::CalendarHolder& calendars, IntakeTargets targets,
                       common::Clock& clock, MessageEncoder& encoder, SlaObserver& sla,
                       std::function<void()> outbox_written)
    : store_(store),
      units_(units),
      calendars_(calendars),
      targets_(std::move(targets)),
      clock_(clock),
      encoder_(encoder),
      sla_(sla),
      outbox_written_(std::move(outbox_written)) {}

absl::Status IntakeCore::RequireUnitStaff(const Principal& caller,
                                          absl::string_view unit_id) const {
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kUnitStaff, Role::kUnitManager}));
  return common::RequireUnit(caller, unit_id);
}

absl::StatusOr<common::Deadline> IntakeCore::ConfirmDeadline(absl::Time start,
                                                             bool special_request) const {
  return common::ComputeDeadline(
      calendars_.Get().current(), start,
      special_request ? targets_.special_request_confirmation : targets_.forward_confirmation);
}

absl::StatusOr<CreateResult> IntakeCore::CreateTicket(const Principal& caller, TicketInput input,
                                                      const RequestKey& key) {
  ASSIGN_OR_RETURN(Ticket draft, DraftTicket(caller, std::move(input)));
  return store_.Create(std::move(draft), key);
}

void IntakeCore::CreateTicketAsync(const Principal& caller, TicketInput input,
                                   const RequestKey& key, TicketStore::CreateDone done) {
  absl::StatusOr<Ticket> draft = DraftTicket(caller, std::move(input));
  if (!draft.ok()) {
    done(draft.status());
    return;
  }
  store_.CreateAsync(*std::move(draft), key, std::move(done));
}

absl::StatusOr<Ticket> IntakeCore::DraftTicket(const Principal& caller, TicketInput input) {
  // Input first: an unknown unit is a bad argument, not a question of permission.
  const absl::Time now = Now();
  RETURN_IF_ERROR(ValidateTicketInput(input, units_, now).ToStatus("invalid ticket"));
  RETURN_IF_ERROR(RequireUnitStaff(caller, input.unit_id));

  Ticket draft;
  draft.input = std::move(input);
  draft.status = TicketStatus::kRecorded;
  draft.received_at = now;
  draft.serial_month = absl::FormatTime("%Y-%m", now, calendars_.Get().current().time_zone());
  draft.confirm_clock_start = now;
  ASSIGN_OR_RETURN(draft.confirm_deadline, ConfirmDeadline(now, draft.input.special_request));
  draft.updated_at = now;
  draft.version = 1;
  draft.history.push_back({1, now, caller.user, std::string(kCreatedEvent), ""});
  return draft;
}

absl::StatusOr<Ticket> IntakeCore::GetTicket(const Principal& caller, int64_t ticket_id) {
  ASSIGN_OR_RETURN(Ticket ticket, store_.Get(ticket_id));
  RETURN_IF_ERROR(common::RequireRole(
      caller, {Role::kUnitStaff, Role::kUnitManager, Role::kCsCenter, Role::kService}));
  RETURN_IF_ERROR(common::RequireUnit(caller, ticket.input.unit_id));
  return ticket;
}

absl::StatusOr<TicketPage> IntakeCore::ListTickets(const Principal& caller, TicketFilter filter,
                                                   bool confirm_overdue, int64_t after_id,
                                                   int page_size) {
  RETURN_IF_ERROR(
      common::RequireRole(caller, {Role::kUnitStaff, Role::kUnitManager, Role::kCsCenter}));
  if (common::IsUnitScoped(caller.role) && filter.unit_id.empty()) filter.unit_id = caller.unit_id;
  RETURN_IF_ERROR(common::RequireUnit(caller, filter.unit_id));
  if (!filter.unit_id.empty() && !units_.Contains(filter.unit_id)) {
    return common::InvalidField(
        "unit_id", absl::StrCat("names no known unit: ", common::QuotedValue(filter.unit_id)));
  }
  if (confirm_overdue) filter.confirm_deadline_before = Now();
  return store_.List(filter, after_id, page_size);
}

absl::StatusOr<Ticket> IntakeCore::UpdateTicket(const Principal& caller, int64_t ticket_id,
                                                const TicketInput& updated,
                                                const std::vector<std::string>& changed_fields,
                                                int64_t expected_version) {
  const absl::Time now = Now();
  RETURN_IF_ERROR(ValidateTicketInput(updated, units_, now).ToStatus("invalid ticket"));
  ASSIGN_OR_RETURN(
      MutationResult result,
      store_.Mutate(
          ticket_id, {}, [&](Ticket& ticket) -> absl::StatusOr<std::vector<OutboundMessage>> {
            RETURN_IF_ERROR(RequireUnitStaff(caller, ticket.input.unit_id));
            if (expected_version != 0 && ticket.version != expected_version) {
              return absl::AbortedError(absl::StrCat("ticket ", ticket.id, " is at version ",
                                                     ticket.version, ", not ", expected_version,
                                                     ": read it again and retry"));
            }
            RETURN_IF_ERROR(ApplyUpdate(ticket, updated, changed_fields, now, caller.user));
            return std::vector<OutboundMessage>{};
          }));
  return std::move(result.ticket);
}

absl::StatusOr<Ticket> IntakeCore::ForwardTicket(const Principal& caller, int64_t ticket_id,
                                                 const RequestKey& key) {
  const absl::Time now = Now();
  MutationOptions options;
  options.request_key = key;
  options.scope = std::string(kForwardScope);
  ASSIGN_OR_RETURN(
      MutationResult result,
      store_.Mutate(
          ticket_id, options, [&](Ticket& ticket) -> absl::StatusOr<std::vector<OutboundMessage>> {
            RETURN_IF_ERROR(RequireUnitStaff(caller, ticket.input.unit_id));
            // The forward id is derived from the ticket so that a retried transaction produces
            // the same id, and the designated unit can confirm exactly this forward.
            std::string forward_id =
                absl::StrCat("F", ticket.id, "-", CountEvents(ticket, "FORWARDED") + 1);
            RETURN_IF_ERROR(StartForward(ticket, std::move(forward_id), now, caller.user));
            return std::vector<OutboundMessage>{{std::string(kRoutingDestination),
                                                 "ReceiveForwardedTicket", OrderingKey(ticket.id),
                                                 encoder_.EncodeForward(ticket)}};
          }));
  if (!result.replayed && outbox_written_) outbox_written_();
  return std::move(result.ticket);
}

absl::StatusOr<Ticket> IntakeCore::CloseTicket(const Principal& caller, int64_t ticket_id,
                                               const Closing& closing, const RequestKey& key) {
  const absl::Time now = Now();
  if (common::Utf8Length(closing.reply_text) < 0 ||
      common::Utf8Length(closing.reply_text) > TextLimits::kReplyText) {
    return common::InvalidField("reply_text", "must be valid UTF-8 of at most 4000 characters");
  }
  MutationOptions options;
  options.request_key = key;
  options.scope = std::string(kCloseScope);
  ASSIGN_OR_RETURN(
      MutationResult result,
      store_.Mutate(ticket_id, options,
                    [&](Ticket& ticket) -> absl::StatusOr<std::vector<OutboundMessage>> {
                      RETURN_IF_ERROR(RequireUnitStaff(caller, ticket.input.unit_id));
                      RETURN_IF_ERROR(Close(ticket, closing, now, caller.user));
                      return std::vector<OutboundMessage>{{std::string(kArchiveDestination),
                                                           "ArchiveRecord", OrderingKey(ticket.id),
                                                           encoder_.EncodeArchiveRecord(ticket)}};
                    }));
  if (!result.replayed && outbox_written_) outbox_written_();
  return std::move(result.ticket);
}

absl::StatusOr<bool> IntakeCore::ReportOutcome(const Principal& caller, int64_t ticket_id,
                                               Outcome outcome) {
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kService}));
  RETURN_IF_ERROR(ValidateOutcome(outcome));
  const absl::Time now = Now();
  if (outcome.at == absl::Time()) outcome.at = now;
  MutationOptions options;
  options.inbox_message_id = outcome.message_id;
  options.inbox_source = "routing";
  OutcomeEffect effect;
  bool miss_already_counted = false;
  ASSIGN_OR_RETURN(
      MutationResult result,
      store_.Mutate(
          ticket_id, options, [&](Ticket& ticket) -> absl::StatusOr<std::vector<OutboundMessage>> {
            miss_already_counted = ticket.confirm_miss_counted;
            ASSIGN_OR_RETURN(const common::Deadline after_return,
                             ConfirmDeadline(now, ticket.input.special_request));
            ASSIGN_OR_RETURN(effect,
                             ApplyOutcome(ticket, outcome, now, after_return, calendars_.Get()));
            return std::vector<OutboundMessage>{};
          }));
  if (result.replayed) return false;
  if (effect.confirmed_receipt) ObserveConfirmation(result.ticket, miss_already_counted);
  return effect.applied;
}

absl::Status IntakeCore::RecordReceipt(int64_t ticket_id, const std::string& forward_id,
                                       const std::string& receipt_id) {
  const absl::Time now = Now();
  ReceiptEffect effect = ReceiptEffect::kStale;
  bool miss_already_counted = false;
  ASSIGN_OR_RETURN(
      MutationResult result,
      store_.Mutate(
          ticket_id, {}, [&](Ticket& ticket) -> absl::StatusOr<std::vector<OutboundMessage>> {
            miss_already_counted = ticket.confirm_miss_counted;
            effect = ConfirmReceipt(ticket, forward_id, receipt_id, now, calendars_.Get());
            return std::vector<OutboundMessage>{};
          }));
  if (effect == ReceiptEffect::kConfirmed) ObserveConfirmation(result.ticket, miss_already_counted);
  return absl::OkStatus();
}

void IntakeCore::ObserveConfirmation(const Ticket& ticket, bool miss_already_counted) const {
  if (!ticket.forward.has_value() || !ticket.forward->confirmed_at.has_value()) return;
  const Forward& forward = *ticket.forward;
  // The working time recorded at confirmation, so the histogram and GetTicket always agree.
  sla_.ReceiptConfirmed(ticket.input.unit_id, ticket.input.special_request,
                        forward.working_time_to_confirm.value_or(absl::ZeroDuration()),
                        ConfirmedOnTime(forward), !miss_already_counted);
}

absl::StatusOr<std::string> IntakeCore::RenderForm(const Principal& caller, int64_t ticket_id) {
  ASSIGN_OR_RETURN(Ticket ticket, GetTicket(caller, ticket_id));
  return common::RenderF4Form(ToF4Record(ticket, units_), calendars_.Get().current().time_zone());
}

absl::StatusOr<MonthlyForwardingStatistics> IntakeCore::GetMonthlyForwardingStatistics(
    const Principal& caller, std::string unit_id, const std::string& month) {
  RETURN_IF_ERROR(
      common::RequireRole(caller, {Role::kService, Role::kCsCenter, Role::kOffice, Role::kUnitStaff,
                                   Role::kUnitManager, Role::kDesignatedUnit}));
  RETURN_IF_ERROR(common::ScopeToUnit(caller, units_, unit_id, "unit_id"));
  if (unit_id.empty()) {
    return common::InvalidField("unit_id", "is required: whose tickets the figures are of");
  }
  ASSIGN_OR_RETURN(absl::CivilMonth parsed, common::ParseMonth(month, "month"));
  const common::MonthSpan span =
      common::MonthBounds(parsed, calendars_.Get().current().time_zone());
  MonthlyForwardingStatistics stats;
  stats.unit_id = std::move(unit_id);
  stats.month = common::FormatMonth(parsed);
  stats.as_of = Now();
  ASSIGN_OR_RETURN(stats.counts,
                   store_.CountForwarding(stats.unit_id, span.start, span.end, stats.as_of));
  return stats;
}

absl::Status IntakeCore::SweepSla() {
  const absl::Time now = Now();
  constexpr int kBatch = 500;
  while (true) {
    ASSIGN_OR_RETURN(std::vector<MissedConfirmation> missed,
                     store_.ClaimNewlyMissedConfirmations(now, kBatch));
    for (const MissedConfirmation& miss : missed) {
      sla_.ConfirmationMissed(miss.unit_id, miss.special_request);
    }
    if (static_cast<int>(missed.size()) < kBatch) break;
  }
  ASSIGN_OR_RETURN(std::vector<AwaitingConfirmationCount> counts,
                   store_.CountAwaitingConfirmation(now));
  sla_.AwaitingConfirmation(counts);
  return absl::OkStatus();
}

}  // namespace cs::intake
