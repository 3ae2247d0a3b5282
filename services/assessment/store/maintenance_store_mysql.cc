#include "services/assessment/store/maintenance_store_mysql.h"

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
using notice_mysql_internal::BindIds;
using notice_mysql_internal::IdList;
using notice_mysql_internal::Transaction;

constexpr absl::string_view kHistoryTable = "maintenance_notice_history";
constexpr absl::string_view kOwner = "maintenance_id";

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

absl::Status NoMaintenance(int64_t id) {
  return absl::NotFoundError(absl::StrCat("no maintenance notice ", FormatMaintenanceId(id)));
}

void BindFinding(Binder& b, const absl::optional<Finding>& f) {
  b.String(f.has_value() ? f->unit_id : "");
  b.String(f.has_value() ? f->source_id : "");
  b.String(f.has_value() ? f->clause : "");
  b.String(f.has_value() ? f->finding : "");
  b.String(f.has_value() ? f->evidence : "");
  b.OptionalTime(f.has_value() ? absl::optional<absl::Time>(f->found_at) : absl::nullopt);
}

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
  BindFinding(b, n.late_finding);
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
  if (absl::optional<absl::Time> found = OptionalTimeColumn(rs, "late_found_at");
      found.has_value()) {
    n.late_finding = Finding{StringColumn(rs, "late_unit_id"),  StringColumn(rs, "late_source_id"),
                             StringColumn(rs, "late_clause"),   StringColumn(rs, "late_finding"),
                             StringColumn(rs, "late_evidence"), *found};
  }
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
  std::vector<MaintenanceRecord> records;
  {
    std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
    while (rs->next()) records.push_back(ReadRow(*rs));
  }
  if (records.empty()) return records;
  absl::flat_hash_map<int64_t, MaintenanceRecord*> by_id;
  std::vector<int64_t> ids;
  for (MaintenanceRecord& r : records) {
    by_id[r.notice.id] = &r;
    ids.push_back(r.notice.id);
  }
  sql::PreparedStatement& windows = tx.PrepareCached(
      absl::StrCat("SELECT maintenance_id, window_name FROM maintenance_notice_windows "
                   "WHERE maintenance_id IN ",
                   IdList(ids), " ORDER BY maintenance_id, position"));
  Binder wb(windows);
  BindIds(wb, ids);
  {
    std::unique_ptr<sql::ResultSet> rs(windows.executeQuery());
    while (rs->next()) {
      by_id.at(rs->getInt64("maintenance_id"))
          ->notice.form.windows_told.push_back(StringColumn(*rs, "window_name"));
    }
  }
  auto history = notice_mysql_internal::LoadHistory(tx, kHistoryTable, kOwner, ids);
  for (auto& [id, entries] : history) by_id.at(id)->notice.history = std::move(entries);
  return records;
}

const std::string& SelectRecords() {
  static const std::string* const kSelect = new std::string(absl::StrCat(
      "SELECT id, ", kFiledColumns, ", ", kChangingColumns, " FROM maintenance_notices"));
  return *kSelect;
}

absl::StatusOr<MaintenanceRecord> LoadRecord(Transaction& tx, int64_t id, bool for_update) {
  sql::PreparedStatement& select = tx.PrepareCached(
      absl::StrCat(SelectRecords(), " WHERE id = ?", for_update ? " FOR UPDATE" : ""));
  select.setInt64(1, id);
  std::vector<MaintenanceRecord> one = ReadRecords(tx, select);
  if (one.empty()) return NoMaintenance(id);
  return std::move(one.front());
}

