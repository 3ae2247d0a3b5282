#include "services/hotline-registry/store/mysql_report_store.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <algorithm>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/idempotency.h"
#include "common/db/statement_helpers.h"
#include "common/db/transaction.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"
#include "services/hotline-registry/store/hotline_store_support.h"
#include "services/hotline-registry/store/mysql_store_support.h"

namespace cs::hotline {
namespace {

using common::db::OptionalTimeColumn;
using common::db::RowsOfPlaceholders;
using common::db::StringColumn;
using common::db::TimeColumn;
using common::db::Transaction;
using mysql_internal::BindDouble;
using mysql_internal::Binder;

constexpr absl::string_view kReportColumns =
    "hotline_id, month, due_at, due_calendar, due_provisional, submitted_at, submitted_by, "
    "remarks, on_time, miss_counted";

constexpr absl::string_view kScoreColumns =
    "hotline_id, call_id, agent_staff_number, required, used, fully_used, scored_at, "
    "mandarin_standard, mandarin_reviewer, mandarin_reviewed_at, mandarin_note, score_percent";

// A due given to a report that has none; one that has one keeps it. due_at is assigned last: MySQL
// assigns left to right, and the conditions before it read the old value.
constexpr absl::string_view kKeepFirstDue =
    "due_calendar = IF(due_at IS NULL, VALUES(due_calendar), due_calendar), "
    "due_provisional = IF(due_at IS NULL, VALUES(due_provisional), due_provisional), "
    "due_at = COALESCE(due_at, VALUES(due_at))";

ReportRecord ReadReport(sql::ResultSet& rs) {
  ReportRecord report;
  report.hotline_id = rs.getInt64("hotline_id");
  report.month = StringColumn(rs, "month");
  if (!rs.isNull("due_at")) {
    report.due = common::Deadline{TimeColumn(rs, "due_at"), StringColumn(rs, "due_calendar"),
                                  rs.getBoolean("due_provisional")};
  }
  if (!rs.isNull("submitted_at")) {
    ReportSubmission submission;
    submission.hotline_id = report.hotline_id;
    submission.month = report.month;
    submission.submitted_by = StringColumn(rs, "submitted_by");
    submission.submitted_at = TimeColumn(rs, "submitted_at");
    submission.remarks = StringColumn(rs, "remarks");
    submission.on_time = rs.getBoolean("on_time");
    report.submission = std::move(submission);
  }
  report.miss_counted = rs.getBoolean("miss_counted");
  return report;
}

absl::StatusOr<absl::optional<ReportRecord>> LoadReport(Transaction& tx, int64_t hotline_id,
                                                        const std::string& month, bool for_update) {
  sql::PreparedStatement& select = tx.PrepareCached(absl::StrCat(
      "SELECT ", kReportColumns, " FROM operating_reports WHERE hotline_id = ? AND month = ?",
      for_update ? " FOR UPDATE" : ""));
  select.setInt64(1, hotline_id);
  select.setString(2, month);
  std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
  if (!rs->next()) return absl::optional<ReportRecord>();
  return absl::optional<ReportRecord>(ReadReport(*rs));
}

absl::Status NoScore(int64_t hotline_id, const std::string& call_id) {
  return absl::NotFoundError(
      absl::StrCat("call ", call_id, " of ", FormatHotlineId(hotline_id), " was never scored"));
}

// The score with its situations; NOT_FOUND when never scored. `for_update` locks its row.
absl::StatusOr<PhraseScore> LoadScore(Transaction& tx, int64_t hotline_id,
                                      const std::string& call_id, bool for_update) {
  sql::PreparedStatement& select = tx.PrepareCached(absl::StrCat(
      "SELECT ", kScoreColumns, " FROM phrase_scores WHERE hotline_id = ? AND call_id = ?",
      for_update ? " FOR UPDATE" : ""));
  select.setInt64(1, hotline_id);
  select.setString(2, call_id);
  std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
  if (!rs->next()) return NoScore(hotline_id, call_id);
  PhraseScore score;
  score.hotline_id = hotline_id;
  score.call_id = call_id;
  score.agent_staff_number = StringColumn(*rs, "agent_staff_number");
  score.required = rs->getInt("required");
  score.used = rs->getInt("used");
  score.score_percent = rs->getDouble("score_percent");
  score.scored_at = TimeColumn(*rs, "scored_at");
  if (!rs->isNull("mandarin_standard")) {
    score.mandarin =
        MandarinReview{rs->getBoolean("mandarin_standard"), StringColumn(*rs, "mandarin_reviewer"),
                       TimeColumn(*rs, "mandarin_reviewed_at"), StringColumn(*rs, "mandarin_note")};
  }
  sql::PreparedStatement& situations = tx.PrepareCached(
      "SELECT situation, required, used, detail FROM phrase_score_situations "
      "WHERE hotline_id = ? AND call_id = ? ORDER BY position");
  situations.setInt64(1, hotline_id);
  situations.setString(2, call_id);
  rs.reset(situations.executeQuery());
  while (rs->next()) {
    score.situations.push_back({static_cast<Situation>(rs->getInt("situation")),
                                rs->getBoolean("required"), rs->getBoolean("used"),
                                StringColumn(*rs, "detail")});
  }
  return score;
}

void BindMandarin(Binder& b, const absl::optional<MandarinReview>& review) {
  if (review.has_value()) {
    b.Bool(review->standard);
  } else {
    b.Null();
  }
  b.String(review.has_value() ? review->reviewer : "");
  b.OptionalTime(review.has_value() ? absl::optional<absl::Time>(review->reviewed_at)
                                    : absl::nullopt);
  b.String(review.has_value() ? review->note : "");
}

}  // namespace

absl::Status MySqlReportStore::ExpectReports(const std::string& month,
                                             const std::vector<int64_t>& hotline_ids,
                                             const common::Deadline& due) {
  RETURN_IF_ERROR(CheckMonth(month));
  std::vector<int64_t> ids = hotline_ids;
  // In key order, so two sweeps expecting the same reports lock them in one order.
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (ids.empty()) return absl::OkStatus();
  common::db::TransactionOptions options;
  options.single_statement = true;
  return common::db::RunInTransaction(
      pool_,
      [&](Transaction& tx) -> absl::Status {
        sql::PreparedStatement& upsert = tx.PrepareCached(
            absl::StrCat("INSERT INTO operating_reports (hotline_id, month, due_at, due_calendar, "
                         "due_provisional, remarks) VALUES ",
                         RowsOfPlaceholders(static_cast<int>(ids.size()), 6),
                         " ON DUPLICATE KEY UPDATE ", kKeepFirstDue));
        Binder b(upsert);
        for (int64_t id : ids) {
          b.Int(id);
          b.String(month);
          b.Time(due.at);
          b.String(due.calendar_version);
          b.Bool(due.provisional);
          b.String("");
        }
        upsert.executeUpdate();
        return absl::OkStatus();
      },
      options);
}

absl::StatusOr<SubmitReportResult> MySqlReportStore::Submit(const ReportSubmission& submission,
                                                            const common::Deadline& due,
                                                            const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  RETURN_IF_ERROR(CheckMonth(submission.month));
  const std::string scope(kSubmitReportScope);
  const std::string response = absl::StrCat(submission.hotline_id, "|", submission.month);
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
          ASSIGN_OR_RETURN(absl::optional<ReportRecord> first,
                           LoadReport(tx, submission.hotline_id, submission.month, false));
          if (!first.has_value() || !first->submission.has_value()) {
            return absl::InternalError("the replayed submission is missing");
          }
          return SubmitReportResult{*first->submission, true};
        }
        // The row exists (and is locked by this transaction) before it is read: two submissions
        // of one report under different request ids then queue, and the second sees the first.
        sql::PreparedStatement& ensure = tx.PrepareCached(
            "INSERT INTO operating_reports (hotline_id, month, remarks) VALUES (?,?,?) "
            "ON DUPLICATE KEY UPDATE hotline_id = hotline_id");
        Binder eb(ensure);
        eb.Int(submission.hotline_id);
        eb.String(submission.month);
        eb.String("");
        ensure.executeUpdate();
        ASSIGN_OR_RETURN(absl::optional<ReportRecord> existing,
                         LoadReport(tx, submission.hotline_id, submission.month, true));
        if (existing.has_value() && existing->submission.has_value()) {
          return absl::FailedPreconditionError(absl::StrCat(
              "the report of ", FormatHotlineId(submission.hotline_id), " on ", submission.month,
              " was submitted already by ", existing->submission->submitted_by));
        }
        sql::PreparedStatement& update = tx.PrepareCached(
            "UPDATE operating_reports SET due_calendar = IF(due_at IS NULL, ?, due_calendar), "
            "due_provisional = IF(due_at IS NULL, ?, due_provisional), "
            "due_at = COALESCE(due_at, ?), submitted_at = ?, submitted_by = ?, remarks = ?, "
            "on_time = ? WHERE hotline_id = ? AND month = ?");
        Binder b(update);
        b.String(due.calendar_version);
        b.Bool(due.provisional);
        b.Time(due.at);
        b.Time(submission.submitted_at);
        b.String(submission.submitted_by);
        b.String(submission.remarks);
        b.Bool(submission.on_time);
        b.Int(submission.hotline_id);
        b.String(submission.month);
        update.executeUpdate();
        tx.NoteChange(absl::StrCat("operating report hotline ", submission.hotline_id, " ",
                                   submission.month));
        RETURN_IF_ERROR(common::db::RecordResponse(tx, scope, key.request_id, response));
        return SubmitReportResult{submission, false};
      });
}

