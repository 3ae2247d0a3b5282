#include "services/assessment/core/notice_core.h"

#include <algorithm>
#include <initializer_list>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/db/printable_id.h"
#include "common/hash/sha256.h"
#include "common/status/error_reason.h"
#include "common/status/quoted_value.h"
#include "common/status/status_macros.h"
#include "common/status/text_checks.h"
#include "common/units/unit_scope.h"
#include "services/assessment/core/assessed_units.h"

namespace cs::assessment {
namespace {

using common::FieldViolations;
using common::Principal;
using common::Role;

// Who reads notices, maintenance notices and forms: the department-wide roles every unit's, a
// unit's own roles their unit's.
constexpr std::initializer_list<Role> kReaders = {Role::kCsCenter,    Role::kOffice,
                                                  Role::kService,     Role::kUnitStaff,
                                                  Role::kUnitManager, Role::kDesignatedUnit};
// Who acts for a unit on its own records (SPEC "Actors": UNIT_STAFF, and UNIT_MANAGER who may
// everything UNIT_STAFF may).
constexpr std::initializer_list<Role> kUnitActors = {Role::kUnitStaff, Role::kUnitManager};

// Rows per page when the core reads a whole listing.
constexpr int kReadPageSize = 500;

// The history event a source records when a notice is raised from its finding; the detail is the
// notice's id ("RN-<n>").
constexpr absl::string_view kNoticeRaised = "NOTICE_RAISED";
constexpr absl::string_view kRaiseScope = "RaiseNoticeFromFinding";

bool Names(const FieldViolations& violations, absl::string_view field) {
  for (const common::FieldViolation& v : violations.violations()) {
    if (v.field == field) return true;
  }
  return false;
}

NoticeMutationOptions Keyed(const RequestKey& key, absl::string_view scope) {
  NoticeMutationOptions options;
  if (!key.request_id.empty()) {
    options.request_key = key;
    options.scope = std::string(scope);
  }
  return options;
}

absl::Status SourceForbids(absl::string_view summary, std::string description) {
  FieldViolations violations;
  violations.Add("source_id", std::move(description));
  return violations.ToStatus(summary, absl::StatusCode::kFailedPrecondition,
                             common::reason::kStateForbidsChange);
}

absl::Status AlreadyRaised(int64_t notice_id) {
  return SourceForbids("a notice was already raised from this finding",
                       absl::StrCat("was already raised as ", FormatNoticeId(notice_id),
                                    ": one rectification notice per finding"));
}

// The notice a launch review's history says was raised from it; 0 when none.
int64_t RaisedFromReview(const LaunchReview& review) {
  for (const HistoryEntry& entry : review.history) {
    if (entry.event != kNoticeRaised) continue;
    absl::StatusOr<int64_t> id = ParseNoticeId(entry.detail, "detail");
    if (id.ok()) return *id;
  }
  return 0;
}

// Where the working time to a reply starts: the receipt, or the latest failed verification
// before the reply (the reopening).
absl::Time ReplyClockStart(const RectificationNotice& notice, const NoticeReply& reply) {
  absl::Time from = notice.received_at.value_or(reply.replied_at);
  for (const Verification& verification : notice.verifications) {
    if (!verification.passed && verification.verified_at <= reply.replied_at) {
      from = std::max(from, verification.verified_at);
    }
  }
  return std::min(from, reply.replied_at);
}

MaintenanceFilingOutcome OutcomeOf(const MaintenanceNotice& notice) {
  if (notice.form.emergency) return MaintenanceFilingOutcome::kEmergency;
  return notice.late ? MaintenanceFilingOutcome::kLate : MaintenanceFilingOutcome::kOnTime;
}

}  // namespace

absl::Status ValidateNoticeSettings(const NoticeSettings& settings) {
  FieldViolations violations;
  if (absl::Status valid = common::ValidatePeriod(settings.rectification); !valid.ok()) {
    violations.Add("rectification", std::string(valid.message()));
  }
  if (absl::Status valid = common::ValidatePeriod(settings.planned_work_notice); !valid.ok()) {
    violations.Add("planned_work_notice", std::string(valid.message()));
  } else if (settings.planned_work_notice.unit != common::PeriodUnit::kWallMinutes &&
             settings.planned_work_notice.unit != common::PeriodUnit::kWallHours) {
    violations.Add("planned_work_notice",
                   absl::StrCat("must be wall-clock minutes or hours (M 7.6 counts 72 real "
                                "hours), not ",
                                common::PeriodToString(settings.planned_work_notice)));
  }
  if (settings.receipt_grace < absl::Minutes(1)) {
    violations.Add("receipt_grace", absl::StrCat("must be at least 1 minute, not ",
                                                 absl::FormatDuration(settings.receipt_grace)));
  } else if (settings.receipt_grace % absl::Minutes(1) != absl::ZeroDuration()) {
    violations.Add("receipt_grace", absl::StrCat("must be whole minutes, not ",
                                                 absl::FormatDuration(settings.receipt_grace)));
  } else if (absl::ToInt64Minutes(settings.receipt_grace) >
             common::MaxPeriodAmount(common::PeriodUnit::kWallMinutes)) {
    violations.Add("receipt_grace",
                   absl::StrCat("is too long: ", absl::FormatDuration(settings.receipt_grace)));
  }
  if (absl::Status valid = common::ValidatePeriod(settings.reopen_period); !valid.ok()) {
    violations.Add("reopen_period", std::string(valid.message()));
  }
  return violations.ToStatus("invalid notice settings");
}

// --- NoticeCore ---------------------------------------------------------------------------------

NoticeCore::NoticeCore(AssessmentNoticeStores stores, PartnerStore& partners,
                       const common::UnitDirectory& units, const common::CalendarHolder& calendars,
                       NoticeSettings settings, common::Clock& clock, NoticeObserver& observer)
    : notices_(stores.notices),
      maintenance_(stores.maintenance),
      reviews_(stores.launch_reviews),
      partners_(partners),
      units_(units),
      calendars_(calendars),
      settings_(std::move(settings)),
      clock_(clock),
      observer_(observer) {}

absl::Time NoticeCore::Now() const { return common::TruncateToMicroseconds(clock_.Now()); }

const common::WorkingCalendar& NoticeCore::Calendar() const { return calendars_.Get().current(); }

common::Period NoticeCore::ReceiptGrace() const {
  return {common::PeriodUnit::kWallMinutes, absl::ToInt64Minutes(settings_.receipt_grace)};
}

absl::Status NoticeCore::ScopeUnit(const Principal& caller, std::string& unit_id,
                                   absl::string_view field) const {
  return common::ScopeToUnit(caller, units_, unit_id, field);
}

void NoticeCore::CheckKnownUnit(const std::string& unit_id, const std::string& field,
                                FieldViolations& violations) const {
  if (common::IsBlankText(unit_id) || Names(violations, field)) return;
  const common::UnitInfo* unit = units_.Find(unit_id);
  if (unit == nullptr) {
    violations.Add(field, absl::StrCat("names no known unit: ", common::QuotedValue(unit_id)));
  } else if (!IsAssessedUnit(*unit)) {
    violations.Add(field, absl::StrCat(common::QuotedValue(unit_id),
                                       " is the CS center, which supervises the units: name a "
                                       "unit it assesses"));
  }
}

absl::Status NoticeCore::CheckPartner(int64_t partner_id, const std::string& unit_id,
                                      absl::string_view field, FieldViolations& violations) {
  absl::StatusOr<Partner> partner = partners_.Get(partner_id);
  if (absl::IsNotFound(partner.status())) {
    violations.Add(std::string(field),
                   absl::StrCat("names no partner or agent: ", FormatPartnerId(partner_id)));
    return absl::OkStatus();
  }
  if (!partner.ok()) return partner.status();
  if (partner->unit_id != unit_id) {
    violations.Add(std::string(field),
                   absl::StrCat(FormatPartnerId(partner_id), " is a partner of unit ",
                                common::QuotedValue(partner->unit_id), ", not of ",
                                common::QuotedValue(unit_id),
                                " (S7: a unit answers for its own partners and agents)"));
  }
  return absl::OkStatus();
}

bool NoticeCore::IsKnownWindow(const std::string& window) const {
  const common::TelecomCompanyInfo& telecom = units_.telecom_company();
  return units_.Contains(window) ||
         (!telecom.contact_phone.empty() && window == telecom.contact_phone) ||
         (!telecom.name.empty() && window == telecom.name);
}

std::string NoticeCore::UnitName(const std::string& unit_id) const {
  const common::UnitInfo* unit = units_.Find(unit_id);
  return unit == nullptr || unit->name.empty() ? unit_id : unit->name;
}

absl::StatusOr<RectificationNotice> NoticeCore::ReadNotice(const Principal& caller,
                                                           int64_t notice_id) {
  RETURN_IF_ERROR(common::RequireRole(caller, kReaders));
  ASSIGN_OR_RETURN(RectificationNotice notice, notices_.Get(notice_id));
  RETURN_IF_ERROR(common::RequireUnit(caller, notice.unit_id));
  return notice;
}

absl::StatusOr<NoticeWriteResult> NoticeCore::MutateNotice(
    const Principal& caller, int64_t notice_id, const RequestKey& key, absl::string_view scope,
    const std::function<absl::Status(RectificationNotice&)>& step) {
  ASSIGN_OR_RETURN(RectificationNotice stored, notices_.Get(notice_id));
  RETURN_IF_ERROR(common::RequireUnit(caller, stored.unit_id));
  return notices_.Mutate(notice_id, Keyed(key, scope), step);
}

absl::StatusOr<MaintenanceWriteResult> NoticeCore::MutateMaintenance(
    const Principal& caller, int64_t maintenance_id, const RequestKey& key, absl::string_view scope,
    const std::function<absl::Status(MaintenanceRecord&)>& step) {
  ASSIGN_OR_RETURN(MaintenanceRecord stored, maintenance_.Get(maintenance_id));
  RETURN_IF_ERROR(common::RequireUnit(caller, stored.notice.form.unit_id));
  return maintenance_.Mutate(maintenance_id, Keyed(key, scope), step);
}

absl::StatusOr<LaunchReviewWriteResult> NoticeCore::MutateReview(
    const Principal& caller, int64_t review_id, const RequestKey& key, absl::string_view scope,
    const std::function<absl::Status(LaunchReview&)>& step) {
  ASSIGN_OR_RETURN(LaunchReview stored, reviews_.Get(review_id));
  RETURN_IF_ERROR(common::RequireUnit(caller, stored.unit_id));
  return reviews_.Mutate(review_id, Keyed(key, scope), step);
}

// --- S1 -----------------------------------------------------------------------------------------

absl::StatusOr<RectificationNotice> NoticeCore::IssueRectificationNotice(const Principal& caller,
                                                                         NoticeDraft draft,
                                                                         const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kCsCenter}));
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  // Named as the request names them (top-level fields), not under the domain's "notice." prefix.
  FieldViolations violations = ValidateNoticeDraft(draft, "");
  if (!draft.source_id.empty()) {
    violations.Add("source_id",
                   "is set only when a notice is raised from a finding (RaiseNoticeFromFinding)");
  }
  CheckKnownUnit(draft.unit_id, "unit_id", violations);
  if (draft.partner_id.has_value() && *draft.partner_id >= 1 && !Names(violations, "unit_id")) {
    RETURN_IF_ERROR(CheckPartner(*draft.partner_id, draft.unit_id, "partner_id", violations));
  }
  if (!violations.empty()) return violations.ToStatus("invalid rectification notice");
  ASSIGN_OR_RETURN(RectificationNotice notice, IssueNotice(std::move(draft), caller.user, Now()));
  ASSIGN_OR_RETURN(NoticeWriteResult created, notices_.Create(std::move(notice), key));
  if (!created.replayed) observer_.NoticeIssued(created.notice.unit_id);
  return std::move(created.notice);
}

