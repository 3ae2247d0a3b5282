#include "services/assessment/core/scorecard_core.h"

#include <algorithm>
#include <initializer_list>
#include <map>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/types/optional.h"
#include "common/db/printable_id.h"
#include "common/hash/sha256.h"
#include "common/status/error_reason.h"
#include "common/status/field_violations.h"
#include "common/status/quoted_value.h"
#include "common/status/status_macros.h"
#include "common/status/text_checks.h"
#include "common/time/report_month.h"
#include "services/assessment/core/assessed_units.h"
#include "services/assessment/domain/records.h"

namespace cs::assessment {
namespace {

// The ids of the indicators a scorecard lacks, in the set's order.
std::vector<std::string> MissingIds(const Scorecard& scorecard) {
  std::vector<std::string> ids;
  for (const MissingIndicator& missing : scorecard.missing) ids.push_back(missing.indicator_id);
  return ids;
}

using common::Principal;
using common::Role;

// Who reads a scorecard: the department-wide roles every unit's, a unit's own roles their unit's.
constexpr std::initializer_list<Role> kReaders = {Role::kCsCenter,    Role::kOffice,
                                                  Role::kService,     Role::kUnitStaff,
                                                  Role::kUnitManager, Role::kDesignatedUnit};

// Rows per page when the core reads a whole listing.
constexpr int kReadPageSize = 500;

// How many counted items an own input's note lists before it only counts the rest: the note is
// an explanation, not an export, and stays well inside its column.
constexpr size_t kMaxNoteItems = 20;

// The scorecard of (unit, month, set) is not stored.
absl::Status NoScorecardYet(const std::string& unit_id, absl::CivilMonth month,
                            absl::string_view set) {
  return absl::NotFoundError(absl::StrCat("no scorecard of unit ", common::QuotedValue(unit_id),
                                          " for ", common::FormatMonth(month), " on set ",
                                          common::QuotedValue(set), " has been computed"));
}

// The sweep's request key of computing (unit, month, set) over `revision` (0: none stored): the
// same in every replica, so two replicas sweeping at once store one computation once.
RequestKey SweepKey(const std::string& unit_id, absl::CivilMonth month, absl::string_view set,
                    int64_t revision) {
  const std::string digest = common::Sha256Hex(absl::StrCat(
      "scorecard-sweep|", unit_id, "|", common::FormatMonth(month), "|", set, "|", revision));
  return RequestKey{absl::StrCat("sweep-", digest.substr(0, 40)), digest};
}

// "RN-3 reply due 2026-03-09T09:30:00Z not received; …", at most kMaxNoteItems items.
std::string ItemsNote(const std::vector<CountedItem>& items) {
  std::vector<std::string> shown;
  for (size_t i = 0; i < items.size() && i < kMaxNoteItems; ++i) {
    shown.push_back(absl::StrCat(items[i].id, " ", items[i].what));
  }
  std::string note = absl::StrJoin(shown, "; ");
  if (items.size() > kMaxNoteItems) {
    absl::StrAppend(&note, "; and ", items.size() - kMaxNoteItems, " more");
  }
  return note;
}

std::string CountNote(absl::string_view what, int64_t count,
                      const std::vector<CountedItem>& items) {
  std::string note = absl::StrCat(count, " ", what);
  if (!items.empty()) absl::StrAppend(&note, ": ", ItemsNote(items));
  return note;
}

// The input of `definition`, an indicator of the assessment's own, from `figures`. `survey` is the
// survey the satisfaction figure comes from, when the unit recorded one for the month.
IndicatorInput OwnInput(const IndicatorDefinition& definition, const UnitMonthFigures& figures,
                        const absl::optional<SurveySummary>& survey, absl::Time now) {
  IndicatorInput input;
  input.indicator_id = definition.id;
  input.source = std::string(kSourceAssessment);
  input.read_at = now;
  switch (definition.source) {
    case IndicatorSource::kRectificationOnTime:
      input.findings = figures.rectification_findings;
      input.note = CountNote(absl::StrCat("finding(s): ", figures.missed_reply_deadlines,
                                          " reply deadline(s) missed, ",
                                          figures.failed_verifications, " verification(s) failed"),
                             figures.rectification_findings, figures.rectification_items);
      break;
    case IndicatorSource::kMaintenanceNoticeOnTime:
      input.findings = figures.maintenance_findings;
      input.note = CountNote(
          absl::StrCat("finding(s): ", figures.late_maintenance_filings, " late filing(s), ",
                       figures.started_without_approval, " started without approval"),
          figures.maintenance_findings, figures.maintenance_items);
      break;
    case IndicatorSource::kLaunchReviewed:
      input.findings = figures.launch_findings;
      input.note = CountNote("launch finding(s)", figures.launch_findings, figures.launch_items);
      break;
    case IndicatorSource::kPartnerFindings:
      input.findings = figures.partner_findings;
      input.note =
          CountNote("finding(s) naming a partner", figures.partner_findings, figures.partner_items);
      break;
    case IndicatorSource::kSatisfaction:
      // No survey in the month is nothing to count (0 of 0), never a zero score.
      if (survey.has_value()) {
        input.numerator = survey->score;
        input.denominator = survey->scale;
        input.note = absl::StrCat(FormatSurveyId(survey->id), " (",
                                  SurveyMethodName(survey->method), ", ", survey->sample_size,
                                  " answers, ", absl::FormatCivilTime(survey->period_start), " to ",
                                  absl::FormatCivilTime(survey->period_end), ")");
      } else {
        input.note = "no satisfaction survey recorded for the month";
      }
      break;
    case IndicatorSource::kSpecialTasksOnTime:
      input.numerator =
          static_cast<double>(figures.tasks_on_time_with_quality + figures.sessions_attended);
      input.denominator = static_cast<double>(figures.tasks_counted + figures.sessions_counted);
      input.note = absl::StrCat(figures.tasks_on_time_with_quality, " of ", figures.tasks_counted,
                                " task(s) done on time with quality, ", figures.sessions_attended,
                                " of ", figures.sessions_counted, " session(s) attended");
      if (!figures.special_task_items.empty()) {
        absl::StrAppend(&input.note, ": ", ItemsNote(figures.special_task_items));
      }
      break;
    default:
      // Not reached: only the assessment's own indicators come here.
      input.note = "not an indicator of the assessment's own records";
      break;
  }
  return input;
}

}  // namespace

absl::Status ValidateScorecardSettings(const ScorecardSettings& settings) {
  if (settings.monthly_report_due_working_day < 1) {
    return common::InvalidField("monthly_report_due_working_day", "must be at least 1");
  }
  return absl::OkStatus();
}

ScorecardCore::ScorecardCore(AssessmentNoticeStores notices, AssessmentRecordStores records,
                             const IndicatorDefinitions& definitions,
                             const common::UnitDirectory& units,
                             const common::CalendarHolder& calendars, ScorecardSettings settings,
                             common::Clock& clock, PeerFigureReader& peers,
                             ScorecardObserver& observer)
    : notices_(notices.notices),
      maintenance_(notices.maintenance),
      launch_reviews_(notices.launch_reviews),
      surveys_(records.surveys),
      tasks_(records.tasks),
      scorecards_(records.scorecards),
      definitions_(definitions),
      units_(units),
      calendars_(calendars),
      settings_(std::move(settings)),
      clock_(clock),
      peers_(peers),
      observer_(observer) {}

absl::Time ScorecardCore::Now() const { return common::TruncateToMicroseconds(clock_.Now()); }

const common::WorkingCalendar& ScorecardCore::Calendar() const {
  return calendars_.Get().current();
}

absl::StatusOr<ScorecardCore::Target> ScorecardCore::ReadTarget(const std::string& unit_id,
                                                                const std::string& month,
                                                                const std::string& set,
                                                                bool with_unit) const {
  common::FieldViolations violations;
  Target target;
  if (with_unit) {
    const common::UnitInfo* unit = units_.Find(unit_id);
    if (unit_id.empty()) {
      violations.Add("unit_id", "is required: the unit whose scorecard it is");
    } else if (unit == nullptr) {
      violations.Add("unit_id",
                     absl::StrCat("names no known unit: ", common::QuotedValue(unit_id)));
    } else if (!IsAssessedUnit(*unit)) {
      violations.Add("unit_id", absl::StrCat(common::QuotedValue(unit_id),
                                             " is the CS center, which assesses the units and is "
                                             "not scored"));
    }
    target.unit_id = unit_id;
  }
  absl::StatusOr<absl::CivilMonth> civil = common::ParseMonth(month, "month");
  if (civil.ok()) {
    target.month = *civil;
  } else {
    std::vector<common::FieldViolation> named = common::ViolationsOf(civil.status());
    if (named.empty()) violations.Add("month", std::string(civil.status().message()));
    for (common::FieldViolation& v : named) violations.Add(v.field, v.description);
  }
  const std::string set_name = set.empty() ? std::string(kMonthlySetName) : set;
  target.set = FindIndicatorSetDefinition(definitions_.sets, set_name);
  if (target.set == nullptr) {
    violations.Add("set", absl::StrCat("names no indicator set of the indicator file: ",
                                       common::QuotedValue(set_name)));
  }
  RETURN_IF_ERROR(violations.ToStatus("invalid scorecard request"));
  return target;
}

absl::StatusOr<StoredScorecard> ScorecardCore::ComputeScorecard(const Principal& caller,
                                                                std::string unit_id,
                                                                const std::string& month,
                                                                std::string set,
                                                                const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kCsCenter, Role::kService}));
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  ASSIGN_OR_RETURN(Target target, ReadTarget(unit_id, month, set, /*with_unit=*/true));
  const absl::Time now = Now();
  ASSIGN_OR_RETURN(common::Deadline due, LastReportDue(Calendar(), target.month,
                                                       {settings_.monthly_report_due_working_day}));
  RETURN_IF_ERROR(MayComputeScorecard(target.month, now, due.at));
  return Compute(target, now, key);
}

