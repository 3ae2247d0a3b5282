#include "common/units/unit_scope.h"

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::StatusIs;
using ::testing::HasSubstr;

UnitDirectory TwoUnits() {
  UnitInfo a;
  a.id = a.name = "broadband";
  UnitInfo b;
  b.id = b.name = "portal";
  b.designated = b.cs_center = true;
  return *UnitDirectory::Create({a, b}, {});
}

TEST(UnitScopeTest, AUnitScopedRoleGetsItsOwnUnitAndNoOther) {
  const UnitDirectory units = TwoUnits();
  const Principal staff{"bb-staff", Role::kUnitStaff, "broadband"};
  std::string unit_id;
  EXPECT_THAT(ScopeToUnit(staff, units, unit_id, "unit_id"), IsOk());
  EXPECT_EQ(unit_id, "broadband");
  std::string other = "portal";
  EXPECT_THAT(ScopeToUnit(staff, units, other, "unit_id"),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST(UnitScopeTest, ReadersOfEveryUnitMayNameAnyKnownUnitOrNone) {
  const UnitDirectory units = TwoUnits();
  const Principal center{"center", Role::kCsCenter, ""};
  std::string every;
  EXPECT_THAT(ScopeToUnit(center, units, every, "unit_id"), IsOk());
  EXPECT_EQ(every, "");
  std::string portal = "portal";
  EXPECT_THAT(ScopeToUnit(center, units, portal, "unit_id"), IsOk());
  std::string unknown = "nowhere";
  EXPECT_THAT(ScopeToUnit(center, units, unknown, "filter.unit_id"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("filter.unit_id")));
}

}  // namespace
}  // namespace cs::common
