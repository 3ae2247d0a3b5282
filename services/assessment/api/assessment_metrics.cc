#include "services/assessment/api/assessment_metrics.h"

#include <algorithm>
#include <exception>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/status/status_macros.h"

namespace cs::assessment {
namespace {

using GaugeValues = std::vector<std::pair<std::vector<std::string>, double>>;

constexpr const char* kOnTime = "on_time";
constexpr const char* kLate = "late";

const char* MaintenanceOutcomeLabel(MaintenanceFilingOutcome outcome) {
  switch (outcome) {
    case MaintenanceFilingOutcome::kOnTime:
      return kOnTime;
    case MaintenanceFilingOutcome::kLate:
      return kLate;
    case MaintenanceFilingOutcome::kEmergency:
      return "emergency";
  }
  return kOnTime;  // not reached: every enumerator is handled above
}

}  // namespace

std::vector<std::string> PeerSources() {
  return {std::string(kSourceIntake), std::string(kSourceRouting), std::string(kSourceArchive),
          std::string(kSourceHotlineRegistry), std::string(kSourceChannelRegistry)};
}

prometheus::Histogram::BucketBoundaries NoticeReplyBuckets() {
  const double day = absl::ToDoubleSeconds(common::kBucketWorkingDay);
  return {3600,    7200,    14400,   day,      2 * day,  3 * day,
          4 * day, 5 * day, 7 * day, 10 * day, 15 * day, 20 * day};
}

absl::StatusOr<std::unique_ptr<AssessmentMetrics>> AssessmentMetrics::Create(
    prometheus::Registry& registry, const common::UnitDirectory& units,
    const IndicatorDefinitions& definitions) {
  std::unique_ptr<AssessmentMetrics> m(new AssessmentMetrics());
  for (const common::UnitInfo& unit : units.units()) m->unit_ids_.push_back(unit.id);
  for (const IndicatorSetDefinition& set : definitions.sets) m->set_names_.push_back(set.name);
  try {
    m->issued_ = &prometheus::BuildCounter()
                      .Name("cs_assessment_notices_issued_total")
                      .Help(
                          "Rectification notices issued to a unit (S1, M 7.13), directly or raised "
                          "from a finding; once per notice")
                      .Register(registry);
    m->deemed_received_ = &prometheus::BuildCounter()
                               .Name("cs_assessment_notices_deemed_received_total")
                               .Help(
                                   "Rectification notices not acknowledged within the grace and "
                                   "counted as received at its end (S1)")
                               .Register(registry);
    m->replies_ = &prometheus::BuildCounter()
                       .Name("cs_assessment_notice_replies_total")
                       .Help(
                           "Signed replies to rectification notices (S1, M 7.13): on_time (by the "
                           "deadline in force: 5 working days of receipt, or the reopening's) or "
                           "late")
                       .Register(registry);
    m->reply_working_seconds_ =
        &prometheus::BuildHistogram()
             .Name("cs_assessment_notice_reply_working_seconds")
             .Help(
                 "Working time on the calendar from a notice's receipt (or its reopening) to the "
                 "unit's signed reply (S1, M 7.13), by outcome")
             .Register(registry);
    m->verifications_ = &prometheus::BuildCounter()
                             .Name("cs_assessment_verifications_total")
                             .Help(
                                 "Rectifications verified by the CS center (S1): passed, or failed "
                                 "and reopened")
                             .Register(registry);
    m->maintenance_filings_ =
        &prometheus::BuildCounter()
             .Name("cs_assessment_maintenance_filings_total")
             .Help(
                 "Maintenance notices filed (S2, M 7.6): on_time (users told at least 72 hours "
                 "ahead), late, or emergency (not foreseeable, never late)")
             .Register(registry);
    m->launch_findings_ = &prometheus::BuildCounter()
                               .Name("cs_assessment_launch_findings_total")
                               .Help(
                                   "Launches without an accepted review, or before the window "
                                   "training they needed (S3, M 7.7)")
                               .Register(registry);
    m->scorecards_computed_ = &prometheus::BuildCounter()
                                   .Name("cs_assessment_scorecards_computed_total")
                                   .Help(
                                       "Scorecards computed and stored (S5, S6, M 7.17), first "
                                       "computations and recomputations: complete, or incomplete "
                                       "(a source did not answer)")
                                   .Register(registry);
    m->source_reads_ =
        &prometheus::BuildCounter()
             .Name("cs_assessment_source_reads_total")
             .Help(
                 "Reads of a peer service's monthly figures for a scorecard (S5): ok "
                 "(it answered) or failed (no answer in time, or an error)")
             .Register(registry);
    m->source_up_ = &prometheus::BuildGauge()
                         .Name("cs_assessment_source_up")
                         .Help(
                             "1 when this process's latest read of the peer's figures answered, 0 "
                             "when it did not; absent before the first read")
                         .Register(registry);
    m->oldest_overdue_notice_ =
        &prometheus::BuildGauge()
             .Name("cs_assessment_oldest_overdue_notice_seconds")
             .Help(
                 "How long past its reply deadline the most overdue open rectification notice is "
                 "(S1); 0 when none is overdue")
             .Register(registry)
             .Add({});
    m->awaiting_receipt_ = &prometheus::BuildGauge()
                                .Name("cs_assessment_notices_awaiting_receipt")
                                .Help(
                                    "Rectification notices issued and neither acknowledged nor "
                                    "deemed received yet (S1)")
                                .Register(registry)
                                .Add({});
    m->maintenance_awaiting_approval_ =
        &prometheus::BuildGauge()
             .Name("cs_assessment_maintenance_awaiting_approval")
             .Help(
                 "Maintenance work affecting important users, not cancelled and not started, "
                 "without the superior's approval yet (S2, M 5.1.4)")
             .Register(registry)
             .Add({});
    m->scorecard_month_ = &prometheus::BuildGauge()
                               .Name("cs_assessment_scorecard_month")
                               .Help(
                                   "The month cs_assessment_scorecards counts, as YYYYMM (the "
                                   "latest month whose reports are due); 0 before the first sweep")
                               .Register(registry)
                               .Add({});
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("cannot register assessment metrics: ", e.what()));
  }
  ASSIGN_OR_RETURN(m->open_notices_,
                   common::GaugeSeries::Create(
                       registry, "cs_assessment_open_notices",
                       "Rectification notices not closed (every state but verified passed, S1), "
                       "by whether the reply deadline in force has passed without a reply",
                       {"unit", "overdue"}));
  ASSIGN_OR_RETURN(m->scorecards_,
                   common::GaugeSeries::Create(
                       registry, "cs_assessment_scorecards",
                       "Stored scorecards of the latest month whose reports are due, per set, "
                       "complete or incomplete (S5, S6)",
                       {"set", "state"}));

