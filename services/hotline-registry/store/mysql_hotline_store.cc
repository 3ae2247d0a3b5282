#include "services/hotline-registry/store/mysql_hotline_store.h"

#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/db/idempotency.h"
#include "common/db/sql_time.h"
#include "common/db/statement_helpers.h"
#include "common/db/transaction.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"
#include "services/hotline-registry/store/hotline_store_support.h"
#include "services/hotline-registry/store/mysql_store_support.h"

namespace cs::hotline {
namespace {

using common::db::Assignments;
using common::db::ColumnCount;
using common::db::OptionalTimeColumn;
using common::db::Placeholders;
using common::db::RowsOfPlaceholders;
using common::db::StringColumn;
using common::db::TimeColumn;
using common::db::Transaction;
using mysql_internal::Binder;
using mysql_internal::BindHours;
using mysql_internal::BindIds;
using mysql_internal::HoursColumns;

// Every column of `hotlines` but id, in the order BindHotline binds them.
constexpr absl::string_view kHotlineColumns =
    "unit_id, state, number, hours_around_the_clock, hours_periods, hours_on_public_holidays, "
    "reg_unit_id, reg_filed_at, reg_number, reg_hours_around_the_clock, reg_hours_periods, "
    "reg_hours_on_public_holidays, reg_established_on, reg_audience, reg_description, reg_charges, "
    "reg_staffing, reg_contact_a_person, reg_contact_a_phone, reg_contact_a_email, "
    "reg_contact_b_person, reg_contact_b_phone, reg_contact_b_email, reg_handler, reg_signed_by, "
    "reg_signed_at, reg_remarks, approval_approved, approval_decided_by, approval_decided_at, "
    "approval_reason, updated_at, version, next_due_at";

// Every column of `hotline_changes` but change_seq, hotline_id and change_id, in the order
// BindChange binds them.
constexpr absl::string_view kChangeColumns =
    "notice_id, state, form_unit_id, form_filed_at, form_number, change_at, item, reason, handler, "
    "signed_by, signed_at, remarks, new_number, transition_kind, transition_ends_at, hours_set, "
    "hours_around_the_clock, hours_periods, hours_on_public_holidays, opinion_approved, "
    "opinion_decided_by, opinion_decided_at, opinion_reason";

constexpr absl::string_view kNoticeColumns =
    "notice_seq, notice_id, title, item, change_at, issued_by, issued_at";

absl::Status NoHotline(int64_t id) {
  return absl::NotFoundError(absl::StrCat("no hotline ", FormatHotlineId(id)));
}

// --- values <-> columns -------------------------------------------------------------------------

void BindSignature(Binder& b, const absl::optional<Signature>& signature) {
  b.OptionalString(signature.has_value(), signature.has_value() ? signature->signed_by : "");
  b.OptionalTime(signature.has_value() ? absl::optional<absl::Time>(signature->signed_at)
                                       : absl::nullopt);
}

absl::optional<Signature> SignatureColumns(sql::ResultSet& rs, const char* by, const char* at) {
  if (rs.isNull(by)) return absl::nullopt;
  return Signature{StringColumn(rs, by), TimeColumn(rs, at)};
}

// <prefix>approved (NULL: no decision), <prefix>decided_by, <prefix>decided_at, <prefix>reason.
void BindDecision(Binder& b, const absl::optional<Decision>& decision) {
  if (decision.has_value()) {
    b.Bool(decision->approved);
  } else {
    b.Null();
  }
  b.String(decision.has_value() ? decision->decided_by : "");
  b.OptionalTime(decision.has_value() ? absl::optional<absl::Time>(decision->decided_at)
                                      : absl::nullopt);
  b.String(decision.has_value() ? decision->reason : "");
}

absl::optional<Decision> DecisionColumns(sql::ResultSet& rs, const std::string& prefix) {
  if (rs.isNull(prefix + "approved")) return absl::nullopt;
  Decision decision;
  decision.approved = rs.getBoolean(prefix + "approved");
  decision.decided_by = rs.getString(prefix + "decided_by");
  decision.decided_at = TimeColumn(rs, (prefix + "decided_at").c_str());
  decision.reason = rs.getString(prefix + "reason");
  return decision;
}

void BindContact(Binder& b, const ContactPerson& contact) {
  b.String(contact.person);
  b.String(contact.phone);
  b.String(contact.email);
}

ContactPerson ContactColumns(sql::ResultSet& rs, const std::string& prefix) {
  return {rs.getString(prefix + "person"), rs.getString(prefix + "phone"),
          rs.getString(prefix + "email")};
}

void BindHotline(Binder& b, const Hotline& h, const absl::optional<absl::Time>& next_due_at) {
  b.String(h.unit_id);
  b.Int(static_cast<int>(h.state));
  b.String(h.number);
  BindHours(b, h.service_hours);
  const RegistrationForm& f = h.registration;
  b.String(f.unit_id);
  b.Time(f.filed_at);
  b.String(f.number);
  BindHours(b, f.service_hours);
  b.OptionalTime(f.established_on);
  b.String(f.audience);
  b.String(f.description);
  b.String(f.charges);
  b.String(f.staffing);
  BindContact(b, f.contact_a);
  BindContact(b, f.contact_b);
  b.String(f.handler);
  BindSignature(b, f.manager_signature);
  b.String(f.remarks);
  BindDecision(b, h.approval);
  b.Time(h.updated_at);
  b.Int(h.version);
  b.OptionalTime(next_due_at);
}

// The row of `hotlines` (without changes, transitions and history).
Hotline ReadHotlineRow(sql::ResultSet& rs) {
  Hotline h;
  h.id = rs.getInt64("id");
  h.unit_id = StringColumn(rs, "unit_id");
  h.state = static_cast<HotlineState>(rs.getInt("state"));
  h.number = StringColumn(rs, "number");
  h.service_hours = HoursColumns(rs, "hours_");
  RegistrationForm& f = h.registration;
  f.unit_id = StringColumn(rs, "reg_unit_id");
  f.filed_at = TimeColumn(rs, "reg_filed_at");
  f.number = StringColumn(rs, "reg_number");
  f.service_hours = HoursColumns(rs, "reg_hours_");
  f.established_on = OptionalTimeColumn(rs, "reg_established_on");
  f.audience = StringColumn(rs, "reg_audience");
  f.description = StringColumn(rs, "reg_description");
  f.charges = StringColumn(rs, "reg_charges");
  f.staffing = StringColumn(rs, "reg_staffing");
  f.contact_a = ContactColumns(rs, "reg_contact_a_");
  f.contact_b = ContactColumns(rs, "reg_contact_b_");
  f.handler = StringColumn(rs, "reg_handler");
  f.manager_signature = SignatureColumns(rs, "reg_signed_by", "reg_signed_at");
  f.remarks = StringColumn(rs, "reg_remarks");
  h.approval = DecisionColumns(rs, "approval_");
  h.updated_at = TimeColumn(rs, "updated_at");
  h.version = rs.getInt64("version");
  return h;
}

void BindChange(Binder& b, const HotlineChange& c) {
  const ChangeForm& f = c.form;
  b.String(c.notice_id);
  b.Int(static_cast<int>(c.state));
  b.String(f.unit_id);
  b.Time(f.filed_at);
  b.String(f.number);
  b.Time(f.change_at);
  b.Int(static_cast<int>(f.item));
  b.String(f.reason);
  b.String(f.handler);
  BindSignature(b, f.manager_signature);
  b.String(f.remarks);
  b.String(f.new_number);
  b.Int(static_cast<int>(f.transition_kind));
  b.OptionalTime(f.transition_ends_at);
  b.Bool(f.service_hours.has_value());
  BindHours(b, f.service_hours.value_or(ServiceHours{}));
  BindDecision(b, c.cs_center_opinion);
}

HotlineChange ReadChange(sql::ResultSet& rs) {
  HotlineChange c;
  c.change_id = StringColumn(rs, "change_id");
  c.notice_id = StringColumn(rs, "notice_id");
  c.state = static_cast<ChangeState>(rs.getInt("state"));
  ChangeForm& f = c.form;
  f.unit_id = StringColumn(rs, "form_unit_id");
  f.filed_at = TimeColumn(rs, "form_filed_at");
  f.number = StringColumn(rs, "form_number");
  f.change_at = TimeColumn(rs, "change_at");
  f.item = static_cast<ChangeItem>(rs.getInt("item"));
  f.reason = StringColumn(rs, "reason");
  f.handler = StringColumn(rs, "handler");
  f.manager_signature = SignatureColumns(rs, "signed_by", "signed_at");
  f.remarks = StringColumn(rs, "remarks");
  f.new_number = StringColumn(rs, "new_number");
  f.transition_kind = static_cast<TransitionKind>(rs.getInt("transition_kind"));
  f.transition_ends_at = OptionalTimeColumn(rs, "transition_ends_at");
  if (rs.getBoolean("hours_set")) f.service_hours = HoursColumns(rs, "hours_");
  c.cs_center_opinion = DecisionColumns(rs, "opinion_");
  return c;
}

// --- loading ------------------------------------------------------------------------------------

// Loads the changes, transitions and history of `hotlines` (by id) into them.
void LoadChildren(Transaction& tx, std::vector<Hotline>& hotlines) {
  if (hotlines.empty()) return;
  absl::flat_hash_map<int64_t, Hotline*> by_id;
  std::vector<int64_t> ids;
  for (Hotline& h : hotlines) {
    by_id[h.id] = &h;
    ids.push_back(h.id);
  }
  const std::string in = Placeholders(static_cast<int>(ids.size()));
  sql::PreparedStatement& changes = tx.PrepareCached(absl::StrCat(
      "SELECT hotline_id, change_id, ", kChangeColumns,
      " FROM hotline_changes WHERE hotline_id IN ", in, " ORDER BY hotline_id, change_seq"));
  Binder cb(changes);
  BindIds(cb, ids);
  std::unique_ptr<sql::ResultSet> rs(changes.executeQuery());
  while (rs->next()) by_id.at(rs->getInt64("hotline_id"))->changes.push_back(ReadChange(*rs));

  sql::PreparedStatement& transitions = tx.PrepareCached(
      absl::StrCat("SELECT hotline_id, old_number, new_number, kind, starts_at, ends_at "
                   "FROM hotline_transitions WHERE hotline_id IN ",
                   in, " ORDER BY hotline_id, position"));
  Binder tb(transitions);
  BindIds(tb, ids);
  rs.reset(transitions.executeQuery());
  while (rs->next()) {
    by_id.at(rs->getInt64("hotline_id"))
        ->transitions.push_back({StringColumn(*rs, "old_number"), StringColumn(*rs, "new_number"),
                                 static_cast<TransitionKind>(rs->getInt("kind")),
                                 TimeColumn(*rs, "starts_at"), TimeColumn(*rs, "ends_at")});
  }

  sql::PreparedStatement& history = tx.PrepareCached(
      absl::StrCat("SELECT hotline_id, sequence, at, actor, event, detail FROM hotline_history "
                   "WHERE hotline_id IN ",
                   in, " ORDER BY hotline_id, position"));
  Binder hb(history);
  BindIds(hb, ids);
  rs.reset(history.executeQuery());
  while (rs->next()) {
    by_id.at(rs->getInt64("hotline_id"))
        ->history.push_back({rs->getInt("sequence"), TimeColumn(*rs, "at"),
                             StringColumn(*rs, "actor"), StringColumn(*rs, "event"),
                             StringColumn(*rs, "detail")});
  }
}

// The complete hotline; NOT_FOUND when absent. `for_update` locks its row until the transaction
// ends (the lock every change of the hotline takes first).
absl::StatusOr<Hotline> LoadHotline(Transaction& tx, int64_t id, bool for_update) {
  sql::PreparedStatement& select =
      tx.PrepareCached(absl::StrCat("SELECT id, ", kHotlineColumns, " FROM hotlines WHERE id = ?",
                                    for_update ? " FOR UPDATE" : ""));
  select.setInt64(1, id);
  std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
  if (!rs->next()) return NoHotline(id);
  std::vector<Hotline> one;
  one.push_back(ReadHotlineRow(*rs));
  rs.reset();
  LoadChildren(tx, one);
  return std::move(one.front());
}

// --- saving -------------------------------------------------------------------------------------

void InsertChange(Transaction& tx, int64_t hotline_id, const HotlineChange& change) {
  sql::PreparedStatement& insert = tx.PrepareCached(
      absl::StrCat("INSERT INTO hotline_changes (hotline_id, change_id, ", kChangeColumns,
                   ") VALUES ", Placeholders(ColumnCount(kChangeColumns) + 2)));
  Binder b(insert);
  b.Int(hotline_id);
  b.String(change.change_id);
  BindChange(b, change);
  insert.executeUpdate();
}

void UpdateChange(Transaction& tx, int64_t hotline_id, const HotlineChange& change) {
  sql::PreparedStatement& update =
      tx.PrepareCached(absl::StrCat("UPDATE hotline_changes SET ", Assignments(kChangeColumns),
                                    " WHERE hotline_id = ? AND change_id = ?"));
  Binder b(update);
  BindChange(b, change);
  b.Int(hotline_id);
  b.String(change.change_id);
  update.executeUpdate();
}

void ReplaceTransitions(Transaction& tx, int64_t hotline_id,
                        const std::vector<NumberTransition>& transitions) {
  sql::PreparedStatement& remove =
      tx.PrepareCached("DELETE FROM hotline_transitions WHERE hotline_id = ?");
  remove.setInt64(1, hotline_id);
  remove.executeUpdate();
  if (transitions.empty()) return;
  sql::PreparedStatement& insert = tx.PrepareCached(
      absl::StrCat("INSERT INTO hotline_transitions (hotline_id, position, old_number, "
                   "new_number, kind, starts_at, ends_at) VALUES ",
                   RowsOfPlaceholders(static_cast<int>(transitions.size()), 7)));
  Binder b(insert);
  for (size_t i = 0; i < transitions.size(); ++i) {
    const NumberTransition& t = transitions[i];
    b.Int(hotline_id);
    b.Int(static_cast<int64_t>(i));
    b.String(t.old_number);
    b.String(t.new_number);
    b.Int(static_cast<int>(t.kind));
    b.Time(t.starts_at);
    b.Time(t.ends_at);
  }
  insert.executeUpdate();
}

void AppendHistory(Transaction& tx, int64_t hotline_id, const std::vector<HistoryEntry>& history,
                   size_t from) {
  if (from >= history.size()) return;
  sql::PreparedStatement& insert = tx.PrepareCached(absl::StrCat(
      "INSERT INTO hotline_history (hotline_id, position, sequence, at, actor, event, detail) "
      "VALUES ",
      RowsOfPlaceholders(static_cast<int>(history.size() - from), 7)));
  Binder b(insert);
  for (size_t i = from; i < history.size(); ++i) {
    const HistoryEntry& e = history[i];
    b.Int(hotline_id);
    b.Int(static_cast<int64_t>(i));
    b.Int(e.sequence);
    b.Time(e.at);
    b.String(e.actor);
    b.String(e.event);
    b.String(e.detail);
  }
  insert.executeUpdate();
}

// Writes what differs between the stored `loaded` and `changed` among changes, transitions and
// history (see HotlineStore::Mutate); names new changes in `changed`.
void SaveChildren(Transaction& tx, const Hotline& loaded, Hotline& changed) {
  absl::flat_hash_map<std::string, const HotlineChange*> before;
  for (const HotlineChange& change : loaded.changes) before[change.change_id] = &change;
  absl::flat_hash_set<std::string> kept;
  for (HotlineChange& change : changed.changes) {
    if (change.change_id.empty()) change.change_id = NextChangeId(changed);
    auto it = before.find(change.change_id);
    if (it == before.end()) {
      InsertChange(tx, changed.id, change);
      tx.NoteChange(absl::StrCat("hotline ", changed.id, " change ", change.change_id));
    } else if (!(change == *it->second)) {
      UpdateChange(tx, changed.id, change);
      tx.NoteChange(absl::StrCat("hotline ", changed.id, " change ", change.change_id));
    }
    kept.insert(change.change_id);
  }
  for (const HotlineChange& change : loaded.changes) {
    if (kept.contains(change.change_id)) continue;
    sql::PreparedStatement& remove =
        tx.PrepareCached("DELETE FROM hotline_changes WHERE hotline_id = ? AND change_id = ?");
    remove.setInt64(1, changed.id);
    remove.setString(2, change.change_id);
    remove.executeUpdate();
    tx.NoteChange(absl::StrCat("hotline ", changed.id, " change ", change.change_id));
  }
  if (changed.transitions != loaded.transitions) {
    ReplaceTransitions(tx, changed.id, changed.transitions);
  }
  AppendHistory(tx, changed.id, changed.history, loaded.history.size());
}

}  // namespace

Hotline MySqlHotlineStore::SaveHotline(Transaction& tx, const Hotline& loaded,
                                       Hotline changed) const {
  changed.id = loaded.id;
  changed.version = loaded.version + 1;
  // History is append-only: what was stored stays as it was.
  std::vector<HistoryEntry> history = loaded.history;
  for (size_t i = loaded.history.size(); i < changed.history.size(); ++i) {
    history.push_back(changed.history[i]);
  }
  changed.history = std::move(history);
  tx.NoteChange(absl::StrCat("hotline ", changed.id));
  SaveChildren(tx, loaded, changed);
  sql::PreparedStatement& update = tx.PrepareCached(
      absl::StrCat("UPDATE hotlines SET ", Assignments(kHotlineColumns), " WHERE id = ?"));
  Binder b(update);
  BindHotline(b, changed, due_rule_(changed));
  b.Int(changed.id);
  update.executeUpdate();
  return changed;
}

namespace {

// --- notices ------------------------------------------------------------------------------------

absl::StatusOr<Notice> LoadNotice(Transaction& tx, const std::string& notice_id) {
  sql::PreparedStatement& select = tx.PrepareCached(
      absl::StrCat("SELECT ", kNoticeColumns, " FROM notices WHERE notice_id = ?"));
  select.setString(1, notice_id);
  std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
  if (!rs->next()) return absl::NotFoundError(absl::StrCat("no notice ", notice_id));
  const int64_t seq = rs->getInt64("notice_seq");
  Notice notice;
  notice.notice_id = StringColumn(*rs, "notice_id");
  notice.title = StringColumn(*rs, "title");
  notice.item = static_cast<ChangeItem>(rs->getInt("item"));
  notice.change_at = TimeColumn(*rs, "change_at");
  notice.issued_by = StringColumn(*rs, "issued_by");
  notice.issued_at = TimeColumn(*rs, "issued_at");
  sql::PreparedStatement& targets = tx.PrepareCached(
      "SELECT hotline_id, new_number, transition_kind, transition_ends_at, change_id "
      "FROM notice_targets WHERE notice_seq = ? ORDER BY position");
  targets.setInt64(1, seq);
  rs.reset(targets.executeQuery());
  while (rs->next()) {
    NoticeTarget target;
    target.hotline_id = rs->getInt64("hotline_id");
    target.new_number = StringColumn(*rs, "new_number");
    target.transition_kind = static_cast<TransitionKind>(rs->getInt("transition_kind"));
    target.transition_ends_at = OptionalTimeColumn(*rs, "transition_ends_at");
    target.change_id = StringColumn(*rs, "change_id");
    notice.targets.push_back(std::move(target));
  }
  return notice;
}

// Inserts the notice's row and names it "NT-<notice_seq>"; returns notice_seq.
int64_t InsertNotice(Transaction& tx, Notice& notice) {
  sql::PreparedStatement& insert = tx.PrepareCached(
      "INSERT INTO notices (title, item, change_at, issued_by, issued_at) VALUES (?,?,?,?,?) "
      "RETURNING notice_seq");
  Binder b(insert);
  b.String(notice.title);
  b.Int(static_cast<int>(notice.item));
  b.Time(notice.change_at);
  b.String(notice.issued_by);
  b.Time(notice.issued_at);
  std::unique_ptr<sql::ResultSet> rs(insert.executeQuery());
  rs->next();
  const int64_t seq = rs->getInt64("notice_seq");
  rs.reset();
  notice.notice_id = NoticeIdText(seq);
  sql::PreparedStatement& name =
      tx.PrepareCached("UPDATE notices SET notice_id = ? WHERE notice_seq = ?");
  name.setString(1, notice.notice_id);
  name.setInt64(2, seq);
  name.executeUpdate();
  return seq;
}

void InsertTargets(Transaction& tx, int64_t notice_seq, const std::vector<NoticeTarget>& targets) {
  sql::PreparedStatement& insert = tx.PrepareCached(
      absl::StrCat("INSERT INTO notice_targets (notice_seq, position, hotline_id, new_number, "
                   "transition_kind, transition_ends_at, change_id) VALUES ",
                   RowsOfPlaceholders(static_cast<int>(targets.size()), 7)));
  Binder b(insert);
  for (size_t i = 0; i < targets.size(); ++i) {
    const NoticeTarget& t = targets[i];
    b.Int(notice_seq);
    b.Int(static_cast<int64_t>(i));
    b.Int(t.hotline_id);
    b.String(t.new_number);
    b.Int(static_cast<int>(t.transition_kind));
    b.OptionalTime(t.transition_ends_at);
    b.String(t.change_id);
  }
  insert.executeUpdate();
}

absl::StatusOr<int64_t> ParseId(const std::string& response) {
  int64_t id = 0;
  if (!absl::SimpleAtoi(response, &id)) {
    return absl::InternalError("stored idempotent response is not a hotline id");
  }
  return id;
}

}  // namespace

absl::StatusOr<CreateHotlineResult> MySqlHotlineStore::Create(Hotline draft,
                                                              const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  const std::string scope(kRegisterHotlineScope);
  const absl::Time now = clock_.Now();
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<CreateHotlineResult> {
        ASSIGN_OR_RETURN(absl::optional<std::string> replay,
                         common::db::ClaimRequest(tx, scope, key.request_id, key.fingerprint, now));
        if (replay.has_value()) {
          ASSIGN_OR_RETURN(int64_t id, ParseId(*replay));
          ASSIGN_OR_RETURN(Hotline first, LoadHotline(tx, id, /*for_update=*/false));
          return CreateHotlineResult{std::move(first), true};
        }
        Hotline hotline = draft;  // a retried transaction starts from the draft again
        hotline.version = 1;
        for (HotlineChange& change : hotline.changes) {
          if (change.change_id.empty()) change.change_id = NextChangeId(hotline);
        }
        sql::PreparedStatement& insert = tx.PrepareCached(
            absl::StrCat("INSERT INTO hotlines (", kHotlineColumns, ") VALUES ",
                         Placeholders(ColumnCount(kHotlineColumns)), " RETURNING id"));
        Binder b(insert);
        BindHotline(b, hotline, due_rule_(hotline));
        std::unique_ptr<sql::ResultSet> rs(insert.executeQuery());
        rs->next();
        hotline.id = rs->getInt64("id");
        rs.reset();
        tx.NoteChange(absl::StrCat("hotline ", hotline.id));
        Hotline none;
        none.id = hotline.id;
        SaveChildren(tx, none, hotline);
        RETURN_IF_ERROR(
            common::db::RecordResponse(tx, scope, key.request_id, absl::StrCat(hotline.id)));
        return CreateHotlineResult{std::move(hotline), false};
      });
}

