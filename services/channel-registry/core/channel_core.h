// The channel registry's use cases (SPEC §4, C1–C7; annex A3 of the regulation, form F3): who may
// do what to which online channel, filing and the CS center's acknowledgement and findings,
// channels found in use but not filed, faults repaired within the limit of their kind, published
// information, checks on schedule, mailbox capacity forecasts (a full box opens a fault by
// itself), the monthly report per channel and its submission by the due working day, and the
// unit's month for assessment. Knows no gRPC and no SQL: it works on domain values through the
// five store interfaces (store/channel_stores.h) and reports through ChannelObserver
// (channel_ports.h). One method per RPC of cs.channel.v1.ChannelRegistryService, plus Sweep().
//
// Roles (SPEC "Actors"): CS_CENTER acknowledges filings, marks them inaccurate and reports
// channels in use but not filed; a unit's UNIT_STAFF and UNIT_MANAGER file, correct and retire its
// channels, open and close their faults, record publications, checks, usage samples and assistance
// requests and submit monthly reports, for their own unit only (another unit's channel:
// PERMISSION_DENIED); SERVICE (the mail-system monitor) may record usage samples too; CS_CENTER,
// OFFICE and SERVICE read every unit, a unit's roles (DESIGNATED_UNIT too) their own.
//
// Idempotency (AIP-155): the creating calls (FileChannel, ReportUnfiledChannel, OpenFault,
// RecordCheck, RecordUsageSample, RequestCapacityAssistance, SubmitMonthlyReport) require a
// request_id; the changing calls (AcknowledgeFiling, MarkFilingInaccurate, CorrectFiling,
// RetireChannel, CloseFault, RecordPublication) use it when one is given (an empty request_id:
// not keyed). A repeat with the same fingerprint answers as the first time without doing it again.
//
// Time: every step takes "now" from the injected clock, truncated to the microseconds the database
// keeps (Now()).
//
// Errors: INVALID_ARGUMENT naming every bad field; FAILED_PRECONDITION naming the state that
// forbids a step; PERMISSION_DENIED for a role or unit that may not act; NOT_FOUND for an unknown
// channel, fault or unfiled report; the stores' UNAVAILABLE when the database is away.
// Thread-safe: it holds no mutable state.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_CORE_CHANNEL_CORE_H_
#define CS_SERVICES_CHANNEL_REGISTRY_CORE_CHANNEL_CORE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/auth/principal.h"
#include "common/time/calendar_holder.h"
#include "common/time/clock.h"
#include "common/time/deadline.h"
#include "common/time/working_calendar.h"
#include "common/units/unit_directory.h"
#include "services/channel-registry/core/channel_ports.h"
#include "services/channel-registry/domain/capacity_forecast.h"
#include "services/channel-registry/domain/channel.h"
#include "services/channel-registry/domain/channel_lifecycle.h"
#include "services/channel-registry/domain/monthly_report.h"
#include "services/channel-registry/domain/publication_checklist.h"
#include "services/channel-registry/domain/unfiled_channel.h"
#include "services/channel-registry/store/channel_store.h"
#include "services/channel-registry/store/channel_stores.h"
#include "services/channel-registry/store/fault_store.h"

