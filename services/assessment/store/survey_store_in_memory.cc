#include "services/assessment/store/survey_store_in_memory.h"

#include <algorithm>
#include <utility>

#include "common/db/printable_id.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"

namespace cs::assessment {

absl::StatusOr<RecordSurveyResult> InMemorySurveyStore::Record(SurveySummary survey,
                                                               const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  RETURN_IF_ERROR(CheckUnitId(survey.unit_id));
  absl::MutexLock lock(&mutex_);
  auto known = keys_.find(key.request_id);
  if (known != keys_.end()) {
    if (known->second.fingerprint != key.fingerprint) {
      return common::RequestIdReused(
          "was already used for a different request; use a new request_id");
    }
    return RecordSurveyResult{surveys_.at(known->second.id), true};
  }
  survey.id = next_id_++;
  surveys_[survey.id] = survey;
  keys_[key.request_id] = {key.fingerprint, survey.id};
  return RecordSurveyResult{std::move(survey), false};
}

absl::StatusOr<SurveyPage> InMemorySurveyStore::List(const std::string& unit_id, int64_t after_id,
                                                     int page_size) {
  RETURN_IF_ERROR(CheckPageSize(page_size));
  absl::MutexLock lock(&mutex_);
  SurveyPage page;
  for (auto it = surveys_.upper_bound(after_id); it != surveys_.end(); ++it) {
    if (it->second.unit_id != unit_id) continue;
    if (static_cast<int>(page.surveys.size()) == page_size) {
      page.next_after_id = page.surveys.back().id;
      break;
    }
    page.surveys.push_back(it->second);
  }
  return page;
}

absl::StatusOr<std::vector<SurveySummary>> InMemorySurveyStore::ListForMonth(
    const std::string& unit_id, absl::CivilDay from, absl::CivilDay until) {
  absl::MutexLock lock(&mutex_);
  std::vector<SurveySummary> listed;
  for (const auto& [id, survey] : surveys_) {
    if (survey.unit_id == unit_id && survey.period_end >= from && survey.period_end < until) {
      listed.push_back(survey);
    }
  }
  std::stable_sort(
      listed.begin(), listed.end(),
      [](const SurveySummary& a, const SurveySummary& b) { return a.period_end < b.period_end; });
  return listed;
}

}  // namespace cs::assessment
