#include "common/auth/access_table.h"

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

AccessTable SampleTable() {
  return AccessTable("cs.sample.v1.SampleService",
                     {{"Read", {Role::kCsCenter, Role::kUnitStaff}, UnitScope::kOwnUnit, ""},
                      {"Feed", {Role::kService}, UnitScope::kRoleOnly, "peers only"}});
}

TEST(AccessTableTest, AdmitsEveryListedRoleAndRefusesEveryOther) {
  const AccessTable table = SampleTable();
  for (Role role : kAllRoles) {
    const absl::Status admitted = table.Admit(Principal{"u", role, "broadband"}, "Read");
    if (role == Role::kCsCenter || role == Role::kUnitStaff) {
      EXPECT_THAT(admitted, IsOk()) << RoleName(role);
    } else {
      EXPECT_THAT(admitted, StatusIs(absl::StatusCode::kPermissionDenied,
                                     AllOf(HasSubstr(RoleName(role)), HasSubstr("Read"),
                                           HasSubstr("CS_CENTER, UNIT_STAFF"))))
          << RoleName(role);
    }
  }
}

TEST(AccessTableTest, MethodWithoutRuleIsRefusedForEveryRole) {
  const AccessTable table = SampleTable();
  for (Role role : kAllRoles) {
    EXPECT_THAT(table.Admit(Principal{"u", role, ""}, "Delete"),
                StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("no access rule")));
  }
}

TEST(AccessTableTest, ValueThatIsNoRoleIsRefused) {
  EXPECT_THAT(SampleTable().Admit(Principal{"u", Role{}, ""}, "Read"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(SampleTable().Admit(Principal{"u", static_cast<Role>(42), ""}, "Read"),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST(AccessTableTest, FindsRulesByShortName) {
  const AccessTable table = SampleTable();
  ASSERT_NE(table.Find("Feed"), nullptr);
  EXPECT_EQ(table.Find("Feed")->note, "peers only");
  EXPECT_EQ(table.Find("/cs.sample.v1.SampleService/Feed"), nullptr);
  EXPECT_EQ(UnitScopeName(table.Find("Read")->scope), "OWN_UNIT");
}

TEST(AccessTableDeathTest, DuplicateMethodOrEmptyRoleListAborts) {
  EXPECT_DEATH(AccessTable("s", {{"A", {Role::kCsCenter}, UnitScope::kRoleOnly, ""},
                                 {"A", {Role::kOffice}, UnitScope::kRoleOnly, ""}}),
               "A is listed twice");
  EXPECT_DEATH(AccessTable("s", {{"A", {}, UnitScope::kRoleOnly, ""}}), "A allows no role");
  EXPECT_DEATH(AccessTable("s", {{"A", {static_cast<Role>(0)}, UnitScope::kRoleOnly, ""}}),
               "not a role");
  EXPECT_DEATH(AccessTable("s", {{"A", {Role::kCsCenter}, UnitScope::kOwnUnit, ""}}),
               "A is OWN_UNIT but allows no unit-scoped role");
}

}  // namespace
}  // namespace cs::common
