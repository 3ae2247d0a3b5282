#include "services/hotline-registry/store/mysql_staff_store.h"

#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/db/idempotency.h"
#include "common/db/statement_helpers.h"
#include "common/db/transaction.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"
#include "services/hotline-registry/store/hotline_store_support.h"
#include "services/hotline-registry/store/mysql_store_support.h"

namespace cs::hotline {
namespace {

using common::db::Placeholders;
using common::db::RowsOfPlaceholders;
using common::db::StringColumn;
using common::db::TimeColumn;
using common::db::Transaction;
using mysql_internal::Binder;
using mysql_internal::IsDuplicateKey;

absl::Status NoStaff(const std::string& unit_id, const std::string& staff_number) {
  return absl::NotFoundError(absl::StrCat("no staff member ", staff_number, " of ", unit_id));
}

// The idempotent response naming a staff member: "<length of unit_id>:<unit_id><staff_number>", so
// any text of either survives.
std::string StaffResponse(const std::string& unit_id, const std::string& staff_number) {
  return absl::StrCat(unit_id.size(), ":", unit_id, staff_number);
}

absl::StatusOr<std::pair<std::string, std::string>> ParseStaffResponse(
    const std::string& response) {
  const size_t colon = response.find(':');
  size_t length = 0;
  if (colon == std::string::npos || !absl::SimpleAtoi(response.substr(0, colon), &length) ||
      colon + 1 + length > response.size()) {
    return absl::InternalError("stored idempotent response does not name a staff member");
  }
  return std::make_pair(response.substr(colon + 1, length), response.substr(colon + 1 + length));
}

void InsertTrainings(Transaction& tx, const std::string& unit_id, const std::string& staff_number,
                     const std::vector<Training>& trainings, size_t from) {
  if (from >= trainings.size()) return;
  sql::PreparedStatement& insert = tx.PrepareCached(absl::StrCat(
      "INSERT INTO staff_trainings (unit_id, staff_number, position, subject, completed_on, "
      "trainer) VALUES ",
      RowsOfPlaceholders(static_cast<int>(trainings.size() - from), 6)));
  Binder b(insert);
  for (size_t i = from; i < trainings.size(); ++i) {
    b.String(unit_id);
    b.String(staff_number);
    b.Int(static_cast<int64_t>(i));
    b.Int(static_cast<int>(trainings[i].subject));
    b.Time(trainings[i].completed_on);
    b.String(trainings[i].trainer);
  }
  insert.executeUpdate();
}

Training ReadTraining(sql::ResultSet& rs) {
  return {static_cast<TrainingSubject>(rs.getInt("subject")), TimeColumn(rs, "completed_on"),
          StringColumn(rs, "trainer")};
}

// The member with its trainings; NOT_FOUND when absent. `for_update` locks the member's row.
absl::StatusOr<StaffMember> LoadStaff(Transaction& tx, const std::string& unit_id,
                                      const std::string& staff_number, bool for_update) {
  sql::PreparedStatement& select =
      tx.PrepareCached(absl::StrCat("SELECT name FROM staff WHERE unit_id = ? AND staff_number = ?",
                                    for_update ? " FOR UPDATE" : ""));
  select.setString(1, unit_id);
  select.setString(2, staff_number);
  std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
  if (!rs->next()) return NoStaff(unit_id, staff_number);
  StaffMember staff;
  staff.unit_id = unit_id;
  staff.staff_number = staff_number;
  staff.name = StringColumn(*rs, "name");
  sql::PreparedStatement& trainings = tx.PrepareCached(
      "SELECT subject, completed_on, trainer FROM staff_trainings WHERE unit_id = ? AND "
      "staff_number = ? ORDER BY position");
  trainings.setString(1, unit_id);
  trainings.setString(2, staff_number);
  rs.reset(trainings.executeQuery());
  while (rs->next()) staff.trainings.push_back(ReadTraining(*rs));
  return staff;
}

}  // namespace

absl::StatusOr<StaffResult> MySqlStaffStore::Register(StaffMember staff, const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  RETURN_IF_ERROR(CheckStaffKey(staff.unit_id, staff.staff_number));
  const std::string scope(kRegisterStaffScope);
  const absl::Time now = clock_.Now();
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<StaffResult> {
    ASSIGN_OR_RETURN(absl::optional<std::string> replay,
                     common::db::ClaimRequest(tx, scope, key.request_id, key.fingerprint, now));
    if (replay.has_value()) {
      ASSIGN_OR_RETURN(auto id, ParseStaffResponse(*replay));
      ASSIGN_OR_RETURN(StaffMember first, LoadStaff(tx, id.first, id.second, false));
      return StaffResult{std::move(first), true};
    }
    sql::PreparedStatement& insert =
        tx.PrepareCached("INSERT INTO staff (unit_id, staff_number, name) VALUES (?,?,?)");
    Binder b(insert);
    b.String(staff.unit_id);
    b.String(staff.staff_number);
    b.String(staff.name);
    try {
      insert.executeUpdate();
    } catch (const sql::SQLException& e) {
      if (!IsDuplicateKey(e)) throw;
      return absl::AlreadyExistsError(absl::StrCat("staff number ", staff.staff_number, " of ",
                                                   staff.unit_id, " is registered already"));
    }
    InsertTrainings(tx, staff.unit_id, staff.staff_number, staff.trainings, 0);
    tx.NoteChange(absl::StrCat("staff ", staff.unit_id, " ", staff.staff_number));
    RETURN_IF_ERROR(common::db::RecordResponse(tx, scope, key.request_id,
                                               StaffResponse(staff.unit_id, staff.staff_number)));
    return StaffResult{staff, false};
  });
}

