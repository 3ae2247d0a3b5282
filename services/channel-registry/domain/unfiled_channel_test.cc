// C1, A3 7.7.1: channels found in use but not filed.
#include "services/channel-registry/domain/unfiled_channel.h"

#include "common/status/field_violations.h"
#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::channel {
namespace {

using ::cs::common::testing::ShanghaiTime;
using ::testing::UnorderedElementsAre;

TEST(UnfiledChannelTest, C1_AReportNeedsUnitKindAddressAndFinding) {
  const absl::Status status = NewUnfiledReport({}, "cs", ShanghaiTime(2026, 5, 6, 9, 0)).status();
  std::vector<std::string> fields;
  for (const common::FieldViolation& v : common::ViolationsOf(status)) fields.push_back(v.field);
  EXPECT_THAT(fields, UnorderedElementsAre("unit_id", "kind", "address", "finding"));
  absl::StatusOr<UnfiledChannel> bad_kind = NewUnfiledReport(
      {"broadband", ChannelKind::kFax, "x", "found"}, "cs", ShanghaiTime(2026, 5, 6, 9, 0));
  EXPECT_FALSE(bad_kind.ok());
  absl::StatusOr<UnfiledChannel> report = NewUnfiledReport(
      {"broadband", ChannelKind::kGuestbook, "https://bbs.example.cn/", "首页可见"}, "cs",
      ShanghaiTime(2026, 5, 6, 9, 0));
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->reported_by, "cs");
  EXPECT_EQ(report->filed_as_channel_id, 0);
}

TEST(UnfiledChannelTest, C1_ItCountsFromTheReportUntilTheUnitFilesThatAddress) {
  UnfiledChannel report;
  report.unit_id = "broadband";
  report.address = "https://BBS.example.cn/";
  report.reported_at = ShanghaiTime(2026, 4, 20, 9, 0);
  OnlineChannel channel;
  channel.unit_id = "broadband";
  FilingForm form;
  form.address = " https://bbs.example.cn";
  channel.form_versions.push_back(form);
  EXPECT_TRUE(Files(channel, report));
  channel.unit_id = "mobile";
  EXPECT_FALSE(Files(channel, report));

  const absl::Time may = ShanghaiTime(2026, 5, 1, 0, 0);
  const absl::Time june = ShanghaiTime(2026, 6, 1, 0, 0);
  EXPECT_TRUE(OpenDuring(report, may, june));
  EXPECT_FALSE(OpenDuring(report, ShanghaiTime(2026, 3, 1, 0, 0), ShanghaiTime(2026, 4, 1, 0, 0)));
  MarkFiled(report, 12, may);
  EXPECT_EQ(report.filed_as_channel_id, 12);
  MarkFiled(report, 13, june);
  EXPECT_EQ(report.filed_as_channel_id, 12);
  EXPECT_FALSE(OpenDuring(report, may, june));  // filed at the month's first instant
  EXPECT_TRUE(OpenDuring(report, ShanghaiTime(2026, 4, 1, 0, 0), may));
}

}  // namespace
}  // namespace cs::channel
