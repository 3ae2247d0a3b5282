// StaffStore on MySQL/MariaDB (schema cs_hotline_registry: staff, staff_trainings, duty_rosters,
// duty_shifts, roster_refusals): the store every deployed hotline-registry process uses. Every call
// is one transaction. Thread-safe.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_STORE_MYSQL_STAFF_STORE_H_
#define CS_SERVICES_HOTLINE_REGISTRY_STORE_MYSQL_STAFF_STORE_H_

#include "common/db/connection_pool.h"
#include "common/time/clock.h"
#include "services/hotline-registry/store/staff_store.h"

namespace cs::hotline {

class MySqlStaffStore final : public StaffStore {
 public:
  // `pool` and `clock` must outlive the store; the clock stamps idempotency keys (expiry).
  explicit MySqlStaffStore(common::db::ConnectionPool& pool,
                           const common::Clock& clock = common::Clock::Real())
      : pool_(pool), clock_(clock) {}

  absl::StatusOr<StaffResult> Register(StaffMember staff, const RequestKey& key) override;
  absl::StatusOr<StaffResult> AddTraining(const std::string& unit_id,
                                          const std::string& staff_number, const Training& training,
                                          const RequestKey& key) override;
  absl::StatusOr<StaffMember> Get(const std::string& unit_id,
                                  const std::string& staff_number) override;
  absl::StatusOr<StaffPage> List(const std::string& unit_id, const std::string& after_staff_number,
                                 int page_size) override;
  absl::StatusOr<DutyRoster> SetRoster(const DutyRoster& roster) override;
  absl::StatusOr<DutyRoster> GetRoster(int64_t hotline_id, const std::string& day) override;
  absl::StatusOr<bool> RecordRefusedRoster(const std::string& unit_id, const std::string& month,
                                           const std::string& refusal_id, absl::Time at) override;
  absl::StatusOr<int64_t> CountRefusedRosters(const std::string& unit_id,
                                              const std::string& month) override;

 private:
  common::db::ConnectionPool& pool_;
  const common::Clock& clock_;
};

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_STORE_MYSQL_STAFF_STORE_H_
