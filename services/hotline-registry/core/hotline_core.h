// The hotline registry's use cases (SPEC §3, H1–H8; annex A2 and A4 of the regulation, forms F1 and
// F2): who may do what to which hotline, registrations and changes approved beforehand, the 3-month
// number transition, department-wide notices, call-record ingest and the monthly operating report
// with its connection rate, trained staff only on duty, standard-phrase scoring, and the monthly
// figures for assessment. Knows no gRPC and no SQL: it works on domain values through the four
// store interfaces (store/hotline_stores.h) and reports through HotlineObserver (hotline_ports.h).
//
// Roles (SPEC "Actors"): CS_CENTER decides registrations and changes and issues notices; a unit's
// UNIT_STAFF and UNIT_MANAGER file forms, staff, trainings, rosters and reports for their own unit
// only; only the unit's UNIT_MANAGER signs; SERVICE (the phone system) and the unit's roles ingest
// call records; CS_CENTER, OFFICE and SERVICE read every unit, a unit's roles their own.
// Every creating call is idempotent by request_id (AIP-155).
//
// Time: every step takes "now" from the injected clock, truncated to the microseconds the database
// keeps. A change takes effect at its change time: before any step on a hotline the core applies
// what has come due (the domain's ApplyDueChanges), and Sweep does it for every hotline.
//
// Errors: INVALID_ARGUMENT naming every bad field; FAILED_PRECONDITION naming the state that
// forbids a step; PERMISSION_DENIED for a role or unit that may not act; NOT_FOUND for an unknown
// hotline, change, staff member or scored call; the stores' UNAVAILABLE when the database is away.
// Thread-safe: it holds no mutable state but the sweep's note of the reports it has registered as
// expected (guarded by a mutex).
#ifndef CS_SERVICES_HOTLINE_REGISTRY_CORE_HOTLINE_CORE_H_
#define CS_SERVICES_HOTLINE_REGISTRY_CORE_HOTLINE_CORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/auth/principal.h"
#include "common/status/field_violations.h"
#include "common/time/calendar_holder.h"
#include "common/time/clock.h"
#include "common/time/deadline.h"
#include "common/units/unit_directory.h"
#include "services/hotline-registry/core/hotline_ports.h"
#include "services/hotline-registry/domain/call_record.h"
#include "services/hotline-registry/domain/hotline.h"
#include "services/hotline-registry/domain/operating_report.h"
#include "services/hotline-registry/domain/phrase_score.h"
#include "services/hotline-registry/domain/phrase_scorer.h"
#include "services/hotline-registry/domain/staff.h"
#include "services/hotline-registry/store/hotline_store.h"
#include "services/hotline-registry/store/hotline_stores.h"
#include "services/hotline-registry/store/staff_store.h"

