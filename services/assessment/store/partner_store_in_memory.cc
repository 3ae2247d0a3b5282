#include "services/assessment/store/partner_store_in_memory.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/printable_id.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"

namespace cs::assessment {
namespace {

absl::Status NoPartner(int64_t id) {
  return absl::NotFoundError(absl::StrCat("no partner or agent ", FormatPartnerId(id)));
}

}  // namespace

absl::StatusOr<absl::optional<int64_t>> InMemoryPartnerStore::FindKey(const std::string& scope,
                                                                      const RequestKey& key) {
  auto it = keys_.find({scope, key.request_id});
  if (it == keys_.end()) return absl::optional<int64_t>();
  if (it->second.fingerprint != key.fingerprint) {
    return common::RequestIdReused(
        "was already used for a different request; use a new request_id");
  }
  return absl::optional<int64_t>(it->second.id);
}

absl::StatusOr<PartnerResult> InMemoryPartnerStore::Register(Partner partner,
                                                             const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  RETURN_IF_ERROR(CheckUnitId(partner.unit_id));
  const std::string scope(kRegisterPartnerScope);
  absl::MutexLock lock(&mutex_);
  ASSIGN_OR_RETURN(absl::optional<int64_t> replay, FindKey(scope, key));
  if (replay.has_value()) return PartnerResult{partners_.at(*replay), true};
  partner.id = next_id_++;
  partner.version = 1;
  partners_[partner.id] = partner;
  keys_[{scope, key.request_id}] = {key.fingerprint, partner.id};
  return PartnerResult{std::move(partner), false};
}

absl::StatusOr<Partner> InMemoryPartnerStore::Get(int64_t id) {
  absl::MutexLock lock(&mutex_);
  auto it = partners_.find(id);
  if (it == partners_.end()) return NoPartner(id);
  return it->second;
}

absl::StatusOr<std::vector<Partner>> InMemoryPartnerStore::List(const std::string& unit_id) {
  absl::MutexLock lock(&mutex_);
  std::vector<Partner> listed;
  for (const auto& [id, partner] : partners_) {
    if (partner.unit_id == unit_id) listed.push_back(partner);
  }
  return listed;
}

absl::StatusOr<PartnerResult> InMemoryPartnerStore::Mutate(int64_t id,
                                                           const RecordMutationOptions& options,
                                                           const PartnerMutation& mutation) {
  std::string scope;
  RETURN_IF_ERROR(CheckMutationKey(options, kPartnerMutationScopePrefix, &scope));
  absl::MutexLock lock(&mutex_);
  if (options.request_key.has_value()) {
    ASSIGN_OR_RETURN(absl::optional<int64_t> replay, FindKey(scope, *options.request_key));
    if (replay.has_value()) {
      if (*replay != id) return RequestIdForAnother("partner");
      auto it = partners_.find(id);
      if (it == partners_.end()) return NoPartner(id);
      return PartnerResult{it->second, true};
    }
  }
  auto it = partners_.find(id);
  if (it == partners_.end()) return NoPartner(id);
  const Partner& loaded = it->second;
  if (options.expected_version.has_value() && *options.expected_version != loaded.version) {
    return absl::AbortedError(absl::StrCat(FormatPartnerId(id), " is at version ", loaded.version,
                                           ", not ", *options.expected_version,
                                           "; read it again and retry"));
  }
  Partner changed = loaded;
  RETURN_IF_ERROR(mutation(changed));
  it->second = PartnerToSave(loaded, std::move(changed));
  if (options.request_key.has_value()) {
    keys_[{scope, options.request_key->request_id}] = {options.request_key->fingerprint, id};
  }
  return PartnerResult{it->second, false};
}

}  // namespace cs::assessment
