// What the assessment service's scorecard core (scorecard_core.h; SPEC S5, S6; M 7.17) needs from
// the outside world: the figures owned by the five other services, read over gRPC with deadlines
// and the service's SERVICE token (api/peer_figure_reader.h implements PeerFigureReader), and an
// observer for the metrics (api/assessment_metrics.h, prefix cs_assessment_). Implementations must
// be thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_CORE_SCORECARD_PORTS_H_
#define CS_SERVICES_ASSESSMENT_CORE_SCORECARD_PORTS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "services/assessment/domain/indicator_definitions.h"
#include "services/assessment/domain/scorecard.h"

namespace cs::assessment {

class PeerFigureReader {
 public:
  virtual ~PeerFigureReader() = default;
  // Reads `unit_id`'s figures of `month` for every indicator of `indicators` whose source is
  // another service (SourceService(definition.source) != kSourceAssessment; the assessment's own
  // indicators are skipped), from the service that owns each: exactly one IndicatorInput or one
  // MissingInput per such indicator, in the order given. A peer that does not answer in time, or
  // answers with an error, gives a MissingInput for each of its indicators (source, rpc, tried_at
  // and the error as "CODE: message") — never a zero. Each peer is asked at most once per call
  // (one RPC per figure kind it owns), the peers concurrently. Never fails as a whole.
  virtual ScorecardInputs Read(const std::string& unit_id, absl::CivilMonth month,
                               absl::Span<const IndicatorDefinition> indicators) = 0;
};

// scorecards{set,state="complete|incomplete"}: the stored scorecards of the latest month whose
// reports are due, per set.
struct ScorecardCount {
  std::string set_name;
  int64_t complete = 0;
  int64_t incomplete = 0;
};

// What the scorecard sweep saw; replaces the previous snapshot whole.
struct ScorecardSnapshot {
  // The month the counts are of ("YYYY-MM" as a CivilMonth).
  absl::CivilMonth month;
  std::vector<ScorecardCount> scorecards;
};

class ScorecardObserver {
 public:
  virtual ~ScorecardObserver() = default;
  // scorecards_computed_total{set,outcome="complete|incomplete"}: a scorecard computed and stored
  // (first computation or recomputation), once per computation.
  virtual void ScorecardComputed(absl::string_view set_name, bool complete) = 0;
  // source_reads_total{source,outcome="ok|failed"} and source_up{source} (1 after a read that
  // answered, 0 after one that did not): once per peer asked in a gathering, `source` one of the
  // kSource… names of indicator_definitions.h.
  virtual void SourceRead(absl::string_view source, bool answered) = 0;
  // The picture of the latest sweep.
  virtual void Snapshot(const ScorecardSnapshot& snapshot) = 0;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_CORE_SCORECARD_PORTS_H_
