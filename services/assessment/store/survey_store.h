// Where the assessment service keeps the units' satisfaction survey summaries (SPEC S4; M 7.14):
// one of its record store interfaces (assessment_record_stores.h bundles them). The store keeps
// each summary as the domain recorded it (survey.h RecordSurvey) and owns its id ("SV-<n>"); it
// runs no business rule. Two implementations: MySqlSurveyStore (schema cs_assessment) and
// InMemorySurveyStore (unit tests of the core only); survey_store_contract.h holds both to the same
// behaviour. Implementations are thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_STORE_SURVEY_STORE_H_
#define CS_SERVICES_ASSESSMENT_STORE_SURVEY_STORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/assessment/domain/survey.h"
#include "services/assessment/store/assessment_record_store_support.h"

namespace cs::assessment {

struct RecordSurveyResult {
  SurveySummary survey;
  // True when the request_id had been answered before: this is that survey, nothing was added.
  bool replayed = false;
};

struct SurveyPage {
  // In id order.
  std::vector<SurveySummary> surveys;
  // 0 when there is no further page; otherwise pass as `after_id`.
  int64_t next_after_id = 0;
};

class SurveyStore {
 public:
  virtual ~SurveyStore() = default;

  // Stores `survey` as given, assigning its id (survey.id is ignored). INVALID_ARGUMENT naming
  // unit_id unless 1..64 characters of UTF-8. A repeated request_id with the same fingerprint
  // returns the first survey (replayed); with another fingerprint INVALID_ARGUMENT naming
  // request_id, as for a request_id that is not 1..64 printable ASCII. UNAVAILABLE when the
  // database is unreachable (nothing stored).
  virtual absl::StatusOr<RecordSurveyResult> Record(SurveySummary survey,
                                                    const RequestKey& key) = 0;

  // The surveys of `unit_id` with id > after_id (0: from the first), at most page_size (>= 1, else
  // INVALID_ARGUMENT naming page_size), in id order.
  virtual absl::StatusOr<SurveyPage> List(const std::string& unit_id, int64_t after_id,
                                          int page_size) = 0;

  // The surveys of `unit_id` whose period_end is in [from, until) — the days of a month for its
  // scorecard — by period_end, then id.
  virtual absl::StatusOr<std::vector<SurveySummary>> ListForMonth(const std::string& unit_id,
                                                                  absl::CivilDay from,
                                                                  absl::CivilDay until) = 0;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_STORE_SURVEY_STORE_H_
