// Test values for intake tests: a complete ticket input and a small unit directory.
#ifndef CS_SERVICES_INTAKE_DOMAIN_TICKET_TEST_SUPPORT_H_
#define CS_SERVICES_INTAKE_DOMAIN_TICKET_TEST_SUPPORT_H_

#include "common/units/unit_directory.h"
#include "services/intake/domain/ticket.h"

namespace cs::intake::testing {

// A ticket input with every required element (SPEC I2) and F4 field filled, at unit "broadband".
inline TicketInput CompleteInput() {
  TicketInput input;
  input.unit_id = "broadband";
  input.kind = TicketKind::kComplaint;
  input.channel = Channel::kHotline;
  input.reply_channel = ReplyChannel::kEmail;
  input.problem = "宽带每天晚上断线三次 / broadband drops three times every evening";
  input.device_number = "021-5888 1234";
  input.contact_phone = "+86 138-0013-8000";
  input.contact_person = "张先生";
  input.user_number = "AD0012345";
  input.user_name = "张三";
  input.company = "上海某贸易公司";
  input.address = "上海市浦东新区世纪大道 100 号";
  input.postal_code = "200120";
  input.email = "zhang@example.com";
  input.handler = "李四";
  input.processor = "王五";
  input.reviewer = "赵六";
  input.business_line = "broadband";
  return input;
}

// Units "broadband", "portal", and "service-desk" (designated).
inline common::UnitDirectory TestUnits() {
  std::vector<common::UnitInfo> units(3);
  units[0].id = "broadband";
  units[0].name = "宽带业务中心";
  units[1].id = "portal";
  units[1].name = "信息港子公司";
  units[2].id = "service-desk";
  units[2].name = "客服中心指定受理单位";
  units[2].designated = true;
  return *common::UnitDirectory::Create(std::move(units), {"中国电信上海公司", "China Telecom",
                                                           "dispatch@telecom.example.cn", "10000"});
}

}  // namespace cs::intake::testing

#endif  // CS_SERVICES_INTAKE_DOMAIN_TICKET_TEST_SUPPORT_H_
