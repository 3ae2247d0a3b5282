#include "services/channel-registry/core/channel_core.h"

#include <algorithm>
#include <initializer_list>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/db/printable_id.h"
#include "common/status/error_reason.h"
#include "common/status/field_violations.h"
#include "common/status/quoted_value.h"
#include "common/status/status_macros.h"
#include "common/time/report_month.h"
#include "common/units/unit_scope.h"
#include "services/channel-registry/domain/check_schedule.h"
#include "services/channel-registry/domain/forms.h"

namespace cs::channel {
namespace {

using common::Principal;
using common::Role;

// Who reads channels, faults, schedules, forecasts, reports and forms: the department-wide roles
// every unit's, a unit's own roles their unit's.
constexpr std::initializer_list<Role> kReaders = {Role::kCsCenter,    Role::kOffice,
                                                  Role::kService,     Role::kUnitStaff,
                                                  Role::kUnitManager, Role::kDesignatedUnit};
// Who files and keeps a unit's channels (SPEC "Actors": UNIT_STAFF, and UNIT_MANAGER who may
// everything UNIT_STAFF may).
constexpr std::initializer_list<Role> kFilers = {Role::kUnitStaff, Role::kUnitManager};

// Rows per page when the core reads a whole listing.
constexpr int kReadPageSize = 500;

// The channel store's scopes of the history a fault, check or assistance request appends to its
// channel: apart from the scopes of the fault, check and capacity stores' own keyed writes, so one
// request_id keys both writes of one call.
constexpr absl::string_view kOpenFaultHistory = "OpenFault.history";
constexpr absl::string_view kCloseFaultHistory = "CloseFault.history";
constexpr absl::string_view kRecordCheckChannel = "RecordCheck.channel";
constexpr absl::string_view kAssistanceHistory = "RequestCapacityAssistance.history";
constexpr absl::string_view kMailboxFullHistory = "MailboxFull.history";

// In use at some instant of [start, end): first filed before `end`, not retired by `start`.
bool InUseDuring(const OnlineChannel& channel, absl::Time start, absl::Time end) {
  if (channel.form_versions.empty() || channel.form_versions.front().filed_at >= end) return false;
  const absl::optional<absl::Time> retired = RetiredAt(channel);
  return !retired.has_value() || *retired > start;
}

// The request key of the MAILBOX_FULL fault a sample opens: one per channel and sample instant,
// so a retried sample finds the fault it opened.
RequestKey MailboxFullKey(int64_t channel_id, absl::Time sampled_at) {
  std::string id = absl::StrCat("mailbox-full-", channel_id, "-", absl::ToUnixMicros(sampled_at));
  return RequestKey{id, id};
}

absl::Status MonthNotOver(absl::string_view month) {
  return common::WithReason(
      absl::FailedPreconditionError(absl::StrCat(
          "month ", common::QuotedValue(month),
          " is not over: a channel's monthly report covers a finished month (A3 7.5.2)")),
      common::reason::kStateForbidsChange);
}

}  // namespace

absl::Status ValidateChannelSettings(const ChannelSettings& settings) {
  common::FieldViolations violations;
  for (ChannelKind kind : {ChannelKind::kEmail, ChannelKind::kWebForm, ChannelKind::kGuestbook}) {
    const std::string field = absl::StrCat("fault_repair[", ChannelKindName(kind), "]");
    auto it = settings.fault_repair.find(kind);
    if (it == settings.fault_repair.end()) {
      violations.Add(field, "is required (channel_fault_repair of the SLA targets)");
    } else if (absl::Status valid = common::ValidatePeriod(it->second); !valid.ok()) {
      violations.Add(field, std::string(valid.message()));
    }
  }
  if (settings.monthly_report_due_working_day < 1) {
    violations.Add("monthly_report_due_working_day", "must be at least 1");
  }
  if (absl::Status forecast = ValidateForecastOptions(settings.forecast); !forecast.ok()) {
    std::vector<common::FieldViolation> named = common::ViolationsOf(forecast);
    if (named.empty()) violations.Add("forecast", std::string(forecast.message()));
    for (const common::FieldViolation& v : named) {
      violations.Add(absl::StrCat("forecast.", v.field), v.description);
    }
  }
  return violations.ToStatus("invalid channel registry settings");
}

// --- ChannelCore --------------------------------------------------------------------------------

ChannelCore::ChannelCore(ChannelStores stores, const common::UnitDirectory& units,
                         const common::CalendarHolder& calendars, ChannelSettings settings,
                         common::Clock& clock, ChannelObserver& observer)
    : channels_(stores.channels),
      faults_(stores.faults),
      checks_(stores.checks),
      capacity_(stores.capacity),
      reports_(stores.reports),
      units_(units),
      calendars_(calendars),
      settings_(std::move(settings)),
      clock_(clock),
      observer_(observer) {}

absl::Time ChannelCore::Now() const { return common::TruncateToMicroseconds(clock_.Now()); }

const common::WorkingCalendar& ChannelCore::Calendar() const { return calendars_.Get().current(); }

absl::Status ChannelCore::ScopeUnit(const Principal& caller, std::string& unit_id,
                                    absl::string_view field) const {
  return common::ScopeToUnit(caller, units_, unit_id, field);
}

std::string ChannelCore::UnitName(const std::string& unit_id) const {
  const common::UnitInfo* unit = units_.Find(unit_id);
  return unit == nullptr || unit->name.empty() ? unit_id : unit->name;
}

absl::StatusOr<common::Period> ChannelCore::RepairPeriodOf(const OnlineChannel& channel) const {
  const ChannelKind kind = channel.form().kind;
  auto it = settings_.fault_repair.find(kind);
  if (it == settings_.fault_repair.end()) {
    return common::WithReason(
        absl::FailedPreconditionError(
            absl::StrCat("no fault repair limit is configured for channels of kind ",
                         ChannelKindName(kind), " (channel_fault_repair in the SLA targets)")),
        common::reason::kStateForbidsChange);
  }
  return it->second;
}

absl::StatusOr<OnlineChannel> ChannelCore::ReadChannel(const Principal& caller,
                                                       int64_t channel_id) {
  RETURN_IF_ERROR(common::RequireRole(caller, kReaders));
  ASSIGN_OR_RETURN(OnlineChannel channel, channels_.Get(channel_id));
  RETURN_IF_ERROR(common::RequireUnit(caller, channel.unit_id));
  return channel;
}

absl::StatusOr<MutationResult> ChannelCore::MutateChannel(
    const Principal& caller, int64_t channel_id, const RequestKey& key, absl::string_view scope,
    const std::function<absl::Status(OnlineChannel&)>& step) {
  MutationOptions options;
  if (!key.request_id.empty()) {
    options.request_key = key;
    options.scope = std::string(scope);
  }
  return channels_.Mutate(channel_id, options, [&](OnlineChannel& channel) -> absl::Status {
    RETURN_IF_ERROR(common::RequireUnit(caller, channel.unit_id));
    return step(channel);
  });
}

absl::StatusOr<std::vector<OnlineChannel>> ChannelCore::AllChannels() {
  std::vector<OnlineChannel> all;
  int64_t after = 0;
  do {
    ASSIGN_OR_RETURN(ChannelPage page, channels_.List(ChannelFilter{}, after, kReadPageSize));
    for (OnlineChannel& channel : page.channels) all.push_back(std::move(channel));
    after = page.next_after_id;
  } while (after > 0);
  return all;
}

// --- C1 -----------------------------------------------------------------------------------------

absl::StatusOr<OnlineChannel> ChannelCore::FileChannel(const Principal& caller, FilingForm form,
                                                       const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, kFilers));
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  if (form.unit_id.empty()) form.unit_id = caller.unit_id;
  RETURN_IF_ERROR(common::RequireUnit(caller, form.unit_id));
  if (!units_.Contains(form.unit_id)) {
    return common::InvalidField(
        "form.unit_id", absl::StrCat("names no known unit: ", common::QuotedValue(form.unit_id)));
  }
  ASSIGN_OR_RETURN(OnlineChannel draft,
                   NewChannel(std::move(form), caller.user, Now(), Calendar()));
  ASSIGN_OR_RETURN(CreateChannelResult created, channels_.Create(std::move(draft), key));
  return std::move(created.channel);
}