absl::StatusOr<Hotline> MySqlHotlineStore::Get(int64_t id) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) { return LoadHotline(tx, id, /*for_update=*/false); });
}

absl::StatusOr<HotlinePage> MySqlHotlineStore::List(const HotlineFilter& filter, int64_t after_id,
                                                    int page_size) {
  RETURN_IF_ERROR(CheckPageSize(page_size));
  std::string from = "hotlines h";
  std::vector<std::function<void(Binder&)>> binds;
  if (!filter.number.empty()) {
    // The few hotlines that have or had the number (H3: a former number is the old number of a
    // transition), each through its own index, then the other conditions on them.
    from =
        "(SELECT id FROM hotlines WHERE number = ? UNION SELECT hotline_id FROM "
        "hotline_transitions WHERE old_number = ?) m JOIN hotlines h ON h.id = m.id";
    binds.push_back([&](Binder& b) {
      b.String(filter.number);
      b.String(filter.number);
    });
  }
  std::vector<std::string> conditions = {"h.id > ?"};
  binds.push_back([&](Binder& b) { b.Int(after_id); });
  if (!filter.unit_id.empty()) {
    conditions.push_back("h.unit_id = ?");
    binds.push_back([&](Binder& b) { b.String(filter.unit_id); });
  }
  if (filter.state != HotlineState::kUnspecified) {
    conditions.push_back("h.state = ?");
    binds.push_back([&](Binder& b) { b.Int(static_cast<int>(filter.state)); });
  }
  const std::string sql =
      absl::StrCat("SELECT h.id, ", kHotlineColumns, " FROM ", from, " WHERE ",
                   absl::StrJoin(conditions, " AND "), " ORDER BY h.id LIMIT ?");
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<HotlinePage> {
    sql::PreparedStatement& select = tx.PrepareCached(sql);
    Binder b(select);
    for (const auto& bind : binds) bind(b);
    b.Int(page_size + 1);
    std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
    HotlinePage page;
    while (rs->next()) {
      if (static_cast<int>(page.hotlines.size()) == page_size) {
        page.next_after_id = page.hotlines.back().id;
        break;
      }
      page.hotlines.push_back(ReadHotlineRow(*rs));
    }
    rs.reset();
    LoadChildren(tx, page.hotlines);
    return page;
  });
}

