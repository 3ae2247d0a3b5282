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
using notice_mysql_internal::BindIds;
using notice_mysql_internal::IdList;
using notice_mysql_internal::Transaction;

constexpr absl::string_view kHistoryTable = "rectification_notice_history";
constexpr absl::string_view kOwner = "notice_id";

// Every column of `rectification_notices` but id, in the order BindNotice binds them.
constexpr absl::string_view kNoticeColumns =
    "unit_id, finding, clause, evidence, partner_id, source_id, issued_by, issued_at, state, "
    "received_at, received_by, deemed_received, reply_due_at, reply_due_calendar_version, "
    "reply_due_provisional, updated_at, version";

constexpr int kIssued = static_cast<int>(NoticeState::kIssued);
constexpr int kReceived = static_cast<int>(NoticeState::kReceived);
constexpr int kReopened = static_cast<int>(NoticeState::kReopened);

absl::Status NoNotice(int64_t id) {
  return absl::NotFoundError(absl::StrCat("no notice ", FormatNoticeId(id)));
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
  if (n.reply_due.has_value()) {
    b.Time(n.reply_due->at);
    b.String(n.reply_due->calendar_version);
    b.Bool(n.reply_due->provisional);
  } else {
    b.Null();
    b.String("");
    b.Bool(false);
  }
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
  if (absl::optional<absl::Time> due = OptionalTimeColumn(rs, "reply_due_at"); due.has_value()) {
    n.reply_due = common::Deadline{*due, StringColumn(rs, "reply_due_calendar_version"),
                                   rs.getBoolean("reply_due_provisional")};
  }
  n.updated_at = TimeColumn(rs, "updated_at");
  n.version = rs.getInt64("version");
  return n;
}

// Reads the rows `select` returns, then their replies, verifications and history.
std::vector<RectificationNotice> ReadNotices(Transaction& tx, sql::PreparedStatement& select) {
  std::vector<RectificationNotice> notices;
  {
    std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
    while (rs->next()) notices.push_back(ReadNoticeRow(*rs));
  }
  if (notices.empty()) return notices;
  absl::flat_hash_map<int64_t, RectificationNotice*> by_id;
  std::vector<int64_t> ids;
  for (RectificationNotice& n : notices) {
    by_id[n.id] = &n;
    ids.push_back(n.id);
  }
  sql::PreparedStatement& replies = tx.PrepareCached(
      absl::StrCat("SELECT notice_id, measures, signed_by, replied_by, replied_at, due_at, late "
                   "FROM rectification_notice_replies WHERE notice_id IN ",
                   IdList(ids), " ORDER BY notice_id, position"));
  Binder rb(replies);
  BindIds(rb, ids);
  std::unique_ptr<sql::ResultSet> rs(replies.executeQuery());
  while (rs->next()) {
    by_id.at(rs->getInt64("notice_id"))
        ->replies.push_back({StringColumn(*rs, "measures"), StringColumn(*rs, "signed_by"),
                             StringColumn(*rs, "replied_by"), TimeColumn(*rs, "replied_at"),
                             TimeColumn(*rs, "due_at"), rs->getBoolean("late")});
  }
  sql::PreparedStatement& verifications = tx.PrepareCached(absl::StrCat(
      "SELECT notice_id, passed, note, verified_by, verified_at, new_due_at, "
      "new_due_calendar_version, new_due_provisional FROM rectification_notice_verifications "
      "WHERE notice_id IN ",
      IdList(ids), " ORDER BY notice_id, position"));
  Binder vb(verifications);
  BindIds(vb, ids);
  rs.reset(verifications.executeQuery());
  while (rs->next()) {
    Verification v;
    v.passed = rs->getBoolean("passed");
    v.note = StringColumn(*rs, "note");
    v.verified_by = StringColumn(*rs, "verified_by");
    v.verified_at = TimeColumn(*rs, "verified_at");
    if (absl::optional<absl::Time> due = OptionalTimeColumn(*rs, "new_due_at"); due.has_value()) {
      v.new_reply_due = common::Deadline{*due, StringColumn(*rs, "new_due_calendar_version"),
                                         rs->getBoolean("new_due_provisional")};
    }
    by_id.at(rs->getInt64("notice_id"))->verifications.push_back(std::move(v));
  }
  rs.reset();
  auto history = notice_mysql_internal::LoadHistory(tx, kHistoryTable, kOwner, ids);
  for (auto& [id, entries] : history) by_id.at(id)->history = std::move(entries);
  return notices;
}

const std::string& SelectNotices() {
  static const std::string* const kSelect =
      new std::string(absl::StrCat("SELECT id, ", kNoticeColumns, " FROM rectification_notices"));
  return *kSelect;
}

absl::StatusOr<RectificationNotice> LoadNotice(Transaction& tx, int64_t id, bool for_update) {
  sql::PreparedStatement& select = tx.PrepareCached(
      absl::StrCat(SelectNotices(), " WHERE id = ?", for_update ? " FOR UPDATE" : ""));
  select.setInt64(1, id);
  std::vector<RectificationNotice> one = ReadNotices(tx, select);
  if (one.empty()) return NoNotice(id);
  return std::move(one.front());
}

