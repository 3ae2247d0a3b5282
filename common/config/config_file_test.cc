#include "common/config/config_file.h"

#include <cstdio>
#include <fstream>

#include "common/testing/status_matchers.h"
#include "cs/config/v1/calendar.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common::config {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

constexpr absl::string_view kCalendar = R"pb(current_version: "v1"
                                             versions {
                                               version: "v1"
                                               holidays { date: "2026-01-01" }
                                               holidays { date: "2026-13-01" }
                                             }
)pb";

FieldViolations CheckDates(const google::protobuf::Message& message) {
  const auto& file = static_cast<const cs::config::v1::WorkingCalendarFile&>(message);
  FieldViolations violations;
  for (int v = 0; v < file.versions_size(); ++v) {
    for (int h = 0; h < file.versions(v).holidays_size(); ++h) {
      if (file.versions(v).holidays(h).date() == "2026-13-01") {
        violations.Add(absl::StrCat("versions[", v, "].holidays[", h, "].date"), "no month 13");
      }
    }
  }
  return violations;
}

TEST(ConfigFileTest, ParsesValidText) {
  cs::config::v1::WorkingCalendarFile file;
  EXPECT_THAT(ParseConfigText("cal.textproto", kCalendar, &file), IsOk());
  EXPECT_EQ(file.versions(0).holidays_size(), 2);
}

TEST(ConfigFileTest, SyntaxErrorNamesFileLineAndField) {
  cs::config::v1::WorkingCalendarFile file;
  EXPECT_THAT(
      ParseConfigText("cal.textproto", "current_version: \"v1\"\nversions { holyday: 1 }\n", &file),
      StatusIs(absl::StatusCode::kInvalidArgument,
               AllOf(HasSubstr("cal.textproto:2:"), HasSubstr("holyday"))));
}

TEST(ConfigFileTest, ValidatorViolationNamesLineOfTheField) {
  cs::config::v1::WorkingCalendarFile file;
  EXPECT_THAT(ParseConfigText("cal.textproto", kCalendar, &file, CheckDates),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("cal.textproto:5: versions[0].holidays[1].date: no month 13")));
}

TEST(ConfigFileTest, MissingFileIsNotFound) {
  cs::config::v1::WorkingCalendarFile file;
  EXPECT_THAT(LoadConfigFile("/nonexistent/cal.textproto", &file),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("/nonexistent/cal.textproto")));
}

TEST(ConfigFileTest, TypedLoaderReadsAFile) {
  const std::string path = ::testing::TempDir() + "/config_file_test.textproto";
  std::ofstream(path) << kCalendar;
  auto loaded = LoadConfigFile<cs::config::v1::WorkingCalendarFile>(path);
  ASSERT_THAT(loaded, IsOk());
  EXPECT_EQ(loaded->current_version(), "v1");
  auto refused = LoadConfigFile<cs::config::v1::WorkingCalendarFile>(
      path, [](const cs::config::v1::WorkingCalendarFile& m) { return CheckDates(m); });
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(":5:")));
  std::remove(path.c_str());
}

}  // namespace
}  // namespace cs::common::config