  const std::vector<std::string> sources = PeerSources();
  RETURN_IF_ERROR(common::InitializeCounters(*m->issued_, {"unit"}, {m->unit_ids_}));
  RETURN_IF_ERROR(common::InitializeCounters(*m->deemed_received_, {"unit"}, {m->unit_ids_}));
  RETURN_IF_ERROR(common::InitializeCounters(*m->replies_, {"unit", "outcome"},
                                             {m->unit_ids_, {kOnTime, kLate}}));
  RETURN_IF_ERROR(common::InitializeCounters(*m->verifications_, {"unit", "outcome"},
                                             {m->unit_ids_, {"passed", "failed"}}));
  RETURN_IF_ERROR(common::InitializeCounters(*m->maintenance_filings_, {"unit", "outcome"},
                                             {m->unit_ids_, {kOnTime, kLate, "emergency"}}));
  RETURN_IF_ERROR(common::InitializeCounters(*m->launch_findings_, {"unit"}, {m->unit_ids_}));
  RETURN_IF_ERROR(common::InitializeCounters(*m->scorecards_computed_, {"set", "outcome"},
                                             {m->set_names_, {"complete", "incomplete"}}));
  RETURN_IF_ERROR(common::InitializeCounters(*m->source_reads_, {"source", "outcome"},
                                             {sources, {"ok", "failed"}}));
  try {
    // Empty histograms, so the dashboard's quantiles and rates have series from the start.
    for (const char* outcome : {kOnTime, kLate}) {
      m->reply_working_seconds_->Add({{"outcome", outcome}}, NoticeReplyBuckets());
    }
  } catch (const std::exception& e) {
    return absl::InternalError(
        absl::StrCat("cannot create cs_assessment_notice_reply_working_seconds: ", e.what()));
  }
  m->Snapshot(NoticeSnapshot{});
  // Every set at 0; the month stays 0 until the first scorecard sweep says which month it counts.
  GaugeValues scorecards;
  for (const std::string& set : m->set_names_) {
    scorecards.push_back({{set, "complete"}, 0.0});
    scorecards.push_back({{set, "incomplete"}, 0.0});
  }
  m->scorecards_->SetAll(scorecards);
  return m;
}

