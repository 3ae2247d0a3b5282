#include "services/archive/store/mysql_record_store.h"

#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <functional>
#include <memory>
#include <sstream>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/db/idempotency.h"
#include "common/db/inbox.h"
#include "common/db/sql_time.h"
#include "common/db/statement_helpers.h"
#include "common/db/transaction.h"
#include "common/status/error_reason.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"
#include "services/archive/store/mysql_access_log_store.h"
#include "services/archive/store/mysql_monthly_report_store.h"
#include "services/archive/store/mysql_store_support.h"

namespace cs::archive {
namespace {

using common::db::OptionalTimeColumn;
using common::db::StringColumn;
using common::db::TimeColumn;

using common::db::FormatSqlTime;
using common::db::Transaction;
using mysql_internal::Binder;
using mysql_internal::Conditions;
using mysql_internal::Fit;
using mysql_internal::ReadPage;

constexpr absl::string_view kCorrectScope = "archive.CorrectRecord";
constexpr absl::string_view kDestroyScope = "archive.DestroyRecord";

constexpr absl::string_view kRecordColumns =
    "r.record_id, r.ticket_id, r.unit_id, r.unit_name, r.time_zone, r.kind, r.channel, "
    "r.business_line, r.routing_path, r.overall_serial, r.serial_month, r.month_serial, "
    "r.received_at, r.closed_at, r.closed_month, r.on_time, r.current_version, r.archived_at, "
    "r.retention_months, r.retain_until, r.retention_basis, r.legal_hold, r.hold_reason, "
    "r.hold_set_by, r.hold_set_at, r.destroyed_at";

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

// Logs the read, in the reading transaction (V3), with the number of results it returned.
template <typename Item>
void InsertAccessOfPage(Transaction& tx, AccessEntry entry, const std::vector<Item>& items) {
  entry.result_count = static_cast<int>(items.size());
  InsertAccessEntry(tx, entry);
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
  CountInMonthlyStatistics(tx, record.summary, -1);
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
  CountInMonthlyStatistics(tx, draft.summary, +1);
}

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

}  // namespace

absl::StatusOr<ArchiveOutcome> MySqlRecordStore::Archive(const std::string& message_id,
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
            return common::WithReason(
                absl::FailedPreconditionError(
                    absl::StrCat(RecordIdText(record.record_id),
                                 " was destroyed: new content for its ticket cannot be archived")),
                reason::kRecordDestroyed);
          }
          AppendVersionLocked(tx, record, draft, now);
          tx.NoteChange(absl::StrCat("record ", RecordIdText(record.record_id)));
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
        CountInMonthlyStatistics(tx, draft.summary, +1);
        tx.NoteChange(absl::StrCat("record ", RecordIdText(record_id)));
        return ArchiveOutcome{record_id, 1, false, true};
      });
}

absl::StatusOr<ArchiveOutcome> MySqlRecordStore::AppendVersion(int64_t record_id,
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
            return common::RequestIdReused(
                "was already used for another record; use a new request_id");
          }
          return ArchiveOutcome{record_id, version, true, false};
        }
        ASSIGN_OR_RETURN(ArchivedRecord record, LoadRecord(tx, record_id, /*for_update=*/true));
        RETURN_IF_ERROR(check(record));
        AppendVersionLocked(tx, record, draft, now);
        tx.NoteChange(absl::StrCat("record ", RecordIdText(record_id)));
        RETURN_IF_ERROR(common::db::RecordResponse(
            tx, scope, key.request_id, absl::StrCat(record_id, ":", record.current_version + 1)));
        return ArchiveOutcome{record_id, record.current_version + 1, false, false};
      });
}

absl::StatusOr<RecordRead> MySqlRecordStore::ReadRecord(int64_t record_id, int version,
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
    InsertAccessEntry(tx, logged);
    refusal = status;
    return absl::OkStatus();
  }));
  if (!refusal.ok()) return refusal;
  return read;
}

absl::StatusOr<RecordPage> MySqlRecordStore::Search(const RecordFilter& filter, int64_t cursor,
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

absl::StatusOr<DocumentPage> MySqlRecordStore::ReadDocuments(const RecordFilter& filter,
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

absl::StatusOr<RecordPage> MySqlRecordStore::ListDue(const std::string& unit_id, absl::Time now,
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

absl::StatusOr<ArchivedRecord> MySqlRecordStore::SetLegalHold(int64_t record_id, bool hold,
                                                              const std::string& reason,
                                                              const std::string& actor,
                                                              absl::Time now) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<ArchivedRecord> {
        ASSIGN_OR_RETURN(ArchivedRecord record, LoadRecord(tx, record_id, /*for_update=*/true));
        if (record.destroyed()) {
          return common::WithReason(
              absl::FailedPreconditionError(absl::StrCat(
                  RecordIdText(record_id), " was destroyed: there is nothing left to hold")),
              reason::kRecordDestroyed);
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
        tx.NoteChange(absl::StrCat("record ", RecordIdText(record_id)));
        record.hold = {hold, reason, actor, now};
        return record;
      });
}

absl::StatusOr<DestructionCertificate> MySqlRecordStore::Destroy(
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
            return common::RequestIdReused(
                "was already used for another record; use a new request_id");
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
        tx.NoteChange(absl::StrCat("record ", RecordIdText(record_id)));
        RETURN_IF_ERROR(
            common::db::RecordResponse(tx, scope, key.request_id, absl::StrCat(record_id)));
        return LoadCertificate(tx, record_id);
      });
}

absl::StatusOr<std::vector<UnitCount>> MySqlRecordStore::CountDueForDestruction(absl::Time now) {
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

}  // namespace cs::archive
