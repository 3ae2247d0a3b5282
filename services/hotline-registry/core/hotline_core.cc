#include "services/hotline-registry/core/hotline_core.h"

#include <algorithm>
#include <initializer_list>
#include <map>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/db/printable_id.h"
#include "common/status/error_reason.h"
#include "common/status/quoted_value.h"
#include "common/status/status_macros.h"
#include "common/status/text_checks.h"
#include "common/time/report_month.h"
#include "common/units/unit_scope.h"
#include "services/hotline-registry/domain/forms.h"
#include "services/hotline-registry/domain/hotline_lifecycle.h"
#include "services/hotline-registry/domain/service_hours.h"
#include "services/hotline-registry/store/hotline_store_support.h"

namespace cs::hotline {
namespace {

using common::FieldViolation;
using common::FieldViolations;
using common::Principal;
using common::Role;

// Who reads hotlines, reports, staff and forms: the department-wide roles every unit's, a unit's
// own roles their unit's.
constexpr std::initializer_list<Role> kReaders = {Role::kCsCenter,    Role::kOffice,
                                                  Role::kService,     Role::kUnitStaff,
                                                  Role::kUnitManager, Role::kDesignatedUnit};
// Who files a unit's forms, staff, trainings, rosters and reports (SPEC "Actors": UNIT_STAFF, and
// UNIT_MANAGER who may everything UNIT_STAFF may).
constexpr std::initializer_list<Role> kFilers = {Role::kUnitStaff, Role::kUnitManager};

// Rows per page when the core reads a whole listing, hotlines claimed per sweep round, and the
// most rounds one sweep makes before leaving the rest to the next.
constexpr int kReadPageSize = 500;
constexpr int kSweepBatch = 100;
constexpr int kMaxSweepRounds = 20;

absl::Status StateForbids(std::string message) {
  return common::WithReason(absl::FailedPreconditionError(std::move(message)),
                            common::reason::kStateForbidsChange);
}

std::string LocalInstant(absl::Time t, absl::TimeZone zone) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%S %Ez", t, zone);
}

// The instant the hotline's cancellation took effect, if it was cancelled.
absl::optional<absl::Time> CancelledAt(const Hotline& hotline) {
  absl::optional<absl::Time> at;
  for (const HotlineChange& change : hotline.changes) {
    if (change.state != ChangeState::kApplied || change.form.item != ChangeItem::kCancellation) {
      continue;
    }
    if (!at.has_value() || change.form.change_at < *at) at = change.form.change_at;
  }
  return at;
}

absl::optional<absl::Time> ApprovedAt(const Hotline& hotline) {
  if (!hotline.approval.has_value() || !hotline.approval->approved) return absl::nullopt;
  return hotline.approval->decided_at;
}

// A training as a form gives it, under `prefix` ("training", "staff.trainings[0]").
void CheckTraining(const Training& training, const std::string& prefix, absl::Time now,
                   FieldViolations& violations) {
  if (TrainingSubjectName(training.subject) == "UNSPECIFIED") {
    violations.Add(absl::StrCat(prefix, ".subject"),
                   "is required (BUSINESS, RULES, PHRASES or COMMUNICATION: A2 7.6)");
  }
  if (training.completed_on == absl::UnixEpoch()) {
    violations.Add(absl::StrCat(prefix, ".completed_on"), "is required");
  } else if (training.completed_on > now + kMaxClockSkew) {
    violations.Add(absl::StrCat(prefix, ".completed_on"),
                   "is in the future: record a training once it is completed");
  }
  common::CheckText(training.trainer, absl::StrCat(prefix, ".trainer"), FormLimits::kName,
                    common::TextShape::kOneLine, violations);
}

// The sweep's mutation: apply what is due; nothing to save (CANCELLED, so Mutate stores nothing)
// when nothing was.
absl::Status ApplyDueOrCancel(Hotline& hotline, absl::Time now) {
  if (!ApplyDueChanges(hotline, now).changed()) return absl::CancelledError("nothing due");
  return absl::OkStatus();
}

// "field: description".
std::string ProblemText(const FieldViolation& violation) {
  return absl::StrCat(violation.field, ": ", violation.description);
}

}  // namespace

// --- Free functions -----------------------------------------------------------------------------

absl::optional<absl::Time> HotlineDueAt(const Hotline& hotline) {
  absl::optional<absl::Time> due = NextDueAt(hotline);
  if (hotline.transitions.empty()) return due;
  // The domain records a transition's end once, by a history entry: which ends are still to be
  // recorded is what ApplyDueChanges would record on a copy with no changes, at the end of time.
  Hotline probe;
  probe.id = hotline.id;
  probe.transitions = hotline.transitions;
  probe.history = hotline.history;
  for (const NumberTransition& ended :
       ApplyDueChanges(probe, absl::InfiniteFuture()).transitions_ended) {
    if (!due.has_value() || ended.ends_at < *due) due = ended.ends_at;
  }
  return due;
}

ServiceHours HoursAt(const Hotline& hotline, absl::Time at) {
  ServiceHours hours = hotline.registration.service_hours;
  absl::Time latest = absl::InfinitePast();
  for (const HotlineChange& change : hotline.changes) {
    if (change.state != ChangeState::kApplied || change.form.item != ChangeItem::kServiceHours ||
        !change.form.service_hours.has_value() || change.form.change_at > at ||
        change.form.change_at < latest) {
      continue;
    }
    hours = *change.form.service_hours;
    latest = change.form.change_at;
  }
  return hours;
}

