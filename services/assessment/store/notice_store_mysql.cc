#include "services/assessment/store/notice_store_mysql.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
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
using mysql_internal::RecordsById;
using mysql_internal::Transaction;

constexpr absl::string_view kTable = "rectification_notices";
constexpr mysql_internal::HistoryTable kHistory{"rectification_notice_history", "notice_id"};

// Every column of `rectification_notices` but id, in the order BindNotice binds them.
constexpr absl::string_view kNoticeColumns =
    "unit_id, finding, clause, evidence, partner_id, source_id, issued_by, issued_at, state, "
    "received_at, received_by, deemed_received, reply_due_at, reply_due_calendar_version, "
    "reply_due_provisional, updated_at, version";

constexpr int kIssued = static_cast<int>(NoticeState::kIssued);
constexpr int kReceived = static_cast<int>(NoticeState::kReceived);
constexpr int kReopened = static_cast<int>(NoticeState::kReopened);

// A deadline kept in three columns <prefix>_at (NULL when there is none), _calendar_version and
// _provisional ("reply_due", "new_due").
void BindDeadline(Binder& b, const absl::optional<common::Deadline>& deadline) {
  if (deadline.has_value()) {
    b.Time(deadline->at);
    b.String(deadline->calendar_version);
    b.Bool(deadline->provisional);
  } else {
    b.Null();
    b.String("");
    b.Bool(false);
  }
}

absl::optional<common::Deadline> DeadlineColumns(sql::ResultSet& rs, absl::string_view prefix) {
  const std::string at = absl::StrCat(prefix, "_at");
  absl::optional<absl::Time> due = OptionalTimeColumn(rs, at.c_str());
  if (!due.has_value()) return absl::nullopt;
  return common::Deadline{*due, StringColumn(rs, absl::StrCat(prefix, "_calendar_version").c_str()),
                          rs.getBoolean(absl::StrCat(prefix, "_provisional"))};
}

void BindNotice(Binder& b, const RectificationNotice& n) {
  b.String(n.unit_id);
  b.String(n.finding);
  b.String(n.clause);
  b.String(n.evidence);
  if (n.partner_id.has_value()) {
    b.Int(*n.partner_id);
  } else {
    b.Null();
  }
  b.String(n.source_id);
  b.String(n.issued_by);
  b.Time(n.issued_at);
  b.Int(static_cast<int>(n.state));
  b.OptionalTime(n.received_at);
  b.String(n.received_by);
  b.Bool(n.deemed_received);
  BindDeadline(b, n.reply_due);
  b.Time(n.updated_at);
  b.Int(n.version);
}

RectificationNotice ReadNoticeRow(sql::ResultSet& rs) {
  RectificationNotice n;
  n.id = rs.getInt64("id");
  n.unit_id = StringColumn(rs, "unit_id");
  n.finding = StringColumn(rs, "finding");
  n.clause = StringColumn(rs, "clause");
  n.evidence = StringColumn(rs, "evidence");
  if (!rs.isNull("partner_id")) n.partner_id = rs.getInt64("partner_id");
  n.source_id = StringColumn(rs, "source_id");
  n.issued_by = StringColumn(rs, "issued_by");
  n.issued_at = TimeColumn(rs, "issued_at");
  n.state = static_cast<NoticeState>(rs.getInt("state"));
  n.received_at = OptionalTimeColumn(rs, "received_at");
  n.received_by = StringColumn(rs, "received_by");
  n.deemed_received = rs.getBoolean("deemed_received");
  n.reply_due = DeadlineColumns(rs, "reply_due");
  n.updated_at = TimeColumn(rs, "updated_at");
  n.version = rs.getInt64("version");
  return n;
}

// Reads the rows `select` returns, then their replies, verifications and history.
std::vector<RectificationNotice> ReadNotices(Transaction& tx, sql::PreparedStatement& select) {
  std::vector<RectificationNotice> notices = mysql_internal::ReadRows(select, &ReadNoticeRow);
  if (notices.empty()) return notices;
  const RecordsById<RectificationNotice> by_id(notices, NoticeRules().id);
  mysql_internal::ForEachChild(tx, "rectification_notice_replies", "notice_id",
                               "measures, signed_by, replied_by, replied_at, due_at, late",
                               "position", by_id.ids(), [&](int64_t owner, sql::ResultSet& rs) {
                                 by_id.at(owner).replies.push_back(
                                     {StringColumn(rs, "measures"), StringColumn(rs, "signed_by"),
                                      StringColumn(rs, "replied_by"), TimeColumn(rs, "replied_at"),
                                      TimeColumn(rs, "due_at"), rs.getBoolean("late")});
                               });
  mysql_internal::ForEachChild(
      tx, "rectification_notice_verifications", "notice_id",
      "passed, note, verified_by, verified_at, new_due_at, new_due_calendar_version, "
      "new_due_provisional",
      "position", by_id.ids(), [&](int64_t owner, sql::ResultSet& rs) {
        by_id.at(owner).verifications.push_back(
            {rs.getBoolean("passed"), StringColumn(rs, "note"), StringColumn(rs, "verified_by"),
             TimeColumn(rs, "verified_at"), DeadlineColumns(rs, "new_due")});
      });
  mysql_internal::LoadHistory<RectificationNotice>(
      tx, kHistory, by_id, [](RectificationNotice & n) -> auto& { return n.history; });
  return notices;
}

const std::string& SelectNotices() {
  static const std::string* const kSelect =
      new std::string(absl::StrCat("SELECT id, ", kNoticeColumns, " FROM rectification_notices"));
  return *kSelect;
}

absl::StatusOr<RectificationNotice> LoadNotice(Transaction& tx, int64_t id, bool for_update) {
  return mysql_internal::LoadById<RectificationNotice>(tx, SelectNotices(), id, for_update,
                                                       &ReadNotices, NoticeRules().kind);
}

