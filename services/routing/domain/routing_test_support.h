// Test values for the routing domain and core tests: the units of deploy/config/units.textproto as
// plain data, and a complete forwarded ticket. Header-only, tests only.
#ifndef CS_SERVICES_ROUTING_DOMAIN_ROUTING_TEST_SUPPORT_H_
#define CS_SERVICES_ROUTING_DOMAIN_ROUTING_TEST_SUPPORT_H_

#include <utility>
#include <vector>

#include "common/time/calendar_testing.h"
#include "common/units/unit_directory.h"
#include "services/routing/domain/routed_ticket.h"

namespace cs::routing::testing {

// The designated unit "service-desk", the centers "broadband" and "idc", the subsidiary "portal"
// (no email), and the telecom company, as in deploy/config/units.textproto.
inline common::UnitDirectory TestUnits() {
  using common::UnitInfo;
  std::vector<UnitInfo> units;
  UnitInfo desk;
  desk.id = "service-desk";
  desk.name = "客服中心指定受理单位";
  desk.name_en = "Designated Service Desk";
  desk.designated = true;
  desk.contacts = {{"受理台", "021-50000001", "desk@internet.example.cn"}};
  units.push_back(desk);
  UnitInfo broadband;
  broadband.id = "broadband";
  broadband.name = "宽带业务中心";
  broadband.name_en = "Broadband Business Center";
  broadband.business_lines = {"broadband"};
  broadband.contacts = {{"宽带客服", "021-50000010", "broadband@internet.example.cn"}};
  units.push_back(broadband);
  UnitInfo idc;
  idc.id = "idc";
  idc.name = "数据中心";
  idc.name_en = "Data Center";
  idc.contacts = {{"IDC 客服", "021-50000020", "idc@internet.example.cn"}};
  units.push_back(idc);
  UnitInfo portal;
  portal.id = "portal";
  portal.name = "信息港子公司";
  portal.kind = UnitInfo::Kind::kSubsidiary;
  portal.contacts = {{"门户客服", "021-50000030", ""}};
  units.push_back(portal);
  return *common::UnitDirectory::Create(
      std::move(units),
      {"中国电信上海公司", "China Telecom Shanghai", "dispatch@telecom.example.cn", "10000"});
}

// A forward of ticket `ticket_id` from "portal" with every required element (A5 6.1), asking for a
// reply by email.
inline ForwardedTicket CompleteForward(int64_t ticket_id = 42) {
  ForwardedTicket t;
  t.ticket_id = ticket_id;
  t.origin_unit_id = "portal";
  t.kind = TicketKind::kComplaint;
  t.channel = Channel::kEmail;
  t.problem = "家里宽带经常断网，晚上网速很慢";
  t.device_number = "02112345678";
  t.contact_phone = "13800000000";
  t.contact_person = "张三";
  t.email = "zhang@example.com";
  t.intake_received_at = common::testing::ShanghaiTime(2026, 3, 2, 9, 30);
  t.forwarded_at = common::testing::ShanghaiTime(2026, 3, 2, 9, 40);
  t.overall_serial = 7;
  t.serial_month = "2026-03";
  t.month_serial = 3;
  return t;
}

}  // namespace cs::routing::testing

#endif  // CS_SERVICES_ROUTING_DOMAIN_ROUTING_TEST_SUPPORT_H_
