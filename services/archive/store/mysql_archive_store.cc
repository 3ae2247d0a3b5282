#include "services/archive/store/mysql_archive_store.h"

#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <functional>
#include <memory>
#include <sstream>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/db/idempotency.h"
#include "common/db/inbox.h"
#include "common/db/sql_time.h"
#include "common/db/statement_helpers.h"
#include "common/db/transaction.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"

namespace cs::archive {
namespace {

using common::db::OptionalTimeColumn;
using common::db::StringColumn;
using common::db::TimeColumn;

using common::db::FormatSqlTime;
using common::db::ParseSqlTime;
using common::db::Transaction;

constexpr absl::string_view kCorrectScope = "archive.CorrectRecord";
constexpr absl::string_view kDestroyScope = "archive.DestroyRecord";
constexpr absl::string_view kSubmitScope = "archive.SubmitMonthlyReport";

constexpr absl::string_view kRecordColumns =
    "r.record_id, r.ticket_id, r.unit_id, r.unit_name, r.time_zone, r.kind, r.channel, "
    "r.business_line, r.routing_path, r.overall_serial, r.serial_month, r.month_serial, "
    "r.received_at, r.closed_at, r.closed_month, r.on_time, r.current_version, r.archived_at, "
    "r.retention_months, r.retain_until, r.retention_basis, r.legal_hold, r.hold_reason, "
    "r.hold_set_by, r.hold_set_at, r.destroyed_at";

using Binder = common::db::ParameterBinder;

// At most `max_chars` bytes, cut at a UTF-8 boundary: an access-log row must never fail on length.
std::string Fit(absl::string_view text, size_t max_chars) {
  if (text.size() <= max_chars) return std::string(text);
  size_t cut = max_chars;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut));
}

// The record row (without versions); a destroyed record's certificate holds only destroyed_at here.
ArchivedRecord ReadRecordRow(sql::ResultSet& rs) {
  ArchivedRecord r;
  r.record_id = rs.getInt64("record_id");
  RecordSummary& s = r.summary;
  s.ticket_id = rs.getInt64("ticket_id");
  s.unit_id = StringColumn(rs, "unit_id");
  r.unit_name = StringColumn(rs, "unit_name");
  r.time_zone = StringColumn(rs, "time_zone");
  s.kind = static_cast<TicketKind>(rs.getInt("kind"));
  s.channel = static_cast<Channel>(rs.getInt("channel"));
  s.business_line = StringColumn(rs, "business_line");
  s.routing_path = static_cast<RoutingPath>(rs.getInt("routing_path"));
  s.overall_serial = rs.getInt64("overall_serial");
  s.serial_month = StringColumn(rs, "serial_month");
  s.month_serial = rs.getInt64("month_serial");
  s.received_at = TimeColumn(rs, "received_at");
  s.closed_at = TimeColumn(rs, "closed_at");
  s.closed_month = StringColumn(rs, "closed_month");
  s.on_time = rs.getBoolean("on_time");
  r.current_version = rs.getInt("current_version");
  r.archived_at = TimeColumn(rs, "archived_at");
  r.retention.months = rs.getInt("retention_months");
  r.retention.retain_until = TimeColumn(rs, "retain_until");
  r.retention.basis = StringColumn(rs, "retention_basis");
  r.hold.held = rs.getBoolean("legal_hold");
  r.hold.reason = StringColumn(rs, "hold_reason");
  r.hold.set_by = StringColumn(rs, "hold_set_by");
  r.hold.set_at = OptionalTimeColumn(rs, "hold_set_at");
  if (absl::optional<absl::Time> destroyed = OptionalTimeColumn(rs, "destroyed_at")) {
    DestructionCertificate certificate;
    certificate.record_id = r.record_id;
    certificate.destroyed_at = *destroyed;
    r.destruction = certificate;
  }
  return r;
}

DestructionCertificate ReadCertificate(sql::ResultSet& rs) {
  DestructionCertificate c;
  c.certificate_id = rs.getInt64("certificate_id");
  c.record_id = rs.getInt64("record_id");
  c.ticket_id = rs.getInt64("ticket_id");
  c.unit_id = StringColumn(rs, "unit_id");
  c.destroyed_by = StringColumn(rs, "destroyed_by");
  c.destroyed_at = TimeColumn(rs, "destroyed_at");
  c.reason = StringColumn(rs, "reason");
  c.retention_basis = StringColumn(rs, "retention_basis");
  c.retention_months = rs.getInt("retention_months");
  c.retain_until = TimeColumn(rs, "retain_until");
  c.closed_at = TimeColumn(rs, "closed_at");
  c.archived_at = TimeColumn(rs, "archived_at");
  c.content_sha256 = StringColumn(rs, "content_sha256");
  c.versions = rs.getInt("versions");
  return c;
}