absl::StatusOr<RectificationNotice> NoticeCore::AcknowledgeNotice(const Principal& caller,
                                                                  int64_t notice_id,
                                                                  const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, kUnitActors));
  const absl::Time now = Now();
  const common::WorkingCalendar& calendar = Calendar();
  ASSIGN_OR_RETURN(
      NoticeWriteResult result,
      MutateNotice(caller, notice_id, key, "AcknowledgeNotice", [&](RectificationNotice& notice) {
        return AcknowledgeReceipt(notice, caller.user, now, settings_.rectification, calendar);
      }));
  return std::move(result.notice);
}

absl::StatusOr<RectificationNotice> NoticeCore::ReplyToNotice(const Principal& caller,
                                                              int64_t notice_id,
                                                              const std::string& measures,
                                                              const RequestKey& key) {
  // M 7.13 经部门经理签字: only the unit's manager may answer, so anyone else is refused before the
  // notice is even read; the domain's own signature check stays as a second line.
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kUnitManager}));
  if (common::IsBlankText(caller.user)) {
    FieldViolations unsigned_reply;
    unsigned_reply.Add("signature",
                       "must be the unit manager's name, and the caller has none (M 7.13: an "
                       "unsigned reply is not a reply)");
    return unsigned_reply.ToStatus("an unsigned reply is not a reply",
                                   absl::StatusCode::kPermissionDenied,
                                   common::reason::kRoleNotAllowed);
  }
  const absl::Time now = Now();
  const common::WorkingCalendar& calendar = Calendar();
  // RequireRole above and RequireUnit in MutateNotice make the caller the notice's unit's manager.
  const ReplySignature signature{caller.user, /*unit_manager=*/true};
  ASSIGN_OR_RETURN(
      NoticeWriteResult result,
      MutateNotice(caller, notice_id, key, "ReplyToNotice", [&](RectificationNotice& notice) {
        return cs::assessment::ReplyToNotice(notice, measures, signature, caller.user, now);
      }));
  if (!result.replayed && !result.notice.replies.empty()) {
    const NoticeReply& reply = result.notice.replies.back();
    observer_.NoticeReplied(
        result.notice.unit_id, reply.late,
        calendar.WorkingTimeBetween(ReplyClockStart(result.notice, reply), reply.replied_at));
  }
  return std::move(result.notice);
}

