#include "services/assessment/store/launch_review_store_mysql.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/statement_helpers.h"
#include "common/status/status_macros.h"
#include "services/assessment/store/assessment_mysql_support.h"
#include "services/assessment/store/assessment_notice_store_support.h"

namespace cs::assessment {
namespace {

using common::db::OptionalTimeColumn;
using common::db::StringColumn;
using common::db::TimeColumn;
using mysql_internal::Binder;
using mysql_internal::Transaction;

constexpr absl::string_view kTable = "launch_reviews";
constexpr mysql_internal::HistoryTable kHistory{"launch_review_history", "review_id"};

// Every column of `launch_reviews` but id, in the order BindReview binds them.
constexpr absl::string_view kReviewColumns =
    "unit_id, change_text, planned_launch_at, state, submitted_by, submitted_at, accepted_by, "
    "accepted_at, acceptance_note, window_training_needed, window_training_done_at, launched_at, "
    "launch_unit_id, launch_source_id, launch_clause, launch_finding, launch_evidence, "
    "launch_found_at, updated_at, version";

void BindReview(Binder& b, const LaunchReview& r) {
  b.String(r.unit_id);
  b.String(r.change);
  b.Time(r.planned_launch_at);
  b.Int(static_cast<int>(r.state));
  b.String(r.submitted_by);
  b.Time(r.submitted_at);
  b.String(r.accepted_by);
  b.OptionalTime(r.accepted_at);
  b.String(r.acceptance_note);
  b.Bool(r.window_training_needed);
  b.OptionalTime(r.window_training_done_at);
  b.OptionalTime(r.launched_at);
  mysql_internal::BindFinding(b, r.launch_finding);
  b.Time(r.updated_at);
  b.Int(r.version);
}

LaunchReview ReadRow(sql::ResultSet& rs) {
  LaunchReview r;
  r.id = rs.getInt64("id");
  r.unit_id = StringColumn(rs, "unit_id");
  r.change = StringColumn(rs, "change_text");
  r.planned_launch_at = TimeColumn(rs, "planned_launch_at");
  r.state = static_cast<LaunchReviewState>(rs.getInt("state"));
  r.submitted_by = StringColumn(rs, "submitted_by");
  r.submitted_at = TimeColumn(rs, "submitted_at");
  r.accepted_by = StringColumn(rs, "accepted_by");
  r.accepted_at = OptionalTimeColumn(rs, "accepted_at");
  r.acceptance_note = StringColumn(rs, "acceptance_note");
  r.window_training_needed = rs.getBoolean("window_training_needed");
  r.window_training_done_at = OptionalTimeColumn(rs, "window_training_done_at");
  r.launched_at = OptionalTimeColumn(rs, "launched_at");
  r.launch_finding = mysql_internal::FindingColumns(rs, "launch");
  r.updated_at = TimeColumn(rs, "updated_at");
  r.version = rs.getInt64("version");
  return r;
}

std::vector<LaunchReview> ReadReviews(Transaction& tx, sql::PreparedStatement& select) {
  std::vector<LaunchReview> reviews = mysql_internal::ReadRows(select, &ReadRow);
  mysql_internal::LoadHistory<LaunchReview>(
      tx, kHistory, mysql_internal::RecordsById<LaunchReview>(reviews, LaunchReviewRules().id),
      [](LaunchReview & r) -> auto& { return r.history; });
  return reviews;
}

const std::string& SelectReviews() {
  static const std::string* const kSelect =
      new std::string(absl::StrCat("SELECT id, ", kReviewColumns, " FROM launch_reviews"));
  return *kSelect;
}

absl::StatusOr<LaunchReview> LoadReview(Transaction& tx, int64_t id, bool for_update) {
  return mysql_internal::LoadById<LaunchReview>(tx, SelectReviews(), id, for_update, &ReadReviews,
                                                LaunchReviewRules().kind);
}

const mysql_internal::MySqlRecordSteps<LaunchReview>& Steps() {
  static const auto* const kSteps = new mysql_internal::MySqlRecordSteps<LaunchReview>{
      LaunchReviewRules(), &LoadReview,
      [](Transaction& tx, LaunchReview& r) -> int64_t {
        r.id = mysql_internal::InsertRow(tx, kTable, kReviewColumns,
                                         [&](Binder& b) { BindReview(b, r); });
        mysql_internal::AppendHistory(tx, kHistory, r.id, r.history, 0);
        return r.id;
      },
      [](Transaction& tx, const LaunchReview& loaded, const LaunchReview& saved) {
        mysql_internal::AppendHistory(tx, kHistory, saved.id, saved.history, loaded.history.size());
        mysql_internal::UpdateRow(tx, kTable, kReviewColumns, saved.id,
                                  [&](Binder& b) { BindReview(b, saved); });
      }};
  return *kSteps;
}

}  // namespace

absl::StatusOr<LaunchReviewWriteResult> MySqlLaunchReviewStore::Create(LaunchReview review,
                                                                       const RequestKey& key) {
  ASSIGN_OR_RETURN(auto created, mysql_internal::KeyedCreate(pool_, clock_.Now(), Steps(), review,
                                                             key, kSubmitLaunchReviewScope));
  return LaunchReviewWriteResult{std::move(created.first), created.second};
}

absl::StatusOr<LaunchReview> MySqlLaunchReviewStore::Get(int64_t id) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) { return LoadReview(tx, id, /*for_update=*/false); });
}

absl::StatusOr<LaunchReviewPage> MySqlLaunchReviewStore::List(const LaunchReviewFilter& filter,
                                                              int64_t after_id, int page_size) {
  ASSIGN_OR_RETURN(auto page,
                   mysql_internal::ReadPage<LaunchReview>(
                       pool_, SelectReviews(), filter.unit_id.empty() ? "" : " AND unit_id = ?",
                       after_id, page_size,
                       [&](Binder& b) {
                         if (!filter.unit_id.empty()) b.String(filter.unit_id);
                       },
                       &ReadReviews, LaunchReviewRules().id));
  return LaunchReviewPage{std::move(page.first), page.second};
}

absl::StatusOr<LaunchReviewWriteResult> MySqlLaunchReviewStore::Mutate(
    int64_t id, const NoticeMutationOptions& options, const LaunchReviewMutation& mutation) {
  ASSIGN_OR_RETURN(auto mutated, mysql_internal::KeyedMutate<LaunchReview>(
                                     pool_, clock_.Now(), Steps(), id, options,
                                     kLaunchReviewMutationScopePrefix, mutation));
  return LaunchReviewWriteResult{std::move(mutated.first), mutated.second};
}

}  // namespace cs::assessment
