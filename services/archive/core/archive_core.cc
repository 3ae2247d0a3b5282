#include "services/archive/core/archive_core.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/db/printable_id.h"
#include "common/forms/f4_form.h"
#include "common/hash/sha256.h"
#include "common/status/error_reason.h"
#include "common/status/field_violations.h"
#include "common/status/quoted_value.h"
#include "common/status/status_macros.h"
#include "common/time/report_month.h"
#include "services/archive/domain/csv_writer.h"
#include "services/archive/domain/record_classification.h"
#include "services/archive/domain/record_export.h"
#include "services/archive/domain/record_validation.h"

namespace cs::archive {
namespace {

using common::Principal;
using common::Role;

// The inbox source of intake's hand-overs (the message ids are intake's outbox ids).
constexpr absl::string_view kIntakeSource = "intake";

// Who may read records at all (A1 7.3.3); unit roles only their own unit's.
constexpr std::initializer_list<Role> kReaders = {Role::kCsCenter, Role::kUnitStaff,
                                                  Role::kUnitManager, Role::kArchivist};

// OK for a reason a person can be held to; INVALID_ARGUMENT naming "reason" otherwise.
absl::Status CheckReason(const std::string& reason) {
  if (absl::StripAsciiWhitespace(reason).empty()) {
    return common::InvalidField(
        "reason", "is required: every access to the archive is logged with its purpose (A1 7.3.3)");
  }
  if (reason.size() > static_cast<size_t>(kMaxReasonLength)) {
    return common::InvalidField("reason",
                                absl::StrCat("is longer than ", kMaxReasonLength, " bytes"));
  }
  return absl::OkStatus();
}

absl::Status CheckPage(int page_size) {
  if (page_size <= 0) return common::InvalidField("page.page_size", "must be positive");
  return absl::OkStatus();
}

std::string VersionTarget(int64_t record_id, int version) {
  return version == 0 ? RecordIdText(record_id)
                      : absl::StrCat(RecordIdText(record_id), " v", version);
}

}  // namespace

std::string RecordFilterTarget(const RecordFilter& f) {
  std::vector<std::string> parts;
  if (!f.unit_id.empty()) parts.push_back(absl::StrCat("unit=", f.unit_id));
  if (!f.closed_month.empty()) parts.push_back(absl::StrCat("month=", f.closed_month));
  if (f.kind != TicketKind::kUnspecified) {
    parts.push_back(absl::StrCat("kind=", TicketKindName(f.kind)));
  }
  if (f.channel != Channel::kUnspecified) {
    parts.push_back(absl::StrCat("channel=", ChannelName(f.channel)));
  }
  if (!f.business_line.empty()) parts.push_back(absl::StrCat("business_line=", f.business_line));
  if (f.routing_path != RoutingPath::kUnspecified) {
    parts.push_back(absl::StrCat("routing_path=", RoutingPathName(f.routing_path)));
  }
  if (f.ticket_id != 0) parts.push_back(absl::StrCat("ticket=", f.ticket_id));
  if (f.closed_from.has_value()) {
    parts.push_back(absl::StrCat("closed_from=", absl::FormatTime(*f.closed_from)));
  }
  if (f.closed_until.has_value()) {
    parts.push_back(absl::StrCat("closed_until=", absl::FormatTime(*f.closed_until)));
  }
  return parts.empty() ? "all" : absl::StrJoin(parts, " ");
}

std::string AccessLogTarget(const AccessLogFilter& filter) {
  std::vector<std::string> parts;
  if (!filter.user.empty()) parts.push_back(absl::StrCat("user=", filter.user));
  if (!filter.record_unit_id.empty()) {
    parts.push_back(absl::StrCat("unit=", filter.record_unit_id));
  }
  if (!filter.target.empty()) parts.push_back(absl::StrCat("target=", filter.target));
  return parts.empty() ? "all" : absl::StrJoin(parts, " ");
}

ArchiveCore::ArchiveCore(ArchiveStores stores, const common::UnitDirectory& units,
                         const common::CalendarHolder& calendars, ArchiveSettings settings,
                         common::Clock& clock, const RecordCodec& codec, ArchiveObserver& observer)
    : records_(stores.records),
      access_log_(stores.access_log),
      retention_(stores.retention),
      monthly_reports_(stores.monthly_reports),
      units_(units),
      calendars_(calendars),
      settings_(std::move(settings)),
      clock_(clock),
      codec_(codec),
      observer_(observer) {}

absl::Time ArchiveCore::Now() const { return common::TruncateToMicroseconds(clock_.Now()); }

std::vector<std::string> ArchiveCore::ReportingUnits() const {
  std::vector<std::string> ids;
  for (const common::UnitInfo& unit : units_.units()) {
    if (!unit.cs_center) ids.push_back(unit.id);
  }
  return ids;
}

absl::Status ArchiveCore::ScopeUnit(const Principal& caller, std::string& unit_id) const {
  if (common::IsUnitScoped(caller.role) && unit_id.empty()) unit_id = caller.unit_id;
  RETURN_IF_ERROR(common::RequireUnit(caller, unit_id));
  if (!unit_id.empty() && !units_.Contains(unit_id)) {
    return common::InvalidField(
        "unit_id", absl::StrCat("names no known unit: ", common::QuotedValue(unit_id)));
  }
  return absl::OkStatus();
}

absl::StatusOr<common::Deadline> ArchiveCore::ReportDue(absl::CivilMonth month) const {
  return common::MonthlyReportDue(calendars_.Get().current(), month,
                                  settings_.monthly_report_due_working_day);
}

std::string ArchiveCore::HandlingDepartmentName(const std::string& id) const {
  const common::UnitInfo* unit = units_.Find(id);
  return unit == nullptr ? "" : unit->name;
}

absl::StatusOr<RetentionPolicy> ArchiveCore::PolicyFor(const std::string& unit_id) {
  ASSIGN_OR_RETURN(std::vector<RetentionPolicy> overrides, retention_.ListRetentionOverrides());
  for (RetentionPolicy& policy : overrides) {
    if (policy.unit_id == unit_id) return std::move(policy);
  }
  if (auto it = settings_.unit_policies.find(unit_id); it != settings_.unit_policies.end()) {
    return it->second;
  }
  RetentionPolicy policy = settings_.default_policy;
  policy.unit_id = unit_id;
  return policy;
}

void ArchiveCore::ObserveRead(const Principal& caller, AccessAction action,
                              const absl::Status& status) {
  // A store failure (database away) logged nothing and is not a decision about the caller.
  if (status.code() == absl::StatusCode::kUnavailable ||
      status.code() == absl::StatusCode::kAborted || status.code() == absl::StatusCode::kInternal) {
    return;
  }
  observer_.RecordRead(caller.role, action, AccessOutcomeOf(status));
}

absl::Status ArchiveCore::Refuse(AccessEntry entry, absl::Status status) {
  SetOutcome(entry, status);
  const AccessAction action = entry.action;
  const Role role = entry.role;
  RETURN_IF_ERROR(access_log_.LogAccess(entry));
  observer_.RecordRead(role, action, AccessOutcomeOf(status));
  return status;
}

absl::Status ArchiveCore::RefuseRead(const Principal& caller, AccessAction action,
                                     std::string target, const std::string& reason,
                                     const absl::Status& refusal) {
  return Refuse(NewAccessEntry(caller, action, std::move(target), reason, Now()), refusal);
}

absl::StatusOr<VersionDraft> ArchiveCore::Draft(const Principal& caller, IncomingRecord record,
                                                absl::TimeZone* time_zone) {
  common::FieldViolations violations = ValidateRecordContent(record.content, units_, "ticket");
  if (record.time_zone.empty()) record.time_zone = calendars_.Get().current().time_zone().name();
  if (!absl::LoadTimeZone(record.time_zone, time_zone)) {
    violations.Add("time_zone", "is not a known IANA time zone");
  }
  if (record.unit_name.empty()) {
    if (const common::UnitInfo* unit = units_.Find(record.content.unit_id)) {
      record.unit_name = unit->name;
    }
  }
  if (record.unit_name.size() > static_cast<size_t>(kMaxUnitNameLength)) {
    violations.Add("unit_name", absl::StrCat("is longer than ", kMaxUnitNameLength, " bytes"));
  }
  RETURN_IF_ERROR(violations.ToStatus("incomplete record"));
  VersionDraft draft;
  draft.summary = Summarize(record.content, *time_zone);
  draft.unit_name = std::move(record.unit_name);
  draft.time_zone = std::move(record.time_zone);
  draft.content_sha256 = common::Sha256Hex(record.document);
  draft.document = std::move(record.document);
  draft.archived_by = caller.user;
  return draft;
}

absl::StatusOr<ArchiveOutcome> ArchiveCore::ArchiveRecord(const Principal& caller,
                                                          const std::string& message_id,
                                                          IncomingRecord record) {
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kService}));
  RETURN_IF_ERROR(common::db::CheckPrintableId("message_id", message_id, 64));
  absl::TimeZone zone;
  ASSIGN_OR_RETURN(VersionDraft draft, Draft(caller, std::move(record), &zone));
  draft.reason = absl::StrCat("closed ticket handed over by ", caller.user);
  draft.source_message_id = message_id;
  ASSIGN_OR_RETURN(RetentionPolicy policy, PolicyFor(draft.summary.unit_id));
  const Retention retention = DecideRetention(policy, draft.summary.closed_at, zone);
  ASSIGN_OR_RETURN(ArchiveOutcome outcome, records_.Archive(message_id, std::string(kIntakeSource),
                                                            draft, retention, Now()));
  if (outcome.created) {
    observer_.RecordArchived(draft.summary.unit_id);
  } else if (!outcome.duplicate) {
    observer_.RecordVersioned(draft.summary.unit_id);
  }
  return outcome;
}

