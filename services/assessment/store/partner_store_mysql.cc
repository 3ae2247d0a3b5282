#include "services/assessment/store/partner_store_mysql.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <map>
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
using mysql_internal::ParseIdResponse;

constexpr absl::string_view kSelectPartners =
    "SELECT id, unit_id, name, kind, service_standard, meets_company_standard, active, "
    "registered_by, registered_at, updated_at, version FROM partners";

absl::Status NoPartner(int64_t id) {
  return absl::NotFoundError(absl::StrCat("no partner or agent ", FormatPartnerId(id)));
}

Partner ReadPartner(sql::ResultSet& rs) {
  Partner p;
  p.id = rs.getInt64("id");
  p.unit_id = StringColumn(rs, "unit_id");
  p.name = StringColumn(rs, "name");
  p.kind = static_cast<PartnerKind>(rs.getInt("kind"));
  p.service_standard = StringColumn(rs, "service_standard");
  p.meets_company_standard = rs.getBoolean("meets_company_standard");
  p.active = rs.getBoolean("active");
  p.registered_by = StringColumn(rs, "registered_by");
  p.registered_at = TimeColumn(rs, "registered_at");
  p.updated_at = TimeColumn(rs, "updated_at");
  p.version = rs.getInt64("version");
  return p;
}

constexpr absl::string_view kSelectHistory =
    "SELECT h.partner_id, h.sequence, h.at, h.actor, h.event, h.detail FROM partner_history h";

// The partners `where` selects, each with its history (`history_where` selects the same
// partners' entries; both bound alike by `bind`), in id order.
template <typename Bind>
std::vector<Partner> LoadPartners(Transaction& tx, absl::string_view where,
                                  absl::string_view history_where, bool for_update, Bind bind) {
  sql::PreparedStatement& select = tx.PrepareCached(
      absl::StrCat(kSelectPartners, " ", where, " ORDER BY id", for_update ? " FOR UPDATE" : ""));
  bind(select);
  std::vector<Partner> partners;
  std::map<int64_t, size_t> index;
  {
    std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
    while (rs->next()) {
      partners.push_back(ReadPartner(*rs));
      index[partners.back().id] = partners.size() - 1;
    }
  }
  if (partners.empty()) return partners;
  sql::PreparedStatement& history = tx.PrepareCached(
      absl::StrCat(kSelectHistory, " ", history_where, " ORDER BY h.partner_id, h.sequence"));
  bind(history);
  std::unique_ptr<sql::ResultSet> rs(history.executeQuery());
  while (rs->next()) {
    auto it = index.find(rs->getInt64("partner_id"));
    if (it == index.end()) continue;
    partners[it->second].history.push_back({rs->getInt("sequence"), TimeColumn(*rs, "at"),
                                            StringColumn(*rs, "actor"), StringColumn(*rs, "event"),
                                            StringColumn(*rs, "detail")});
  }
  return partners;
}

absl::optional<Partner> LoadPartner(Transaction& tx, int64_t id, bool for_update) {
  std::vector<Partner> partners =
      LoadPartners(tx, "WHERE id = ?", "WHERE h.partner_id = ?", for_update,
                   [id](sql::PreparedStatement& s) { s.setInt64(1, id); });
  if (partners.empty()) return absl::nullopt;
  return std::move(partners.front());
}

void InsertHistory(Transaction& tx, int64_t partner_id, const std::vector<HistoryEntry>& history,
                   size_t from) {
  sql::PreparedStatement& insert = tx.PrepareCached(
      "INSERT INTO partner_history (partner_id, sequence, at, actor, event, detail) "
      "VALUES (?,?,?,?,?,?)");
  for (size_t i = from; i < history.size(); ++i) {
    Binder b(insert);
    b.Int(partner_id);
    b.Int(history[i].sequence);
    b.Time(history[i].at);
    b.String(history[i].actor);
    b.String(history[i].event);
    b.String(history[i].detail);
    insert.executeUpdate();
  }
}

}  // namespace