bool ActiveAt(const Hotline& hotline, absl::Time at) {
  const absl::optional<absl::Time> approved = ApprovedAt(hotline);
  if (!approved.has_value() || *approved > at) return false;
  const absl::optional<absl::Time> cancelled = CancelledAt(hotline);
  return !cancelled.has_value() || *cancelled > at;
}

bool ActiveDuring(const Hotline& hotline, absl::Time start, absl::Time end) {
  const absl::optional<absl::Time> approved = ApprovedAt(hotline);
  if (!approved.has_value() || *approved >= end) return false;
  const absl::optional<absl::Time> cancelled = CancelledAt(hotline);
  return !cancelled.has_value() || *cancelled > start;
}

// --- HotlineCore --------------------------------------------------------------------------------

HotlineCore::HotlineCore(HotlineStores stores, const common::UnitDirectory& units,
                         const common::CalendarHolder& calendars, HotlineSettings settings,
                         common::Clock& clock, HotlineObserver& observer)
    : hotlines_(stores.hotlines),
      calls_(stores.calls),
      staff_(stores.staff),
      reports_(stores.reports),
      units_(units),
      calendars_(calendars),
      settings_(std::move(settings)),
      clock_(clock),
      observer_(observer) {}

absl::Time HotlineCore::Now() const { return common::TruncateToMicroseconds(clock_.Now()); }

const common::WorkingCalendar& HotlineCore::Calendar() const { return calendars_.Get().current(); }

absl::Status HotlineCore::ScopeUnit(const Principal& caller, std::string& unit_id,
                                    absl::string_view field) const {
  return common::ScopeToUnit(caller, units_, unit_id, field);
}

std::string HotlineCore::UnitName(const std::string& unit_id) const {
  const common::UnitInfo* unit = units_.Find(unit_id);
  return unit == nullptr || unit->name.empty() ? unit_id : unit->name;
}

absl::StatusOr<common::Deadline> HotlineCore::ReportDueOf(const std::string& month) const {
  return ReportDue(month, settings_.monthly_report_due_working_day, Calendar());
}

absl::StatusOr<Hotline> HotlineCore::MutateHotline(int64_t hotline_id,
                                                   const MutationOptions& options,
                                                   const Step& step) {
  const absl::Time now = Now();
  bool swept = false;
  absl::StatusOr<MutationResult> result =
      hotlines_.Mutate(hotline_id, options, [&](Hotline& hotline) -> absl::Status {
        swept = ApplyDueChanges(hotline, now).changed();
        return step(hotline, now);
      });
  if (result.ok()) return std::move(result->hotline);
  if (swept) {
    // The step failed, but what came due meanwhile is a fact: keep it (best effort; the sweep
    // would do it too).
    (void)hotlines_.Mutate(hotline_id, {},
                           [now](Hotline& hotline) { return ApplyDueOrCancel(hotline, now); });
  }
  return result.status();
}

absl::StatusOr<Hotline> HotlineCore::LoadCurrent(int64_t hotline_id, absl::Time now) {
  ASSIGN_OR_RETURN(Hotline hotline, hotlines_.Get(hotline_id));
  const absl::optional<absl::Time> due = HotlineDueAt(hotline);
  if (!due.has_value() || *due > now) return hotline;
  absl::StatusOr<MutationResult> applied = hotlines_.Mutate(
      hotline_id, {}, [now](Hotline& stored) { return ApplyDueOrCancel(stored, now); });
  if (applied.ok()) return std::move(applied->hotline);
  // Someone else applied it meanwhile.
  if (applied.status().code() == absl::StatusCode::kCancelled) return hotlines_.Get(hotline_id);
  return applied.status();
}

absl::StatusOr<Hotline> HotlineCore::ReadHotline(const Principal& caller, int64_t hotline_id) {
  RETURN_IF_ERROR(common::RequireRole(caller, kReaders));
  ASSIGN_OR_RETURN(Hotline hotline, LoadCurrent(hotline_id, Now()));
  RETURN_IF_ERROR(common::RequireUnit(caller, hotline.unit_id));
  return hotline;
}

absl::Status HotlineCore::ApplyDue(absl::Time now) {
  for (int round = 0; round < kMaxSweepRounds; ++round) {
    ASSIGN_OR_RETURN(std::vector<SweptHotline> swept,
                     hotlines_.ClaimDueChanges(now, kSweepBatch, [now](Hotline& hotline) {
                       ApplyDueChanges(hotline, now);
                       return absl::OkStatus();
                     }));
    for (const SweptHotline& one : swept) {
      if (!one.status.ok()) return one.status;
    }
    if (swept.size() < static_cast<size_t>(kSweepBatch)) break;
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Hotline>> HotlineCore::AllHotlines() {
  std::vector<Hotline> all;
  int64_t after = 0;
  do {
    ASSIGN_OR_RETURN(HotlinePage page, hotlines_.List(HotlineFilter{}, after, kReadPageSize));
    for (Hotline& hotline : page.hotlines) all.push_back(std::move(hotline));
    after = page.next_after_id;
  } while (after > 0);
  return all;
}

absl::StatusOr<std::vector<StaffMember>> HotlineCore::AllStaff(const std::string& unit_id) {
  std::vector<StaffMember> all;
  std::string after;
  do {
    ASSIGN_OR_RETURN(StaffPage page, staff_.List(unit_id, after, kReadPageSize));
    for (StaffMember& member : page.staff) all.push_back(std::move(member));
    after = std::move(page.next_after_staff_number);
  } while (!after.empty());
  return all;
}

// --- H1 -----------------------------------------------------------------------------------------

absl::StatusOr<Hotline> HotlineCore::RegisterHotline(const Principal& caller, RegistrationForm form,
                                                     const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, kFilers));
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  if (form.unit_id.empty()) form.unit_id = caller.unit_id;
  RETURN_IF_ERROR(common::RequireUnit(caller, form.unit_id));
  if (!units_.Contains(form.unit_id)) {
    return common::InvalidField(
        "form.unit_id", absl::StrCat("names no known unit: ", common::QuotedValue(form.unit_id)));
  }
  ASSIGN_OR_RETURN(Hotline draft, NewHotline(std::move(form), Now(), caller.user));
  ASSIGN_OR_RETURN(CreateHotlineResult created, hotlines_.Create(std::move(draft), key));
  return std::move(created.hotline);
}