absl::StatusOr<OnlineChannel> ChannelCore::AcknowledgeFiling(const Principal& caller,
                                                             int64_t channel_id,
                                                             const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kCsCenter}));
  const absl::Time now = Now();
  ASSIGN_OR_RETURN(
      MutationResult result,
      MutateChannel(caller, channel_id, key, "AcknowledgeFiling", [&](OnlineChannel& channel) {
        return cs::channel::AcknowledgeFiling(channel, caller.user, now);
      }));
  return std::move(result.channel);
}

absl::StatusOr<OnlineChannel> ChannelCore::MarkFilingInaccurate(const Principal& caller,
                                                                int64_t channel_id,
                                                                const std::string& finding,
                                                                const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kCsCenter}));
  const absl::Time now = Now();
  ASSIGN_OR_RETURN(
      MutationResult result,
      MutateChannel(caller, channel_id, key, "MarkFilingInaccurate", [&](OnlineChannel& channel) {
        return cs::channel::MarkFilingInaccurate(channel, finding, caller.user, now);
      }));
  return std::move(result.channel);
}

absl::StatusOr<OnlineChannel> ChannelCore::CorrectFiling(const Principal& caller,
                                                         int64_t channel_id, FilingForm form,
                                                         const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, kFilers));
  const absl::Time now = Now();
  ASSIGN_OR_RETURN(
      MutationResult result,
      MutateChannel(caller, channel_id, key, "CorrectFiling", [&](OnlineChannel& channel) {
        FilingForm corrected = form;
        if (corrected.unit_id.empty()) {
          corrected.unit_id = channel.unit_id;
        }
        return cs::channel::CorrectFiling(channel, std::move(corrected), caller.user, now,
                                          Calendar());
      }));
  return std::move(result.channel);
}

