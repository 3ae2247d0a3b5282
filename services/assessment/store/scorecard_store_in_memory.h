// ScorecardStore kept in process memory, for the fast unit tests of the assessment core only
// (never in a deployed process). One mutex guards everything. Thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_STORE_SCORECARD_STORE_IN_MEMORY_H_
#define CS_SERVICES_ASSESSMENT_STORE_SCORECARD_STORE_IN_MEMORY_H_

#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
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
  struct StoredKey {
    std::string fingerprint;
    std::string response;  // ScorecardResponse
  };
  // A keyed write's common start: nullopt when the key is new (the caller goes on); the scorecard
  // as it is now when replayed; INVALID_ARGUMENT naming request_id on a mismatch.
  absl::StatusOr<absl::optional<ScorecardResult>> Replay(const std::string& scope,
                                                         const RequestKey& key,
                                                         const std::string& response,
                                                         const CardKey& card)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  absl::Mutex mutex_;
  std::map<CardKey, StoredScorecard> cards_ ABSL_GUARDED_BY(mutex_);
  std::map<std::pair<std::string, std::string>, StoredKey> keys_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_STORE_SCORECARD_STORE_IN_MEMORY_H_