absl::StatusOr<Hotline> HotlineCore::SignForm(const Principal& caller, int64_t hotline_id,
                                              FormKind form, const std::string& change_id) {
  // 二级经理签字: the unit's manager, nobody else.
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kUnitManager}));
  if (form == FormKind::kChange && change_id.empty()) {
    return common::InvalidField("change_id", "is required to sign a change form (F2)");
  }
  return MutateHotline(hotline_id, {}, [&](Hotline& hotline, absl::Time now) -> absl::Status {
    RETURN_IF_ERROR(common::RequireUnit(caller, hotline.unit_id));
    return form == FormKind::kRegistration ? SignRegistration(hotline, caller.user, now)
                                           : SignChange(hotline, change_id, caller.user, now);
  });
}

absl::StatusOr<Hotline> HotlineCore::DecideRegistration(const Principal& caller, int64_t hotline_id,
                                                        bool approve, const std::string& reason) {
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kCsCenter}));
  return MutateHotline(hotline_id, {}, [&](Hotline& hotline, absl::Time now) {
    return cs::hotline::DecideRegistration(hotline, approve, reason, caller.user, now);
  });
}

absl::StatusOr<Hotline> HotlineCore::GetHotline(const Principal& caller, int64_t hotline_id) {
  return ReadHotline(caller, hotline_id);
}

absl::StatusOr<HotlinePage> HotlineCore::ListHotlines(const Principal& caller, HotlineFilter filter,
                                                      int64_t after_id, int page_size) {
  RETURN_IF_ERROR(common::RequireRole(caller, kReaders));
  RETURN_IF_ERROR(ScopeUnit(caller, filter.unit_id, "unit_id"));
  RETURN_IF_ERROR(CheckPageSize(page_size));
  // The listing shows states, numbers and hours as of now.
  RETURN_IF_ERROR(ApplyDue(Now()));
  return hotlines_.List(filter, after_id, page_size);
}

// --- H2–H4 --------------------------------------------------------------------------------------

absl::StatusOr<Hotline> HotlineCore::FileChange(const Principal& caller, int64_t hotline_id,
                                                ChangeForm form, const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, kFilers));
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  MutationOptions options;
  options.request_key = key;
  options.scope = "FileChange";
  return MutateHotline(hotline_id, options, [&](Hotline& hotline, absl::Time now) -> absl::Status {
    RETURN_IF_ERROR(common::RequireUnit(caller, hotline.unit_id));
    return cs::hotline::FileChange(hotline, NextChangeId(hotline), form, now, caller.user,
                                   settings_.minimum_transition, Calendar());
  });
}

absl::StatusOr<Hotline> HotlineCore::DecideChange(const Principal& caller, int64_t hotline_id,
                                                  const std::string& change_id, bool approve,
                                                  const std::string& reason) {
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kCsCenter}));
  if (change_id.empty()) return common::InvalidField("change_id", "is required");
  return MutateHotline(hotline_id, {}, [&](Hotline& hotline, absl::Time now) -> absl::Status {
    const HotlineChange* change = FindChange(hotline, change_id);
    // A change still waiting at its change time has lapsed (just now or before): say why an
    // approval cannot help (H2, A2 7.2: 事先…审批通过后方可进行).
    if (approve && change != nullptr && change->state == ChangeState::kLapsed &&
        change->notice_id.empty() && !change->cs_center_opinion.has_value()) {
      const absl::TimeZone zone = Calendar().time_zone();
      return StateForbids(
          absl::StrCat("change ", change_id, " of hotline ", FormatHotlineId(hotline.id),
                       " was to take effect at ", LocalInstant(change->form.change_at, zone),
                       "; an approval at ", LocalInstant(now, zone),
                       " is too late: a change must be approved before it takes effect (A2 7.2: "
                       "事先…审批通过后方可进行) — it lapsed; file a new change form"));
    }
    return cs::hotline::DecideChange(hotline, change_id, approve, reason, caller.user, now);
  });
}

absl::StatusOr<std::vector<ListedTransition>> HotlineCore::ListNumberTransitions(
    const Principal& caller, std::string unit_id, absl::optional<absl::Time> active_at) {
  RETURN_IF_ERROR(common::RequireRole(caller, kReaders));
  RETURN_IF_ERROR(ScopeUnit(caller, unit_id, "unit_id"));
  const absl::Time now = Now();
  RETURN_IF_ERROR(ApplyDue(now));
  return hotlines_.ListTransitions(active_at.value_or(now), unit_id);
}