absl::StatusOr<StoredScorecard> ScorecardCore::Compute(const Target& target, absl::Time now,
                                                       const RequestKey& key) {
  ASSIGN_OR_RETURN(Scorecard scorecard, Score(target, now));
  return Store(target, scorecard, key);
}

absl::StatusOr<Scorecard> ScorecardCore::Score(const Target& target, absl::Time now) {
  ASSIGN_OR_RETURN(ScorecardInputs gathered, Gather(target, now));
  absl::StatusOr<Scorecard> computed = cs::assessment::ComputeScorecard(
      target.unit_id, target.month, *target.set, definitions_.indicators, gathered);
  if (!computed.ok()) {
    // The request was checked already: what the domain refuses here is a figure a source gave or
    // a definition of the file, which the caller cannot fix.
    return absl::InternalError(
        absl::StrCat("the gathered figures cannot be scored: ", computed.status().message()));
  }
  return computed;
}

absl::StatusOr<StoredScorecard> ScorecardCore::Store(const Target& target,
                                                     const Scorecard& scorecard,
                                                     const RequestKey& key) {
  // Save first even when one is stored: a repeated request_id is answered by the write it keyed,
  // and Save refuses (FAILED_PRECONDITION, the key not used up) only when the request is a
  // recomputation, which Replace then stores.
  absl::StatusOr<ScorecardResult> result = scorecards_.Save(scorecard, key);
  if (result.status().code() == absl::StatusCode::kFailedPrecondition) {
    result = scorecards_.Replace(scorecard, key);
  }
  RETURN_IF_ERROR(result.status());
  if (!result->replayed) {
    observer_.ScorecardComputed(target.set->name, result->stored.scorecard.complete);
  }
  return std::move(result->stored);
}