absl::StatusOr<RectificationNotice> NoticeCore::VerifyRectification(const Principal& caller,
                                                                    int64_t notice_id, bool passed,
                                                                    const std::string& note,
                                                                    const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kCsCenter}));
  const absl::Time now = Now();
  const common::WorkingCalendar& calendar = Calendar();
  ASSIGN_OR_RETURN(
      NoticeWriteResult result,
      MutateNotice(caller, notice_id, key, "VerifyRectification", [&](RectificationNotice& notice) {
        return cs::assessment::VerifyRectification(notice, passed, note, caller.user, now,
                                                   settings_.reopen_period, calendar);
      }));
  if (!result.replayed) observer_.NoticeVerified(result.notice.unit_id, passed);
  return std::move(result.notice);
}

absl::StatusOr<RectificationNotice> NoticeCore::GetRectificationNotice(const Principal& caller,
                                                                       int64_t notice_id) {
  return ReadNotice(caller, notice_id);
}

absl::StatusOr<NoticePage> NoticeCore::ListRectificationNotices(const Principal& caller,
                                                                NoticeQuery query, int64_t after_id,
                                                                int page_size) {
  RETURN_IF_ERROR(common::RequireRole(caller, kReaders));
  RETURN_IF_ERROR(ScopeUnit(caller, query.unit_id, "unit_id"));
  NoticeFilter filter;
  filter.unit_id = std::move(query.unit_id);
  filter.state = query.state;
  if (query.overdue_only) filter.overdue_at = Now();
  return notices_.List(filter, after_id, page_size);
}

