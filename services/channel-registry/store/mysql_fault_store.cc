#include "services/channel-registry/store/mysql_fault_store.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/idempotency.h"
#include "common/db/statement_helpers.h"
#include "common/db/transaction.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"
#include "services/channel-registry/store/channel_store_support.h"
#include "services/channel-registry/store/mysql_store_support.h"

namespace cs::channel {
namespace {

using common::db::Assignments;
using common::db::ColumnCount;
using common::db::OptionalTimeColumn;
using common::db::Placeholders;
using common::db::StringColumn;
using common::db::TimeColumn;
using common::db::Transaction;
using mysql_internal::Binder;
using mysql_internal::ParseIdResponse;

// Every column of `faults` but id, channel_id and unit_id, in the order BindFault binds them.
constexpr absl::string_view kFaultColumns =
    "origin, description, opened_at, opened_by, repair_due, repaired_at, closed_by, repair_note";

absl::Status NoFault(int64_t id) {
  return absl::NotFoundError(absl::StrCat("no fault ", FormatFaultId(id)));
}

void BindFault(Binder& b, const Fault& f) {
  b.Int(static_cast<int>(f.origin));
  b.String(f.description);
  b.Time(f.opened_at);
  b.String(f.opened_by);
  b.Time(f.repair_due);
  b.OptionalTime(f.repaired_at);
  b.String(f.closed_by);
  b.String(f.repair_note);
}

Fault ReadFault(sql::ResultSet& rs) {
  Fault f;
  f.id = rs.getInt64("id");
  f.channel_id = rs.getInt64("channel_id");
  f.unit_id = StringColumn(rs, "unit_id");
  f.origin = static_cast<FaultOrigin>(rs.getInt("origin"));
  f.description = StringColumn(rs, "description");
  f.opened_at = TimeColumn(rs, "opened_at");
  f.opened_by = StringColumn(rs, "opened_by");
  f.repair_due = TimeColumn(rs, "repair_due");
  f.repaired_at = OptionalTimeColumn(rs, "repaired_at");
  f.closed_by = StringColumn(rs, "closed_by");
  f.repair_note = StringColumn(rs, "repair_note");
  return f;
}

const std::string& SelectFaults() {
  static const std::string* const kSelect = new std::string(
      absl::StrCat("SELECT id, channel_id, unit_id, ", kFaultColumns, " FROM faults"));
  return *kSelect;
}

std::vector<Fault> ReadFaults(sql::PreparedStatement& select) {
  std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
  std::vector<Fault> faults;
  while (rs->next()) faults.push_back(ReadFault(*rs));
  return faults;
}

absl::StatusOr<Fault> LoadFault(Transaction& tx, int64_t id, bool for_update) {
  sql::PreparedStatement& select = tx.PrepareCached(
      absl::StrCat(SelectFaults(), " WHERE id = ?", for_update ? " FOR UPDATE" : ""));
  select.setInt64(1, id);
  std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
  if (!rs->next()) return NoFault(id);
  return ReadFault(*rs);
}

}  // namespace

absl::StatusOr<OpenFaultResult> MySqlFaultStore::Open(Fault fault, const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  const std::string scope(kOpenFaultScope);
  const absl::Time now = clock_.Now();
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<OpenFaultResult> {
        ASSIGN_OR_RETURN(absl::optional<std::string> replay,
                         common::db::ClaimRequest(tx, scope, key.request_id, key.fingerprint, now));
        if (replay.has_value()) {
          ASSIGN_OR_RETURN(int64_t id, ParseIdResponse(*replay));
          ASSIGN_OR_RETURN(Fault first, LoadFault(tx, id, /*for_update=*/false));
          return OpenFaultResult{std::move(first), true};
        }
        Fault stored = fault;
        sql::PreparedStatement& insert = tx.PrepareCached(
            absl::StrCat("INSERT INTO faults (channel_id, unit_id, ", kFaultColumns, ") VALUES ",
                         Placeholders(ColumnCount(kFaultColumns) + 2), " RETURNING id"));
        Binder b(insert);
        b.Int(stored.channel_id);
        b.String(stored.unit_id);
        BindFault(b, stored);
        std::unique_ptr<sql::ResultSet> rs(insert.executeQuery());
        rs->next();
        stored.id = rs->getInt64("id");
        rs.reset();
        tx.NoteChange(absl::StrCat("fault ", stored.id));
        RETURN_IF_ERROR(
            common::db::RecordResponse(tx, scope, key.request_id, absl::StrCat(stored.id)));
        return OpenFaultResult{std::move(stored), false};
      });
}

absl::StatusOr<Fault> MySqlFaultStore::Get(int64_t id) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) { return LoadFault(tx, id, /*for_update=*/false); });
}

