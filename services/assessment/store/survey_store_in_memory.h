// SurveyStore kept in process memory, for the fast unit tests of the assessment core only (never in
// a deployed process). One mutex guards everything. Thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_STORE_SURVEY_STORE_IN_MEMORY_H_
#define CS_SERVICES_ASSESSMENT_STORE_SURVEY_STORE_IN_MEMORY_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "services/assessment/store/survey_store.h"

namespace cs::assessment {

class InMemorySurveyStore final : public SurveyStore {
 public:
  absl::StatusOr<RecordSurveyResult> Record(SurveySummary survey, const RequestKey& key) override;
  absl::StatusOr<SurveyPage> List(const std::string& unit_id, int64_t after_id,
                                  int page_size) override;
  absl::StatusOr<std::vector<SurveySummary>> ListForMonth(const std::string& unit_id,
                                                          absl::CivilDay from,
                                                          absl::CivilDay until) override;

 private:
  struct StoredKey {
    std::string fingerprint;
    int64_t id = 0;
  };

  absl::Mutex mutex_;
  std::map<int64_t, SurveySummary> surveys_ ABSL_GUARDED_BY(mutex_);
  absl::flat_hash_map<std::string, StoredKey> keys_ ABSL_GUARDED_BY(mutex_);
  int64_t next_id_ ABSL_GUARDED_BY(mutex_) = 1;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_STORE_SURVEY_STORE_IN_MEMORY_H_
