#include "services/assessment/store/task_store_mysql.h"

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

constexpr absl::string_view kTasks = "special_tasks";
// What a task is assigned with, and its completion: the columns of `special_tasks` but id, in the
// order the insert binds them.
constexpr absl::string_view kAssignedColumns =
    "unit_id, title, description, assigned_by, assigned_at, due_at";
constexpr absl::string_view kCompletionColumns =
    "done_at, quality_ok, completion_note, completion_recorded_by, completion_recorded_at";

const std::string& SelectTasks() {
  static const std::string* const kSelect = new std::string(
      absl::StrCat("SELECT id, ", kAssignedColumns, ", ", kCompletionColumns, " FROM ", kTasks));
  return *kSelect;
}

SpecialTask ReadTask(sql::ResultSet& rs) {
  SpecialTask t;
  t.id = rs.getInt64("id");
  t.unit_id = StringColumn(rs, "unit_id");
  t.title = StringColumn(rs, "title");
  t.description = StringColumn(rs, "description");
  t.assigned_by = StringColumn(rs, "assigned_by");
  t.assigned_at = TimeColumn(rs, "assigned_at");
  t.due_at = TimeColumn(rs, "due_at");
  if (!rs.isNull("done_at")) {
    TaskCompletion c;
    c.done_at = TimeColumn(rs, "done_at");
    c.quality_ok = rs.getBoolean("quality_ok");
    c.note = StringColumn(rs, "completion_note");
    c.recorded_by = StringColumn(rs, "completion_recorded_by");
    c.recorded_at = TimeColumn(rs, "completion_recorded_at");
    t.completion = std::move(c);
  }
  return t;
}

absl::StatusOr<SpecialTask> LoadTask(Transaction& tx, int64_t id, bool for_update) {
  return mysql_internal::LoadById(tx, SelectTasks(), id, for_update, &ReadTask, TaskRules().kind);
}

absl::StatusOr<TrainingSession> LoadSession(Transaction& tx, int64_t id, bool for_update) {
  sql::PreparedStatement& select = tx.PrepareCached(
      absl::StrCat("SELECT id, kind, title, held_at, organised_by FROM training_sessions "
                   "WHERE id = ?",
                   for_update ? " FOR UPDATE" : ""));
  select.setInt64(1, id);
  TrainingSession session;
  {
    std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
    if (!rs->next()) return NotFound(SessionRules().kind, id);
    session.id = rs->getInt64("id");
    session.kind = static_cast<SessionKind>(rs->getInt("kind"));
    session.title = StringColumn(*rs, "title");
    session.held_at = TimeColumn(*rs, "held_at");
    session.organised_by = StringColumn(*rs, "organised_by");
  }
  sql::PreparedStatement& attendance = tx.PrepareCached(
      "SELECT unit_id, attended, note FROM session_attendance WHERE session_id = ? "
      "ORDER BY position");
  attendance.setInt64(1, id);
  std::unique_ptr<sql::ResultSet> rs(attendance.executeQuery());
  while (rs->next()) {
    session.attendance.push_back(
        {StringColumn(*rs, "unit_id"), rs->getBoolean("attended"), StringColumn(*rs, "note")});
  }
  return session;
}

// The five completion columns: NULL when there is none.
void BindCompletion(Binder& b, const absl::optional<TaskCompletion>& completion) {
  if (completion.has_value()) {
    b.Time(completion->done_at);
    b.Bool(completion->quality_ok);
    b.String(completion->note);
    b.String(completion->recorded_by);
    b.Time(completion->recorded_at);
  } else {
    b.OptionalTime(absl::nullopt);
    b.OptionalBool(absl::nullopt);
    b.OptionalString(absl::nullopt);
    b.OptionalString(absl::nullopt);
    b.OptionalTime(absl::nullopt);
  }
}

const mysql_internal::MySqlRecordSteps<SpecialTask>& TaskSteps() {
  static const auto* const kSteps = new mysql_internal::MySqlRecordSteps<SpecialTask>{
      TaskRules(), &LoadTask,
      [](Transaction& tx, SpecialTask& task) -> int64_t {
        task.id = mysql_internal::InsertRow(
            tx, kTasks, absl::StrCat(kAssignedColumns, ", ", kCompletionColumns), [&](Binder& b) {
              b.String(task.unit_id);
              b.String(task.title);
              b.String(task.description);
              b.String(task.assigned_by);
              b.Time(task.assigned_at);
              b.Time(task.due_at);
              BindCompletion(b, task.completion);
            });
        return task.id;
      },
      // Only the completion changes.
      [](Transaction& tx, const SpecialTask&, const SpecialTask& saved) {
        mysql_internal::UpdateRow(tx, kTasks, kCompletionColumns, saved.id,
                                  [&](Binder& b) { BindCompletion(b, saved.completion); });
      }};
  return *kSteps;
}