absl::StatusOr<FaultMutationResult> MySqlFaultStore::Mutate(int64_t id,
                                                            const FaultMutationOptions& options,
                                                            const FaultMutation& mutation) {
  std::string scope;
  const bool keyed = options.request_key.has_value();
  RETURN_IF_ERROR(CheckMutationKey(keyed, keyed ? options.request_key->request_id : "",
                                   kFaultMutationScopePrefix, options.scope, &scope));
  const absl::Time now = clock_.Now();
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<FaultMutationResult> {
        if (keyed) {
          ASSIGN_OR_RETURN(absl::optional<std::string> replay,
                           common::db::ClaimRequest(tx, scope, options.request_key->request_id,
                                                    options.request_key->fingerprint, now));
          if (replay.has_value()) {
            ASSIGN_OR_RETURN(int64_t first_id, ParseIdResponse(*replay));
            if (first_id != id) {
              return common::RequestIdReused(
                  "was already used for another fault; use a new request_id");
            }
            ASSIGN_OR_RETURN(Fault seen, LoadFault(tx, id, /*for_update=*/false));
            return FaultMutationResult{std::move(seen), true};
          }
        }
        ASSIGN_OR_RETURN(Fault loaded, LoadFault(tx, id, /*for_update=*/true));
        Fault changed = loaded;
        RETURN_IF_ERROR(mutation(changed));
        changed.id = loaded.id;
        changed.channel_id = loaded.channel_id;
        changed.unit_id = loaded.unit_id;
        sql::PreparedStatement& update = tx.PrepareCached(
            absl::StrCat("UPDATE faults SET ", Assignments(kFaultColumns), " WHERE id = ?"));
        Binder b(update);
        BindFault(b, changed);
        b.Int(id);
        update.executeUpdate();
        tx.NoteChange(absl::StrCat("fault ", id));
        if (keyed) {
          RETURN_IF_ERROR(common::db::RecordResponse(tx, scope, options.request_key->request_id,
                                                     absl::StrCat(id)));
        }
        return FaultMutationResult{std::move(changed), false};
      });
}

absl::StatusOr<FaultPage> MySqlFaultStore::List(const FaultFilter& filter, int64_t after_id,
                                                int page_size) {
  RETURN_IF_ERROR(CheckPageSize(page_size));
  const std::string sql = absl::StrCat(
      SelectFaults(), " WHERE id > ?", filter.unit_id.empty() ? "" : " AND unit_id = ?",
      filter.channel_id == 0 ? "" : " AND channel_id = ?",
      filter.open_only ? " AND repaired_at IS NULL" : "", " ORDER BY id LIMIT ?");
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<FaultPage> {
    sql::PreparedStatement& select = tx.PrepareCached(sql);
    Binder b(select);
    b.Int(after_id);
    if (!filter.unit_id.empty()) b.String(filter.unit_id);
    if (filter.channel_id != 0) b.Int(filter.channel_id);
    b.Int(page_size + 1);
    FaultPage page;
    page.faults = ReadFaults(select);
    if (static_cast<int>(page.faults.size()) > page_size) {
      page.faults.resize(page_size);
      page.next_after_id = page.faults.back().id;
    }
    return page;
  });
}

absl::StatusOr<std::vector<Fault>> MySqlFaultStore::ListOpen(absl::Time now) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<Fault>> {
        sql::PreparedStatement& select = tx.PrepareCached(absl::StrCat(
            SelectFaults(),
            " WHERE opened_at <= ? AND (repaired_at IS NULL OR repaired_at > ?) ORDER BY id"));
        Binder b(select);
        b.Time(now);
        b.Time(now);
        return ReadFaults(select);
      });
}

absl::StatusOr<std::vector<Fault>> MySqlFaultStore::ListForMonth(int64_t channel_id,
                                                                 absl::Time start, absl::Time end) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<Fault>> {
        // Each condition through its own index; UNION keeps a fault opened, repaired or due in
        // the window once.
        sql::PreparedStatement& select = tx.PrepareCached(absl::StrCat(
            SelectFaults(),
            " WHERE id IN (SELECT id FROM faults WHERE channel_id = ? AND opened_at >= ? AND "
            "opened_at < ? UNION SELECT id FROM faults WHERE channel_id = ? AND repaired_at >= ? "
            "AND repaired_at < ? UNION SELECT id FROM faults WHERE channel_id = ? AND "
            "repair_due >= ? AND repair_due < ?) ORDER BY id"));
        Binder b(select);
        for (int i = 0; i < 3; ++i) {
          b.Int(channel_id);
          b.Time(start);
          b.Time(end);
        }
        return ReadFaults(select);
      });
}

}  // namespace cs::channel
