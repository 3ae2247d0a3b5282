// Where the assessment service keeps the computed monthly scorecards (SPEC S5, S6; M 7.17): each
// Scorecard whole — every indicator with its input (figure, source, rpc, read time, note) or why
// it is missing, points and explanations, the missing list, total and summaries — so it can be
// recomputed (InputsOf) and explained indicator by indicator, plus the OFFICE's feedback to the
// unit (M 7.17.1). At most one scorecard per (unit, month, set): the first computation is Save; a
// recomputation replaces it only through Replace. One of the record store interfaces
// (assessment_record_stores.h). Two implementations: MySqlScorecardStore (schema cs_assessment) and
// InMemoryScorecardStore (unit tests of the core only); scorecard_store_contract.h holds both to
// the same behaviour. Implementations are thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_STORE_SCORECARD_STORE_H_
#define CS_SERVICES_ASSESSMENT_STORE_SCORECARD_STORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/assessment/domain/scorecard.h"
#include "services/assessment/store/assessment_record_store_support.h"

namespace cs::assessment {

// The OFFICE's feedback to a unit on its scorecard (M 7.17.1).
struct ScorecardFeedback {
  std::string text;
  std::string by;
  absl::Time at;

  friend bool operator==(const ScorecardFeedback&, const ScorecardFeedback&) = default;
};

struct StoredScorecard {
  Scorecard scorecard;
  // 1 for the first computation; each Replace moves it up by one.
  int64_t revision = 0;
  // The latest feedback; kept across a Replace.
  absl::optional<ScorecardFeedback> feedback;

  friend bool operator==(const StoredScorecard&, const StoredScorecard&) = default;
};

struct ScorecardResult {
  StoredScorecard stored;
  // True when the request_id had been answered before: this is the scorecard as it is now.
  bool replayed = false;
};

class ScorecardStore {
 public:
  virtual ~ScorecardStore() = default;

  // Stores the first computation of (scorecard.unit_id, month, set_name), revision 1.
  // INVALID_ARGUMENT naming unit_id or set_name unless 1..64 characters of UTF-8.
  // FAILED_PRECONDITION naming the unit, month and set when one is stored already (a recomputation
  // is a Replace). Idempotent by request_id: the same fingerprint returns the scorecard as it is
  // now (replayed); another fingerprint, or the id used for another scorecard, INVALID_ARGUMENT
  // naming request_id.
  virtual absl::StatusOr<ScorecardResult> Save(const Scorecard& scorecard,
                                               const RequestKey& key) = 0;

  // The stored scorecard; nullopt when none.
  virtual absl::StatusOr<absl::optional<StoredScorecard>> Get(const std::string& unit_id,
                                                              absl::CivilMonth month,
                                                              const std::string& set_name) = 0;

  // The month's scorecards on `set_name`, by unit id (byte order).
  virtual absl::StatusOr<std::vector<StoredScorecard>> ListForMonth(
      absl::CivilMonth month, const std::string& set_name) = 0;

  // A recomputation: replaces the stored scorecard of (unit, month, set) whole with `scorecard`,
  // revision + 1, the feedback kept. NOT_FOUND naming the unit, month and set when none is stored.
  // Idempotent by request_id as Save.
  virtual absl::StatusOr<ScorecardResult> Replace(const Scorecard& scorecard,
                                                  const RequestKey& key) = 0;

  // Records (replacing any earlier) the OFFICE's feedback on the stored scorecard. NOT_FOUND as
  // Replace. Idempotent by request_id as Save.
  virtual absl::StatusOr<ScorecardResult> RecordFeedback(
      const std::string& unit_id, absl::CivilMonth month, const std::string& set_name,
      const std::string& feedback, const std::string& by, absl::Time at, const RequestKey& key) = 0;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_STORE_SCORECARD_STORE_H_
