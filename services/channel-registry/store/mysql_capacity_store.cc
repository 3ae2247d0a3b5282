#include "services/channel-registry/store/mysql_capacity_store.h"

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

constexpr absl::string_view kSelectSamples =
    "SELECT channel_id, sampled_at, used, capacity FROM usage_samples";
constexpr absl::string_view kSelectAssistance =
    "SELECT channel_id, text, requested_by, requested_at FROM assistance_requests";

UsageSample ReadSample(sql::ResultSet& rs) {
  return {rs.getInt64("channel_id"), TimeColumn(rs, "sampled_at"), rs.getInt64("used"),
          rs.getInt64("capacity")};
}

AssistanceRequest ReadAssistance(sql::ResultSet& rs) {
  return {rs.getInt64("channel_id"), StringColumn(rs, "text"), StringColumn(rs, "requested_by"),
          TimeColumn(rs, "requested_at")};
}

}  // namespace

absl::StatusOr<RecordSampleResult> MySqlCapacityStore::RecordSample(const UsageSample& sample,
                                                                    const RequestKey& key) {
  ASSIGN_OR_RETURN(common::db::CreatedOnce<UsageSample> recorded,
                   common::db::CreateOnce<UsageSample>(
                       pool_, kRecordSampleScope, key, clock_.Now(),
                       [](Transaction& tx, int64_t seq) {
                         return mysql_internal::ReadReplayedSeq(tx, kSelectSamples, seq,
                                                                &ReadSample, "usage sample");
                       },
                       [&](Transaction& tx) -> absl::StatusOr<std::pair<int64_t, UsageSample>> {
                         sql::PreparedStatement& insert = tx.PrepareCached(
                             "INSERT INTO usage_samples (channel_id, sampled_at, used, capacity) "
                             "VALUES (?,?,?,?) RETURNING seq");
                         Binder b(insert);
                         b.Int(sample.channel_id);
                         b.Time(sample.sampled_at);
                         b.Int(sample.used);
                         b.Int(sample.capacity);
                         const int64_t seq = mysql_internal::InsertReturning(insert, "seq");
                         tx.NoteChange(absl::StrCat("usage sample ", seq));
                         return std::make_pair(seq, sample);
                       }));
  return RecordSampleResult{std::move(recorded.value), recorded.replayed};
}

absl::StatusOr<absl::optional<UsageSample>> MySqlCapacityStore::LatestSample(int64_t channel_id) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<absl::optional<UsageSample>> {
        sql::PreparedStatement& select = tx.PrepareCached(absl::StrCat(
            kSelectSamples, " WHERE channel_id = ? ORDER BY sampled_at DESC, seq DESC LIMIT 1"));
        select.setInt64(1, channel_id);
        std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
        if (!rs->next()) return absl::optional<UsageSample>();
        return absl::optional<UsageSample>(ReadSample(*rs));
      });
}

absl::StatusOr<std::vector<UsageSample>> MySqlCapacityStore::SampleWindow(int64_t channel_id,
                                                                          absl::Time from,
                                                                          absl::Time to) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<UsageSample>> {
        sql::PreparedStatement& select = tx.PrepareCached(
            absl::StrCat(kSelectSamples,
                         " WHERE channel_id = ? AND sampled_at >= ? AND sampled_at <= ? "
                         "ORDER BY sampled_at, seq"));
        Binder b(select);
        b.Int(channel_id);
        b.Time(from);
        b.Time(to);
        std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
        std::vector<UsageSample> samples;
        while (rs->next()) samples.push_back(ReadSample(*rs));
        return samples;
      });
}

absl::StatusOr<bool> MySqlCapacityStore::RecordWarning(int64_t channel_id, absl::Time at) {
  common::db::TransactionOptions options;
  options.single_statement = true;
  return common::db::RunInTransaction(
      pool_,
      [&](Transaction& tx) -> absl::StatusOr<bool> {
        sql::PreparedStatement& insert = tx.PrepareCached(
            "INSERT IGNORE INTO capacity_warnings (channel_id, warned_at) VALUES (?,?)");
        Binder b(insert);
        b.Int(channel_id);
        b.Time(at);
        if (insert.executeUpdate() != 1) return false;  // warned at this time before
        tx.NoteChange(absl::StrCat("capacity warning channel ", channel_id));
        return true;
      },
      options);
}

absl::StatusOr<int64_t> MySqlCapacityStore::CountWarnings(int64_t channel_id, absl::Time from,
                                                          absl::Time to) {
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<int64_t> {
    sql::PreparedStatement& select = tx.PrepareCached(
        "SELECT COUNT(*) AS n FROM capacity_warnings WHERE channel_id = ? AND warned_at >= ? AND "
        "warned_at < ?");
    Binder b(select);
    b.Int(channel_id);
    b.Time(from);
    b.Time(to);
    std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
    rs->next();
    return static_cast<int64_t>(rs->getInt64("n"));
  });
}

absl::StatusOr<RecordAssistanceResult> MySqlCapacityStore::RecordAssistance(
    const AssistanceRequest& request, const RequestKey& key) {
  ASSIGN_OR_RETURN(
      common::db::CreatedOnce<AssistanceRequest> recorded,
      common::db::CreateOnce<AssistanceRequest>(
          pool_, kRecordAssistanceScope, key, clock_.Now(),
          [](Transaction& tx, int64_t seq) {
            return mysql_internal::ReadReplayedSeq(tx, kSelectAssistance, seq, &ReadAssistance,
                                                   "assistance request");
          },
          [&](Transaction& tx) -> absl::StatusOr<std::pair<int64_t, AssistanceRequest>> {
            sql::PreparedStatement& insert = tx.PrepareCached(
                "INSERT INTO assistance_requests (channel_id, text, requested_by, requested_at) "
                "VALUES (?,?,?,?) RETURNING seq");
            Binder b(insert);
            b.Int(request.channel_id);
            b.String(request.text);
            b.String(request.requested_by);
            b.Time(request.requested_at);
            const int64_t seq = mysql_internal::InsertReturning(insert, "seq");
            tx.NoteChange(absl::StrCat("assistance request ", seq));
            return std::make_pair(seq, request);
          }));
  return RecordAssistanceResult{std::move(recorded.value), recorded.replayed};
}

absl::StatusOr<std::vector<AssistanceRequest>> MySqlCapacityStore::ListAssistance(
    int64_t channel_id) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<AssistanceRequest>> {
        sql::PreparedStatement& select = tx.PrepareCached(
            absl::StrCat(kSelectAssistance, " WHERE channel_id = ? ORDER BY requested_at, seq"));
        select.setInt64(1, channel_id);
        std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
        std::vector<AssistanceRequest> requests;
        while (rs->next()) requests.push_back(ReadAssistance(*rs));
        return requests;
      });
}

}  // namespace cs::channel
