#include "services/assessment/store/partner_store_mysql.h"

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

constexpr absl::string_view kTable = "partners";
constexpr absl::string_view kSelectPartners =
    "SELECT id, unit_id, name, kind, service_standard, meets_company_standard, active, "
    "registered_by, registered_at, updated_at, version FROM partners";

// A partner's history is kept in sequence order (the table has no position).
constexpr mysql_internal::HistoryTable kHistory{"partner_history", "partner_id",
                                                /*positioned=*/false};

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

// The partners `select` returns, each with its history, in its order.
std::vector<Partner> ReadPartners(Transaction& tx, sql::PreparedStatement& select) {
  std::vector<Partner> partners = mysql_internal::ReadRows(select, &ReadPartner);
  mysql_internal::LoadHistory<Partner>(
      tx, kHistory, mysql_internal::RecordsById<Partner>(partners, PartnerRules().id),
      [](Partner & p) -> auto& { return p.history; });
  return partners;
}

absl::StatusOr<Partner> LoadPartner(Transaction& tx, int64_t id, bool for_update) {
  return mysql_internal::LoadById<Partner>(tx, kSelectPartners, id, for_update, &ReadPartners,
                                           PartnerRules().kind);
}

// The columns a change may write, in the order BindPartner binds them (unit_id is written once).
constexpr absl::string_view kChangingColumns =
    "name, kind, service_standard, meets_company_standard, active, registered_by, registered_at, "
    "updated_at, version";

void BindPartner(Binder& b, const Partner& p) {
  b.String(p.name);
  b.Int(static_cast<int>(p.kind));
  b.String(p.service_standard);
  b.Bool(p.meets_company_standard);
  b.Bool(p.active);
  b.String(p.registered_by);
  b.Time(p.registered_at);
  b.Time(p.updated_at);
  b.Int(p.version);
}

const mysql_internal::MySqlRecordSteps<Partner>& Steps() {
  static const auto* const kSteps = new mysql_internal::MySqlRecordSteps<Partner>{
      PartnerRules(), &LoadPartner,
      [](Transaction& tx, Partner& p) -> int64_t {
        p.id = mysql_internal::InsertRow(tx, kTable, absl::StrCat("unit_id, ", kChangingColumns),
                                         [&](Binder& b) {
                                           b.String(p.unit_id);
                                           BindPartner(b, p);
                                         });
        mysql_internal::AppendHistory(tx, kHistory, p.id, p.history, 0);
        return p.id;
      },
      [](Transaction& tx, const Partner& loaded, const Partner& saved) {
        mysql_internal::UpdateRow(tx, kTable, kChangingColumns, saved.id,
                                  [&](Binder& b) { BindPartner(b, saved); });
        mysql_internal::AppendHistory(tx, kHistory, saved.id, saved.history, loaded.history.size());
      }};
  return *kSteps;
}

}  // namespace

absl::StatusOr<PartnerResult> MySqlPartnerStore::Register(Partner partner, const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  RETURN_IF_ERROR(CheckUnitId(partner.unit_id));
  ASSIGN_OR_RETURN(auto registered,
                   mysql_internal::KeyedCreate(pool_, clock_.Now(), Steps(), partner, key,
                                               kRegisterPartnerScope));
  return PartnerResult{std::move(registered.first), registered.second};
}

absl::StatusOr<Partner> MySqlPartnerStore::Get(int64_t id) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) { return LoadPartner(tx, id, /*for_update=*/false); });
}

absl::StatusOr<std::vector<Partner>> MySqlPartnerStore::List(const std::string& unit_id) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<Partner>> {
        sql::PreparedStatement& select =
            tx.PrepareCached(absl::StrCat(kSelectPartners, " WHERE unit_id = ? ORDER BY id"));
        select.setString(1, unit_id);
        return ReadPartners(tx, select);
      });
}

absl::StatusOr<PartnerResult> MySqlPartnerStore::Mutate(int64_t id,
                                                        const RecordMutationOptions& options,
                                                        const PartnerMutation& mutation) {
  ASSIGN_OR_RETURN(auto mutated,
                   mysql_internal::KeyedMutate<Partner>(pool_, clock_.Now(), Steps(), id, options,
                                                        kPartnerMutationScopePrefix, mutation));
  return PartnerResult{std::move(mutated.first), mutated.second};
}

}  // namespace cs::assessment
