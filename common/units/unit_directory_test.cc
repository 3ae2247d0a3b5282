#include "common/units/unit_directory.h"

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::StatusIs;
using ::testing::HasSubstr;

UnitInfo Unit(std::string id, bool designated = false, bool cs_center = false) {
  UnitInfo unit;
  unit.id = std::move(id);
  unit.name = unit.id;
  unit.designated = designated;
  unit.cs_center = cs_center;
  return unit;
}

TEST(UnitDirectoryTest, FindsUnitsAndRoles) {
  auto directory = UnitDirectory::Create({Unit("a"), Unit("csc", true, true), Unit("b")}, {});
  ASSERT_THAT(directory, IsOk());
  EXPECT_EQ(directory->Find("b")->id, "b");
  EXPECT_EQ(directory->Find("zz"), nullptr);
  EXPECT_EQ(directory->designated_unit().id, "csc");
  EXPECT_EQ(directory->cs_center()->id, "csc");
}

TEST(UnitDirectoryTest, RefusesDuplicateAndEmptyIds) {
  EXPECT_THAT(UnitDirectory::Create({Unit("a", true), Unit("a"), Unit("")}, {}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       ::testing::AllOf(HasSubstr("units[1].id"), HasSubstr("units[2].id"))));
}

TEST(UnitDirectoryTest, RequiresExactlyOneDesignatedUnit) {
  EXPECT_THAT(UnitDirectory::Create({Unit("a"), Unit("b")}, {}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("designated")));
  EXPECT_THAT(UnitDirectory::Create({Unit("a", true), Unit("b", true)}, {}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("found 2")));
}

}  // namespace
}  // namespace cs::common