absl::StatusOr<std::string> NoticeCore::RenderRectificationNotice(const Principal& caller,
                                                                  int64_t notice_id) {
  ASSIGN_OR_RETURN(RectificationNotice notice, ReadNotice(caller, notice_id));
  std::string partner_name;
  if (notice.partner_id.has_value()) {
    absl::StatusOr<Partner> partner = partners_.Get(*notice.partner_id);
    if (partner.ok()) {
      partner_name = absl::StrCat(partner->name, " (", FormatPartnerId(partner->id), ")");
    } else if (!absl::IsNotFound(partner.status())) {
      return partner.status();
    }
  }
  return RenderNoticeForm(notice, UnitName(notice.unit_id), Calendar().time_zone(), partner_name);
}

// --- S2 -----------------------------------------------------------------------------------------

absl::StatusOr<MaintenanceRecord> NoticeCore::FileMaintenanceNotice(const Principal& caller,
                                                                    MaintenanceForm form,
                                                                    const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, kUnitActors));
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  if (form.unit_id.empty()) form.unit_id = caller.unit_id;
  RETURN_IF_ERROR(common::RequireUnit(caller, form.unit_id));
  const absl::Time now = Now();
  // Named as FileMaintenanceNoticeRequest names them ("notice.starts_at").
  FieldViolations violations = ValidateMaintenanceForm(form, now, "notice");
  CheckKnownUnit(form.unit_id, "notice.unit_id", violations);
  // M 7.6 通知所有涉及到的对外窗口人员(如 10000 号): every window told must be one the suite knows;
  // the seed names 10000 as an example, not as a window every filing must name.
  for (size_t i = 0; i < form.windows_told.size(); ++i) {
    const std::string field = absl::StrCat("notice.windows_told[", i, "]");
    const std::string& window = form.windows_told[i];
    if (common::IsBlankText(window) || Names(violations, field) || IsKnownWindow(window)) continue;
    violations.Add(field,
                   absl::StrCat("names no known window: ", common::QuotedValue(window),
                                " (a unit id of the directory, or the telecom company's "
                                "window ",
                                common::QuotedValue(units_.telecom_company().contact_phone), ")"));
  }
  if (!violations.empty()) return violations.ToStatus("invalid maintenance notice");
  ASSIGN_OR_RETURN(MaintenanceNotice notice, FileMaintenance(std::move(form), caller.user, now,
                                                             settings_.planned_work_notice));
  ASSIGN_OR_RETURN(MaintenanceWriteResult created, maintenance_.Create(std::move(notice), key));
  if (!created.replayed) {
    observer_.MaintenanceFiled(created.record.notice.form.unit_id,
                               OutcomeOf(created.record.notice));
  }
  return std::move(created.record);
}