absl::StatusOr<OnlineChannel> ChannelCore::RetireChannel(const Principal& caller,
                                                         int64_t channel_id,
                                                         const std::string& reason,
                                                         const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, kFilers));
  const absl::Time now = Now();
  ASSIGN_OR_RETURN(
      MutationResult result,
      MutateChannel(caller, channel_id, key, "RetireChannel", [&](OnlineChannel& channel) {
        return cs::channel::RetireChannel(channel, reason, caller.user, now);
      }));
  return std::move(result.channel);
}

absl::StatusOr<UnfiledChannel> ChannelCore::ReportUnfiledChannel(const Principal& caller,
                                                                 UnfiledReportInput input,
                                                                 const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kCsCenter}));
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  if (!input.unit_id.empty() && !units_.Contains(input.unit_id)) {
    return common::InvalidField(
        "unit_id", absl::StrCat("names no known unit: ", common::QuotedValue(input.unit_id)));
  }
  ASSIGN_OR_RETURN(UnfiledChannel report, NewUnfiledReport(std::move(input), caller.user, Now()));
  ASSIGN_OR_RETURN(CreateUnfiledResult created, channels_.CreateUnfiled(std::move(report), key));
  return std::move(created.report);
}

absl::StatusOr<UnfiledPage> ChannelCore::ListUnfiledChannels(const Principal& caller,
                                                             std::string unit_id, bool open_only,
                                                             int64_t after_id, int page_size) {
  RETURN_IF_ERROR(common::RequireRole(caller, kReaders));
  RETURN_IF_ERROR(ScopeUnit(caller, unit_id, "unit_id"));
  return channels_.ListUnfiled(unit_id, open_only, after_id, page_size);
}

absl::StatusOr<OnlineChannel> ChannelCore::GetChannel(const Principal& caller, int64_t channel_id) {
  return ReadChannel(caller, channel_id);
}

absl::StatusOr<ChannelPage> ChannelCore::ListChannels(const Principal& caller, ChannelFilter filter,
                                                      int64_t after_id, int page_size) {
  RETURN_IF_ERROR(common::RequireRole(caller, kReaders));
  RETURN_IF_ERROR(ScopeUnit(caller, filter.unit_id, "unit_id"));
  return channels_.List(filter, after_id, page_size);
}

// --- C2 -----------------------------------------------------------------------------------------

absl::StatusOr<Fault> ChannelCore::OpenFault(const Principal& caller, int64_t channel_id,
                                             FaultInput input, const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, kFilers));
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  ASSIGN_OR_RETURN(OnlineChannel channel, channels_.Get(channel_id));
  RETURN_IF_ERROR(common::RequireUnit(caller, channel.unit_id));
  input.origin = FaultOrigin::kReported;
  ASSIGN_OR_RETURN(OpenFaultResult opened,
                   OpenFaultOn(channel, std::move(input), caller.user, key, kOpenFaultHistory));
  return std::move(opened.fault);
}

absl::StatusOr<OpenFaultResult> ChannelCore::OpenFaultOn(const OnlineChannel& channel,
                                                         FaultInput input, absl::string_view actor,
                                                         const RequestKey& key,
                                                         absl::string_view history_scope) {
  const absl::Time now = Now();
  ASSIGN_OR_RETURN(common::Period period, RepairPeriodOf(channel));
  if (!input.opened_at.has_value()) input.opened_at = now;
  // The fault as the domain decides it, on a copy: the channel's history is written after the
  // fault is stored (one request_id keys both writes, so a retry completes what a failure left).
  OnlineChannel probe = channel;
  ASSIGN_OR_RETURN(Fault fault,
                   cs::channel::OpenFault(probe, input, actor, now, period, Calendar()));
  fault.channel_id = channel.id;
  fault.unit_id = channel.unit_id;
  ASSIGN_OR_RETURN(OpenFaultResult opened, faults_.Open(std::move(fault), key));
  MutationOptions options;
  options.request_key = key;
  options.scope = std::string(history_scope);
  absl::StatusOr<MutationResult> noted =
      channels_.Mutate(channel.id, options, [&](OnlineChannel& stored) {
        return cs::channel::OpenFault(stored, input, actor, now, period, Calendar()).status();
      });
  if (!noted.ok()) return noted.status();
  return opened;
}

