#include "services/assessment/store/task_store_mysql.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/idempotency.h"
#include "common/db/printable_id.h"
#include "common/db/statement_helpers.h"
#include "common/db/transaction.h"
#include "common/status/status_macros.h"
#include "services/assessment/domain/records.h"
#include "services/assessment/store/assessment_record_mysql_support.h"

namespace cs::assessment {
namespace {

using common::db::StringColumn;
using common::db::TimeColumn;
using common::db::Transaction;
using mysql_internal::Binder;
using mysql_internal::ParseIdResponse;

constexpr absl::string_view kSelectTasks =
    "SELECT id, unit_id, title, description, assigned_by, assigned_at, due_at, done_at, "
    "quality_ok, completion_note, completion_recorded_by, completion_recorded_at "
    "FROM special_tasks";

absl::Status NoTask(int64_t id) {
  return absl::NotFoundError(absl::StrCat("no special task ", FormatTaskId(id)));
}
absl::Status NoSession(int64_t id) {
  return absl::NotFoundError(absl::StrCat("no session ", FormatSessionId(id)));
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

absl::optional<SpecialTask> LoadTask(Transaction& tx, int64_t id, bool for_update) {
  sql::PreparedStatement& select = tx.PrepareCached(
      absl::StrCat(kSelectTasks, " WHERE id = ?", for_update ? " FOR UPDATE" : ""));
  select.setInt64(1, id);
  std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
  if (!rs->next()) return absl::nullopt;
  return ReadTask(*rs);
}

absl::optional<TrainingSession> LoadSession(Transaction& tx, int64_t id, bool for_update) {
  sql::PreparedStatement& select = tx.PrepareCached(
      absl::StrCat("SELECT id, kind, title, held_at, organised_by FROM training_sessions "
                   "WHERE id = ?",
                   for_update ? " FOR UPDATE" : ""));
  select.setInt64(1, id);
  TrainingSession session;
  {
    std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
    if (!rs->next()) return absl::nullopt;
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

}  // namespace

absl::StatusOr<TaskResult> MySqlTaskStore::Assign(SpecialTask task, const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  RETURN_IF_ERROR(CheckUnitId(task.unit_id));
  const std::string scope(kAssignTaskScope);
  const absl::Time now = clock_.Now();
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<TaskResult> {
    ASSIGN_OR_RETURN(absl::optional<std::string> replay,
                     common::db::ClaimRequest(tx, scope, key.request_id, key.fingerprint, now));
    if (replay.has_value()) {
      ASSIGN_OR_RETURN(int64_t id, ParseIdResponse(*replay));
      absl::optional<SpecialTask> first = LoadTask(tx, id, false);
      if (!first.has_value()) return absl::InternalError("the replayed task is missing");
      return TaskResult{*std::move(first), true};
    }
    sql::PreparedStatement& insert = tx.PrepareCached(
        "INSERT INTO special_tasks (unit_id, title, description, assigned_by, assigned_at, "
        "due_at, done_at, quality_ok, completion_note, completion_recorded_by, "
        "completion_recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id");
    Binder b(insert);
    b.String(task.unit_id);
    b.String(task.title);
    b.String(task.description);
    b.String(task.assigned_by);
    b.Time(task.assigned_at);
    b.Time(task.due_at);
    BindCompletion(b, task.completion);
    SpecialTask stored = task;
    {
      std::unique_ptr<sql::ResultSet> rs(insert.executeQuery());
      rs->next();
      stored.id = rs->getInt64("id");
    }
    RETURN_IF_ERROR(common::db::RecordResponse(tx, scope, key.request_id, absl::StrCat(stored.id)));
    return TaskResult{std::move(stored), false};
  });
}

absl::StatusOr<SpecialTask> MySqlTaskStore::Get(int64_t id) {
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<SpecialTask> {
    absl::optional<SpecialTask> task = LoadTask(tx, id, false);
    if (!task.has_value()) return NoTask(id);
    return *std::move(task);
  });
}

absl::StatusOr<std::vector<SpecialTask>> MySqlTaskStore::List(const std::string& unit_id) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<std::vector<SpecialTask>> {
        sql::PreparedStatement& select =
            tx.PrepareCached(absl::StrCat(kSelectTasks, " WHERE unit_id = ? ORDER BY id"));
        select.setString(1, unit_id);
        std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
        std::vector<SpecialTask> tasks;
        while (rs->next()) tasks.push_back(ReadTask(*rs));
        return tasks;
      });
}