absl::StatusOr<DestructionCertificate> LoadCertificate(Transaction& tx, int64_t record_id) {
  auto select = tx.Prepare(
      "SELECT certificate_id, record_id, ticket_id, unit_id, destroyed_by, destroyed_at, reason, "
      "retention_basis, retention_months, retain_until, closed_at, archived_at, content_sha256, "
      "versions FROM destruction_certificates WHERE record_id = ?");
  select->setInt64(1, record_id);
  std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
  if (!rs->next()) {
    return absl::InternalError(
        absl::StrCat(RecordIdText(record_id), " is destroyed but has no certificate"));
  }
  return ReadCertificate(*rs);
}

// The record with its versions (no documents) and, when destroyed, its full certificate; NOT_FOUND
// when absent. `for_update` locks the row until the transaction ends.
absl::StatusOr<ArchivedRecord> LoadRecord(Transaction& tx, int64_t record_id, bool for_update) {
  auto select =
      tx.Prepare(absl::StrCat("SELECT ", kRecordColumns, " FROM records r WHERE r.record_id = ?",
                              for_update ? " FOR UPDATE" : ""));
  select->setInt64(1, record_id);
  std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
  if (!rs->next()) {
    return absl::NotFoundError(absl::StrCat("no archived record ", RecordIdText(record_id)));
  }
  ArchivedRecord record = ReadRecordRow(*rs);
  auto versions = tx.Prepare(
      "SELECT version, archived_at, archived_by, reason, content_sha256, source_message_id "
      "FROM record_versions WHERE record_id = ? ORDER BY version");
  versions->setInt64(1, record_id);
  rs.reset(versions->executeQuery());
  while (rs->next()) {
    record.versions.push_back({rs->getInt("version"), TimeColumn(*rs, "archived_at"),
                               StringColumn(*rs, "archived_by"), StringColumn(*rs, "reason"),
                               StringColumn(*rs, "content_sha256"),
                               StringColumn(*rs, "source_message_id")});
  }
  if (record.destruction.has_value()) {
    ASSIGN_OR_RETURN(record.destruction, LoadCertificate(tx, record_id));
  }
  return record;
}

