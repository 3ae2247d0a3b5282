// S4 (M 7.14): satisfaction survey summaries and their score as a percent.
#include "services/assessment/domain/survey.h"

#include <string>
#include <vector>

#include "common/status/field_violations.h"
#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::assessment {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::ShanghaiTime;
using ::testing::UnorderedElementsAre;

SurveySummary Valid() {
  SurveySummary survey;
  survey.unit_id = "broadband";
  survey.method = SurveyMethod::kPhone;
  survey.period_start = absl::CivilDay(2026, 10, 1);
  survey.period_end = absl::CivilDay(2026, 10, 31);
  survey.sample_size = 200;
  survey.score = 4.2;
  survey.scale = 5;
  return survey;
}

TEST(SurveyTest, S4_AValidSurveyIsRecordedWithItsPercent) {
  absl::StatusOr<SurveySummary> survey = RecordSurvey(
      Valid(), "bb-staff", ShanghaiTime(2026, 11, 2, 9, 0), common::testing::ShanghaiTimeZone());
  ASSERT_THAT(survey.status(), IsOk());
  EXPECT_EQ(survey->recorded_by, "bb-staff");
  EXPECT_DOUBLE_EQ(ScorePercent(*survey), 84.0);
  SurveySummary full = Valid();
  full.score = 5;
  EXPECT_DOUBLE_EQ(ScorePercent(full), 100.0);
  full.score = 0;
  EXPECT_DOUBLE_EQ(ScorePercent(full), 0.0);
}

TEST(SurveyTest, S4_ValidationNamesEveryBadField) {
  SurveySummary survey;
  survey.method = static_cast<SurveyMethod>(9);
  survey.period_start = absl::CivilDay(2026, 10, 31);
  survey.period_end = absl::CivilDay(2026, 10, 1);
  survey.sample_size = 0;
  survey.score = -1;
  survey.scale = 0;
  const common::FieldViolations violations =
      ValidateSurvey(survey, ShanghaiTime(2026, 11, 2, 9, 0), common::testing::ShanghaiTimeZone());
  std::vector<std::string> fields;
  for (const common::FieldViolation& v : violations.violations()) fields.push_back(v.field);
  EXPECT_THAT(fields, UnorderedElementsAre("survey.unit_id", "survey.method", "survey.period_end",
                                           "survey.sample_size", "survey.scale", "survey.score"));
  SurveySummary over = Valid();
  over.score = 5.5;
  over.period_end = absl::CivilDay(2026, 11, 3);  // after today
  const common::FieldViolations more =
      ValidateSurvey(over, ShanghaiTime(2026, 11, 2, 9, 0), common::testing::ShanghaiTimeZone());
  fields.clear();
  for (const common::FieldViolation& v : more.violations()) fields.push_back(v.field);
  EXPECT_THAT(fields, UnorderedElementsAre("survey.period_end", "survey.score"));
}

}  // namespace
}  // namespace cs::assessment
