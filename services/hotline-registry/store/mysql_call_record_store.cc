#include "services/hotline-registry/store/mysql_call_record_store.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <tuple>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "common/db/statement_helpers.h"
#include "common/db/transaction.h"
#include "common/status/status_macros.h"
#include "services/hotline-registry/store/hotline_store_support.h"
#include "services/hotline-registry/store/mysql_store_support.h"

namespace cs::hotline {
namespace {

using common::db::RowsOfPlaceholders;
using common::db::StringColumn;
using common::db::TimeColumn;
using common::db::Transaction;
using mysql_internal::Binder;

using CallKey = std::pair<int64_t, std::string>;

constexpr absl::string_view kCallColumns =
    "hotline_id, call_id, offered_at, outcome, wait_seconds, agent_staff_number, "
    "within_service_hours, hotline_active";

// The INSERT of `rows` calls. A duplicate key updates nothing (ingest_token = ingest_token) and so
// keeps the token of the statement that stored it; RETURNING reports every row, stored or not, with
// the token it now has.
std::string InsertSql(int rows) {
  return absl::StrCat("INSERT INTO call_records (", kCallColumns, ", ingest_token) VALUES ",
                      RowsOfPlaceholders(rows, 9),
                      " ON DUPLICATE KEY UPDATE ingest_token = ingest_token "
                      "RETURNING hotline_id, call_id, ingest_token");
}

}  // namespace

absl::StatusOr<std::vector<InsertOutcome>> MySqlCallRecordStore::InsertBatch(
    const std::vector<IncomingCall>& calls) {
  RETURN_IF_ERROR(CheckCallBatch(calls));
  std::vector<InsertOutcome> outcomes(calls.size(), InsertOutcome::kDuplicate);
  // A key repeated within the batch is sent once: its first record is the one stored (or found).
  std::vector<size_t> fresh;
  {
    absl::flat_hash_set<std::pair<int64_t, absl::string_view>> seen;
    for (size_t i = 0; i < calls.size(); ++i) {
      if (seen.insert({calls[i].record.hotline_id, calls[i].record.call_id}).second) {
        fresh.push_back(i);
      }
    }
  }
  if (fresh.empty()) return outcomes;
  // Rows go in key order, so concurrent batches sharing keys lock them in one order and wait for
  // each other instead of deadlocking.
  std::sort(fresh.begin(), fresh.end(), [&](size_t a, size_t b) {
    return std::tie(calls[a].record.hotline_id, calls[a].record.call_id) <
           std::tie(calls[b].record.hotline_id, calls[b].record.call_id);
  });
  // Tells this batch's rows from those stored before (by anyone). A 63-bit random number: two
  // statements drawing the same one for the same key is not a real risk.
  absl::BitGen random;
  const int64_t token = absl::Uniform<int64_t>(random, 1, std::numeric_limits<int64_t>::max());

  common::db::TransactionOptions options;
  // One statement needs no transaction around it: the server commits it atomically on its own.
  options.single_statement = fresh.size() <= static_cast<size_t>(kMaxRowsPerStatement);
  RETURN_IF_ERROR(common::db::RunInTransaction(
      pool_,
      [&](Transaction& tx) -> absl::Status {
        // Calls stored, per hotline: a stream may carry thousands, so the audit row names each
        // hotline with its count rather than every call.
        std::map<int64_t, int64_t> stored_per_hotline;
        for (size_t from = 0; from < fresh.size(); from += kMaxRowsPerStatement) {
          const size_t rows =
              std::min(fresh.size() - from, static_cast<size_t>(kMaxRowsPerStatement));
          sql::PreparedStatement& insert = tx.PrepareCached(InsertSql(static_cast<int>(rows)));
          Binder b(insert);
          for (size_t k = from; k < from + rows; ++k) {
            const IncomingCall& call = calls[fresh[k]];
            const CallRecord& r = call.record;
            b.Int(r.hotline_id);
            b.String(r.call_id);
            b.Time(r.offered_at);
            b.Int(static_cast<int>(r.outcome));
            b.Int(r.wait_seconds);
            b.String(r.agent_staff_number);
            b.Bool(r.within_service_hours);
            b.Bool(call.hotline_active);
            b.Int(token);
          }
          std::unique_ptr<sql::ResultSet> rs(insert.executeQuery());
          absl::flat_hash_set<CallKey> stored;
          while (rs->next()) {
            if (rs->getInt64("ingest_token") == token) {
              stored.insert({rs->getInt64("hotline_id"), StringColumn(*rs, "call_id")});
            }
          }
          for (size_t k = from; k < from + rows; ++k) {
            const CallRecord& r = calls[fresh[k]].record;
            const bool new_row = stored.contains(CallKey{r.hotline_id, r.call_id});
            outcomes[fresh[k]] = new_row ? InsertOutcome::kStored : InsertOutcome::kDuplicate;
            if (new_row) ++stored_per_hotline[r.hotline_id];
          }
        }
        for (const auto& [hotline_id, count] : stored_per_hotline) {
          tx.NoteChange(absl::StrCat("call records hotline ", hotline_id, " (", count, ")"));
        }
        return absl::OkStatus();
      },
      options));
  return outcomes;
}

absl::StatusOr<StoredCall> MySqlCallRecordStore::Get(int64_t hotline_id,
                                                     const std::string& call_id) {
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<StoredCall> {
    sql::PreparedStatement& select = tx.PrepareCached(absl::StrCat(
        "SELECT ", kCallColumns, " FROM call_records WHERE hotline_id = ? AND call_id = ?"));
    Binder b(select);
    b.Int(hotline_id);
    b.String(call_id);
    std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
    if (!rs->next()) {
      return absl::NotFoundError(
          absl::StrCat("no call record ", call_id, " of ", FormatHotlineId(hotline_id)));
    }
    StoredCall stored;
    CallRecord& r = stored.record;
    r.hotline_id = rs->getInt64("hotline_id");
    r.call_id = StringColumn(*rs, "call_id");
    r.offered_at = TimeColumn(*rs, "offered_at");
    r.outcome = static_cast<CallOutcome>(rs->getInt("outcome"));
    r.wait_seconds = rs->getInt("wait_seconds");
    r.agent_staff_number = StringColumn(*rs, "agent_staff_number");
    r.within_service_hours = rs->getBoolean("within_service_hours");
    stored.hotline_active = rs->getBoolean("hotline_active");
    return stored;
  });
}