absl::StatusOr<StaffResult> MySqlStaffStore::AddTraining(const std::string& unit_id,
                                                         const std::string& staff_number,
                                                         const Training& training,
                                                         const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  const std::string scope(kRecordTrainingScope);
  const absl::Time now = clock_.Now();
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<StaffResult> {
    ASSIGN_OR_RETURN(absl::optional<std::string> replay,
                     common::db::ClaimRequest(tx, scope, key.request_id, key.fingerprint, now));
    if (replay.has_value()) {
      ASSIGN_OR_RETURN(auto id, ParseStaffResponse(*replay));
      if (id.first != unit_id || id.second != staff_number) {
        return common::RequestIdReused(
            "was already used for another staff member; use a new request_id");
      }
      ASSIGN_OR_RETURN(StaffMember seen, LoadStaff(tx, unit_id, staff_number, false));
      return StaffResult{std::move(seen), true};
    }
    ASSIGN_OR_RETURN(StaffMember staff, LoadStaff(tx, unit_id, staff_number, /*for_update=*/true));
    staff.trainings.push_back(training);
    InsertTrainings(tx, unit_id, staff_number, staff.trainings, staff.trainings.size() - 1);
    tx.NoteChange(absl::StrCat("staff ", unit_id, " ", staff_number));
    RETURN_IF_ERROR(common::db::RecordResponse(tx, scope, key.request_id,
                                               StaffResponse(unit_id, staff_number)));
    return StaffResult{std::move(staff), false};
  });
}

absl::StatusOr<StaffMember> MySqlStaffStore::Get(const std::string& unit_id,
                                                 const std::string& staff_number) {
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) {
    return LoadStaff(tx, unit_id, staff_number, /*for_update=*/false);
  });
}

absl::StatusOr<StaffPage> MySqlStaffStore::List(const std::string& unit_id,
                                                const std::string& after_staff_number,
                                                int page_size) {
  RETURN_IF_ERROR(CheckPageSize(page_size));
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<StaffPage> {
    sql::PreparedStatement& select = tx.PrepareCached(
        "SELECT staff_number, name FROM staff WHERE unit_id = ? AND staff_number > ? "
        "ORDER BY staff_number LIMIT ?");
    Binder b(select);
    b.String(unit_id);
    b.String(after_staff_number);
    b.Int(page_size + 1);
    std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
    StaffPage page;
    while (rs->next()) {
      if (static_cast<int>(page.staff.size()) == page_size) {
        page.next_after_staff_number = page.staff.back().staff_number;
        break;
      }
      StaffMember staff;
      staff.unit_id = unit_id;
      staff.staff_number = StringColumn(*rs, "staff_number");
      staff.name = StringColumn(*rs, "name");
      page.staff.push_back(std::move(staff));
    }
    rs.reset();
    if (page.staff.empty()) return page;
    absl::flat_hash_map<std::string, StaffMember*> by_number;
    for (StaffMember& staff : page.staff) by_number[staff.staff_number] = &staff;
    sql::PreparedStatement& trainings = tx.PrepareCached(absl::StrCat(
        "SELECT staff_number, subject, completed_on, trainer FROM staff_trainings "
        "WHERE unit_id = ? AND staff_number IN ",
        Placeholders(static_cast<int>(page.staff.size())), " ORDER BY staff_number, position"));
    Binder tb(trainings);
    tb.String(unit_id);
    for (const StaffMember& staff : page.staff) tb.String(staff.staff_number);
    rs.reset(trainings.executeQuery());
    while (rs->next()) {
      by_number.at(StringColumn(*rs, "staff_number"))->trainings.push_back(ReadTraining(*rs));
    }
    return page;
  });
}