namespace cs::channel {

// The figures the registry enforces, from the SLA targets file and the binary's flags, as loaded
// and validated at start (ValidateChannelSettings).
struct ChannelSettings {
  // C2, A3 7.1: channel_fault_repair per channel kind (FaultRepairPeriodFor for EMAIL, WEB_FORM,
  // GUESTBOOK). A kind without an entry cannot have a fault opened (FAILED_PRECONDITION).
  std::map<ChannelKind, common::Period> fault_repair;
  // A3 7.5.2: the report on a month is due by this working day of the next month.
  int monthly_report_due_working_day = 5;
  // C6, A3 7.5.4: the forecast's window, horizon and usage threshold.
  ForecastOptions forecast;
};

// OK, or INVALID_ARGUMENT naming what is wrong: a repair period for every online kind (EMAIL,
// WEB_FORM, GUESTBOOK), each valid (common::ValidatePeriod); the due working day >= 1; the
// forecast options (ValidateForecastOptions).
absl::Status ValidateChannelSettings(const ChannelSettings& settings);

// How far ahead of the service's clock a usage sample's sampled_at may lie (a monitor's clock may
// run a little ahead); later is refused.
inline constexpr absl::Duration kMaxClockSkew = absl::Minutes(5);

// GetCheckSchedule's answer (C5).
struct CheckSchedule {
  int64_t channel_id = 0;
  ServiceTime service_time;
  // CheckInterval: wall time for 7×24, working time otherwise.
  absl::Duration interval;
  absl::optional<absl::Time> last_checked_at;
  absl::optional<absl::Time> next_due;  // none for a retired channel
  bool overdue = false;
  // UpcomingDueTimes from `from` (empty for a retired channel).
  std::vector<absl::Time> upcoming;
};

// RecordUsageSample's and GetCapacityForecast's answer (C6).
struct ForecastResult {
  int64_t channel_id = 0;
  CapacityForecast forecast;
  // The MAILBOX_FULL fault this sample opened (C6 -> C2); 0 when none (always 0 for
  // GetCapacityForecast).
  int64_t opened_fault_id = 0;
};

class ChannelCore {
 public:
  // Every reference (the stores' included) must outlive the core.
  ChannelCore(ChannelStores stores, const common::UnitDirectory& units,
              const common::CalendarHolder& calendars, ChannelSettings settings,
              common::Clock& clock, ChannelObserver& observer);

  // --- C1 filing (form F3) ---
  // UNIT_STAFF or UNIT_MANAGER of form.unit_id (empty: the caller's unit), a unit of the
  // directory. FILED; the unit's open unfiled reports at that address are marked filed.
  absl::StatusOr<OnlineChannel> FileChannel(const common::Principal& caller, FilingForm form,
                                            const RequestKey& key);
  // CS_CENTER only (报备 received). FAILED_PRECONDITION unless FILED.
  absl::StatusOr<OnlineChannel> AcknowledgeFiling(const common::Principal& caller,
                                                  int64_t channel_id, const RequestKey& key);
  // CS_CENTER only: the filed content is not true, accurate or current (A3 7.4, 7.7.1).
  absl::StatusOr<OnlineChannel> MarkFilingInaccurate(const common::Principal& caller,
                                                     int64_t channel_id, const std::string& finding,
                                                     const RequestKey& key);
  // UNIT_STAFF or UNIT_MANAGER of the channel's unit: a new version of form F3 (form.unit_id empty:
  // the channel's unit); answers the open finding; FILED again.
  absl::StatusOr<OnlineChannel> CorrectFiling(const common::Principal& caller, int64_t channel_id,
                                              FilingForm form, const RequestKey& key);
  // UNIT_STAFF or UNIT_MANAGER of the channel's unit.
  absl::StatusOr<OnlineChannel> RetireChannel(const common::Principal& caller, int64_t channel_id,
                                              const std::string& reason, const RequestKey& key);
  // CS_CENTER only (A3 7.7.1): a channel of input.unit_id (a unit of the directory) found in use
  // but not filed. It counts against the unit until the unit files a channel at that address.
  absl::StatusOr<UnfiledChannel> ReportUnfiledChannel(const common::Principal& caller,
                                                      UnfiledReportInput input,
                                                      const RequestKey& key);
  // Readers; a unit's roles see their own unit (an empty `unit_id` means theirs; empty for a
  // department-wide role: every unit).
  absl::StatusOr<UnfiledPage> ListUnfiledChannels(const common::Principal& caller,
                                                  std::string unit_id, bool open_only,
                                                  int64_t after_id, int page_size);
  // Readers (CS_CENTER, OFFICE, SERVICE; a unit's roles their own unit's channels).
  absl::StatusOr<OnlineChannel> GetChannel(const common::Principal& caller, int64_t channel_id);
  // Readers; filter.unit_id as ListUnfiledChannels' unit_id.
  absl::StatusOr<ChannelPage> ListChannels(const common::Principal& caller, ChannelFilter filter,
                                           int64_t after_id, int page_size);