void AssessmentMetrics::NoticeIssued(absl::string_view unit_id) {
  issued_->Add({{"unit", std::string(unit_id)}}).Increment();
}

void AssessmentMetrics::NoticeDeemedReceived(absl::string_view unit_id) {
  deemed_received_->Add({{"unit", std::string(unit_id)}}).Increment();
}

void AssessmentMetrics::NoticeReplied(absl::string_view unit_id, bool late,
                                      absl::Duration working_time) {
  const char* outcome = late ? kLate : kOnTime;
  replies_->Add({{"unit", std::string(unit_id)}, {"outcome", outcome}}).Increment();
  reply_working_seconds_->Add({{"outcome", outcome}}, NoticeReplyBuckets())
      .Observe(std::max(0.0, absl::ToDoubleSeconds(working_time)));
}

void AssessmentMetrics::NoticeVerified(absl::string_view unit_id, bool passed) {
  verifications_->Add({{"unit", std::string(unit_id)}, {"outcome", passed ? "passed" : "failed"}})
      .Increment();
}

void AssessmentMetrics::MaintenanceFiled(absl::string_view unit_id,
                                         MaintenanceFilingOutcome outcome) {
  maintenance_filings_
      ->Add({{"unit", std::string(unit_id)}, {"outcome", MaintenanceOutcomeLabel(outcome)}})
      .Increment();
}

void AssessmentMetrics::LaunchFinding(absl::string_view unit_id) {
  launch_findings_->Add({{"unit", std::string(unit_id)}}).Increment();
}

void AssessmentMetrics::Snapshot(const NoticeSnapshot& snapshot) {
  // Every unit of the directory at 0 unless the snapshot says otherwise, then any unit the
  // snapshot names that the directory does not.
  std::map<std::string, std::pair<int64_t, int64_t>> by_unit;  // {overdue, not overdue}
  for (const OpenNoticeCount& count : snapshot.open_notices) {
    by_unit[count.unit_id].first += count.overdue;
    by_unit[count.unit_id].second += count.not_overdue;
  }
  GaugeValues open;
  auto add = [&open](const std::string& unit, std::pair<int64_t, int64_t> counts) {
    open.push_back({{unit, "true"}, static_cast<double>(counts.first)});
    open.push_back({{unit, "false"}, static_cast<double>(counts.second)});
  };
  for (const std::string& unit : unit_ids_) {
    auto it = by_unit.find(unit);
    add(unit, it == by_unit.end() ? std::pair<int64_t, int64_t>{0, 0} : it->second);
    if (it != by_unit.end()) by_unit.erase(it);
  }
  for (const auto& [unit, counts] : by_unit) add(unit, counts);
  open_notices_->SetAll(open);
  oldest_overdue_notice_->Set(std::max(0.0, absl::ToDoubleSeconds(snapshot.oldest_overdue_notice)));
  awaiting_receipt_->Set(static_cast<double>(snapshot.awaiting_receipt));
  maintenance_awaiting_approval_->Set(static_cast<double>(snapshot.maintenance_awaiting_approval));
}

void AssessmentMetrics::ScorecardComputed(absl::string_view set_name, bool complete) {
  scorecards_computed_
      ->Add({{"set", std::string(set_name)}, {"outcome", complete ? "complete" : "incomplete"}})
      .Increment();
}

void AssessmentMetrics::SourceRead(absl::string_view source, bool answered) {
  source_reads_->Add({{"source", std::string(source)}, {"outcome", answered ? "ok" : "failed"}})
      .Increment();
  source_up_->Add({{"source", std::string(source)}}).Set(answered ? 1 : 0);
}

void AssessmentMetrics::Snapshot(const ScorecardSnapshot& snapshot) {
  std::map<std::string, std::pair<int64_t, int64_t>> by_set;  // {complete, incomplete}
  for (const std::string& set : set_names_) by_set[set] = {0, 0};
  for (const ScorecardCount& count : snapshot.scorecards) {
    by_set[count.set_name].first += count.complete;
    by_set[count.set_name].second += count.incomplete;
  }
  GaugeValues scorecards;
  for (const auto& [set, counts] : by_set) {
    scorecards.push_back({{set, "complete"}, static_cast<double>(counts.first)});
    scorecards.push_back({{set, "incomplete"}, static_cast<double>(counts.second)});
  }
  scorecards_->SetAll(scorecards);
  scorecard_month_->Set(static_cast<double>(snapshot.month.year() * 100 + snapshot.month.month()));
}

}  // namespace cs::assessment
