#include "services/channel-registry/domain/forms.h"

#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/forms/form_text.h"
#include "common/status/field_violations.h"

namespace cs::channel {
namespace {

using common::forms::AppendBlock;
using common::forms::AppendLine;

// Free text: one line when it is one, a block when it spans several.
void AppendText(std::string& out, absl::string_view label, absl::string_view text) {
  if (absl::StrContains(text, '\n')) {
    AppendBlock(out, label, text);
  } else {
    AppendLine(out, label, text);
  }
}

absl::string_view KindLabel(ChannelKind kind) {
  switch (kind) {
    case ChannelKind::kEmail:
      return "EMAIL 信箱";
    case ChannelKind::kWebForm:
      return "网页表单";
    case ChannelKind::kGuestbook:
      return "留言簿";
    default:
      return "";
  }
}

std::string StaffingText(const FilingForm& form) {
  absl::string_view how;
  switch (form.staffing) {
    case Staffing::kDedicated:
      how = "专人处理";
      break;
    case Staffing::kRotating:
      how = "轮流处理";
      break;
    case Staffing::kUnspecified:
      break;
  }
  if (form.assigned_staff.empty()) return std::string(how);
  return absl::StrCat(how, " (", absl::StrJoin(form.assigned_staff, "、"), ")");
}

std::string ContactText(const ContactPerson& contact) {
  std::vector<absl::string_view> parts;
  for (absl::string_view part :
       {absl::string_view(contact.person), absl::string_view(contact.phone),
        absl::string_view(contact.email)}) {
    if (!part.empty()) parts.push_back(part);
  }
  return absl::StrJoin(parts, " ");
}

}  // namespace

absl::StatusOr<std::string> RenderFilingForm(const OnlineChannel& channel, int form_version,
                                             absl::string_view unit_name,
                                             absl::TimeZone time_zone) {
  const int versions = static_cast<int>(channel.form_versions.size());
  if (form_version < 0 || form_version > versions || versions == 0) {
    return common::InvalidField(
        "form_version", absl::StrCat("must be 0 (the current one) or 1 to ", versions, " for ",
                                     FormatChannelId(channel.id), ", not ", form_version));
  }
  const FilingForm& form =
      channel.form_versions[form_version == 0 ? versions - 1 : form_version - 1];
  std::string implementation = form.implementation;
  if (const absl::string_view kind = KindLabel(form.kind); !kind.empty()) {
    absl::StrAppend(&implementation, " (", kind, ")");
  }
  std::string out;
  common::forms::AppendTitle(out, "网上申诉渠道登记表 Online complaint channel filing");
  AppendLine(out, "登记单位 Unit", unit_name.empty() ? absl::string_view(form.unit_id) : unit_name);
  AppendLine(out, "登记日期 Filed", common::forms::FormatFormDate(form.filed_at, time_zone));
  AppendLine(out, "实现方式 Implementation", implementation);
  AppendText(out, "服务业务范围 Business scope", form.business_scope);
  AppendLine(out, "地址 Address", form.address);
  AppendLine(out, "容量大小 Capacity", form.capacity);
  AppendLine(out, "服务时间 Service time", form.service_time);
  AppendLine(out, "处理人员配备情况 Staffing", StaffingText(form));
  AppendLine(out, "联系人及联系方式 Contact", ContactText(form.contact));
  AppendText(out, "备注 Remarks", form.remarks);
  return out;
}

}  // namespace cs::channel