absl::StatusOr<NoticeResult> HotlineCore::IssueNotice(const Principal& caller, Notice notice,
                                                      const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kCsCenter}));
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  const absl::Time now = Now();
  notice.notice_id.clear();
  notice.issued_by = caller.user;
  notice.issued_at = now;
  for (NoticeTarget& target : notice.targets) target.change_id.clear();
  if (FieldViolations violations =
          ValidateNotice(notice, now, settings_.minimum_transition, Calendar());
      !violations.empty()) {
    return violations.ToStatus("invalid department-wide notice (A2 7.3)");
  }
  return hotlines_.CreateNotice(
      std::move(notice), key, [now](const Notice& issued, size_t index, Hotline& hotline) {
        ApplyDueChanges(hotline, now);
        return ApplyNotice(hotline, issued, index, NextChangeId(hotline), now);
      });
}

// --- H6 -----------------------------------------------------------------------------------------

absl::StatusOr<std::unique_ptr<CallIngest>> HotlineCore::StartIngest(const Principal& caller) {
  RETURN_IF_ERROR(
      common::RequireRole(caller, {Role::kService, Role::kUnitStaff, Role::kUnitManager}));
  return std::unique_ptr<CallIngest>(new CallIngest(*this, caller));
}

absl::StatusOr<OperatingReport> HotlineCore::BuildOperatingReport(const Hotline& hotline,
                                                                  const std::string& month,
                                                                  absl::Time now) {
  ASSIGN_OR_RETURN(common::Deadline due, ReportDueOf(month));
  const absl::TimeZone zone = Calendar().time_zone();
  ASSIGN_OR_RETURN(CallCounts counts, calls_.MonthCounts(hotline.id, month, zone));
  ASSIGN_OR_RETURN(PhraseUse phrases, reports_.MonthPhraseUse(hotline.id, month, zone));
  ASSIGN_OR_RETURN(ReportRecord record, reports_.GetReport(hotline.id, month));
  // A due the store recorded keeps its calendar version (the first due wins).
  return BuildReport(hotline.id, hotline.unit_id, month, counts, phrases,
                     settings_.connection_rate_target_percent, record.due.value_or(due),
                     record.submission, now);
}

absl::StatusOr<OperatingReport> HotlineCore::GetOperatingReport(const Principal& caller,
                                                                int64_t hotline_id,
                                                                const std::string& month) {
  ASSIGN_OR_RETURN(Hotline hotline, ReadHotline(caller, hotline_id));
  return BuildOperatingReport(hotline, month, Now());
}

absl::StatusOr<OperatingReport> HotlineCore::SubmitOperatingReport(const Principal& caller,
                                                                   int64_t hotline_id,
                                                                   const std::string& month,
                                                                   const std::string& remarks,
                                                                   const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, kFilers));
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  FieldViolations violations;
  common::CheckText(remarks, "remarks", FormLimits::kText, common::TextShape::kMultiLine,
                    violations);
  RETURN_IF_ERROR(violations.ToStatus("invalid operating report"));
  const absl::Time now = Now();
  ASSIGN_OR_RETURN(Hotline hotline, LoadCurrent(hotline_id, now));
  RETURN_IF_ERROR(common::RequireUnit(caller, hotline.unit_id));
  RETURN_IF_ERROR(CheckReportSubmittable(month, now, Calendar().time_zone()));
  ASSIGN_OR_RETURN(ReportRecord known, reports_.GetReport(hotline_id, month));
  common::Deadline due;
  if (known.due.has_value()) {
    due = *known.due;
  } else {
    ASSIGN_OR_RETURN(due, ReportDueOf(month));
  }
  ReportSubmission submission;
  submission.hotline_id = hotline_id;
  submission.month = month;
  submission.submitted_by = caller.user;
  submission.submitted_at = now;
  submission.remarks = remarks;
  submission.on_time = SubmittedOnTime(now, due);
  ASSIGN_OR_RETURN(SubmitReportResult result, reports_.Submit(submission, due, key));
  if (!result.replayed) {
    if (result.submission.on_time) {
      observer_.ReportDeadline(hotline.unit_id, /*met=*/true);
    } else {
      // Late: counted here unless the sweep counted it as missed before the submission (it claims
      // unsubmitted reports only, so what it marked was marked before).
      ASSIGN_OR_RETURN(ReportRecord after, reports_.GetReport(hotline_id, month));
      if (!after.miss_counted) observer_.ReportDeadline(hotline.unit_id, /*met=*/false);
    }
  }
  return BuildOperatingReport(hotline, month, now);
}

// --- H7 -----------------------------------------------------------------------------------------

absl::StatusOr<StaffMember> HotlineCore::RegisterStaff(const Principal& caller, StaffMember staff,
                                                       const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, kFilers));
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  RETURN_IF_ERROR(ScopeUnit(caller, staff.unit_id, "staff.unit_id"));
  const absl::Time now = Now();
  FieldViolations violations;
  if (common::IsBlankText(staff.staff_number)) {
    violations.Add("staff.staff_number", "is required (工号)");
  } else {
    common::CheckText(staff.staff_number, "staff.staff_number",
                      static_cast<int>(kMaxStaffNumberLength), common::TextShape::kOneLine,
                      violations);
  }
  if (common::IsBlankText(staff.name)) {
    violations.Add("staff.name", "is required");
  } else {
    common::CheckText(staff.name, "staff.name", FormLimits::kName, common::TextShape::kOneLine,
                      violations);
  }
  for (size_t i = 0; i < staff.trainings.size(); ++i) {
    CheckTraining(staff.trainings[i], absl::StrCat("staff.trainings[", i, "]"), now, violations);
  }
  RETURN_IF_ERROR(violations.ToStatus("invalid staff member"));
  ASSIGN_OR_RETURN(StaffResult result, staff_.Register(std::move(staff), key));
  return std::move(result.staff);
}

