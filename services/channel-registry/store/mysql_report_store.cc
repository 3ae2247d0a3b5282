#include "services/channel-registry/store/mysql_report_store.h"

#include <cppconn/exception.h>
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

using common::db::StringColumn;
using common::db::TimeColumn;
using common::db::Transaction;
using mysql_internal::Binder;

constexpr absl::string_view kSelectSubmissions =
    "SELECT channel_id, month, submitted_at, submitted_by, late FROM report_submissions";

ReportSubmission ReadSubmission(sql::ResultSet& rs) {
  ReportSubmission s;
  s.channel_id = rs.getInt64("channel_id");
  s.month = StringColumn(rs, "month");
  s.submitted_at = TimeColumn(rs, "submitted_at");
  s.submitted_by = StringColumn(rs, "submitted_by");
  s.late = rs.getBoolean("late");
  return s;
}

// The submission of the report; nullopt when none. `for_update` locks the row (or the gap where it
// would be).
absl::optional<ReportSubmission> LoadSubmission(Transaction& tx, int64_t channel_id,
                                                const std::string& month, bool for_update) {
  sql::PreparedStatement& select = tx.PrepareCached(absl::StrCat(
      kSelectSubmissions, " WHERE channel_id = ? AND month = ?", for_update ? " FOR UPDATE" : ""));
  Binder b(select);
  b.Int(channel_id);
  b.String(month);
  std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
  if (!rs->next()) return absl::nullopt;
  return ReadSubmission(*rs);
}

}  // namespace

absl::StatusOr<SubmitReportResult> MySqlReportStore::Submit(const std::string& unit_id,
                                                            const ReportSubmission& submission,
                                                            const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  RETURN_IF_ERROR(CheckMonth(submission.month));
  RETURN_IF_ERROR(CheckUnitId(unit_id));
  const std::string scope(kSubmitReportScope);
  const std::string response = ReportResponse(submission.channel_id, submission.month);
  const absl::Time now = clock_.Now();
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<SubmitReportResult> {
        ASSIGN_OR_RETURN(absl::optional<std::string> replay,
                         common::db::ClaimRequest(tx, scope, key.request_id, key.fingerprint, now));
        if (replay.has_value()) {
          if (*replay != response) {
            return common::RequestIdReused(
                "was already used for another report; use a new request_id");
          }
          absl::optional<ReportSubmission> first =
              LoadSubmission(tx, submission.channel_id, submission.month, false);
          if (!first.has_value()) return absl::InternalError("the replayed submission is missing");
          return SubmitReportResult{*std::move(first), true};
        }
        absl::optional<ReportSubmission> before =
            LoadSubmission(tx, submission.channel_id, submission.month, /*for_update=*/true);
        if (before.has_value()) {
          return absl::FailedPreconditionError(
              absl::StrCat("the report of ", FormatChannelId(submission.channel_id), " on ",
                           submission.month, " was submitted already by ", before->submitted_by));
        }
        // Two first submissions under different request ids at once: the second fails on the
        // primary key (or deadlocks on the gap locks and, retried, sees the first above); told
        // as above, not as ALREADY_EXISTS: it is the same rule.
        sql::PreparedStatement& insert = tx.PrepareCached(
            "INSERT INTO report_submissions (channel_id, month, unit_id, submitted_at, "
            "submitted_by, late) VALUES (?,?,?,?,?,?)");
        Binder b(insert);
        b.Int(submission.channel_id);
        b.String(submission.month);
        b.String(unit_id);
        b.Time(submission.submitted_at);
        b.String(submission.submitted_by);
        b.Bool(submission.late);
        try {
          insert.executeUpdate();
        } catch (const sql::SQLException& e) {
          if (e.getErrorCode() != mysql_internal::kDuplicateKey) throw;
          return absl::FailedPreconditionError(
              absl::StrCat("the report of ", FormatChannelId(submission.channel_id), " on ",
                           submission.month, " was submitted already"));
        }
        tx.NoteChange(
            absl::StrCat("monthly report channel ", submission.channel_id, " ", submission.month));
        RETURN_IF_ERROR(common::db::RecordResponse(tx, scope, key.request_id, response));
        return SubmitReportResult{submission, false};
      });
}

absl::StatusOr<absl::optional<ReportSubmission>> MySqlReportStore::Get(int64_t channel_id,
                                                                       const std::string& month) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<absl::optional<ReportSubmission>> {
        return LoadSubmission(tx, channel_id, month, false);
      });
}

absl::StatusOr<std::vector<ReportSubmission>> MySqlReportStore::ListForUnitMonth(
    const std::string& unit_id, const std::string& month) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<ReportSubmission>> {
        sql::PreparedStatement& select = tx.PrepareCached(absl::StrCat(
            kSelectSubmissions, " WHERE unit_id = ? AND month = ? ORDER BY channel_id"));
        Binder b(select);
        b.String(unit_id);
        b.String(month);
        std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
        std::vector<ReportSubmission> listed;
        while (rs->next()) listed.push_back(ReadSubmission(*rs));
        return listed;
      });
}

absl::StatusOr<bool> MySqlReportStore::RecordMissed(const MissedReport& missed) {
  RETURN_IF_ERROR(CheckMonth(missed.month));
  RETURN_IF_ERROR(CheckUnitId(missed.unit_id));
  common::db::TransactionOptions options;
  options.single_statement = true;
  return common::db::RunInTransaction(
      pool_,
      [&](Transaction& tx) -> absl::StatusOr<bool> {
        // The values are checked above, so IGNORE only ever skips the duplicate key.
        sql::PreparedStatement& insert = tx.PrepareCached(
            "INSERT IGNORE INTO missed_reports (channel_id, month, unit_id, recorded_at) "
            "VALUES (?,?,?,?)");
        Binder b(insert);
        b.Int(missed.channel_id);
        b.String(missed.month);
        b.String(missed.unit_id);
        b.Time(missed.recorded_at);
        if (insert.executeUpdate() != 1) return false;  // recorded before
        tx.NoteChange(absl::StrCat("missed report channel ", missed.channel_id, " ", missed.month));
        return true;
      },
      options);
}

absl::StatusOr<std::vector<MissedReport>> MySqlReportStore::ListMissed(const std::string& unit_id,
                                                                       const std::string& month) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<MissedReport>> {
        sql::PreparedStatement& select = tx.PrepareCached(
            "SELECT channel_id, unit_id, month, recorded_at FROM missed_reports "
            "WHERE unit_id = ? AND month = ? ORDER BY channel_id");
        Binder b(select);
        b.String(unit_id);
        b.String(month);
        std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
        std::vector<MissedReport> listed;
        while (rs->next()) {
          listed.push_back({rs->getInt64("channel_id"), StringColumn(*rs, "unit_id"),
                            StringColumn(*rs, "month"), TimeColumn(*rs, "recorded_at")});
        }
        return listed;
      });
}

}  // namespace cs::channel
