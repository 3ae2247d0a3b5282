#include "services/assessment/domain/scorecard.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "common/status/error_reason.h"
#include "common/status/field_violations.h"
#include "common/status/quoted_value.h"
#include "common/time/report_month.h"

namespace cs::assessment {
namespace {

constexpr absl::string_view kNoInputGathered = "no input was gathered";

// 760 → "760", 4.3 → "4.3", 1e20 → "1e+20".
std::string FormatNumber(double value) {
  if (std::isfinite(value) && value == std::trunc(value) && std::fabs(value) < 1e15) {
    return absl::StrCat(static_cast<int64_t>(value));
  }
  return absl::StrCat(value);
}

std::string Quoted(absl::string_view text) { return common::QuotedValue(text); }

std::string FormatInstant(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", t, absl::UTCTimeZone());
}

// Where an indicator's input was found among the gathered ones.
struct Found {
  const IndicatorInput* input = nullptr;
  int input_index = -1;
  const MissingInput* missing = nullptr;
  int missing_index = -1;
};

void CheckSet(const IndicatorSetDefinition& set, absl::Span<const IndicatorDefinition> indicators,
              common::FieldViolations& violations) {
  if (set.indicators.empty()) {
    violations.Add("set.indicators", absl::StrCat("is required: the indicators of set ",
                                                  Quoted(set.name), " with their weights"));
    return;
  }
  absl::flat_hash_map<std::string, int> seen;
  int64_t total = 0;
  bool weights_valid = true;
  for (size_t j = 0; j < set.indicators.size(); ++j) {
    const WeightedIndicator& entry = set.indicators[j];
    const std::string field = absl::StrCat("set.indicators[", j, "]");
    int definitions = 0;
    for (const IndicatorDefinition& definition : indicators) {
      if (definition.id == entry.indicator_id) ++definitions;
    }
    if (definitions == 0) {
      violations.Add(absl::StrCat(field, ".indicator_id"),
                     absl::StrCat(Quoted(entry.indicator_id), " is no defined indicator"));
    } else if (definitions > 1) {
      violations.Add(absl::StrCat(field, ".indicator_id"),
                     absl::StrCat(Quoted(entry.indicator_id), " is defined ", definitions,
                                  " times among the indicators"));
    } else if (auto [it, inserted] = seen.emplace(entry.indicator_id, j); !inserted) {
      violations.Add(
          absl::StrCat(field, ".indicator_id"),
          absl::StrCat(Quoted(entry.indicator_id), " is already set.indicators[", it->second, "]"));
    }
    if (entry.weight <= 0) {
      violations.Add(absl::StrCat(field, ".weight"),
                     absl::StrCat(entry.weight, " must be above 0: the indicator's points"));
      weights_valid = false;
    }
    total += entry.weight;
  }
  if (weights_valid && total != kSetWeightTotalPoints) {
    violations.Add("set.indicators",
                   absl::StrCat("the weights of set ", Quoted(set.name), " add up to ", total,
                                "; they must add up to ", kSetWeightTotalPoints));
  }
  for (size_t k = 0; k < indicators.size(); ++k) {
    const IndicatorDefinition& definition = indicators[k];
    if (!seen.contains(definition.id)) continue;
    const bool percent = definition.rule == ScoringRule::kPercentOfTarget;
    const double value =
        percent ? definition.target_percent : definition.deduction_percent_per_finding;
    if (!(value > 0 && value <= 100)) {
      violations.Add(absl::StrCat("indicators[", k, "].",
                                  percent ? "target_percent" : "deduction_percent_per_finding"),
                     absl::StrCat(FormatNumber(value), " of indicator ", Quoted(definition.id),
                                  " must be above 0 and at most 100 (a percent)"));
    }
  }
}

// A figure of a percent rule: finite and not negative.
void CheckPercentPart(double value, const std::string& field, const IndicatorDefinition& definition,
                      common::FieldViolations& violations) {
  if (!std::isfinite(value) || value < 0) {
    violations.Add(
        field, absl::StrCat(FormatNumber(value), " is out of range for indicator ",
                            Quoted(definition.id), ": a count or score, finite and not negative"));
  }
}

void CheckInput(const IndicatorInput& input, int i, const IndicatorDefinition& definition,
                common::FieldViolations& violations) {
  const std::string field = absl::StrCat("inputs[", i, "]");
  const absl::string_view service = SourceService(definition.source);
  if (input.source != service) {
    violations.Add(absl::StrCat(field, ".source"),
                   absl::StrCat(Quoted(input.source), " is not the source of indicator ",
                                Quoted(definition.id), ", ", Quoted(service), " is"));
  }
  if (definition.rule == ScoringRule::kPercentOfTarget) {
    CheckPercentPart(input.numerator, absl::StrCat(field, ".numerator"), definition, violations);
    CheckPercentPart(input.denominator, absl::StrCat(field, ".denominator"), definition,
                     violations);
    if (std::isfinite(input.numerator) && std::isfinite(input.denominator) &&
        input.numerator > input.denominator) {
      violations.Add(
          absl::StrCat(field, ".numerator"),
          absl::StrCat(FormatNumber(input.numerator), " is above the denominator ",
                       FormatNumber(input.denominator), " for indicator ", Quoted(definition.id)));
    }
    if (input.findings != 0) {
      violations.Add(absl::StrCat(field, ".findings"),
                     absl::StrCat("must be 0: indicator ", Quoted(definition.id),
                                  " is scored PERCENT_OF_TARGET on numerator and denominator"));
    }
  } else {
    if (input.findings < 0) {
      violations.Add(absl::StrCat(field, ".findings"),
                     absl::StrCat(input.findings, " is negative for indicator ",
                                  Quoted(definition.id), ": a count of findings"));
    }
    if (input.numerator != 0 || input.denominator != 0) {
      violations.Add(absl::StrCat(field, input.numerator != 0 ? ".numerator" : ".denominator"),
                     absl::StrCat("must be 0: indicator ", Quoted(definition.id),
                                  " is scored DEDUCTION_PER_FINDING on its count of findings"));
    }
  }
}

void CheckMissing(const MissingInput& missing, int j, const IndicatorDefinition& definition,
                  common::FieldViolations& violations) {
  const absl::string_view service = SourceService(definition.source);
  if (missing.source != service) {
    violations.Add(absl::StrCat("missing[", j, "].source"),
                   absl::StrCat(Quoted(missing.source), " is not the source of indicator ",
                                Quoted(definition.id), ", ", Quoted(service), " is"));
  }
}

int64_t FullPoints(int weight) { return int64_t{weight} * 100; }

// Scores `scored` (weight, rule and target set) from `input`.
void Score(const IndicatorDefinition& definition, const IndicatorInput& input,
           ScoredIndicator& scored) {
  const int64_t full = FullPoints(scored.weight);
  const std::string weight = absl::StrCat(scored.weight);
  int64_t points = full;
  if (definition.rule == ScoringRule::kPercentOfTarget) {
    const double target = definition.target_percent;
    if (input.denominator == 0) {
      scored.nothing_to_count = true;
      scored.points_hundredths = full;
      const std::string earned = FormatPoints(full);
      scored.explanation = absl::StrCat(definition.name, "：本月无可计项（0/0），无一未达标：得 ",
                                        earned, "/", weight, " 分");
      scored.explanation_en = absl::StrCat(
          definition.name_en, ": nothing to count this month (0 of 0), nothing failed: ", earned,
          " of ", weight, " points");
      return;
    }
    const double figure = input.numerator / input.denominator * 100;
    scored.figure_percent = figure;
    if (input.numerator * 100 < target * input.denominator) {
      points = std::llround(static_cast<double>(full) * input.numerator * 100 /
                            (input.denominator * target));
    }
    points = std::clamp<int64_t>(points, 0, full);
    scored.points_hundredths = points;
    const std::string earned = FormatPoints(points);
    const std::string shown = absl::StrFormat("%.1f", figure);
    scored.explanation =
        absl::StrCat(definition.name, " ", shown, "%（", FormatNumber(input.numerator), "/",
                     FormatNumber(input.denominator), "，目标 ", FormatNumber(target), "%）：得 ",
                     earned, "/", weight, " 分");
    scored.explanation_en =
        absl::StrCat(definition.name_en, " ", shown, "% (", FormatNumber(input.numerator), " of ",
                     FormatNumber(input.denominator), ", target ", FormatNumber(target),
                     "%): ", earned, " of ", weight, " points");
    return;
  }
  const double deduction = definition.deduction_percent_per_finding;
  const double kept =
      static_cast<double>(scored.weight) * (100 - static_cast<double>(input.findings) * deduction);
  points = std::clamp<int64_t>(kept <= 0 ? 0 : std::llround(kept), 0, full);
  scored.points_hundredths = points;
  const std::string earned = FormatPoints(points);
  scored.explanation = absl::StrCat(definition.name, "：", input.findings, " 项问题，每项扣权重的 ",
                                    FormatNumber(deduction), "%：得 ", earned, "/", weight, " 分");
  scored.explanation_en = absl::StrCat(
      definition.name_en, ": ", input.findings, input.findings == 1 ? " finding" : " findings",
      ", ", FormatNumber(deduction), "% of the weight each: ", earned, " of ", weight, " points");
}

}  // namespace

std::string FormatPoints(int64_t hundredths) {
  const bool negative = hundredths < 0;
  const uint64_t magnitude =
      negative ? 0 - static_cast<uint64_t>(hundredths) : static_cast<uint64_t>(hundredths);
  const uint64_t whole = magnitude / 100;
  const uint64_t cents = magnitude % 100;
  std::string fraction =
      cents % 10 == 0 ? absl::StrCat(cents / 10) : absl::StrFormat("%02d", cents);
  return absl::StrCat(negative ? "-" : "", whole, ".", fraction);
}

absl::StatusOr<Scorecard> ComputeScorecard(absl::string_view unit_id, absl::CivilMonth month,
                                           const IndicatorSetDefinition& set,
                                           absl::Span<const IndicatorDefinition> indicators,
                                           const ScorecardInputs& gathered) {
  common::FieldViolations violations;
  if (unit_id.empty()) violations.Add("unit_id", "is required: the unit scored");
  CheckSet(set, indicators, violations);

  // Every gathered indicator id once, among inputs and missing inputs together.
  absl::flat_hash_map<std::string, Found> found;
  absl::flat_hash_map<std::string, std::string> first_field;
  auto claim = [&](const std::string& id, const std::string& field) {
    if (id.empty()) {
      violations.Add(absl::StrCat(field, ".indicator_id"), "is required: the indicator's id");
      return false;
    }
    if (auto [it, inserted] = first_field.emplace(id, field); !inserted) {
      violations.Add(absl::StrCat(field, ".indicator_id"),
                     absl::StrCat(Quoted(id), " is already given at ", it->second));
      return false;
    }
    return true;
  };
  for (size_t i = 0; i < gathered.inputs.size(); ++i) {
    const IndicatorInput& input = gathered.inputs[i];
    if (claim(input.indicator_id, absl::StrCat("inputs[", i, "]"))) {
      found[input.indicator_id] = Found{&input, static_cast<int>(i), nullptr, -1};
    }
  }
  for (size_t j = 0; j < gathered.missing.size(); ++j) {
    const MissingInput& missing = gathered.missing[j];
    if (claim(missing.indicator_id, absl::StrCat("missing[", j, "]"))) {
      found[missing.indicator_id] = Found{nullptr, -1, &missing, static_cast<int>(j)};
    }
  }
  // The figures of the set's indicators (others are not this set's business).
  for (const WeightedIndicator& entry : set.indicators) {
    const IndicatorDefinition* definition = FindIndicatorDefinition(indicators, entry.indicator_id);
    auto it = found.find(entry.indicator_id);
    if (definition == nullptr || it == found.end()) continue;
    if (it->second.input != nullptr) {
      CheckInput(*it->second.input, it->second.input_index, *definition, violations);
    } else {
      CheckMissing(*it->second.missing, it->second.missing_index, *definition, violations);
    }
  }
  if (!violations.empty()) {
    return violations.ToStatus(absl::StrCat("cannot compute the scorecard of unit ",
                                            Quoted(unit_id), " for ", common::FormatMonth(month),
                                            " on set ", Quoted(set.name)));
  }

  Scorecard card;
  card.unit_id = std::string(unit_id);
  card.month = month;
  card.set_name = set.name;
  card.set_title = set.title;
  int64_t total = 0;
  for (const WeightedIndicator& entry : set.indicators) {
    const IndicatorDefinition& definition =
        *FindIndicatorDefinition(indicators, entry.indicator_id);
    ScoredIndicator scored;
    scored.indicator_id = definition.id;
    scored.name = definition.name;
    scored.name_en = definition.name_en;
    scored.clause = definition.clause;
    scored.source = std::string(SourceService(definition.source));
    scored.rule = definition.rule;
    scored.weight = entry.weight;
    scored.target_percent = definition.target_percent;
    scored.deduction_percent_per_finding = definition.deduction_percent_per_finding;
    auto it = found.find(definition.id);
    if (it != found.end() && it->second.input != nullptr) {
      scored.input = *it->second.input;
      Score(definition, *scored.input, scored);
      total += *scored.points_hundredths;
    } else {
      if (it != found.end()) {
        scored.missing = *it->second.missing;
      } else {
        scored.missing = MissingInput{definition.id, scored.source, "", absl::InfinitePast(),
                                      std::string(kNoInputGathered)};
      }
      const std::string weight = absl::StrCat(scored.weight);
      scored.explanation =
          absl::StrCat(definition.name, "：缺少数据，", scored.source, " 未应答（",
                       scored.missing->error, "）：本项不计分，无总分（满分 ", weight, " 分）");
      scored.explanation_en = absl::StrCat(definition.name_en, ": no figure, ", scored.source,
                                           " did not answer (", scored.missing->error,
                                           "): not scored, no total (worth ", weight, " points)");
      card.missing.push_back(MissingIndicator{definition.id, definition.name, definition.name_en,
                                              scored.source, scored.missing->error});
    }
    card.indicators.push_back(std::move(scored));
  }
  card.complete = card.missing.empty();
  const std::string head = absl::StrCat(common::FormatMonth(month), " ", card.unit_id);
  if (card.complete) {
    card.total_hundredths = total;
    card.summary = absl::StrCat(set.title, " ", head, "：总分 ", FormatPoints(total), "/",
                                kSetWeightTotalPoints);
    card.summary_en = absl::StrCat(set.name, " ", head, ": total ", FormatPoints(total), " of ",
                                   kSetWeightTotalPoints);
  } else {
    std::vector<std::string> names;
    std::vector<std::string> names_en;
    for (const MissingIndicator& missing : card.missing) {
      names.push_back(absl::StrCat(missing.name, "（", missing.source, "）"));
      names_en.push_back(absl::StrCat(missing.name_en, " (", missing.source, ")"));
    }
    card.summary = absl::StrCat(set.title, " ", head, "：不完整，缺少 ", card.missing.size(),
                                " 项指标（", absl::StrJoin(names, "、"), "），无总分");
    card.summary_en = absl::StrCat(set.name, " ", head, ": incomplete, ", card.missing.size(),
                                   card.missing.size() == 1 ? " indicator" : " indicators",
                                   " missing (", absl::StrJoin(names_en, ", "), "), no total");
  }
  return card;
}

ScorecardInputs InputsOf(const Scorecard& scorecard) {
  ScorecardInputs inputs;
  for (const ScoredIndicator& scored : scorecard.indicators) {
    if (scored.input.has_value()) inputs.inputs.push_back(*scored.input);
    if (scored.missing.has_value()) inputs.missing.push_back(*scored.missing);
  }
  return inputs;
}

absl::Status MayComputeScorecard(absl::CivilMonth month, absl::Time now,
                                 absl::Time last_report_due) {
  if (now >= last_report_due) return absl::OkStatus();
  return common::WithReason(absl::FailedPreconditionError(absl::StrCat(
                                "month: the scorecard of ", common::FormatMonth(month),
                                " is computed only once the month's last report is due, at ",
                                FormatInstant(last_report_due), "; it is ", FormatInstant(now))),
                            common::reason::kStateForbidsChange);
}

absl::StatusOr<common::Deadline> LastReportDue(
    const common::WorkingCalendar& calendar, absl::CivilMonth month,
    absl::Span<const int> monthly_report_due_working_days) {
  if (monthly_report_due_working_days.empty()) {
    return common::InvalidField("monthly_report_due_working_day",
                                "is required: the working day of the next month each report "
                                "the scorecard reads is due");
  }
  absl::optional<common::Deadline> latest;
  for (int day : monthly_report_due_working_days) {
    absl::StatusOr<common::Deadline> due = common::MonthlyReportDue(calendar, month, day);
    if (!due.ok()) return due.status();
    if (!latest.has_value() || due->at > latest->at) latest = *std::move(due);
  }
  return *latest;
}

absl::StatusOr<ScorecardSummary> SummarizeScorecards(absl::CivilMonth month,
                                                     const IndicatorSetDefinition& set,
                                                     absl::Span<const Scorecard> scorecards) {
  common::FieldViolations violations;
  absl::flat_hash_map<std::string, size_t> units;
  for (size_t i = 0; i < scorecards.size(); ++i) {
    const Scorecard& card = scorecards[i];
    const std::string field = absl::StrCat("scorecards[", i, "]");
    if (card.month != month) {
      violations.Add(absl::StrCat(field, ".month"),
                     absl::StrCat(common::FormatMonth(card.month), " is not the month summarised, ",
                                  common::FormatMonth(month)));
    }
    if (card.set_name != set.name) {
      violations.Add(
          absl::StrCat(field, ".set_name"),
          absl::StrCat(Quoted(card.set_name), " is not the set summarised, ", Quoted(set.name)));
    }
    if (auto [it, inserted] = units.emplace(card.unit_id, i); !inserted) {
      violations.Add(
          absl::StrCat(field, ".unit_id"),
          absl::StrCat(Quoted(card.unit_id), " is already scorecards[", it->second, "]"));
    }
    if (card.complete != card.total_hundredths.has_value()) {
      violations.Add(absl::StrCat(field, ".total_hundredths"),
                     card.complete ? "is required: the scorecard is complete"
                                   : "must be absent: the scorecard is incomplete");
    }
  }
  if (!violations.empty()) {
    return violations.ToStatus(absl::StrCat("cannot summarise the scorecards of ",
                                            common::FormatMonth(month), " on set ",
                                            Quoted(set.name)));
  }

  ScorecardSummary summary;
  summary.month = month;
  summary.set_name = set.name;
  summary.set_title = set.title;
  for (const Scorecard& card : scorecards) {
    UnitResult result;
    result.unit_id = card.unit_id;
    result.complete = card.complete;
    result.total_hundredths = card.total_hundredths;
    result.missing = card.missing;
    (card.complete ? summary.ranked : summary.incomplete).push_back(std::move(result));
  }
  std::sort(summary.ranked.begin(), summary.ranked.end(),
            [](const UnitResult& a, const UnitResult& b) {
              if (*a.total_hundredths != *b.total_hundredths) {
                return *a.total_hundredths > *b.total_hundredths;
              }
              return a.unit_id < b.unit_id;
            });
  for (size_t i = 0; i < summary.ranked.size(); ++i) {
    const bool tied =
        i > 0 && *summary.ranked[i].total_hundredths == *summary.ranked[i - 1].total_hundredths;
    summary.ranked[i].rank = tied ? summary.ranked[i - 1].rank : static_cast<int>(i) + 1;
  }
  std::sort(summary.incomplete.begin(), summary.incomplete.end(),
            [](const UnitResult& a, const UnitResult& b) { return a.unit_id < b.unit_id; });
  return summary;
}

}  // namespace cs::assessment
