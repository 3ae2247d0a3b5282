#include "services/archive/store/mysql_access_log_store.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/db/statement_helpers.h"
#include "services/archive/store/mysql_store_support.h"

namespace cs::archive {
namespace {

using common::db::StringColumn;
using common::db::TimeColumn;
using common::db::Transaction;
using mysql_internal::Binder;
using mysql_internal::Conditions;
using mysql_internal::Fit;
using mysql_internal::ReadPage;

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

}  // namespace

void InsertAccessEntry(Transaction& tx, const AccessEntry& entry) {
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

absl::StatusOr<AccessLogPage> MySqlAccessLogStore::ListAccessLog(const AccessLogFilter& filter,
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
    InsertAccessEntry(tx, entry);
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

absl::Status MySqlAccessLogStore::LogAccess(const AccessEntry& entry) {
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::Status {
    InsertAccessEntry(tx, entry);
    return absl::OkStatus();
  });
}

}  // namespace cs::archive
