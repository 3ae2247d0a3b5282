// Form F3 (网上申诉渠道登记表) as text, in the seed's order.
#include "services/channel-registry/domain/forms.h"

#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::channel {
namespace {

using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::StatusIs;

OnlineChannel Channel() {
  FilingForm form;
  form.unit_id = "broadband";
  form.filed_at = ShanghaiTime(2026, 4, 30, 9, 0);
  form.implementation = "Webmaster 信箱";
  form.kind = ChannelKind::kEmail;
  form.business_scope = "宽带业务咨询与申诉";
  form.address = "webmaster@sh.example.cn";
  form.capacity = "2 GB";
  form.service_time = "7*24小时每天2次";
  form.staffing = Staffing::kDedicated;
  form.assigned_staff = {"张三", "李四"};
  form.contact = {"王五", "021-58881234", "wangwu@example.cn"};
  form.remarks = "第一行\n第二行";
  OnlineChannel channel;
  channel.id = 5;
  channel.form_versions.push_back(form);
  form.filed_at = ShanghaiTime(2026, 5, 6, 10, 0);
  form.address = "service@sh.example.cn";
  form.staffing = Staffing::kRotating;
  form.remarks = "";
  channel.form_versions.push_back(form);
  return channel;
}

TEST(RenderFilingFormTest, C1_FormF3InTheSeedsOrderAndLabels) {
  absl::StatusOr<std::string> text =
      RenderFilingForm(Channel(), 1, "宽带中心", common::testing::ShanghaiTimeZone());
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(*text,
            "网上申诉渠道登记表 Online complaint channel filing\n"
            "========================================\n"
            "登记单位 Unit: 宽带中心\n"
            "登记日期 Filed: 2026-04-30\n"
            "实现方式 Implementation: Webmaster 信箱 (EMAIL 信箱)\n"
            "服务业务范围 Business scope: 宽带业务咨询与申诉\n"
            "地址 Address: webmaster@sh.example.cn\n"
            "容量大小 Capacity: 2 GB\n"
            "服务时间 Service time: 7*24小时每天2次\n"
            "处理人员配备情况 Staffing: 专人处理 (张三、李四)\n"
            "联系人及联系方式 Contact: 王五 021-58881234 wangwu@example.cn\n"
            "备注 Remarks:\n"
            "    第一行\n"
            "    第二行\n");
}

TEST(RenderFilingFormTest, C1_VersionZeroIsTheCurrentFormAndUnknownVersionsAreRefused) {
  const absl::TimeZone zone = common::testing::ShanghaiTimeZone();
  absl::StatusOr<std::string> current = RenderFilingForm(Channel(), 0, "", zone);
  ASSERT_TRUE(current.ok());
  EXPECT_EQ(*current, *RenderFilingForm(Channel(), 2, "", zone));
  EXPECT_THAT(*current, ::testing::HasSubstr("登记单位 Unit: broadband\n"));
  EXPECT_THAT(*current, ::testing::HasSubstr("地址 Address: service@sh.example.cn\n"));
  EXPECT_THAT(*current, ::testing::HasSubstr("处理人员配备情况 Staffing: 轮流处理 (张三、李四)\n"));
  EXPECT_THAT(*current, ::testing::EndsWith("备注 Remarks: \n"));
  EXPECT_THAT(RenderFilingForm(Channel(), 3, "", zone),
              StatusIs(absl::StatusCode::kInvalidArgument, ::testing::HasSubstr("form_version")));
  EXPECT_THAT(RenderFilingForm(Channel(), -1, "", zone),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace cs::channel
