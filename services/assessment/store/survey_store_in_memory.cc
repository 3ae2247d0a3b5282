#include "services/assessment/store/survey_store_in_memory.h"

#include <algorithm>
#include <utility>

#include "common/db/printable_id.h"
#include "common/status/status_macros.h"

namespace cs::assessment {

InMemorySurveyStore::InMemorySurveyStore() : surveys_(SurveyRules()) {}

absl::StatusOr<RecordSurveyResult> InMemorySurveyStore::Record(SurveySummary survey,
                                                               const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  RETURN_IF_ERROR(CheckUnitId(survey.unit_id));
  ASSIGN_OR_RETURN(auto recorded, surveys_.Create(std::move(survey), key, kRecordSurveyScope));
  return RecordSurveyResult{std::move(recorded.first), recorded.second};
}

absl::StatusOr<SurveyPage> InMemorySurveyStore::List(const std::string& unit_id, int64_t after_id,
                                                     int page_size) {
  ASSIGN_OR_RETURN(auto page,
                   surveys_.List([&](const SurveySummary& s) { return s.unit_id == unit_id; },
                                 after_id, page_size));
  return SurveyPage{std::move(page.first), page.second};
}

absl::StatusOr<std::vector<SurveySummary>> InMemorySurveyStore::ListForMonth(
    const std::string& unit_id, absl::CivilDay from, absl::CivilDay until) {
  std::vector<SurveySummary> listed = surveys_.Select([&](const SurveySummary& s) {
    return s.unit_id == unit_id && s.period_end >= from && s.period_end < until;
  });
  std::stable_sort(
      listed.begin(), listed.end(),
      [](const SurveySummary& a, const SurveySummary& b) { return a.period_end < b.period_end; });
  return listed;
}

}  // namespace cs::assessment