absl::StatusOr<ArchiveOutcome> ArchiveCore::CorrectRecord(const Principal& caller,
                                                          int64_t record_id, IncomingRecord record,
                                                          const std::string& reason,
                                                          const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kCsCenter, Role::kUnitManager}));
  RETURN_IF_ERROR(CheckReason(reason));
  absl::TimeZone zone;
  ASSIGN_OR_RETURN(VersionDraft draft, Draft(caller, std::move(record), &zone));
  draft.reason = reason;
  ASSIGN_OR_RETURN(
      ArchiveOutcome outcome,
      records_.AppendVersion(
          record_id, key, draft,
          [&](const ArchivedRecord& stored) -> absl::Status {
            RETURN_IF_ERROR(common::RequireUnit(caller, stored.summary.unit_id));
            if (stored.destroyed()) {
              return common::WithReason(
                  absl::FailedPreconditionError(absl::StrCat(
                      RecordIdText(record_id), " was destroyed: it can no longer be corrected")),
                  reason::kRecordDestroyed);
            }
            common::FieldViolations violations;
            if (draft.summary.ticket_id != stored.summary.ticket_id) {
              violations.Add("ticket.ticket_id", absl::StrCat("must be the record's ticket ",
                                                              stored.summary.ticket_id));
            }
            if (draft.summary.unit_id != stored.summary.unit_id) {
              violations.Add("ticket.input.unit_id",
                             "cannot change: the record stays with its unit of first contact");
            }
            RETURN_IF_ERROR(violations.ToStatus("not a correction of this record"));
            if (!stored.versions.empty() &&
                stored.versions.back().content_sha256 == draft.content_sha256) {
              return absl::FailedPreconditionError(
                  absl::StrCat("the correction is identical to version ", stored.current_version,
                               " of ", RecordIdText(record_id), ": nothing to correct"));
            }
            return absl::OkStatus();
          },
          Now()));
  if (!outcome.duplicate) observer_.RecordVersioned(draft.summary.unit_id);
  return outcome;
}

