#include "services/assessment/store/launch_review_store_mysql.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/statement_helpers.h"
#include "common/status/status_macros.h"
#include "services/assessment/store/assessment_notice_mysql_support.h"
#include "services/assessment/store/assessment_notice_store_support.h"

namespace cs::assessment {
namespace {

using common::db::Assignments;
using common::db::ColumnCount;
using common::db::OptionalTimeColumn;
using common::db::Placeholders;
using common::db::StringColumn;
using common::db::TimeColumn;
using notice_mysql_internal::Binder;
using notice_mysql_internal::Transaction;

constexpr absl::string_view kHistoryTable = "launch_review_history";
constexpr absl::string_view kOwner = "review_id";

// Every column of `launch_reviews` but id, in the order BindReview binds them.
constexpr absl::string_view kReviewColumns =
    "unit_id, change_text, planned_launch_at, state, submitted_by, submitted_at, accepted_by, "
    "accepted_at, acceptance_note, window_training_needed, window_training_done_at, launched_at, "
    "launch_unit_id, launch_source_id, launch_clause, launch_finding, launch_evidence, "
    "launch_found_at, updated_at, version";

absl::Status NoReview(int64_t id) {
  return absl::NotFoundError(absl::StrCat("no launch review ", FormatLaunchReviewId(id)));
}

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
  const absl::optional<Finding>& f = r.launch_finding;
  b.String(f.has_value() ? f->unit_id : "");
  b.String(f.has_value() ? f->source_id : "");
  b.String(f.has_value() ? f->clause : "");
  b.String(f.has_value() ? f->finding : "");
  b.String(f.has_value() ? f->evidence : "");
  b.OptionalTime(f.has_value() ? absl::optional<absl::Time>(f->found_at) : absl::nullopt);
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
  if (absl::optional<absl::Time> found = OptionalTimeColumn(rs, "launch_found_at");
      found.has_value()) {
    r.launch_finding =
        Finding{StringColumn(rs, "launch_unit_id"),  StringColumn(rs, "launch_source_id"),
                StringColumn(rs, "launch_clause"),   StringColumn(rs, "launch_finding"),
                StringColumn(rs, "launch_evidence"), *found};
  }
  r.updated_at = TimeColumn(rs, "updated_at");
  r.version = rs.getInt64("version");
  return r;
}

std::vector<LaunchReview> ReadReviews(Transaction& tx, sql::PreparedStatement& select) {
  std::vector<LaunchReview> reviews;
  {
    std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
    while (rs->next()) reviews.push_back(ReadRow(*rs));
  }
  if (reviews.empty()) return reviews;
  absl::flat_hash_map<int64_t, LaunchReview*> by_id;
  std::vector<int64_t> ids;
  for (LaunchReview& r : reviews) {
    by_id[r.id] = &r;
    ids.push_back(r.id);
  }
  auto history = notice_mysql_internal::LoadHistory(tx, kHistoryTable, kOwner, ids);
  for (auto& [id, entries] : history) by_id.at(id)->history = std::move(entries);
  return reviews;
}

const std::string& SelectReviews() {
  static const std::string* const kSelect =
      new std::string(absl::StrCat("SELECT id, ", kReviewColumns, " FROM launch_reviews"));
  return *kSelect;
}

absl::StatusOr<LaunchReview> LoadReview(Transaction& tx, int64_t id, bool for_update) {
  sql::PreparedStatement& select = tx.PrepareCached(
      absl::StrCat(SelectReviews(), " WHERE id = ?", for_update ? " FOR UPDATE" : ""));
  select.setInt64(1, id);
  std::vector<LaunchReview> one = ReadReviews(tx, select);
  if (one.empty()) return NoReview(id);
  return std::move(one.front());
}

const notice_mysql_internal::MySqlRecordSteps<LaunchReview>& Steps() {
  static const auto* const kSteps = new notice_mysql_internal::MySqlRecordSteps<LaunchReview>{
      &LoadReview,
      [](Transaction& tx, LaunchReview& r) -> int64_t {
        r.version = 1;
        sql::PreparedStatement& insert = tx.PrepareCached(
            absl::StrCat("INSERT INTO launch_reviews (", kReviewColumns, ") VALUES ",
                         Placeholders(ColumnCount(kReviewColumns)), " RETURNING id"));
        Binder b(insert);
        BindReview(b, r);
        {
          std::unique_ptr<sql::ResultSet> rs(insert.executeQuery());
          rs->next();
          r.id = rs->getInt64("id");
        }
        notice_mysql_internal::AppendHistory(tx, kHistoryTable, kOwner, r.id, r.history, 0);
        return r.id;
      },
      [](Transaction& tx, const LaunchReview& loaded, const LaunchReview& saved) {
        notice_mysql_internal::AppendHistory(tx, kHistoryTable, kOwner, saved.id, saved.history,
                                             loaded.history.size());
        sql::PreparedStatement& update = tx.PrepareCached(absl::StrCat(
            "UPDATE launch_reviews SET ", Assignments(kReviewColumns), " WHERE id = ?"));
        Binder b(update);
        BindReview(b, saved);
        b.Int(saved.id);
        update.executeUpdate();
      },
      [](const LaunchReview& r) { return r.version; },
      &LaunchReviewToSave,
      &FormatLaunchReviewId,
      "launch review"};
  return *kSteps;
}

}  // namespace

absl::StatusOr<LaunchReviewWriteResult> MySqlLaunchReviewStore::Create(LaunchReview review,
                                                                       const RequestKey& key) {
  ASSIGN_OR_RETURN(auto created,
                   notice_mysql_internal::KeyedCreate(pool_, clock_.Now(), Steps(), review, key,
                                                      kSubmitLaunchReviewScope));
  return LaunchReviewWriteResult{std::move(created.first), created.second};
}

absl::StatusOr<LaunchReview> MySqlLaunchReviewStore::Get(int64_t id) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) { return LoadReview(tx, id, /*for_update=*/false); });
}

absl::StatusOr<LaunchReviewPage> MySqlLaunchReviewStore::List(const LaunchReviewFilter& filter,
                                                              int64_t after_id, int page_size) {
  RETURN_IF_ERROR(CheckPageSize(page_size));
  const std::string sql =
      absl::StrCat(SelectReviews(), " WHERE id > ?",
                   filter.unit_id.empty() ? "" : " AND unit_id = ?", " ORDER BY id LIMIT ?");
  return common::db::RunInTransaction(pool_,
                                      [&](Transaction& tx) -> absl::StatusOr<LaunchReviewPage> {
                                        sql::PreparedStatement& select = tx.PrepareCached(sql);
                                        Binder b(select);
                                        b.Int(after_id);
                                        if (!filter.unit_id.empty()) b.String(filter.unit_id);
                                        b.Int(page_size + 1);
                                        LaunchReviewPage page;
                                        page.reviews = ReadReviews(tx, select);
                                        if (static_cast<int>(page.reviews.size()) > page_size) {
                                          page.reviews.resize(page_size);
                                          page.next_after_id = page.reviews.back().id;
                                        }
                                        return page;
                                      });
}

absl::StatusOr<LaunchReviewWriteResult> MySqlLaunchReviewStore::Mutate(
    int64_t id, const NoticeMutationOptions& options, const LaunchReviewMutation& mutation) {
  ASSIGN_OR_RETURN(auto mutated, notice_mysql_internal::KeyedMutate<LaunchReview>(
                                     pool_, clock_.Now(), Steps(), id, options,
                                     kLaunchReviewMutationScopePrefix, mutation));
  return LaunchReviewWriteResult{std::move(mutated.first), mutated.second};
}

}  // namespace cs::assessment
