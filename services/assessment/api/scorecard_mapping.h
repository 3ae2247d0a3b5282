// Conversions between the scorecard messages of cs.assessment.v1 (S5, S6; M 7.17) and the scorecard
// core's values. Reading a request checks the shape of what it names — month "YYYY-MM", set a name
// of 1..64 characters (empty: "monthly"), feedback text — and collects every problem as
// INVALID_ARGUMENT naming the request's field; whether the unit and the set exist, and whether
// the month may be scored, is the core's to judge. Writing copies every field: points and totals,
// kept in hundredths in the domain, become the proto's doubles; the explanation is the domain's
// Chinese and English lines joined in one line. Pure functions; thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_API_SCORECARD_MAPPING_H_
#define CS_SERVICES_ASSESSMENT_API_SCORECARD_MAPPING_H_

#include <cstdint>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "cs/assessment/v1/assessment.pb.h"
#include "services/assessment/core/scorecard_core.h"
#include "services/assessment/domain/scorecard.h"
#include "services/assessment/store/scorecard_store.h"

namespace cs::assessment {

// --- wire -> core -------------------------------------------------------------------------------

// The scorecard a request names, as the core takes it (strings; an empty set stays empty and
// means "monthly").
struct ScorecardRequest {
  std::string unit_id;
  std::string month;
  std::string set;
};

// unit_id (at most 64 characters; an empty one is the core's to refuse or fill in), month and set.
absl::StatusOr<ScorecardRequest> FromProto(const v1::ComputeScorecardRequest& request);
absl::StatusOr<ScorecardRequest> FromProto(const v1::GetScorecardRequest& request);
// unit_id empty.
absl::StatusOr<ScorecardRequest> FromProto(const v1::GetScorecardSummaryRequest& request);

struct FeedbackRequest {
  ScorecardRequest scorecard;
  std::string feedback;
};
// As above, and feedback required (at most ScorecardCore::kMaxFeedbackChars characters).
absl::StatusOr<FeedbackRequest> FromProto(const v1::RecordFeedbackRequest& request);

// --- core -> wire -------------------------------------------------------------------------------

// Hundredths of a point as the proto's points: 765 -> 7.65.
double PointsFromHundredths(int64_t hundredths);

// The instant a scorecard was gathered (the proto's computed_at): the latest read_at of its
// inputs and tried_at of its missing inputs; nullopt when it has none with a finite time.
absl::optional<absl::Time> GatheredAt(const Scorecard& scorecard);

v1::IndicatorInput ToProto(const IndicatorInput& input);
// input and points only with an input; missing ("<source>: <error>") only without.
v1::IndicatorScore ToProto(const ScoredIndicator& indicator);
// total only when complete; computed_at as GatheredAt; the feedback when recorded.
v1::Scorecard ToProto(const StoredScorecard& stored);
// The stored scorecards in the summary's order (ranked, then incomplete).
v1::ScorecardSummary ToProto(const ScorecardSummaryResult& result);

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_API_SCORECARD_MAPPING_H_
