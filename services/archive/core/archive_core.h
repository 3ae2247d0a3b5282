// The archive use cases (SPEC §6, V1–V6): who may do what to which record, the retention each
// record gets, the access log every read writes, destruction, and the monthly statistics and
// reports. Knows no gRPC and no SQL: it works on domain values through the archive's four store
// interfaces (archive_stores.h: records, access log, retention, monthly reports) and the ports of
// archive_ports.h. Thread-safe (it holds no mutable state of its own).
#ifndef CS_SERVICES_ARCHIVE_CORE_ARCHIVE_CORE_H_
#define CS_SERVICES_ARCHIVE_CORE_ARCHIVE_CORE_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/auth/principal.h"
#include "common/time/calendar_holder.h"
#include "common/time/clock.h"
#include "common/units/unit_directory.h"
#include "services/archive/core/archive_ports.h"
#include "services/archive/domain/archive_completeness.h"
#include "services/archive/domain/archived_record.h"
#include "services/archive/domain/monthly_report.h"
#include "services/archive/domain/monthly_statistics.h"
#include "services/archive/domain/retention.h"
#include "services/archive/store/archive_stores.h"

namespace cs::archive {

// The retention configuration (deploy/config/archive_retention.textproto with the SLA file's
// archive_retention) and the report due day, as loaded and validated at start.
struct ArchiveSettings {
  // The shortest retention anyone may set: the larger of 2 years and the SLA file's figure.
  int minimum_retention_months = kLegalMinimumRetentionMonths;
  // For units the file does not list.
  RetentionPolicy default_policy;
  // The file's entries, by unit.
  std::map<std::string, RetentionPolicy> unit_policies;
  // A1 7.4.1: the report on a month is due by this working day of the next month.
  int monthly_report_due_working_day = 5;
};

// A complete record as it arrives (ArchiveRecord, CorrectRecord).
struct IncomingRecord {
  RecordContent content;
  // The complete record as received (opaque); its SHA-256 is the content hash.
  std::string document;
  // Empty: the unit directory's name of content.unit_id.
  std::string unit_name;
  // IANA zone of the record's local dates; empty: the company calendar's zone.
  std::string time_zone;
};

// A record as a read returns it.
struct RecordView {
  ArchivedRecord record;
  int version = 0;
  // The version's complete record; empty once destroyed.
  std::string document;
};

struct FormExport {
  int64_t record_id = 0;
  int version = 0;
  std::string text;
};

struct CsvPage {
  std::string csv;
  int rows = 0;
  int64_t next_cursor = 0;
};

// A unit's report on a month as ListMonthlyReports shows it.
struct MonthlyReportStatus {
  MonthlyReport report;
  bool overdue = false;
};

// How an access-log row names what a search or a listing of the access log looked at ("all" for no
// filter), so a refusal before the core (a role the access table refuses) names it alike.
std::string RecordFilterTarget(const RecordFilter& filter);
std::string AccessLogTarget(const AccessLogFilter& filter);

class ArchiveCore {
 public:
  // Every reference (the stores' included) must outlive the core.
  ArchiveCore(ArchiveStores stores, const common::UnitDirectory& units,
              const common::CalendarHolder& calendars, ArchiveSettings settings,
              common::Clock& clock, const RecordCodec& codec, ArchiveObserver& observer);

  // --- V1 ---
  // Intake's hand-over (role SERVICE), deduplicated by message_id. INVALID_ARGUMENT naming every
  // missing or bad part of the record.
  absl::StatusOr<ArchiveOutcome> ArchiveRecord(const common::Principal& caller,
                                               const std::string& message_id,
                                               IncomingRecord record);
  // A correction by CS_CENTER or the owning unit's UNIT_MANAGER: the next version.
  // FAILED_PRECONDITION for a destroyed record or content identical to the current version;
  // INVALID_ARGUMENT for another ticket or unit.
  absl::StatusOr<ArchiveOutcome> CorrectRecord(const common::Principal& caller, int64_t record_id,
                                               IncomingRecord record, const std::string& reason,
                                               const RequestKey& key);

  // --- V3 reads: each writes an access-log row, granted or refused ---
  // CS_CENTER (any record) or UNIT_STAFF/UNIT_MANAGER/ARCHIVIST of the owning unit. `version` 0 is
  // the current one. INVALID_ARGUMENT without a reason.
  absl::StatusOr<RecordView> GetRecord(const common::Principal& caller, int64_t record_id,
                                       int version, const std::string& reason);
  // Unit roles see their own unit only (an empty filter unit means theirs).
  absl::StatusOr<RecordPage> SearchRecords(const common::Principal& caller, RecordFilter filter,
                                           int64_t cursor, int page_size,
                                           const std::string& reason);
  // V6: form F4 of a version. FAILED_PRECONDITION once destroyed.
  absl::StatusOr<FormExport> ExportRecordForm(const common::Principal& caller, int64_t record_id,
                                              int version, const std::string& reason);
  // V6: a page of the month's records as CSV (header on the first page, cursor 0).
  absl::StatusOr<CsvPage> ExportMonthCsv(const common::Principal& caller, std::string unit_id,
                                         const std::string& month, int64_t cursor, int page_size,
                                         const std::string& reason);
  // Logs a read refused before it reached the core (a request that does not decode: a malformed
  // record id, filter or page token) and returns `refusal` — or the database's error when even the
  // log row cannot be written. So every authenticated read leaves a row, however bad the request.
  absl::Status RefuseRead(const common::Principal& caller, AccessAction action, std::string target,
                          const std::string& reason, const absl::Status& refusal);

