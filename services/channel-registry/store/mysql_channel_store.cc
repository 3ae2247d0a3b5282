#include "services/channel-registry/store/mysql_channel_store.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <cstdint>
#include <functional>
#include <iterator>
#include <memory>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/db/idempotency.h"
#include "common/db/statement_helpers.h"
#include "common/db/transaction.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"
#include "services/channel-registry/store/channel_store_support.h"
#include "services/channel-registry/store/mysql_store_support.h"

namespace cs::channel {
namespace {

using common::db::Assignments;
using common::db::ColumnCount;
using common::db::OptionalTimeColumn;
using common::db::Placeholders;
using common::db::StringColumn;
using common::db::TimeColumn;
using common::db::Transaction;
using mysql_internal::Binder;
using mysql_internal::DecodeEnums;
using mysql_internal::EncodeEnums;
using mysql_internal::ParseIdResponse;

// Every column of `channels` but id, in the order BindChannel binds them.
constexpr absl::string_view kChannelColumns =
    "unit_id, state, kind, address, service_around_the_clock, service_checks_per_day, "
    "acknowledged_at, acknowledged_by, publication_items, publication_standards, "
    "publication_recorded_at, last_checked_at, next_check_due, updated_at, version";

// Every column of `channel_forms` but channel_id and version, in the order BindForm binds them.
constexpr absl::string_view kFormColumns =
    "unit_id, filed_at, implementation, kind, purposes, business_scope, address, capacity, "
    "service_time, staffing, contact_person, contact_phone, contact_email, remarks, "
    "foreign_use_heavy";

constexpr absl::string_view kUnfiledColumns =
    "unit_id, kind, address, finding, reported_by, reported_at, filed_as_channel_id, filed_at";

// The lists of a form in channel_form_lists.
constexpr int kStaffList = 1;
constexpr int kLanguageList = 2;

// ChannelState::kRetired, as stored.
constexpr int kRetired = static_cast<int>(ChannelState::kRetired);

absl::Status NoChannel(int64_t id) {
  return absl::NotFoundError(absl::StrCat("no channel ", FormatChannelId(id)));
}

absl::Status NoUnfiled(int64_t id) {
  return absl::NotFoundError(absl::StrCat("no unfiled channel report ", FormatUnfiledId(id)));
}

std::string Ids(const std::vector<int64_t>& ids) {
  return Placeholders(static_cast<int>(ids.size()));
}

void BindIds(Binder& b, const std::vector<int64_t>& ids) {
  for (int64_t id : ids) b.Int(id);
}

// --- values <-> columns -------------------------------------------------------------------------

void BindChannel(Binder& b, const OnlineChannel& c) {
  b.String(c.unit_id);
  b.Int(static_cast<int>(c.state));
  b.Int(static_cast<int>(c.form().kind));
  b.String(c.form().address);
  b.Bool(c.service_time.around_the_clock);
  b.Int(c.service_time.checks_per_day);
  b.OptionalTime(c.acknowledged_at);
  b.String(c.acknowledged_by);
  b.String(EncodeEnums(c.publication.items));
  b.Bool(c.publication.service_standards_published);
  b.OptionalTime(c.publication.recorded_at);
  b.OptionalTime(c.last_checked_at);
  b.OptionalTime(c.next_check_due);
  b.Time(c.updated_at);
  b.Int(c.version);
}

// The row of `channels` (without forms, findings and history).
OnlineChannel ReadChannelRow(sql::ResultSet& rs) {
  OnlineChannel c;
  c.id = rs.getInt64("id");
  c.unit_id = StringColumn(rs, "unit_id");
  c.state = static_cast<ChannelState>(rs.getInt("state"));
  c.service_time.around_the_clock = rs.getBoolean("service_around_the_clock");
  c.service_time.checks_per_day = rs.getInt("service_checks_per_day");
  c.acknowledged_at = OptionalTimeColumn(rs, "acknowledged_at");
  c.acknowledged_by = StringColumn(rs, "acknowledged_by");
  c.publication.items =
      DecodeEnums<PublishedItem>(StringColumn(rs, "publication_items"), "publication_items");
  c.publication.service_standards_published = rs.getBoolean("publication_standards");
  c.publication.recorded_at = OptionalTimeColumn(rs, "publication_recorded_at");
  c.last_checked_at = OptionalTimeColumn(rs, "last_checked_at");
  c.next_check_due = OptionalTimeColumn(rs, "next_check_due");
  c.updated_at = TimeColumn(rs, "updated_at");
  c.version = rs.getInt64("version");
  return c;
}

void BindForm(Binder& b, const FilingForm& f) {
  b.String(f.unit_id);
  b.Time(f.filed_at);
  b.String(f.implementation);
  b.Int(static_cast<int>(f.kind));
  b.String(EncodeEnums(f.purposes));
  b.String(f.business_scope);
  b.String(f.address);
  b.String(f.capacity);
  b.String(f.service_time);
  b.Int(static_cast<int>(f.staffing));
  b.String(f.contact.person);
  b.String(f.contact.phone);
  b.String(f.contact.email);
  b.String(f.remarks);
  b.Bool(f.foreign_use_heavy);
}

FilingForm ReadForm(sql::ResultSet& rs) {
  FilingForm f;
  f.unit_id = StringColumn(rs, "unit_id");
  f.filed_at = TimeColumn(rs, "filed_at");
  f.implementation = StringColumn(rs, "implementation");
  f.kind = static_cast<ChannelKind>(rs.getInt("kind"));
  f.purposes = DecodeEnums<ChannelPurpose>(StringColumn(rs, "purposes"), "purposes");
  f.business_scope = StringColumn(rs, "business_scope");
  f.address = StringColumn(rs, "address");
  f.capacity = StringColumn(rs, "capacity");
  f.service_time = StringColumn(rs, "service_time");
  f.staffing = static_cast<Staffing>(rs.getInt("staffing"));
  f.contact = {StringColumn(rs, "contact_person"), StringColumn(rs, "contact_phone"),
               StringColumn(rs, "contact_email")};
  f.remarks = StringColumn(rs, "remarks");
  f.foreign_use_heavy = rs.getBoolean("foreign_use_heavy");
  return f;
}

void BindUnfiled(Binder& b, const UnfiledChannel& r) {
  b.String(r.unit_id);
  b.Int(static_cast<int>(r.kind));
  b.String(r.address);
  b.String(r.finding);
  b.String(r.reported_by);
  b.Time(r.reported_at);
  if (r.filed_as_channel_id != 0) {
    b.Int(r.filed_as_channel_id);
  } else {
    b.Null();
  }
  b.OptionalTime(r.filed_at);
}

UnfiledChannel ReadUnfiled(sql::ResultSet& rs) {
  UnfiledChannel r;
  r.id = rs.getInt64("id");
  r.unit_id = StringColumn(rs, "unit_id");
  r.kind = static_cast<ChannelKind>(rs.getInt("kind"));
  r.address = StringColumn(rs, "address");
  r.finding = StringColumn(rs, "finding");
  r.reported_by = StringColumn(rs, "reported_by");
  r.reported_at = TimeColumn(rs, "reported_at");
  r.filed_as_channel_id = rs.isNull("filed_as_channel_id") ? 0 : rs.getInt64("filed_as_channel_id");
  r.filed_at = OptionalTimeColumn(rs, "filed_at");
  return r;
}

// --- loading ------------------------------------------------------------------------------------

// Loads the form versions, findings and history of `channels` (by id) into them.
void LoadChildren(Transaction& tx, std::vector<OnlineChannel>& channels) {
  if (channels.empty()) return;
  absl::flat_hash_map<int64_t, OnlineChannel*> by_id;
  std::vector<int64_t> ids;
  for (OnlineChannel& c : channels) {
    by_id[c.id] = &c;
    ids.push_back(c.id);
  }
  const std::string in = Ids(ids);
  sql::PreparedStatement& forms = tx.PrepareCached(absl::StrCat(
      "SELECT channel_id, version, ", kFormColumns, " FROM channel_forms WHERE channel_id IN ", in,
      " ORDER BY channel_id, version"));
  Binder fb(forms);
  BindIds(fb, ids);
  std::unique_ptr<sql::ResultSet> rs(forms.executeQuery());
  while (rs->next()) by_id.at(rs->getInt64("channel_id"))->form_versions.push_back(ReadForm(*rs));

  sql::PreparedStatement& lists = tx.PrepareCached(
      absl::StrCat("SELECT channel_id, version, list, value FROM channel_form_lists "
                   "WHERE channel_id IN ",
                   in, " ORDER BY channel_id, version, list, position"));
  Binder lb(lists);
  BindIds(lb, ids);
  rs.reset(lists.executeQuery());
  while (rs->next()) {
    OnlineChannel& c = *by_id.at(rs->getInt64("channel_id"));
    const int version = rs->getInt("version");
    if (version < 1 || version > static_cast<int>(c.form_versions.size())) {
      throw sql::SQLException("a form list names no form version", "HY000", 0);
    }
    FilingForm& form = c.form_versions[version - 1];
    (rs->getInt("list") == kStaffList ? form.assigned_staff : form.languages)
        .push_back(StringColumn(*rs, "value"));
  }

  sql::PreparedStatement& findings =
      tx.PrepareCached(absl::StrCat("SELECT channel_id, finding, found_by, found_at, corrected_at "
                                    "FROM channel_findings WHERE channel_id IN ",
                                    in, " ORDER BY channel_id, position"));
  Binder nb(findings);
  BindIds(nb, ids);
  rs.reset(findings.executeQuery());
  while (rs->next()) {
    by_id.at(rs->getInt64("channel_id"))
        ->findings.push_back({StringColumn(*rs, "finding"), StringColumn(*rs, "found_by"),
                              TimeColumn(*rs, "found_at"),
                              OptionalTimeColumn(*rs, "corrected_at")});
  }

  sql::PreparedStatement& history = tx.PrepareCached(
      absl::StrCat("SELECT channel_id, sequence, at, actor, event, detail FROM channel_history "
                   "WHERE channel_id IN ",
                   in, " ORDER BY channel_id, position"));
  Binder hb(history);
  BindIds(hb, ids);
  rs.reset(history.executeQuery());
  while (rs->next()) {
    by_id.at(rs->getInt64("channel_id"))
        ->history.push_back({rs->getInt("sequence"), TimeColumn(*rs, "at"),
                             StringColumn(*rs, "actor"), StringColumn(*rs, "event"),
                             StringColumn(*rs, "detail")});
  }
}

// The complete channel; NOT_FOUND when absent. `for_update` locks its row until the transaction
// ends (the lock every change of the channel takes first).
absl::StatusOr<OnlineChannel> LoadChannel(Transaction& tx, int64_t id, bool for_update) {
  sql::PreparedStatement& select =
      tx.PrepareCached(absl::StrCat("SELECT id, ", kChannelColumns, " FROM channels WHERE id = ?",
                                    for_update ? " FOR UPDATE" : ""));
  select.setInt64(1, id);
  std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
  if (!rs->next()) return NoChannel(id);
  std::vector<OnlineChannel> one;
  one.push_back(ReadChannelRow(*rs));
  rs.reset();
  LoadChildren(tx, one);
  return std::move(one.front());
}

// The complete channels of a SELECT of `id, <kChannelColumns>` rows, in the order read, at most
// `keep` (the rows after are read but not loaded: a page's look-ahead).
std::vector<OnlineChannel> ReadChannels(Transaction& tx, sql::PreparedStatement& select,
                                        size_t keep = SIZE_MAX) {
  std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
  std::vector<OnlineChannel> channels;
  while (rs->next()) channels.push_back(ReadChannelRow(*rs));
  rs.reset();
  std::vector<OnlineChannel> extra;
  if (channels.size() > keep) {
    extra.assign(std::make_move_iterator(channels.begin() + keep),
                 std::make_move_iterator(channels.end()));
    channels.resize(keep);
  }
  LoadChildren(tx, channels);
  for (OnlineChannel& c : extra) channels.push_back(std::move(c));
  return channels;
}

absl::StatusOr<UnfiledChannel> LoadUnfiled(Transaction& tx, int64_t id) {
  sql::PreparedStatement& select = tx.PrepareCached(
      absl::StrCat("SELECT id, ", kUnfiledColumns, " FROM unfiled_channels WHERE id = ?"));
  select.setInt64(1, id);
  std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
  if (!rs->next()) return NoUnfiled(id);
  return ReadUnfiled(*rs);
}

// --- saving -------------------------------------------------------------------------------------

// Inserts form version `version` (1-based) of the channel with its lists.
void InsertForm(Transaction& tx, int64_t channel_id, int version, const FilingForm& form) {
  sql::PreparedStatement& insert = tx.PrepareCached(
      absl::StrCat("INSERT INTO channel_forms (channel_id, version, ", kFormColumns, ") VALUES ",
                   Placeholders(ColumnCount(kFormColumns) + 2)));
  Binder b(insert);
  b.Int(channel_id);
  b.Int(version);
  BindForm(b, form);
  insert.executeUpdate();
  const std::pair<int, const std::vector<std::string>*> lists[] = {
      {kStaffList, &form.assigned_staff}, {kLanguageList, &form.languages}};
  for (const auto& [list, values] : lists) {
    if (values->empty()) continue;
    sql::PreparedStatement& rows = tx.PrepareCached(
        absl::StrCat("INSERT INTO channel_form_lists (channel_id, version, list, position, value) "
                     "VALUES ",
                     common::db::RowsOfPlaceholders(static_cast<int>(values->size()), 5)));
    Binder lb(rows);
    for (size_t i = 0; i < values->size(); ++i) {
      lb.Int(channel_id);
      lb.Int(version);
      lb.Int(list);
      lb.Int(static_cast<int64_t>(i));
      lb.String((*values)[i]);
    }
    rows.executeUpdate();
  }
}

// Replaces the languages list of form version `version` (1-based) of the channel.
void ReplaceLanguages(Transaction& tx, int64_t channel_id, int version,
                      const std::vector<std::string>& languages) {
  sql::PreparedStatement& remove = tx.PrepareCached(
      "DELETE FROM channel_form_lists WHERE channel_id = ? AND version = ? AND list = ?");
  remove.setInt64(1, channel_id);
  remove.setInt(2, version);
  remove.setInt(3, kLanguageList);
  remove.executeUpdate();
  if (languages.empty()) return;
  sql::PreparedStatement& rows = tx.PrepareCached(
      absl::StrCat("INSERT INTO channel_form_lists (channel_id, version, list, position, value) "
                   "VALUES ",
                   common::db::RowsOfPlaceholders(static_cast<int>(languages.size()), 5)));
  Binder lb(rows);
  for (size_t i = 0; i < languages.size(); ++i) {
    lb.Int(channel_id);
    lb.Int(version);
    lb.Int(kLanguageList);
    lb.Int(static_cast<int64_t>(i));
    lb.String(languages[i]);
  }
  rows.executeUpdate();
}

void ReplaceFindings(Transaction& tx, int64_t channel_id, const std::vector<Finding>& findings) {
  sql::PreparedStatement& remove =
      tx.PrepareCached("DELETE FROM channel_findings WHERE channel_id = ?");
  remove.setInt64(1, channel_id);
  remove.executeUpdate();
  if (findings.empty()) return;
  sql::PreparedStatement& insert = tx.PrepareCached(
      absl::StrCat("INSERT INTO channel_findings (channel_id, position, finding, found_by, "
                   "found_at, corrected_at) VALUES ",
                   common::db::RowsOfPlaceholders(static_cast<int>(findings.size()), 6)));
  Binder b(insert);
  for (size_t i = 0; i < findings.size(); ++i) {
    b.Int(channel_id);
    b.Int(static_cast<int64_t>(i));
    b.String(findings[i].finding);
    b.String(findings[i].found_by);
    b.Time(findings[i].found_at);
    b.OptionalTime(findings[i].corrected_at);
  }
  insert.executeUpdate();
}

// Appends history[from..] after the `from` entries stored.
void AppendHistory(Transaction& tx, int64_t channel_id, const std::vector<HistoryEntry>& history,
                   size_t from) {
  if (history.size() <= from) return;
  sql::PreparedStatement& insert = tx.PrepareCached(absl::StrCat(
      "INSERT INTO channel_history (channel_id, position, sequence, at, actor, event, detail) "
      "VALUES ",
      common::db::RowsOfPlaceholders(static_cast<int>(history.size() - from), 7)));
  Binder b(insert);
  for (size_t i = from; i < history.size(); ++i) {
    const HistoryEntry& e = history[i];
    b.Int(channel_id);
    b.Int(static_cast<int64_t>(i));
    b.Int(e.sequence);
    b.Time(e.at);
    b.String(e.actor);
    b.String(e.event);
    b.String(e.detail);
  }
  insert.executeUpdate();
}

// Writes the child rows of `saved` that differ from `loaded` (an empty channel for a new one).
void SaveChildren(Transaction& tx, const OnlineChannel& loaded, const OnlineChannel& saved) {
  // The current version's languages, replaced in place (RecordPublication; ChannelToSave).
  if (const size_t n = loaded.form_versions.size();
      n > 0 && n <= saved.form_versions.size() &&
      saved.form_versions[n - 1].languages != loaded.form_versions[n - 1].languages) {
    ReplaceLanguages(tx, saved.id, static_cast<int>(n), saved.form_versions[n - 1].languages);
  }
  for (size_t i = loaded.form_versions.size(); i < saved.form_versions.size(); ++i) {
    InsertForm(tx, saved.id, static_cast<int>(i) + 1, saved.form_versions[i]);
  }
  if (saved.findings != loaded.findings) ReplaceFindings(tx, saved.id, saved.findings);
  AppendHistory(tx, saved.id, saved.history, loaded.history.size());
}

// Marks the open unfiled reports of `channel`'s unit at its current address filed as it (locking
// them first, in id order); returns them as they now are.
std::vector<UnfiledChannel> FileReports(Transaction& tx, const OnlineChannel& channel) {
  const FilingForm& form = channel.form();
  sql::PreparedStatement& select =
      tx.PrepareCached(absl::StrCat("SELECT id, ", kUnfiledColumns,
                                    " FROM unfiled_channels WHERE unit_id = ? AND address = ? AND "
                                    "filed_as_channel_id IS NULL ORDER BY id FOR UPDATE"));
  Binder b(select);
  b.String(channel.unit_id);
  b.String(form.address);
  std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
  std::vector<UnfiledChannel> filed;
  while (rs->next()) filed.push_back(ReadUnfiled(*rs));
  rs.reset();
  if (filed.empty()) return filed;
  std::vector<int64_t> ids;
  for (UnfiledChannel& report : filed) {
    report.filed_as_channel_id = channel.id;
    report.filed_at = form.filed_at;
    ids.push_back(report.id);
  }
  sql::PreparedStatement& update = tx.PrepareCached(absl::StrCat(
      "UPDATE unfiled_channels SET filed_as_channel_id = ?, filed_at = ? WHERE id IN ", Ids(ids)));
  Binder ub(update);
  ub.Int(channel.id);
  ub.Time(form.filed_at);
  BindIds(ub, ids);
  update.executeUpdate();
  for (int64_t id : ids) tx.NoteChange(absl::StrCat("unfiled channel ", id));
  return filed;
}

}  // namespace

absl::StatusOr<CreateChannelResult> MySqlChannelStore::Create(OnlineChannel draft,
                                                              const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  RETURN_IF_ERROR(CheckHasForm(draft));
  ASSIGN_OR_RETURN(
      common::db::CreatedOnce<CreateChannelResult> created,
      common::db::CreateOnce<CreateChannelResult>(
          pool_, kFileChannelScope, key, clock_.Now(),
          [](Transaction& tx, int64_t id) -> absl::StatusOr<CreateChannelResult> {
            ASSIGN_OR_RETURN(OnlineChannel first, LoadChannel(tx, id, /*for_update=*/false));
            return CreateChannelResult{std::move(first), true, {}};
          },
          [&](Transaction& tx) -> absl::StatusOr<std::pair<int64_t, CreateChannelResult>> {
            OnlineChannel channel = draft;  // a retried transaction starts from the draft again
            channel.version = 1;
            sql::PreparedStatement& insert = tx.PrepareCached(
                absl::StrCat("INSERT INTO channels (", kChannelColumns, ") VALUES ",
                             Placeholders(ColumnCount(kChannelColumns)), " RETURNING id"));
            Binder b(insert);
            BindChannel(b, channel);
            channel.id = mysql_internal::InsertReturning(insert, "id");
            tx.NoteChange(absl::StrCat("channel ", channel.id));
            OnlineChannel none;
            none.id = channel.id;
            SaveChildren(tx, none, channel);
            std::vector<UnfiledChannel> filed = FileReports(tx, channel);
            const int64_t id = channel.id;
            return std::make_pair(id,
                                  CreateChannelResult{std::move(channel), false, std::move(filed)});
          }));
  return std::move(created.value);
}

absl::StatusOr<OnlineChannel> MySqlChannelStore::Get(int64_t id) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) { return LoadChannel(tx, id, /*for_update=*/false); });
}

