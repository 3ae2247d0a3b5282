// Conversions between the wire types of cs.archive.v1 (and the cs.intake.v1.Ticket it archives) and
// the archive domain. Pure functions; thread-safe.
#ifndef CS_SERVICES_ARCHIVE_API_PROTO_MAPPING_H_
#define CS_SERVICES_ARCHIVE_API_PROTO_MAPPING_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "cs/archive/v1/archive.pb.h"
#include "cs/archive/v1/archive_intake.pb.h"
#include "cs/intake/v1/intake.pb.h"
#include "google/protobuf/message.h"
#include "services/archive/core/archive_core.h"
#include "services/archive/domain/access_entry.h"
#include "services/archive/domain/archived_record.h"
#include "services/archive/domain/monthly_statistics.h"
#include "services/archive/domain/retention.h"
#include "services/archive/store/archive_stores.h"

namespace cs::archive {

// What the archive reads out of a ticket. INVALID_ARGUMENT naming every timestamp (under `prefix`,
// e.g. "ticket.history[3].at") that is out of range; missing parts are left for
// ValidateRecordContent.
absl::StatusOr<RecordContent> ContentFromTicket(const cs::intake::v1::Ticket& ticket,
                                                absl::string_view prefix);

// The document kept for a ticket: its deterministic serialization, so one ticket always hashes
// alike.
std::string DocumentOf(const cs::intake::v1::Ticket& ticket);

// The incoming record of a hand-over or a correction. INVALID_ARGUMENT naming a missing ticket and
// bad timestamps.
absl::StatusOr<IncomingRecord> IncomingFromTicket(bool has_ticket,
                                                  const cs::intake::v1::Ticket& ticket,
                                                  std::string unit_name, std::string time_zone);

// RecordSummary of a record (no content).
v1::RecordSummary ToSummaryProto(const ArchivedRecord& record);
v1::DestructionCertificate ToProto(const DestructionCertificate& certificate);
// The record with the ticket of `document` (absent when empty). DATA_LOSS when the document does
// not parse.
absl::StatusOr<v1::ArchivedRecord> ToRecordProto(const ArchivedRecord& record, int version,
                                                 const std::string& document);
v1::AccessLogEntry ToProto(const AccessEntry& entry);
cs::config::v1::Period ToPeriodProto(int months);
v1::UnitRetentionPolicy ToProto(const RetentionPolicy& policy);
v1::MonthlyStatistics ToProto(const MonthlyStatistics& stats);
v1::MonthlyReportStatus ToProto(const MonthlyReportStatus& status);
v1::ArchiveCompleteness ToProto(const ArchiveCompleteness& completeness);

// The filter of a search. INVALID_ARGUMENT naming every bad field.
absl::StatusOr<RecordFilter> FromProto(const v1::SearchRecordsRequest& request);
absl::StatusOr<AccessLogFilter> FromProto(const v1::ListAccessLogRequest& request);

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_API_PROTO_MAPPING_H_
