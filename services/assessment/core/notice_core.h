// The assessment service's use cases of the notices (SPEC S1–S3, S7; M 5.1.4, 7.6, 7.7, 7.12,
// 7.13): rectification notices 《整改措施单》 issued by the CS center, acknowledged (or deemed
// received after a grace), replied to under the unit manager's signature within 5 working days of
// receipt and verified — passed, or failed and reopened; maintenance notices filed ahead of
// foreseeable work, with the superior's approval of work affecting important users; launch reviews
// of customer-facing changes; and the one call that turns a late filing's or a launch's finding
// into a rectification notice. Knows no gRPC and no SQL: it works on domain values through the
// notice stores (store/assessment_notice_stores.h) and the partner store (S7), and reports through
// NoticeObserver (notice_ports.h). One method per notice RPC of cs.assessment.v1.AssessmentService,
// plus Sweep().
//
// Roles (SPEC "Actors"): CS_CENTER issues and verifies notices, records the superior's approval
// (M 5.1.4: the department's one interface to superiors), accepts launch reviews, records the
// window staff's training and raises notices from findings. Only the notice's unit's UNIT_MANAGER
// replies, and signs with their own name (anyone else: PERMISSION_DENIED). A unit's UNIT_STAFF and
// UNIT_MANAGER acknowledge its notices, file its maintenance notices, submit its launch reviews and
// record its launches, for their own unit only. Readers: CS_CENTER, OFFICE and SERVICE every unit;
// a unit's roles (DESIGNATED_UNIT too) their own.
//
// Idempotency (AIP-155): the creating calls (IssueRectificationNotice, FileMaintenanceNotice,
// SubmitLaunchReview, RaiseNoticeFromFinding) require a request_id; the changing calls use it when
// one is given (an empty request_id: not keyed). A repeat with the same fingerprint answers as the
// first time without doing it again, and the observer hears of each event once.
//
// Time: every step takes "now" from the injected clock, truncated to the microseconds the database
// keeps (Now()); deadlines on working time use the calendar in force (CalendarHolder).
//
// Errors: INVALID_ARGUMENT naming every bad field with its request path ("notice.starts_at");
// FAILED_PRECONDITION naming the state that forbids a step; PERMISSION_DENIED for a role or unit
// that may not act; NOT_FOUND for an unknown notice or review; the stores' UNAVAILABLE when the
// database is away. Thread-safe: it holds no mutable state.
#ifndef CS_SERVICES_ASSESSMENT_CORE_NOTICE_CORE_H_
#define CS_SERVICES_ASSESSMENT_CORE_NOTICE_CORE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/auth/principal.h"
#include "common/status/field_violations.h"
#include "common/time/calendar_holder.h"
#include "common/time/clock.h"
#include "common/time/deadline.h"
#include "common/time/working_calendar.h"
#include "common/units/unit_directory.h"
#include "services/assessment/core/notice_ports.h"
#include "services/assessment/domain/launch_review.h"
#include "services/assessment/domain/maintenance.h"
#include "services/assessment/domain/rectification.h"
#include "services/assessment/store/assessment_notice_stores.h"
#include "services/assessment/store/partner_store.h"