absl::StatusOr<CallCounts> MySqlCallRecordStore::MonthCounts(int64_t hotline_id,
                                                             const std::string& month,
                                                             const absl::TimeZone& zone) {
  ASSIGN_OR_RETURN(MonthRange range, LocalMonthRange(month, zone));
  const int answered = static_cast<int>(CallOutcome::kAnswered);
  // An offered_at range of one hotline, counted from call_records_month alone.
  const std::string sql = absl::StrCat(
      "SELECT CAST(COALESCE(SUM(within_service_hours), 0) AS SIGNED) AS offered, "
      "CAST(COALESCE(SUM(within_service_hours AND outcome = ",
      answered,
      "), 0) AS SIGNED) AS answered, "
      "CAST(COALESCE(SUM(NOT within_service_hours), 0) AS SIGNED) AS offered_outside, "
      "CAST(COALESCE(SUM(NOT within_service_hours AND outcome = ",
      answered,
      "), 0) AS SIGNED) AS answered_outside "
      "FROM call_records WHERE hotline_id = ? AND offered_at >= ? AND offered_at < ?");
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<CallCounts> {
    sql::PreparedStatement& select = tx.PrepareCached(sql);
    Binder b(select);
    b.Int(hotline_id);
    b.Time(range.start);
    b.Time(range.end);
    std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
    rs->next();
    return CallCounts{rs->getInt64("offered"), rs->getInt64("answered"),
                      rs->getInt64("offered_outside"), rs->getInt64("answered_outside")};
  });
}

absl::StatusOr<std::vector<int64_t>> MySqlCallRecordStore::HotlinesWithCallsWhileNotActive(
    const std::string& month, const absl::TimeZone& zone) {
  ASSIGN_OR_RETURN(MonthRange range, LocalMonthRange(month, zone));
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<int64_t>> {
        sql::PreparedStatement& select = tx.PrepareCached(
            "SELECT DISTINCT hotline_id FROM call_records WHERE hotline_active = FALSE AND "
            "offered_at >= ? AND offered_at < ? ORDER BY hotline_id");
        Binder b(select);
        b.Time(range.start);
        b.Time(range.end);
        std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
        std::vector<int64_t> ids;
        while (rs->next()) ids.push_back(rs->getInt64("hotline_id"));
        return ids;
      });
}

}  // namespace cs::hotline