absl::StatusOr<Fault> ChannelCore::CloseFault(const Principal& caller, int64_t fault_id,
                                              absl::optional<absl::Time> repaired_at,
                                              const std::string& repair_note,
                                              const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, kFilers));
  ASSIGN_OR_RETURN(Fault loaded, faults_.Get(fault_id));
  RETURN_IF_ERROR(common::RequireUnit(caller, loaded.unit_id));
  ASSIGN_OR_RETURN(OnlineChannel channel, channels_.Get(loaded.channel_id));
  const absl::Time now = Now();
  const absl::Time at = repaired_at.value_or(now);
  FaultMutationOptions options;
  if (!key.request_id.empty()) {
    options.request_key = key;
    options.scope = "CloseFault";
  }
  ASSIGN_OR_RETURN(FaultMutationResult closed, faults_.Mutate(fault_id, options, [&](Fault& fault) {
    OnlineChannel probe = channel;
    return cs::channel::CloseFault(probe, fault, at, repair_note, caller.user, now);
  }));
  // The channel's history: FAULT_CLOSED, from the fault as it was before the close.
  Fault before = closed.fault;
  before.repaired_at.reset();
  before.closed_by.clear();
  before.repair_note.clear();
  const absl::Time closed_at = closed.fault.repaired_at.value_or(at);
  ASSIGN_OR_RETURN(
      MutationResult noted,
      MutateChannel(caller, channel.id, key, kCloseFaultHistory, [&](OnlineChannel& stored) {
        Fault copy = before;
        return cs::channel::CloseFault(stored, copy, closed_at, repair_note, caller.user, now);
      }));
  (void)noted;
  if (!closed.replayed) {
    observer_.FaultRepaired(closed.fault.unit_id, FaultRepairedInTime(closed.fault));
  }
  return std::move(closed.fault);
}

absl::StatusOr<FaultPage> ChannelCore::ListFaults(const Principal& caller, FaultFilter filter,
                                                  int64_t after_id, int page_size) {
  RETURN_IF_ERROR(common::RequireRole(caller, kReaders));
  if (filter.channel_id != 0) {
    RETURN_IF_ERROR(ReadChannel(caller, filter.channel_id).status());
  }
  RETURN_IF_ERROR(ScopeUnit(caller, filter.unit_id, "unit_id"));
  return faults_.List(filter, after_id, page_size);
}

// --- C3, C4 -------------------------------------------------------------------------------------

absl::StatusOr<OnlineChannel> ChannelCore::RecordPublication(
    const Principal& caller, int64_t channel_id, const std::vector<PublishedItem>& items,
    bool service_standards_published, const std::vector<std::string>& languages,
    const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, kFilers));
  const absl::Time now = Now();
  ASSIGN_OR_RETURN(
      MutationResult result,
      MutateChannel(caller, channel_id, key, "RecordPublication", [&](OnlineChannel& channel) {
        return cs::channel::RecordPublication(channel, items, service_standards_published,
                                              languages, caller.user, now);
      }));
  return std::move(result.channel);
}

absl::StatusOr<PublicationChecklist> ChannelCore::GetPublicationChecklist(const Principal& caller,
                                                                          int64_t channel_id) {
  ASSIGN_OR_RETURN(OnlineChannel channel, ReadChannel(caller, channel_id));
  return BuildPublicationChecklist(channel);
}

// --- C5 -----------------------------------------------------------------------------------------

absl::StatusOr<Check> ChannelCore::RecordCheck(const Principal& caller, int64_t channel_id,
                                               CheckInput input, const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, kFilers));
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  ASSIGN_OR_RETURN(OnlineChannel channel, channels_.Get(channel_id));
  RETURN_IF_ERROR(common::RequireUnit(caller, channel.unit_id));
  const absl::Time now = Now();
  if (input.checked_by.empty()) input.checked_by = caller.user;
  if (!input.checked_at.has_value()) input.checked_at = now;
  // The check as the domain decides it, on a copy; then stored, then the channel's last check and
  // next due moved (one request_id keys both writes).
  OnlineChannel probe = channel;
  ASSIGN_OR_RETURN(Check check,
                   cs::channel::RecordCheck(probe, input, caller.user, now, Calendar()));
  check.channel_id = channel.id;
  ASSIGN_OR_RETURN(RecordCheckResult recorded, checks_.Record(check, key));
  CheckInput stored_input;
  stored_input.checked_at = recorded.check.checked_at;
  stored_input.checked_by = recorded.check.checked_by;
  stored_input.new_complaints = recorded.check.new_complaints;
  ASSIGN_OR_RETURN(
      MutationResult moved,
      MutateChannel(caller, channel.id, key, kRecordCheckChannel, [&](OnlineChannel& stored) {
        return cs::channel::RecordCheck(stored, stored_input, caller.user, now, Calendar())
            .status();
      }));
  (void)moved;
  if (!recorded.replayed) observer_.CheckRecorded(channel.unit_id);
  return std::move(recorded.check);
}