absl::StatusOr<DutyRoster> MySqlStaffStore::SetRoster(const DutyRoster& roster) {
  RETURN_IF_ERROR(CheckDay(roster.day));
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<DutyRoster> {
    // The roster row first: it is the lock two setters of one day queue on.
    sql::PreparedStatement& upsert = tx.PrepareCached(
        "INSERT INTO duty_rosters (hotline_id, day, set_by, set_at) VALUES (?,?,?,?) "
        "ON DUPLICATE KEY UPDATE set_by = VALUES(set_by), set_at = VALUES(set_at)");
    Binder b(upsert);
    b.Int(roster.hotline_id);
    b.String(roster.day);
    b.String(roster.set_by);
    b.Time(roster.set_at);
    upsert.executeUpdate();
    sql::PreparedStatement& remove =
        tx.PrepareCached("DELETE FROM duty_shifts WHERE hotline_id = ? AND day = ?");
    remove.setInt64(1, roster.hotline_id);
    remove.setString(2, roster.day);
    remove.executeUpdate();
    if (!roster.shifts.empty()) {
      sql::PreparedStatement& insert = tx.PrepareCached(absl::StrCat(
          "INSERT INTO duty_shifts (hotline_id, day, position, staff_number, starts_at, ends_at) "
          "VALUES ",
          RowsOfPlaceholders(static_cast<int>(roster.shifts.size()), 6)));
      Binder sb(insert);
      for (size_t i = 0; i < roster.shifts.size(); ++i) {
        sb.Int(roster.hotline_id);
        sb.String(roster.day);
        sb.Int(static_cast<int64_t>(i));
        sb.String(roster.shifts[i].staff_number);
        sb.Time(roster.shifts[i].starts_at);
        sb.Time(roster.shifts[i].ends_at);
      }
      insert.executeUpdate();
    }
    tx.NoteChange(absl::StrCat("duty roster ", roster.hotline_id, " ", roster.day));
    return roster;
  });
}

absl::StatusOr<DutyRoster> MySqlStaffStore::GetRoster(int64_t hotline_id, const std::string& day) {
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<DutyRoster> {
    sql::PreparedStatement& select = tx.PrepareCached(
        "SELECT set_by, set_at FROM duty_rosters WHERE hotline_id = ? AND day = ?");
    select.setInt64(1, hotline_id);
    select.setString(2, day);
    std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
    if (!rs->next()) {
      return absl::NotFoundError(
          absl::StrCat("no duty roster of ", FormatHotlineId(hotline_id), " on ", day));
    }
    DutyRoster roster;
    roster.hotline_id = hotline_id;
    roster.day = day;
    roster.set_by = StringColumn(*rs, "set_by");
    roster.set_at = TimeColumn(*rs, "set_at");
    sql::PreparedStatement& shifts = tx.PrepareCached(
        "SELECT staff_number, starts_at, ends_at FROM duty_shifts WHERE hotline_id = ? AND "
        "day = ? ORDER BY position");
    shifts.setInt64(1, hotline_id);
    shifts.setString(2, day);
    rs.reset(shifts.executeQuery());
    while (rs->next()) {
      roster.shifts.push_back({StringColumn(*rs, "staff_number"), TimeColumn(*rs, "starts_at"),
                               TimeColumn(*rs, "ends_at")});
    }
    return roster;
  });
}

absl::StatusOr<bool> MySqlStaffStore::RecordRefusedRoster(const std::string& unit_id,
                                                          const std::string& month,
                                                          const std::string& refusal_id,
                                                          absl::Time at) {
  RETURN_IF_ERROR(CheckUnitId(unit_id));
  RETURN_IF_ERROR(CheckMonth(month));
  RETURN_IF_ERROR(
      common::db::CheckPrintableId("refusal_id", refusal_id, common::db::kMaxRequestIdLength));
  common::db::TransactionOptions options;
  options.single_statement = true;
  return common::db::RunInTransaction(
      pool_,
      [&](Transaction& tx) -> absl::StatusOr<bool> {
        sql::PreparedStatement& insert = tx.PrepareCached(
            "INSERT INTO roster_refusals (unit_id, month, refusal_id, refused_at) "
            "VALUES (?,?,?,?)");
        Binder b(insert);
        b.String(unit_id);
        b.String(month);
        b.String(refusal_id);
        b.Time(at);
        try {
          insert.executeUpdate();
        } catch (const sql::SQLException& e) {
          if (!IsDuplicateKey(e)) throw;
          return false;  // this refusal was counted before
        }
        // Counted for the month's report, so a committed change of the refused call.
        tx.NoteChange(absl::StrCat("roster refusal ", unit_id, " ", month));
        return true;
      },
      options);
}

absl::StatusOr<int64_t> MySqlStaffStore::CountRefusedRosters(const std::string& unit_id,
                                                             const std::string& month) {
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<int64_t> {
    sql::PreparedStatement& select = tx.PrepareCached(
        "SELECT COUNT(*) AS n FROM roster_refusals WHERE unit_id = ? AND month = ?");
    select.setString(1, unit_id);
    select.setString(2, month);
    std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
    rs->next();
    return rs->getInt64("n");
  });
}

}  // namespace cs::hotline
