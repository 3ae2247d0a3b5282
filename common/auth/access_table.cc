#include "common/auth/access_table.h"

#include <cstdlib>
#include <iostream>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/error_reason.h"

namespace cs::common {
namespace {

bool IsRole(Role role) {
  for (Role known : kAllRoles) {
    if (known == role) return true;
  }
  return false;
}

[[noreturn]] void BadTable(absl::string_view service, absl::string_view problem) {
  std::cerr << "access table of " << service << ": " << problem << "\n";
  std::abort();
}

}  // namespace

AccessTable::AccessTable(std::string service, std::vector<MethodRule> rules)
    : service_(std::move(service)), rules_(std::move(rules)) {
  std::set<std::string> seen;
  for (const MethodRule& rule : rules_) {
    if (!seen.insert(rule.method).second) BadTable(service_, rule.method + " is listed twice");
    if (rule.roles.empty()) BadTable(service_, rule.method + " allows no role");
    bool unit_scoped_role = false;
    for (Role role : rule.roles) {
      if (!IsRole(role)) BadTable(service_, rule.method + " names a value that is not a role");
      unit_scoped_role = unit_scoped_role || IsUnitScoped(role);
    }
    if (rule.scope == UnitScope::kOwnUnit && !unit_scoped_role) {
      BadTable(service_, rule.method + " is OWN_UNIT but allows no unit-scoped role");
    }
  }
}

const MethodRule* AccessTable::Find(absl::string_view method) const {
  for (const MethodRule& rule : rules_) {
    if (rule.method == method) return &rule;
  }
  return nullptr;
}

absl::Status AccessTable::Admit(const Principal& caller, absl::string_view method) const {
  const MethodRule* rule = Find(method);
  if (rule == nullptr) {
    return WithReason(absl::PermissionDeniedError(absl::StrCat(
                          service_, "/", method, " has no access rule; nobody may call it")),
                      reason::kRoleNotAllowed);
  }
  if (IsRole(caller.role)) {
    for (Role role : rule->roles) {
      if (role == caller.role) return absl::OkStatus();
    }
  }
  std::vector<std::string> allowed;
  allowed.reserve(rule->roles.size());
  for (Role role : rule->roles) allowed.push_back(RoleName(role));
  return WithReason(absl::PermissionDeniedError(absl::StrCat(
                        "user \"", caller.user, "\" has role ", RoleName(caller.role), "; ", method,
                        " is allowed for: ", absl::StrJoin(allowed, ", "))),
                    reason::kRoleNotAllowed);
}

absl::string_view UnitScopeName(UnitScope scope) {
  switch (scope) {
    case UnitScope::kRoleOnly:
      return "ROLE_ONLY";
    case UnitScope::kOwnUnit:
      return "OWN_UNIT";
  }
  return "UNKNOWN_SCOPE";
}

}  // namespace cs::common