absl::StatusOr<RecordView> ArchiveCore::GetRecord(const Principal& caller, int64_t record_id,
                                                  int version, const std::string& reason) {
  AccessEntry entry = NewAccessEntry(caller, AccessAction::kGetRecord,
                                     VersionTarget(record_id, version), reason, Now());
  if (absl::Status bad = CheckReason(reason); !bad.ok()) return Refuse(entry, bad);
  if (version < 0) return Refuse(entry, common::InvalidField("version", "must not be negative"));
  if (absl::Status role = common::RequireRole(caller, kReaders); !role.ok()) {
    return Refuse(entry, role);
  }
  absl::StatusOr<RecordRead> read = records_.ReadRecord(
      record_id, version,
      [&](const ArchivedRecord& record) {
        return common::RequireUnit(caller, record.summary.unit_id);
      },
      entry);
  ObserveRead(caller, AccessAction::kGetRecord, read.status());
  if (!read.ok()) return read.status();
  return RecordView{std::move(read->record), read->version, std::move(read->document)};
}

absl::StatusOr<RecordPage> ArchiveCore::SearchRecords(const Principal& caller, RecordFilter filter,
                                                      int64_t cursor, int page_size,
                                                      const std::string& reason) {
  if (common::IsUnitScoped(caller.role) && filter.unit_id.empty()) {
    filter.unit_id = caller.unit_id;
  }
  AccessEntry entry = NewAccessEntry(caller, AccessAction::kSearchRecords,
                                     RecordFilterTarget(filter), reason, Now());
  entry.record_unit_id = filter.unit_id;
  if (absl::Status bad = CheckReason(reason); !bad.ok()) return Refuse(entry, bad);
  if (absl::Status bad = CheckPage(page_size); !bad.ok()) return Refuse(entry, bad);
  if (absl::Status role = common::RequireRole(caller, kReaders); !role.ok()) {
    return Refuse(entry, role);
  }
  if (absl::Status scope = ScopeUnit(caller, filter.unit_id); !scope.ok()) {
    return Refuse(entry, scope);
  }
  absl::StatusOr<RecordPage> page = records_.Search(filter, cursor, page_size, entry);
  ObserveRead(caller, AccessAction::kSearchRecords, page.status());
  return page;
}