absl::StatusOr<CheckSchedule> ChannelCore::GetCheckSchedule(const Principal& caller,
                                                            int64_t channel_id,
                                                            absl::optional<absl::Time> from,
                                                            int count) {
  if (count < 0 || count > kMaxUpcomingCount) {
    return common::InvalidField(
        "count", absl::StrCat("must be within 0..", kMaxUpcomingCount, " (0: the default ",
                              kDefaultUpcomingCount, ")"));
  }
  ASSIGN_OR_RETURN(OnlineChannel channel, ReadChannel(caller, channel_id));
  const absl::Time now = Now();
  CheckSchedule schedule;
  schedule.channel_id = channel.id;
  schedule.service_time = channel.service_time;
  schedule.interval = CheckInterval(channel.service_time, Calendar());
  schedule.last_checked_at = channel.last_checked_at;
  schedule.next_due = channel.next_check_due;
  schedule.overdue = ChannelCheckOverdue(channel, now);
  if (channel.next_check_due.has_value()) {
    ASSIGN_OR_RETURN(schedule.upcoming,
                     UpcomingDueTimes(*channel.next_check_due, from.value_or(now), count,
                                      channel.service_time, Calendar()));
  }
  return schedule;
}

// --- C6 -----------------------------------------------------------------------------------------

absl::StatusOr<CapacityForecast> ChannelCore::ForecastAt(int64_t channel_id, absl::Time now) {
  ASSIGN_OR_RETURN(absl::optional<UsageSample> latest, capacity_.LatestSample(channel_id));
  if (!latest.has_value()) return ForecastCapacity({}, now, settings_.forecast);
  ASSIGN_OR_RETURN(
      std::vector<UsageSample> window,
      capacity_.SampleWindow(channel_id, latest->sampled_at - settings_.forecast.window,
                             latest->sampled_at));
  return ForecastCapacity(std::move(window), now, settings_.forecast);
}

absl::StatusOr<ForecastResult> ChannelCore::RecordUsageSample(const Principal& caller,
                                                              int64_t channel_id,
                                                              UsageSample sample,
                                                              const RequestKey& key) {
  RETURN_IF_ERROR(
      common::RequireRole(caller, {Role::kService, Role::kUnitStaff, Role::kUnitManager}));
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  ASSIGN_OR_RETURN(OnlineChannel channel, channels_.Get(channel_id));
  RETURN_IF_ERROR(common::RequireUnit(caller, channel.unit_id));
  RETURN_IF_ERROR(CheckTakesUsageSamples(channel));
  const absl::Time now = Now();
  sample.channel_id = channel.id;
  if (sample.sampled_at > now + kMaxClockSkew) {
    return common::InvalidField(
        "sample.sampled_at", absl::StrCat("is in the future (", absl::FormatTime(sample.sampled_at),
                                          "): a sample is recorded once it was taken"));
  }
  ASSIGN_OR_RETURN(absl::optional<UsageSample> previous, capacity_.LatestSample(channel.id));
  // A retried request finds its own sample as the latest: the store answers it (replayed).
  if (!previous.has_value() || !(*previous == sample)) {
    RETURN_IF_ERROR(ValidateSample(previous, sample));
  }
  ASSIGN_OR_RETURN(RecordSampleResult recorded, capacity_.RecordSample(sample, key));
  ForecastResult result;
  result.channel_id = channel.id;
  ASSIGN_OR_RETURN(result.forecast, ForecastAt(channel.id, now));
  if (result.forecast.warning) {
    // Once per channel and sample instant, so a retry does not count it twice.
    RETURN_IF_ERROR(capacity_.RecordWarning(channel.id, recorded.sample.sampled_at).status());
  }
  if (IsFull(recorded.sample)) {
    // C6 -> C2: a full box is a fault opened by the service itself, once while it stays open.
    const absl::Time opened_at = std::min(recorded.sample.sampled_at, now);
    const RequestKey fault_key = MailboxFullKey(channel.id, recorded.sample.sampled_at);
    FaultFilter filter;
    filter.channel_id = channel.id;
    filter.open_only = true;
    bool open_already = false;
    int64_t after = 0;
    do {
      ASSIGN_OR_RETURN(FaultPage page, faults_.List(filter, after, kReadPageSize));
      for (const Fault& fault : page.faults) {
        if (fault.origin != FaultOrigin::kMailboxFull) continue;
        open_already = true;
        // A retried sample finds the fault it opened.
        if (recorded.replayed && fault.opened_at == opened_at) result.opened_fault_id = fault.id;
      }
      after = page.next_after_id;
    } while (after > 0);
    if (!open_already) {
      FaultInput input;
      input.origin = FaultOrigin::kMailboxFull;
      input.opened_at = opened_at;
      ASSIGN_OR_RETURN(OpenFaultResult opened, OpenFaultOn(channel, std::move(input), kServiceActor,
                                                           fault_key, kMailboxFullHistory));
      result.opened_fault_id = opened.fault.id;
    }
  }
  return result;
}