void InsertAccess(Transaction& tx, const AccessEntry& entry) {
  auto insert = tx.Prepare(
      "INSERT INTO access_log (at, actor, actor_role, caller_unit_id, action, target, "
      "record_unit_id, reason, outcome, result_count, detail) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
  Binder b(*insert);
  b.Time(entry.at);
  b.String(Fit(entry.user, 400));
  b.Int(static_cast<int>(entry.role));
  b.String(Fit(entry.caller_unit_id, 32));
  b.String(std::string(AccessActionName(entry.action)));
  b.String(Fit(entry.target, 400));
  b.String(Fit(entry.record_unit_id, 32));
  b.String(Fit(entry.reason, kMaxReasonLength));
  b.String(std::string(AccessOutcomeName(entry.outcome)));
  b.Int(entry.result_count);
  b.String(Fit(entry.detail, 64));
  insert->executeUpdate();
}

// One row of access_log.
AccessEntry ReadAccessRow(sql::ResultSet& rs) {
  AccessEntry e;
  e.id = rs.getInt64("id");
  e.at = TimeColumn(rs, "at");
  e.user = StringColumn(rs, "actor");
  e.role = static_cast<common::Role>(rs.getInt("actor_role"));
  e.caller_unit_id = StringColumn(rs, "caller_unit_id");
  const std::string action = StringColumn(rs, "action");
  for (AccessAction a : {AccessAction::kGetRecord, AccessAction::kSearchRecords,
                         AccessAction::kExportForm, AccessAction::kExportCsv,
                         AccessAction::kListDueForDestruction, AccessAction::kListAccessLog}) {
    if (AccessActionName(a) == action) e.action = a;
  }
  e.target = StringColumn(rs, "target");
  e.record_unit_id = StringColumn(rs, "record_unit_id");
  e.reason = StringColumn(rs, "reason");
  const std::string outcome = StringColumn(rs, "outcome");
  for (AccessOutcome o :
       {AccessOutcome::kGranted, AccessOutcome::kDenied, AccessOutcome::kRefused}) {
    if (AccessOutcomeName(o) == outcome) e.outcome = o;
  }
  e.result_count = rs.getInt("result_count");
  e.detail = StringColumn(rs, "detail");
  return e;
}

// Reads at most page_size rows of `rs` (queried with LIMIT page_size + 1) into `items`. Returns the
// cursor of the last item kept when a further row exists, 0 when this is the last page.
template <typename Item, typename ReadRow, typename CursorOf>
int64_t ReadPage(sql::ResultSet& rs, int page_size, std::vector<Item>& items, ReadRow read_row,
                 CursorOf cursor_of) {
  while (rs.next()) {
    if (static_cast<int>(items.size()) == page_size) return cursor_of(items.back());
    items.push_back(read_row(rs));
  }
  return 0;
}

// Logs the read, in the reading transaction, with the number of results it returned.
template <typename Item>
void InsertAccessOfPage(Transaction& tx, AccessEntry entry, const std::vector<Item>& items) {
  entry.result_count = static_cast<int>(items.size());
  InsertAccess(tx, entry);
}

// Adds `delta` records of `s`'s classification to the month's counts.
void CountInStatistics(Transaction& tx, const RecordSummary& s, int delta) {
  auto upsert = tx.Prepare(
      "INSERT INTO monthly_stats (closed_month, unit_id, kind, channel, business_line, "
      "routing_path, records, on_time) VALUES (?,?,?,?,?,?,?,?) ON DUPLICATE KEY UPDATE "
      "records = records + VALUES(records), on_time = on_time + VALUES(on_time)");
  Binder b(*upsert);
  b.String(s.closed_month);
  b.String(s.unit_id);
  b.Int(static_cast<int>(s.kind));
  b.Int(static_cast<int>(s.channel));
  b.String(s.business_line);
  b.Int(static_cast<int>(s.routing_path));
  b.Int(delta);
  b.Int(s.on_time ? delta : 0);
  upsert->executeUpdate();
}

void InsertVersion(Transaction& tx, int64_t record_id, int version, const VersionDraft& draft,
                   absl::Time now) {
  auto insert = tx.Prepare(
      "INSERT INTO record_versions (record_id, version, archived_at, archived_by, reason, "
      "source_message_id, content_sha256, document) VALUES (?,?,?,?,?,?,?,?)");
  Binder b(*insert);
  b.Int(record_id);
  b.Int(version);
  b.Time(now);
  b.String(Fit(draft.archived_by, 400));
  b.String(Fit(draft.reason, 1000));
  b.String(draft.source_message_id);
  b.String(draft.content_sha256);
  std::istringstream document(draft.document);
  insert->setBlob(8, &document);
  insert->executeUpdate();
}

// Binds the classification columns shared by INSERT and UPDATE of records, in this order:
// unit_name, time_zone, kind, channel, business_line, routing_path, overall_serial, serial_month,
// month_serial, received_at, closed_at, closed_month, on_time.
void BindSummary(Binder& b, const VersionDraft& draft) {
  const RecordSummary& s = draft.summary;
  b.String(draft.unit_name);
  b.String(draft.time_zone);
  b.Int(static_cast<int>(s.kind));
  b.Int(static_cast<int>(s.channel));
  b.String(s.business_line);
  b.Int(static_cast<int>(s.routing_path));
  b.Int(s.overall_serial);
  b.String(s.serial_month);
  b.Int(s.month_serial);
  b.Time(s.received_at);
  b.Time(s.closed_at);
  b.String(s.closed_month);
  b.Bool(s.on_time);
}

// Makes `draft` the locked `record`'s next version and moves its statistics.
void AppendVersionLocked(Transaction& tx, const ArchivedRecord& record, const VersionDraft& draft,
                         absl::Time now) {
  const int version = record.current_version + 1;
  CountInStatistics(tx, record.summary, -1);
  auto update = tx.Prepare(
      "UPDATE records SET unit_name = ?, time_zone = ?, kind = ?, channel = ?, business_line = ?, "
      "routing_path = ?, overall_serial = ?, serial_month = ?, month_serial = ?, received_at = ?, "
      "closed_at = ?, closed_month = ?, on_time = ?, current_version = ? WHERE record_id = ?");
  Binder b(*update);
  BindSummary(b, draft);
  b.Int(version);
  b.Int(record.record_id);
  update->executeUpdate();
  InsertVersion(tx, record.record_id, version, draft, now);
  CountInStatistics(tx, draft.summary, +1);
}

// WHERE conditions of a RecordFilter over `records r`, and their binders.
struct Conditions {
  std::vector<std::string> sql;
  std::vector<std::function<void(Binder&)>> binds;

  void Add(std::string condition, std::function<void(Binder&)> bind) {
    sql.push_back(std::move(condition));
    if (bind) binds.push_back(std::move(bind));
  }
  std::string Where() const {
    return sql.empty() ? "" : absl::StrCat(" WHERE ", absl::StrJoin(sql, " AND "));
  }
  void Bind(Binder& b) const {
    for (const auto& bind : binds) bind(b);
  }
};

Conditions ConditionsOf(const RecordFilter& f) {
  Conditions c;
  if (!f.unit_id.empty()) c.Add("r.unit_id = ?", [&f](Binder& b) { b.String(f.unit_id); });
  if (!f.closed_month.empty()) {
    c.Add("r.closed_month = ?", [&f](Binder& b) { b.String(f.closed_month); });
  }
  if (f.kind != TicketKind::kUnspecified) {
    c.Add("r.kind = ?", [&f](Binder& b) { b.Int(static_cast<int>(f.kind)); });
  }
  if (f.channel != Channel::kUnspecified) {
    c.Add("r.channel = ?", [&f](Binder& b) { b.Int(static_cast<int>(f.channel)); });
  }
  if (!f.business_line.empty()) {
    c.Add("r.business_line = ?", [&f](Binder& b) { b.String(f.business_line); });
  }
  if (f.routing_path != RoutingPath::kUnspecified) {
    c.Add("r.routing_path = ?", [&f](Binder& b) { b.Int(static_cast<int>(f.routing_path)); });
  }
  if (f.ticket_id != 0) c.Add("r.ticket_id = ?", [&f](Binder& b) { b.Int(f.ticket_id); });
  if (f.closed_from.has_value()) {
    c.Add("r.closed_at >= ?", [&f](Binder& b) { b.Time(*f.closed_from); });
  }
  if (f.closed_until.has_value()) {
    c.Add("r.closed_at < ?", [&f](Binder& b) { b.Time(*f.closed_until); });
  }
  if (!f.include_destroyed) c.Add("r.destroyed_at IS NULL", nullptr);
  return c;
}

MonthlyReport ReadReport(sql::ResultSet& rs) {
  MonthlyReport report;
  report.month = StringColumn(rs, "month");
  report.unit_id = StringColumn(rs, "unit_id");
  report.due = {TimeColumn(rs, "due_at"), StringColumn(rs, "due_calendar")};
  report.submitted_at = OptionalTimeColumn(rs, "submitted_at");
  report.submitted_by = StringColumn(rs, "submitted_by");
  report.analysis = StringColumn(rs, "analysis");
  report.records = rs.getInt64("records");
  report.miss_counted = rs.getBoolean("miss_counted");
  return report;
}

constexpr absl::string_view kReportColumns =
    "month, unit_id, due_at, due_calendar, submitted_at, submitted_by, analysis, records, "
    "miss_counted";

absl::StatusOr<absl::optional<MonthlyReport>> LoadReport(Transaction& tx, const std::string& month,
                                                         const std::string& unit_id,
                                                         bool for_update) {
  auto select = tx.Prepare(absl::StrCat("SELECT ", kReportColumns,
                                        " FROM monthly_reports WHERE month = ? AND unit_id = ?",
                                        for_update ? " FOR UPDATE" : ""));
  select->setString(1, month);
  select->setString(2, unit_id);
  std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
  if (!rs->next()) return absl::optional<MonthlyReport>();
  return absl::optional<MonthlyReport>(ReadReport(*rs));
}

}  // namespace