absl::StatusOr<StaffMember> HotlineCore::RecordTraining(const Principal& caller,
                                                        std::string unit_id,
                                                        const std::string& staff_number,
                                                        const Training& training,
                                                        const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, kFilers));
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  RETURN_IF_ERROR(ScopeUnit(caller, unit_id, "unit_id"));
  FieldViolations violations;
  if (common::IsBlankText(staff_number)) violations.Add("staff_number", "is required (工号)");
  CheckTraining(training, "training", Now(), violations);
  RETURN_IF_ERROR(violations.ToStatus("invalid training record"));
  ASSIGN_OR_RETURN(StaffResult result, staff_.AddTraining(unit_id, staff_number, training, key));
  return std::move(result.staff);
}

absl::StatusOr<StaffPage> HotlineCore::ListStaff(const Principal& caller, std::string unit_id,
                                                 const std::string& after_staff_number,
                                                 int page_size) {
  RETURN_IF_ERROR(common::RequireRole(caller, kReaders));
  RETURN_IF_ERROR(ScopeUnit(caller, unit_id, "unit_id"));
  if (unit_id.empty()) return common::InvalidField("unit_id", "is required: whose staff to list");
  RETURN_IF_ERROR(CheckPageSize(page_size));
  return staff_.List(unit_id, after_staff_number, page_size);
}

absl::StatusOr<DutyRoster> HotlineCore::SetDutyRoster(const Principal& caller, DutyRoster roster,
                                                      const std::string& request_id) {
  RETURN_IF_ERROR(common::RequireRole(caller, kFilers));
  RETURN_IF_ERROR(common::db::ValidateRequestId(request_id));
  if (roster.hotline_id <= 0) return common::InvalidField("roster.hotline_id", "is required");
  const absl::Time now = Now();
  ASSIGN_OR_RETURN(Hotline hotline, LoadCurrent(roster.hotline_id, now));
  RETURN_IF_ERROR(common::RequireUnit(caller, hotline.unit_id));
  roster.set_by = caller.user;
  roster.set_at = now;
  ASSIGN_OR_RETURN(std::vector<StaffMember> staff, AllStaff(hotline.unit_id));
  const absl::Status checked = CheckRoster(roster, staff);
  if (checked.code() == absl::StatusCode::kFailedPrecondition) {
    // H7: untrained staff named for duty — refused, and counted once per request in the month of
    // the attempt.
    const std::string month =
        common::FormatMonth(absl::CivilMonth(absl::ToCivilSecond(now, Calendar().time_zone())));
    ASSIGN_OR_RETURN(bool counted,
                     staff_.RecordRefusedRoster(hotline.unit_id, month, request_id, now));
    if (counted) observer_.RosterRefused(hotline.unit_id);
    return checked;
  }
  RETURN_IF_ERROR(checked);
  return staff_.SetRoster(roster);
}

// --- H8 -----------------------------------------------------------------------------------------

absl::StatusOr<PhraseScore> HotlineCore::ScoreCall(const Principal& caller, int64_t hotline_id,
                                                   const std::string& call_id,
                                                   std::string agent_staff_number,
                                                   const std::vector<Turn>& turns,
                                                   const std::vector<CallEvent>& events) {
  RETURN_IF_ERROR(common::RequireRole(
      caller, {Role::kService, Role::kCsCenter, Role::kUnitStaff, Role::kUnitManager}));
  FieldViolations violations;
  for (const FieldViolation& v : common::ViolationsOf(CheckCallId("call_id", call_id))) {
    violations.Add(v.field, v.description);
  }
  common::CheckText(agent_staff_number, "agent_staff_number",
                    static_cast<int>(kMaxStaffNumberLength), common::TextShape::kOneLine,
                    violations);
  violations.Merge(ValidateTranscript(turns, events));
  RETURN_IF_ERROR(violations.ToStatus("invalid call transcript"));
  const absl::Time now = Now();
  ASSIGN_OR_RETURN(Hotline hotline, LoadCurrent(hotline_id, now));
  RETURN_IF_ERROR(common::RequireUnit(caller, hotline.unit_id));
  if (agent_staff_number.empty()) {
    absl::StatusOr<StoredCall> stored = calls_.Get(hotline.id, call_id);
    if (stored.ok()) {
      agent_staff_number = stored->record.agent_staff_number;
    } else if (stored.status().code() != absl::StatusCode::kNotFound) {
      return stored.status();
    }
  }
  PhraseScore score = cs::hotline::ScoreCall(turns, events, agent_staff_number, settings_.phrases);
  score.hotline_id = hotline.id;
  score.call_id = call_id;
  score.agent_staff_number = agent_staff_number;
  score.scored_at = now;
  return reports_.SaveScore(score);
}