absl::StatusOr<ForecastResult> ChannelCore::GetCapacityForecast(const Principal& caller,
                                                                int64_t channel_id) {
  ASSIGN_OR_RETURN(OnlineChannel channel, ReadChannel(caller, channel_id));
  ForecastResult result;
  result.channel_id = channel.id;
  ASSIGN_OR_RETURN(result.forecast, ForecastAt(channel.id, Now()));
  return result;
}

absl::StatusOr<AssistanceRequest> ChannelCore::RequestCapacityAssistance(const Principal& caller,
                                                                         int64_t channel_id,
                                                                         const std::string& text,
                                                                         const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, kFilers));
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  ASSIGN_OR_RETURN(OnlineChannel channel, channels_.Get(channel_id));
  RETURN_IF_ERROR(common::RequireUnit(caller, channel.unit_id));
  const absl::Time now = Now();
  OnlineChannel probe = channel;
  ASSIGN_OR_RETURN(AssistanceRequest request, RequestAssistance(probe, text, caller.user, now));
  request.channel_id = channel.id;
  ASSIGN_OR_RETURN(RecordAssistanceResult recorded, capacity_.RecordAssistance(request, key));
  ASSIGN_OR_RETURN(
      MutationResult noted,
      MutateChannel(caller, channel.id, key, kAssistanceHistory, [&](OnlineChannel& stored) {
        return RequestAssistance(stored, recorded.request.text, caller.user, now).status();
      }));
  (void)noted;
  return std::move(recorded.request);
}

// --- C7 -----------------------------------------------------------------------------------------

absl::StatusOr<ChannelRecords> ChannelCore::RecordsOf(const OnlineChannel& channel,
                                                      const std::string& month) {
  ASSIGN_OR_RETURN(absl::CivilMonth civil, common::ParseMonth(month, "month"));
  const common::MonthSpan span = common::MonthBounds(civil, Calendar().time_zone());
  ChannelRecords records;
  records.channel = channel;
  const absl::Time filed =
      channel.form_versions.empty() ? span.start : channel.form_versions.front().filed_at;
  ASSIGN_OR_RETURN(records.checks,
                   checks_.ListChecks(channel.id, std::min(filed, span.start), span.end));
  ASSIGN_OR_RETURN(records.faults, faults_.ListForMonth(channel.id, span.start, span.end));
  ASSIGN_OR_RETURN(
      records.samples,
      capacity_.SampleWindow(channel.id, span.start - settings_.forecast.window, span.end));
  ASSIGN_OR_RETURN(records.submission, reports_.Get(channel.id, month));
  return records;
}

absl::StatusOr<ChannelMonthlyReport> ChannelCore::BuildReport(const OnlineChannel& channel,
                                                              const std::string& month,
                                                              absl::Time now) {
  ASSIGN_OR_RETURN(ChannelRecords records, RecordsOf(channel, month));
  return BuildMonthlyReport(records, month, settings_.monthly_report_due_working_day,
                            settings_.forecast, now, Calendar());
}

absl::StatusOr<ChannelMonthlyReport> ChannelCore::GetMonthlyReport(const Principal& caller,
                                                                   int64_t channel_id,
                                                                   const std::string& month) {
  ASSIGN_OR_RETURN(absl::CivilMonth civil, common::ParseMonth(month, "month"));
  ASSIGN_OR_RETURN(OnlineChannel channel, ReadChannel(caller, channel_id));
  const absl::Time now = Now();
  const absl::TimeZone zone = Calendar().time_zone();
  if (!common::MonthIsOver(civil, now, zone)) return MonthNotOver(month);
  const common::MonthSpan span = common::MonthBounds(civil, zone);
  if (!InUseDuring(channel, span.start, span.end) &&
      (channel.form_versions.empty() || channel.form_versions.front().filed_at >= span.end)) {
    return common::WithReason(absl::FailedPreconditionError(absl::StrCat(
                                  "channel ", FormatChannelId(channel.id),
                                  " was filed after month ", common::QuotedValue(month))),
                              common::reason::kStateForbidsChange);
  }
  return BuildReport(channel, month, now);
}