absl::StatusOr<ReportRecord> MySqlReportStore::GetReport(int64_t hotline_id,
                                                         const std::string& month) {
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<ReportRecord> {
    ASSIGN_OR_RETURN(absl::optional<ReportRecord> report, LoadReport(tx, hotline_id, month, false));
    if (report.has_value()) return *std::move(report);
    ReportRecord none;
    none.hotline_id = hotline_id;
    none.month = month;
    return none;
  });
}

absl::StatusOr<std::vector<ReportRecord>> MySqlReportStore::ListReports(const std::string& month) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<ReportRecord>> {
        sql::PreparedStatement& select = tx.PrepareCached(
            absl::StrCat("SELECT ", kReportColumns,
                         " FROM operating_reports WHERE month = ? ORDER BY hotline_id"));
        select.setString(1, month);
        std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
        std::vector<ReportRecord> reports;
        while (rs->next()) reports.push_back(ReadReport(*rs));
        return reports;
      });
}

absl::StatusOr<std::vector<MissedReport>> MySqlReportStore::ClaimMissedReports(absl::Time now,
                                                                               int limit) {
  if (limit < 1) return common::InvalidField("limit", "must be at least 1");
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<MissedReport>> {
        // A report another replica is claiming (or a submission in flight) is skipped: whoever
        // holds it decides it.
        sql::PreparedStatement& claim = tx.PrepareCached(
            "SELECT hotline_id, month, due_at, due_calendar, due_provisional FROM "
            "operating_reports WHERE miss_counted = FALSE AND submitted_at IS NULL AND "
            "due_at < ? ORDER BY due_at, hotline_id, month LIMIT ? FOR UPDATE SKIP LOCKED");
        Binder b(claim);
        b.Time(now);
        b.Int(limit);
        std::unique_ptr<sql::ResultSet> rs(claim.executeQuery());
        std::vector<MissedReport> missed;
        while (rs->next()) {
          missed.push_back(
              {rs->getInt64("hotline_id"), StringColumn(*rs, "month"),
               common::Deadline{TimeColumn(*rs, "due_at"), StringColumn(*rs, "due_calendar"),
                                rs->getBoolean("due_provisional")}});
        }
        rs.reset();
        if (missed.empty()) return missed;
        sql::PreparedStatement& mark = tx.PrepareCached(absl::StrCat(
            "UPDATE operating_reports SET miss_counted = TRUE WHERE (hotline_id, month) IN (",
            RowsOfPlaceholders(static_cast<int>(missed.size()), 2), ")"));
        Binder mb(mark);
        for (const MissedReport& report : missed) {
          mb.Int(report.hotline_id);
          mb.String(report.month);
        }
        mark.executeUpdate();
        return missed;
      });
}