absl::StatusOr<ChannelPage> MySqlChannelStore::List(const ChannelFilter& filter, int64_t after_id,
                                                    int page_size) {
  RETURN_IF_ERROR(CheckPageSize(page_size));
  std::vector<std::string> conditions = {"id > ?"};
  std::vector<std::function<void(Binder&)>> binds;
  binds.push_back([&](Binder& b) { b.Int(after_id); });
  if (!filter.unit_id.empty()) {
    conditions.push_back("unit_id = ?");
    binds.push_back([&](Binder& b) { b.String(filter.unit_id); });
  }
  if (filter.state != ChannelState::kUnspecified) {
    conditions.push_back("state = ?");
    binds.push_back([&](Binder& b) { b.Int(static_cast<int>(filter.state)); });
  }
  if (filter.kind != ChannelKind::kUnspecified) {
    conditions.push_back("kind = ?");
    binds.push_back([&](Binder& b) { b.Int(static_cast<int>(filter.kind)); });
  }
  if (!filter.address.empty()) {
    conditions.push_back("address = ?");
    binds.push_back([&](Binder& b) { b.String(filter.address); });
  }
  const std::string sql = absl::StrCat("SELECT id, ", kChannelColumns, " FROM channels WHERE ",
                                       absl::StrJoin(conditions, " AND "), " ORDER BY id LIMIT ?");
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<ChannelPage> {
    sql::PreparedStatement& select = tx.PrepareCached(sql);
    Binder b(select);
    for (const auto& bind : binds) bind(b);
    b.Int(page_size + 1);
    ChannelPage page;
    page.channels = ReadChannels(tx, select, static_cast<size_t>(page_size));
    if (static_cast<int>(page.channels.size()) > page_size) {
      page.channels.resize(page_size);
      page.next_after_id = page.channels.back().id;
    }
    return page;
  });
}

