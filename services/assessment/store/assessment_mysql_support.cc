#include "services/assessment/store/assessment_mysql_support.h"

#include <cppconn/datatype.h>
#include <cppconn/exception.h>

namespace cs::assessment::mysql_internal {

using common::db::StringColumn;
using common::db::TimeColumn;

void Binder::OptionalBool(const absl::optional<bool>& value) {
  if (value.has_value()) {
    statement_.setBoolean(index_++, *value);
  } else {
    statement_.setNull(index_++, sql::DataType::TINYINT);
  }
}

void Binder::Double(double value) { statement_.setDouble(index_++, value); }

void Binder::OptionalDouble(const absl::optional<double>& value) {
  if (value.has_value()) {
    statement_.setDouble(index_++, *value);
  } else {
    statement_.setNull(index_++, sql::DataType::DOUBLE);
  }
}

void Binder::OptionalInt(const absl::optional<int64_t>& value) {
  if (value.has_value()) {
    statement_.setInt64(index_++, *value);
  } else {
    statement_.setNull(index_++, sql::DataType::BIGINT);
  }
}

void Binder::Day(absl::CivilDay day) { statement_.setString(index_++, absl::FormatCivilTime(day)); }

absl::optional<double> OptionalDoubleColumn(sql::ResultSet& rs, const char* column) {
  if (rs.isNull(column)) return absl::nullopt;
  return static_cast<double>(rs.getDouble(column));
}

absl::optional<int64_t> OptionalIntColumn(sql::ResultSet& rs, const char* column) {
  if (rs.isNull(column)) return absl::nullopt;
  return static_cast<int64_t>(rs.getInt64(column));
}

absl::CivilDay DayColumn(sql::ResultSet& rs, const char* column) {
  const std::string text = StringColumn(rs, column);
  absl::CivilDay day;
  if (!absl::ParseCivilTime(text, &day)) {
    throw sql::SQLException(absl::StrCat("corrupt day in column ", column), "HY000", 0);
  }
  return day;
}

std::string IdList(const std::vector<int64_t>& ids) {
  return common::db::Placeholders(static_cast<int>(ids.size()));
}

int64_t InsertRow(Transaction& tx, absl::string_view table, absl::string_view columns,
                  absl::FunctionRef<void(Binder&)> bind) {
  sql::PreparedStatement& insert = tx.PrepareCached(
      absl::StrCat("INSERT INTO ", table, " (", columns, ") VALUES ",
                   common::db::Placeholders(common::db::ColumnCount(columns)), " RETURNING id"));
  Binder b(insert);
  bind(b);
  std::unique_ptr<sql::ResultSet> rs(insert.executeQuery());
  rs->next();
  return rs->getInt64("id");
}

void UpdateRow(Transaction& tx, absl::string_view table, absl::string_view columns, int64_t id,
               absl::FunctionRef<void(Binder&)> bind) {
  sql::PreparedStatement& update = tx.PrepareCached(
      absl::StrCat("UPDATE ", table, " SET ", common::db::Assignments(columns), " WHERE id = ?"));
  Binder b(update);
  bind(b);
  b.Int(id);
  update.executeUpdate();
}

void BindFinding(Binder& b, const absl::optional<Finding>& f) {
  b.String(f.has_value() ? f->unit_id : "");
  b.String(f.has_value() ? f->source_id : "");
  b.String(f.has_value() ? f->clause : "");
  b.String(f.has_value() ? f->finding : "");
  b.String(f.has_value() ? f->evidence : "");
  b.OptionalTime(f.has_value() ? absl::optional<absl::Time>(f->found_at) : absl::nullopt);
}

absl::optional<Finding> FindingColumns(sql::ResultSet& rs, absl::string_view prefix) {
  auto column = [&](absl::string_view name) { return absl::StrCat(prefix, "_", name); };
  absl::optional<absl::Time> found = common::db::OptionalTimeColumn(rs, column("found_at").c_str());
  if (!found.has_value()) return absl::nullopt;
  return Finding{
      StringColumn(rs, column("unit_id").c_str()),  StringColumn(rs, column("source_id").c_str()),
      StringColumn(rs, column("clause").c_str()),   StringColumn(rs, column("finding").c_str()),
      StringColumn(rs, column("evidence").c_str()), *found};
}

void ForEachChild(Transaction& tx, absl::string_view table, absl::string_view owner,
                  absl::string_view columns, absl::string_view order,
                  const std::vector<int64_t>& ids,
                  absl::FunctionRef<void(int64_t owner, sql::ResultSet& rs)> read) {
  if (ids.empty()) return;
  sql::PreparedStatement& select = tx.PrepareCached(
      absl::StrCat("SELECT ", owner, " AS owner_id, ", columns, " FROM ", table, " WHERE ", owner,
                   " IN ", IdList(ids), " ORDER BY ", owner, ", ", order));
  Binder b(select);
  b.Ids(ids);
  std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
  while (rs->next()) read(rs->getInt64("owner_id"), *rs);
}

absl::flat_hash_map<int64_t, std::vector<HistoryEntry>> LoadHistoryOf(
    Transaction& tx, const HistoryTable& table, const std::vector<int64_t>& ids) {
  absl::flat_hash_map<int64_t, std::vector<HistoryEntry>> history;
  ForEachChild(tx, table.table, table.owner, "sequence, at, actor, event, detail",
               table.positioned ? "position" : "sequence", ids,
               [&](int64_t owner, sql::ResultSet& rs) {
                 history[owner].push_back({rs.getInt("sequence"), TimeColumn(rs, "at"),
                                           StringColumn(rs, "actor"), StringColumn(rs, "event"),
                                           StringColumn(rs, "detail")});
               });
  return history;
}

void AppendChildren(Transaction& tx, absl::string_view table, absl::string_view owner,
                    absl::string_view columns, int64_t id, size_t from, size_t to,
                    absl::FunctionRef<void(Binder& b, size_t i)> bind) {
  if (to <= from) return;
  sql::PreparedStatement& insert = tx.PrepareCached(
      absl::StrCat("INSERT INTO ", table, " (", owner, ", position, ", columns, ") VALUES ",
                   common::db::RowsOfPlaceholders(static_cast<int>(to - from),
                                                  2 + common::db::ColumnCount(columns))));
  Binder b(insert);
  for (size_t i = from; i < to; ++i) {
    b.Int(id);
    b.Int(static_cast<int64_t>(i));
    bind(b, i);
  }
  insert.executeUpdate();
}

void AppendHistory(Transaction& tx, const HistoryTable& table, int64_t id,
                   const std::vector<HistoryEntry>& history, size_t from) {
  auto bind = [&](Binder& b, size_t i) {
    const HistoryEntry& e = history[i];
    b.Int(e.sequence);
    b.Time(e.at);
    b.String(e.actor);
    b.String(e.event);
    b.String(e.detail);
  };
  constexpr absl::string_view kColumns = "sequence, at, actor, event, detail";
  if (table.positioned) {
    AppendChildren(tx, table.table, table.owner, kColumns, id, from, history.size(), bind);
    return;
  }
  if (history.size() <= from) return;
  sql::PreparedStatement& insert = tx.PrepareCached(
      absl::StrCat("INSERT INTO ", table.table, " (", table.owner, ", ", kColumns, ") VALUES ",
                   common::db::RowsOfPlaceholders(static_cast<int>(history.size() - from), 6)));
  Binder b(insert);
  for (size_t i = from; i < history.size(); ++i) {
    b.Int(id);
    bind(b, i);
  }
  insert.executeUpdate();
}

}  // namespace cs::assessment::mysql_internal