absl::StatusOr<MutationResult> MySqlHotlineStore::Mutate(int64_t id, const MutationOptions& options,
                                                         const HotlineMutation& mutation) {
  std::string scope;
  if (options.request_key.has_value()) {
    RETURN_IF_ERROR(common::db::ValidateRequestId(options.request_key->request_id));
    if (options.scope.empty()) return absl::InvalidArgumentError("a request key needs a scope");
    scope = absl::StrCat(kMutationScopePrefix, options.scope);
  }
  const absl::Time now = clock_.Now();
  // A stale expected_version must roll back (the request key may be claimed already) without being
  // retried as ABORTED would be: it leaves the transaction as CANCELLED and is returned after.
  absl::Status conflict;
  absl::StatusOr<MutationResult> result =
      common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<MutationResult> {
        conflict = absl::OkStatus();
        if (options.request_key.has_value()) {
          ASSIGN_OR_RETURN(absl::optional<std::string> replay,
                           common::db::ClaimRequest(tx, scope, options.request_key->request_id,
                                                    options.request_key->fingerprint, now));
          if (replay.has_value()) {
            ASSIGN_OR_RETURN(int64_t first_id, ParseId(*replay));
            if (first_id != id) {
              return common::RequestIdReused(
                  "was already used for another hotline; use a new request_id");
            }
            ASSIGN_OR_RETURN(Hotline seen, LoadHotline(tx, id, /*for_update=*/false));
            return MutationResult{std::move(seen), true};
          }
        }
        ASSIGN_OR_RETURN(Hotline loaded, LoadHotline(tx, id, /*for_update=*/true));
        if (options.expected_version.has_value() && *options.expected_version != loaded.version) {
          conflict = absl::AbortedError(
              absl::StrCat(FormatHotlineId(id), " is at version ", loaded.version, ", not ",
                           *options.expected_version, "; read it again and retry"));
          return absl::CancelledError("version conflict");
        }
        Hotline changed = loaded;
        RETURN_IF_ERROR(mutation(changed));
        Hotline saved = SaveHotline(tx, loaded, std::move(changed));
        if (options.request_key.has_value()) {
          RETURN_IF_ERROR(common::db::RecordResponse(tx, scope, options.request_key->request_id,
                                                     absl::StrCat(id)));
        }
        return MutationResult{std::move(saved), false};
      });
  if (!conflict.ok()) return conflict;
  return result;
}

