// Test values for archive tests: a complete closed record (as intake hands it over) and a small
// unit directory. Header-only; tests only.
#ifndef CS_SERVICES_ARCHIVE_DOMAIN_RECORD_TEST_SUPPORT_H_
#define CS_SERVICES_ARCHIVE_DOMAIN_RECORD_TEST_SUPPORT_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "common/units/unit_directory.h"
#include "services/archive/domain/archived_record.h"

namespace cs::archive::testing {

// A complaint recorded at "broadband" at `received_at`, forwarded and confirmed within its hour,
// dispatched to "idc" with a handling deadline, answered before it and closed an hour later: whole
// history, one reply, every F4 field filled.
inline RecordContent ClosedRecord(int64_t ticket_id, absl::Time received_at) {
  RecordContent c;
  c.ticket_id = ticket_id;
  c.closed = true;
  c.unit_id = "broadband";
  c.kind = TicketKind::kComplaint;
  c.channel = Channel::kHotline;
  c.reply_channel = ReplyChannel::kEmail;
  c.business_line = "broadband";
  c.problem = "宽带每天晚上断线三次, \"急\"\nbroadband drops three times every evening";
  c.device_number = "021-5888 1234";
  c.contact_phone = "+86 138-0013-8000";
  c.contact_person = "张先生";
  c.user_number = "AD0012345";
  c.user_name = "张三";
  c.company = "上海某贸易公司";
  c.address = "上海市浦东新区世纪大道 100 号";
  c.postal_code = "200120";
  c.email = "zhang@example.com";
  c.handler = "李四";
  c.processor = "王五";
  c.reviewer = "赵六";
  c.overall_serial = ticket_id;
  c.serial_month = absl::FormatTime("%Y-%m", received_at, absl::FixedTimeZone(8 * 3600));
  c.month_serial = ticket_id;
  c.received_at = received_at;
  c.forwarded_at = received_at + absl::Minutes(10);
  c.confirm_deadline = received_at + absl::Hours(1);
  c.confirmed_at = received_at + absl::Minutes(20);
  c.last_outcome = OutcomeKind::kReplied;
  c.handling_department = "idc";
  c.handling_deadline = received_at + absl::Hours(48);
  c.replied_to_user_at = received_at + absl::Hours(24);
  c.closed_at = received_at + absl::Hours(25);
  c.history = {
      {1, received_at, "clerk", "CREATED", ""},
      {2, received_at + absl::Minutes(10), "clerk", "FORWARDED", "F1-1"},
      {3, received_at + absl::Minutes(20), "routing", "RECEIPT_CONFIRMED", "R1"},
      {4, received_at + absl::Hours(2), "desk", "OUTCOME", "INTERNAL_DISPATCH to idc"},
      {5, received_at + absl::Hours(24), "routing", "OUTCOME", "REPLIED by idc"},
      {6, received_at + absl::Hours(25), "clerk", "CLOSED", ""},
  };
  c.replies = {{1, received_at + absl::Hours(24), ReplyChannel::kEmail, "idc",
                "已修复线路 / line repaired"}};
  return c;
}

// Units "broadband", "idc", "portal", "service-desk" (designated) and "cs-center" (the CS center).
inline common::UnitDirectory TestUnits() {
  std::vector<common::UnitInfo> units(5);
  units[0].id = "broadband";
  units[0].name = "宽带业务中心";
  units[1].id = "idc";
  units[1].name = "数据中心";
  units[2].id = "portal";
  units[2].name = "信息港子公司";
  units[3].id = "service-desk";
  units[3].name = "客服中心指定受理单位";
  units[3].designated = true;
  units[4].id = "cs-center";
  units[4].name = "客户服务中心";
  units[4].cs_center = true;
  return *common::UnitDirectory::Create(std::move(units), {"中国电信上海公司", "China Telecom",
                                                           "dispatch@telecom.example.cn", "10000"});
}

}  // namespace cs::archive::testing

#endif  // CS_SERVICES_ARCHIVE_DOMAIN_RECORD_TEST_SUPPORT_H_