absl::StatusOr<ScorecardInputs> ScorecardCore::Gather(const Target& target, absl::Time now) {
  std::vector<IndicatorDefinition> own;
  std::vector<IndicatorDefinition> peer;
  for (const WeightedIndicator& weighted : target.set->indicators) {
    const IndicatorDefinition* definition =
        FindIndicatorDefinition(definitions_.indicators, weighted.indicator_id);
    // An indicator the file does not define is the domain's to name (ComputeScorecard).
    if (definition == nullptr) continue;
    (SourceService(definition->source) == kSourceAssessment ? own : peer).push_back(*definition);
  }
  ScorecardInputs gathered;
  if (!own.empty()) {
    ASSIGN_OR_RETURN(OwnFigures figures, CountOwnFigures(target.unit_id, target.month, now));
    for (const IndicatorDefinition& definition : own) {
      gathered.inputs.push_back(OwnInput(definition, figures.figures, figures.survey, now));
    }
  }
  if (!peer.empty()) {
    ScorecardInputs read = peers_.Read(target.unit_id, target.month, peer);
    // Once per peer asked, in the set's order: answered when every figure it owns came back.
    std::vector<std::string> asked;
    absl::flat_hash_set<std::string> failed;
    for (const IndicatorDefinition& definition : peer) {
      const std::string source(SourceService(definition.source));
      if (std::find(asked.begin(), asked.end(), source) == asked.end()) asked.push_back(source);
    }
    for (const MissingInput& missing : read.missing) failed.insert(missing.source);
    for (const std::string& source : asked) observer_.SourceRead(source, !failed.contains(source));
    for (IndicatorInput& input : read.inputs) gathered.inputs.push_back(std::move(input));
    for (MissingInput& missing : read.missing) gathered.missing.push_back(std::move(missing));
  }
  return gathered;
}

