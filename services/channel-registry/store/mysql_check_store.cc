#include "services/channel-registry/store/mysql_check_store.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/idempotency.h"
#include "common/db/statement_helpers.h"
#include "common/db/transaction.h"
#include "common/status/status_macros.h"
#include "services/channel-registry/store/channel_store_support.h"
#include "services/channel-registry/store/mysql_store_support.h"

namespace cs::channel {
namespace {

using common::db::StringColumn;
using common::db::TimeColumn;
using common::db::Transaction;
using mysql_internal::Binder;

constexpr absl::string_view kSelectChecks =
    "SELECT channel_id, checked_at, checked_by, new_complaints, recorded_by, next_due, late "
    "FROM channel_checks";

Check ReadCheck(sql::ResultSet& rs) {
  Check c;
  c.channel_id = rs.getInt64("channel_id");
  c.checked_at = TimeColumn(rs, "checked_at");
  c.checked_by = StringColumn(rs, "checked_by");
  c.new_complaints = rs.getInt("new_complaints");
  c.recorded_by = StringColumn(rs, "recorded_by");
  c.next_due = TimeColumn(rs, "next_due");
  c.late = rs.getBoolean("late");
  return c;
}

}  // namespace

absl::StatusOr<RecordCheckResult> MySqlCheckStore::Record(const Check& check,
                                                          const RequestKey& key) {
  ASSIGN_OR_RETURN(
      common::db::CreatedOnce<Check> recorded,
      common::db::CreateOnce<Check>(
          pool_, kRecordCheckScope, key, clock_.Now(),
          [](Transaction& tx, int64_t seq) {
            return mysql_internal::ReadReplayedSeq(tx, kSelectChecks, seq, &ReadCheck, "check");
          },
          [&](Transaction& tx) -> absl::StatusOr<std::pair<int64_t, Check>> {
            sql::PreparedStatement& insert = tx.PrepareCached(
                "INSERT INTO channel_checks (channel_id, checked_at, checked_by, new_complaints, "
                "recorded_by, next_due, late) VALUES (?,?,?,?,?,?,?) RETURNING seq");
            Binder b(insert);
            b.Int(check.channel_id);
            b.Time(check.checked_at);
            b.String(check.checked_by);
            b.Int(check.new_complaints);
            b.String(check.recorded_by);
            b.Time(check.next_due);
            b.Bool(check.late);
            const int64_t seq = mysql_internal::InsertReturning(insert, "seq");
            tx.NoteChange(absl::StrCat("check ", seq));
            return std::make_pair(seq, check);
          }));
  return RecordCheckResult{std::move(recorded.value), recorded.replayed};
}

absl::StatusOr<std::vector<Check>> MySqlCheckStore::ListChecks(int64_t channel_id, absl::Time from,
                                                               absl::Time to) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<Check>> {
        sql::PreparedStatement& select = tx.PrepareCached(
            absl::StrCat(kSelectChecks,
                         " WHERE channel_id = ? AND checked_at >= ? AND checked_at < ? "
                         "ORDER BY checked_at, seq"));
        Binder b(select);
        b.Int(channel_id);
        b.Time(from);
        b.Time(to);
        std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
        std::vector<Check> checks;
        while (rs->next()) checks.push_back(ReadCheck(*rs));
        return checks;
      });
}

absl::StatusOr<absl::optional<Check>> MySqlCheckStore::LastCheck(int64_t channel_id) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<absl::optional<Check>> {
        sql::PreparedStatement& select = tx.PrepareCached(absl::StrCat(
            kSelectChecks, " WHERE channel_id = ? ORDER BY checked_at DESC, seq DESC LIMIT 1"));
        select.setInt64(1, channel_id);
        std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
        if (!rs->next()) return absl::optional<Check>();
        return absl::optional<Check>(ReadCheck(*rs));
      });
}

}  // namespace cs::channel
