#include "common/auth/principal.h"

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

Principal Of(Role role, std::string unit = "") { return Principal{"alice", role, std::move(unit)}; }

TEST(RoleTest, NamesRoundTripForEveryRole) {
  for (Role role : kAllRoles) {
    const std::string name = RoleName(role);
    EXPECT_THAT(ParseRole(name), IsOkAndHolds(role)) << name;
    EXPECT_THAT(ParseRole("ROLE_" + name), IsOkAndHolds(role)) << name;
  }
}

TEST(RoleTest, SpecNames) {
  EXPECT_EQ(RoleName(Role::kCsCenter), "CS_CENTER");
  EXPECT_EQ(RoleName(Role::kDesignatedUnit), "DESIGNATED_UNIT");
  EXPECT_EQ(RoleName(Role::kUnitStaff), "UNIT_STAFF");
  EXPECT_EQ(RoleName(Role::kUnitManager), "UNIT_MANAGER");
  EXPECT_EQ(RoleName(Role::kArchivist), "ARCHIVIST");
  EXPECT_EQ(RoleName(Role::kOffice), "OFFICE");
  EXPECT_EQ(RoleName(Role::kService), "SERVICE");
  EXPECT_EQ(RoleName(Role{}), "UNKNOWN_ROLE(0)");
}

TEST(RoleTest, ParseRejectsUnknownAndWrongCase) {
  EXPECT_THAT(ParseRole("JANITOR"), StatusIs(absl::StatusCode::kInvalidArgument,
                                             AllOf(HasSubstr("JANITOR"), HasSubstr("UNIT_STAFF"))));
  EXPECT_THAT(ParseRole("unit_staff"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseRole(""), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseRole("ROLE_UNSPECIFIED"), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(RequireRoleTest, EveryRoleIsAllowedWhenListedAndDeniedOtherwise) {
  for (Role role : kAllRoles) {
    EXPECT_THAT(RequireRole(Of(role), {role}), IsOk()) << RoleName(role);
    for (Role other : kAllRoles) {
      if (other == role) continue;
      EXPECT_THAT(RequireRole(Of(role), {other}), StatusIs(absl::StatusCode::kPermissionDenied))
          << RoleName(role) << " vs " << RoleName(other);
    }
  }
}

TEST(RequireRoleTest, DenialNamesUserRoleAndAllowedRoles) {
  EXPECT_THAT(RequireRole(Of(Role::kOffice), {Role::kUnitStaff, Role::kUnitManager}),
              StatusIs(absl::StatusCode::kPermissionDenied,
                       AllOf(HasSubstr("alice"), HasSubstr("OFFICE"), HasSubstr("UNIT_STAFF"),
                             HasSubstr("UNIT_MANAGER"))));
}

TEST(RequireRoleTest, EmptyListAndNoRoleAreDenied) {
  EXPECT_THAT(RequireRole(Of(Role::kCsCenter), {}), StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(RequireRole(Of(Role{}), {Role::kCsCenter, Role::kService}),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(RequireRole(Of(static_cast<Role>(99)), {Role::kCsCenter}),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("UNKNOWN_ROLE(99)")));
}

TEST(RequireUnitTest, ScopeTable) {
  EXPECT_FALSE(IsUnitScoped(Role::kCsCenter));
  EXPECT_FALSE(IsUnitScoped(Role::kOffice));
  EXPECT_FALSE(IsUnitScoped(Role::kService));
  EXPECT_TRUE(IsUnitScoped(Role::kDesignatedUnit));
  EXPECT_TRUE(IsUnitScoped(Role::kUnitStaff));
  EXPECT_TRUE(IsUnitScoped(Role::kUnitManager));
  EXPECT_TRUE(IsUnitScoped(Role::kArchivist));
  EXPECT_TRUE(IsUnitScoped(Role{}));
}

TEST(RequireUnitTest, UnitScopedRolesActOnlyForTheirOwnUnit) {
  for (Role role :
       {Role::kDesignatedUnit, Role::kUnitStaff, Role::kUnitManager, Role::kArchivist}) {
    EXPECT_THAT(RequireUnit(Of(role, "broadband"), "broadband"), IsOk()) << RoleName(role);
    EXPECT_THAT(RequireUnit(Of(role, "broadband"), "idc"),
                StatusIs(absl::StatusCode::kPermissionDenied,
                         AllOf(HasSubstr("alice"), HasSubstr("broadband"), HasSubstr("idc"))))
        << RoleName(role);
    // A unit-scoped principal without a unit matches nothing, not even an empty unit id.
    EXPECT_THAT(RequireUnit(Of(role, ""), ""), StatusIs(absl::StatusCode::kPermissionDenied))
        << RoleName(role);
    EXPECT_THAT(RequireUnit(Of(role, "broadband"), ""),
                StatusIs(absl::StatusCode::kPermissionDenied))
        << RoleName(role);
  }
}

TEST(RequireUnitTest, DepartmentWideRolesActOnEveryUnit) {
  for (Role role : {Role::kCsCenter, Role::kOffice, Role::kService}) {
    EXPECT_THAT(RequireUnit(Of(role), "broadband"), IsOk()) << RoleName(role);
    EXPECT_THAT(RequireUnit(Of(role), "idc"), IsOk()) << RoleName(role);
  }
}

TEST(RequireUnitTest, NoRoleIsDenied) {
  EXPECT_THAT(RequireUnit(Of(Role{}, "broadband"), "broadband"),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

}  // namespace
}  // namespace cs::common
