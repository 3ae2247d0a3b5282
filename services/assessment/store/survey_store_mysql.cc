#include "services/assessment/store/survey_store_mysql.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/idempotency.h"
#include "common/db/printable_id.h"
#include "common/db/statement_helpers.h"
#include "common/db/transaction.h"
#include "common/status/status_macros.h"
#include "services/assessment/store/assessment_record_mysql_support.h"

namespace cs::assessment {
namespace {

using common::db::StringColumn;
using common::db::TimeColumn;
using common::db::Transaction;
using mysql_internal::Binder;
using mysql_internal::DayColumn;
using mysql_internal::ParseIdResponse;

constexpr absl::string_view kSelectSurveys =
    "SELECT id, unit_id, method, period_start, period_end, sample_size, score, scale, note, "
    "recorded_by, recorded_at FROM surveys";

SurveySummary ReadSurvey(sql::ResultSet& rs) {
  SurveySummary s;
  s.id = rs.getInt64("id");
  s.unit_id = StringColumn(rs, "unit_id");
  s.method = static_cast<SurveyMethod>(rs.getInt("method"));
  s.period_start = DayColumn(rs, "period_start");
  s.period_end = DayColumn(rs, "period_end");
  s.sample_size = rs.getInt64("sample_size");
  s.score = static_cast<double>(rs.getDouble("score"));
  s.scale = static_cast<double>(rs.getDouble("scale"));
  s.note = StringColumn(rs, "note");
  s.recorded_by = StringColumn(rs, "recorded_by");
  s.recorded_at = TimeColumn(rs, "recorded_at");
  return s;
}

}  // namespace

absl::StatusOr<RecordSurveyResult> MySqlSurveyStore::Record(SurveySummary survey,
                                                            const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  RETURN_IF_ERROR(CheckUnitId(survey.unit_id));
  const std::string scope(kRecordSurveyScope);
  const absl::Time now = clock_.Now();
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<RecordSurveyResult> {
        ASSIGN_OR_RETURN(absl::optional<std::string> replay,
                         common::db::ClaimRequest(tx, scope, key.request_id, key.fingerprint, now));
        if (replay.has_value()) {
          ASSIGN_OR_RETURN(int64_t id, ParseIdResponse(*replay));
          sql::PreparedStatement& select =
              tx.PrepareCached(absl::StrCat(kSelectSurveys, " WHERE id = ?"));
          select.setInt64(1, id);
          std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
          if (!rs->next()) return absl::InternalError("the replayed survey is missing");
          return RecordSurveyResult{ReadSurvey(*rs), true};
        }
        sql::PreparedStatement& insert = tx.PrepareCached(
            "INSERT INTO surveys (unit_id, method, period_start, period_end, sample_size, score, "
            "scale, note, recorded_by, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id");
        Binder b(insert);
        b.String(survey.unit_id);
        b.Int(static_cast<int>(survey.method));
        b.Day(survey.period_start);
        b.Day(survey.period_end);
        b.Int(survey.sample_size);
        b.Double(survey.score);
        b.Double(survey.scale);
        b.String(survey.note);
        b.String(survey.recorded_by);
        b.Time(survey.recorded_at);
        std::unique_ptr<sql::ResultSet> rs(insert.executeQuery());
        rs->next();
        SurveySummary stored = survey;
        stored.id = rs->getInt64("id");
        rs.reset();
        RETURN_IF_ERROR(
            common::db::RecordResponse(tx, scope, key.request_id, absl::StrCat(stored.id)));
        return RecordSurveyResult{std::move(stored), false};
      });
}

absl::StatusOr<SurveyPage> MySqlSurveyStore::List(const std::string& unit_id, int64_t after_id,
                                                  int page_size) {
  RETURN_IF_ERROR(CheckPageSize(page_size));
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<SurveyPage> {
    // One row more than the page tells whether another page follows.
    sql::PreparedStatement& select = tx.PrepareCached(
        absl::StrCat(kSelectSurveys, " WHERE unit_id = ? AND id > ? ORDER BY id LIMIT ?"));
    Binder b(select);
    b.String(unit_id);
    b.Int(after_id);
    b.Int(static_cast<int64_t>(page_size) + 1);
    std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
    SurveyPage page;
    while (rs->next()) {
      if (static_cast<int>(page.surveys.size()) == page_size) {
        page.next_after_id = page.surveys.back().id;
        break;
      }
      page.surveys.push_back(ReadSurvey(*rs));
    }
    return page;
  });
}

absl::StatusOr<std::vector<SurveySummary>> MySqlSurveyStore::ListForMonth(
    const std::string& unit_id, absl::CivilDay from, absl::CivilDay until) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<SurveySummary>> {
        sql::PreparedStatement& select = tx.PrepareCached(
            absl::StrCat(kSelectSurveys,
                         " WHERE unit_id = ? AND period_end >= ? AND period_end < ? "
                         "ORDER BY period_end, id"));
        Binder b(select);
        b.String(unit_id);
        b.Day(from);
        b.Day(until);
        std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
        std::vector<SurveySummary> listed;
        while (rs->next()) listed.push_back(ReadSurvey(*rs));
        return listed;
      });
}

}  // namespace cs::assessment
