// ScorecardStore kept in process memory, for the fast unit tests of the assessment core only
// (never in a deployed process). One mutex guards everything. Thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_STORE_SCORECARD_STORE_IN_MEMORY_H_
#define CS_SERVICES_ASSESSMENT_STORE_SCORECARD_STORE_IN_MEMORY_H_

#include <functional>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "services/assessment/store/assessment_in_memory_table.h"
#include "services/assessment/store/scorecard_store.h"

namespace cs::assessment {

class InMemoryScorecardStore final : public ScorecardStore {
 public:
  absl::StatusOr<ScorecardResult> Save(const Scorecard& scorecard, const RequestKey& key) override;
  absl::StatusOr<absl::optional<StoredScorecard>> Get(const std::string& unit_id,
                                                      absl::CivilMonth month,
                                                      const std::string& set_name) override;
  absl::StatusOr<std::vector<StoredScorecard>> ListForMonth(absl::CivilMonth month,
                                                            const std::string& set_name) override;
  absl::StatusOr<ScorecardResult> Replace(const Scorecard& scorecard,
                                          const RequestKey& key) override;
  absl::StatusOr<ScorecardResult> RecordFeedback(const std::string& unit_id, absl::CivilMonth month,
                                                 const std::string& set_name,
                                                 const std::string& feedback, const std::string& by,
                                                 absl::Time at, const RequestKey& key) override;

 private:
  using CardKey = std::tuple<std::string, std::string, std::string>;  // month, set, unit
  // The shape of every keyed write of the scorecard of (unit, month, set): checks the key, unit and
  // set; replays a repeated key (INVALID_ARGUMENT naming request_id for another fingerprint or
  // another scorecard); else `write` makes the scorecard to store from the stored one (`nullptr`
  // when none), which is stored with the key when it succeeds.
  absl::StatusOr<ScorecardResult> KeyedWrite(
      absl::string_view scope, const RequestKey& key, const std::string& unit_id,
      absl::CivilMonth month, const std::string& set_name,
      const std::function<absl::StatusOr<StoredScorecard>(const StoredScorecard* stored)>& write);

  absl::Mutex mutex_;
  std::map<CardKey, StoredScorecard> cards_ ABSL_GUARDED_BY(mutex_);
  in_memory_internal::AnsweredKeys<std::string> keys_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_STORE_SCORECARD_STORE_IN_MEMORY_H_
