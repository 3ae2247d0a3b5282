#include "services/archive/store/mysql_monthly_report_store.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>
#include <utility>
#include <vector>

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

absl::StatusOr<CompletenessCounts> MySqlMonthlyReportStore::CountCompleteness(
    const std::string& unit_id, absl::Time closed_from, absl::Time closed_until, int max_listed) {
  // One transaction: the statements read one snapshot (InnoDB's consistent read).
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<CompletenessCounts> {
        CompletenessCounts counts;
        auto bind_month = [&](Binder& b) {
          b.String(unit_id);
          b.Time(closed_from);
          b.Time(closed_until);
        };
        constexpr absl::string_view kInMonth =
            "FROM records WHERE unit_id = ? AND closed_at >= ? AND closed_at < ?";
        constexpr absl::string_view kLag = "TIMESTAMPDIFF(MICROSECOND, closed_at, archived_at)";

        auto totals = tx.Prepare(absl::StrCat("SELECT COUNT(*) AS n, COALESCE(MAX(", kLag,
                                              "), 0) AS max_lag ", kInMonth));
        Binder totals_binder(*totals);
        bind_month(totals_binder);
        std::unique_ptr<sql::ResultSet> totals_rs(totals->executeQuery());
        totals_rs->next();
        counts.archived = totals_rs->getInt64("n");
        if (counts.archived == 0) return counts;
        counts.max_lag = absl::Microseconds(totals_rs->getInt64("max_lag"));

        // The median: the middle one or two lags in order.
        auto middle = tx.Prepare(
            absl::StrCat("SELECT ", kLag, " AS lag ", kInMonth, " ORDER BY lag LIMIT ? OFFSET ?"));
        Binder middle_binder(*middle);
        bind_month(middle_binder);
        middle_binder.Int(counts.archived % 2 == 1 ? 1 : 2);
        middle_binder.Int((counts.archived - 1) / 2);
        std::unique_ptr<sql::ResultSet> middle_rs(middle->executeQuery());
        std::vector<absl::Duration> lags;
        while (middle_rs->next()) lags.push_back(absl::Microseconds(middle_rs->getInt64("lag")));
        counts.median_lag = MedianOf(std::move(lags));

        // Each serial month the month's records touch, over all the unit's records of it.
        auto months = tx.Prepare(absl::StrCat(
            "SELECT serial_month, COUNT(DISTINCT month_serial) AS held, MAX(month_serial) AS "
            "highest FROM records WHERE unit_id = ? AND serial_month IN (SELECT serial_month ",
            kInMonth, ") GROUP BY serial_month ORDER BY serial_month"));
        Binder months_binder(*months);
        months_binder.String(unit_id);
        bind_month(months_binder);
        std::unique_ptr<sql::ResultSet> months_rs(months->executeQuery());
        while (months_rs->next()) {
          SerialMonthGaps gaps;
          gaps.serial_month = StringColumn(*months_rs, "serial_month");
          gaps.archived_serials = months_rs->getInt64("held");
          gaps.highest_archived_serial = months_rs->getInt64("highest");
          gaps.missing_count = gaps.highest_archived_serial - gaps.archived_serials;
          counts.serial_months.push_back(std::move(gaps));
        }

        // The first gaps of each serial month that has any, as ranges of missing serials.
        auto ranges = tx.Prepare(
            "SELECT prev + 1 AS first_missing, month_serial - 1 AS last_missing FROM (SELECT "
            "month_serial, COALESCE(LAG(month_serial) OVER (ORDER BY month_serial), 0) AS prev "
            "FROM records WHERE unit_id = ? AND serial_month = ?) AS held "
            "WHERE month_serial > prev + 1 ORDER BY month_serial LIMIT ?");
        for (SerialMonthGaps& gaps : counts.serial_months) {
          if (gaps.missing_count == 0) continue;
          Binder b(*ranges);
          b.String(unit_id);
          b.String(gaps.serial_month);
          b.Int(max_listed);
          std::unique_ptr<sql::ResultSet> rs(ranges->executeQuery());
          while (rs->next()) {
            const int64_t last = rs->getInt64("last_missing");
            for (int64_t serial = rs->getInt64("first_missing");
                 serial <= last && static_cast<int>(gaps.missing_serials.size()) < max_listed;
                 ++serial) {
              gaps.missing_serials.push_back(serial);
            }
          }
        }
        return counts;
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
    tx.NoteChange(absl::StrCat("monthly report ", report.unit_id, " ", report.month));
    RETURN_IF_ERROR(common::db::RecordResponse(tx, scope, key.request_id, response));
    // Read miss_counted back from the row the upsert now holds locked, not from the read before
    // it: a sweep that claimed the month missed between the two (no row yet, so nothing for the
    // first read to lock) has committed its TRUE, and the miss must not be counted again here.
    ASSIGN_OR_RETURN(absl::optional<MonthlyReport> written,
                     LoadReport(tx, report.month, report.unit_id, true));
    MonthlyReport stored = report;
    stored.miss_counted = written.has_value() && written->miss_counted;
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
