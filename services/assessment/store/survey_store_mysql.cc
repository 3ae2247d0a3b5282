#include "services/assessment/store/survey_store_mysql.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/printable_id.h"
#include "common/db/statement_helpers.h"
#include "common/db/transaction.h"
#include "common/status/status_macros.h"
#include "services/assessment/store/assessment_mysql_support.h"

namespace cs::assessment {
namespace {

using common::db::StringColumn;
using common::db::TimeColumn;
using common::db::Transaction;
using mysql_internal::Binder;
using mysql_internal::DayColumn;

// Every column of `surveys` but id, in the order the insert binds them.
constexpr absl::string_view kSurveyColumns =
    "unit_id, method, period_start, period_end, sample_size, score, scale, note, recorded_by, "
    "recorded_at";

const std::string& SelectSurveys() {
  static const std::string* const kSelect =
      new std::string(absl::StrCat("SELECT id, ", kSurveyColumns, " FROM surveys"));
  return *kSelect;
}

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

absl::StatusOr<SurveySummary> LoadSurvey(Transaction& tx, int64_t id, bool for_update) {
  return mysql_internal::LoadById(tx, SelectSurveys(), id, for_update, &ReadSurvey,
                                  SurveyRules().kind);
}

const mysql_internal::MySqlRecordSteps<SurveySummary>& Steps() {
  static const auto* const kSteps = new mysql_internal::MySqlRecordSteps<SurveySummary>{
      SurveyRules(), &LoadSurvey,
      [](Transaction& tx, SurveySummary& survey) -> int64_t {
        survey.id = mysql_internal::InsertRow(tx, "surveys", kSurveyColumns, [&](Binder& b) {
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
        });
        return survey.id;
      },
      nullptr};
  return *kSteps;
}

}  // namespace

absl::StatusOr<RecordSurveyResult> MySqlSurveyStore::Record(SurveySummary survey,
                                                            const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  RETURN_IF_ERROR(CheckUnitId(survey.unit_id));
  ASSIGN_OR_RETURN(auto recorded, mysql_internal::KeyedCreate(pool_, clock_.Now(), Steps(), survey,
                                                              key, kRecordSurveyScope));
  return RecordSurveyResult{std::move(recorded.first), recorded.second};
}

absl::StatusOr<SurveyPage> MySqlSurveyStore::List(const std::string& unit_id, int64_t after_id,
                                                  int page_size) {
  ASSIGN_OR_RETURN(auto page, mysql_internal::ReadPage<SurveySummary>(
                                  pool_, SelectSurveys(), " AND unit_id = ?", after_id, page_size,
                                  [&](Binder& b) { b.String(unit_id); },
                                  [](Transaction&, sql::PreparedStatement& select) {
                                    return mysql_internal::ReadRows(select, &ReadSurvey);
                                  },
                                  SurveyRules().id));
  return SurveyPage{std::move(page.first), page.second};
}

absl::StatusOr<std::vector<SurveySummary>> MySqlSurveyStore::ListForMonth(
    const std::string& unit_id, absl::CivilDay from, absl::CivilDay until) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<SurveySummary>> {
        sql::PreparedStatement& select = tx.PrepareCached(
            absl::StrCat(SelectSurveys(),
                         " WHERE unit_id = ? AND period_end >= ? AND period_end < ? "
                         "ORDER BY period_end, id"));
        Binder b(select);
        b.String(unit_id);
        b.Day(from);
        b.Day(until);
        return mysql_internal::ReadRows(select, &ReadSurvey);
      });
}

}  // namespace cs::assessment
