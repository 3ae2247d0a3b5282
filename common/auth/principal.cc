#include "common/auth/principal.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "common/status/error_reason.h"
#include "common/status/quoted_value.h"

namespace cs::common {
namespace {

constexpr absl::string_view kProtoPrefix = "ROLE_";

bool IsRole(Role role) {
  for (Role known : kAllRoles) {
    if (known == role) return true;
  }
  return false;
}

std::string RoleList(std::initializer_list<Role> roles) {
  std::vector<std::string> names;
  names.reserve(roles.size());
  for (Role role : roles) names.push_back(RoleName(role));
  return absl::StrJoin(names, ", ");
}

}  // namespace

std::string RoleName(Role role) {
  switch (role) {
    case Role::kCsCenter:
      return "CS_CENTER";
    case Role::kDesignatedUnit:
      return "DESIGNATED_UNIT";
    case Role::kUnitStaff:
      return "UNIT_STAFF";
    case Role::kUnitManager:
      return "UNIT_MANAGER";
    case Role::kArchivist:
      return "ARCHIVIST";
    case Role::kOffice:
      return "OFFICE";
    case Role::kService:
      return "SERVICE";
  }
  return absl::StrCat("UNKNOWN_ROLE(", static_cast<int>(role), ")");
}

absl::StatusOr<Role> ParseRole(absl::string_view name) {
  absl::string_view bare = name;
  absl::ConsumePrefix(&bare, kProtoPrefix);
  for (Role role : kAllRoles) {
    if (RoleName(role) == bare) return role;
  }
  std::vector<std::string> valid;
  for (Role role : kAllRoles) valid.push_back(RoleName(role));
  return absl::InvalidArgumentError(
      absl::StrCat("unknown role \"", name, "\"; valid roles: ", absl::StrJoin(valid, ", ")));
}

bool IsUnitScoped(Role role) {
  switch (role) {
    case Role::kCsCenter:
    case Role::kOffice:
    case Role::kService:
      return false;
    case Role::kDesignatedUnit:
    case Role::kUnitStaff:
    case Role::kUnitManager:
    case Role::kArchivist:
      return true;
  }
  return true;  // Not a role: treat as the most restricted.
}

absl::Status RequireRole(const Principal& principal, std::initializer_list<Role> allowed) {
  if (IsRole(principal.role)) {
    for (Role role : allowed) {
      if (role == principal.role) return absl::OkStatus();
    }
  }
  return WithReason(
      absl::PermissionDeniedError(absl::StrCat(
          "user \"", principal.user, "\" has role ", RoleName(principal.role),
          "; this call is allowed for: ", allowed.size() == 0 ? "nobody" : RoleList(allowed))),
      reason::kRoleNotAllowed);
}

absl::Status RequireUnit(const Principal& principal, absl::string_view unit_id) {
  if (!IsUnitScoped(principal.role)) return absl::OkStatus();
  if (IsRole(principal.role) && !principal.unit_id.empty() && principal.unit_id == unit_id) {
    return absl::OkStatus();
  }
  return WithReason(
      absl::PermissionDeniedError(absl::StrCat(
          "user \"", principal.user, "\" (", RoleName(principal.role), " of unit \"",
          principal.unit_id, "\") may not act on a resource of unit ", QuotedValue(unit_id))),
      reason::kOtherUnitsResource);
}

}  // namespace cs::common
