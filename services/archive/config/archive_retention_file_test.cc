// V2: the retention data file — never under 2 years, refused at start with its file and line.
#include "services/archive/config/archive_retention_file.h"

#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/config/sla_targets_file.h"
#include "common/config/units_file.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::archive {
namespace {

using ::cs::common::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

class ArchiveRetentionFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(
        units_, common::config::LoadUnitDirectory(CS_SOURCE_DIR "/deploy/config/units.textproto"));
    sla_ = common::config::WithDefaults({});
  }
  std::string Write(const std::string& text) {
    const std::string path =
        absl::StrCat(::testing::TempDir(), "/archive_retention_",
                     ::testing::UnitTest::GetInstance()->current_test_info()->name(), ".textproto");
    std::ofstream(path) << text;
    return path;
  }

  absl::StatusOr<common::UnitDirectory> units_ = absl::UnknownError("unset");
  cs::config::v1::SlaTargets sla_;
};

TEST_F(ArchiveRetentionFileTest, V2_TheShippedFileLoads) {
  ASSERT_OK_AND_ASSIGN(
      cs::config::v1::SlaTargets sla,
      common::config::LoadSlaTargets(CS_SOURCE_DIR "/deploy/config/sla_targets.textproto"));
  ASSERT_OK_AND_ASSIGN(
      RetentionConfig config,
      LoadArchiveRetention(CS_SOURCE_DIR "/deploy/config/archive_retention.textproto", *units_,
                           sla));
  EXPECT_EQ(config.minimum_months, 24);
  EXPECT_EQ(config.default_policy.months, 24);
  EXPECT_EQ(config.default_policy.source, RetentionSource::kFileDefault);
  ASSERT_TRUE(config.unit_policies.contains("idc"));
  EXPECT_EQ(config.unit_policies.at("idc").months, 36);
  EXPECT_EQ(config.unit_policies.at("idc").source, RetentionSource::kFileUnit);
  EXPECT_FALSE(config.unit_policies.at("idc").note.empty());
}

TEST_F(ArchiveRetentionFileTest, V2_ShorterThanTwoYearsIsRefusedWithFileLineAndField) {
  const std::string path = Write(
      "default_retention { years: 2 }\n"
      "units {\n"
      "  unit_id: \"broadband\"\n"
      "  retention { months: 23 }\n"
      "}\n");
  EXPECT_THAT(LoadArchiveRetention(path, *units_, sla_),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("archive_retention_V2_ShorterThanTwoYears"),
                             HasSubstr(":4: units[0].retention"), HasSubstr("A1 7.3.1"))));
  EXPECT_THAT(LoadArchiveRetention(Write("default_retention { years: 1 }\n"), *units_, sla_),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr(":1: default_retention"), HasSubstr("2 years"))));
}

TEST_F(ArchiveRetentionFileTest, V2_OnlyMonthsOrYearsForKnownUnitsListedOnce) {
  const std::string path = Write(
      "units { unit_id: \"nowhere\" retention { years: 3 } }\n"
      "units { unit_id: \"idc\" retention { working_days: 800 } }\n"
      "units { unit_id: \"idc\" retention { years: 3 } }\n"
      "units { unit_id: \"portal\" }\n");
  absl::Status status = LoadArchiveRetention(path, *units_, sla_).status();
  EXPECT_THAT(status,
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr(":1: units[0].unit_id"), HasSubstr(":2: units[1].retention"),
                             HasSubstr("months or years"), HasSubstr(":3: units[2].unit_id"),
                             HasSubstr("twice"), HasSubstr("units[3].retention: is required"))));
}

TEST_F(ArchiveRetentionFileTest, V2_AStricterSlaFigureRaisesTheMinimum) {
  cs::config::v1::SlaTargets sla = sla_;
  sla.mutable_archive_retention()->set_years(3);
  EXPECT_THAT(LoadArchiveRetention(Write("default_retention { months: 30 }\n"), *units_, sla),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("3 years")));
  ASSERT_OK_AND_ASSIGN(RetentionConfig config, LoadArchiveRetention(Write(""), *units_, sla));
  EXPECT_EQ(config.minimum_months, 36);
  EXPECT_EQ(config.default_policy.months, 36);
  EXPECT_EQ(config.default_policy.source, RetentionSource::kSlaTargets);
}

TEST_F(ArchiveRetentionFileTest, AMissingFileIsNotFound) {
  EXPECT_THAT(LoadArchiveRetention("/nonexistent/archive_retention.textproto", *units_, sla_),
              StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace cs::archive