absl::StatusOr<PhraseScore> HotlineCore::RecordMandarinReview(const Principal& caller,
                                                              int64_t hotline_id,
                                                              const std::string& call_id,
                                                              bool standard,
                                                              const std::string& note) {
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kCsCenter, Role::kUnitManager}));
  FieldViolations violations;
  for (const FieldViolation& v : common::ViolationsOf(CheckCallId("call_id", call_id))) {
    violations.Add(v.field, v.description);
  }
  common::CheckText(note, "note", FormLimits::kText, common::TextShape::kMultiLine, violations);
  RETURN_IF_ERROR(violations.ToStatus("invalid Mandarin review"));
  const absl::Time now = Now();
  ASSIGN_OR_RETURN(Hotline hotline, LoadCurrent(hotline_id, now));
  RETURN_IF_ERROR(common::RequireUnit(caller, hotline.unit_id));
  MandarinReview review;
  review.standard = standard;
  review.reviewer = caller.user;
  review.reviewed_at = now;
  review.note = note;
  return reports_.SetMandarinReview(hotline.id, call_id, review);
}

// --- Forms --------------------------------------------------------------------------------------

absl::StatusOr<std::string> HotlineCore::RenderRegistrationForm(const Principal& caller,
                                                                int64_t hotline_id) {
  ASSIGN_OR_RETURN(Hotline hotline, ReadHotline(caller, hotline_id));
  return cs::hotline::RenderRegistrationForm(hotline, UnitName(hotline.unit_id),
                                             Calendar().time_zone());
}

absl::StatusOr<std::string> HotlineCore::RenderChangeForm(const Principal& caller,
                                                          int64_t hotline_id,
                                                          const std::string& change_id) {
  if (change_id.empty()) return common::InvalidField("change_id", "is required");
  ASSIGN_OR_RETURN(Hotline hotline, ReadHotline(caller, hotline_id));
  const HotlineChange* change = FindChange(hotline, change_id);
  if (change == nullptr) {
    return absl::NotFoundError(absl::StrCat("hotline ", FormatHotlineId(hotline_id),
                                            " has no change ", common::QuotedValue(change_id)));
  }
  return cs::hotline::RenderChangeForm(*change, UnitName(hotline.unit_id), Calendar().time_zone());
}

// --- For assessment -----------------------------------------------------------------------------

absl::StatusOr<MonthlyStatistics> HotlineCore::GetMonthlyStatistics(const Principal& caller,
                                                                    std::string unit_id,
                                                                    const std::string& month) {
  RETURN_IF_ERROR(
      common::RequireRole(caller, {Role::kService, Role::kCsCenter, Role::kOffice, Role::kUnitStaff,
                                   Role::kUnitManager, Role::kDesignatedUnit}));
  RETURN_IF_ERROR(ScopeUnit(caller, unit_id, "unit_id"));
  if (unit_id.empty()) {
    return common::InvalidField("unit_id", "is required: whose hotlines the figures are of");
  }
  const absl::TimeZone zone = Calendar().time_zone();
  ASSIGN_OR_RETURN(MonthRange range, LocalMonthRange(month, zone));
  const absl::Time now = Now();
  RETURN_IF_ERROR(ApplyDue(now));
  MonthlyStatistics stats;
  stats.unit_id = unit_id;
  stats.month = month;
  absl::flat_hash_set<int64_t> unit_hotlines;
  HotlineFilter filter;
  filter.unit_id = unit_id;
  int64_t after = 0;
  do {
    ASSIGN_OR_RETURN(HotlinePage page, hotlines_.List(filter, after, kReadPageSize));
    for (const Hotline& hotline : page.hotlines) {
      unit_hotlines.insert(hotline.id);
      if (!ActiveDuring(hotline, range.start, range.end)) continue;
      ASSIGN_OR_RETURN(OperatingReport report, BuildOperatingReport(hotline, month, now));
      stats.hotlines.push_back({hotline.id, hotline.number, std::move(report)});
    }
    after = page.next_after_id;
  } while (after > 0);
  ASSIGN_OR_RETURN(stats.untrained_on_duty_refused, staff_.CountRefusedRosters(unit_id, month));
  ASSIGN_OR_RETURN(std::vector<int64_t> not_active,
                   calls_.HotlinesWithCallsWhileNotActive(month, zone));
  for (int64_t id : not_active) {
    if (unit_hotlines.contains(id)) ++stats.hotlines_active_without_approval;
  }
  return stats;
}

// --- Sweep --------------------------------------------------------------------------------------

absl::Status HotlineCore::Sweep() {
  const absl::Time now = Now();
  absl::Status first = ApplyDue(now);
  absl::StatusOr<std::vector<Hotline>> all = AllHotlines();
  if (!all.ok()) return first.ok() ? all.status() : first;
  for (absl::Status status : {ExpectPreviousMonth(now, *all), CountMissedReports(now, *all),
                              RefreshSnapshot(now, *all)}) {
    if (first.ok() && !status.ok()) first = status;
  }
  return first;
}

absl::Status HotlineCore::ExpectPreviousMonth(absl::Time now,
                                              const std::vector<Hotline>& hotlines) {
  const absl::TimeZone zone = Calendar().time_zone();
  const absl::CivilMonth current(absl::ToCivilSecond(now, zone));
  const std::string month = common::FormatMonth(current - 1);
  // A2 7.7: every hotline ACTIVE at some time of the month owes its report. A past month's set no
  // longer changes as time moves on, so the store is told once per month and process.
  const absl::Time start = absl::FromCivil(current - 1, zone);
  const absl::Time end = absl::FromCivil(current, zone);
  std::vector<int64_t> ids;
  for (const Hotline& hotline : hotlines) {
    if (ActiveDuring(hotline, start, end)) ids.push_back(hotline.id);
  }
  {
    absl::MutexLock lock(&mutex_);
    if (expected_month_ == month && expected_ids_ == ids) return absl::OkStatus();
  }
  if (!ids.empty()) {
    ASSIGN_OR_RETURN(common::Deadline due, ReportDueOf(month));
    RETURN_IF_ERROR(reports_.ExpectReports(month, ids, due));
  }
  absl::MutexLock lock(&mutex_);
  expected_month_ = month;
  expected_ids_ = std::move(ids);
  return absl::OkStatus();
}