// Inserts replies[from..] and verifications[vfrom..] of notice `id` (append-only).
void AppendChildren(Transaction& tx, const RectificationNotice& loaded,
                    const RectificationNotice& saved) {
  const size_t from = loaded.replies.size();
  if (saved.replies.size() > from) {
    sql::PreparedStatement& insert = tx.PrepareCached(absl::StrCat(
        "INSERT INTO rectification_notice_replies (notice_id, position, measures, signed_by, "
        "replied_by, replied_at, due_at, late) VALUES ",
        common::db::RowsOfPlaceholders(static_cast<int>(saved.replies.size() - from), 8)));
    Binder b(insert);
    for (size_t i = from; i < saved.replies.size(); ++i) {
      const NoticeReply& r = saved.replies[i];
      b.Int(saved.id);
      b.Int(static_cast<int64_t>(i));
      b.String(r.measures);
      b.String(r.signed_by);
      b.String(r.replied_by);
      b.Time(r.replied_at);
      b.Time(r.due);
      b.Bool(r.late);
    }
    insert.executeUpdate();
  }
  const size_t vfrom = loaded.verifications.size();
  if (saved.verifications.size() > vfrom) {
    sql::PreparedStatement& insert = tx.PrepareCached(absl::StrCat(
        "INSERT INTO rectification_notice_verifications (notice_id, position, passed, note, "
        "verified_by, verified_at, new_due_at, new_due_calendar_version, new_due_provisional) "
        "VALUES ",
        common::db::RowsOfPlaceholders(static_cast<int>(saved.verifications.size() - vfrom), 9)));
    Binder b(insert);
    for (size_t i = vfrom; i < saved.verifications.size(); ++i) {
      const Verification& v = saved.verifications[i];
      b.Int(saved.id);
      b.Int(static_cast<int64_t>(i));
      b.Bool(v.passed);
      b.String(v.note);
      b.String(v.verified_by);
      b.Time(v.verified_at);
      if (v.new_reply_due.has_value()) {
        b.Time(v.new_reply_due->at);
        b.String(v.new_reply_due->calendar_version);
        b.Bool(v.new_reply_due->provisional);
      } else {
        b.Null();
        b.String("");
        b.Bool(false);
      }
    }
    insert.executeUpdate();
  }
  notice_mysql_internal::AppendHistory(tx, kHistoryTable, kOwner, saved.id, saved.history,
                                       loaded.history.size());
}

const notice_mysql_internal::MySqlRecordSteps<RectificationNotice>& Steps() {
  static const auto* const kSteps =
      new notice_mysql_internal::MySqlRecordSteps<RectificationNotice>{
          &LoadNotice,
          [](Transaction& tx, RectificationNotice& n) -> int64_t {
            n.version = 1;
            sql::PreparedStatement& insert = tx.PrepareCached(
                absl::StrCat("INSERT INTO rectification_notices (", kNoticeColumns, ") VALUES ",
                             Placeholders(ColumnCount(kNoticeColumns)), " RETURNING id"));
            Binder b(insert);
            BindNotice(b, n);
            std::unique_ptr<sql::ResultSet> rs(insert.executeQuery());
            rs->next();
            n.id = rs->getInt64("id");
            rs.reset();
            RectificationNotice none;
            none.id = n.id;
            AppendChildren(tx, none, n);
            return n.id;
          },
          [](Transaction& tx, const RectificationNotice& loaded, const RectificationNotice& saved) {
            AppendChildren(tx, loaded, saved);
            sql::PreparedStatement& update = tx.PrepareCached(absl::StrCat(
                "UPDATE rectification_notices SET ", Assignments(kNoticeColumns), " WHERE id = ?"));
            Binder b(update);
            BindNotice(b, saved);
            b.Int(saved.id);
            update.executeUpdate();
          },
          [](const RectificationNotice& n) { return n.version; },
          &NoticeToSave,
          &FormatNoticeId,
          "notice"};
  return *kSteps;
}

}  // namespace

absl::StatusOr<NoticeWriteResult> MySqlNoticeStore::Create(RectificationNotice draft,
                                                           const RequestKey& key) {
  ASSIGN_OR_RETURN(auto created, notice_mysql_internal::KeyedCreate(pool_, clock_.Now(), Steps(),
                                                                    draft, key, kIssueNoticeScope));
  return NoticeWriteResult{std::move(created.first), created.second};
}

absl::StatusOr<RectificationNotice> MySqlNoticeStore::Get(int64_t id) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) { return LoadNotice(tx, id, /*for_update=*/false); });
}

absl::StatusOr<NoticePage> MySqlNoticeStore::List(const NoticeFilter& filter, int64_t after_id,
                                                  int page_size) {
  RETURN_IF_ERROR(CheckPageSize(page_size));
  const std::string sql = absl::StrCat(
      SelectNotices(), " WHERE id > ?", filter.unit_id.empty() ? "" : " AND unit_id = ?",
      filter.state == NoticeState::kUnspecified ? "" : " AND state = ?",
      filter.overdue_at.has_value() ? " AND state IN (?, ?) AND reply_due_at < ?" : "",
      " ORDER BY id LIMIT ?");
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<NoticePage> {
    sql::PreparedStatement& select = tx.PrepareCached(sql);
    Binder b(select);
    b.Int(after_id);
    if (!filter.unit_id.empty()) b.String(filter.unit_id);
    if (filter.state != NoticeState::kUnspecified) b.Int(static_cast<int>(filter.state));
    if (filter.overdue_at.has_value()) {
      b.Int(kReceived);
      b.Int(kReopened);
      b.Time(*filter.overdue_at);
    }
    b.Int(page_size + 1);
    NoticePage page;
    page.notices = ReadNotices(tx, select);
    if (static_cast<int>(page.notices.size()) > page_size) {
      page.notices.resize(page_size);
      page.next_after_id = page.notices.back().id;
    }
    return page;
  });
}

absl::StatusOr<NoticeWriteResult> MySqlNoticeStore::Mutate(int64_t id,
                                                           const NoticeMutationOptions& options,
                                                           const NoticeMutation& mutation) {
  ASSIGN_OR_RETURN(auto mutated, notice_mysql_internal::KeyedMutate<RectificationNotice>(
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
