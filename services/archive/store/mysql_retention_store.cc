#include "services/archive/store/mysql_retention_store.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/statement_helpers.h"
#include "common/db/transaction.h"
#include "services/archive/store/mysql_store_support.h"

namespace cs::archive {
namespace {

using common::db::StringColumn;
using common::db::TimeColumn;
using common::db::Transaction;
using mysql_internal::Binder;
using mysql_internal::Fit;

}  // namespace

absl::StatusOr<std::vector<RetentionPolicy>> MySqlRetentionStore::ListRetentionOverrides() {
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

absl::Status MySqlRetentionStore::SetRetentionOverride(const RetentionPolicy& policy) {
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
    tx.NoteChange(absl::StrCat("retention override ", policy.unit_id));
    return absl::OkStatus();
  });
}

}  // namespace cs::archive
