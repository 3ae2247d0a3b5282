// TaskStore on MySQL/MariaDB (schema cs_assessment, migrations/0002_assessment_records.sql): the
// store every deployed assessment process uses. Every call is one transaction. Thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_STORE_TASK_STORE_MYSQL_H_
#define CS_SERVICES_ASSESSMENT_STORE_TASK_STORE_MYSQL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "common/db/connection_pool.h"
#include "common/time/clock.h"
#include "services/assessment/store/task_store.h"

namespace cs::assessment {

class MySqlTaskStore final : public TaskStore {
 public:
  // `pool` and `clock` must outlive the store. The clock stamps idempotency keys only (expiry); the
  // domain's times come with the values stored.
  explicit MySqlTaskStore(common::db::ConnectionPool& pool,
                          const common::Clock& clock = common::Clock::Real())
      : pool_(pool), clock_(clock) {}

  absl::StatusOr<TaskResult> Assign(SpecialTask task, const RequestKey& key) override;
  absl::StatusOr<SpecialTask> Get(int64_t id) override;
  absl::StatusOr<std::vector<SpecialTask>> List(const std::string& unit_id) override;
  absl::StatusOr<TaskResult> Mutate(int64_t id, const RecordMutationOptions& options,
                                    const TaskMutation& mutation) override;
  absl::StatusOr<SessionResult> CreateSession(TrainingSession session,
                                              const RequestKey& key) override;
  absl::StatusOr<TrainingSession> GetSession(int64_t id) override;
  absl::StatusOr<TrainingSession> RecordAttendance(int64_t session_id, const std::string& unit_id,
                                                   bool attended, const std::string& note) override;
  absl::StatusOr<std::vector<UnitAttendance>> ListAttendance(const std::string& unit_id,
                                                             absl::Time from,
                                                             absl::Time until) override;

 private:
  common::db::ConnectionPool& pool_;
  const common::Clock& clock_;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_STORE_TASK_STORE_MYSQL_H_
