#include "services/assessment/config/indicators_file.h"

#include <cstdint>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/config/config_file.h"

namespace cs::assessment {
namespace {

using cs::config::v1::AssessmentIndicators;
using cs::config::v1::Indicator;
using cs::config::v1::IndicatorSet;
using cs::config::v1::IndicatorSource;
using cs::config::v1::ScoringRule;

// "abc", "abc_2", "hotline_connection_rate": a lower-case letter first, then lower-case letters and
// digits in words joined by single underscores.
bool IsLowerSnake(absl::string_view s) {
  if (s.empty() || !absl::ascii_islower(static_cast<unsigned char>(s.front())) || s.back() == '_') {
    return false;
  }
  char previous = 0;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '_') {
      if (previous == '_') return false;
    } else if (!absl::ascii_islower(u) && !absl::ascii_isdigit(u)) {
      return false;
    }
    previous = c;
  }
  return true;
}

// "7", "7.4.1": digits separated by single dots.
bool IsClauseNumber(absl::string_view s) {
  if (s.empty()) return false;
  for (absl::string_view part : absl::StrSplit(s, '.')) {
    if (part.empty()) return false;
    for (char c : part) {
      if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
    }
  }
  return true;
}

// "M 7.13", "A2 7.10.1", "M 7.15, 7.16": the main text (M) or an annex (A1 to A9), a space, and
// clause numbers separated by ", ".
bool IsClause(absl::string_view s) {
  const size_t space = s.find(' ');
  if (space == absl::string_view::npos) return false;
  const absl::string_view part = s.substr(0, space);
  const bool part_ok =
      part == "M" || (part.size() == 2 && part[0] == 'A' && part[1] >= '1' && part[1] <= '9');
  if (!part_ok) return false;
  for (absl::string_view number : absl::StrSplit(s.substr(space + 1), ", ")) {
    if (!IsClauseNumber(number)) return false;
  }
  return true;
}

std::string RuleName(ScoringRule rule) { return cs::config::v1::ScoringRule_Name(rule); }

// The rule whose figure `source` gives.
ScoringRule RuleFor(IndicatorSource source) {
  return IsFindingCount(source) ? cs::config::v1::SCORING_RULE_DEDUCTION_PER_FINDING
                                : cs::config::v1::SCORING_RULE_PERCENT_OF_TARGET;
}

// A target of a rule: above 0, at most 100 (NaN is neither).
void CheckPercentRange(double value, const std::string& field,
                       common::FieldViolations& violations) {
  if (!(value > 0 && value <= 100)) {
    violations.Add(field, "must be above 0 and at most 100 (a percent)");
  }
}