absl::StatusOr<PhraseScore> MySqlReportStore::SaveScore(const PhraseScore& score) {
  RETURN_IF_ERROR(CheckCallId("call_id", score.call_id));
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<PhraseScore> {
    PhraseScore stored = score;
    if (!stored.mandarin.has_value()) {
      absl::StatusOr<PhraseScore> before =
          LoadScore(tx, score.hotline_id, score.call_id, /*for_update=*/true);
      if (before.ok()) {
        stored.mandarin = before->mandarin;
      } else if (!absl::IsNotFound(before.status())) {
        return before.status();
      }
    }
    sql::PreparedStatement& upsert = tx.PrepareCached(absl::StrCat(
        "INSERT INTO phrase_scores (", kScoreColumns,
        ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON DUPLICATE KEY UPDATE "
        "agent_staff_number = VALUES(agent_staff_number), required = VALUES(required), "
        "used = VALUES(used), fully_used = VALUES(fully_used), scored_at = VALUES(scored_at), "
        "mandarin_standard = VALUES(mandarin_standard), "
        "mandarin_reviewer = VALUES(mandarin_reviewer), "
        "mandarin_reviewed_at = VALUES(mandarin_reviewed_at), "
        "mandarin_note = VALUES(mandarin_note), score_percent = VALUES(score_percent)"));
    Binder b(upsert);
    b.Int(stored.hotline_id);
    b.String(stored.call_id);
    b.String(stored.agent_staff_number);
    b.Int(stored.required);
    b.Int(stored.used);
    b.Bool(stored.used == stored.required);
    b.Time(stored.scored_at);
    BindMandarin(b, stored.mandarin);
    BindDouble(upsert, b, stored.score_percent);
    upsert.executeUpdate();
    sql::PreparedStatement& remove = tx.PrepareCached(
        "DELETE FROM phrase_score_situations WHERE hotline_id = ? AND call_id = ?");
    remove.setInt64(1, stored.hotline_id);
    remove.setString(2, stored.call_id);
    remove.executeUpdate();
    if (!stored.situations.empty()) {
      sql::PreparedStatement& insert = tx.PrepareCached(absl::StrCat(
          "INSERT INTO phrase_score_situations (hotline_id, call_id, position, situation, "
          "required, used, detail) VALUES ",
          RowsOfPlaceholders(static_cast<int>(stored.situations.size()), 7)));
      Binder sb(insert);
      for (size_t i = 0; i < stored.situations.size(); ++i) {
        const SituationResult& s = stored.situations[i];
        sb.Int(stored.hotline_id);
        sb.String(stored.call_id);
        sb.Int(static_cast<int64_t>(i));
        sb.Int(static_cast<int>(s.situation));
        sb.Bool(s.required);
        sb.Bool(s.used);
        sb.String(s.detail);
      }
      insert.executeUpdate();
    }
    tx.NoteChange(absl::StrCat("call score hotline ", stored.hotline_id, " ", stored.call_id));
    return stored;
  });
}