namespace cs::assessment {

// The figures the notices run on, from the SLA targets file and the binary's flags, as loaded and
// validated at start (ValidateNoticeSettings).
struct NoticeSettings {
  // S1, M 7.13: the reply is due 5 working days of receipt (SLA target `rectification`).
  common::Period rectification{common::PeriodUnit::kWorkingDays, 5};
  // S2, M 7.6: users are told at least 72 wall-clock hours ahead (SLA target
  // `planned_work_notice`); must be wall-clock minutes or hours.
  common::Period planned_work_notice{common::PeriodUnit::kWallHours, 72};
  // A notice not acknowledged this long (wall time) after it was issued counts as received at the
  // end of it (flag --notice_receipt_grace; the seed gives no figure). Whole minutes.
  absl::Duration receipt_grace = absl::Hours(24);
  // The new reply deadline of a notice whose verification failed, from the verification (flag
  // --notice_reopen_period; the seed gives none).
  common::Period reopen_period{common::PeriodUnit::kWorkingDays, 5};
};

// OK, or INVALID_ARGUMENT naming each bad setting: rectification and reopen_period valid
// (common::ValidatePeriod); planned_work_notice valid and wall-clock; receipt_grace at least one
// minute, whole minutes, within the range of a wall-clock period.
absl::Status ValidateNoticeSettings(const NoticeSettings& settings);

// The superior's approval as the CS center records it (RecordSuperiorApproval).
struct SuperiorApprovalInput {
  // The superior authority that approved; empty: kSuperiorAuthority.
  std::string approved_by;
  // When it approved; unset: now (the CS center records it as it arrives).
  absl::optional<absl::Time> approved_at;
  // The superior's document or reference number (required).
  std::string reference;
};

// Who approves when the request names no one: the unit's superior department (上级主管部门).
inline constexpr absl::string_view kSuperiorAuthority = "上级主管部门";

// What ListRectificationNotices filters on.
struct NoticeQuery {
  // Empty: a unit-scoped caller's own unit; every unit for the department-wide readers.
  std::string unit_id;
  // kUnspecified: every state.
  NoticeState state = NoticeState::kUnspecified;
  // Only notices whose reply is overdue at Now() (IsReplyOverdue).
  bool overdue_only = false;
};

class NoticeCore {
 public:
  // Every reference (the stores' included) must outlive the core. `settings` must have passed
  // ValidateNoticeSettings.
  NoticeCore(AssessmentNoticeStores stores, PartnerStore& partners,
             const common::UnitDirectory& units, const common::CalendarHolder& calendars,
             NoticeSettings settings, common::Clock& clock, NoticeObserver& observer);

  // --- S1 rectification notices ---
  // CS_CENTER only. draft.unit_id a unit of the directory (INVALID_ARGUMENT naming unit_id);
  // draft.partner_id, when given, a partner of that unit (INVALID_ARGUMENT naming partner_id);
  // draft.source_id must be empty (only RaiseNoticeFromFinding sets it). Fields are named as in
  // IssueRectificationNoticeRequest ("finding", "clause", …). ISSUED; observer NoticeIssued.
  absl::StatusOr<RectificationNotice> IssueRectificationNotice(const common::Principal& caller,
                                                               NoticeDraft draft,
                                                               const RequestKey& key);
  // UNIT_STAFF or UNIT_MANAGER of the notice's unit: ISSUED -> RECEIVED, reply due
  // settings.rectification after now on the calendar.
  absl::StatusOr<RectificationNotice> AcknowledgeNotice(const common::Principal& caller,
                                                        int64_t notice_id, const RequestKey& key);
  // The UNIT_MANAGER of the notice's unit only, signing as caller.user (anyone else, or a caller
  // without a user name to sign with: PERMISSION_DENIED, the notice unchanged). RECEIVED or
  // REOPENED -> REPLIED, late when past the deadline in force; observer NoticeReplied with the
  // working time from receipt (or from the failed verification) to the reply.
  absl::StatusOr<RectificationNotice> ReplyToNotice(const common::Principal& caller,
                                                    int64_t notice_id, const std::string& measures,
                                                    const RequestKey& key);
  // CS_CENTER only: REPLIED -> VERIFIED_PASSED, or (not `passed`, `note` required) REOPENED with a
  // reply due settings.reopen_period after now. Observer NoticeVerified.
  absl::StatusOr<RectificationNotice> VerifyRectification(const common::Principal& caller,
                                                          int64_t notice_id, bool passed,
                                                          const std::string& note,
                                                          const RequestKey& key);
  // Readers.
  absl::StatusOr<RectificationNotice> GetRectificationNotice(const common::Principal& caller,
                                                             int64_t notice_id);
  // Readers; query.unit_id as NoticeQuery says (another unit's for a unit-scoped caller:
  // PERMISSION_DENIED; an unknown unit: INVALID_ARGUMENT naming unit_id). Keyset paging: notices
  // with id > after_id, at most page_size (>= 1).
  absl::StatusOr<NoticePage> ListRectificationNotices(const common::Principal& caller,
                                                      NoticeQuery query, int64_t after_id,
                                                      int page_size);
  // Readers: the notice as plain text for printing (RenderNoticeForm), with the unit's and the
  // partner's names, times in the calendar's zone.
  absl::StatusOr<std::string> RenderRectificationNotice(const common::Principal& caller,
                                                        int64_t notice_id);