absl::StatusOr<std::vector<SweptHotline>> MySqlHotlineStore::ClaimDueChanges(
    absl::Time now, int limit, const HotlineMutation& mutation) {
  if (limit < 1) return common::InvalidField("limit", "must be at least 1");
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<SweptHotline>> {
        // Rows another transaction holds — another replica's sweep, a Mutate in flight — are
        // skipped, not waited for: that one will save them, and they are due again if not.
        sql::PreparedStatement& claim = tx.PrepareCached(
            "SELECT id FROM hotlines WHERE next_due_at <= ? ORDER BY next_due_at, id LIMIT ? "
            "FOR UPDATE SKIP LOCKED");
        Binder b(claim);
        b.Time(now);
        b.Int(limit);
        std::unique_ptr<sql::ResultSet> rs(claim.executeQuery());
        std::vector<int64_t> ids;
        while (rs->next()) ids.push_back(rs->getInt64("id"));
        rs.reset();
        std::vector<SweptHotline> swept;
        for (int64_t id : ids) {
          ASSIGN_OR_RETURN(Hotline loaded, LoadHotline(tx, id, /*for_update=*/false));
          Hotline changed = loaded;
          absl::Status status = mutation(changed);
          if (status.ok()) {
            swept.push_back({id, status, SaveHotline(tx, loaded, std::move(changed))});
          } else {
            swept.push_back({id, std::move(status), std::move(loaded)});
          }
        }
        return swept;
      });
}