absl::StatusOr<FormExport> ArchiveCore::ExportRecordForm(const Principal& caller, int64_t record_id,
                                                         int version, const std::string& reason) {
  AccessEntry entry = NewAccessEntry(caller, AccessAction::kExportForm,
                                     VersionTarget(record_id, version), reason, Now());
  if (absl::Status bad = CheckReason(reason); !bad.ok()) return Refuse(entry, bad);
  if (version < 0) return Refuse(entry, common::InvalidField("version", "must not be negative"));
  if (absl::Status role = common::RequireRole(caller, kReaders); !role.ok()) {
    return Refuse(entry, role);
  }
  absl::StatusOr<RecordRead> read = records_.ReadRecord(
      record_id, version,
      [&](const ArchivedRecord& record) -> absl::Status {
        RETURN_IF_ERROR(common::RequireUnit(caller, record.summary.unit_id));
        if (record.destroyed()) {
          return common::WithReason(
              absl::FailedPreconditionError(
                  absl::StrCat(RecordIdText(record_id),
                               " was destroyed: only its destruction certificate remains")),
              reason::kRecordDestroyed);
        }
        return absl::OkStatus();
      },
      entry);
  ObserveRead(caller, AccessAction::kExportForm, read.status());
  if (!read.ok()) return read.status();
  ASSIGN_OR_RETURN(RecordContent content, codec_.Decode(read->document));
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(read->record.time_zone, &zone))
    zone = calendars_.Get().current().time_zone();
  const common::F4Record form =
      ToF4Record(content, HandlingDepartmentName(content.handling_department));
  return FormExport{record_id, read->version, common::RenderF4Form(form, zone)};
}