absl::StatusOr<TaskResult> MySqlTaskStore::Mutate(int64_t id, const RecordMutationOptions& options,
                                                  const TaskMutation& mutation) {
  RETURN_IF_ERROR(CheckTaskOptions(options));
  std::string scope;
  RETURN_IF_ERROR(CheckMutationKey(options, kTaskMutationScopePrefix, &scope));
  const bool keyed = options.request_key.has_value();
  const absl::Time now = clock_.Now();
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<TaskResult> {
    if (keyed) {
      ASSIGN_OR_RETURN(absl::optional<std::string> replay,
                       common::db::ClaimRequest(tx, scope, options.request_key->request_id,
                                                options.request_key->fingerprint, now));
      if (replay.has_value()) {
        ASSIGN_OR_RETURN(int64_t replayed_id, ParseIdResponse(*replay));
        if (replayed_id != id) return RequestIdForAnother("task");
        absl::optional<SpecialTask> current = LoadTask(tx, id, false);
        if (!current.has_value()) return NoTask(id);
        return TaskResult{*std::move(current), true};
      }
    }
    absl::optional<SpecialTask> loaded = LoadTask(tx, id, /*for_update=*/true);
    if (!loaded.has_value()) return NoTask(id);
    SpecialTask changed = *loaded;
    RETURN_IF_ERROR(mutation(changed));
    SpecialTask saved = TaskToSave(*loaded, changed);
    sql::PreparedStatement& update = tx.PrepareCached(
        "UPDATE special_tasks SET done_at = ?, quality_ok = ?, completion_note = ?, "
        "completion_recorded_by = ?, completion_recorded_at = ? WHERE id = ?");
    Binder b(update);
    BindCompletion(b, saved.completion);
    b.Int(id);
    update.executeUpdate();
    if (keyed) {
      RETURN_IF_ERROR(
          common::db::RecordResponse(tx, scope, options.request_key->request_id, absl::StrCat(id)));
    }
    return TaskResult{std::move(saved), false};
  });
}

absl::StatusOr<SessionResult> MySqlTaskStore::CreateSession(TrainingSession session,
                                                            const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  RETURN_IF_ERROR(CheckAttendanceUnits(session));
  const std::string scope(kCreateSessionScope);
  const absl::Time now = clock_.Now();
  return common::db::RunInTransaction(pool_, [&](Transaction& tx) -> absl::StatusOr<SessionResult> {
    ASSIGN_OR_RETURN(absl::optional<std::string> replay,
                     common::db::ClaimRequest(tx, scope, key.request_id, key.fingerprint, now));
    if (replay.has_value()) {
      ASSIGN_OR_RETURN(int64_t id, ParseIdResponse(*replay));
      absl::optional<TrainingSession> first = LoadSession(tx, id, false);
      if (!first.has_value()) return absl::InternalError("the replayed session is missing");
      return SessionResult{*std::move(first), true};
    }
    sql::PreparedStatement& insert = tx.PrepareCached(
        "INSERT INTO training_sessions (kind, title, held_at, organised_by) VALUES (?,?,?,?) "
        "RETURNING id");
    Binder b(insert);
    b.Int(static_cast<int>(session.kind));
    b.String(session.title);
    b.Time(session.held_at);
    b.String(session.organised_by);
    TrainingSession stored = session;
    {
      std::unique_ptr<sql::ResultSet> rs(insert.executeQuery());
      rs->next();
      stored.id = rs->getInt64("id");
    }
    sql::PreparedStatement& attend = tx.PrepareCached(
        "INSERT INTO session_attendance (session_id, unit_id, position, attended, note) "
        "VALUES (?,?,?,?,?)");
    for (size_t i = 0; i < stored.attendance.size(); ++i) {
      Binder a(attend);
      a.Int(stored.id);
      a.String(stored.attendance[i].unit_id);
      a.Int(static_cast<int64_t>(i));
      a.Bool(stored.attendance[i].attended);
      a.String(stored.attendance[i].note);
      attend.executeUpdate();  // a unit given twice fails on the primary key: INVALID_ARGUMENT
    }
    RETURN_IF_ERROR(common::db::RecordResponse(tx, scope, key.request_id, absl::StrCat(stored.id)));
    return SessionResult{std::move(stored), false};
  });
}

absl::StatusOr<TrainingSession> MySqlTaskStore::GetSession(int64_t id) {
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<TrainingSession> {
        absl::optional<TrainingSession> session = LoadSession(tx, id, false);
        if (!session.has_value()) return NoSession(id);
        return *std::move(session);
      });
}

absl::StatusOr<TrainingSession> MySqlTaskStore::RecordAttendance(int64_t session_id,
                                                                 const std::string& unit_id,
                                                                 bool attended,
                                                                 const std::string& note) {
  RETURN_IF_ERROR(CheckUnitId(unit_id));
  return common::db::RunInTransaction(
      pool_, [&](Transaction& tx) -> absl::StatusOr<TrainingSession> {
        // The session's row lock orders concurrent additions (their positions).
        absl::optional<TrainingSession> session = LoadSession(tx, session_id, /*for_update=*/true);
        if (!session.has_value()) return NoSession(session_id);
        sql::PreparedStatement& upsert = tx.PrepareCached(
            "INSERT INTO session_attendance (session_id, unit_id, position, attended, note) "
            "VALUES (?,?,?,?,?) ON DUPLICATE KEY UPDATE attended = VALUES(attended), "
            "note = VALUES(note)");
        Binder b(upsert);
        b.Int(session_id);
        b.String(unit_id);
        b.Int(static_cast<int64_t>(session->attendance.size()));
        b.Bool(attended);
        b.String(note);
        upsert.executeUpdate();
        absl::optional<TrainingSession> now = LoadSession(tx, session_id, false);
        if (!now.has_value()) return NoSession(session_id);
        return *std::move(now);
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
