// PartnerStore kept in process memory, for the fast unit tests of the assessment core only (never
// in a deployed process). Mutations run under the store's one mutex and must not call the store.
// Thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_STORE_PARTNER_STORE_IN_MEMORY_H_
#define CS_SERVICES_ASSESSMENT_STORE_PARTNER_STORE_IN_MEMORY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "services/assessment/store/assessment_in_memory_table.h"
#include "services/assessment/store/partner_store.h"

namespace cs::assessment {

class InMemoryPartnerStore final : public PartnerStore {
 public:
  InMemoryPartnerStore();

  absl::StatusOr<PartnerResult> Register(Partner partner, const RequestKey& key) override;
  absl::StatusOr<Partner> Get(int64_t id) override;
  absl::StatusOr<std::vector<Partner>> List(const std::string& unit_id) override;
  absl::StatusOr<PartnerResult> Mutate(int64_t id, const RecordMutationOptions& options,
                                       const PartnerMutation& mutation) override;

 private:
  in_memory_internal::InMemoryTable<Partner> partners_;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_STORE_PARTNER_STORE_IN_MEMORY_H_