  // --- C2 faults ---
  // UNIT_STAFF or UNIT_MANAGER of the channel's unit; origin REPORTED whatever `input` says (only
  // the service opens MAILBOX_FULL faults). Repair due after the repair period of the channel's
  // kind (settings.fault_repair).
  absl::StatusOr<Fault> OpenFault(const common::Principal& caller, int64_t channel_id,
                                  FaultInput input, const RequestKey& key);
  // UNIT_STAFF or UNIT_MANAGER of the fault's unit. The observer counts the repair in time or late
  // (once: not for a replayed request).
  absl::StatusOr<Fault> CloseFault(const common::Principal& caller, int64_t fault_id,
                                   absl::optional<absl::Time> repaired_at,
                                   const std::string& repair_note, const RequestKey& key);
  // Readers; filter.unit_id as ListUnfiledChannels' unit_id; a channel filter must be a channel
  // the caller may read. Whether a fault is overdue: FaultOverdue(fault, Now()).
  absl::StatusOr<FaultPage> ListFaults(const common::Principal& caller, FaultFilter filter,
                                       int64_t after_id, int page_size);

  // --- C3, C4 publication ---
  // UNIT_STAFF or UNIT_MANAGER of the channel's unit.
  absl::StatusOr<OnlineChannel> RecordPublication(const common::Principal& caller,
                                                  int64_t channel_id,
                                                  const std::vector<PublishedItem>& items,
                                                  bool service_standards_published,
                                                  const std::vector<std::string>& languages,
                                                  const RequestKey& key);
  // Readers.
  absl::StatusOr<PublicationChecklist> GetPublicationChecklist(const common::Principal& caller,
                                                               int64_t channel_id);

  // --- C5 checks ---
  // UNIT_STAFF or UNIT_MANAGER of the channel's unit; input.checked_by (empty: the caller's user)
  // must be one of the current form's assigned staff (INVALID_ARGUMENT naming checked_by). The
  // observer counts the check.
  absl::StatusOr<Check> RecordCheck(const common::Principal& caller, int64_t channel_id,
                                    CheckInput input, const RequestKey& key);
  // Readers. `from` unset: now; `count` 0: kDefaultUpcomingCount (INVALID_ARGUMENT naming count
  // outside 0..kMaxUpcomingCount).
  absl::StatusOr<CheckSchedule> GetCheckSchedule(const common::Principal& caller,
                                                 int64_t channel_id,
                                                 absl::optional<absl::Time> from, int count);

  // --- C6 mailbox capacity ---
  // SERVICE, or UNIT_STAFF / UNIT_MANAGER of the channel's unit; an EMAIL channel not retired.
  // The sample is validated against the latest one (ValidateSample: "sample.sampled_at" not after
  // it, "sample.capacity", "sample.used"; "sample.sampled_at" more than kMaxClockSkew ahead of
  // now), stored, and the forecast computed over the window up to it; a warning is recorded for
  // the month's report. A sample showing the box full opens a MAILBOX_FULL fault in the service's
  // name (kServiceActor) unless the channel has one open already; its id is returned.
  absl::StatusOr<ForecastResult> RecordUsageSample(const common::Principal& caller,
                                                   int64_t channel_id, UsageSample sample,
                                                   const RequestKey& key);
  // Readers: the forecast at now over the window before the latest sample.
  absl::StatusOr<ForecastResult> GetCapacityForecast(const common::Principal& caller,
                                                     int64_t channel_id);
  // UNIT_STAFF or UNIT_MANAGER of the channel's unit (A3 7.5.4: 以书面形式提交申请).
  absl::StatusOr<AssistanceRequest> RequestCapacityAssistance(const common::Principal& caller,
                                                              int64_t channel_id,
                                                              const std::string& text,
                                                              const RequestKey& key);

  // --- C7 monthly report ---
  // Readers: the report of a finished month ("YYYY-MM"); FAILED_PRECONDITION naming the month
  // while it runs (the proto shows no preview), or for a month before the channel was filed.
  absl::StatusOr<ChannelMonthlyReport> GetMonthlyReport(const common::Principal& caller,
                                                        int64_t channel_id,
                                                        const std::string& month);
  // UNIT_STAFF or UNIT_MANAGER of the channel's unit, for a finished month: recorded on time or
  // late against the due working day. FAILED_PRECONDITION when the month is not over, or was
  // submitted already (under another request_id). The observer: ReportDeadline(met) at an on-time
  // submission; ReportDeadline(missed) at a late one, unless the sweep counted it missed before.
  absl::StatusOr<ChannelMonthlyReport> SubmitMonthlyReport(const common::Principal& caller,
                                                           int64_t channel_id,
                                                           const std::string& month,
                                                           const RequestKey& key);