absl::Status HotlineCore::CountMissedReports(absl::Time now, const std::vector<Hotline>& hotlines) {
  absl::flat_hash_map<int64_t, std::string> unit_of;
  for (const Hotline& hotline : hotlines) unit_of[hotline.id] = hotline.unit_id;
  for (int round = 0; round < kMaxSweepRounds; ++round) {
    ASSIGN_OR_RETURN(std::vector<MissedReport> missed,
                     reports_.ClaimMissedReports(now, kSweepBatch));
    for (const MissedReport& report : missed) {
      std::string unit;
      if (auto it = unit_of.find(report.hotline_id); it != unit_of.end()) {
        unit = it->second;
      } else if (absl::StatusOr<Hotline> hotline = hotlines_.Get(report.hotline_id); hotline.ok()) {
        unit = hotline->unit_id;
      }
      observer_.ReportDeadline(unit, /*met=*/false);
    }
    if (missed.size() < static_cast<size_t>(kSweepBatch)) break;
  }
  return absl::OkStatus();
}

absl::Status HotlineCore::RefreshSnapshot(absl::Time now, const std::vector<Hotline>& hotlines) {
  const absl::TimeZone zone = Calendar().time_zone();
  const absl::CivilMonth current(absl::ToCivilSecond(now, zone));
  struct Month {
    bool current;
    std::string name;
    absl::Time start;
    absl::Time end;
  };
  const Month months[] = {
      {true, common::FormatMonth(current), absl::FromCivil(current, zone),
       absl::FromCivil(current + 1, zone)},
      {false, common::FormatMonth(current - 1), absl::FromCivil(current - 1, zone),
       absl::FromCivil(current, zone)},
  };
  RegistrySnapshot snapshot;
  std::map<std::string, int64_t> below;
  for (const common::UnitInfo& unit : units_.units()) below[unit.id] = 0;
  for (const Hotline& hotline : hotlines) {
    const std::string id = FormatHotlineId(hotline.id);
    for (const Month& month : months) {
      if (!ActiveDuring(hotline, month.start, month.end)) continue;
      ASSIGN_OR_RETURN(CallCounts counts, calls_.MonthCounts(hotline.id, month.name, zone));
      const OperatingReport rate = BuildReport(
          hotline.id, hotline.unit_id, month.name, counts, PhraseUse{},
          settings_.connection_rate_target_percent, common::Deadline{}, absl::nullopt, now);
      snapshot.rates.push_back({id, hotline.unit_id, month.current, rate.connection_rate_percent});
      if (month.current && rate.below_target) ++below[hotline.unit_id];
    }
    if (hotline.state == HotlineState::kPendingApproval) {
      ++snapshot.registrations_pending;
      const absl::Time since = hotline.registration.manager_signature.has_value()
                                   ? hotline.registration.manager_signature->signed_at
                                   : hotline.registration.filed_at;
      snapshot.oldest_pending_approval = std::max(snapshot.oldest_pending_approval, now - since);
    }
    for (const HotlineChange& change : hotline.changes) {
      if (change.state != ChangeState::kPendingApproval) continue;
      ++snapshot.changes_pending;
      const absl::Time since = change.form.manager_signature.has_value()
                                   ? change.form.manager_signature->signed_at
                                   : change.form.filed_at;
      snapshot.oldest_pending_approval = std::max(snapshot.oldest_pending_approval, now - since);
    }
    const std::vector<NumberTransition> running = TransitionsRunningAt(hotline, now);
    if (!running.empty()) {
      snapshot.transitions_active += static_cast<int64_t>(running.size());
      absl::Time soonest = absl::InfiniteFuture();
      for (const NumberTransition& transition : running) {
        soonest = std::min(soonest, transition.ends_at);
      }
      snapshot.transitions.push_back({id, soonest - now});
    }
  }
  for (const auto& [unit, count] : below) snapshot.below_target_by_unit.push_back({unit, count});
  observer_.Snapshot(snapshot);
  return absl::OkStatus();
}

// --- CallIngest ---------------------------------------------------------------------------------

CallIngest::CallIngest(HotlineCore& core, common::Principal caller)
    : core_(core), caller_(std::move(caller)), now_(core.Now()) {}

absl::StatusOr<const Hotline*> CallIngest::HotlineOf(int64_t hotline_id) {
  if (auto it = cache_.find(hotline_id); it != cache_.end()) return it->second.get();
  absl::StatusOr<Hotline> loaded = core_.hotlines_.Get(hotline_id);
  if (!loaded.ok()) {
    if (loaded.status().code() != absl::StatusCode::kNotFound) return loaded.status();
    cache_[hotline_id] = nullptr;
    return nullptr;
  }
  // As of now, without saving: the store's sweep saves what is due.
  ApplyDueChanges(*loaded, now_);
  auto stored = std::make_unique<Hotline>(*std::move(loaded));
  const Hotline* raw = stored.get();
  cache_[hotline_id] = std::move(stored);
  return raw;
}