absl::StatusOr<ScorecardCore::OwnFigures> ScorecardCore::CountOwnFigures(const std::string& unit_id,
                                                                         absl::CivilMonth month,
                                                                         absl::Time now) {
  const absl::TimeZone zone = Calendar().time_zone();
  const common::MonthSpan span = common::MonthBounds(month, zone);

  std::vector<RectificationNotice> notices;
  NoticeFilter notice_filter;
  notice_filter.unit_id = unit_id;
  int64_t after = 0;
  do {
    ASSIGN_OR_RETURN(NoticePage page, notices_.List(notice_filter, after, kReadPageSize));
    for (RectificationNotice& notice : page.notices) notices.push_back(std::move(notice));
    after = page.next_after_id;
  } while (after > 0);

  std::vector<MaintenanceNotice> maintenance;
  MaintenanceFilter maintenance_filter;
  maintenance_filter.unit_id = unit_id;
  after = 0;
  do {
    ASSIGN_OR_RETURN(MaintenancePage page,
                     maintenance_.List(maintenance_filter, after, kReadPageSize));
    for (MaintenanceRecord& record : page.records) maintenance.push_back(std::move(record.notice));
    after = page.next_after_id;
  } while (after > 0);

  std::vector<LaunchReview> reviews;
  LaunchReviewFilter review_filter;
  review_filter.unit_id = unit_id;
  after = 0;
  do {
    ASSIGN_OR_RETURN(LaunchReviewPage page,
                     launch_reviews_.List(review_filter, after, kReadPageSize));
    for (LaunchReview& review : page.reviews) reviews.push_back(std::move(review));
    after = page.next_after_id;
  } while (after > 0);

  ASSIGN_OR_RETURN(
      std::vector<SurveySummary> surveys,
      surveys_.ListForMonth(unit_id, absl::CivilDay(month), absl::CivilDay(month + 1)));
  ASSIGN_OR_RETURN(std::vector<SpecialTask> tasks, tasks_.List(unit_id));
  ASSIGN_OR_RETURN(std::vector<UnitAttendance> attendance,
                   tasks_.ListAttendance(unit_id, span.start, span.end));
  // CountUnitMonth reads a session's entry of this unit only: the unit's entry stands for it.
  std::vector<TrainingSession> sessions;
  for (UnitAttendance& entry : attendance) {
    TrainingSession session;
    session.id = entry.session_id;
    session.kind = entry.kind;
    session.title = std::move(entry.title);
    session.held_at = entry.held_at;
    entry.attendance.unit_id = unit_id;
    session.attendance.push_back(std::move(entry.attendance));
    sessions.push_back(std::move(session));
  }

  UnitMonthRecords records;
  records.notices = notices;
  records.maintenance = maintenance;
  records.launch_reviews = reviews;
  records.surveys = surveys;
  records.tasks = tasks;
  records.sessions = sessions;
  OwnFigures own;
  own.figures = CountUnitMonth(unit_id, month, zone, now, records);
  for (const SurveySummary& survey : surveys) {
    if (survey.id == own.figures.satisfaction_survey_id) own.survey = survey;
  }
  return own;
}