absl::StatusOr<CsvPage> ArchiveCore::ExportMonthCsv(const Principal& caller, std::string unit_id,
                                                    const std::string& month, int64_t cursor,
                                                    int page_size, const std::string& reason) {
  if (common::IsUnitScoped(caller.role) && unit_id.empty()) unit_id = caller.unit_id;
  RecordFilter filter;
  filter.unit_id = unit_id;
  filter.closed_month = month;
  AccessEntry entry =
      NewAccessEntry(caller, AccessAction::kExportCsv, RecordFilterTarget(filter), reason, Now());
  entry.record_unit_id = unit_id;
  if (absl::Status bad = CheckReason(reason); !bad.ok()) return Refuse(entry, bad);
  if (absl::Status bad = common::ParseMonth(month, "month").status(); !bad.ok()) {
    return Refuse(entry, bad);
  }
  if (absl::Status bad = CheckPage(page_size); !bad.ok()) return Refuse(entry, bad);
  if (absl::Status role = common::RequireRole(caller, kReaders); !role.ok()) {
    return Refuse(entry, role);
  }
  if (absl::Status scope = ScopeUnit(caller, filter.unit_id); !scope.ok()) {
    return Refuse(entry, scope);
  }
  absl::StatusOr<DocumentPage> page = records_.ReadDocuments(filter, cursor, page_size, entry);
  ObserveRead(caller, AccessAction::kExportCsv, page.status());
  if (!page.ok()) return page.status();
  CsvPage csv;
  if (cursor == 0) AppendCsvRecord(CsvHeader(), &csv.csv);
  for (const RecordRead& read : page->records) {
    if (read.document.empty()) {
      AppendCsvRecord(CsvRow(read.record, nullptr), &csv.csv);
    } else {
      ASSIGN_OR_RETURN(RecordContent content, codec_.Decode(read.document));
      AppendCsvRecord(CsvRow(read.record, &content), &csv.csv);
    }
    ++csv.rows;
  }
  csv.next_cursor = page->next_cursor;
  return csv;
}

absl::StatusOr<AccessLogPage> ArchiveCore::ListAccessLog(const Principal& caller,
                                                         const AccessLogFilter& filter,
                                                         int64_t cursor, int page_size,
                                                         const std::string& reason) {
  AccessEntry entry =
      NewAccessEntry(caller, AccessAction::kListAccessLog, AccessLogTarget(filter), reason, Now());
  if (absl::Status bad = CheckReason(reason); !bad.ok()) return Refuse(entry, bad);
  if (absl::Status bad = CheckPage(page_size); !bad.ok()) return Refuse(entry, bad);
  if (absl::Status role = common::RequireRole(caller, {Role::kCsCenter}); !role.ok()) {
    return Refuse(entry, role);
  }
  absl::StatusOr<AccessLogPage> page = access_log_.ListAccessLog(filter, cursor, page_size, entry);
  ObserveRead(caller, AccessAction::kListAccessLog, page.status());
  return page;
}

absl::StatusOr<ArchivedRecord> ArchiveCore::SetLegalHold(const Principal& caller, int64_t record_id,
                                                         bool hold, const std::string& reason) {
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kCsCenter}));
  RETURN_IF_ERROR(CheckReason(reason));
  return records_.SetLegalHold(record_id, hold, reason, caller.user, Now());
}

absl::StatusOr<std::vector<RetentionPolicy>> ArchiveCore::GetRetentionPolicy(
    const Principal& caller, const std::string& unit_id) {
  (void)caller;  // any authenticated caller: policies hold no personal data
  if (!unit_id.empty() && !units_.Contains(unit_id)) {
    return common::InvalidField(
        "unit_id", absl::StrCat("names no known unit: ", common::QuotedValue(unit_id)));
  }
  std::vector<RetentionPolicy> policies;
  for (const common::UnitInfo& unit : units_.units()) {
    if (!unit_id.empty() && unit.id != unit_id) continue;
    ASSIGN_OR_RETURN(RetentionPolicy policy, PolicyFor(unit.id));
    policies.push_back(std::move(policy));
  }
  return policies;
}

