// MaintenanceStore kept in process memory, for the fast unit tests of the assessment core only
// (never in a deployed process). Mutations run under the store's one mutex and must not call the
// store. Thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_STORE_MAINTENANCE_STORE_IN_MEMORY_H_
#define CS_SERVICES_ASSESSMENT_STORE_MAINTENANCE_STORE_IN_MEMORY_H_

#include "services/assessment/store/assessment_in_memory_table.h"
#include "services/assessment/store/maintenance_store.h"

namespace cs::assessment {

class InMemoryMaintenanceStore final : public MaintenanceStore {
 public:
  InMemoryMaintenanceStore();

  absl::StatusOr<MaintenanceWriteResult> Create(MaintenanceNotice notice,
                                                const RequestKey& key) override;
  absl::StatusOr<MaintenanceRecord> Get(int64_t id) override;
  absl::StatusOr<MaintenancePage> List(const MaintenanceFilter& filter, int64_t after_id,
                                       int page_size) override;
  absl::StatusOr<MaintenanceWriteResult> Mutate(int64_t id, const NoticeMutationOptions& options,
                                                const MaintenanceMutation& mutation) override;

 private:
  in_memory_internal::InMemoryTable<MaintenanceRecord> records_;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_STORE_MAINTENANCE_STORE_IN_MEMORY_H_
