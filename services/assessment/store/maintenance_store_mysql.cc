#include "services/assessment/store/maintenance_store_mysql.h"

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
using mysql_internal::RecordsById;
using mysql_internal::Transaction;

constexpr absl::string_view kTable = "maintenance_notices";
constexpr absl::string_view kOwner = "maintenance_id";
constexpr absl::string_view kWindowsTable = "maintenance_notice_windows";
constexpr mysql_internal::HistoryTable kHistory{"maintenance_notice_history", kOwner};

// What was filed: written once by the insert, never updated.
constexpr absl::string_view kFiledColumns =
    "unit_id, kind, description, starts_at, ends_at, affected_users, affected_user_count, "
    "important_users_affected, users_notified_at, emergency, emergency_reason, filed_by, filed_at, "
    "notice_lead_us, late, late_unit_id, late_source_id, late_clause, late_finding, "
    "late_evidence, late_found_at";
// What a mutation may change, in the order BindChanging binds them.
constexpr absl::string_view kChangingColumns =
    "state, approved_by, approved_at, approval_reference, approval_recorded_by, "
    "approval_recorded_at, cancelled_at, cancel_reason, raised_notice_id, updated_at, version";

void BindFiled(Binder& b, const MaintenanceNotice& n) {
  const MaintenanceForm& f = n.form;
  b.String(f.unit_id);
  b.Int(static_cast<int>(f.kind));
  b.String(f.description);
  b.Time(f.starts_at);
  b.Time(f.ends_at);
  b.String(f.affected_users);
  b.Int(f.affected_user_count);
  b.Bool(f.important_users_affected);
  b.Time(f.users_notified_at);
  b.Bool(f.emergency);
  b.String(f.emergency_reason);
  b.String(n.filed_by);
  b.Time(n.filed_at);
  b.Int(absl::ToInt64Microseconds(n.notice_lead));
  b.Bool(n.late);
  mysql_internal::BindFinding(b, n.late_finding);
}

void BindChanging(Binder& b, const MaintenanceRecord& r) {
  const MaintenanceNotice& n = r.notice;
  b.Int(static_cast<int>(n.state));
  const bool approved = n.approval.has_value();
  b.String(approved ? n.approval->approved_by : "");
  b.OptionalTime(approved ? absl::optional<absl::Time>(n.approval->approved_at) : absl::nullopt);
  b.String(approved ? n.approval->reference : "");
  b.String(approved ? n.approval->recorded_by : "");
  b.OptionalTime(approved ? absl::optional<absl::Time>(n.approval->recorded_at) : absl::nullopt);
  b.OptionalTime(n.cancelled_at);
  b.String(n.cancel_reason);
  if (r.raised_notice_id != 0) {
    b.Int(r.raised_notice_id);
  } else {
    b.Null();
  }
  b.Time(n.updated_at);
  b.Int(n.version);
}

MaintenanceRecord ReadRow(sql::ResultSet& rs) {
  MaintenanceRecord r;
  MaintenanceNotice& n = r.notice;
  n.id = rs.getInt64("id");
  MaintenanceForm& f = n.form;
  f.unit_id = StringColumn(rs, "unit_id");
  f.kind = static_cast<MaintenanceKind>(rs.getInt("kind"));
  f.description = StringColumn(rs, "description");
  f.starts_at = TimeColumn(rs, "starts_at");
  f.ends_at = TimeColumn(rs, "ends_at");
  f.affected_users = StringColumn(rs, "affected_users");
  f.affected_user_count = rs.getInt64("affected_user_count");
  f.important_users_affected = rs.getBoolean("important_users_affected");
  f.users_notified_at = TimeColumn(rs, "users_notified_at");
  f.emergency = rs.getBoolean("emergency");
  f.emergency_reason = StringColumn(rs, "emergency_reason");
  n.state = static_cast<MaintenanceState>(rs.getInt("state"));
  n.filed_by = StringColumn(rs, "filed_by");
  n.filed_at = TimeColumn(rs, "filed_at");
  n.notice_lead = absl::Microseconds(rs.getInt64("notice_lead_us"));
  n.late = rs.getBoolean("late");
  n.late_finding = mysql_internal::FindingColumns(rs, "late");
  if (absl::optional<absl::Time> approved = OptionalTimeColumn(rs, "approved_at");
      approved.has_value()) {
    n.approval = SuperiorApproval{
        StringColumn(rs, "approved_by"), *approved, StringColumn(rs, "approval_reference"),
        StringColumn(rs, "approval_recorded_by"), TimeColumn(rs, "approval_recorded_at")};
  }
  n.cancelled_at = OptionalTimeColumn(rs, "cancelled_at");
  n.cancel_reason = StringColumn(rs, "cancel_reason");
  if (!rs.isNull("raised_notice_id")) r.raised_notice_id = rs.getInt64("raised_notice_id");
  n.updated_at = TimeColumn(rs, "updated_at");
  n.version = rs.getInt64("version");
  return r;
}

