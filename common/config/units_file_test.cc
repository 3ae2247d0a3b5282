#include "common/config/units_file.h"

#include <string>

#include "common/config/config_file.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

#ifndef CS_SOURCE_DIR
#error "CS_SOURCE_DIR must name the repository root"
#endif

namespace cs::common::config {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

TEST(UnitsFileTest, ShippedUnitsFileIsValid) {
  auto directory = LoadUnitDirectory(std::string(CS_SOURCE_DIR) + "/deploy/config/units.textproto");
  ASSERT_THAT(directory, IsOk());
  EXPECT_TRUE(directory->designated_unit().designated);
  EXPECT_NE(directory->cs_center(), nullptr);
  EXPECT_FALSE(directory->telecom_company().dispatch_address.empty());
}

TEST(UnitsFileTest, ErrorsNameLineAndField) {
  constexpr absl::string_view kText =
      R"pb(units { id: "a" name: "A" kind: CENTER designated: true }
           units { id: "A B" name: "" kind: CENTER }
           telecom_company { name: "T" dispatch_address: "t@example.com" }
      )pb";
  cs::config::v1::UnitsFile file;
  EXPECT_THAT(
      ParseConfigText("units.textproto", kText, &file,
                      [](const google::protobuf::Message& m) {
                        return ValidateUnitsFile(static_cast<const cs::config::v1::UnitsFile&>(m));
                      }),
      StatusIs(absl::StatusCode::kInvalidArgument,
               AllOf(HasSubstr("units.textproto:2: units[1].id"),
                     HasSubstr("units.textproto:2: units[1].name"))));
}

}  // namespace
}  // namespace cs::common::config