absl::StatusOr<ChannelMonthlyReport> ChannelCore::SubmitMonthlyReport(const Principal& caller,
                                                                      int64_t channel_id,
                                                                      const std::string& month,
                                                                      const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, kFilers));
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  ASSIGN_OR_RETURN(absl::CivilMonth civil, common::ParseMonth(month, "month"));
  ASSIGN_OR_RETURN(OnlineChannel channel, channels_.Get(channel_id));
  RETURN_IF_ERROR(common::RequireUnit(caller, channel.unit_id));
  const absl::Time now = Now();
  ASSIGN_OR_RETURN(
      common::Deadline due,
      common::MonthlyReportDue(Calendar(), civil, settings_.monthly_report_due_working_day));
  ASSIGN_OR_RETURN(ReportSubmission submission,
                   cs::channel::SubmitMonthlyReport(channel, month, caller.user, now, due,
                                                    Calendar().time_zone()));
  ASSIGN_OR_RETURN(SubmitReportResult result, reports_.Submit(channel.unit_id, submission, key));
  if (!result.replayed) {
    if (!result.submission.late) {
      observer_.ReportDeadline(channel.unit_id, /*met=*/true);
    } else {
      // The deadline was missed: counted once, here or by the sweep, whichever records it first.
      MissedReport missed;
      missed.channel_id = channel.id;
      missed.unit_id = channel.unit_id;
      missed.month = month;
      missed.recorded_at = now;
      ASSIGN_OR_RETURN(bool first, reports_.RecordMissed(missed));
      if (first) observer_.ReportDeadline(channel.unit_id, /*met=*/false);
    }
  }
  return BuildReport(channel, month, now);
}

// --- Form F3 ------------------------------------------------------------------------------------

absl::StatusOr<std::string> ChannelCore::RenderFilingForm(const Principal& caller,
                                                          int64_t channel_id, int form_version) {
  ASSIGN_OR_RETURN(OnlineChannel channel, ReadChannel(caller, channel_id));
  return cs::channel::RenderFilingForm(channel, form_version, UnitName(channel.unit_id),
                                       Calendar().time_zone());
}

// --- For assessment -----------------------------------------------------------------------------

absl::StatusOr<MonthlyStatistics> ChannelCore::GetMonthlyStatistics(const Principal& caller,
                                                                    std::string unit_id,
                                                                    const std::string& month) {
  RETURN_IF_ERROR(common::RequireRole(caller, kReaders));
  RETURN_IF_ERROR(ScopeUnit(caller, unit_id, "unit_id"));
  if (unit_id.empty()) {
    return common::InvalidField("unit_id", "is required: whose channels the figures are of");
  }
  ASSIGN_OR_RETURN(absl::CivilMonth civil, common::ParseMonth(month, "month"));
  const common::MonthSpan span = common::MonthBounds(civil, Calendar().time_zone());
  std::vector<ChannelRecords> records;
  ChannelFilter filter;
  filter.unit_id = unit_id;
  int64_t after = 0;
  do {
    ASSIGN_OR_RETURN(ChannelPage page, channels_.List(filter, after, kReadPageSize));
    for (const OnlineChannel& channel : page.channels) {
      if (!InUseDuring(channel, span.start, span.end)) continue;
      ASSIGN_OR_RETURN(ChannelRecords one, RecordsOf(channel, month));
      records.push_back(std::move(one));
    }
    after = page.next_after_id;
  } while (after > 0);
  std::vector<UnfiledChannel> unfiled;
  after = 0;
  do {
    ASSIGN_OR_RETURN(UnfiledPage page,
                     channels_.ListUnfiled(unit_id, /*open_only=*/false, after, kReadPageSize));
    for (UnfiledChannel& report : page.reports) unfiled.push_back(std::move(report));
    after = page.next_after_id;
  } while (after > 0);
  return BuildMonthlyStatistics(unit_id, month, records, unfiled,
                                settings_.monthly_report_due_working_day, Now(), Calendar());
}

// --- Sweep --------------------------------------------------------------------------------------

absl::Status ChannelCore::Sweep() {
  const absl::Time now = Now();
  ASSIGN_OR_RETURN(std::vector<OnlineChannel> all, AllChannels());
  absl::Status first = absl::OkStatus();
  for (absl::Status status : {CountMissedReports(now, all), RefreshSnapshot(now, all)}) {
    if (first.ok() && !status.ok()) first = status;
  }
  return first;
}

absl::Status ChannelCore::CountMissedReports(absl::Time now,
                                             const std::vector<OnlineChannel>& channels) {
  const absl::TimeZone zone = Calendar().time_zone();
  const absl::CivilMonth current(absl::ToCivilSecond(now, zone));
  absl::Status first = absl::OkStatus();
  // The report on a month falls due within the next month: the previous month's reports, and the
  // one before (for a sweep that did not run after the due time in time).
  for (const absl::CivilMonth civil : {current - 2, current - 1}) {
    const std::string month = common::FormatMonth(civil);
    const common::MonthSpan span = common::MonthBounds(civil, zone);
    ASSIGN_OR_RETURN(
        common::Deadline due,
        common::MonthlyReportDue(Calendar(), civil, settings_.monthly_report_due_working_day));
    if (now <= due.at) continue;
    for (const OnlineChannel& channel : channels) {
      if (!InUseDuring(channel, span.start, span.end)) continue;
      absl::StatusOr<absl::optional<ReportSubmission>> submitted = reports_.Get(channel.id, month);
      if (!submitted.ok()) {
        if (first.ok()) first = submitted.status();
        continue;
      }
      if (submitted->has_value()) continue;
      MissedReport missed;
      missed.channel_id = channel.id;
      missed.unit_id = channel.unit_id;
      missed.month = month;
      missed.recorded_at = now;
      absl::StatusOr<bool> recorded = reports_.RecordMissed(missed);
      if (!recorded.ok()) {
        if (first.ok()) first = recorded.status();
        continue;
      }
      if (*recorded) observer_.ReportDeadline(channel.unit_id, /*met=*/false);
    }
  }
  return first;
}

