#include "services/assessment/store/partner_store_in_memory.h"

#include <utility>

#include "common/db/printable_id.h"
#include "common/status/status_macros.h"

namespace cs::assessment {

InMemoryPartnerStore::InMemoryPartnerStore() : partners_(PartnerRules()) {}

absl::StatusOr<PartnerResult> InMemoryPartnerStore::Register(Partner partner,
                                                             const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  RETURN_IF_ERROR(CheckUnitId(partner.unit_id));
  ASSIGN_OR_RETURN(auto registered,
                   partners_.Create(std::move(partner), key, kRegisterPartnerScope));
  return PartnerResult{std::move(registered.first), registered.second};
}

absl::StatusOr<Partner> InMemoryPartnerStore::Get(int64_t id) { return partners_.Get(id); }

absl::StatusOr<std::vector<Partner>> InMemoryPartnerStore::List(const std::string& unit_id) {
  return partners_.Select([&](const Partner& p) { return p.unit_id == unit_id; });
}

absl::StatusOr<PartnerResult> InMemoryPartnerStore::Mutate(int64_t id,
                                                           const RecordMutationOptions& options,
                                                           const PartnerMutation& mutation) {
  ASSIGN_OR_RETURN(auto mutated,
                   partners_.Mutate(id, options, kPartnerMutationScopePrefix, mutation));
  return PartnerResult{std::move(mutated.first), mutated.second};
}

}  // namespace cs::assessment