  // CS_CENTER only.
  absl::StatusOr<AccessLogPage> ListAccessLog(const common::Principal& caller,
                                              const AccessLogFilter& filter, int64_t cursor,
                                              int page_size, const std::string& reason);

  // --- V2 ---
  // CS_CENTER only; a reason is required.
  absl::StatusOr<ArchivedRecord> SetLegalHold(const common::Principal& caller, int64_t record_id,
                                              bool hold, const std::string& reason);
  // The policy new records of `unit_id` (empty: every unit) get. Any authenticated role.
  absl::StatusOr<std::vector<RetentionPolicy>> GetRetentionPolicy(const common::Principal& caller,
                                                                  const std::string& unit_id);
  // CS_CENTER only. INVALID_ARGUMENT naming `retention` when not in months/years or shorter than
  // the minimum.
  absl::StatusOr<RetentionPolicy> SetUnitRetention(const common::Principal& caller,
                                                   const std::string& unit_id,
                                                   const common::Period& retention,
                                                   const std::string& reason);
  int minimum_retention_months() const { return settings_.minimum_retention_months; }

  // --- V4 ---
  // CS_CENTER (any unit) or ARCHIVIST (own unit). Logged.
  absl::StatusOr<RecordPage> ListDueForDestruction(const common::Principal& caller,
                                                   std::string unit_id, int64_t cursor,
                                                   int page_size, const std::string& reason);
  // The owning unit's ARCHIVIST only (A1 7.3.4); FAILED_PRECONDITION before expiry, under hold, or
  // once destroyed.
  absl::StatusOr<DestructionCertificate> DestroyRecord(const common::Principal& caller,
                                                       int64_t record_id, const std::string& reason,
                                                       const RequestKey& key);

  // --- V5 ---
  absl::StatusOr<MonthlyStatistics> GetMonthlyStatistics(const common::Principal& caller,
                                                         const std::string& month,
                                                         std::string unit_id);
  // UNIT_STAFF or UNIT_MANAGER of the unit, for a month that is over. FAILED_PRECONDITION when the
  // month is not over or the report was already submitted.
  absl::StatusOr<MonthlyReportStatus> SubmitMonthlyReport(const common::Principal& caller,
                                                          std::string unit_id,
                                                          const std::string& month,
                                                          const std::string& analysis,
                                                          const RequestKey& key);
  // Every reporting unit's status (or the one asked for).
  absl::StatusOr<std::vector<MonthlyReportStatus>> ListMonthlyReports(
      const common::Principal& caller, const std::string& month, std::string unit_id);

  // A1 7.4.2: how completely `unit_id`'s tickets closed in `month` ("YYYY-MM", the calendar's zone)
  // are archived — the records held, the gaps in intake's month serials among them, the archive
  // lag; as of now. CS_CENTER, OFFICE, SERVICE for any unit; ARCHIVIST and UNIT_MANAGER for their
  // own (empty: theirs), else PERMISSION_DENIED. Counts and serials only, so not logged (like
  // GetMonthlyStatistics). INVALID_ARGUMENT naming unit_id (missing, unknown) and/or month.
  absl::StatusOr<ArchiveCompleteness> GetArchiveCompleteness(const common::Principal& caller,
                                                             std::string unit_id,
                                                             const std::string& month);

  // Refreshes the due-for-destruction picture and counts monthly reports that passed their due date
  // unsubmitted (once each). Called periodically; safe in several replicas at once.
  absl::Status Sweep();

  // The units that owe monthly reports: every unit but the CS center, which receives them.
  std::vector<std::string> ReportingUnits() const;

 private:
  // The clock's time, truncated to the microseconds the database stores.
  absl::Time Now() const;
  // The policy in force for `unit_id`: SetUnitRetention's, else the file's, else the default.
  absl::StatusOr<RetentionPolicy> PolicyFor(const std::string& unit_id);
  // Validation and classification shared by ArchiveRecord and CorrectRecord.
  absl::StatusOr<VersionDraft> Draft(const common::Principal& caller, IncomingRecord record,
                                     absl::TimeZone* time_zone);
  // Logs a read refused before the store was asked, reports it, and returns `status`.
  absl::Status Refuse(AccessEntry entry, absl::Status status);
  void ObserveRead(const common::Principal& caller, AccessAction action,
                   const absl::Status& status);
  // The unit a unit-scoped caller defaults to, checked against the caller and the directory.
  absl::Status ScopeUnit(const common::Principal& caller, std::string& unit_id) const;
  absl::StatusOr<common::Deadline> ReportDue(absl::CivilMonth month) const;
  std::string HandlingDepartmentName(const std::string& id) const;

  RecordStore& records_;
  AccessLogStore& access_log_;
  RetentionStore& retention_;
  MonthlyReportStore& monthly_reports_;
  const common::UnitDirectory& units_;
  // The calendar in force, which a reload may replace while the process runs (calendar_holder.h).
  const common::CalendarHolder& calendars_;
  const ArchiveSettings settings_;
  common::Clock& clock_;
  const RecordCodec& codec_;
  ArchiveObserver& observer_;
};

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_CORE_ARCHIVE_CORE_H_
