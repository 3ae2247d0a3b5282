#include "common/forms/f4_form.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

TEST(F4FormTest, V6_RendersEveryFieldOfTheForm) {
  absl::TimeZone shanghai;
  ASSERT_TRUE(absl::LoadTimeZone("Asia/Shanghai", &shanghai));
  F4Record record;
  record.overall_serial = 1024;
  record.month_serial = "2026-11 / 7";
  record.user_number = "U-88";
  record.user_name = "张三";
  record.contact_phone = "021-6000 1234";
  record.company = "某公司";
  record.address = "上海市浦东新区";
  record.postal_code = "200120";
  record.complained_at = absl::FromCivil(absl::CivilMinute(2026, 11, 2, 9, 30), shanghai);
  record.forwarded_at = absl::FromCivil(absl::CivilMinute(2026, 11, 2, 9, 50), shanghai);
  record.handling_deadline = absl::FromCivil(absl::CivilMinute(2026, 11, 9, 17, 30), shanghai);
  record.handling_department = "宽带业务中心";
  record.replied_to_user_at = absl::FromCivil(absl::CivilMinute(2026, 11, 3, 10, 0), shanghai);
  record.handler = "李四";
  record.complaint_text = "宽带断线\n多次";
  record.processor = "王五";
  record.reviewer = "赵六";
  const std::string expected =
      "质量监督电话记录表 Quality-supervision phone record\n"
      "========================================\n"
      "总编号 Overall No.: 1024\n"
      "本月编号 No. this month: 2026-11 / 7\n"
      "用户编号 User No.: U-88\n"
      "用户姓名 User name: 张三\n"
      "联系电话 Contact phone: 021-6000 1234\n"
      "单位 Company: 某公司\n"
      "联系地址 Address: 上海市浦东新区\n"
      "邮编 Postal code: 200120\n"
      "投诉日期 Complaint date: 2026-11-02 09:30\n"
      "转发日期 Forward date: 2026-11-02 09:50\n"
      "处理时限 Handling deadline: 2026-11-09 17:30\n"
      "处理部门 Handling department: 宽带业务中心\n"
      "答复用户日期 Replied to user: 2026-11-03 10:00\n"
      "回告时间 Call-back time: \n"
      "经办人 Handler: 李四\n"
      "投诉内容 Complaint:\n"
      "    宽带断线\n"
      "    多次\n"
      "处理人 Processor: 王五\n"
      "审核人 Reviewer: 赵六\n";
  EXPECT_EQ(RenderF4Form(record, shanghai), expected);
}

}  // namespace
}  // namespace cs::common