  // --- Form F3 (readers) ---
  // `form_version` 0: the current one.
  absl::StatusOr<std::string> RenderFilingForm(const common::Principal& caller, int64_t channel_id,
                                               int form_version);

  // --- For assessment ---
  // SERVICE, CS_CENTER, OFFICE, or the unit's own roles. `unit_id` empty means the caller's unit
  // (required for the department-wide roles).
  absl::StatusOr<MonthlyStatistics> GetMonthlyStatistics(const common::Principal& caller,
                                                         std::string unit_id,
                                                         const std::string& month);

  // The periodic work, safe in several replicas at once: records each channel's report of the
  // previous month as missed once its due time passed unsubmitted (ReportStore::RecordMissed,
  // once per channel and month; the observer hears ReportDeadline(missed) for the new ones), and
  // refreshes the observer's snapshot. The first error, after doing what it could.
  absl::Status Sweep();

  // The clock's time, truncated to the microseconds the database stores: what the api uses for
  // the derived flags (ChannelCheckOverdue, FaultOverdue).
  absl::Time Now() const;

  const ChannelSettings& settings() const { return settings_; }

 private:
  const common::WorkingCalendar& Calendar() const;
  // Loads the channel and checks the caller may read it.
  absl::StatusOr<OnlineChannel> ReadChannel(const common::Principal& caller, int64_t channel_id);
  // Runs `step` on the channel in one transaction (ChannelStore::Mutate) after RequireUnit; keyed
  // by `key` under `scope` when key.request_id is not empty.
  absl::StatusOr<MutationResult> MutateChannel(
      const common::Principal& caller, int64_t channel_id, const RequestKey& key,
      absl::string_view scope, const std::function<absl::Status(OnlineChannel&)>& step);
  // For unit-scoped callers an empty `unit_id` becomes theirs; then RequireUnit and, when not
  // empty, a unit of the directory (INVALID_ARGUMENT naming `field` otherwise).
  absl::Status ScopeUnit(const common::Principal& caller, std::string& unit_id,
                         absl::string_view field) const;
  absl::StatusOr<common::Period> RepairPeriodOf(const OnlineChannel& channel) const;
  // Opens a fault on `channel` (input.opened_at unset: now): stored under `key` (FaultStore::Open),
  // then FAULT_OPENED appended to the channel under the same key in `history_scope`.
  absl::StatusOr<OpenFaultResult> OpenFaultOn(const OnlineChannel& channel, FaultInput input,
                                              absl::string_view actor, const RequestKey& key,
                                              absl::string_view history_scope);
  std::string UnitName(const std::string& unit_id) const;
  absl::StatusOr<ChannelRecords> RecordsOf(const OnlineChannel& channel, const std::string& month);
  absl::StatusOr<ChannelMonthlyReport> BuildReport(const OnlineChannel& channel,
                                                   const std::string& month, absl::Time now);
  absl::StatusOr<CapacityForecast> ForecastAt(int64_t channel_id, absl::Time now);
  absl::StatusOr<std::vector<OnlineChannel>> AllChannels();
  // The sweep's parts.
  absl::Status CountMissedReports(absl::Time now, const std::vector<OnlineChannel>& channels);
  absl::Status RefreshSnapshot(absl::Time now, const std::vector<OnlineChannel>& channels);

  ChannelStore& channels_;
  FaultStore& faults_;
  CheckStore& checks_;
  CapacityStore& capacity_;
  ReportStore& reports_;
  const common::UnitDirectory& units_;
  // The calendar in force, which a reload may replace while the process runs.
  const common::CalendarHolder& calendars_;
  const ChannelSettings settings_;
  common::Clock& clock_;
  ChannelObserver& observer_;
};

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_CORE_CHANNEL_CORE_H_
