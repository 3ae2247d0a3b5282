#include "services/assessment/store/maintenance_store_in_memory.h"

#include <utility>

#include "common/status/status_macros.h"
#include "services/assessment/store/assessment_notice_store_support.h"

namespace cs::assessment {

InMemoryMaintenanceStore::InMemoryMaintenanceStore() : records_(MaintenanceRules()) {}

absl::StatusOr<MaintenanceWriteResult> InMemoryMaintenanceStore::Create(MaintenanceNotice notice,
                                                                        const RequestKey& key) {
  ASSIGN_OR_RETURN(auto created, records_.Create(MaintenanceRecord{std::move(notice), 0}, key,
                                                 kFileMaintenanceScope));
  return MaintenanceWriteResult{std::move(created.first), created.second};
}

absl::StatusOr<MaintenanceRecord> InMemoryMaintenanceStore::Get(int64_t id) {
  return records_.Get(id);
}

absl::StatusOr<MaintenancePage> InMemoryMaintenanceStore::List(const MaintenanceFilter& filter,
                                                               int64_t after_id, int page_size) {
  ASSIGN_OR_RETURN(
      auto page,
      records_.List([&](const MaintenanceRecord& r) { return MatchesMaintenanceFilter(r, filter); },
                    after_id, page_size));
  return MaintenancePage{std::move(page.first), page.second};
}

absl::StatusOr<MaintenanceWriteResult> InMemoryMaintenanceStore::Mutate(
    int64_t id, const NoticeMutationOptions& options, const MaintenanceMutation& mutation) {
  ASSIGN_OR_RETURN(auto mutated,
                   records_.Mutate(id, options, kMaintenanceMutationScopePrefix, mutation));
  return MaintenanceWriteResult{std::move(mutated.first), mutated.second};
}

}  // namespace cs::assessment
