#include "services/assessment/api/scorecard_mapping.h"

#include <cmath>
#include <limits>

#include "absl/strings/str_cat.h"
#include "common/api/proto_time.h"
#include "common/status/field_violations.h"
#include "common/status/text_checks.h"
#include "common/time/report_month.h"

namespace cs::assessment {
namespace {

using common::FieldViolations;

// The longest unit id and set name the service keeps (their key columns).
constexpr int kMaxNameChars = 64;

void CheckMonth(const std::string& month, FieldViolations& violations) {
  if (month.empty()) {
    violations.Add("month", "is required: the month scored, \"YYYY-MM\"");
    return;
  }
  absl::StatusOr<absl::CivilMonth> parsed = common::ParseMonth(month, "month");
  if (parsed.ok()) return;
  std::vector<common::FieldViolation> named = common::ViolationsOf(parsed.status());
  if (named.empty()) violations.Add("month", std::string(parsed.status().message()));
  for (common::FieldViolation& v : named) violations.Add(v.field, v.description);
}

ScorecardRequest Read(const std::string& unit_id, const std::string& month, const std::string& set,
                      FieldViolations& violations) {
  common::CheckText(unit_id, "unit_id", kMaxNameChars, common::TextShape::kOneLine, violations);
  CheckMonth(month, violations);
  common::CheckText(set, "set", kMaxNameChars, common::TextShape::kOneLine, violations);
  return ScorecardRequest{unit_id, month, set};
}

absl::StatusOr<ScorecardRequest> Checked(ScorecardRequest request,
                                         const FieldViolations& violations) {
  if (!violations.empty()) return violations.ToStatus("invalid scorecard request");
  return request;
}

}  // namespace

// --- wire -> core -------------------------------------------------------------------------------

absl::StatusOr<ScorecardRequest> FromProto(const v1::ComputeScorecardRequest& request) {
  FieldViolations violations;
  ScorecardRequest read = Read(request.unit_id(), request.month(), request.set(), violations);
  return Checked(std::move(read), violations);
}

absl::StatusOr<ScorecardRequest> FromProto(const v1::GetScorecardRequest& request) {
  FieldViolations violations;
  ScorecardRequest read = Read(request.unit_id(), request.month(), request.set(), violations);
  return Checked(std::move(read), violations);
}

absl::StatusOr<ScorecardRequest> FromProto(const v1::GetScorecardSummaryRequest& request) {
  FieldViolations violations;
  ScorecardRequest read = Read("", request.month(), request.set(), violations);
  return Checked(std::move(read), violations);
}

absl::StatusOr<FeedbackRequest> FromProto(const v1::RecordFeedbackRequest& request) {
  FieldViolations violations;
  FeedbackRequest read;
  read.scorecard = Read(request.unit_id(), request.month(), request.set(), violations);
  read.feedback = request.feedback();
  if (common::IsBlankText(read.feedback)) {
    violations.Add("feedback", "is required: the office's feedback to the unit (M 7.17.1)");
  } else {
    common::CheckText(read.feedback, "feedback", ScorecardCore::kMaxFeedbackChars,
                      common::TextShape::kMultiLine, violations);
  }
  if (!violations.empty()) return violations.ToStatus("invalid feedback request");
  return read;
}

// --- core -> wire -------------------------------------------------------------------------------

double PointsFromHundredths(int64_t hundredths) { return static_cast<double>(hundredths) / 100.0; }

absl::optional<absl::Time> GatheredAt(const Scorecard& scorecard) {
  absl::optional<absl::Time> latest;
  auto consider = [&latest](absl::Time t) {
    if (t == absl::InfinitePast() || t == absl::InfiniteFuture()) return;
    if (!latest.has_value() || t > *latest) latest = t;
  };
  for (const ScoredIndicator& indicator : scorecard.indicators) {
    if (indicator.input.has_value()) consider(indicator.input->read_at);
    if (indicator.missing.has_value()) consider(indicator.missing->tried_at);
  }
  return latest;
}

v1::IndicatorInput ToProto(const IndicatorInput& input) {
  v1::IndicatorInput out;
  out.set_indicator(input.indicator_id);
  out.set_source(input.source);
  out.set_method(input.rpc);
  if (input.read_at != absl::InfinitePast() && input.read_at != absl::InfiniteFuture()) {
    *out.mutable_read_at() = common::ToProtoTimestamp(input.read_at);
  }
  out.set_numerator(input.numerator);
  out.set_denominator(input.denominator);
  out.set_findings(input.findings);
  out.set_note(input.note);
  return out;
}

v1::IndicatorScore ToProto(const ScoredIndicator& indicator) {
  v1::IndicatorScore out;
  out.set_indicator(indicator.indicator_id);
  out.set_name(indicator.name);
  out.set_clause(indicator.clause);
  out.set_weight(indicator.weight);
  if (indicator.input.has_value()) *out.mutable_input() = ToProto(*indicator.input);
  if (indicator.points_hundredths.has_value()) {
    out.set_points(PointsFromHundredths(*indicator.points_hundredths));
  }
  out.set_explanation(absl::StrCat(indicator.explanation, " / ", indicator.explanation_en));
  if (indicator.missing.has_value()) {
    out.set_missing(absl::StrCat(indicator.missing->source, ": ", indicator.missing->error));
  }
  return out;
}

v1::Scorecard ToProto(const StoredScorecard& stored) {
  const Scorecard& card = stored.scorecard;
  v1::Scorecard out;
  out.set_unit_id(card.unit_id);
  out.set_month(common::FormatMonth(card.month));
  out.set_set(card.set_name);
  out.set_title(card.set_title);
  for (const ScoredIndicator& indicator : card.indicators) {
    *out.add_indicators() = ToProto(indicator);
  }
  out.set_complete(card.complete);
  out.set_revision(stored.revision);
  if (card.complete && card.total_hundredths.has_value()) {
    out.set_total(PointsFromHundredths(*card.total_hundredths));
  }
  for (const MissingIndicator& missing : card.missing) {
    out.add_missing_indicators(missing.indicator_id);
  }
  common::SetOptionalTimestamp(GatheredAt(card), [&out] { return out.mutable_computed_at(); });
  if (stored.feedback.has_value()) {
    out.set_feedback(stored.feedback->text);
    out.set_feedback_by(stored.feedback->by);
    *out.mutable_feedback_at() = common::ToProtoTimestamp(stored.feedback->at);
  }
  return out;
}

v1::ScorecardSummary ToProto(const ScorecardSummaryResult& result) {
  v1::ScorecardSummary out;
  out.set_month(common::FormatMonth(result.summary.month));
  out.set_set(result.summary.set_name);
  for (const StoredScorecard& stored : result.scorecards) *out.add_scorecards() = ToProto(stored);
  return out;
}

}  // namespace cs::assessment