  // --- S2 maintenance notices ---
  // UNIT_STAFF or UNIT_MANAGER of form.unit_id (empty: the caller's unit), a unit of the
  // directory. Fields are named under "notice." as in FileMaintenanceNoticeRequest; every window
  // told must be known: a unit id of the directory, or the telecom company's window (its
  // contact_phone, e.g. "10000", or its name) — INVALID_ARGUMENT naming notice.windows_told[i].
  // Observer MaintenanceFiled (on time, late or emergency).
  absl::StatusOr<MaintenanceRecord> FileMaintenanceNotice(const common::Principal& caller,
                                                          MaintenanceForm form,
                                                          const RequestKey& key);
  // CS_CENTER only (M 5.1.4): the superior's approval of work affecting important users.
  absl::StatusOr<MaintenanceRecord> RecordSuperiorApproval(const common::Principal& caller,
                                                           int64_t maintenance_id,
                                                           SuperiorApprovalInput approval,
                                                           const RequestKey& key);
  // Readers; filter.unit_id as NoticeQuery's.
  absl::StatusOr<MaintenancePage> ListMaintenanceNotices(const common::Principal& caller,
                                                         MaintenanceFilter filter, int64_t after_id,
                                                         int page_size);

  // --- Findings -> notices ---
  // CS_CENTER only: the finding of `source_id` — "MN-<n>" (filed late, or work on important users
  // started without the superior's approval) or "LR-<n>" (launched without an accepted review or
  // the training it needed) — issued as a rectification notice (source_id = raised_from) in one
  // call, and the notice's id recorded on the source (MaintenanceRecord::raised_notice_id; a
  // NOTICE_RAISED history entry on either). INVALID_ARGUMENT naming source_id when it is neither;
  // NOT_FOUND for an unknown source; FAILED_PRECONDITION naming source_id when it raised no
  // finding, or when a notice was already raised from it (a retry of the same request answers
  // with that notice instead). Observer NoticeIssued once.
  absl::StatusOr<RectificationNotice> RaiseNoticeFromFinding(const common::Principal& caller,
                                                             const std::string& source_id,
                                                             const RequestKey& key);

  // --- S3 launch reviews ---
  // UNIT_STAFF or UNIT_MANAGER of form.unit_id (empty: the caller's unit), a unit of the
  // directory (INVALID_ARGUMENT naming review.unit_id). Fields are named under "review.".
  absl::StatusOr<LaunchReview> SubmitLaunchReview(const common::Principal& caller,
                                                  LaunchReviewForm form, const RequestKey& key);
  // CS_CENTER only: SUBMITTED -> ACCEPTED; `window_training_needed`, when given, replaces the
  // unit's view.
  absl::StatusOr<LaunchReview> AcceptLaunchReview(const common::Principal& caller,
                                                  int64_t review_id,
                                                  absl::optional<bool> window_training_needed,
                                                  const std::string& note, const RequestKey& key);
  // CS_CENTER only: the window staff were trained at `done_at` (unset: now).
  absl::StatusOr<LaunchReview> RecordWindowTraining(const common::Principal& caller,
                                                    int64_t review_id,
                                                    absl::optional<absl::Time> done_at,
                                                    const RequestKey& key);
  // UNIT_STAFF or UNIT_MANAGER of the review's unit: the change went live at `launched_at` (unset:
  // now). Without an accepted review, or before the training it needed, the launch is a finding
  // (launch_finding; observer LaunchFinding once).
  absl::StatusOr<LaunchReview> RecordLaunch(const common::Principal& caller, int64_t review_id,
                                            absl::optional<absl::Time> launched_at,
                                            const RequestKey& key);

