// Where the hotline registry keeps the units' monthly operating report submissions (SPEC H6,
// A2 7.7) and the standard-phrase scores of calls (SPEC H8, A2 7.9, 7.10.1): one of the registry's
// four store interfaces (see hotline_store.h). The reports themselves are computed by the core from
// call counts and phrase use; the store keeps who submitted when, which reports are due, and which
// were counted as missed. Two implementations: MySqlReportStore (schema cs_hotline_registry) and
// InMemoryReportStore (unit tests of the core only); report_store_contract.h holds both to the same
// behaviour. Implementations are thread-safe.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_STORE_REPORT_STORE_H_
#define CS_SERVICES_HOTLINE_REGISTRY_STORE_REPORT_STORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/time/deadline.h"
#include "services/hotline-registry/domain/operating_report.h"
#include "services/hotline-registry/domain/phrase_score.h"
#include "services/hotline-registry/store/request_key.h"

namespace cs::hotline {

// What the store knows of one hotline's report of one month.
struct ReportRecord {
  int64_t hotline_id = 0;
  std::string month;  // "YYYY-MM"
  // When it is due (ExpectReports, Submit); unset when nobody said.
  absl::optional<common::Deadline> due;
  absl::optional<ReportSubmission> submission;
  // ClaimMissedReports counted it as missed (a later submission does not undo that).
  bool miss_counted = false;
};

struct SubmitReportResult {
  ReportSubmission submission;
  // True when the request_id had been answered before: this is that submission, nothing changed.
  bool replayed = false;
};

// A report whose due time passed without a submission, claimed by the late sweep.
struct MissedReport {
  int64_t hotline_id = 0;
  std::string month;
  common::Deadline due;
};

class ReportStore {
 public:
  virtual ~ReportStore() = default;

  // --- H6 operating reports -------------------------------------------------------------------
  // Registers the report of `month` of each hotline as due at `due`, so ClaimMissedReports can find
  // it. A report the store knows already keeps its due if it has one (the first due wins), and
  // gets `due` if it has none. Harmless to repeat.
  virtual absl::Status ExpectReports(const std::string& month,
                                     const std::vector<int64_t>& hotline_ids,
                                     const common::Deadline& due) = 0;

  // Records `submission` (its on_time as the core decided against `due`), and `due` if the report
  // had none. FAILED_PRECONDITION naming the hotline and month when it was submitted before (under
  // another request_id). A repeated request_id with the same fingerprint returns the first
  // submission (replayed); with another, INVALID_ARGUMENT naming request_id.
  virtual absl::StatusOr<SubmitReportResult> Submit(const ReportSubmission& submission,
                                                    const common::Deadline& due,
                                                    const RequestKey& key) = 0;

  // What is known of the report (nothing known: only hotline_id and month set).
  virtual absl::StatusOr<ReportRecord> GetReport(int64_t hotline_id, const std::string& month) = 0;

  // Every report of `month` the store knows (expected, submitted or counted), in hotline id order.
  virtual absl::StatusOr<std::vector<ReportRecord>> ListReports(const std::string& month) = 0;

  // The late sweep: claims up to `limit` (>= 1) reports whose due time is before `now`, not
  // submitted and not yet counted, marks each counted and returns them, earliest due first — each
  // exactly once across replicas (SELECT … FOR UPDATE SKIP LOCKED).
  virtual absl::StatusOr<std::vector<MissedReport>> ClaimMissedReports(absl::Time now,
                                                                       int limit) = 0;

  // --- H8 phrase scores -----------------------------------------------------------------------
  // Stores the score of (score.hotline_id, score.call_id), replacing an earlier score of the call
  // whole — except its Mandarin review, which stays when `score.mandarin` is unset (the review
  // judges the recording, not the transcript that was scored again). Returns the score as stored.
  // INVALID_ARGUMENT naming "call_id" when it is not 1..64 printable ASCII.
  virtual absl::StatusOr<PhraseScore> SaveScore(const PhraseScore& score) = 0;

  // NOT_FOUND naming the call when it was never scored.
  virtual absl::StatusOr<PhraseScore> GetScore(int64_t hotline_id, const std::string& call_id) = 0;

  // A2 7.9: records (replaces) the reviewer's mark on a scored call. NOT_FOUND when never scored.
  virtual absl::StatusOr<PhraseScore> SetMandarinReview(int64_t hotline_id,
                                                        const std::string& call_id,
                                                        const MandarinReview& review) = 0;

  // A2 7.10.1: the hotline's calls scored in `month` (by scored_at, local months in `zone`) and how
  // many of them used every required phrase (used == required). INVALID_ARGUMENT naming "month"
  // when it is not YYYY-MM.
  virtual absl::StatusOr<PhraseUse> MonthPhraseUse(int64_t hotline_id, const std::string& month,
                                                   const absl::TimeZone& zone) = 0;
};

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_STORE_REPORT_STORE_H_