absl::StatusOr<ArchiveOutcome> MySqlArchiveStore::Archive(const std::string& message_id,
                                                          const std::string& source,
                                                          const VersionDraft& draft,
                                                          const Retention& retention,
                                                          absl::Time now) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<ArchiveOutcome> {
        ASSIGN_OR_RETURN(bool first, common::db::MarkProcessed(tx, message_id, source,
                                                               infrastructure_clock_.Now()));
        auto select = tx.Prepare(absl::StrCat(
            "SELECT ", kRecordColumns,
            ", v.content_sha256 FROM records r JOIN record_versions v "
            "ON v.record_id = r.record_id AND v.version = r.current_version WHERE r.ticket_id = ?",
            first ? " FOR UPDATE" : ""));
        select->setInt64(1, draft.summary.ticket_id);
        std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
        if (rs->next()) {
          const ArchivedRecord record = ReadRecordRow(*rs);
          if (!first || StringColumn(*rs, "content_sha256") == draft.content_sha256) {
            return ArchiveOutcome{record.record_id, record.current_version, true, false};
          }
          if (record.destruction.has_value()) {
            return absl::FailedPreconditionError(
                absl::StrCat(RecordIdText(record.record_id),
                             " was destroyed: new content for its ticket cannot be archived"));
          }
          AppendVersionLocked(tx, record, draft, now);
          return ArchiveOutcome{record.record_id, record.current_version + 1, false, false};
        }
        if (!first) return ArchiveOutcome{0, 0, true, false};
        auto insert = tx.Prepare(
            "INSERT INTO records (unit_name, time_zone, kind, channel, business_line, "
            "routing_path, overall_serial, serial_month, month_serial, received_at, closed_at, "
            "closed_month, on_time, ticket_id, unit_id, current_version, archived_at, "
            "retention_months, retain_until, retention_basis) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?,?,?)");
        Binder b(*insert);
        BindSummary(b, draft);
        b.Int(draft.summary.ticket_id);
        b.String(draft.summary.unit_id);
        b.Time(now);
        b.Int(retention.months);
        b.Time(retention.retain_until);
        b.String(Fit(retention.basis, 500));
        insert->executeUpdate();
        auto last = tx.Prepare("SELECT LAST_INSERT_ID() AS id");
        std::unique_ptr<sql::ResultSet> id_rs(last->executeQuery());
        id_rs->next();
        const int64_t record_id = id_rs->getInt64("id");
        InsertVersion(tx, record_id, 1, draft, now);
        CountInStatistics(tx, draft.summary, +1);
        return ArchiveOutcome{record_id, 1, false, true};
      });
}