std::vector<MaintenanceRecord> ReadRecords(Transaction& tx, sql::PreparedStatement& select) {
  std::vector<MaintenanceRecord> records = mysql_internal::ReadRows(select, &ReadRow);
  if (records.empty()) return records;
  const RecordsById<MaintenanceRecord> by_id(records, MaintenanceRules().id);
  mysql_internal::ForEachChild(
      tx, kWindowsTable, kOwner, "window_name", "position", by_id.ids(),
      [&](int64_t owner, sql::ResultSet& rs) {
        by_id.at(owner).notice.form.windows_told.push_back(StringColumn(rs, "window_name"));
      });
  mysql_internal::LoadHistory<MaintenanceRecord>(
      tx, kHistory, by_id, [](MaintenanceRecord & r) -> auto& { return r.notice.history; });
  return records;
}

const std::string& AllColumns() {
  static const std::string* const kAll =
      new std::string(absl::StrCat(kFiledColumns, ", ", kChangingColumns));
  return *kAll;
}

const std::string& SelectRecords() {
  static const std::string* const kSelect =
      new std::string(absl::StrCat("SELECT id, ", AllColumns(), " FROM ", kTable));
  return *kSelect;
}

absl::StatusOr<MaintenanceRecord> LoadRecord(Transaction& tx, int64_t id, bool for_update) {
  return mysql_internal::LoadById<MaintenanceRecord>(tx, SelectRecords(), id, for_update,
                                                     &ReadRecords, MaintenanceRules().kind);
}

const mysql_internal::MySqlRecordSteps<MaintenanceRecord>& Steps() {
  static const auto* const kSteps = new mysql_internal::MySqlRecordSteps<MaintenanceRecord>{
      MaintenanceRules(), &LoadRecord,
      [](Transaction& tx, MaintenanceRecord& r) -> int64_t {
        // The id first, so the late finding names "MN-<id>": insert, then set the finding's
        // source and write it.
        MaintenanceRules().set_id(
            r, mysql_internal::InsertRow(tx, kTable, AllColumns(), [&](Binder& b) {
              BindFiled(b, r.notice);
              BindChanging(b, r);
            }));
        if (r.notice.late_finding.has_value()) {
          sql::PreparedStatement& update =
              tx.PrepareCached("UPDATE maintenance_notices SET late_source_id = ? WHERE id = ?");
          Binder b(update);
          b.String(r.notice.late_finding->source_id);
          b.Int(r.notice.id);
          update.executeUpdate();
        }
        const std::vector<std::string>& windows = r.notice.form.windows_told;
        mysql_internal::AppendChildren(tx, kWindowsTable, kOwner, "window_name", r.notice.id, 0,
                                       windows.size(),
                                       [&](Binder& b, size_t i) { b.String(windows[i]); });
        mysql_internal::AppendHistory(tx, kHistory, r.notice.id, r.notice.history, 0);
        return r.notice.id;
      },
      [](Transaction& tx, const MaintenanceRecord& loaded, const MaintenanceRecord& saved) {
        mysql_internal::AppendHistory(tx, kHistory, saved.notice.id, saved.notice.history,
                                      loaded.notice.history.size());
        mysql_internal::UpdateRow(tx, kTable, kChangingColumns, saved.notice.id,
                                  [&](Binder& b) { BindChanging(b, saved); });
      }};
  return *kSteps;
}

}  // namespace

absl::StatusOr<MaintenanceWriteResult> MySqlMaintenanceStore::Create(MaintenanceNotice notice,
                                                                     const RequestKey& key) {
  ASSIGN_OR_RETURN(auto created,
                   mysql_internal::KeyedCreate(pool_, clock_.Now(), Steps(),
                                               MaintenanceRecord{std::move(notice), 0}, key,
                                               kFileMaintenanceScope));
  return MaintenanceWriteResult{std::move(created.first), created.second};
}

absl::StatusOr<MaintenanceRecord> MySqlMaintenanceStore::Get(int64_t id) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) { return LoadRecord(tx, id, /*for_update=*/false); });
}

absl::StatusOr<MaintenancePage> MySqlMaintenanceStore::List(const MaintenanceFilter& filter,
                                                            int64_t after_id, int page_size) {
  const std::string where = absl::StrCat(
      filter.unit_id.empty() ? "" : " AND unit_id = ?", filter.late_only ? " AND late" : "",
      filter.starts_from.has_value() ? " AND starts_at >= ?" : "",
      filter.starts_until.has_value() ? " AND starts_at < ?" : "");
  ASSIGN_OR_RETURN(auto page, mysql_internal::ReadPage<MaintenanceRecord>(
                                  pool_, SelectRecords(), where, after_id, page_size,
                                  [&](Binder& b) {
                                    if (!filter.unit_id.empty()) b.String(filter.unit_id);
                                    if (filter.starts_from.has_value()) b.Time(*filter.starts_from);
                                    if (filter.starts_until.has_value()) {
                                      b.Time(*filter.starts_until);
                                    }
                                  },
                                  &ReadRecords, MaintenanceRules().id));
  return MaintenancePage{std::move(page.first), page.second};
}

absl::StatusOr<MaintenanceWriteResult> MySqlMaintenanceStore::Mutate(
    int64_t id, const NoticeMutationOptions& options, const MaintenanceMutation& mutation) {
  ASSIGN_OR_RETURN(auto mutated, mysql_internal::KeyedMutate<MaintenanceRecord>(
                                     pool_, clock_.Now(), Steps(), id, options,
                                     kMaintenanceMutationScopePrefix, mutation));
  return MaintenanceWriteResult{std::move(mutated.first), mutated.second};
}

}  // namespace cs::assessment