absl::StatusOr<MaintenanceRecord> NoticeCore::RecordSuperiorApproval(const Principal& caller,
                                                                     int64_t maintenance_id,
                                                                     SuperiorApprovalInput approval,
                                                                     const RequestKey& key) {
  // M 5.1.4: the CS center is the department's one interface to its superiors.
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kCsCenter}));
  const absl::Time now = Now();
  const std::string approved_by =
      approval.approved_by.empty() ? std::string(kSuperiorAuthority) : approval.approved_by;
  const absl::Time approved_at = approval.approved_at.value_or(now);
  ASSIGN_OR_RETURN(MaintenanceWriteResult result,
                   MutateMaintenance(caller, maintenance_id, key, "RecordSuperiorApproval",
                                     [&](MaintenanceRecord& record) {
                                       return ApproveBySuperior(record.notice, approved_by,
                                                                approved_at, approval.reference,
                                                                caller.user, now);
                                     }));
  return std::move(result.record);
}

absl::StatusOr<MaintenancePage> NoticeCore::ListMaintenanceNotices(const Principal& caller,
                                                                   MaintenanceFilter filter,
                                                                   int64_t after_id,
                                                                   int page_size) {
  RETURN_IF_ERROR(common::RequireRole(caller, kReaders));
  RETURN_IF_ERROR(ScopeUnit(caller, filter.unit_id, "unit_id"));
  return maintenance_.List(filter, after_id, page_size);
}