absl::StatusOr<ArchiveOutcome> MySqlArchiveStore::AppendVersion(int64_t record_id,
                                                                const RequestKey& key,
                                                                const VersionDraft& draft,
                                                                const RecordCheck& check,
                                                                absl::Time now) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<ArchiveOutcome> {
        const std::string scope(kCorrectScope);
        ASSIGN_OR_RETURN(absl::optional<std::string> replay,
                         common::db::ClaimRequest(tx, scope, key.request_id, key.fingerprint,
                                                  infrastructure_clock_.Now()));
        if (replay.has_value()) {
          std::pair<std::string, std::string> parts = absl::StrSplit(*replay, ':');
          int version = 0;
          if (parts.first != absl::StrCat(record_id) || !absl::SimpleAtoi(parts.second, &version)) {
            return common::InvalidField(
                "request_id", "was already used for another record; use a new request_id");
          }
          return ArchiveOutcome{record_id, version, true, false};
        }
        ASSIGN_OR_RETURN(ArchivedRecord record, LoadRecord(tx, record_id, /*for_update=*/true));
        RETURN_IF_ERROR(check(record));
        AppendVersionLocked(tx, record, draft, now);
        RETURN_IF_ERROR(common::db::RecordResponse(
            tx, scope, key.request_id, absl::StrCat(record_id, ":", record.current_version + 1)));
        return ArchiveOutcome{record_id, record.current_version + 1, false, false};
      });
}

absl::StatusOr<RecordRead> MySqlArchiveStore::ReadRecord(int64_t record_id, int version,
                                                         const RecordCheck& authorize,
                                                         AccessEntry entry) {
  RecordRead read;
  absl::Status refusal;
  RETURN_IF_ERROR(common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::Status {
    read = RecordRead();  // a retried transaction starts over
    AccessEntry logged = entry;
    absl::StatusOr<ArchivedRecord> record = LoadRecord(tx, record_id, /*for_update=*/false);
    absl::Status status = record.status();
    if (status.code() != absl::StatusCode::kOk && status.code() != absl::StatusCode::kNotFound) {
      return status;
    }
    if (record.ok()) {
      logged.record_unit_id = record->summary.unit_id;
      status = authorize(*record);
    }
    if (status.ok()) {
      read.record = *std::move(record);
      read.version = version == 0 ? read.record.current_version : version;
      auto select =
          tx.Prepare("SELECT document FROM record_versions WHERE record_id = ? AND version = ?");
      select->setInt64(1, record_id);
      select->setInt(2, read.version);
      std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
      if (!rs->next()) {
        status =
            absl::NotFoundError(absl::StrCat(RecordIdText(record_id), " has no version ", version));
      } else if (!rs->isNull("document")) {
        read.document = StringColumn(*rs, "document");
      }
    }
    SetOutcome(logged, status);
    logged.result_count = status.ok() ? 1 : 0;
    InsertAccess(tx, logged);
    refusal = status;
    return absl::OkStatus();
  }));
  if (!refusal.ok()) return refusal;
  return read;
}

absl::StatusOr<RecordPage> MySqlArchiveStore::Search(const RecordFilter& filter, int64_t cursor,
                                                     int page_size, AccessEntry entry) {
  Conditions conditions = ConditionsOf(filter);
  if (cursor > 0) conditions.Add("r.record_id < ?", [cursor](Binder& b) { b.Int(cursor); });
  const std::string sql = absl::StrCat("SELECT ", kRecordColumns, " FROM records r",
                                       conditions.Where(), " ORDER BY r.record_id DESC LIMIT ?");
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<RecordPage> {
    auto select = tx.Prepare(sql);
    Binder b(*select);
    conditions.Bind(b);
    b.Int(page_size + 1);
    std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
    RecordPage page;
    page.next_cursor = ReadPage(*rs, page_size, page.records, ReadRecordRow,
                                [](const ArchivedRecord& r) { return r.record_id; });
    InsertAccessOfPage(tx, entry, page.records);
    return page;
  });
}

absl::StatusOr<DocumentPage> MySqlArchiveStore::ReadDocuments(const RecordFilter& filter,
                                                              int64_t cursor, int page_size,
                                                              AccessEntry entry) {
  Conditions conditions = ConditionsOf(filter);
  if (cursor > 0) conditions.Add("r.record_id > ?", [cursor](Binder& b) { b.Int(cursor); });
  const std::string sql =
      absl::StrCat("SELECT ", kRecordColumns,
                   ", v.document FROM records r JOIN record_versions v "
                   "ON v.record_id = r.record_id AND v.version = r.current_version",
                   conditions.Where(), " ORDER BY r.record_id LIMIT ?");
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<DocumentPage> {
    auto select = tx.Prepare(sql);
    Binder b(*select);
    conditions.Bind(b);
    b.Int(page_size + 1);
    std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
    DocumentPage page;
    page.next_cursor = ReadPage(
        *rs, page_size, page.records,
        [](sql::ResultSet& row) {
          RecordRead read;
          read.record = ReadRecordRow(row);
          read.version = read.record.current_version;
          if (!row.isNull("document")) read.document = StringColumn(row, "document");
          return read;
        },
        [](const RecordRead& r) { return r.record.record_id; });
    InsertAccessOfPage(tx, entry, page.records);
    return page;
  });
}