void CallIngest::Reject(int64_t index, const std::string& call_id,
                        std::vector<std::string> problems) {
  ++unreported_rejections_;
  if (summary_.rejected.size() >= kMaxListedRejections) return;
  summary_.rejected.push_back({index, call_id, std::move(problems)});
}

absl::Status CallIngest::Add(IncomingCallRecord in) {
  const int64_t index = summary_.received++;
  const CallRecord& record = in.record;
  // What the api already found wrong wins over what the rules would say of the same field.
  absl::flat_hash_set<std::string> named;
  for (const FieldViolation& problem : in.problems) named.insert(problem.field);
  std::vector<FieldViolation> problems = std::move(in.problems);
  const Hotline* hotline = nullptr;
  if (!named.contains("hotline_id") && record.hotline_id > 0) {
    ASSIGN_OR_RETURN(hotline, HotlineOf(record.hotline_id));
  }
  for (const FieldViolation& v :
       common::ViolationsOf(ValidateCallRecord(record, hotline != nullptr))) {
    if (!named.contains(v.field)) problems.push_back(v);
  }
  if (hotline != nullptr && !named.contains("hotline_id")) {
    if (absl::Status scope = common::RequireUnit(caller_, hotline->unit_id); !scope.ok()) {
      problems.push_back(
          {"hotline_id",
           absl::StrCat(FormatHotlineId(hotline->id), " is a hotline of unit ", hotline->unit_id,
                        ": ", caller_.user, " may ingest the calls of unit ", caller_.unit_id,
                        "'s hotlines only (PERMISSION_DENIED)")});
    }
  }
  if (!named.contains("offered_at") && record.offered_at != absl::UnixEpoch() &&
      record.offered_at > now_ + kMaxClockSkew) {
    problems.push_back(
        {"offered_at", absl::StrCat("is in the future (", absl::FormatTime(record.offered_at),
                                    "): a call is recorded once it was offered")});
  }
  if (!problems.empty()) {
    std::vector<std::string> texts;
    for (const FieldViolation& problem : problems) texts.push_back(ProblemText(problem));
    Reject(index, record.call_id, std::move(texts));
    return absl::OkStatus();
  }
  IncomingCall call;
  call.record = record;
  // H5: the hours the hotline published when the call was offered; H1: whether it was approved.
  call.record.within_service_hours =
      WithinServiceHours(HoursAt(*hotline, record.offered_at), record.offered_at, core_.Calendar());
  call.hotline_active = ActiveAt(*hotline, record.offered_at);
  pending_.push_back(std::move(call));
  pending_index_.push_back(index);
  if (pending_.size() >= static_cast<size_t>(std::max(1, core_.settings_.ingest_batch_size))) {
    return Flush();
  }
  return absl::OkStatus();
}

absl::Status CallIngest::Flush() {
  int64_t stored = 0;
  int64_t duplicates = 0;
  if (!pending_.empty()) {
    absl::StatusOr<std::vector<InsertOutcome>> outcomes = core_.calls_.InsertBatch(pending_);
    if (!outcomes.ok() && outcomes.status().code() == absl::StatusCode::kInvalidArgument) {
      // The store's column checks ("records[i].<field>"): refuse those records, write the rest.
      std::map<size_t, std::vector<std::string>> refused;
      for (const FieldViolation& v : common::ViolationsOf(outcomes.status())) {
        size_t i = 0;
        absl::string_view field = v.field;
        const size_t open = field.find('[');
        const size_t close = field.find(']');
        if (open == absl::string_view::npos || close == absl::string_view::npos ||
            !absl::SimpleAtoi(field.substr(open + 1, close - open - 1), &i) ||
            i >= pending_.size()) {
          return outcomes.status();
        }
        absl::string_view rest = field.substr(close + 1);
        if (!rest.empty() && rest.front() == '.') rest.remove_prefix(1);
        refused[i].push_back(absl::StrCat(rest, ": ", v.description));
      }
      if (refused.empty()) return outcomes.status();
      std::vector<IncomingCall> kept;
      std::vector<int64_t> kept_index;
      for (size_t i = 0; i < pending_.size(); ++i) {
        if (auto it = refused.find(i); it != refused.end()) {
          Reject(pending_index_[i], pending_[i].record.call_id, std::move(it->second));
        } else {
          kept.push_back(std::move(pending_[i]));
          kept_index.push_back(pending_index_[i]);
        }
      }
      pending_ = std::move(kept);
      pending_index_ = std::move(kept_index);
      outcomes =
          pending_.empty() ? std::vector<InsertOutcome>{} : core_.calls_.InsertBatch(pending_);
    }
    if (!outcomes.ok()) return outcomes.status();
    for (InsertOutcome outcome : *outcomes) {
      (outcome == InsertOutcome::kStored ? stored : duplicates) += 1;
    }
    pending_.clear();
    pending_index_.clear();
  }
  summary_.stored += stored;
  summary_.duplicates += duplicates;
  if (stored + duplicates + unreported_rejections_ > 0) {
    core_.observer_.CallRecordsIngested(stored, duplicates, unreported_rejections_);
  }
  unreported_rejections_ = 0;
  return absl::OkStatus();
}

absl::StatusOr<IngestSummary> CallIngest::Finish() {
  RETURN_IF_ERROR(Flush());
  summary_.rejected_count = summary_.received - summary_.stored - summary_.duplicates;
  return summary_;
}

}  // namespace cs::hotline
