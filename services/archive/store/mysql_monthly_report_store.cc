#include "services/archive/store/mysql_monthly_report_store.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/idempotency.h"
#include "common/db/sql_time.h"
#include "common/db/statement_helpers.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"
#include "services/archive/store/mysql_store_support.h"

namespace cs::archive {
namespace {

using common::db::FormatSqlTime;
using common::db::OptionalTimeColumn;
using common::db::StringColumn;
using common::db::TimeColumn;
using common::db::Transaction;
using mysql_internal::Binder;
using mysql_internal::Fit;

constexpr absl::string_view kSubmitScope = "archive.SubmitMonthlyReport";

MonthlyReport ReadReport(sql::ResultSet& rs) {
  MonthlyReport report;
  report.month = StringColumn(rs, "month");
  report.unit_id = StringColumn(rs, "unit_id");
  report.due = {TimeColumn(rs, "due_at"), StringColumn(rs, "due_calendar")};
  report.submitted_at = OptionalTimeColumn(rs, "submitted_at");
  report.submitted_by = StringColumn(rs, "submitted_by");
  report.analysis = StringColumn(rs, "analysis");
  report.records = rs.getInt64("records");
  report.miss_counted = rs.getBoolean("miss_counted");
  return report;
}

constexpr absl::string_view kReportColumns =
    "month, unit_id, due_at, due_calendar, submitted_at, submitted_by, analysis, records, "
    "miss_counted";

absl::StatusOr<absl::optional<MonthlyReport>> LoadReport(Transaction& tx, const std::string& month,
                                                         const std::string& unit_id,
                                                         bool for_update) {
  auto select = tx.Prepare(absl::StrCat("SELECT ", kReportColumns,
                                        " FROM monthly_reports WHERE month = ? AND unit_id = ?",
                                        for_update ? " FOR UPDATE" : ""));
  select->setString(1, month);
  select->setString(2, unit_id);
  std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
  if (!rs->next()) return absl::optional<MonthlyReport>();
  return absl::optional<MonthlyReport>(ReadReport(*rs));
}

}  // namespace

void CountInMonthlyStatistics(Transaction& tx, const RecordSummary& s, int delta) {
  auto upsert = tx.Prepare(
      "INSERT INTO monthly_stats (closed_month, unit_id, kind, channel, business_line, "
      "routing_path, records, on_time) VALUES (?,?,?,?,?,?,?,?) ON DUPLICATE KEY UPDATE "
      "records = records + VALUES(records), on_time = on_time + VALUES(on_time)");
  Binder b(*upsert);
  b.String(s.closed_month);
  b.String(s.unit_id);
  b.Int(static_cast<int>(s.kind));
  b.Int(static_cast<int>(s.channel));
  b.String(s.business_line);
  b.Int(static_cast<int>(s.routing_path));
  b.Int(delta);
  b.Int(s.on_time ? delta : 0);
  upsert->executeUpdate();
}

absl::StatusOr<std::vector<StatisticsRow>> MySqlMonthlyReportStore::MonthlyCounts(
    const std::string& month, const std::string& unit_id) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<StatisticsRow>> {
        auto select = tx.Prepare(absl::StrCat(
            "SELECT unit_id, kind, channel, business_line, routing_path, records, on_time "
            "FROM monthly_stats WHERE closed_month = ? AND records > 0",
            unit_id.empty() ? "" : " AND unit_id = ?"));
        select->setString(1, month);
        if (!unit_id.empty()) select->setString(2, unit_id);
        std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
        std::vector<StatisticsRow> rows;
        while (rs->next()) {
          rows.push_back({StringColumn(*rs, "unit_id"), static_cast<TicketKind>(rs->getInt("kind")),
                          static_cast<Channel>(rs->getInt("channel")),
                          StringColumn(*rs, "business_line"),
                          static_cast<RoutingPath>(rs->getInt("routing_path")),
                          rs->getInt64("records"), rs->getInt64("on_time")});
        }
        return rows;
      });
}

absl::Status MySqlMonthlyReportStore::RebuildMonthlyStatistics() {
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::Status {
    tx.Execute("DELETE FROM monthly_stats");
    tx.Execute(
        "INSERT INTO monthly_stats (closed_month, unit_id, kind, channel, business_line, "
        "routing_path, records, on_time) SELECT closed_month, unit_id, kind, channel, "
        "business_line, routing_path, COUNT(*), SUM(on_time) FROM records GROUP BY closed_month, "
        "unit_id, kind, channel, business_line, routing_path");
    return absl::OkStatus();
  });
}