absl::StatusOr<MutationResult> MySqlChannelStore::Mutate(int64_t id, const MutationOptions& options,
                                                         const ChannelMutation& mutation) {
  std::string scope;
  const bool keyed = options.request_key.has_value();
  RETURN_IF_ERROR(CheckMutationKey(keyed, keyed ? options.request_key->request_id : "",
                                   kMutationScopePrefix, options.scope, &scope));
  const absl::Time now = clock_.Now();
  // A stale expected_version must roll back (the request key may be claimed already) without being
  // retried as ABORTED would be: it leaves the transaction as CANCELLED and is returned after.
  absl::Status conflict;
  absl::StatusOr<MutationResult> result =
      common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<MutationResult> {
        conflict = absl::OkStatus();
        if (keyed) {
          ASSIGN_OR_RETURN(absl::optional<std::string> replay,
                           common::db::ClaimRequest(tx, scope, options.request_key->request_id,
                                                    options.request_key->fingerprint, now));
          if (replay.has_value()) {
            ASSIGN_OR_RETURN(int64_t first_id, ParseIdResponse(*replay));
            if (first_id != id) {
              return common::RequestIdReused(
                  "was already used for another channel; use a new request_id");
            }
            ASSIGN_OR_RETURN(OnlineChannel seen, LoadChannel(tx, id, /*for_update=*/false));
            return MutationResult{std::move(seen), true, {}};
          }
        }
        ASSIGN_OR_RETURN(OnlineChannel loaded, LoadChannel(tx, id, /*for_update=*/true));
        if (options.expected_version.has_value() && *options.expected_version != loaded.version) {
          conflict = absl::AbortedError(
              absl::StrCat(FormatChannelId(id), " is at version ", loaded.version, ", not ",
                           *options.expected_version, "; read it again and retry"));
          return absl::CancelledError("version conflict");
        }
        OnlineChannel changed = loaded;
        RETURN_IF_ERROR(mutation(changed));
        RETURN_IF_ERROR(CheckHasForm(changed));
        ASSIGN_OR_RETURN(OnlineChannel saved, ChannelToSave(loaded, std::move(changed)));
        SaveChildren(tx, loaded, saved);
        sql::PreparedStatement& update = tx.PrepareCached(
            absl::StrCat("UPDATE channels SET ", Assignments(kChannelColumns), " WHERE id = ?"));
        Binder b(update);
        BindChannel(b, saved);
        b.Int(saved.id);
        update.executeUpdate();
        tx.NoteChange(absl::StrCat("channel ", saved.id));
        std::vector<UnfiledChannel> filed;
        if (FiledNewVersion(loaded, saved)) filed = FileReports(tx, saved);
        if (keyed) {
          RETURN_IF_ERROR(common::db::RecordResponse(tx, scope, options.request_key->request_id,
                                                     absl::StrCat(id)));
        }
        return MutationResult{std::move(saved), false, std::move(filed)};
      });
  if (!conflict.ok()) return conflict;
  return result;
}