absl::StatusOr<PhraseScore> MySqlReportStore::GetScore(int64_t hotline_id,
                                                       const std::string& call_id) {
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) {
    return LoadScore(tx, hotline_id, call_id, /*for_update=*/false);
  });
}

absl::StatusOr<PhraseScore> MySqlReportStore::SetMandarinReview(int64_t hotline_id,
                                                                const std::string& call_id,
                                                                const MandarinReview& review) {
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<PhraseScore> {
    ASSIGN_OR_RETURN(PhraseScore score, LoadScore(tx, hotline_id, call_id, /*for_update=*/true));
    sql::PreparedStatement& update = tx.PrepareCached(
        "UPDATE phrase_scores SET mandarin_standard = ?, mandarin_reviewer = ?, "
        "mandarin_reviewed_at = ?, mandarin_note = ? WHERE hotline_id = ? AND call_id = ?");
    Binder b(update);
    BindMandarin(b, review);
    b.Int(hotline_id);
    b.String(call_id);
    update.executeUpdate();
    tx.NoteChange(absl::StrCat("call score hotline ", hotline_id, " ", call_id));
    score.mandarin = review;
    return score;
  });
}

absl::StatusOr<PhraseUse> MySqlReportStore::MonthPhraseUse(int64_t hotline_id,
                                                           const std::string& month,
                                                           const absl::TimeZone& zone) {
  ASSIGN_OR_RETURN(MonthRange range, LocalMonthRange(month, zone));
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<PhraseUse> {
    // A scored_at range of one hotline, counted from phrase_scores_month alone.
    sql::PreparedStatement& select = tx.PrepareCached(
        "SELECT COUNT(*) AS scored, CAST(COALESCE(SUM(fully_used), 0) AS SIGNED) AS fully_used "
        "FROM phrase_scores WHERE hotline_id = ? AND scored_at >= ? AND scored_at < ?");
    Binder b(select);
    b.Int(hotline_id);
    b.Time(range.start);
    b.Time(range.end);
    std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
    rs->next();
    return PhraseUse{rs->getInt64("scored"), rs->getInt64("fully_used")};
  });
}

}  // namespace cs::hotline