absl::StatusOr<StoredScorecard> ScorecardCore::GetScorecard(const Principal& caller,
                                                            std::string unit_id,
                                                            const std::string& month,
                                                            std::string set) {
  RETURN_IF_ERROR(common::RequireRole(caller, kReaders));
  if (unit_id.empty()) unit_id = caller.unit_id;
  RETURN_IF_ERROR(common::RequireUnit(caller, unit_id));
  ASSIGN_OR_RETURN(Target target, ReadTarget(unit_id, month, set, /*with_unit=*/true));
  ASSIGN_OR_RETURN(absl::optional<StoredScorecard> stored,
                   scorecards_.Get(target.unit_id, target.month, target.set->name));
  if (!stored.has_value()) return NoScorecardYet(target.unit_id, target.month, target.set->name);
  return *std::move(stored);
}

absl::StatusOr<ScorecardSummaryResult> ScorecardCore::GetScorecardSummary(const Principal& caller,
                                                                          const std::string& month,
                                                                          std::string set) {
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kOffice, Role::kCsCenter}));
  ASSIGN_OR_RETURN(Target target, ReadTarget("", month, set, /*with_unit=*/false));
  ASSIGN_OR_RETURN(std::vector<StoredScorecard> stored,
                   scorecards_.ListForMonth(target.month, target.set->name));
  std::vector<Scorecard> cards;
  cards.reserve(stored.size());
  for (const StoredScorecard& one : stored) cards.push_back(one.scorecard);
  ScorecardSummaryResult result;
  ASSIGN_OR_RETURN(result.summary, SummarizeScorecards(target.month, *target.set, cards));
  std::map<std::string, StoredScorecard*> by_unit;
  for (StoredScorecard& one : stored) by_unit[one.scorecard.unit_id] = &one;
  for (const std::vector<UnitResult>* part : {&result.summary.ranked, &result.summary.incomplete}) {
    for (const UnitResult& line : *part) {
      auto it = by_unit.find(line.unit_id);
      if (it != by_unit.end()) result.scorecards.push_back(std::move(*it->second));
    }
  }
  return result;
}

absl::StatusOr<StoredScorecard> ScorecardCore::RecordFeedback(
    const Principal& caller, std::string unit_id, const std::string& month, std::string set,
    const std::string& feedback, const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kOffice}));
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  common::FieldViolations text;
  if (common::IsBlankText(feedback)) {
    text.Add("feedback", "is required: the office's feedback to the unit (M 7.17.1)");
  } else {
    common::CheckText(feedback, "feedback", kMaxFeedbackChars, common::TextShape::kMultiLine, text);
  }
  absl::StatusOr<Target> target = ReadTarget(unit_id, month, set, /*with_unit=*/true);
  if (!target.ok() || !text.empty()) {
    common::FieldViolations all;
    if (!target.ok()) {
      for (common::FieldViolation& v : common::ViolationsOf(target.status())) {
        all.Add(v.field, v.description);
      }
    }
    all.Merge(text);
    return all.ToStatus("invalid feedback");
  }
  ASSIGN_OR_RETURN(ScorecardResult result,
                   scorecards_.RecordFeedback(target->unit_id, target->month, target->set->name,
                                              feedback, caller.user, Now(), key));
  return std::move(result.stored);
}