absl::StatusOr<std::vector<OnlineChannel>> MySqlChannelStore::ListCheckOverdue(absl::Time now,
                                                                               int limit) {
  RETURN_IF_ERROR(CheckLimit(limit));
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<OnlineChannel>> {
        sql::PreparedStatement& select =
            tx.PrepareCached(absl::StrCat("SELECT id, ", kChannelColumns,
                                          " FROM channels WHERE next_check_due < ? AND state <> ? "
                                          "ORDER BY next_check_due, id LIMIT ?"));
        Binder b(select);
        b.Time(now);
        b.Int(kRetired);
        b.Int(limit);
        return ReadChannels(tx, select);
      });
}

absl::StatusOr<CreateUnfiledResult> MySqlChannelStore::CreateUnfiled(UnfiledChannel report,
                                                                     const RequestKey& key) {
  ASSIGN_OR_RETURN(common::db::CreatedOnce<UnfiledChannel> created,
                   common::db::CreateOnce<UnfiledChannel>(
                       pool_, kReportUnfiledScope, key, clock_.Now(),
                       [](Transaction& tx, int64_t id) { return LoadUnfiled(tx, id); },
                       [&](Transaction& tx) -> absl::StatusOr<std::pair<int64_t, UnfiledChannel>> {
                         UnfiledChannel stored = report;
                         sql::PreparedStatement& insert = tx.PrepareCached(absl::StrCat(
                             "INSERT INTO unfiled_channels (", kUnfiledColumns, ") VALUES ",
                             Placeholders(ColumnCount(kUnfiledColumns)), " RETURNING id"));
                         Binder b(insert);
                         BindUnfiled(b, stored);
                         stored.id = mysql_internal::InsertReturning(insert, "id");
                         tx.NoteChange(absl::StrCat("unfiled channel ", stored.id));
                         const int64_t id = stored.id;
                         return std::make_pair(id, std::move(stored));
                       }));
  return CreateUnfiledResult{std::move(created.value), created.replayed};
}

