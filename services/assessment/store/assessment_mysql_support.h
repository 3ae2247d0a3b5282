// Pieces the assessment service's MySQL stores share, notices and records alike (library
// assessment_store_support_mysql; not for use outside services/assessment/store): a binder over
// common::db::ParameterBinder that also binds doubles, optional numbers and civil days, readers of
// those columns, IN lists of ids, the history tables, reading records with their children, pages,
// and the one transaction shape of every keyed create (common::db::CreateOnce) and keyed change
// (claim the key or replay it; load under lock; check the version; mutate; save; record the
// response). Stateless or confined to one statement; thread-safe as far as the statement is.
#ifndef CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_MYSQL_SUPPORT_H_
#define CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_MYSQL_SUPPORT_H_

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/db/connection_pool.h"
#include "common/db/idempotency.h"
#include "common/db/statement_helpers.h"
#include "common/db/transaction.h"
#include "common/status/status_macros.h"
#include "services/assessment/domain/records.h"
#include "services/assessment/store/assessment_store_support.h"

namespace cs::assessment::mysql_internal {

using common::db::Transaction;

// MySQL's duplicate-key error.
inline constexpr int kDuplicateKey = 1062;

// Binds values to consecutive placeholders from the first (common::db::ParameterBinder's kinds,
// and a few more).
class Binder final {
 public:
  explicit Binder(sql::PreparedStatement& statement) : statement_(statement) {}

  void String(const std::string& value) { Common().String(value); }
  void Int(int64_t value) { Common().Int(value); }
  void Bool(bool value) { Common().Bool(value); }
  void Time(absl::Time value) { Common().Time(value); }
  void Null() { Common().Null(); }
  void OptionalTime(const absl::optional<absl::Time>& value) { Common().OptionalTime(value); }
  void OptionalString(const absl::optional<std::string>& value) {
    Common().OptionalString(value.has_value(), value.value_or(""));
  }
  void OptionalBool(const absl::optional<bool>& value);
  void Double(double value);
  void OptionalDouble(const absl::optional<double>& value);
  void OptionalInt(const absl::optional<int64_t>& value);
  // "YYYY-MM-DD" into a DATE column.
  void Day(absl::CivilDay day);
  void Ids(const std::vector<int64_t>& ids) {
    for (int64_t id : ids) Int(id);
  }

 private:
  common::db::ParameterBinder Common() { return common::db::ParameterBinder(statement_, index_++); }

  sql::PreparedStatement& statement_;
  int index_ = 1;
};

// nullopt for SQL NULL.
absl::optional<double> OptionalDoubleColumn(sql::ResultSet& rs, const char* column);
absl::optional<int64_t> OptionalIntColumn(sql::ResultSet& rs, const char* column);
// A DATE column. Throws sql::SQLException (mapped to INTERNAL by RunInTransaction) when the text is
// not a day: a corrupt row.
absl::CivilDay DayColumn(sql::ResultSet& rs, const char* column);

// "(?,?,?)" for as many ids (bound with Binder::Ids).
std::string IdList(const std::vector<int64_t>& ids);

// A finding kept in six columns <prefix>_unit_id, _source_id, _clause, _finding, _evidence,
// _found_at (NULL when there is none): bound in that order, and read back.
void BindFinding(Binder& b, const absl::optional<Finding>& finding);
absl::optional<Finding> FindingColumns(sql::ResultSet& rs, absl::string_view prefix);

// Runs `read` on each row of the child table `table` (its `columns`, and the owner id) owned by one
// of `ids` (column `owner`), in owner, then `order` order.
void ForEachChild(Transaction& tx, absl::string_view table, absl::string_view owner,
                  absl::string_view columns, absl::string_view order,
                  const std::vector<int64_t>& ids,
                  absl::FunctionRef<void(int64_t owner, sql::ResultSet& rs)> read);

// The records read so far, by id, for attaching what child tables hold. `records` must outlive it
// and not grow.
template <typename T>
class RecordsById {
 public:
  RecordsById(std::vector<T>& records, int64_t (*id)(const T&)) {
    for (T& record : records) {
      ids_.push_back(id(record));
      by_id_[ids_.back()] = &record;
    }
  }
  const std::vector<int64_t>& ids() const { return ids_; }
  bool empty() const { return ids_.empty(); }
  T& at(int64_t id) const { return *by_id_.at(id); }

