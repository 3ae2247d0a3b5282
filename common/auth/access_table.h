// The declared access rules of one gRPC service: for each method, the roles that may call it and
// whether unit-scoped callers are limited to their own unit's resources (issue 16, "Access").
// Each service keeps its table beside its API (services/<name>/api/<name>_access.cc); the API
// admits a call by its rule before it reads the request (common/grpc/access_guard.h), the cores
// check the target's unit, and the e2e access test and the README's access matrix are held to the
// same table.
//
// A method without a rule is refused (fail closed), so an RPC added without one cannot be called
// and fails the e2e access walk.
//
// Plain values and pure functions (absl only): immutable after construction, thread-safe.
#ifndef CS_COMMON_AUTH_ACCESS_TABLE_H_
#define CS_COMMON_AUTH_ACCESS_TABLE_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/auth/principal.h"

namespace cs::common {

// What limits a unit-scoped role (DESIGNATED_UNIT, UNIT_STAFF, UNIT_MANAGER, ARCHIVIST) beyond its
// role. Roles that are not unit-scoped are never limited by a unit.
enum class UnitScope {
  // The role decides alone: no unit owns what the method touches (a catalog, a preview, the
  // designated unit's own queue), or the method checks the unit in another way its note names.
  kRoleOnly,
  // A unit-scoped caller acts only on resources of its own unit; the core checks the target's
  // unit and answers PERMISSION_DENIED for another unit's.
  kOwnUnit,
};

struct MethodRule {
  // The method's short name, as in the proto ("CreateTicket").
  std::string method;
  std::vector<Role> roles;
  UnitScope scope = UnitScope::kRoleOnly;
  // Anything the roles do not say (shown in the README's access matrix); empty when nothing.
  std::string note;
};

class AccessTable final {
 public:
  // `service` is the proto service's full name ("cs.intake.v1.IntakeService"). A method listed
  // twice, a rule without roles, a role that is not a Role, or OWN_UNIT on a rule that allows no
  // unit-scoped role is a programming error: the
  // constructor aborts, so a bad table never serves.
  AccessTable(std::string service, std::vector<MethodRule> rules);

  const std::string& service() const { return service_; }
  const std::vector<MethodRule>& rules() const { return rules_; }

  // The rule of `method` (short name), or nullptr.
  const MethodRule* Find(absl::string_view method) const;

  // OK when `caller`'s role may call `method`; PERMISSION_DENIED naming the method, the caller, its
  // role and the allowed roles otherwise — also for a method without a rule.
  absl::Status Admit(const Principal& caller, absl::string_view method) const;

 private:
  std::string service_;
  std::vector<MethodRule> rules_;
};

// "OWN_UNIT" / "ROLE_ONLY", as the README's matrix and the e2e test print them.
absl::string_view UnitScopeName(UnitScope scope);

}  // namespace cs::common

#endif  // CS_COMMON_AUTH_ACCESS_TABLE_H_