absl::StatusOr<UnfiledChannel> MySqlChannelStore::GetUnfiled(int64_t id) {
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) { return LoadUnfiled(tx, id); });
}

absl::StatusOr<UnfiledPage> MySqlChannelStore::ListUnfiled(const std::string& unit_id,
                                                           bool open_only, int64_t after_id,
                                                           int page_size) {
  RETURN_IF_ERROR(CheckPageSize(page_size));
  const std::string sql =
      absl::StrCat("SELECT id, ", kUnfiledColumns, " FROM unfiled_channels WHERE id > ?",
                   unit_id.empty() ? "" : " AND unit_id = ?",
                   open_only ? " AND filed_as_channel_id IS NULL" : "", " ORDER BY id LIMIT ?");
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<UnfiledPage> {
    sql::PreparedStatement& select = tx.PrepareCached(sql);
    Binder b(select);
    b.Int(after_id);
    if (!unit_id.empty()) b.String(unit_id);
    b.Int(page_size + 1);
    std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
    UnfiledPage page;
    while (rs->next()) {
      if (static_cast<int>(page.reports.size()) == page_size) {
        page.next_after_id = page.reports.back().id;
        break;
      }
      page.reports.push_back(ReadUnfiled(*rs));
    }
    return page;
  });
}

}  // namespace cs::channel