namespace cs::hotline {

// The figures the registry enforces, from the SLA targets file and the phrases file, and how it
// ingests, as loaded and validated at start.
struct HotlineSettings {
  // H6, A2 7.5: hotline_connection_rate_percent.
  double connection_rate_target_percent = 80;
  // H3, A2 7.2: old_number_transfer, the shortest transition of an old number.
  common::Period minimum_transition{common::PeriodUnit::kMonths, 3};
  // A2 7.7: the report on a month is due by this working day of the next month.
  int monthly_report_due_working_day = 5;
  // H8: deploy/config/hotline_phrases.textproto.
  PhraseConfig phrases;
  // Call records written per InsertBatch (one commit each).
  int ingest_batch_size = 500;
};

// When the store's sweep must next look at a hotline (the DueRule the wiring gives the hotline
// store): the earliest of NextDueAt (changes whose time comes) and the end of a number transition
// whose end is not yet recorded in its history (TRANSITION_ENDED). nullopt when nothing is due.
absl::optional<absl::Time> HotlineDueAt(const Hotline& hotline);

// The hours `hotline` published at `at` (H5): those of the latest SERVICE_HOURS change APPLIED at
// or before `at`, else those of its registration.
ServiceHours HoursAt(const Hotline& hotline, absl::Time at);

// Whether `hotline` was ACTIVE at `at`: approved at or before it and not cancelled (an applied
// CANCELLATION) at or before it.
bool ActiveAt(const Hotline& hotline, absl::Time at);

// Whether `hotline` was ACTIVE at some instant of [start, end).
bool ActiveDuring(const Hotline& hotline, absl::Time start, absl::Time end);

// Which form SignForm signs.
enum class FormKind { kRegistration, kChange };

// One call record as the api read it off the stream, with what it found wrong already (a hotline
// id that does not parse, a timestamp out of range: "field: description" each).
struct IncomingCallRecord {
  CallRecord record;
  std::vector<common::FieldViolation> problems;
};

// A record refused at ingest: its position in the stream (from 0), and every problem, "field:
// description".
struct RejectedCall {
  int64_t index = 0;
  std::string call_id;
  std::vector<std::string> problems;
};

struct IngestSummary {
  int64_t received = 0;
  int64_t stored = 0;
  int64_t duplicates = 0;
  // received - stored - duplicates.
  int64_t rejected_count = 0;
  // The first kMaxListedRejections refused records, in stream order.
  std::vector<RejectedCall> rejected;
};

// Most refused records one ingest lists (the rest are only counted), so a stream of garbage cannot
// grow the answer beyond what gRPC can send.
inline constexpr size_t kMaxListedRejections = 10000;

// How far ahead of the service's clock a call record's offered_at, or a training's completion, may
// lie (the phone system's clock may run a little ahead); later is refused.
inline constexpr absl::Duration kMaxClockSkew = absl::Minutes(5);

// A hotline's figures for one month, as assessment reads them (SPEC §5).
struct HotlineMonth {
  int64_t hotline_id = 0;
  std::string number;
  OperatingReport report;
};

struct MonthlyStatistics {
  std::string unit_id;
  std::string month;
  // Every hotline of the unit ACTIVE at some time in the month, by id.
  std::vector<HotlineMonth> hotlines;
  // H7: duty rosters refused in the month for naming untrained staff.
  int64_t untrained_on_duty_refused = 0;
  // H1: hotlines of the unit with calls offered in the month while not ACTIVE.
  int64_t hotlines_active_without_approval = 0;
};

class CallIngest;

class HotlineCore {
 public:
  // Every reference (the stores' included) must outlive the core. settings.ingest_batch_size below
  // 1 counts as 1.
  HotlineCore(HotlineStores stores, const common::UnitDirectory& units,
              const common::CalendarHolder& calendars, HotlineSettings settings,
              common::Clock& clock, HotlineObserver& observer);

  // --- H1 registration (form F1) ---
  // UNIT_STAFF or UNIT_MANAGER of form.unit_id (empty: the caller's unit), a unit of the directory.
  // PENDING_SIGNATURE until the unit's manager signs.
  absl::StatusOr<Hotline> RegisterHotline(const common::Principal& caller, RegistrationForm form,
                                          const RequestKey& key);
  // The hotline's UNIT_MANAGER signs its registration or one of its changes (二级经理签字).
  absl::StatusOr<Hotline> SignForm(const common::Principal& caller, int64_t hotline_id,
                                   FormKind form, const std::string& change_id);
  // CS_CENTER only: approval (ACTIVE) or rejection with a reason.
  absl::StatusOr<Hotline> DecideRegistration(const common::Principal& caller, int64_t hotline_id,
                                             bool approve, const std::string& reason);
  // Readers (CS_CENTER, OFFICE, SERVICE; a unit's roles their own unit's hotlines). The hotline as
  // of now: a change whose time has come is applied first.
  absl::StatusOr<Hotline> GetHotline(const common::Principal& caller, int64_t hotline_id);
  // Readers; a unit's roles see their own unit (an empty filter unit means theirs).
  absl::StatusOr<HotlinePage> ListHotlines(const common::Principal& caller, HotlineFilter filter,
                                           int64_t after_id, int page_size);

  // --- H2–H4 changes, transitions, notices (form F2) ---
  // UNIT_STAFF or UNIT_MANAGER of the hotline's unit, for an ACTIVE hotline, beforehand.
  absl::StatusOr<Hotline> FileChange(const common::Principal& caller, int64_t hotline_id,
                                     ChangeForm form, const RequestKey& key);
  // CS_CENTER only (客服中心意见). An approval at or after the change time is refused.
  absl::StatusOr<Hotline> DecideChange(const common::Principal& caller, int64_t hotline_id,
                                       const std::string& change_id, bool approve,
                                       const std::string& reason);
  // Readers: old numbers still on a prompt or transfer at `active_at` (default now).
  absl::StatusOr<std::vector<ListedTransition>> ListNumberTransitions(
      const common::Principal& caller, std::string unit_id, absl::optional<absl::Time> active_at);
  // CS_CENTER only (H4, A2 7.3): one number change or cancellation for every hotline named.
  absl::StatusOr<NoticeResult> IssueNotice(const common::Principal& caller, Notice notice,
                                           const RequestKey& key);