// --- Findings -> notices ------------------------------------------------------------------------

absl::StatusOr<int64_t> NoticeCore::CreateRaisedNotice(const Principal& caller, Finding finding,
                                                       const std::string& source_id,
                                                       absl::Time now) {
  finding.source_id = source_id;
  ASSIGN_OR_RETURN(RectificationNotice notice,
                   IssueNotice(DraftFromFinding(finding), caller.user, now));
  // Keyed by the source, not by the caller's request: two requests raising the same finding (a
  // retry after a failure between the two writes, or two people at once) find the one notice.
  const std::string request_id = absl::StrCat("raised-from-", source_id);
  ASSIGN_OR_RETURN(
      NoticeWriteResult created,
      notices_.Create(std::move(notice), RequestKey{request_id, common::Sha256Hex(request_id)}));
  if (!created.replayed) observer_.NoticeIssued(created.notice.unit_id);
  return created.notice.id;
}

absl::StatusOr<RectificationNotice> NoticeCore::RaiseNoticeFromFinding(const Principal& caller,
                                                                       const std::string& source_id,
                                                                       const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kCsCenter}));
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  const absl::Time now = Now();
  // The source records the notice under the caller's request key: a retry of this request
  // replays it; another request finds the source marked and is refused.
  const NoticeMutationOptions options = Keyed(key, kRaiseScope);
  if (absl::StartsWith(source_id, "MN-")) {
    ASSIGN_OR_RETURN(int64_t id, ParseMaintenanceId(source_id, "source_id"));
    ASSIGN_OR_RETURN(MaintenanceRecord record, maintenance_.Get(id));
    absl::optional<Finding> finding = record.notice.late_finding;
    if (!finding.has_value()) finding = ApprovalFinding(record.notice, now);
    if (!finding.has_value()) {
      return SourceForbids("no finding to raise",
                           absl::StrCat(source_id,
                                        " raised no finding: its users were told in time (or it "
                                        "is emergency work) and it did not start without a "
                                        "superior's approval it needed (M 7.6)"));
    }
    int64_t raised = record.raised_notice_id;
    if (raised == 0) {
      ASSIGN_OR_RETURN(raised, CreateRaisedNotice(caller, *finding, source_id, now));
    }
    ASSIGN_OR_RETURN(MaintenanceWriteResult marked,
                     maintenance_.Mutate(id, options, [&](MaintenanceRecord& stored) {
                       if (stored.raised_notice_id != 0) {
                         return AlreadyRaised(stored.raised_notice_id);
                       }
                       stored.raised_notice_id = raised;
                       internal::AppendHistory(stored.notice.history, stored.notice.updated_at,
                                               stored.notice.version, now, caller.user,
                                               kNoticeRaised, FormatNoticeId(raised));
                       return absl::OkStatus();
                     }));
    return notices_.Get(marked.record.raised_notice_id);
  }
  if (absl::StartsWith(source_id, "LR-")) {
    ASSIGN_OR_RETURN(int64_t id, ParseLaunchReviewId(source_id, "source_id"));
    ASSIGN_OR_RETURN(LaunchReview review, reviews_.Get(id));
    if (!review.launch_finding.has_value()) {
      return SourceForbids(
          "no finding to raise",
          absl::StrCat(source_id,
                       review.state == LaunchReviewState::kLaunched
                           ? " was launched after its review was accepted and with the training "
                             "it needed: no finding (M 7.7)"
                           : " has not been launched: a launch review raises a finding only at "
                             "its launch (M 7.7)"));
    }
    int64_t raised = RaisedFromReview(review);
    if (raised == 0) {
      ASSIGN_OR_RETURN(raised, CreateRaisedNotice(caller, *review.launch_finding, source_id, now));
    }
    ASSIGN_OR_RETURN(
        LaunchReviewWriteResult marked, reviews_.Mutate(id, options, [&](LaunchReview& stored) {
          if (const int64_t earlier = RaisedFromReview(stored); earlier != 0) {
            return AlreadyRaised(earlier);
          }
          internal::AppendHistory(stored.history, stored.updated_at, stored.version, now,
                                  caller.user, kNoticeRaised, FormatNoticeId(raised));
          return absl::OkStatus();
        }));
    return notices_.Get(RaisedFromReview(marked.review));
  }
  return common::InvalidField(
      "source_id",
      absl::StrCat("must name a maintenance notice (\"MN-<n>\") or a launch review (\"LR-<n>\"), "
                   "not ",
                   common::QuotedValue(source_id)));
}

