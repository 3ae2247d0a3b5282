#include "common/forms/f4_form.h"

#include "absl/strings/str_cat.h"
#include "common/forms/form_text.h"

namespace cs::common {
std::string RenderF4Form(const F4Record& record, absl::TimeZone time_zone) {
  using forms::AppendLine;
  using forms::FormatFormTime;
  std::string out;
  forms::AppendTitle(out, "质量监督电话记录表 Quality-supervision phone record");
  AppendLine(out, "总编号 Overall No.",
             record.overall_serial > 0 ? absl::StrCat(record.overall_serial) : "");
  AppendLine(out, "本月编号 No. this month", record.month_serial);
  AppendLine(out, "用户编号 User No.", record.user_number);
  AppendLine(out, "用户姓名 User name", record.user_name);
  AppendLine(out, "联系电话 Contact phone", record.contact_phone);
  AppendLine(out, "单位 Company", record.company);
  AppendLine(out, "联系地址 Address", record.address);
  AppendLine(out, "邮编 Postal code", record.postal_code);
  AppendLine(out, "投诉日期 Complaint date", FormatFormTime(record.complained_at, time_zone));
  AppendLine(out, "转发日期 Forward date", FormatFormTime(record.forwarded_at, time_zone));
  AppendLine(out, "处理时限 Handling deadline",
             FormatFormTime(record.handling_deadline, time_zone));
  AppendLine(out, "处理部门 Handling department", record.handling_department);
  AppendLine(out, "答复用户日期 Replied to user",
             FormatFormTime(record.replied_to_user_at, time_zone));
  AppendLine(out, "回告时间 Call-back time", FormatFormTime(record.callback_at, time_zone));
  AppendLine(out, "经办人 Handler", record.handler);
  forms::AppendBlock(out, "投诉内容 Complaint", record.complaint_text);
  AppendLine(out, "处理人 Processor", record.processor);
  AppendLine(out, "审核人 Reviewer", record.reviewer);
  return out;
}

}  // namespace cs::common