  // --- H6 call records and operating reports ---
  // SERVICE (the phone system) or UNIT_STAFF / UNIT_MANAGER (their own unit's hotlines only): an
  // ingest of one stream of call records. PERMISSION_DENIED for other roles.
  absl::StatusOr<std::unique_ptr<CallIngest>> StartIngest(const common::Principal& caller);
  // Readers: the month's report of one hotline ("YYYY-MM").
  absl::StatusOr<OperatingReport> GetOperatingReport(const common::Principal& caller,
                                                     int64_t hotline_id, const std::string& month);
  // UNIT_STAFF or UNIT_MANAGER of the hotline's unit, for a month that is over. FAILED_PRECONDITION
  // when it is not over, or was submitted already (under another request_id).
  absl::StatusOr<OperatingReport> SubmitOperatingReport(const common::Principal& caller,
                                                        int64_t hotline_id,
                                                        const std::string& month,
                                                        const std::string& remarks,
                                                        const RequestKey& key);

  // --- H7 staff, training, rosters ---
  // UNIT_STAFF or UNIT_MANAGER of staff.unit_id (empty: the caller's unit).
  absl::StatusOr<StaffMember> RegisterStaff(const common::Principal& caller, StaffMember staff,
                                            const RequestKey& key);
  absl::StatusOr<StaffMember> RecordTraining(const common::Principal& caller, std::string unit_id,
                                             const std::string& staff_number,
                                             const Training& training, const RequestKey& key);
  // Readers; `unit_id` empty means the caller's unit (required for the department-wide roles).
  absl::StatusOr<StaffPage> ListStaff(const common::Principal& caller, std::string unit_id,
                                      const std::string& after_staff_number, int page_size);
  // UNIT_STAFF or UNIT_MANAGER of the hotline's unit. A roster naming a staff member without all
  // four trainings is refused (FAILED_PRECONDITION naming each) and counted once per request_id in
  // the month of the attempt; `request_id` is required.
  absl::StatusOr<DutyRoster> SetDutyRoster(const common::Principal& caller, DutyRoster roster,
                                           const std::string& request_id);

  // --- H8 standard phrases ---
  // SERVICE, CS_CENTER, or UNIT_STAFF / UNIT_MANAGER of the hotline's unit. Scores and keeps the
  // score (a repeat replaces it). An empty agent staff number is taken from the call record when
  // one is stored under the call id.
  absl::StatusOr<PhraseScore> ScoreCall(const common::Principal& caller, int64_t hotline_id,
                                        const std::string& call_id, std::string agent_staff_number,
                                        const std::vector<Turn>& turns,
                                        const std::vector<CallEvent>& events);
  // A2 7.9: CS_CENTER or the unit's UNIT_MANAGER marks a scored call's Mandarin.
  absl::StatusOr<PhraseScore> RecordMandarinReview(const common::Principal& caller,
                                                   int64_t hotline_id, const std::string& call_id,
                                                   bool standard, const std::string& note);

  // --- Forms F1 and F2 (readers) ---
  absl::StatusOr<std::string> RenderRegistrationForm(const common::Principal& caller,
                                                     int64_t hotline_id);
  absl::StatusOr<std::string> RenderChangeForm(const common::Principal& caller, int64_t hotline_id,
                                               const std::string& change_id);

  // --- For assessment ---
  // SERVICE, CS_CENTER, OFFICE, or the unit's own roles. `unit_id` empty means the caller's unit
  // (required for the department-wide roles).
  absl::StatusOr<MonthlyStatistics> GetMonthlyStatistics(const common::Principal& caller,
                                                         std::string unit_id,
                                                         const std::string& month);

  // The periodic work, safe in several replicas at once: applies the changes and transition ends
  // whose time has come (HotlineStore::ClaimDueChanges), registers the previous month's reports of
  // every hotline ACTIVE during it as expected, counts the ones whose due time passed unsubmitted
  // (once each, ReportStore::ClaimMissedReports), and refreshes the observer's snapshot. The first
  // error, after doing what it could.
  absl::Status Sweep();

  const HotlineSettings& settings() const { return settings_; }

 private:
  friend class CallIngest;
  using Step = std::function<absl::Status(Hotline& hotline, absl::Time now)>;

