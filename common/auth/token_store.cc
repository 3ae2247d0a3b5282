#include "common/auth/token_store.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/config/config_file.h"
#include "common/hash/sha256.h"

namespace cs::common {
namespace {

// Role numbers mirror the proto enum (principal.h); a mismatch would silently grant the wrong role.
static_assert(static_cast<int>(Role::kCsCenter) == cs::common::v1::ROLE_CS_CENTER);
static_assert(static_cast<int>(Role::kDesignatedUnit) == cs::common::v1::ROLE_DESIGNATED_UNIT);
static_assert(static_cast<int>(Role::kUnitStaff) == cs::common::v1::ROLE_UNIT_STAFF);
static_assert(static_cast<int>(Role::kUnitManager) == cs::common::v1::ROLE_UNIT_MANAGER);
static_assert(static_cast<int>(Role::kArchivist) == cs::common::v1::ROLE_ARCHIVIST);
static_assert(static_cast<int>(Role::kOffice) == cs::common::v1::ROLE_OFFICE);
static_assert(static_cast<int>(Role::kService) == cs::common::v1::ROLE_SERVICE);

bool IsLowerHexSha256(absl::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// The domain role of a proto role, or nullopt for ROLE_UNSPECIFIED and numbers that are no role.
absl::optional<Role> ToRole(int proto_role) {
  for (Role role : kAllRoles) {
    if (static_cast<int>(role) == proto_role) return role;
  }
  return absl::nullopt;
}

}  // namespace

TokenStore TokenStore::FromValidFile(const cs::config::v1::TokenFile& file) {
  absl::flat_hash_map<std::string, Holder> by_hash;
  std::vector<std::string> development_only_users;
  for (const cs::config::v1::TokenEntry& entry : file.tokens()) {
    Holder holder{Principal{entry.user(), static_cast<Role>(entry.role()), entry.unit_id()}};
    if (entry.has_expires_at()) {
      holder.expires_at = absl::FromUnixSeconds(entry.expires_at().seconds()) +
                          absl::Nanoseconds(entry.expires_at().nanos());
    }
    holder.revoked = entry.revoked();
    by_hash.emplace(entry.token_sha256(), std::move(holder));
    if (entry.development_only()) development_only_users.push_back(entry.user());
  }
  return TokenStore(std::move(by_hash), std::move(development_only_users));
}

FieldViolations ValidateTokenFile(const cs::config::v1::TokenFile& file) {
  FieldViolations violations;
  absl::flat_hash_map<std::string, int> first_index_of_hash;
  for (int i = 0; i < file.tokens_size(); ++i) {
    const cs::config::v1::TokenEntry& entry = file.tokens(i);
    const std::string path = absl::StrCat("tokens[", i, "]");
    if (!IsLowerHexSha256(entry.token_sha256())) {
      // Never echo the value: a token pasted here by mistake must not reach a log.
      violations.Add(
          absl::StrCat(path, ".token_sha256"),
          absl::StrCat("must be the SHA-256 of the token as 64 lower-case hex digits; got ",
                       entry.token_sha256().size(), " characters"));
    } else if (auto [it, inserted] = first_index_of_hash.emplace(entry.token_sha256(), i);
               !inserted) {
      violations.Add(absl::StrCat(path, ".token_sha256"),
                     absl::StrCat("duplicate of tokens[", it->second, "].token_sha256"));
    }
    if (entry.user().empty()) violations.Add(absl::StrCat(path, ".user"), "must not be empty");
    if (entry.has_expires_at() &&
        (entry.expires_at().nanos() < 0 || entry.expires_at().nanos() > 999999999 ||
         entry.expires_at().seconds() < 0 || entry.expires_at().seconds() > 253402300799)) {
      violations.Add(absl::StrCat(path, ".expires_at"),
                     "must be a valid timestamp between 1970 and 9999");
    }
    const absl::optional<Role> role = ToRole(entry.role());
    if (!role.has_value()) {
      violations.Add(absl::StrCat(path, ".role"),
                     entry.role() == cs::common::v1::ROLE_UNSPECIFIED
                         ? std::string("must be set")
                         : absl::StrCat("unknown role number ", entry.role()));
      continue;
    }
    if (IsUnitScoped(*role) && entry.unit_id().empty()) {
      violations.Add(absl::StrCat(path, ".unit_id"),
                     absl::StrCat("role ", RoleName(*role), " acts for one unit; set unit_id"));
    }
    if (!IsUnitScoped(*role) && !entry.unit_id().empty()) {
      violations.Add(
          absl::StrCat(path, ".unit_id"),
          absl::StrCat("role ", RoleName(*role), " is not unit-scoped; unit_id must be empty"));
    }
  }
  return violations;
}

absl::StatusOr<TokenStore> TokenStore::LoadFile(const std::string& path) {
  cs::config::v1::TokenFile file;
  absl::Status status =
      config::LoadConfigFile(path, &file, [](const google::protobuf::Message& message) {
        return ValidateTokenFile(static_cast<const cs::config::v1::TokenFile&>(message));
      });
  if (!status.ok()) return status;
  return FromValidFile(file);
}

absl::StatusOr<TokenStore> TokenStore::FromProto(const cs::config::v1::TokenFile& file) {
  FieldViolations violations = ValidateTokenFile(file);
  if (!violations.empty()) return violations.ToStatus("invalid token file");
  return FromValidFile(file);
}

absl::optional<Principal> TokenStore::Find(absl::string_view token, absl::Time now) const {
  if (token.empty()) return absl::nullopt;
  auto it = by_hash_.find(Sha256Hex(token));
  if (it == by_hash_.end()) return absl::nullopt;
  const Holder& holder = it->second;
  if (holder.revoked || now >= holder.expires_at) return absl::nullopt;
  return holder.principal;
}

}  // namespace cs::common