absl::StatusOr<RecordPage> MySqlArchiveStore::ListDue(const std::string& unit_id, absl::Time now,
                                                      int64_t cursor, int page_size,
                                                      AccessEntry entry) {
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<RecordPage> {
    auto select = tx.Prepare(
        absl::StrCat("SELECT ", kRecordColumns,
                     " FROM records r WHERE r.destroyed_at IS NULL AND r.legal_hold = FALSE AND "
                     "r.retain_until <= ? AND r.record_id > ?",
                     unit_id.empty() ? "" : " AND r.unit_id = ?", " ORDER BY r.record_id LIMIT ?"));
    Binder b(*select);
    b.Time(now);
    b.Int(cursor);
    if (!unit_id.empty()) b.String(unit_id);
    b.Int(page_size + 1);
    std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
    RecordPage page;
    page.next_cursor = ReadPage(*rs, page_size, page.records, ReadRecordRow,
                                [](const ArchivedRecord& r) { return r.record_id; });
    InsertAccessOfPage(tx, entry, page.records);
    return page;
  });
}

absl::StatusOr<AccessLogPage> MySqlArchiveStore::ListAccessLog(const AccessLogFilter& filter,
                                                               int64_t cursor, int page_size,
                                                               AccessEntry entry) {
  Conditions c;
  if (!filter.user.empty()) c.Add("actor = ?", [&filter](Binder& b) { b.String(filter.user); });
  if (!filter.record_unit_id.empty()) {
    c.Add("record_unit_id = ?", [&filter](Binder& b) { b.String(filter.record_unit_id); });
  }
  if (!filter.target.empty()) {
    c.Add("target = ?", [&filter](Binder& b) { b.String(filter.target); });
  }
  if (filter.from.has_value()) c.Add("at >= ?", [&filter](Binder& b) { b.Time(*filter.from); });
  if (filter.until.has_value()) c.Add("at < ?", [&filter](Binder& b) { b.Time(*filter.until); });
  if (cursor > 0) c.Add("id < ?", [cursor](Binder& b) { b.Int(cursor); });
  const std::string sql = absl::StrCat(
      "SELECT id, at, actor, actor_role, caller_unit_id, action, target, record_unit_id, reason, "
      "outcome, result_count, detail FROM access_log",
      c.Where(), " ORDER BY id DESC LIMIT ?");
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<AccessLogPage> {
    // Logged first, so the page shows the read that fetched it; its count is unknown then.
    InsertAccess(tx, entry);
    auto select = tx.Prepare(sql);
    Binder b(*select);
    c.Bind(b);
    b.Int(page_size + 1);
    std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
    AccessLogPage page;
    page.next_cursor = ReadPage(*rs, page_size, page.entries, ReadAccessRow,
                                [](const AccessEntry& e) { return e.id; });
    return page;
  });
}

absl::Status MySqlArchiveStore::LogAccess(const AccessEntry& entry) {
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::Status {
    InsertAccess(tx, entry);
    return absl::OkStatus();
  });
}

absl::StatusOr<ArchivedRecord> MySqlArchiveStore::SetLegalHold(int64_t record_id, bool hold,
                                                               const std::string& reason,
                                                               const std::string& actor,
                                                               absl::Time now) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<ArchivedRecord> {
        ASSIGN_OR_RETURN(ArchivedRecord record, LoadRecord(tx, record_id, /*for_update=*/true));
        if (record.destroyed()) {
          return absl::FailedPreconditionError(absl::StrCat(
              RecordIdText(record_id), " was destroyed: there is nothing left to hold"));
        }
        auto update = tx.Prepare(
            "UPDATE records SET legal_hold = ?, hold_reason = ?, hold_set_by = ?, hold_set_at = ? "
            "WHERE record_id = ?");
        Binder b(*update);
        b.Bool(hold);
        b.String(Fit(reason, 500));
        b.String(Fit(actor, 400));
        b.Time(now);
        b.Int(record_id);
        update->executeUpdate();
        auto event = tx.Prepare(
            "INSERT INTO legal_hold_events (record_id, at, actor, held, reason) "
            "VALUES (?,?,?,?,?)");
        Binder e(*event);
        e.Int(record_id);
        e.Time(now);
        e.String(Fit(actor, 400));
        e.Bool(hold);
        e.String(Fit(reason, 500));
        event->executeUpdate();
        record.hold = {hold, reason, actor, now};
        return record;
      });
}

absl::StatusOr<std::vector<RetentionPolicy>> MySqlArchiveStore::ListRetentionOverrides() {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<RetentionPolicy>> {
        auto select = tx.Prepare(
            "SELECT unit_id, retention_months, set_by, set_at, reason FROM retention_overrides "
            "ORDER BY unit_id");
        std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
        std::vector<RetentionPolicy> policies;
        while (rs->next()) {
          RetentionPolicy policy;
          policy.unit_id = StringColumn(*rs, "unit_id");
          policy.months = rs->getInt("retention_months");
          policy.source = RetentionSource::kRpc;
          policy.set_by = StringColumn(*rs, "set_by");
          policy.set_at = TimeColumn(*rs, "set_at");
          policy.note = StringColumn(*rs, "reason");
          policies.push_back(std::move(policy));
        }
        return policies;
      });
}

