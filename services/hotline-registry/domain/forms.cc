#include "services/hotline-registry/domain/forms.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/forms/form_text.h"

namespace cs::hotline {
namespace {

using common::forms::AppendBlock;
using common::forms::AppendLine;
using common::forms::FormatFormDate;
using common::forms::FormatFormTime;

// Free text: one line when it is one, a block when it spans several.
void AppendText(std::string& out, absl::string_view label, absl::string_view text) {
  if (absl::StrContains(text, '\n')) {
    AppendBlock(out, label, text);
  } else {
    AppendLine(out, label, text);
  }
}

std::string Phone(const ContactPerson& contact) {
  if (contact.email.empty()) return contact.phone;
  if (contact.phone.empty()) return contact.email;
  return absl::StrCat(contact.phone, " / ", contact.email);
}

std::string SignatureText(const absl::optional<Signature>& signature, absl::TimeZone zone) {
  if (!signature.has_value()) return "";
  return absl::StrCat(signature->signed_by, " ", FormatFormTime(signature->signed_at, zone));
}

absl::string_view TransitionLabel(TransitionKind kind) {
  switch (kind) {
    case TransitionKind::kVoicePrompt:
      return "语音提示";
    case TransitionKind::kAutomaticTransfer:
      return "自动转接";
    case TransitionKind::kUnspecified:
      break;
  }
  return "";
}

std::string ItemText(const ChangeForm& form, absl::TimeZone zone) {
  switch (form.item) {
    case ChangeItem::kNumberChange:
      return absl::StrCat("改号 ", form.number, " → ", form.new_number, " (旧号码",
                          TransitionLabel(form.transition_kind), "至 ",
                          FormatFormTime(form.transition_ends_at, zone), ")");
    case ChangeItem::kCancellation:
      return "取消服务热线";
    case ChangeItem::kServiceHours:
      return absl::StrCat("服务时间 ",
                          form.service_hours ? DescribeServiceHours(*form.service_hours) : "");
    case ChangeItem::kOther:
      return "其他变更";
    case ChangeItem::kUnspecified:
      break;
  }
  return "";
}

}  // namespace

std::string RenderRegistrationForm(const Hotline& hotline, absl::string_view unit_name,
                                   absl::TimeZone time_zone) {
  const RegistrationForm& form = hotline.registration;
  std::string out;
  common::forms::AppendTitle(out, "对外服务热线情况登记表 External service hotline registration");
  AppendLine(out, "申报单位 Unit", unit_name.empty() ? absl::string_view(form.unit_id) : unit_name);
  AppendLine(out, "申报时间 Filed", FormatFormTime(form.filed_at, time_zone));
  AppendLine(out, "热线号码 Number", form.number);
  AppendLine(out, "服务时间 Service hours", DescribeServiceHours(form.service_hours));
  AppendLine(out, "热线设立时间 Established", FormatFormDate(form.established_on, time_zone));
  AppendText(out, "服务对象 Audience", form.audience);
  AppendText(out, "描述 Description", form.description);
  AppendText(out, "收费标准 Charges", form.charges);
  AppendText(out, "服务人员配备情况 Staffing", form.staffing);
  AppendLine(out, "联系人(A角) Contact A", form.contact_a.person);
  AppendLine(out, "联系方式 Phone", Phone(form.contact_a));
  AppendLine(out, "联系人(B角) Contact B", form.contact_b.person);
  AppendLine(out, "联系方式 Phone", Phone(form.contact_b));
  AppendLine(out, "经办人 Handler", form.handler);
  AppendLine(out, "二级经理签字 Manager's signature",
             SignatureText(form.manager_signature, time_zone));
  AppendText(out, "备注 Remarks", form.remarks);
  return out;
}

std::string RenderChangeForm(const HotlineChange& change, absl::string_view unit_name,
                             absl::TimeZone time_zone) {
  const ChangeForm& form = change.form;
  std::string out;
  common::forms::AppendTitle(out, "对外服务热线变更表 External service hotline change");
  AppendLine(out, "申报单位 Unit", unit_name.empty() ? absl::string_view(form.unit_id) : unit_name);
  AppendLine(out, "申报时间 Filed", FormatFormTime(form.filed_at, time_zone));
  AppendLine(out, "热线号码 Number", form.number);
  AppendLine(out, "变更时间 Change time", FormatFormTime(form.change_at, time_zone));
  AppendLine(out, "变更项目 Item", ItemText(form, time_zone));
  AppendText(out, "变更原因 Reason", form.reason);
  AppendLine(out, "经办人 Handler", form.handler);
  AppendLine(out, "二级经理签字 Manager's signature",
             SignatureText(form.manager_signature, time_zone));
  // 同意() 不同意(): the box of the CS center's decision is ticked, then who decided, when, why.
  std::string opinion = "同意( ) 不同意( )";
  if (change.cs_center_opinion.has_value()) {
    const Decision& decision = *change.cs_center_opinion;
    opinion =
        absl::StrCat(decision.approved ? "同意(√) 不同意( )" : "同意( ) 不同意(√)", " ",
                     decision.decided_by, " ", FormatFormTime(decision.decided_at, time_zone));
    if (!decision.reason.empty()) absl::StrAppend(&opinion, " ", decision.reason);
  }
  AppendLine(out, "客服中心意见(加盖公章) CS-center opinion (seal)", opinion);
  AppendText(out, "备注 Remarks", form.remarks);
  return out;
}

}  // namespace cs::hotline