absl::StatusOr<absl::CivilMonth> ScorecardCore::LatestDueMonth(absl::Time now) const {
  const absl::CivilMonth current(absl::ToCivilSecond(now, Calendar().time_zone()));
  for (const absl::CivilMonth month : {current - 1, current - 2}) {
    ASSIGN_OR_RETURN(common::Deadline due,
                     LastReportDue(Calendar(), month, {settings_.monthly_report_due_working_day}));
    if (now >= due.at) return month;
  }
  return common::WithReason(
      absl::FailedPreconditionError(
          absl::StrCat("the last report of neither ", common::FormatMonth(current - 1), " nor ",
                       common::FormatMonth(current - 2), " is due (monthly_report_due_working_day ",
                       settings_.monthly_report_due_working_day, ")")),
      common::reason::kStateForbidsChange);
}

absl::Status ScorecardCore::Sweep() {
  const absl::Time now = Now();
  ASSIGN_OR_RETURN(absl::CivilMonth month, LatestDueMonth(now));
  const IndicatorSetDefinition* monthly =
      FindIndicatorSetDefinition(definitions_.sets, kMonthlySetName);
  absl::Status first = absl::OkStatus();
  auto keep = [&first](const absl::Status& status) {
    if (first.ok() && !status.ok()) first = status;
  };
  if (monthly == nullptr) {
    keep(absl::FailedPreconditionError("the indicator file has no \"monthly\" set"));
  } else {
    for (const common::UnitInfo& unit : units_.units()) {
      if (!IsAssessedUnit(unit)) continue;
      absl::StatusOr<absl::optional<StoredScorecard>> stored =
          scorecards_.Get(unit.id, month, monthly->name);
      if (!stored.ok()) {
        keep(stored.status());
        continue;
      }
      if (stored->has_value() && (*stored)->scorecard.complete) continue;
      const int64_t revision = stored->has_value() ? (*stored)->revision : 0;
      const Target target{unit.id, month, monthly};
      absl::StatusOr<Scorecard> scorecard = Score(target, now);
      if (!scorecard.ok()) {
        keep(scorecard.status());
        continue;
      }
      // A source still away: the stored scorecard already says so. Only a change (a source back,
      // or another one gone) makes a new revision, so a long outage does not pile them up.
      if (stored->has_value() && !scorecard->complete &&
          MissingIds(*scorecard) == MissingIds((*stored)->scorecard)) {
        continue;
      }
      keep(Store(target, *scorecard, SweepKey(unit.id, month, monthly->name, revision)).status());
    }
  }
  keep(SnapshotMonth(month));
  return first;
}

absl::Status ScorecardCore::SnapshotMonth(absl::CivilMonth month) {
  ScorecardSnapshot snapshot;
  snapshot.month = month;
  for (const IndicatorSetDefinition& set : definitions_.sets) {
    ASSIGN_OR_RETURN(std::vector<StoredScorecard> stored,
                     scorecards_.ListForMonth(month, set.name));
    ScorecardCount count;
    count.set_name = set.name;
    for (const StoredScorecard& one : stored) {
      ++(one.scorecard.complete ? count.complete : count.incomplete);
    }
    snapshot.scorecards.push_back(std::move(count));
  }
  observer_.Snapshot(snapshot);
  return absl::OkStatus();
}

}  // namespace cs::assessment