absl::StatusOr<std::vector<ListedTransition>> MySqlHotlineStore::ListTransitions(
    absl::Time active_at, const std::string& unit_id) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<ListedTransition>> {
        sql::PreparedStatement& select = tx.PrepareCached(absl::StrCat(
            "SELECT t.hotline_id, h.unit_id, t.old_number, t.new_number, t.kind, t.starts_at, "
            "t.ends_at FROM hotline_transitions t JOIN hotlines h ON h.id = t.hotline_id "
            "WHERE t.ends_at > ? AND t.starts_at <= ?",
            unit_id.empty() ? "" : " AND h.unit_id = ?",
            " ORDER BY t.ends_at, t.hotline_id, t.old_number"));
        Binder b(select);
        b.Time(active_at);
        b.Time(active_at);
        if (!unit_id.empty()) b.String(unit_id);
        std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
        std::vector<ListedTransition> listed;
        while (rs->next()) {
          listed.push_back({rs->getInt64("hotline_id"),
                            StringColumn(*rs, "unit_id"),
                            {StringColumn(*rs, "old_number"), StringColumn(*rs, "new_number"),
                             static_cast<TransitionKind>(rs->getInt("kind")),
                             TimeColumn(*rs, "starts_at"), TimeColumn(*rs, "ends_at")}});
        }
        return listed;
      });
}

