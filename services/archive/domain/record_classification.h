// V5: how a record is classified for the monthly statistics — its routing path (SPEC R1–R4),
// whether it was handled on time, and the month it counts in. Pure functions; thread-safe.
#ifndef CS_SERVICES_ARCHIVE_DOMAIN_RECORD_CLASSIFICATION_H_
#define CS_SERVICES_ARCHIVE_DOMAIN_RECORD_CLASSIFICATION_H_

#include "absl/time/time.h"
#include "services/archive/domain/archived_record.h"

namespace cs::archive {

// The designated unit's last decision: the last "OUTCOME" history entry whose detail starts with
// DIRECT_REPLY, INTERNAL_DISPATCH, ESCALATE_TO_TELECOM or RETURN (intake writes the outcome kind
// first), else last_outcome when it is one of those; kUnspecified when neither records a decision
// (e.g. a ticket the designated unit only answered).
RoutingPath RoutingPathOf(const RecordContent& content);

// On time: receipt was confirmed by its deadline (SPEC I5) and, when a handling deadline was set
// (SPEC R2, R3), the user was answered by it. A ticket never confirmed is not on time.
bool IsOnTime(const RecordContent& content);

// The summary of a record that passed ValidateRecordContent; closed_month is the local month of
// closed_at in `time_zone`.
RecordSummary Summarize(const RecordContent& content, absl::TimeZone time_zone);

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_DOMAIN_RECORD_CLASSIFICATION_H_