absl::Status MySqlArchiveStore::SetRetentionOverride(const RetentionPolicy& policy) {
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::Status {
    for (absl::string_view sql :
         {"INSERT INTO retention_overrides (unit_id, retention_months, set_by, set_at, reason) "
          "VALUES (?,?,?,?,?) ON DUPLICATE KEY UPDATE retention_months = VALUES(retention_months), "
          "set_by = VALUES(set_by), set_at = VALUES(set_at), reason = VALUES(reason)",
          "INSERT INTO retention_changes (unit_id, retention_months, set_by, set_at, reason) "
          "VALUES (?,?,?,?,?)"}) {
      auto statement = tx.Prepare(sql);
      Binder b(*statement);
      b.String(policy.unit_id);
      b.Int(policy.months);
      b.String(Fit(policy.set_by, 400));
      b.Time(policy.set_at.value_or(absl::UnixEpoch()));
      b.String(Fit(policy.note, 500));
      statement->executeUpdate();
    }
    return absl::OkStatus();
  });
}

absl::StatusOr<DestructionCertificate> MySqlArchiveStore::Destroy(
    int64_t record_id, const RequestKey& key, const DestructionDecision& decide) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<DestructionCertificate> {
        const std::string scope(kDestroyScope);
        ASSIGN_OR_RETURN(absl::optional<std::string> replay,
                         common::db::ClaimRequest(tx, scope, key.request_id, key.fingerprint,
                                                  infrastructure_clock_.Now()));
        if (replay.has_value()) {
          if (*replay != absl::StrCat(record_id)) {
            return common::InvalidField(
                "request_id", "was already used for another record; use a new request_id");
          }
          return LoadCertificate(tx, record_id);
        }
        ASSIGN_OR_RETURN(ArchivedRecord record, LoadRecord(tx, record_id, /*for_update=*/true));
        ASSIGN_OR_RETURN(DestructionCertificate c, decide(record));
        auto insert = tx.Prepare(
            "INSERT INTO destruction_certificates (record_id, ticket_id, unit_id, destroyed_by, "
            "destroyed_at, reason, retention_basis, retention_months, retain_until, closed_at, "
            "archived_at, content_sha256, versions) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
        Binder b(*insert);
        b.Int(record_id);
        b.Int(c.ticket_id);
        b.String(c.unit_id);
        b.String(Fit(c.destroyed_by, 400));
        b.Time(c.destroyed_at);
        b.String(Fit(c.reason, 500));
        b.String(Fit(c.retention_basis, 500));
        b.Int(c.retention_months);
        b.Time(c.retain_until);
        b.Time(c.closed_at);
        b.Time(c.archived_at);
        b.String(c.content_sha256);
        b.Int(c.versions);
        insert->executeUpdate();
        // The personal content goes: every version's document and the correction reasons (free
        // text that may quote it). Hashes, dates and the classification stay.
        auto wipe = tx.Prepare(
            "UPDATE record_versions SET document = NULL, reason = '' WHERE record_id = ?");
        wipe->setInt64(1, record_id);
        wipe->executeUpdate();
        auto mark = tx.Prepare("UPDATE records SET destroyed_at = ? WHERE record_id = ?");
        mark->setString(1, FormatSqlTime(c.destroyed_at));
        mark->setInt64(2, record_id);
        mark->executeUpdate();
        RETURN_IF_ERROR(
            common::db::RecordResponse(tx, scope, key.request_id, absl::StrCat(record_id)));
        return LoadCertificate(tx, record_id);
      });
}

absl::StatusOr<std::vector<UnitCount>> MySqlArchiveStore::CountDueForDestruction(absl::Time now) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<UnitCount>> {
        auto select = tx.Prepare(
            "SELECT unit_id, COUNT(*) AS n FROM records WHERE destroyed_at IS NULL AND "
            "legal_hold = FALSE AND retain_until <= ? GROUP BY unit_id ORDER BY unit_id");
        select->setString(1, FormatSqlTime(now));
        std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
        std::vector<UnitCount> counts;
        while (rs->next()) counts.push_back({StringColumn(*rs, "unit_id"), rs->getInt64("n")});
        return counts;
      });
}

absl::StatusOr<std::vector<StatisticsRow>> MySqlArchiveStore::MonthlyCounts(
    const std::string& month, const std::string& unit_id) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<StatisticsRow>> {
        auto select = tx.Prepare(absl::StrCat(
            "SELECT unit_id, kind, channel, business_line, routing_path, records, on_time "
            "FROM monthly_stats WHERE closed_month = ? AND records > 0",
            unit_id.empty() ? "" : " AND unit_id = ?"));
        select->setString(1, month);
        if (!unit_id.empty()) select->setString(2, unit_id);
        std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
        std::vector<StatisticsRow> rows;
        while (rs->next()) {
          rows.push_back({StringColumn(*rs, "unit_id"), static_cast<TicketKind>(rs->getInt("kind")),
                          static_cast<Channel>(rs->getInt("channel")),
                          StringColumn(*rs, "business_line"),
                          static_cast<RoutingPath>(rs->getInt("routing_path")),
                          rs->getInt64("records"), rs->getInt64("on_time")});
        }
        return rows;
      });
}

