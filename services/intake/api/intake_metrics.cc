#include "services/intake/api/intake_metrics.h"

#include <utility>

#include "common/status/status_macros.h"

namespace cs::intake {
namespace {

std::string BoolLabel(bool value) { return value ? "true" : "false"; }

}  // namespace

absl::StatusOr<std::unique_ptr<IntakeSlaMetrics>> IntakeSlaMetrics::Create(
    prometheus::Registry& registry, const common::UnitDirectory& units) {
  ASSIGN_OR_RETURN(
      common::WorkingSecondsHistogram confirmation_time,
      common::WorkingSecondsHistogram::Create(
          registry, "cs_intake_receipt_confirmation_working_seconds",
          "Working time on the calendar from intake (or return) to the designated unit's confirmed "
          "receipt (SPEC I5: at most 1 working hour)",
          {"unit", "special_request"}));
  ASSIGN_OR_RETURN(common::DeadlineCounter deadlines,
                   common::DeadlineCounter::Create(
                       registry, "cs_intake_receipt_deadlines_total",
                       "Receipt-confirmation deadlines met or missed (SPEC I5), counted once each",
                       {"unit", "special_request"}));
  // A ticket's unit is any unit of the directory (the first-contact unit that took it).
  std::vector<std::string> unit_ids;
  for (const common::UnitInfo& unit : units.units()) unit_ids.push_back(unit.id);
  RETURN_IF_ERROR(deadlines.InitializeSeries({unit_ids, {BoolLabel(true), BoolLabel(false)}}));
  ASSIGN_OR_RETURN(std::unique_ptr<common::GaugeSeries> awaiting,
                   common::GaugeSeries::Create(
                       registry, "cs_intake_tickets_awaiting_confirmation",
                       "Tickets whose receipt is not yet confirmed (SPEC I4), by stage and whether "
                       "their deadline has passed",
                       {"unit", "stage", "deadline_passed"}));
  return std::unique_ptr<IntakeSlaMetrics>(new IntakeSlaMetrics(
      std::move(confirmation_time), std::move(deadlines), std::move(awaiting)));
}

void IntakeSlaMetrics::ReceiptConfirmed(absl::string_view unit_id, bool special_request,
                                        absl::Duration working_time, bool deadline_met,
                                        bool count_deadline) {
  const std::vector<std::string> labels = {std::string(unit_id), BoolLabel(special_request)};
  confirmation_time_.Observe(working_time, labels);
  if (count_deadline) deadlines_.Record(deadline_met, labels);
}

void IntakeSlaMetrics::ConfirmationMissed(absl::string_view unit_id, bool special_request) {
  deadlines_.Missed({std::string(unit_id), BoolLabel(special_request)});
}

void IntakeSlaMetrics::AwaitingConfirmation(const std::vector<AwaitingConfirmationCount>& counts) {
  std::vector<std::pair<std::vector<std::string>, double>> snapshot;
  for (const AwaitingConfirmationCount& count : counts) {
    snapshot.push_back({{count.unit_id, count.forwarding ? "forwarding" : "with_unit",
                         BoolLabel(count.deadline_passed)},
                        static_cast<double>(count.count)});
  }
  awaiting_->SetAll(snapshot);
}

}  // namespace cs::intake