absl::StatusOr<PartnerResult> MySqlPartnerStore::Register(Partner partner, const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  RETURN_IF_ERROR(CheckUnitId(partner.unit_id));
  const std::string scope(kRegisterPartnerScope);
  const absl::Time now = clock_.Now();
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<PartnerResult> {
    ASSIGN_OR_RETURN(absl::optional<std::string> replay,
                     common::db::ClaimRequest(tx, scope, key.request_id, key.fingerprint, now));
    if (replay.has_value()) {
      ASSIGN_OR_RETURN(int64_t id, ParseIdResponse(*replay));
      absl::optional<Partner> first = LoadPartner(tx, id, false);
      if (!first.has_value()) return absl::InternalError("the replayed partner is missing");
      return PartnerResult{*std::move(first), true};
    }
    sql::PreparedStatement& insert = tx.PrepareCached(
        "INSERT INTO partners (unit_id, name, kind, service_standard, meets_company_standard, "
        "active, registered_by, registered_at, updated_at, version) VALUES (?,?,?,?,?,?,?,?,?,1) "
        "RETURNING id");
    Binder b(insert);
    b.String(partner.unit_id);
    b.String(partner.name);
    b.Int(static_cast<int>(partner.kind));
    b.String(partner.service_standard);
    b.Bool(partner.meets_company_standard);
    b.Bool(partner.active);
    b.String(partner.registered_by);
    b.Time(partner.registered_at);
    b.Time(partner.updated_at);
    Partner stored = partner;
    {
      std::unique_ptr<sql::ResultSet> rs(insert.executeQuery());
      rs->next();
      stored.id = rs->getInt64("id");
    }
    stored.version = 1;
    InsertHistory(tx, stored.id, stored.history, 0);
    RETURN_IF_ERROR(common::db::RecordResponse(tx, scope, key.request_id, absl::StrCat(stored.id)));
    return PartnerResult{std::move(stored), false};
  });
}

absl::StatusOr<Partner> MySqlPartnerStore::Get(int64_t id) {
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<Partner> {
    absl::optional<Partner> partner = LoadPartner(tx, id, false);
    if (!partner.has_value()) return NoPartner(id);
    return *std::move(partner);
  });
}

absl::StatusOr<std::vector<Partner>> MySqlPartnerStore::List(const std::string& unit_id) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<Partner>> {
        return LoadPartners(tx, "WHERE unit_id = ?",
                            "JOIN partners p ON p.id = h.partner_id WHERE p.unit_id = ?", false,
                            [&unit_id](sql::PreparedStatement& s) { s.setString(1, unit_id); });
      });
}

absl::StatusOr<PartnerResult> MySqlPartnerStore::Mutate(int64_t id,
                                                        const RecordMutationOptions& options,
                                                        const PartnerMutation& mutation) {
  std::string scope;
  RETURN_IF_ERROR(CheckMutationKey(options, kPartnerMutationScopePrefix, &scope));
  const bool keyed = options.request_key.has_value();
  const absl::Time now = clock_.Now();
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<PartnerResult> {
    if (keyed) {
      ASSIGN_OR_RETURN(absl::optional<std::string> replay,
                       common::db::ClaimRequest(tx, scope, options.request_key->request_id,
                                                options.request_key->fingerprint, now));
      if (replay.has_value()) {
        ASSIGN_OR_RETURN(int64_t replayed_id, ParseIdResponse(*replay));
        if (replayed_id != id) return RequestIdForAnother("partner");
        absl::optional<Partner> current = LoadPartner(tx, id, false);
        if (!current.has_value()) return NoPartner(id);
        return PartnerResult{*std::move(current), true};
      }
    }
    absl::optional<Partner> loaded = LoadPartner(tx, id, /*for_update=*/true);
    if (!loaded.has_value()) return NoPartner(id);
    if (options.expected_version.has_value() && *options.expected_version != loaded->version) {
      return absl::AbortedError(absl::StrCat(FormatPartnerId(id), " is at version ",
                                             loaded->version, ", not ", *options.expected_version,
                                             "; read it again and retry"));
    }
    Partner changed = *loaded;
    RETURN_IF_ERROR(mutation(changed));
    Partner saved = PartnerToSave(*loaded, std::move(changed));
    sql::PreparedStatement& update = tx.PrepareCached(
        "UPDATE partners SET name = ?, kind = ?, service_standard = ?, "
        "meets_company_standard = ?, active = ?, registered_by = ?, registered_at = ?, "
        "updated_at = ?, version = ? WHERE id = ?");
    Binder b(update);
    b.String(saved.name);
    b.Int(static_cast<int>(saved.kind));
    b.String(saved.service_standard);
    b.Bool(saved.meets_company_standard);
    b.Bool(saved.active);
    b.String(saved.registered_by);
    b.Time(saved.registered_at);
    b.Time(saved.updated_at);
    b.Int(saved.version);
    b.Int(id);
    update.executeUpdate();
    InsertHistory(tx, id, saved.history, loaded->history.size());
    if (keyed) {
      RETURN_IF_ERROR(
          common::db::RecordResponse(tx, scope, options.request_key->request_id, absl::StrCat(id)));
    }
    return PartnerResult{std::move(saved), false};
  });
}

}  // namespace cs::assessment
