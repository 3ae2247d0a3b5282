// Who is calling, and the two checks every RPC makes on it: may this role call at all
// (RequireRole), and may it act on this unit's resource (RequireUnit). Roles are the actors of SPEC
// "Actors".
//
// Unit scope — exactly who is scoped:
//   unit-scoped (act only for their own `unit_id`, which they must have):
//     DESIGNATED_UNIT, UNIT_STAFF, UNIT_MANAGER, ARCHIVIST
//   not unit-scoped (department-wide or internal; they carry no unit):
//     CS_CENTER, OFFICE, SERVICE
// A value-initialized Role (0), or any other number that is not a role, passes no RequireRole and
// no RequireUnit check (fail closed).
//
// Plain values and pure functions (absl only, no gRPC): thread-safe; usable from domain code and
// tests.
#ifndef CS_COMMON_AUTH_PRINCIPAL_H_
#define CS_COMMON_AUTH_PRINCIPAL_H_

#include <initializer_list>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cs::common {

// The numbers mirror cs.common.v1.Role so a conversion is a checked cast, never a lookup table to
// keep in sync; 0 is deliberately not a role.
enum class Role : int {
  kCsCenter = 1,
  kDesignatedUnit = 2,
  kUnitStaff = 3,
  kUnitManager = 4,
  kArchivist = 5,
  kOffice = 6,
  kService = 7,
};

// Every role, in declaration order (for tests and documentation tables).
inline constexpr Role kAllRoles[] = {Role::kCsCenter,    Role::kDesignatedUnit, Role::kUnitStaff,
                                     Role::kUnitManager, Role::kArchivist,      Role::kOffice,
                                     Role::kService};

// The SPEC name of the role ("CS_CENTER", "UNIT_STAFF", ...); "UNKNOWN_ROLE(<n>)" for a value that
// is not a role.
std::string RoleName(Role role);

// Parses a SPEC name ("UNIT_STAFF"); the proto spelling ("ROLE_UNIT_STAFF") is accepted too. Exact
// case. INVALID_ARGUMENT naming the text and the valid names otherwise.
absl::StatusOr<Role> ParseRole(absl::string_view name);

// True when the role may only act for its own unit (see the table at the top of this file).
bool IsUnitScoped(Role role);

// The authenticated caller.
struct Principal {
  // As it appears in logs and audit rows; never a secret.
  std::string user;
  Role role{};
  // The unit the principal acts for; empty for roles that are not unit-scoped.
  std::string unit_id;
};

// OK when `principal.role` is one of `allowed`; otherwise PERMISSION_DENIED naming the user, their
// role and every allowed role.
absl::Status RequireRole(const Principal& principal, std::initializer_list<Role> allowed);

// OK when the principal may act on a resource of unit `unit_id`: always for roles that are not
// unit-scoped; for unit-scoped roles only when `unit_id` is the principal's own (non-empty) unit.
// PERMISSION_DENIED naming the user, their unit and the unit asked for otherwise.
absl::Status RequireUnit(const Principal& principal, absl::string_view unit_id);

}  // namespace cs::common

#endif  // CS_COMMON_AUTH_PRINCIPAL_H_