const notice_mysql_internal::MySqlRecordSteps<MaintenanceRecord>& Steps() {
  static const auto* const kSteps = new notice_mysql_internal::MySqlRecordSteps<MaintenanceRecord>{
      &LoadRecord,
      [](Transaction& tx, MaintenanceRecord& r) -> int64_t {
        r.notice.version = 1;
        r.raised_notice_id = 0;
        sql::PreparedStatement& insert = tx.PrepareCached(absl::StrCat(
            "INSERT INTO maintenance_notices (", kFiledColumns, ", ", kChangingColumns, ") VALUES ",
            Placeholders(ColumnCount(kFiledColumns) + ColumnCount(kChangingColumns)),
            " RETURNING id"));
        {
          // The id first, so the late finding names "MN-<id>": insert, then set the finding's
          // source and write it.
          Binder b(insert);
          BindFiled(b, r.notice);
          BindChanging(b, r);
          std::unique_ptr<sql::ResultSet> rs(insert.executeQuery());
          rs->next();
          AssignMaintenanceId(r.notice, rs->getInt64("id"));
        }
        if (r.notice.late_finding.has_value()) {
          sql::PreparedStatement& update =
              tx.PrepareCached("UPDATE maintenance_notices SET late_source_id = ? WHERE id = ?");
          Binder b(update);
          b.String(r.notice.late_finding->source_id);
          b.Int(r.notice.id);
          update.executeUpdate();
        }
        const std::vector<std::string>& windows = r.notice.form.windows_told;
        if (!windows.empty()) {
          sql::PreparedStatement& insert_windows = tx.PrepareCached(absl::StrCat(
              "INSERT INTO maintenance_notice_windows (maintenance_id, position, window_name) "
              "VALUES ",
              common::db::RowsOfPlaceholders(static_cast<int>(windows.size()), 3)));
          Binder b(insert_windows);
          for (size_t i = 0; i < windows.size(); ++i) {
            b.Int(r.notice.id);
            b.Int(static_cast<int64_t>(i));
            b.String(windows[i]);
          }
          insert_windows.executeUpdate();
        }
        notice_mysql_internal::AppendHistory(tx, kHistoryTable, kOwner, r.notice.id,
                                             r.notice.history, 0);
        return r.notice.id;
      },
      [](Transaction& tx, const MaintenanceRecord& loaded, const MaintenanceRecord& saved) {
        notice_mysql_internal::AppendHistory(tx, kHistoryTable, kOwner, saved.notice.id,
                                             saved.notice.history, loaded.notice.history.size());
        sql::PreparedStatement& update = tx.PrepareCached(absl::StrCat(
            "UPDATE maintenance_notices SET ", Assignments(kChangingColumns), " WHERE id = ?"));
        Binder b(update);
        BindChanging(b, saved);
        b.Int(saved.notice.id);
        update.executeUpdate();
      },
      [](const MaintenanceRecord& r) { return r.notice.version; },
      &MaintenanceToSave,
      &FormatMaintenanceId,
      "maintenance notice"};
  return *kSteps;
}

}  // namespace

absl::StatusOr<MaintenanceWriteResult> MySqlMaintenanceStore::Create(MaintenanceNotice notice,
                                                                     const RequestKey& key) {
  ASSIGN_OR_RETURN(auto created,
                   notice_mysql_internal::KeyedCreate(pool_, clock_.Now(), Steps(),
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
  RETURN_IF_ERROR(CheckPageSize(page_size));
  const std::string sql = absl::StrCat(
      SelectRecords(), " WHERE id > ?", filter.unit_id.empty() ? "" : " AND unit_id = ?",
      filter.late_only ? " AND late" : "",
      filter.starts_from.has_value() ? " AND starts_at >= ?" : "",
      filter.starts_until.has_value() ? " AND starts_at < ?" : "", " ORDER BY id LIMIT ?");
  return common::db::RunInTransaction(pool_,
                                      [&](Transaction& tx) -> absl::StatusOr<MaintenancePage> {
                                        sql::PreparedStatement& select = tx.PrepareCached(sql);
                                        Binder b(select);
                                        b.Int(after_id);
                                        if (!filter.unit_id.empty()) b.String(filter.unit_id);
                                        if (filter.starts_from.has_value())
                                          b.Time(*filter.starts_from);
                                        if (filter.starts_until.has_value())
                                          b.Time(*filter.starts_until);
                                        b.Int(page_size + 1);
                                        MaintenancePage page;
                                        page.records = ReadRecords(tx, select);
                                        if (static_cast<int>(page.records.size()) > page_size) {
                                          page.records.resize(page_size);
                                          page.next_after_id = page.records.back().notice.id;
                                        }
                                        return page;
                                      });
}

absl::StatusOr<MaintenanceWriteResult> MySqlMaintenanceStore::Mutate(
    int64_t id, const NoticeMutationOptions& options, const MaintenanceMutation& mutation) {
  ASSIGN_OR_RETURN(auto mutated, notice_mysql_internal::KeyedMutate<MaintenanceRecord>(
                                     pool_, clock_.Now(), Steps(), id, options,
                                     kMaintenanceMutationScopePrefix, mutation));
  return MaintenanceWriteResult{std::move(mutated.first), mutated.second};
}

}  // namespace cs::assessment