absl::Status MySqlArchiveStore::RebuildMonthlyStatistics() {
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::Status {
    tx.Execute("DELETE FROM monthly_stats");
    tx.Execute(
        "INSERT INTO monthly_stats (closed_month, unit_id, kind, channel, business_line, "
        "routing_path, records, on_time) SELECT closed_month, unit_id, kind, channel, "
        "business_line, routing_path, COUNT(*), SUM(on_time) FROM records GROUP BY closed_month, "
        "unit_id, kind, channel, business_line, routing_path");
    return absl::OkStatus();
  });
}

absl::StatusOr<SubmitOutcome> MySqlArchiveStore::SubmitMonthlyReport(const MonthlyReport& report,
                                                                     const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  const std::string response = absl::StrCat(report.unit_id, "|", report.month);
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<SubmitOutcome> {
    const std::string scope(kSubmitScope);
    ASSIGN_OR_RETURN(absl::optional<std::string> replay,
                     common::db::ClaimRequest(tx, scope, key.request_id, key.fingerprint,
                                              infrastructure_clock_.Now()));
    if (replay.has_value()) {
      if (*replay != response) {
        return common::InvalidField("request_id",
                                    "was already used for another report; use a new request_id");
      }
      ASSIGN_OR_RETURN(absl::optional<MonthlyReport> stored,
                       LoadReport(tx, report.month, report.unit_id, false));
      if (!stored.has_value()) return absl::InternalError("replayed report is missing");
      return SubmitOutcome{*std::move(stored), true};
    }
    ASSIGN_OR_RETURN(absl::optional<MonthlyReport> existing,
                     LoadReport(tx, report.month, report.unit_id, true));
    if (existing.has_value() && existing->submitted()) {
      return absl::FailedPreconditionError(absl::StrCat(
          "the report of ", report.unit_id, " on ", report.month, " was already submitted at ",
          FormatSqlTime(*existing->submitted_at), " UTC by ", existing->submitted_by));
    }
    auto upsert = tx.Prepare(
        "INSERT INTO monthly_reports (month, unit_id, due_at, due_calendar, submitted_at, "
        "submitted_by, analysis, records, miss_counted) VALUES (?,?,?,?,?,?,?,?,FALSE) "
        "ON DUPLICATE KEY UPDATE due_at = VALUES(due_at), due_calendar = "
        "VALUES(due_calendar), submitted_at = VALUES(submitted_at), submitted_by = "
        "VALUES(submitted_by), analysis = VALUES(analysis), records = VALUES(records)");
    Binder b(*upsert);
    b.String(report.month);
    b.String(report.unit_id);
    b.Time(report.due.at);
    b.String(report.due.calendar_version);
    b.OptionalTime(report.submitted_at);
    b.String(Fit(report.submitted_by, 400));
    b.String(report.analysis);
    b.Int(report.records);
    upsert->executeUpdate();
    RETURN_IF_ERROR(common::db::RecordResponse(tx, scope, key.request_id, response));
    MonthlyReport stored = report;
    stored.miss_counted = existing.has_value() && existing->miss_counted;
    return SubmitOutcome{std::move(stored), false};
  });
}

absl::StatusOr<std::vector<MonthlyReport>> MySqlArchiveStore::ListMonthlyReports(
    const std::string& month) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<MonthlyReport>> {
        auto select = tx.Prepare(absl::StrCat("SELECT ", kReportColumns,
                                              " FROM monthly_reports WHERE month = ? "
                                              "ORDER BY unit_id"));
        select->setString(1, month);
        std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
        std::vector<MonthlyReport> reports;
        while (rs->next()) reports.push_back(ReadReport(*rs));
        return reports;
      });
}

absl::StatusOr<std::vector<std::string>> MySqlArchiveStore::ClaimMissedMonthlyReports(
    const std::string& month, const std::vector<std::string>& unit_ids,
    const common::Deadline& due) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<std::string>> {
        std::vector<std::string> missed;
        for (const std::string& unit : unit_ids) {
          // The primary key makes the claim exactly-once: a replica that inserts nothing lost the
          // race (or the unit submitted).
          auto insert = tx.Prepare(
              "INSERT IGNORE INTO monthly_reports (month, unit_id, due_at, due_calendar, "
              "analysis, miss_counted) VALUES (?,?,?,?,'',TRUE)");
          Binder b(*insert);
          b.String(month);
          b.String(unit);
          b.Time(due.at);
          b.String(due.calendar_version);
          if (insert->executeUpdate() == 1) missed.push_back(unit);
        }
        return missed;
      });
}

}  // namespace cs::archive