void CheckIndicator(const Indicator& indicator, const std::string& field,
                    common::FieldViolations& violations) {
  if (indicator.name().empty()) {
    violations.Add(absl::StrCat(field, ".name"), "is required: the indicator's name in Chinese");
  }
  if (indicator.name_en().empty()) {
    violations.Add(absl::StrCat(field, ".name_en"), "is required: the indicator's name in English");
  }
  if (indicator.clause().empty()) {
    violations.Add(absl::StrCat(field, ".clause"),
                   "is required: the regulation's clause, e.g. \"A2 7.5\"");
  } else if (!IsClause(indicator.clause())) {
    violations.Add(absl::StrCat(field, ".clause"),
                   absl::StrCat("\"", indicator.clause(),
                                "\" is not a clause: M or A1 to A9, a space and clause numbers "
                                "separated by \", \", e.g. \"A2 7.5\" or \"M 7.15, 7.16\""));
  }

  const IndicatorSource source = indicator.source();
  const bool source_known = source != cs::config::v1::INDICATOR_SOURCE_UNSPECIFIED &&
                            cs::config::v1::IndicatorSource_IsValid(source);
  if (source == cs::config::v1::INDICATOR_SOURCE_UNSPECIFIED) {
    violations.Add(
        absl::StrCat(field, ".source"),
        "is required: the owning service's figure, e.g. INDICATOR_SOURCE_HOTLINE_CONNECTION_RATE");
  } else if (!source_known) {
    violations.Add(absl::StrCat(field, ".source"),
                   absl::StrCat(static_cast<int>(source), " is not a known IndicatorSource"));
  }

  const ScoringRule rule = indicator.rule();
  const bool rule_known =
      rule != cs::config::v1::SCORING_RULE_UNSPECIFIED && cs::config::v1::ScoringRule_IsValid(rule);
  if (rule == cs::config::v1::SCORING_RULE_UNSPECIFIED) {
    violations.Add(absl::StrCat(field, ".rule"),
                   "is required: SCORING_RULE_PERCENT_OF_TARGET or "
                   "SCORING_RULE_DEDUCTION_PER_FINDING");
  } else if (!rule_known) {
    violations.Add(absl::StrCat(field, ".rule"),
                   absl::StrCat(static_cast<int>(rule), " is not a known ScoringRule"));
  } else if (source_known && rule != RuleFor(source)) {
    violations.Add(absl::StrCat(field, ".rule"),
                   absl::StrCat(RuleName(rule), " does not fit source ",
                                cs::config::v1::IndicatorSource_Name(source), ", whose figure is ",
                                IsFindingCount(source) ? "a count of findings" : "a percent",
                                ": use ", RuleName(RuleFor(source))));
  }

  if (rule == cs::config::v1::SCORING_RULE_PERCENT_OF_TARGET) {
    if (indicator.has_deduction_percent_per_finding()) {
      violations.Add(absl::StrCat(field, ".deduction_percent_per_finding"),
                     "is for SCORING_RULE_DEDUCTION_PER_FINDING; this rule takes target_percent");
    } else if (!indicator.has_target_percent()) {
      violations.Add(absl::StrCat(field, ".target_percent"),
                     "is required for SCORING_RULE_PERCENT_OF_TARGET: the percent at or above "
                     "which the indicator earns its full weight");
    } else {
      const std::string target = absl::StrCat(field, ".target_percent");
      CheckPercentRange(indicator.target_percent(), target, violations);
      if (source == cs::config::v1::INDICATOR_SOURCE_HOTLINE_CONNECTION_RATE &&
          indicator.target_percent() < kLeastConnectionRateTargetPercent) {
        violations.Add(target, absl::StrCat("may not be below ", kLeastConnectionRateTargetPercent,
                                            " (A2 7.5: 接通率应达到80%)"));
      }
    }
  } else if (rule == cs::config::v1::SCORING_RULE_DEDUCTION_PER_FINDING) {
    if (indicator.has_target_percent()) {
      violations.Add(absl::StrCat(field, ".target_percent"),
                     "is for SCORING_RULE_PERCENT_OF_TARGET; this rule takes "
                     "deduction_percent_per_finding");
    } else if (!indicator.has_deduction_percent_per_finding()) {
      violations.Add(absl::StrCat(field, ".deduction_percent_per_finding"),
                     "is required for SCORING_RULE_DEDUCTION_PER_FINDING: the percent of the "
                     "weight each finding takes off");
    } else {
      CheckPercentRange(indicator.deduction_percent_per_finding(),
                        absl::StrCat(field, ".deduction_percent_per_finding"), violations);
    }
  }
}

void CheckSet(const IndicatorSet& set, const std::string& field,
              const absl::flat_hash_map<std::string, int>& indicator_ids,
              common::FieldViolations& violations) {
  if (set.title().empty()) {
    violations.Add(absl::StrCat(field, ".title"), "is required: the title on the scorecard");
  }
  if (set.indicators().empty()) {
    violations.Add(absl::StrCat(field, ".indicators"),
                   absl::StrCat("is required: the indicators of set \"", set.name(),
                                "\" with weights adding up to ", kSetWeightTotalPoints));
    return;
  }
  absl::flat_hash_map<std::string, int> seen;
  int64_t total = 0;
  bool weights_valid = true;
  for (int j = 0; j < set.indicators_size(); ++j) {
    const auto& entry = set.indicators(j);
    const std::string item = absl::StrCat(field, ".indicators[", j, "]");
    if (entry.indicator().empty()) {
      violations.Add(absl::StrCat(item, ".indicator"), "is required: an indicator id of this file");
    } else if (!indicator_ids.contains(entry.indicator())) {
      violations.Add(absl::StrCat(item, ".indicator"),
                     absl::StrCat("\"", entry.indicator(), "\" is no indicator of this file"));
    } else if (auto [it, inserted] = seen.emplace(entry.indicator(), j); !inserted) {
      violations.Add(absl::StrCat(item, ".indicator"),
                     absl::StrCat("\"", entry.indicator(), "\" is already in set \"", set.name(),
                                  "\" (", field, ".indicators[", it->second, "])"));
    }
    if (entry.weight() <= 0) {
      violations.Add(absl::StrCat(item, ".weight"),
                     "must be above 0: the indicator's points in the set");
      weights_valid = false;
    }
    total += entry.weight();
  }
  if (weights_valid && total != kSetWeightTotalPoints) {
    violations.Add(field, absl::StrCat("the weights of set \"", set.name(), "\" add up to ", total,
                                       "; they must add up to ", kSetWeightTotalPoints));
  }
}

}  // namespace

