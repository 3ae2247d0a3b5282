// Forms F1 and F2 as plain text: the seed's labels in the seed's order (H1, H2).
#include "services/hotline-registry/domain/forms.h"

#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::hotline {
namespace {

using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::ShanghaiTimeZone;

Hotline Registered() {
  Hotline hotline;
  hotline.id = 7;
  RegistrationForm& form = hotline.registration;
  form.unit_id = "broadband";
  form.filed_at = ShanghaiTime(2026, 3, 2, 10, 0);
  form.number = "021-5888 1234";
  for (int weekday = 1; weekday <= 5; ++weekday) {
    form.service_hours.periods.push_back({weekday, 9 * 60, 17 * 60 + 30});
  }
  form.service_hours.on_public_holidays = HolidayBehaviour::kClosed;
  form.established_on = ShanghaiTime(2026, 4, 1, 0, 0);
  form.audience = "宽带用户";
  form.description = "宽带业务咨询\n故障报修";
  form.charges = "免费";
  form.staffing = "专职 4 人";
  form.contact_a = {"张三", "021-5888 0001", "zhangsan@example.cn"};
  form.contact_b = {"李四", "13800138000", ""};
  form.handler = "王五";
  form.manager_signature = Signature{"赵经理", ShanghaiTime(2026, 3, 2, 11, 0)};
  return hotline;
}

TEST(FormsTest, H1_RendersFormF1FieldByFieldInTheSeedsOrder) {
  const std::string expected =
      "对外服务热线情况登记表 External service hotline registration\n"
      "========================================\n"
      "申报单位 Unit: 宽带业务中心\n"
      "申报时间 Filed: 2026-03-02 10:00\n"
      "热线号码 Number: 021-5888 1234\n"
      "服务时间 Service hours: 周一至周五 09:00–17:30; 节假日休息\n"
      "热线设立时间 Established: 2026-04-01\n"
      "服务对象 Audience: 宽带用户\n"
      "描述 Description:\n"
      "    宽带业务咨询\n"
      "    故障报修\n"
      "收费标准 Charges: 免费\n"
      "服务人员配备情况 Staffing: 专职 4 人\n"
      "联系人(A角) Contact A: 张三\n"
      "联系方式 Phone: 021-5888 0001 / zhangsan@example.cn\n"
      "联系人(B角) Contact B: 李四\n"
      "联系方式 Phone: 13800138000\n"
      "经办人 Handler: 王五\n"
      "二级经理签字 Manager's signature: 赵经理 2026-03-02 11:00\n"
      "备注 Remarks: \n";
  EXPECT_EQ(RenderRegistrationForm(Registered(), "宽带业务中心", ShanghaiTimeZone()), expected);
  // Without a name the unit id stands in; an unsigned form leaves the signature blank.
  Hotline unsigned_form = Registered();
  unsigned_form.registration.manager_signature.reset();
  const std::string text = RenderRegistrationForm(unsigned_form, "", ShanghaiTimeZone());
  EXPECT_THAT(text, ::testing::HasSubstr("申报单位 Unit: broadband\n"));
  EXPECT_THAT(text, ::testing::HasSubstr("二级经理签字 Manager's signature: \n"));
}

HotlineChange NumberChange() {
  HotlineChange change;
  change.change_id = "CH-3";
  ChangeForm& form = change.form;
  form.unit_id = "broadband";
  form.filed_at = ShanghaiTime(2026, 11, 2, 10, 0);
  form.number = "021-5888 1234";
  form.change_at = ShanghaiTime(2026, 11, 30, 9, 0);
  form.item = ChangeItem::kNumberChange;
  form.reason = "号码资源调整";
  form.handler = "王五";
  form.manager_signature = Signature{"赵经理", ShanghaiTime(2026, 11, 2, 11, 0)};
  form.new_number = "4008-888-888";
  form.transition_kind = TransitionKind::kVoicePrompt;
  form.transition_ends_at = ShanghaiTime(2027, 3, 1, 0, 0);
  change.state = ChangeState::kPendingApproval;
  return change;
}

TEST(FormsTest, H2_RendersFormF2WithTheCsCentersOpinionTicked) {
  HotlineChange change = NumberChange();
  const std::string undecided =
      "对外服务热线变更表 External service hotline change\n"
      "========================================\n"
      "申报单位 Unit: 宽带业务中心\n"
      "申报时间 Filed: 2026-11-02 10:00\n"
      "热线号码 Number: 021-5888 1234\n"
      "变更时间 Change time: 2026-11-30 09:00\n"
      "变更项目 Item: 改号 021-5888 1234 → 4008-888-888 (旧号码语音提示至 2027-03-01 00:00)\n"
      "变更原因 Reason: 号码资源调整\n"
      "经办人 Handler: 王五\n"
      "二级经理签字 Manager's signature: 赵经理 2026-11-02 11:00\n"
      "客服中心意见(加盖公章) CS-center opinion (seal): 同意( ) 不同意( )\n"
      "备注 Remarks: \n";
  EXPECT_EQ(RenderChangeForm(change, "宽带业务中心", ShanghaiTimeZone()), undecided);

  change.cs_center_opinion = Decision{true, "客服中心", ShanghaiTime(2026, 11, 3, 9, 0), ""};
  EXPECT_THAT(RenderChangeForm(change, "宽带业务中心", ShanghaiTimeZone()),
              ::testing::HasSubstr("CS-center opinion (seal): 同意(√) 不同意( ) 客服中心 "
                                   "2026-11-03 09:00\n"));
  change.cs_center_opinion = Decision{false, "客服中心", ShanghaiTime(2026, 11, 3, 9, 0), "未备案"};
  EXPECT_THAT(RenderChangeForm(change, "宽带业务中心", ShanghaiTimeZone()),
              ::testing::HasSubstr("同意( ) 不同意(√) 客服中心 2026-11-03 09:00 未备案\n"));

  HotlineChange cancel = NumberChange();
  cancel.form.item = ChangeItem::kCancellation;
  EXPECT_THAT(RenderChangeForm(cancel, "宽带业务中心", ShanghaiTimeZone()),
              ::testing::HasSubstr("变更项目 Item: 取消服务热线\n"));
}

}  // namespace
}  // namespace cs::hotline
