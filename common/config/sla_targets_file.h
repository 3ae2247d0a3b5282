// The SLA targets data file (cs.config.v1.SlaTargets, text format): every figure the services
// enforce. Figures the seed fixes (SPEC "Numbers the seed gives") are defaults that may only be
// made stricter — a file that loosens one (a 2-hour forward, a 1-year retention) is refused with
// its line. Figures the seed leaves open have documented defaults. Thread-compatible; loaded once
// at start.
#ifndef CS_COMMON_CONFIG_SLA_TARGETS_FILE_H_
#define CS_COMMON_CONFIG_SLA_TARGETS_FILE_H_

#include <string>

#include "absl/status/statusor.h"
#include "common/status/field_violations.h"
#include "common/time/deadline.h"
#include "cs/common/v1/common.pb.h"
#include "cs/config/v1/sla_targets.pb.h"

namespace cs::common::config {

// `targets` with every unset field given its default:
//   forward_confirmation 1 working hour (A5 6.3); special_request_confirmation 15 wall minutes;
//   internal_dispatch_handling: consultation 2, complaint 5, fault report 1 working days (A5 6.4
//   gives none); telecom_escalation_acknowledgement 1 working day; overdue_reminder_interval 4
//   working hours; rectification 5 working days (M 7.13); planned_work_notice 72 wall hours
//   (M 7.6); old_number_transfer 3 months (A2 7.2); archive_retention 2 years (A1 7.3.1);
//   channel_fault_repair 24 wall hours (A3 7.1 gives none); monthly_report_due_working_day 5;
//   hotline_connection_rate_percent 80 (A2 7.5).
cs::config::v1::SlaTargets WithDefaults(cs::config::v1::SlaTargets targets);

// Every problem of a (defaulted) targets message: malformed periods, and the seed's figures
// loosened.
FieldViolations ValidateSlaTargets(const cs::config::v1::SlaTargets& targets);

// Reads `path`, applies the defaults and validates. NOT_FOUND / INVALID_ARGUMENT naming file, line
// and field.
absl::StatusOr<cs::config::v1::SlaTargets> LoadSlaTargets(const std::string& path);

// The handling period for a ticket kind (A5 6.4). NOT_FOUND when the kind has none.
absl::StatusOr<Period> HandlingPeriodFor(const cs::config::v1::SlaTargets& targets,
                                         cs::common::v1::TicketKind kind);

// The repair limit of a fault on a channel of `kind` (A3 7.1): its channel_fault_repair_by_kind
// entry, else channel_fault_repair.
absl::StatusOr<Period> FaultRepairPeriodFor(const cs::config::v1::SlaTargets& targets,
                                            cs::common::v1::Channel kind);

}  // namespace cs::common::config

#endif  // CS_COMMON_CONFIG_SLA_TARGETS_FILE_H_
