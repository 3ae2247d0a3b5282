// A satisfaction survey summary (SPEC S4; M 7.14): a unit asks the users of its own interface about
// service quality by phone, email or web and keeps the results (测量记录由经营单位自行保管); the
// service records the summary the unit enters — method, period surveyed, sample size, score on the
// survey's scale — for the scorecard's satisfaction indicator (ScorePercent). Plain values and
// pure functions; thread-safe. Ids "SV-<n>" are the store's.
#ifndef CS_SERVICES_ASSESSMENT_DOMAIN_SURVEY_H_
#define CS_SERVICES_ASSESSMENT_DOMAIN_SURVEY_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/status/field_violations.h"

namespace cs::assessment {

enum class SurveyMethod {
  kUnspecified = 0,
  kPhone = 1,  // 电话
  kEmail = 2,  // 邮件
  kWeb = 3,    // 网上调查
};

struct SurveySummary {
  int64_t id = 0;  // shown as "SV-<id>"
  std::string unit_id;
  SurveyMethod method = SurveyMethod::kUnspecified;
  absl::CivilDay period_start;  // first local day surveyed
  absl::CivilDay period_end;    // last local day surveyed (inclusive)
  int64_t sample_size = 0;      // answers counted, > 0
  double score = 0;             // 0..scale
  double scale = 0;             // the top of the survey's scale (5, 10, 100), > 0
  std::string note;
  std::string recorded_by;
  absl::Time recorded_at;

  friend bool operator==(const SurveySummary&, const SurveySummary&) = default;
};

absl::string_view SurveyMethodName(SurveyMethod method);

// Every problem, each under `prefix`: unit_id required; method PHONE, EMAIL or WEB; period_end not
// before period_start, and not after the local day of `now` (a survey is recorded once done);
// sample_size > 0; scale finite and > 0; score finite and within 0..scale; note well-formed.
common::FieldViolations ValidateSurvey(const SurveySummary& survey, absl::Time now,
                                       absl::TimeZone zone, absl::string_view prefix = "survey");

// The summary recorded: recorded_by/at set, id 0. INVALID_ARGUMENT naming every bad field.
absl::StatusOr<SurveySummary> RecordSurvey(SurveySummary survey, absl::string_view actor,
                                           absl::Time now, absl::TimeZone zone);

// The score as a percent of the scale (0..100): 4.2 of 5 -> 84. 0 for a scale <= 0 (never valid).
double ScorePercent(const SurveySummary& survey);

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_DOMAIN_SURVEY_H_