// --- S3 -----------------------------------------------------------------------------------------

absl::StatusOr<LaunchReview> NoticeCore::SubmitLaunchReview(const Principal& caller,
                                                            LaunchReviewForm form,
                                                            const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, kUnitActors));
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  if (form.unit_id.empty()) form.unit_id = caller.unit_id;
  RETURN_IF_ERROR(common::RequireUnit(caller, form.unit_id));
  FieldViolations violations = ValidateLaunchReviewForm(form, "review");
  CheckKnownUnit(form.unit_id, "review.unit_id", violations);
  if (!violations.empty()) return violations.ToStatus("invalid launch review");
  ASSIGN_OR_RETURN(LaunchReview review,
                   cs::assessment::SubmitLaunchReview(std::move(form), caller.user, Now()));
  ASSIGN_OR_RETURN(LaunchReviewWriteResult created, reviews_.Create(std::move(review), key));
  return std::move(created.review);
}

absl::StatusOr<LaunchReview> NoticeCore::AcceptLaunchReview(
    const Principal& caller, int64_t review_id, absl::optional<bool> window_training_needed,
    const std::string& note, const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kCsCenter}));
  const absl::Time now = Now();
  ASSIGN_OR_RETURN(
      LaunchReviewWriteResult result,
      MutateReview(caller, review_id, key, "AcceptLaunchReview", [&](LaunchReview& review) {
        return cs::assessment::AcceptLaunchReview(review, window_training_needed, note, caller.user,
                                                  now);
      }));
  return std::move(result.review);
}

absl::StatusOr<LaunchReview> NoticeCore::RecordWindowTraining(const Principal& caller,
                                                              int64_t review_id,
                                                              absl::optional<absl::Time> done_at,
                                                              const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kCsCenter}));
  const absl::Time now = Now();
  const absl::Time at = done_at.value_or(now);
  ASSIGN_OR_RETURN(
      LaunchReviewWriteResult result,
      MutateReview(caller, review_id, key, "RecordWindowTraining", [&](LaunchReview& review) {
        return cs::assessment::RecordWindowTraining(review, at, caller.user, now);
      }));
  return std::move(result.review);
}

absl::StatusOr<LaunchReview> NoticeCore::RecordLaunch(const Principal& caller, int64_t review_id,
                                                      absl::optional<absl::Time> launched_at,
                                                      const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, kUnitActors));
  const absl::Time now = Now();
  const absl::Time at = launched_at.value_or(now);
  ASSIGN_OR_RETURN(LaunchReviewWriteResult result,
                   MutateReview(caller, review_id, key, "RecordLaunch", [&](LaunchReview& review) {
                     return cs::assessment::RecordLaunch(review, at, caller.user, now).status();
                   }));
  if (!result.replayed && result.review.launch_finding.has_value()) {
    observer_.LaunchFinding(result.review.unit_id);
  }
  return std::move(result.review);
}

// --- Sweep --------------------------------------------------------------------------------------

absl::Status NoticeCore::Sweep() {
  const absl::Time now = Now();
  absl::Status first = ApplyDeemedReceipts(now);
  absl::Status snapshot = RefreshSnapshot(now);
  return first.ok() ? snapshot : first;
}