// Inserts the replies, verifications and history entries `saved` has past those of `loaded`
// (append-only).
void AppendChildren(Transaction& tx, const RectificationNotice& loaded,
                    const RectificationNotice& saved) {
  mysql_internal::AppendChildren(tx, "rectification_notice_replies", "notice_id",
                                 "measures, signed_by, replied_by, replied_at, due_at, late",
                                 saved.id, loaded.replies.size(), saved.replies.size(),
                                 [&](Binder& b, size_t i) {
                                   const NoticeReply& r = saved.replies[i];
                                   b.String(r.measures);
                                   b.String(r.signed_by);
                                   b.String(r.replied_by);
                                   b.Time(r.replied_at);
                                   b.Time(r.due);
                                   b.Bool(r.late);
                                 });
  mysql_internal::AppendChildren(
      tx, "rectification_notice_verifications", "notice_id",
      "passed, note, verified_by, verified_at, new_due_at, new_due_calendar_version, "
      "new_due_provisional",
      saved.id, loaded.verifications.size(), saved.verifications.size(), [&](Binder& b, size_t i) {
        const Verification& v = saved.verifications[i];
        b.Bool(v.passed);
        b.String(v.note);
        b.String(v.verified_by);
        b.Time(v.verified_at);
        BindDeadline(b, v.new_reply_due);
      });
  mysql_internal::AppendHistory(tx, kHistory, saved.id, saved.history, loaded.history.size());
}

const mysql_internal::MySqlRecordSteps<RectificationNotice>& Steps() {
  static const auto* const kSteps = new mysql_internal::MySqlRecordSteps<RectificationNotice>{
      NoticeRules(), &LoadNotice,
      [](Transaction& tx, RectificationNotice& n) -> int64_t {
        n.id = mysql_internal::InsertRow(tx, kTable, kNoticeColumns,
                                         [&](Binder& b) { BindNotice(b, n); });
        RectificationNotice none;
        none.id = n.id;
        AppendChildren(tx, none, n);
        return n.id;
      },
      [](Transaction& tx, const RectificationNotice& loaded, const RectificationNotice& saved) {
        AppendChildren(tx, loaded, saved);
        mysql_internal::UpdateRow(tx, kTable, kNoticeColumns, saved.id,
                                  [&](Binder& b) { BindNotice(b, saved); });
      }};
  return *kSteps;
}

}  // namespace

absl::StatusOr<NoticeWriteResult> MySqlNoticeStore::Create(RectificationNotice draft,
                                                           const RequestKey& key) {
  ASSIGN_OR_RETURN(auto created, mysql_internal::KeyedCreate(pool_, clock_.Now(), Steps(), draft,
                                                             key, kIssueNoticeScope));
  return NoticeWriteResult{std::move(created.first), created.second};
}

absl::StatusOr<RectificationNotice> MySqlNoticeStore::Get(int64_t id) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) { return LoadNotice(tx, id, /*for_update=*/false); });
}

absl::StatusOr<NoticePage> MySqlNoticeStore::List(const NoticeFilter& filter, int64_t after_id,
                                                  int page_size) {
  const std::string where = absl::StrCat(
      filter.unit_id.empty() ? "" : " AND unit_id = ?",
      filter.state == NoticeState::kUnspecified ? "" : " AND state = ?",
      filter.overdue_at.has_value() ? " AND state IN (?, ?) AND reply_due_at < ?" : "");
  ASSIGN_OR_RETURN(auto page, mysql_internal::ReadPage<RectificationNotice>(
                                  pool_, SelectNotices(), where, after_id, page_size,
                                  [&](Binder& b) {
                                    if (!filter.unit_id.empty()) b.String(filter.unit_id);
                                    if (filter.state != NoticeState::kUnspecified) {
                                      b.Int(static_cast<int>(filter.state));
                                    }
                                    if (filter.overdue_at.has_value()) {
                                      b.Int(kReceived);
                                      b.Int(kReopened);
                                      b.Time(*filter.overdue_at);
                                    }
                                  },
                                  &ReadNotices, NoticeRules().id));
  return NoticePage{std::move(page.first), page.second};
}

absl::StatusOr<NoticeWriteResult> MySqlNoticeStore::Mutate(int64_t id,
                                                           const NoticeMutationOptions& options,
                                                           const NoticeMutation& mutation) {
  ASSIGN_OR_RETURN(auto mutated, mysql_internal::KeyedMutate<RectificationNotice>(
                                     pool_, clock_.Now(), Steps(), id, options,
                                     kNoticeMutationScopePrefix, mutation));
  return NoticeWriteResult{std::move(mutated.first), mutated.second};
}

absl::StatusOr<std::vector<RectificationNotice>> MySqlNoticeStore::ListAwaitingDeemedReceipt(
    absl::Time issued_before) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<RectificationNotice>> {
        sql::PreparedStatement& select = tx.PrepareCached(
            absl::StrCat(SelectNotices(), " WHERE state = ? AND issued_at < ? ORDER BY id"));
        Binder b(select);
        b.Int(kIssued);
        b.Time(issued_before);
        return ReadNotices(tx, select);
      });
}

absl::StatusOr<std::vector<RectificationNotice>> MySqlNoticeStore::ListReplyOverdue(
    absl::Time now) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<RectificationNotice>> {
        sql::PreparedStatement& select = tx.PrepareCached(absl::StrCat(
            SelectNotices(), " WHERE state IN (?, ?) AND reply_due_at < ? ORDER BY id"));
        Binder b(select);
        b.Int(kReceived);
        b.Int(kReopened);
        b.Time(now);
        return ReadNotices(tx, select);
      });
}

}  // namespace cs::assessment