  // The clock's time, truncated to the microseconds the database stores.
  absl::Time Now() const;
  const common::WorkingCalendar& Calendar() const;
  // Loads, applies what is due, runs `step`, saves — one transaction (HotlineStore::Mutate). When
  // the step fails after due changes were applied, those are saved on their own before the step's
  // error is returned.
  absl::StatusOr<Hotline> MutateHotline(int64_t hotline_id, const MutationOptions& options,
                                        const Step& step);
  // The hotline as of `now`: what is due applied and saved first.
  absl::StatusOr<Hotline> LoadCurrent(int64_t hotline_id, absl::Time now);
  // A hotline a reader may see: LoadCurrent, then the unit scope.
  absl::StatusOr<Hotline> ReadHotline(const common::Principal& caller, int64_t hotline_id);
  // Applies every change and transition end that has come due (up to a bound of rounds).
  absl::Status ApplyDue(absl::Time now);
  // For unit-scoped callers an empty `unit_id` becomes theirs; then RequireUnit and, when not
  // empty, a unit of the directory (INVALID_ARGUMENT naming `field` otherwise).
  absl::Status ScopeUnit(const common::Principal& caller, std::string& unit_id,
                         absl::string_view field) const;
  absl::StatusOr<common::Deadline> ReportDueOf(const std::string& month) const;
  absl::StatusOr<OperatingReport> BuildOperatingReport(const Hotline& hotline,
                                                       const std::string& month, absl::Time now);
  absl::StatusOr<std::vector<Hotline>> AllHotlines();
  absl::StatusOr<std::vector<StaffMember>> AllStaff(const std::string& unit_id);
  std::string UnitName(const std::string& unit_id) const;
  // The sweep's parts.
  absl::Status ExpectPreviousMonth(absl::Time now, const std::vector<Hotline>& hotlines);
  absl::Status CountMissedReports(absl::Time now, const std::vector<Hotline>& hotlines);
  absl::Status RefreshSnapshot(absl::Time now, const std::vector<Hotline>& hotlines);

  HotlineStore& hotlines_;
  CallRecordStore& calls_;
  StaffStore& staff_;
  ReportStore& reports_;
  const common::UnitDirectory& units_;
  // The calendar in force, which a reload may replace while the process runs (calendar_holder.h).
  const common::CalendarHolder& calendars_;
  const HotlineSettings settings_;
  common::Clock& clock_;
  HotlineObserver& observer_;

  absl::Mutex mutex_;
  // The month whose reports the sweep last registered as expected, and for which hotlines: the
  // sweep registers them again only when that changes (a new month; on a test clock moved back).
  std::string expected_month_ ABSL_GUARDED_BY(mutex_);
  std::vector<int64_t> expected_ids_ ABSL_GUARDED_BY(mutex_);
};

// One stream of call records (H6), started by HotlineCore::StartIngest: records are validated as
// they come, buffered, and written in batches of settings.ingest_batch_size, each committed before
// the next is read — so a huge stream never sits in memory and what was stored survives a broken
// stream (a retry is safe: records are idempotent per hotline and call id). Not thread-safe: one
// stream, one thread.
class CallIngest final {
 public:
  CallIngest(const CallIngest&) = delete;
  CallIngest& operator=(const CallIngest&) = delete;

  // Takes the next record of the stream; writes a full batch. A store error (UNAVAILABLE …) ends
  // the ingest: the batches before it are stored, this one is unknown.
  absl::Status Add(IncomingCallRecord record);
  // Writes what is buffered and returns the tally of the whole stream.
  absl::StatusOr<IngestSummary> Finish();

 private:
  friend class HotlineCore;
  CallIngest(HotlineCore& core, common::Principal caller);

  // The hotline as of now (changes due applied in memory), cached for the stream; nullptr when no
  // hotline has the id.
  absl::StatusOr<const Hotline*> HotlineOf(int64_t hotline_id);
  absl::Status Flush();
  void Reject(int64_t index, const std::string& call_id, std::vector<std::string> problems);

  HotlineCore& core_;
  const common::Principal caller_;
  const absl::Time now_;
  IngestSummary summary_;
  // Records validated and waiting for their batch, with their stream index.
  std::vector<IncomingCall> pending_;
  std::vector<int64_t> pending_index_;
  // Records refused since the observer was last told.
  int64_t unreported_rejections_ = 0;
  absl::flat_hash_map<int64_t, std::unique_ptr<Hotline>> cache_;
};

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_CORE_HOTLINE_CORE_H_