absl::Status ChannelCore::RefreshSnapshot(absl::Time now,
                                          const std::vector<OnlineChannel>& channels) {
  // Every unit of the directory, in its order, then any other unit a record names.
  std::vector<std::string> unit_ids;
  absl::flat_hash_map<std::string, size_t> unit_index;
  auto index_of = [&](const std::string& unit) {
    auto [it, inserted] = unit_index.try_emplace(unit, unit_ids.size());
    if (inserted) unit_ids.push_back(unit);
    return it->second;
  };
  for (const common::UnitInfo& unit : units_.units()) index_of(unit.id);
  constexpr ChannelState kStates[] = {ChannelState::kFiled, ChannelState::kAcknowledged,
                                      ChannelState::kInaccurate, ChannelState::kRetired};
  struct PerUnit {
    int64_t by_state[4] = {0, 0, 0, 0};
    int64_t unfiled = 0;
    int64_t checks_overdue = 0;
    int64_t open_faults = 0;
    int64_t faults_overdue = 0;
    int64_t capacity_warnings = 0;
  };
  std::vector<PerUnit> per_unit(unit_ids.size());
  auto unit = [&](const std::string& id) -> PerUnit& {
    const size_t i = index_of(id);
    if (i >= per_unit.size()) per_unit.resize(i + 1);
    return per_unit[i];
  };

  ChannelSnapshot snapshot;
  for (const OnlineChannel& channel : channels) {
    PerUnit& counts = unit(channel.unit_id);
    for (size_t s = 0; s < 4; ++s) {
      if (channel.state == kStates[s]) ++counts.by_state[s];
    }
    if (ChannelCheckOverdue(channel, now)) {
      ++counts.checks_overdue;
      snapshot.oldest_overdue_check =
          std::max(snapshot.oldest_overdue_check, now - *channel.next_check_due);
    }
    if (channel.state == ChannelState::kRetired || channel.form().kind != ChannelKind::kEmail) {
      continue;
    }
    ASSIGN_OR_RETURN(CapacityForecast forecast, ForecastAt(channel.id, now));
    if (!forecast.latest.has_value()) continue;
    MailboxGauge gauge;
    gauge.channel_id = FormatChannelId(channel.id);
    gauge.unit_id = channel.unit_id;
    gauge.usage_ratio = forecast.usage_ratio;
    if (forecast.full_at.has_value()) {
      gauge.days_to_full = std::max(0.0, absl::ToDoubleHours(*forecast.full_at - now) / 24.0);
    }
    gauge.warning = forecast.warning;
    if (forecast.warning) ++counts.capacity_warnings;
    snapshot.mailboxes.push_back(std::move(gauge));
  }

  int64_t after = 0;
  do {
    ASSIGN_OR_RETURN(UnfiledPage page,
                     channels_.ListUnfiled("", /*open_only=*/true, after, kReadPageSize));
    for (const UnfiledChannel& report : page.reports) ++unit(report.unit_id).unfiled;
    after = page.next_after_id;
  } while (after > 0);

  ASSIGN_OR_RETURN(std::vector<Fault> open, faults_.ListOpen(now));
  for (const Fault& fault : open) {
    PerUnit& counts = unit(fault.unit_id);
    ++counts.open_faults;
    if (FaultOverdue(fault, now)) ++counts.faults_overdue;
    snapshot.oldest_open_fault = std::max(snapshot.oldest_open_fault, now - fault.opened_at);
  }

  for (size_t i = 0; i < unit_ids.size(); ++i) {
    const std::string& id = unit_ids[i];
    const PerUnit& counts = i < per_unit.size() ? per_unit[i] : PerUnit{};
    for (size_t s = 0; s < 4; ++s) {
      snapshot.channels.push_back({id, kStates[s], counts.by_state[s]});
    }
    snapshot.unfiled_by_unit.emplace_back(id, counts.unfiled);
    snapshot.checks_overdue_by_unit.emplace_back(id, counts.checks_overdue);
    snapshot.open_faults_by_unit.emplace_back(id, counts.open_faults);
    snapshot.faults_overdue_by_unit.emplace_back(id, counts.faults_overdue);
    snapshot.capacity_warnings_by_unit.emplace_back(id, counts.capacity_warnings);
  }
  observer_.Snapshot(snapshot);
  return absl::OkStatus();
}

}  // namespace cs::channel