absl::Status NoticeCore::ApplyDeemedReceipts(absl::Time now) {
  const common::WorkingCalendar& calendar = Calendar();
  const common::Period grace = ReceiptGrace();
  // Deemed received once now >= issued_at + grace: issued at or before now - grace, i.e. strictly
  // before it plus the microsecond the stored times are counted in.
  ASSIGN_OR_RETURN(
      std::vector<RectificationNotice> waiting,
      notices_.ListAwaitingDeemedReceipt(now - settings_.receipt_grace + absl::Microseconds(1)));
  absl::Status first = absl::OkStatus();
  for (const RectificationNotice& candidate : waiting) {
    // Another replica (or the unit's acknowledgement) may have got there first: then nothing is
    // written, and the observer hears nothing.
    bool applied = false;
    bool nothing_to_do = false;
    absl::StatusOr<NoticeWriteResult> result = notices_.Mutate(
        candidate.id, NoticeMutationOptions{}, [&](RectificationNotice& notice) -> absl::Status {
          absl::StatusOr<bool> deemed =
              ApplyDeemedReceipt(notice, now, grace, settings_.rectification, calendar);
          if (!deemed.ok()) return deemed.status();
          applied = *deemed;
          nothing_to_do = !applied;
          return applied ? absl::OkStatus()
                         : absl::CancelledError("the notice no longer awaits its receipt");
        });
    if (result.ok()) {
      if (applied) observer_.NoticeDeemedReceived(result->notice.unit_id);
    } else if (!(nothing_to_do && absl::IsCancelled(result.status())) && first.ok()) {
      first = result.status();
    }
  }
  return first;
}

absl::Status NoticeCore::RefreshSnapshot(absl::Time now) {
  NoticeSnapshot snapshot;
  absl::flat_hash_map<std::string, size_t> unit_index;
  auto unit = [&](const std::string& id) -> OpenNoticeCount& {
    auto [it, inserted] = unit_index.try_emplace(id, snapshot.open_notices.size());
    if (inserted) snapshot.open_notices.push_back(OpenNoticeCount{id, 0, 0});
    return snapshot.open_notices[it->second];
  };
  // Every unit of the directory, in its order (zeros included), then any other unit a notice
  // names.
  for (const common::UnitInfo& info : units_.units()) unit(info.id);

  // Only the open states: closed notices pile up over the years and count for nothing here.
  for (NoticeState state : {NoticeState::kIssued, NoticeState::kReceived, NoticeState::kReplied,
                            NoticeState::kReopened}) {
    NoticeFilter filter;
    filter.state = state;
    int64_t after = 0;
    do {
      ASSIGN_OR_RETURN(NoticePage page, notices_.List(filter, after, kReadPageSize));
      for (const RectificationNotice& notice : page.notices) {
        if (notice.state == NoticeState::kIssued) ++snapshot.awaiting_receipt;
        OpenNoticeCount& counts = unit(notice.unit_id);
        if (IsReplyOverdue(notice, now)) {
          ++counts.overdue;
          snapshot.oldest_overdue_notice =
              std::max(snapshot.oldest_overdue_notice, now - notice.reply_due->at);
        } else {
          ++counts.not_overdue;
        }
      }
      after = page.next_after_id;
    } while (after > 0);
  }

  // Work still ahead (starts_at > now) is all that can await an approval.
  MaintenanceFilter ahead;
  ahead.starts_from = now + absl::Microseconds(1);
  int64_t after = 0;
  do {
    ASSIGN_OR_RETURN(MaintenancePage page, maintenance_.List(ahead, after, kReadPageSize));
    for (const MaintenanceRecord& record : page.records) {
      const MaintenanceNotice& notice = record.notice;
      if (notice.state != MaintenanceState::kCancelled && NeedsSuperiorApproval(notice) &&
          !notice.approval.has_value() && notice.form.starts_at > now) {
        ++snapshot.maintenance_awaiting_approval;
      }
    }
    after = page.next_after_id;
  } while (after > 0);

  observer_.Snapshot(snapshot);
  return absl::OkStatus();
}

}  // namespace cs::assessment