 private:
  std::vector<int64_t> ids_;
  absl::flat_hash_map<int64_t, T*> by_id_;
};

// Every row `select` returns, read by `read_row`, in its order.
template <typename T>
std::vector<T> ReadRows(sql::PreparedStatement& select, T (*read_row)(sql::ResultSet&)) {
  std::vector<T> rows;
  std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
  while (rs->next()) rows.push_back(read_row(*rs));
  return rows;
}

// A table of one kind of record's history (columns <owner>, [position,] sequence, at, actor,
// event, detail): kept in `position` order, or in `sequence` order where it has no position.
struct HistoryTable {
  absl::string_view table;
  absl::string_view owner;
  bool positioned = true;
};

// Inserts the entries [from, to) of record `id`'s list into the child table `table` (columns
// <owner>, position, then `columns`), each at its position (append-only); `bind` binds entry i's
// `columns`. Nothing when from >= to.
void AppendChildren(Transaction& tx, absl::string_view table, absl::string_view owner,
                    absl::string_view columns, int64_t id, size_t from, size_t to,
                    absl::FunctionRef<void(Binder& b, size_t i)> bind);

// The history of the records `ids` from `table`, by owner id, each in order.
absl::flat_hash_map<int64_t, std::vector<HistoryEntry>> LoadHistoryOf(
    Transaction& tx, const HistoryTable& table, const std::vector<int64_t>& ids);

// Loads the history of `records` from `table` into each one's list (`history_of`).
template <typename T>
void LoadHistory(Transaction& tx, const HistoryTable& table, const RecordsById<T>& records,
                 std::vector<HistoryEntry>& (*history_of)(T&)) {
  if (records.empty()) return;
  for (auto& [id, entries] : LoadHistoryOf(tx, table, records.ids())) {
    history_of(records.at(id)) = std::move(entries);
  }
}

// Inserts history[from..] of record `id` after the `from` entries stored (append-only).
void AppendHistory(Transaction& tx, const HistoryTable& table, int64_t id,
                   const std::vector<HistoryEntry>& history, size_t from);

// The record `select_all` + " WHERE id = ?" (+ FOR UPDATE) finds, read with its children by
// `read`; NOT_FOUND naming it.
template <typename T>
absl::StatusOr<T> LoadById(
    Transaction& tx, absl::string_view select_all, int64_t id, bool for_update,
    const std::function<std::vector<T>(Transaction&, sql::PreparedStatement&)>& read,
    const RecordKind& kind) {
  sql::PreparedStatement& select =
      tx.PrepareCached(absl::StrCat(select_all, " WHERE id = ?", for_update ? " FOR UPDATE" : ""));
  select.setInt64(1, id);
  std::vector<T> one = read(tx, select);
  if (one.empty()) return NotFound(kind, id);
  return std::move(one.front());
}

// The same for records of one row each, read by `read_row`.
template <typename T>
absl::StatusOr<T> LoadById(Transaction& tx, absl::string_view select_all, int64_t id,
                           bool for_update, T (*read_row)(sql::ResultSet&),
                           const RecordKind& kind) {
  return LoadById<T>(
      tx, select_all, id, for_update,
      [read_row](Transaction&, sql::PreparedStatement& select) {
        return ReadRows(select, read_row);
      },
      kind);
}

// Inserts one row of `columns` (a comma-separated list, `bind` binds them in order) into `table`
// and returns its id.
int64_t InsertRow(Transaction& tx, absl::string_view table, absl::string_view columns,
                  absl::FunctionRef<void(Binder&)> bind);
// Sets `columns` of the row `id` of `table` (`bind` binds them in order).
void UpdateRow(Transaction& tx, absl::string_view table, absl::string_view columns, int64_t id,
               absl::FunctionRef<void(Binder&)> bind);

// One page of records in one transaction: `select_all` + " WHERE id > ?" + `filter` (" AND …",
// whose placeholders `bind` binds) + " ORDER BY id LIMIT page_size + 1", read with their children
// by `read`. The page (at most page_size, >= 1 else INVALID_ARGUMENT naming page_size) and the
// next after_id (0: no further page).
template <typename T>
absl::StatusOr<std::pair<std::vector<T>, int64_t>> ReadPage(
    common::db::ConnectionPool& pool, absl::string_view select_all, absl::string_view filter,
    int64_t after_id, int page_size, absl::FunctionRef<void(Binder&)> bind,
    const std::function<std::vector<T>(Transaction&, sql::PreparedStatement&)>& read,
    int64_t (*id)(const T&)) {
  RETURN_IF_ERROR(CheckPageSize(page_size));
  const std::string sql = absl::StrCat(select_all, " WHERE id > ?", filter, " ORDER BY id LIMIT ?");
  return common::db::RunInTransaction(
      pool, [&](Transaction& tx) -> absl::StatusOr<std::pair<std::vector<T>, int64_t>> {
        sql::PreparedStatement& select = tx.PrepareCached(sql);
        Binder b(select);
        b.Int(after_id);
        bind(b);
        b.Int(static_cast<int64_t>(page_size) + 1);  // one more tells whether a page follows
        std::vector<T> rows = read(tx, select);
        if (static_cast<int>(rows.size()) <= page_size) {
          return std::make_pair(std::move(rows), int64_t{0});
        }
        rows.resize(page_size);
        const int64_t next = id(rows.back());
        return std::make_pair(std::move(rows), next);
      });
}

// A record kind's MySQL steps for KeyedCreate and KeyedMutate.
template <typename T>
struct MySqlRecordSteps {
  const RecordRules<T>& rules;
  // The complete record; NOT_FOUND when absent; `for_update` locks its row.
  std::function<absl::StatusOr<T>(Transaction&, int64_t id, bool for_update)> load;
  // Inserts the prepared record and its children, numbering it (rules.set_id) as soon as its row
  // has an id; returns the id.
  std::function<int64_t(Transaction&, T&)> insert;
  // Writes `saved` over `loaded` (row update, appended children). Unused by records never changed.
  std::function<void(Transaction&, const T& loaded, const T& saved)> update;
};

// Create in one transaction, idempotent by `key` under `scope` (common::db::CreateOnce): the draft
// prepared by the rules, then inserted. Returns the record and whether it was replayed.
template <typename T>
absl::StatusOr<std::pair<T, bool>> KeyedCreate(common::db::ConnectionPool& pool, absl::Time now,
                                               const MySqlRecordSteps<T>& steps, const T& draft,
                                               const RequestKey& key, absl::string_view scope) {
  ASSIGN_OR_RETURN(
      common::db::CreatedOnce<T> created,
      common::db::CreateOnce<T>(
          pool, scope, key, now,
          [&](Transaction& tx, int64_t id) { return steps.load(tx, id, /*for_update=*/false); },
          [&](Transaction& tx) -> absl::StatusOr<std::pair<int64_t, T>> {
            T stored = draft;  // a retried transaction starts from the draft again
            if (steps.rules.prepare != nullptr) steps.rules.prepare(stored);
            const int64_t id = steps.insert(tx, stored);
            tx.NoteChange(absl::StrCat(steps.rules.kind.another, " ", id));
            return std::make_pair(id, std::move(stored));
          }));
  return std::pair<T, bool>(std::move(created.value), created.replayed);
}

// A keyed change in one transaction (see NoticeStore::Mutate): the scope is `prefix` +
// options.scope.
template <typename T>
absl::StatusOr<std::pair<T, bool>> KeyedMutate(common::db::ConnectionPool& pool, absl::Time now,
                                               const MySqlRecordSteps<T>& steps, int64_t id,
                                               const MutationOptions& options,
                                               absl::string_view prefix,
                                               const std::function<absl::Status(T&)>& mutation) {
  std::string scope;
  RETURN_IF_ERROR(CheckMutationKey(options, prefix, &scope));
  const bool keyed = options.request_key.has_value();
  // A stale expected_version must roll back (the request key may be claimed already) without being
  // retried as ABORTED would be: it leaves the transaction as CANCELLED and is returned after.
  absl::Status conflict;
  absl::StatusOr<std::pair<T, bool>> result = common::db::RunInTransaction(
      pool, [&](Transaction& tx) -> absl::StatusOr<std::pair<T, bool>> {
        conflict = absl::OkStatus();
        if (keyed) {
          ASSIGN_OR_RETURN(absl::optional<std::string> replay,
                           common::db::ClaimRequest(tx, scope, options.request_key->request_id,
                                                    options.request_key->fingerprint, now));
          if (replay.has_value()) {
            ASSIGN_OR_RETURN(int64_t first_id, common::db::ParseIdResponse(*replay));
            if (first_id != id) return RequestIdForAnother(steps.rules.kind.another);
            ASSIGN_OR_RETURN(T seen, steps.load(tx, id, /*for_update=*/false));
            return std::pair<T, bool>(std::move(seen), true);
          }
        }
        ASSIGN_OR_RETURN(T loaded, steps.load(tx, id, /*for_update=*/true));
        if (steps.rules.version != nullptr) {
          conflict = CheckExpectedVersion(options.expected_version, steps.rules.version(loaded),
                                          steps.rules.kind.format_id(id));
          if (!conflict.ok()) return absl::CancelledError("version conflict");
        }
        T changed = loaded;
        RETURN_IF_ERROR(mutation(changed));
        T saved = steps.rules.to_save(loaded, std::move(changed));
        steps.update(tx, loaded, saved);
        tx.NoteChange(absl::StrCat(steps.rules.kind.another, " ", id));
        if (keyed) {
          RETURN_IF_ERROR(common::db::RecordResponse(tx, scope, options.request_key->request_id,
                                                     absl::StrCat(id)));
        }
        return std::pair<T, bool>(std::move(saved), false);
      });
  if (!conflict.ok()) return conflict;
  return result;
}

}  // namespace cs::assessment::mysql_internal

#endif  // CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_MYSQL_SUPPORT_H_