absl::StatusOr<RetentionPolicy> ArchiveCore::SetUnitRetention(const Principal& caller,
                                                              const std::string& unit_id,
                                                              const common::Period& retention,
                                                              const std::string& reason) {
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kCsCenter}));
  common::FieldViolations violations;
  if (!units_.Contains(unit_id)) {
    violations.Add("unit_id", absl::StrCat("names no known unit: ", common::QuotedValue(unit_id)));
  }
  absl::StatusOr<int> months = RetentionMonths(retention, "retention");
  absl::Status period =
      months.ok() ? CheckRetentionMonths(*months, settings_.minimum_retention_months, "retention")
                  : months.status();
  for (const common::FieldViolation& f : common::ViolationsOf(period)) {
    violations.Add(f.field, f.description);
  }
  if (absl::Status bad = CheckReason(reason); !bad.ok()) {
    violations.Add("reason", "is required: say why the retention changes");
  }
  RETURN_IF_ERROR(violations.ToStatus("invalid retention"));
  RetentionPolicy policy;
  policy.unit_id = unit_id;
  policy.months = *months;
  policy.source = RetentionSource::kRpc;
  policy.set_by = caller.user;
  policy.set_at = Now();
  policy.note = reason;
  RETURN_IF_ERROR(retention_.SetRetentionOverride(policy));
  return policy;
}

absl::StatusOr<RecordPage> ArchiveCore::ListDueForDestruction(const Principal& caller,
                                                              std::string unit_id, int64_t cursor,
                                                              int page_size,
                                                              const std::string& reason) {
  if (common::IsUnitScoped(caller.role) && unit_id.empty()) unit_id = caller.unit_id;
  const absl::Time now = Now();
  AccessEntry entry = NewAccessEntry(
      caller, AccessAction::kListDueForDestruction,
      unit_id.empty() ? "due unit=all" : absl::StrCat("due unit=", unit_id), reason, now);
  entry.record_unit_id = unit_id;
  if (absl::Status bad = CheckReason(reason); !bad.ok()) return Refuse(entry, bad);
  if (absl::Status bad = CheckPage(page_size); !bad.ok()) return Refuse(entry, bad);
  if (absl::Status role = common::RequireRole(caller, {Role::kCsCenter, Role::kArchivist});
      !role.ok()) {
    return Refuse(entry, role);
  }
  if (absl::Status scope = ScopeUnit(caller, unit_id); !scope.ok()) return Refuse(entry, scope);
  absl::StatusOr<RecordPage> page = records_.ListDue(unit_id, now, cursor, page_size, entry);
  ObserveRead(caller, AccessAction::kListDueForDestruction, page.status());
  return page;
}

absl::StatusOr<DestructionCertificate> ArchiveCore::DestroyRecord(const Principal& caller,
                                                                  int64_t record_id,
                                                                  const std::string& reason,
                                                                  const RequestKey& key) {
  // A1 7.3.4: the unit's designated staff member, nobody else — not even the CS center.
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kArchivist}));
  RETURN_IF_ERROR(CheckReason(reason));
  const absl::Time now = Now();
  bool destroyed_now = false;
  std::string unit_id;
  ASSIGN_OR_RETURN(
      DestructionCertificate certificate,
      records_.Destroy(record_id, key,
                       [&](const ArchivedRecord& record) -> absl::StatusOr<DestructionCertificate> {
                         RETURN_IF_ERROR(common::RequireUnit(caller, record.summary.unit_id));
                         RETURN_IF_ERROR(CheckDestroyable(record, now));
                         DestructionCertificate c;
                         c.record_id = record.record_id;
                         c.ticket_id = record.summary.ticket_id;
                         c.unit_id = record.summary.unit_id;
                         c.destroyed_by = caller.user;
                         c.destroyed_at = now;
                         c.reason = reason;
                         c.retention_basis = record.retention.basis;
                         c.retention_months = record.retention.months;
                         c.retain_until = record.retention.retain_until;
                         c.closed_at = record.summary.closed_at;
                         c.archived_at = record.archived_at;
                         c.content_sha256 =
                             record.versions.empty() ? "" : record.versions.back().content_sha256;
                         c.versions = static_cast<int>(record.versions.size());
                         destroyed_now = true;
                         unit_id = record.summary.unit_id;
                         return c;
                       }));
  if (destroyed_now) observer_.RecordDestroyed(unit_id);
  return certificate;
}