absl::StatusOr<SubmitOutcome> MySqlMonthlyReportStore::SubmitMonthlyReport(
    const MonthlyReport& report, const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  const std::string response = absl::StrCat(report.unit_id, "|", report.month);
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<SubmitOutcome> {
    const std::string scope(kSubmitScope);
    ASSIGN_OR_RETURN(absl::optional<std::string> replay,
                     common::db::ClaimRequest(tx, scope, key.request_id, key.fingerprint,
                                              infrastructure_clock_.Now()));
    if (replay.has_value()) {
      if (*replay != response) {
        return common::RequestIdReused("was already used for another report; use a new request_id");
      }
      ASSIGN_OR_RETURN(absl::optional<MonthlyReport> stored,
                       LoadReport(tx, report.month, report.unit_id, false));
      if (!stored.has_value()) return absl::InternalError("replayed report is missing");
      return SubmitOutcome{*std::move(stored), true};
    }
    ASSIGN_OR_RETURN(absl::optional<MonthlyReport> existing,
                     LoadReport(tx, report.month, report.unit_id, true));
    if (existing.has_value() && existing->submitted()) {
      return absl::FailedPreconditionError(absl::StrCat(
          "the report of ", report.unit_id, " on ", report.month, " was already submitted at ",
          FormatSqlTime(*existing->submitted_at), " UTC by ", existing->submitted_by));
    }
    auto upsert = tx.Prepare(
        "INSERT INTO monthly_reports (month, unit_id, due_at, due_calendar, submitted_at, "
        "submitted_by, analysis, records, miss_counted) VALUES (?,?,?,?,?,?,?,?,FALSE) "
        "ON DUPLICATE KEY UPDATE due_at = VALUES(due_at), due_calendar = "
        "VALUES(due_calendar), submitted_at = VALUES(submitted_at), submitted_by = "
        "VALUES(submitted_by), analysis = VALUES(analysis), records = VALUES(records)");
    Binder b(*upsert);
    b.String(report.month);
    b.String(report.unit_id);
    b.Time(report.due.at);
    b.String(report.due.calendar_version);
    b.OptionalTime(report.submitted_at);
    b.String(Fit(report.submitted_by, 400));
    b.String(report.analysis);
    b.Int(report.records);
    upsert->executeUpdate();
    RETURN_IF_ERROR(common::db::RecordResponse(tx, scope, key.request_id, response));
    MonthlyReport stored = report;
    stored.miss_counted = existing.has_value() && existing->miss_counted;
    return SubmitOutcome{std::move(stored), false};
  });
}

absl::StatusOr<std::vector<MonthlyReport>> MySqlMonthlyReportStore::ListMonthlyReports(
    const std::string& month) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<MonthlyReport>> {
        auto select = tx.Prepare(absl::StrCat("SELECT ", kReportColumns,
                                              " FROM monthly_reports WHERE month = ? "
                                              "ORDER BY unit_id"));
        select->setString(1, month);
        std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
        std::vector<MonthlyReport> reports;
        while (rs->next()) reports.push_back(ReadReport(*rs));
        return reports;
      });
}

absl::StatusOr<std::vector<std::string>> MySqlMonthlyReportStore::ClaimMissedMonthlyReports(
    const std::string& month, const std::vector<std::string>& unit_ids,
    const common::Deadline& due) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<std::string>> {
        std::vector<std::string> missed;
        for (const std::string& unit : unit_ids) {
          // The primary key makes the claim exactly-once: a replica that inserts nothing lost the
          // race (or the unit submitted).
          auto insert = tx.Prepare(
              "INSERT IGNORE INTO monthly_reports (month, unit_id, due_at, due_calendar, "
              "analysis, miss_counted) VALUES (?,?,?,?,'',TRUE)");
          Binder b(*insert);
          b.String(month);
          b.String(unit);
          b.Time(due.at);
          b.String(due.calendar_version);
          if (insert->executeUpdate() == 1) missed.push_back(unit);
        }
        return missed;
      });
}

}  // namespace cs::archive
