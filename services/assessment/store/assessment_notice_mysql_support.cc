#include "services/assessment/store/assessment_notice_mysql_support.h"

#include <cppconn/resultset.h>

#include <memory>

#include "absl/strings/numbers.h"

namespace cs::assessment::notice_mysql_internal {

using common::db::StringColumn;
using common::db::TimeColumn;

absl::StatusOr<int64_t> ParseIdResponse(const std::string& response) {
  int64_t id = 0;
  if (!absl::SimpleAtoi(response, &id)) {
    return absl::InternalError("stored idempotent response is not a row id");
  }
  return id;
}

std::string IdList(const std::vector<int64_t>& ids) {
  return common::db::Placeholders(static_cast<int>(ids.size()));
}

void BindIds(Binder& b, const std::vector<int64_t>& ids) {
  for (int64_t id : ids) b.Int(id);
}

absl::flat_hash_map<int64_t, std::vector<HistoryEntry>> LoadHistory(
    Transaction& tx, absl::string_view table, absl::string_view owner,
    const std::vector<int64_t>& ids) {
  absl::flat_hash_map<int64_t, std::vector<HistoryEntry>> history;
  if (ids.empty()) return history;
  sql::PreparedStatement& select = tx.PrepareCached(absl::StrCat(
      "SELECT ", owner, " AS owner_id, sequence, at, actor, event, detail FROM ", table, " WHERE ",
      owner, " IN ", IdList(ids), " ORDER BY ", owner, ", position"));
  Binder b(select);
  BindIds(b, ids);
  std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
  while (rs->next()) {
    history[rs->getInt64("owner_id")].push_back(
        {rs->getInt("sequence"), TimeColumn(*rs, "at"), StringColumn(*rs, "actor"),
         StringColumn(*rs, "event"), StringColumn(*rs, "detail")});
  }
  return history;
}

void AppendHistory(Transaction& tx, absl::string_view table, absl::string_view owner, int64_t id,
                   const std::vector<HistoryEntry>& history, size_t from) {
  if (history.size() <= from) return;
  sql::PreparedStatement& insert = tx.PrepareCached(absl::StrCat(
      "INSERT INTO ", table, " (", owner, ", position, sequence, at, actor, event, detail) VALUES ",
      common::db::RowsOfPlaceholders(static_cast<int>(history.size() - from), 7)));
  Binder b(insert);
  for (size_t i = from; i < history.size(); ++i) {
    const HistoryEntry& e = history[i];
    b.Int(id);
    b.Int(static_cast<int64_t>(i));
    b.Int(e.sequence);
    b.Time(e.at);
    b.String(e.actor);
    b.String(e.event);
    b.String(e.detail);
  }
  insert.executeUpdate();
}

}  // namespace cs::assessment::notice_mysql_internal