absl::StatusOr<MonthlyStatistics> ArchiveCore::GetMonthlyStatistics(const Principal& caller,
                                                                    const std::string& month,
                                                                    std::string unit_id) {
  RETURN_IF_ERROR(
      common::RequireRole(caller, {Role::kCsCenter, Role::kOffice, Role::kService, Role::kUnitStaff,
                                   Role::kUnitManager, Role::kArchivist, Role::kDesignatedUnit}));
  RETURN_IF_ERROR(ScopeUnit(caller, unit_id));
  ASSIGN_OR_RETURN(absl::CivilMonth parsed, common::ParseMonth(month, "month"));
  ASSIGN_OR_RETURN(std::vector<StatisticsRow> current,
                   monthly_reports_.MonthlyCounts(month, unit_id));
  ASSIGN_OR_RETURN(std::vector<StatisticsRow> previous,
                   monthly_reports_.MonthlyCounts(common::FormatMonth(parsed - 1), unit_id));
  MonthlyStatistics stats = BuildMonthlyStatistics(parsed, unit_id, current, previous);
  ASSIGN_OR_RETURN(stats.report_due, ReportDue(parsed));
  return stats;
}

absl::StatusOr<MonthlyReportStatus> ArchiveCore::SubmitMonthlyReport(const Principal& caller,
                                                                     std::string unit_id,
                                                                     const std::string& month,
                                                                     const std::string& analysis,
                                                                     const RequestKey& key) {
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kUnitStaff, Role::kUnitManager}));
  if (unit_id.empty()) unit_id = caller.unit_id;
  RETURN_IF_ERROR(common::RequireUnit(caller, unit_id));
  common::FieldViolations violations;
  absl::StatusOr<absl::CivilMonth> parsed = common::ParseMonth(month, "month");
  if (!parsed.ok()) violations.Add("month", "must be a month YYYY-MM");
  if (absl::StripAsciiWhitespace(analysis).empty()) {
    violations.Add("analysis", "is required: the month's analysis (A1 7.2.1)");
  } else if (analysis.size() > static_cast<size_t>(kMaxAnalysisLength)) {
    violations.Add("analysis", absl::StrCat("is longer than ", kMaxAnalysisLength, " bytes"));
  }
  RETURN_IF_ERROR(violations.ToStatus("invalid monthly report"));
  const absl::Time now = Now();
  const absl::CivilMonth this_month =
      absl::CivilMonth(absl::ToCivilSecond(now, calendars_.Get().current().time_zone()));
  if (*parsed >= this_month) {
    return absl::FailedPreconditionError(absl::StrCat(
        month, " is not over yet: a monthly report covers a finished month (A1 7.1.1)"));
  }
  MonthlyReport report;
  report.unit_id = unit_id;
  report.month = month;
  ASSIGN_OR_RETURN(report.due, ReportDue(*parsed));
  report.submitted_at = now;
  report.submitted_by = caller.user;
  report.analysis = analysis;
  ASSIGN_OR_RETURN(std::vector<StatisticsRow> rows, monthly_reports_.MonthlyCounts(month, unit_id));
  for (const StatisticsRow& row : rows) report.records += row.records;
  ASSIGN_OR_RETURN(SubmitOutcome outcome, monthly_reports_.SubmitMonthlyReport(report, key));
  if (!outcome.replayed) {
    if (outcome.report.on_time()) {
      observer_.MonthlyReportDeadline(unit_id, true);
    } else if (!outcome.report.miss_counted) {
      observer_.MonthlyReportDeadline(unit_id, false);
    }
  }
  return MonthlyReportStatus{std::move(outcome.report), false};
}

