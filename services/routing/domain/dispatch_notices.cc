#include "services/routing/domain/dispatch_notices.h"

#include "absl/strings/str_cat.h"

namespace cs::routing {
namespace {

absl::string_view KindNameZh(TicketKind kind) {
  switch (kind) {
    case TicketKind::kConsultation:
      return "咨询";
    case TicketKind::kComplaint:
      return "投诉";
    case TicketKind::kFaultReport:
      return "故障申告";
    case TicketKind::kUnspecified:
      break;
  }
  return "未分类";
}

std::string LocalTime(absl::Time time, absl::TimeZone zone) {
  return absl::FormatTime("%Y-%m-%d %H:%M", time, zone);
}

// "<unit>-<YYYY-MM>-<n>": the unit's own reference of the ticket (F4 本月编号).
std::string TicketReference(const ForwardedTicket& ticket) {
  return absl::StrCat(ticket.origin_unit_id, "-", ticket.serial_month, "-", ticket.month_serial,
                      "（总编号 ", ticket.overall_serial, "）");
}

void AppendLine(std::string& text, absl::string_view label, absl::string_view value) {
  if (value.empty()) return;
  absl::StrAppend(&text, label, "：", value, "\n");
}

}  // namespace

Letter TelecomDispatchNotice(const RoutedTicket& routed, absl::string_view origin_unit_name,
                             absl::string_view designated_unit_name, absl::Time acknowledge_by,
                             absl::TimeZone zone) {
  const ForwardedTicket& t = routed.ticket;
  Letter letter;
  letter.subject = absl::StrCat("首问责任制工单转派：", TicketReference(t));
  std::string& text = letter.text;
  absl::StrAppend(&text, "经", designated_unit_name,
                  "判断，以下用户申诉属电信公司业务范围，现按公司规定转派贵公司处理。\n\n");
  AppendLine(text, "工单", TicketReference(t));
  AppendLine(text, "受理单位", origin_unit_name);
  AppendLine(text, "类别", KindNameZh(t.kind));
  AppendLine(text, "用户问题", t.problem);
  AppendLine(text, "设备号码", t.device_number);
  AppendLine(text, "联系电话", t.contact_phone);
  AppendLine(text, "联系人", t.contact_person);
  AppendLine(text, "用户号码", t.user_number);
  AppendLine(text, "用户名称", t.user_name);
  AppendLine(text, "单位", t.company);
  AppendLine(text, "地址", t.address);
  AppendLine(text, "邮编", t.postal_code);
  AppendLine(text, "电子邮箱", t.email);
  if (t.special_request) {
    AppendLine(text, "用户特殊要求",
               t.special_request_note.empty() ? "是" : t.special_request_note);
  }
  AppendLine(text, "受理时间", LocalTime(t.intake_received_at, zone));
  absl::StrAppend(&text, "\n请于", LocalTime(acknowledge_by, zone), "前确认收到。\n\n",
                  designated_unit_name, "\n");
  return letter;
}

Letter OverdueReminderNotice(const DispatchOrder& order, const ForwardedTicket& ticket,
                             absl::string_view designated_unit_name, int sequence,
                             absl::TimeZone zone) {
  Letter letter;
  letter.subject =
      absl::StrCat("督办提醒（第", sequence, "次）：", TicketReference(ticket), " 已超时");
  std::string& text = letter.text;
  const bool telecom = order.kind == DispatchKind::kTelecom;
  absl::StrAppend(&text, "转派单 ", order.id, "（", TicketReference(ticket), "）于",
                  LocalTime(order.dispatched_at, zone), "派出，", telecom ? "确认时限" : "处理时限",
                  "为", LocalTime(order.deadline.at, zone), "，现已超时。\n");
  absl::StrAppend(&text, telecom ? "请尽快确认收到。\n" : "请尽快处理并回复用户。\n");
  AppendLine(text, "用户问题", ticket.problem);
  absl::StrAppend(&text, "\n", designated_unit_name, "\n");
  return letter;
}

}  // namespace cs::routing
