#include "common/forms/f4_form.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace cs::common {
namespace {

std::string FormatTime(const absl::optional<absl::Time>& time, absl::TimeZone zone) {
  return time.has_value() ? absl::FormatTime("%Y-%m-%d %H:%M", *time, zone) : "";
}

void Line(std::string& out, absl::string_view label, absl::string_view value) {
  absl::StrAppend(&out, label, ": ", value, "\n");
}

}  // namespace

std::string RenderF4Form(const F4Record& record, absl::TimeZone time_zone) {
  std::string out;
  absl::StrAppend(&out, "质量监督电话记录表 Quality-supervision phone record\n");
  absl::StrAppend(&out, "========================================\n");
  Line(out, "总编号 Overall No.",
       record.overall_serial > 0 ? absl::StrCat(record.overall_serial) : "");
  Line(out, "本月编号 No. this month", record.month_serial);
  Line(out, "用户编号 User No.", record.user_number);
  Line(out, "用户姓名 User name", record.user_name);
  Line(out, "联系电话 Contact phone", record.contact_phone);
  Line(out, "单位 Company", record.company);
  Line(out, "联系地址 Address", record.address);
  Line(out, "邮编 Postal code", record.postal_code);
  Line(out, "投诉日期 Complaint date", FormatTime(record.complained_at, time_zone));
  Line(out, "转发日期 Forward date", FormatTime(record.forwarded_at, time_zone));
  Line(out, "处理时限 Handling deadline", FormatTime(record.handling_deadline, time_zone));
  Line(out, "处理部门 Handling department", record.handling_department);
  Line(out, "答复用户日期 Replied to user", FormatTime(record.replied_to_user_at, time_zone));
  Line(out, "回告时间 Call-back time", FormatTime(record.callback_at, time_zone));
  Line(out, "经办人 Handler", record.handler);
  absl::StrAppend(&out, "投诉内容 Complaint:\n");
  for (absl::string_view line : absl::StrSplit(record.complaint_text, '\n')) {
    absl::StrAppend(&out, "    ", line, "\n");
  }
  Line(out, "处理人 Processor", record.processor);
  Line(out, "审核人 Reviewer", record.reviewer);
  return out;
}

}  // namespace cs::common