absl::StatusOr<NoticeResult> MySqlHotlineStore::CreateNotice(Notice draft, const RequestKey& key,
                                                             const NoticeApplication& apply) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  const std::string scope(kIssueNoticeScope);
  const absl::Time now = clock_.Now();
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<NoticeResult> {
    ASSIGN_OR_RETURN(absl::optional<std::string> replay,
                     common::db::ClaimRequest(tx, scope, key.request_id, key.fingerprint, now));
    if (replay.has_value()) {
      NoticeResult result;
      result.replayed = true;
      ASSIGN_OR_RETURN(result.notice, LoadNotice(tx, *replay));
      for (const NoticeTarget& target : result.notice.targets) {
        ASSIGN_OR_RETURN(Hotline hotline, LoadHotline(tx, target.hotline_id, false));
        result.hotlines.push_back(std::move(hotline));
      }
      return result;
    }
    Notice notice = draft;  // a retried transaction starts from the draft again
    for (NoticeTarget& target : notice.targets) target.change_id.clear();
    // Lock every named hotline first, in id order, so two notices naming the same hotlines
    // wait for each other instead of deadlocking.
    std::vector<int64_t> ids;
    for (const NoticeTarget& target : notice.targets) ids.push_back(target.hotline_id);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    absl::flat_hash_set<int64_t> known;
    if (!ids.empty()) {
      sql::PreparedStatement& lock = tx.PrepareCached(
          absl::StrCat("SELECT id FROM hotlines WHERE id IN ",
                       Placeholders(static_cast<int>(ids.size())), " ORDER BY id FOR UPDATE"));
      Binder b(lock);
      BindIds(b, ids);
      std::unique_ptr<sql::ResultSet> rs(lock.executeQuery());
      while (rs->next()) known.insert(rs->getInt64("id"));
    }
    common::FieldViolations violations;
    if (notice.targets.empty()) {
      violations.Add("notice.targets", "must name at least one hotline");
    }
    absl::flat_hash_set<int64_t> named;
    for (size_t i = 0; i < notice.targets.size(); ++i) {
      const int64_t id = notice.targets[i].hotline_id;
      const std::string field = absl::StrCat("notice.targets[", i, "].hotline_id");
      if (!known.contains(id)) {
        violations.Add(field, absl::StrCat("names no hotline (", FormatHotlineId(id), ")"));
      } else if (!named.insert(id).second) {
        violations.Add(field, absl::StrCat("names ", FormatHotlineId(id), " twice"));
      }
    }
    RETURN_IF_ERROR(violations.ToStatus("the notice cannot be issued"));

    const int64_t seq = InsertNotice(tx, notice);
    tx.NoteChange(absl::StrCat("notice ", notice.notice_id));
    NoticeResult result;
    for (size_t i = 0; i < notice.targets.size(); ++i) {
      NoticeTarget& target = notice.targets[i];
      ASSIGN_OR_RETURN(Hotline loaded, LoadHotline(tx, target.hotline_id, false));
      Hotline changed = loaded;
      RETURN_IF_ERROR(apply(notice, i, changed));
      Hotline saved = SaveHotline(tx, loaded, std::move(changed));
      for (const HotlineChange& change : saved.changes) {
        if (change.notice_id == notice.notice_id) target.change_id = change.change_id;
      }
      result.hotlines.push_back(std::move(saved));
    }
    InsertTargets(tx, seq, notice.targets);
    RETURN_IF_ERROR(common::db::RecordResponse(tx, scope, key.request_id, notice.notice_id));
    result.notice = std::move(notice);
    return result;
  });
}

absl::StatusOr<Notice> MySqlHotlineStore::GetNotice(const std::string& notice_id) {
  return common::db::RunInTransaction(pool_,
                                      [&](Transaction& tx) { return LoadNotice(tx, notice_id); });
}

}  // namespace cs::hotline