  // The periodic work, safe in several replicas at once: every ISSUED notice whose receipt grace
  // is over is deemed received at the end of the grace (observer NoticeDeemedReceived, once per
  // notice), then the NoticeSnapshot over every notice and maintenance notice goes to
  // observer.Snapshot. The first error, after doing what it could.
  absl::Status Sweep();

  // The clock's time, truncated to the microseconds the database stores.
  absl::Time Now() const;

  const NoticeSettings& settings() const { return settings_; }

 private:
  const common::WorkingCalendar& Calendar() const;
  common::Period ReceiptGrace() const;
  // Loads the notice and checks the caller may read it.
  absl::StatusOr<RectificationNotice> ReadNotice(const common::Principal& caller,
                                                 int64_t notice_id);
  // Runs `step` on the notice in one transaction after RequireUnit (checked on the stored record
  // first, so a replay never answers another unit's caller); keyed by `key` under `scope` when
  // key.request_id is not empty.
  absl::StatusOr<NoticeWriteResult> MutateNotice(
      const common::Principal& caller, int64_t notice_id, const RequestKey& key,
      absl::string_view scope, const std::function<absl::Status(RectificationNotice&)>& step);
  absl::StatusOr<MaintenanceWriteResult> MutateMaintenance(
      const common::Principal& caller, int64_t maintenance_id, const RequestKey& key,
      absl::string_view scope, const std::function<absl::Status(MaintenanceRecord&)>& step);
  absl::StatusOr<LaunchReviewWriteResult> MutateReview(
      const common::Principal& caller, int64_t review_id, const RequestKey& key,
      absl::string_view scope, const std::function<absl::Status(LaunchReview&)>& step);
  // For a unit-scoped caller an empty `unit_id` becomes theirs; a unit they may act for and, when
  // not empty, one of the directory (INVALID_ARGUMENT naming `field`).
  absl::Status ScopeUnit(const common::Principal& caller, std::string& unit_id,
                         absl::string_view field) const;
  // Adds "names no known unit" naming `field` when `unit_id` is well-formed (no violation of
  // `field` yet) but not a unit of the directory.
  void CheckKnownUnit(const std::string& unit_id, const std::string& field,
                      common::FieldViolations& violations) const;
  // Adds a violation naming `field` unless `partner_id` is a partner of `unit_id`; the store's
  // error when it cannot tell.
  absl::Status CheckPartner(int64_t partner_id, const std::string& unit_id, absl::string_view field,
                            common::FieldViolations& violations);
  bool IsKnownWindow(const std::string& window) const;
  // The notice of `finding` (raised from `source_id`), created once per source whichever request
  // asks: keyed by the source, so a retry or a concurrent raise finds the one notice. Observer
  // NoticeIssued when this call created it. Its id.
  absl::StatusOr<int64_t> CreateRaisedNotice(const common::Principal& caller, Finding finding,
                                             const std::string& source_id, absl::Time now);
  std::string UnitName(const std::string& unit_id) const;
  // The sweep's parts.
  absl::Status ApplyDeemedReceipts(absl::Time now);
  absl::Status RefreshSnapshot(absl::Time now);

  NoticeStore& notices_;
  MaintenanceStore& maintenance_;
  LaunchReviewStore& reviews_;
  PartnerStore& partners_;
  const common::UnitDirectory& units_;
  // The calendar in force, which a reload may replace while the process runs.
  const common::CalendarHolder& calendars_;
  const NoticeSettings settings_;
  common::Clock& clock_;
  NoticeObserver& observer_;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_CORE_NOTICE_CORE_H_
