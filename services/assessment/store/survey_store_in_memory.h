// SurveyStore kept in process memory, for the fast unit tests of the assessment core only (never in
// a deployed process). One mutex guards everything. Thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_STORE_SURVEY_STORE_IN_MEMORY_H_
#define CS_SERVICES_ASSESSMENT_STORE_SURVEY_STORE_IN_MEMORY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "services/assessment/store/assessment_in_memory_table.h"
#include "services/assessment/store/survey_store.h"

namespace cs::assessment {

class InMemorySurveyStore final : public SurveyStore {
 public:
  InMemorySurveyStore();

  absl::StatusOr<RecordSurveyResult> Record(SurveySummary survey, const RequestKey& key) override;
  absl::StatusOr<SurveyPage> List(const std::string& unit_id, int64_t after_id,
                                  int page_size) override;
  absl::StatusOr<std::vector<SurveySummary>> ListForMonth(const std::string& unit_id,
                                                          absl::CivilDay from,
                                                          absl::CivilDay until) override;

 private:
  in_memory_internal::InMemoryTable<SurveySummary> surveys_;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_STORE_SURVEY_STORE_IN_MEMORY_H_
