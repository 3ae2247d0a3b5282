#include "services/assessment/domain/survey.h"

#include <cmath>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status/text_checks.h"
#include "services/assessment/domain/records.h"

namespace cs::assessment {

absl::string_view SurveyMethodName(SurveyMethod method) {
  switch (method) {
    case SurveyMethod::kPhone:
      return "PHONE";
    case SurveyMethod::kEmail:
      return "EMAIL";
    case SurveyMethod::kWeb:
      return "WEB";
    case SurveyMethod::kUnspecified:
      break;
  }
  return "UNSPECIFIED";
}

common::FieldViolations ValidateSurvey(const SurveySummary& survey, absl::Time now,
                                       absl::TimeZone zone, absl::string_view prefix) {
  using internal::Path;
  common::FieldViolations violations;
  internal::RequiredText(survey.unit_id, Path(prefix, "unit_id"), FieldLimits::kName,
                         common::TextShape::kOneLine, violations);
  if (survey.method == SurveyMethod::kUnspecified) {
    violations.Add(Path(prefix, "method"), "is required: PHONE, EMAIL or WEB (M 7.14)");
  } else if (survey.method != SurveyMethod::kPhone && survey.method != SurveyMethod::kEmail &&
             survey.method != SurveyMethod::kWeb) {
    violations.Add(Path(prefix, "method"), "must be PHONE, EMAIL or WEB (M 7.14)");
  }
  const absl::CivilDay today = absl::ToCivilDay(now, zone);
  if (survey.period_end < survey.period_start) {
    violations.Add(Path(prefix, "period_end"),
                   absl::StrCat("must not be before period_start (",
                                absl::FormatCivilTime(survey.period_start), "), not ",
                                absl::FormatCivilTime(survey.period_end)));
  } else if (survey.period_end > today) {
    violations.Add(Path(prefix, "period_end"),
                   absl::StrCat("must not be after today (", absl::FormatCivilTime(today),
                                "): record a survey once it is done"));
  }
  if (survey.sample_size < 1) {
    violations.Add(Path(prefix, "sample_size"),
                   absl::StrCat("must be at least 1, not ", survey.sample_size));
  }
  const bool scale_ok = std::isfinite(survey.scale) && survey.scale > 0;
  if (!scale_ok) {
    violations.Add(Path(prefix, "scale"),
                   absl::StrCat("must be above 0 (e.g. 5, 10 or 100), not ", survey.scale));
  }
  if (!std::isfinite(survey.score) || survey.score < 0 ||
      (scale_ok && survey.score > survey.scale)) {
    violations.Add(Path(prefix, "score"),
                   absl::StrCat("must be within 0 and the scale",
                                scale_ok ? absl::StrCat(" (", survey.scale, ")") : "", ", not ",
                                survey.score));
  }
  common::CheckText(survey.note, Path(prefix, "note"), FieldLimits::kText,
                    common::TextShape::kMultiLine, violations);
  return violations;
}

absl::StatusOr<SurveySummary> RecordSurvey(SurveySummary survey, absl::string_view actor,
                                           absl::Time now, absl::TimeZone zone) {
  const common::FieldViolations violations = ValidateSurvey(survey, now, zone);
  if (!violations.empty()) return violations.ToStatus("invalid survey summary");
  survey.id = 0;
  survey.recorded_by = std::string(actor);
  survey.recorded_at = now;
  return survey;
}

double ScorePercent(const SurveySummary& survey) {
  if (!(survey.scale > 0)) return 0;
  return survey.score * 100.0 / survey.scale;
}

}  // namespace cs::assessment