absl::StatusOr<std::vector<MonthlyReportStatus>> ArchiveCore::ListMonthlyReports(
    const Principal& caller, const std::string& month, std::string unit_id) {
  RETURN_IF_ERROR(
      common::RequireRole(caller, {Role::kCsCenter, Role::kOffice, Role::kService, Role::kUnitStaff,
                                   Role::kUnitManager, Role::kArchivist, Role::kDesignatedUnit}));
  RETURN_IF_ERROR(ScopeUnit(caller, unit_id));
  ASSIGN_OR_RETURN(absl::CivilMonth parsed, common::ParseMonth(month, "month"));
  ASSIGN_OR_RETURN(common::Deadline due, ReportDue(parsed));
  ASSIGN_OR_RETURN(std::vector<MonthlyReport> stored, monthly_reports_.ListMonthlyReports(month));
  const absl::Time now = Now();
  std::vector<MonthlyReportStatus> statuses;
  for (const std::string& unit : ReportingUnits()) {
    if (!unit_id.empty() && unit != unit_id) continue;
    MonthlyReport report;
    report.unit_id = unit;
    report.month = month;
    report.due = due;
    for (const MonthlyReport& candidate : stored) {
      if (candidate.unit_id == unit) report = candidate;
    }
    const bool overdue = report.overdue(now);
    statuses.push_back({std::move(report), overdue});
  }
  return statuses;
}

absl::StatusOr<ArchiveCompleteness> ArchiveCore::GetArchiveCompleteness(const Principal& caller,
                                                                        std::string unit_id,
                                                                        const std::string& month) {
  RETURN_IF_ERROR(common::RequireRole(caller, {Role::kCsCenter, Role::kOffice, Role::kService,
                                               Role::kArchivist, Role::kUnitManager}));
  if (unit_id.empty() && common::IsUnitScoped(caller.role)) unit_id = caller.unit_id;
  common::FieldViolations violations;
  if (unit_id.empty()) {
    violations.Add("unit_id", "is required: completeness is counted per unit");
  } else {
    RETURN_IF_ERROR(common::RequireUnit(caller, unit_id));
    if (!units_.Contains(unit_id)) {
      violations.Add("unit_id",
                     absl::StrCat("names no known unit: ", common::QuotedValue(unit_id)));
    }
  }
  absl::StatusOr<absl::CivilMonth> parsed = common::ParseMonth(month, "month");
  if (!parsed.ok()) violations.Add("month", "must be a month YYYY-MM");
  RETURN_IF_ERROR(violations.ToStatus("invalid archive completeness request"));

  // The month in the calendar's zone, as intake counts the tickets it closed.
  const absl::TimeZone zone = calendars_.Get().current().time_zone();
  ArchiveCompleteness completeness;
  completeness.unit_id = unit_id;
  completeness.month = month;
  completeness.time_zone = zone.name();
  completeness.closed_from = absl::FromCivil(*parsed, zone);
  completeness.closed_until = absl::FromCivil(*parsed + 1, zone);
  completeness.as_of = Now();
  ASSIGN_OR_RETURN(completeness.counts, monthly_reports_.CountCompleteness(
                                            unit_id, completeness.closed_from,
                                            completeness.closed_until, kMaxListedMissingSerials));
  return completeness;
}

absl::Status ArchiveCore::Sweep() {
  const absl::Time now = Now();
  ASSIGN_OR_RETURN(std::vector<UnitCount> due, records_.CountDueForDestruction(now));
  std::vector<UnitCount> all;
  for (const common::UnitInfo& unit : units_.units()) {
    UnitCount count{unit.id, 0};
    for (const UnitCount& found : due) {
      if (found.unit_id == unit.id) count.count = found.count;
    }
    all.push_back(count);
  }
  observer_.DueForDestruction(all);

  // The report on the previous month, once past its due date. (A report submitted late is counted
  // at submission; one never submitted is counted here, once, by whichever replica claims it.)
  const absl::CivilMonth previous =
      absl::CivilMonth(absl::ToCivilSecond(now, calendars_.Get().current().time_zone())) - 1;
  ASSIGN_OR_RETURN(common::Deadline report_due, ReportDue(previous));
  if (now > report_due.at) {
    ASSIGN_OR_RETURN(std::vector<std::string> missed,
                     monthly_reports_.ClaimMissedMonthlyReports(common::FormatMonth(previous),
                                                                ReportingUnits(), report_due));
    for (const std::string& unit : missed) observer_.MonthlyReportDeadline(unit, false);
  }
  return absl::OkStatus();
}

}  // namespace cs::archive
