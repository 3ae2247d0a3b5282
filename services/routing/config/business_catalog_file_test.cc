// The business catalog data file (SPEC R5): the shipped file loads against the shipped units, and a
// bad file is refused naming its file, line and field.
#include "services/routing/config/business_catalog_file.h"

#include <fstream>

#include "absl/strings/str_cat.h"
#include "common/config/units_file.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::routing {
namespace {

using ::cs::common::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

std::string ConfigPath(absl::string_view name) {
  return absl::StrCat(CS_SOURCE_DIR, "/deploy/config/", name);
}

common::UnitDirectory ShippedUnits() {
  absl::StatusOr<common::UnitDirectory> units =
      common::config::LoadUnitDirectory(ConfigPath("units.textproto"));
  EXPECT_TRUE(units.ok()) << units.status();
  return *std::move(units);
}

TEST(BusinessCatalogFileTest, R5_TheShippedCatalogLoadsAndSuggestsEachPath) {
  const common::UnitDirectory units = ShippedUnits();
  ASSERT_OK_AND_ASSIGN(BusinessCatalog catalog,
                       LoadBusinessCatalog(ConfigPath("business_catalog.textproto"), units));
  ForwardedTicket ticket;
  ticket.problem = "家里宽带经常断网";
  ticket.device_number = "02112345678";
  ticket.contact_phone = "13800000000";
  ticket.contact_person = "张三";
  const std::string& designated = units.designated_unit().id;
  EXPECT_EQ(catalog.Suggest(ticket, designated).decision, Decision::kInternalDispatch);
  EXPECT_EQ(catalog.Suggest(ticket, designated).unit_id, "broadband");
  ticket.problem = "请问宽带套餐资费是多少";
  ticket.business_line = "general";
  EXPECT_EQ(catalog.Suggest(ticket, designated).decision, Decision::kDirectReply);
  ticket.business_line.clear();
  ticket.problem = "家里固话没有拨号音";
  EXPECT_EQ(catalog.Suggest(ticket, designated).decision, Decision::kEscalateToTelecom);
  ticket.problem = "这个月的电费太高了";
  EXPECT_EQ(catalog.Suggest(ticket, designated).decision, Decision::kReturn);
  // Every department line names a unit that lists the line among its business lines, where the
  // units file says which lines a unit has.
  for (const BusinessLine& line : catalog.lines()) {
    if (line.owner != BusinessOwner::kDepartmentUnit) continue;
    const common::UnitInfo* unit = units.Find(line.unit_id);
    ASSERT_NE(unit, nullptr) << line.id;
    EXPECT_THAT(unit->business_lines, ::testing::Contains(line.id)) << line.id;
  }
}

TEST(BusinessCatalogFileTest, R5_ABadFileIsRefusedWithFileLineAndField) {
  const std::string path = absl::StrCat(::testing::TempDir(), "/bad_catalog.textproto");
  std::ofstream(path) << "lines {\n"
                         "  id: \"broadband\"\n"
                         "  name: \"宽带\"\n"
                         "  owner: DEPARTMENT_UNIT\n"
                         "  unit_id: \"nowhere\"\n"
                         "}\n"
                         "lines {\n"
                         "  id: \"mobile\"\n"
                         "  name: \"移动\"\n"
                         "  keywords: \"手机\"\n"
                         "  keywords: \"手机\"\n"
                         "  owner: TELECOM_COMPANY\n"
                         "  designated_unit_may_answer: true\n"
                         "}\n"
                         "lines { id: \"Bad Id\" name: \"x\" }\n";
  EXPECT_THAT(
      LoadBusinessCatalog(path, ShippedUnits()),
      StatusIs(absl::StatusCode::kInvalidArgument,
               AllOf(HasSubstr("bad_catalog.textproto:5: lines[0].unit_id"),
                     HasSubstr("bad_catalog.textproto:11: lines[1].keywords[1]"),
                     HasSubstr("bad_catalog.textproto:13: lines[1].designated_unit_may_answer"),
                     HasSubstr("lines[2].id"), HasSubstr("lines[2].owner"))));
  EXPECT_THAT(LoadBusinessCatalog(absl::StrCat(path, ".missing"), ShippedUnits()),
              StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace cs::routing