bool IsFindingCount(cs::config::v1::IndicatorSource source) {
  switch (source) {
    case cs::config::v1::INDICATOR_SOURCE_RECTIFICATION_ON_TIME:
    case cs::config::v1::INDICATOR_SOURCE_MAINTENANCE_NOTICE_ON_TIME:
    case cs::config::v1::INDICATOR_SOURCE_LAUNCH_REVIEWED:
    case cs::config::v1::INDICATOR_SOURCE_PARTNER_FINDINGS:
      return true;
    default:
      return false;
  }
}

common::FieldViolations ValidateAssessmentIndicators(const AssessmentIndicators& file) {
  common::FieldViolations violations;
  if (file.indicators().empty()) {
    violations.Add("indicators", "is required: at least one indicator");
  }
  absl::flat_hash_map<std::string, int> ids;
  for (int i = 0; i < file.indicators_size(); ++i) {
    const Indicator& indicator = file.indicators(i);
    const std::string field = absl::StrCat("indicators[", i, "]");
    if (indicator.id().empty()) {
      violations.Add(absl::StrCat(field, ".id"),
                     "is required: a lower_snake_case id, e.g. \"hotline_connection_rate\"");
    } else if (!IsLowerSnake(indicator.id())) {
      violations.Add(absl::StrCat(field, ".id"),
                     absl::StrCat("\"", indicator.id(),
                                  "\" is not lower_snake_case (a-z first, then a-z, 0-9 and single "
                                  "underscores)"));
    } else if (auto [it, inserted] = ids.emplace(indicator.id(), i); !inserted) {
      violations.Add(absl::StrCat(field, ".id"),
                     absl::StrCat("\"", indicator.id(), "\" is already the id of indicators[",
                                  it->second, "]"));
    }
    CheckIndicator(indicator, field, violations);
  }

  absl::flat_hash_map<std::string, int> set_names;
  for (int k = 0; k < file.sets_size(); ++k) {
    const IndicatorSet& set = file.sets(k);
    const std::string field = absl::StrCat("sets[", k, "]");
    if (set.name().empty()) {
      violations.Add(absl::StrCat(field, ".name"),
                     absl::StrCat("is required: \"", kMonthlySetName,
                                  "\" or a lower_snake_case name of a special assessment"));
    } else if (!IsLowerSnake(set.name())) {
      violations.Add(absl::StrCat(field, ".name"),
                     absl::StrCat("\"", set.name(), "\" is not lower_snake_case"));
    } else if (auto [it, inserted] = set_names.emplace(set.name(), k); !inserted) {
      violations.Add(
          absl::StrCat(field, ".name"),
          absl::StrCat("\"", set.name(), "\" is already the name of sets[", it->second, "]"));
    }
    CheckSet(set, field, ids, violations);
  }
  if (!set_names.contains(kMonthlySetName)) {
    violations.Add("sets", absl::StrCat("is required: a set named \"", kMonthlySetName,
                                        "\", the monthly scorecard of every unit (S5, M 7.17.1)"));
  }
  return violations;
}

absl::StatusOr<AssessmentIndicators> LoadAssessmentIndicators(const std::string& path) {
  return common::config::LoadConfigFile<AssessmentIndicators>(path, &ValidateAssessmentIndicators);
}

const IndicatorSet* FindIndicatorSet(const AssessmentIndicators& file, absl::string_view name) {
  for (const IndicatorSet& set : file.sets()) {
    if (set.name() == name) return &set;
  }
  return nullptr;
}

const Indicator* FindIndicator(const AssessmentIndicators& file, absl::string_view id) {
  for (const Indicator& indicator : file.indicators()) {
    if (indicator.id() == id) return &indicator;
  }
  return nullptr;
}

}  // namespace cs::assessment