const mysql_internal::MySqlRecordSteps<TrainingSession>& SessionSteps() {
  static const auto* const kSteps = new mysql_internal::MySqlRecordSteps<TrainingSession>{
      SessionRules(), &LoadSession,
      [](Transaction& tx, TrainingSession& session) -> int64_t {
        sql::PreparedStatement& insert = tx.PrepareCached(
            "INSERT INTO training_sessions (kind, title, held_at, organised_by) VALUES (?,?,?,?) "
            "RETURNING id");
        Binder b(insert);
        b.Int(static_cast<int>(session.kind));
        b.String(session.title);
        b.Time(session.held_at);
        b.String(session.organised_by);
        {
          std::unique_ptr<sql::ResultSet> rs(insert.executeQuery());
          rs->next();
          session.id = rs->getInt64("id");
        }
        sql::PreparedStatement& attend = tx.PrepareCached(
            "INSERT INTO session_attendance (session_id, unit_id, position, attended, note) "
            "VALUES (?,?,?,?,?)");
        for (size_t i = 0; i < session.attendance.size(); ++i) {
          Binder a(attend);
          a.Int(session.id);
          a.String(session.attendance[i].unit_id);
          a.Int(static_cast<int64_t>(i));
          a.Bool(session.attendance[i].attended);
          a.String(session.attendance[i].note);
          attend.executeUpdate();  // a unit given twice fails on the primary key: INVALID_ARGUMENT
        }
        return session.id;
      },
      nullptr};
  return *kSteps;
}

}  // namespace

absl::StatusOr<TaskResult> MySqlTaskStore::Assign(SpecialTask task, const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  RETURN_IF_ERROR(CheckUnitId(task.unit_id));
  ASSIGN_OR_RETURN(auto assigned, mysql_internal::KeyedCreate(pool_, clock_.Now(), TaskSteps(),
                                                              task, key, kAssignTaskScope));
  return TaskResult{std::move(assigned.first), assigned.second};
}

absl::StatusOr<SpecialTask> MySqlTaskStore::Get(int64_t id) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) { return LoadTask(tx, id, /*for_update=*/false); });
}

absl::StatusOr<std::vector<SpecialTask>> MySqlTaskStore::List(const std::string& unit_id) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<SpecialTask>> {
        sql::PreparedStatement& select =
            tx.PrepareCached(absl::StrCat(SelectTasks(), " WHERE unit_id = ? ORDER BY id"));
        select.setString(1, unit_id);
        return mysql_internal::ReadRows(select, &ReadTask);
      });
}

absl::StatusOr<TaskResult> MySqlTaskStore::Mutate(int64_t id, const RecordMutationOptions& options,
                                                  const TaskMutation& mutation) {
  RETURN_IF_ERROR(CheckTaskOptions(options));
  ASSIGN_OR_RETURN(auto mutated, mysql_internal::KeyedMutate<SpecialTask>(
                                     pool_, clock_.Now(), TaskSteps(), id, options,
                                     kTaskMutationScopePrefix, mutation));
  return TaskResult{std::move(mutated.first), mutated.second};
}

absl::StatusOr<SessionResult> MySqlTaskStore::CreateSession(TrainingSession session,
                                                            const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  RETURN_IF_ERROR(CheckAttendanceUnits(session));
  ASSIGN_OR_RETURN(auto created, mysql_internal::KeyedCreate(pool_, clock_.Now(), SessionSteps(),
                                                             session, key, kCreateSessionScope));
  return SessionResult{std::move(created.first), created.second};
}

absl::StatusOr<TrainingSession> MySqlTaskStore::GetSession(int64_t id) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) { return LoadSession(tx, id, /*for_update=*/false); });
}

absl::StatusOr<TrainingSession> MySqlTaskStore::RecordAttendance(int64_t session_id,
                                                                 const std::string& unit_id,
                                                                 bool attended,
                                                                 const std::string& note) {
  RETURN_IF_ERROR(CheckUnitId(unit_id));
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<TrainingSession> {
        // The session's row lock orders concurrent additions (their positions).
        ASSIGN_OR_RETURN(TrainingSession session, LoadSession(tx, session_id, /*for_update=*/true));
        sql::PreparedStatement& upsert = tx.PrepareCached(
            "INSERT INTO session_attendance (session_id, unit_id, position, attended, note) "
            "VALUES (?,?,?,?,?) ON DUPLICATE KEY UPDATE attended = VALUES(attended), "
            "note = VALUES(note)");
        Binder b(upsert);
        b.Int(session_id);
        b.String(unit_id);
        b.Int(static_cast<int64_t>(session.attendance.size()));
        b.Bool(attended);
        b.String(note);
        upsert.executeUpdate();
        tx.NoteChange(absl::StrCat("session ", session_id, " attendance ", unit_id));
        return LoadSession(tx, session_id, /*for_update=*/false);
      });
}

absl::StatusOr<std::vector<UnitAttendance>> MySqlTaskStore::ListAttendance(
    const std::string& unit_id, absl::Time from, absl::Time until) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<UnitAttendance>> {
        sql::PreparedStatement& select = tx.PrepareCached(
            "SELECT s.id, s.kind, s.title, s.held_at, a.unit_id, a.attended, a.note "
            "FROM session_attendance a JOIN training_sessions s ON s.id = a.session_id "
            "WHERE a.unit_id = ? AND s.held_at >= ? AND s.held_at < ? ORDER BY s.held_at, s.id");
        Binder b(select);
        b.String(unit_id);
        b.Time(from);
        b.Time(until);
        std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
        std::vector<UnitAttendance> listed;
        while (rs->next()) {
          listed.push_back({rs->getInt64("id"),
                            static_cast<SessionKind>(rs->getInt("kind")),
                            StringColumn(*rs, "title"),
                            TimeColumn(*rs, "held_at"),
                            {StringColumn(*rs, "unit_id"), rs->getBoolean("attended"),
                             StringColumn(*rs, "note")}});
        }
        return listed;
      });
}

}  // namespace cs::assessment
