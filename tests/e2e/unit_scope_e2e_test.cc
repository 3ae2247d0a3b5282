// Issue 16, "Access", the unit half: on the six real binaries with a seeded world
// (seeded_world.h), every RPC that touches a unit's resource is called with a VALID request on a
// real object of unit "broadband" by each unit-scoped role (DESIGNATED_UNIT, UNIT_STAFF,
// UNIT_MANAGER, ARCHIVIST) the method admits: first as that role of unit "portal" (another unit),
// which must be answered PERMISSION_DENIED, then as that role of broadband (its own unit), which
// must be answered anything but PERMISSION_DENIED or UNAUTHENTICATED (OK, or a state the object is
// not in). Where the designated unit supervises every unit (routing's queue of routed tickets,
// orders and deliveries), DESIGNATED_UNIT's own unit is the designated unit "service-desk". Each
// service's declared access table (services/*/api/*_access.h) names the OWN_UNIT methods: one
// without a request here fails the test. The table of answers is printed at the end.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/api/proto_time.h"
#include "common/auth/access_table.h"
#include "common/auth/principal.h"
#include "common/grpc/client_auth.h"
#include "common/testing/raw_call.h"
#include "common/testing/status_matchers.h"
#include "common/testing/test_tokens.h"
#include "cs/archive/v1/archive.pb.h"
#include "cs/assessment/v1/assessment.pb.h"
#include "cs/channel/v1/channel.pb.h"
#include "cs/hotline/v1/hotline.grpc.pb.h"
#include "cs/intake/v1/intake.pb.h"
#include "cs/routing/v1/routing.pb.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "services/archive/api/archive_access.h"
#include "services/assessment/api/assessment_access.h"
#include "services/channel-registry/api/channel_access.h"
#include "services/hotline-registry/api/hotline_access.h"
#include "services/intake/api/intake_access.h"
#include "services/routing/api/routing_access.h"
#include "tests/e2e/intake_as_staff.h"
#include "tests/e2e/running_suite.h"
#include "tests/e2e/seeded_world.h"

namespace cs::e2e {
namespace {

using common::Role;
using google::protobuf::Message;

// The units whose roles call: the seeded objects' unit, another unit, and the designated unit
// (deploy/config/units.textproto).
constexpr absl::string_view kOwnUnit = kSeededUnit;
constexpr absl::string_view kOtherUnit = "portal";
constexpr absl::string_view kDesignatedUnitId = "service-desk";

constexpr Role kScopedRoles[] = {Role::kDesignatedUnit, Role::kUnitStaff, Role::kUnitManager,
                                 Role::kArchivist};

// The bearer token of `role` of `unit` in this test's token file.
std::string TokenOf(Role role, absl::string_view unit) {
  return absl::StrCat("unit-scope-", unit, "-", common::RoleName(role));
}

// deploy/config/tokens.textproto (the services' own entries among them) and every unit-scoped role
// of the three units above.
std::string WriteTokenFile() {
  std::ifstream dev(absl::StrCat(CS_SOURCE_DIR, "/deploy/config/tokens.textproto"));
  std::stringstream text;
  text << dev.rdbuf();
  for (absl::string_view unit : {kOwnUnit, kOtherUnit, kDesignatedUnitId}) {
    for (Role role : kScopedRoles) {
      const std::string token = TokenOf(role, unit);
      const std::string user = absl::StrCat("us-", unit, "-", common::RoleName(role));
      const cs::config::v1::TokenFile entry = common::testing::TestTokenFile(
          {{token, user, static_cast<cs::common::v1::Role>(role), unit}});
      std::string printed;
      google::protobuf::TextFormat::PrintToString(entry, &printed);
      text << "\n" << printed;
    }
  }
  const std::string path =
      (std::filesystem::path(::testing::TempDir()) / "unit_scope_tokens.textproto").string();
  std::ofstream(path) << text.str();
  return path;
}

using Builder = std::function<std::unique_ptr<Message>(const SeededWorld&, int n)>;

// One method to walk. `n` counts the own-unit calls made so far of this method (0 for the first
// role), so a call that changes an object's state takes the n-th spare object of its kind.
struct Probe {
  std::string service;  // the suite member: "intake", …
  std::string path;     // "/cs.intake.v1.IntakeService/GetTicket"
  std::vector<Role> roles;
  Builder build;
  // DESIGNATED_UNIT acts here as the designated unit, for every unit: its own unit is
  // "service-desk".
  bool designated_supervises = false;
  // Calls differently from a raw unary call (a client stream): answers as a status.
  std::function<grpc::Status(RunningSuite&, const Message&, const std::string& token)> call;
};

template <typename Request, typename Fill>
Builder Make(Fill fill) {
  return [fill](const SeededWorld& world, int n) -> std::unique_ptr<Message> {
    auto request = std::make_unique<Request>();
    fill(*request, world, n);
    return request;
  };
}

// The n-th spare of a kind, or the last one (the call then meets a state the object is in
// already, which the test accepts).
template <typename T>
T Spare(const std::vector<T>& spares, int n) {
  if (spares.empty()) return T{};
  return spares[std::min<size_t>(static_cast<size_t>(n), spares.size() - 1)];
}

google::protobuf::Timestamp Ts(absl::Time at) { return common::ToProtoTimestamp(at); }

absl::TimeZone Shanghai() {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone("Asia/Shanghai", &zone)) zone = absl::UTCTimeZone();
  return zone;
}

std::string MonthsBefore(const std::string& month, int months) {
  absl::CivilMonth parsed;
  absl::ParseCivilTime(month, &parsed);
  return absl::FormatCivilTime(parsed - months);
}

// IngestCallRecords answers OK and rejects each record it may not take in the response (with
// "PERMISSION_DENIED" in the problem): read as that status here.
grpc::Status IngestOne(RunningSuite& suite, const Message& request, const std::string& token) {
  auto stub =
      cs::hotline::v1::HotlineRegistryService::NewStub(suite.service("hotline-registry").channel);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
  common::AttachBearerToken(context, token);
  cs::hotline::v1::IngestCallRecordsResponse ingested;
  auto writer = stub->IngestCallRecords(&context, &ingested);
  writer->Write(static_cast<const cs::hotline::v1::IngestCallRecordsRequest&>(request));
  writer->WritesDone();
  const grpc::Status status = writer->Finish();
  if (!status.ok()) return status;
  for (const auto& rejected : ingested.rejected()) {
    for (const std::string& problem : rejected.problems()) {
      if (absl::StrContains(problem, "PERMISSION_DENIED")) {
        return grpc::Status(grpc::StatusCode::PERMISSION_DENIED, problem);
      }
    }
  }
  if (ingested.stored() != 1) {
    return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION,
                        absl::StrCat("stored ", ingested.stored(), ": ", ingested.DebugString()));
  }
  return status;
}

std::vector<Probe> Probes() {
  const std::vector<Role> kStaff = {Role::kUnitStaff, Role::kUnitManager};
  const std::vector<Role> kManager = {Role::kUnitManager};
  const std::vector<Role> kReaders = {Role::kDesignatedUnit, Role::kUnitStaff, Role::kUnitManager};
  const std::vector<Role> kDesignated = {Role::kDesignatedUnit};
  const std::vector<Role> kArchiveReaders = {Role::kUnitStaff, Role::kUnitManager,
                                             Role::kArchivist};
  const std::vector<Role> kArchiveStatistics = {Role::kDesignatedUnit, Role::kUnitStaff,
                                                Role::kUnitManager, Role::kArchivist};
  const std::string broadband(kOwnUnit);
  std::vector<Probe> probes;
  auto add = [&](const char* service, const char* proto_service, const char* method,
                 std::vector<Role> roles, Builder build, bool supervises = false) {
    probes.push_back({service, absl::StrCat("/", proto_service, "/", method), std::move(roles),
                      std::move(build), supervises, nullptr});
  };

  // --- intake ---
  namespace in = cs::intake::v1;
  const char* kIntake = "cs.intake.v1.IntakeService";
  add("intake", kIntake, "CreateTicket", kStaff,
      Make<in::CreateTicketRequest>(
          [](auto& r, const SeededWorld&, int) { *r.mutable_ticket() = CompleteTicketInput(); }));
  add("intake", kIntake, "GetTicket", kStaff,
      Make<in::GetTicketRequest>(
          [](auto& r, const SeededWorld& w, int) { r.set_ticket_id(w.recorded_ticket_id); }));
  add("intake", kIntake, "ListTickets", kStaff,
      Make<in::ListTicketsRequest>(
          [broadband](auto& r, const SeededWorld&, int) { r.set_unit_id(broadband); }));
  add("intake", kIntake, "UpdateTicket", kStaff,
      Make<in::UpdateTicketRequest>([](auto& r, const SeededWorld& w, int n) {
        r.set_ticket_id(w.recorded_ticket_id);
        *r.mutable_ticket() = CompleteTicketInput();
        r.mutable_ticket()->set_problem(absl::StrCat("宽带晚上经常断线，白天也断 ", n));
        r.mutable_update_mask()->add_paths("problem");
      }));
  add("intake", kIntake, "ForwardTicket", kStaff,
      Make<in::ForwardTicketRequest>([](auto& r, const SeededWorld& w, int n) {
        r.set_ticket_id(Spare(w.tickets_to_forward, n));
      }));
  add("intake", kIntake, "CloseTicket", kStaff,
      Make<in::CloseTicketRequest>([](auto& r, const SeededWorld& w, int n) {
        r.set_ticket_id(Spare(w.tickets_to_close, n));
        r.set_reply_text("您反映的问题已处理，如仍有问题请拨打10000。");
        r.set_reply_channel(cs::common::v1::REPLY_CHANNEL_EMAIL);
      }));
  add("intake", kIntake, "RenderTicketForm", kStaff,
      Make<in::RenderTicketFormRequest>(
          [](auto& r, const SeededWorld& w, int) { r.set_ticket_id(w.recorded_ticket_id); }));
  add("intake", kIntake, "GetMonthlyForwardingStatistics", kReaders,
      Make<in::GetMonthlyForwardingStatisticsRequest>(
          [broadband](auto& r, const SeededWorld& w, int) {
            r.set_unit_id(broadband);
            r.set_month(w.month);
          }));

  // --- routing ---
  namespace ro = cs::routing::v1;
  const char* kRouting = "cs.routing.v1.RoutingService";
  add("routing", kRouting, "GetRoutedTicket", kDesignated,
      Make<ro::GetRoutedTicketRequest>(
          [](auto& r, const SeededWorld& w, int) { r.set_routed_ticket_id(w.routed_ticket_id); }),
      true);
  add("routing", kRouting, "ListRoutedTickets", kDesignated,
      Make<ro::ListRoutedTicketsRequest>(
          [broadband](auto& r, const SeededWorld&, int) { r.set_origin_unit_id(broadband); }),
      true);
  add("routing", kRouting, "DecideTicket", kDesignated,
      Make<ro::DecideTicketRequest>([](auto& r, const SeededWorld& w, int n) {
        r.set_routed_ticket_id(Spare(w.routed_tickets_to_decide, n));
        r.set_decision(ro::DECISION_DIRECT_REPLY);
        r.set_reason("资费咨询，本单位直接答复");
        r.set_handling_result("宽带包月套餐为每月100元，详情可致电10000查询。");
      }),
      true);
  add("routing", kRouting, "GetDispatchOrder", kReaders,
      Make<ro::GetDispatchOrderRequest>(
          [](auto& r, const SeededWorld& w, int) { r.set_order_id(w.replied_order_id); }),
      true);
  add("routing", kRouting, "ListDispatchOrders", kReaders,
      Make<ro::ListDispatchOrdersRequest>(
          [broadband](auto& r, const SeededWorld&, int) { r.set_unit_id(broadband); }),
      true);
  add("routing", kRouting, "AcceptDispatchOrder", kStaff,
      Make<ro::AcceptDispatchOrderRequest>([](auto& r, const SeededWorld& w, int n) {
        r.set_order_id(Spare(w.orders_to_accept, n));
      }));
  add("routing", kRouting, "ReplyToDispatchOrder", kStaff,
      Make<ro::ReplyToDispatchOrderRequest>([](auto& r, const SeededWorld& w, int n) {
        r.set_order_id(Spare(w.orders_to_reply, n));
        r.set_handling_result("宽带账号已重新绑定。");
      }));
  add("routing", kRouting, "AcknowledgeEscalation", kDesignated,
      Make<ro::AcknowledgeEscalationRequest>([](auto& r, const SeededWorld& w, int) {
        r.set_order_id(w.escalated_order_id != 0 ? w.escalated_order_id : w.replied_order_id);
        r.set_telecom_reference("10000-2026-0001");
      }),
      true);
  add("routing", kRouting, "GetDelivery", kDesignated,
      Make<ro::GetDeliveryRequest>(
          [](auto& r, const SeededWorld& w, int) { r.set_delivery_id(w.delivery_id); }),
      true);
  add("routing", kRouting, "ListDeliveries", kDesignated,
      Make<ro::ListDeliveriesRequest>([](auto& r, const SeededWorld& w, int) {
        r.set_routed_ticket_id(w.dispatched_routed_ticket_id);
      }),
      true);
  add("routing", kRouting, "GetMonthlyStatistics", kReaders,
      Make<ro::GetMonthlyStatisticsRequest>([broadband](auto& r, const SeededWorld& w, int) {
        r.set_unit_id(broadband);
        r.set_month(w.month);
      }),
      true);

  // --- hotline-registry ---
  namespace ho = cs::hotline::v1;
  const char* kHotline = "cs.hotline.v1.HotlineRegistryService";
  add("hotline-registry", kHotline, "RegisterHotline", kStaff,
      Make<ho::RegisterHotlineRequest>([broadband](auto& r, const SeededWorld&, int n) {
        ho::RegistrationForm& form = *r.mutable_form();
        form.set_unit_id(broadband);
        form.set_number(absl::StrCat("021-5888 46", 10 + n));
        form.mutable_service_hours()->set_around_the_clock(true);
        *form.mutable_established_on() = Ts(absl::Now() - absl::Hours(24 * 365));
        form.set_audience("宽带用户");
        form.set_description("宽带业务咨询");
        form.set_charges("免费");
        form.set_staffing("4 人");
        form.mutable_contact_a()->set_person("张三");
        form.mutable_contact_a()->set_phone("021-5888 0001");
        form.mutable_contact_b()->set_person("李四");
        form.mutable_contact_b()->set_phone("13800000002");
        form.set_handler("王五");
      }));
  add("hotline-registry", kHotline, "SignForm", kManager,
      Make<ho::SignFormRequest>([](auto& r, const SeededWorld& w, int n) {
        r.set_hotline_id(Spare(w.hotlines_to_sign, n));
        r.set_form(ho::FORM_KIND_REGISTRATION);
      }));
  add("hotline-registry", kHotline, "GetHotline", kReaders,
      Make<ho::GetHotlineRequest>(
          [](auto& r, const SeededWorld& w, int) { r.set_hotline_id(w.hotline_id); }));
  add("hotline-registry", kHotline, "ListHotlines", kReaders,
      Make<ho::ListHotlinesRequest>(
          [broadband](auto& r, const SeededWorld&, int) { r.set_unit_id(broadband); }));
  add("hotline-registry", kHotline, "FileChange", kStaff,
      Make<ho::FileChangeRequest>([](auto& r, const SeededWorld& w, int n) {
        r.set_hotline_id(Spare(w.hotlines_to_change, n));
        *r.mutable_form()->mutable_change_at() = Ts(absl::Now() + absl::Hours(24 * (40 + n)));
        r.mutable_form()->set_item(ho::CHANGE_ITEM_OTHER);
        r.mutable_form()->set_reason("受理范围增加宽带提速业务");
        r.mutable_form()->set_handler("王五");
      }));
  add("hotline-registry", kHotline, "ListNumberTransitions", kReaders,
      Make<ho::ListNumberTransitionsRequest>(
          [broadband](auto& r, const SeededWorld&, int) { r.set_unit_id(broadband); }));
  add("hotline-registry", kHotline, "IngestCallRecords", kStaff,
      Make<ho::IngestCallRecordsRequest>([](auto& r, const SeededWorld& w, int n) {
        ho::CallRecord& record = *r.add_records();
        record.set_hotline_id(w.hotline_id);
        record.set_call_id(absl::StrCat("unit-scope-call-", n));
        *record.mutable_offered_at() = Ts(absl::Now() - absl::Seconds(5));
        record.set_outcome(ho::CALL_OUTCOME_ANSWERED);
        record.set_wait_seconds(2);
      }));
  probes.back().call = IngestOne;
  add("hotline-registry", kHotline, "GetOperatingReport", kReaders,
      Make<ho::GetOperatingReportRequest>([](auto& r, const SeededWorld& w, int) {
        r.set_hotline_id(w.hotline_id);
        r.set_month(w.month);
      }));
  add("hotline-registry", kHotline, "SubmitOperatingReport", kStaff,
      Make<ho::SubmitOperatingReportRequest>([](auto& r, const SeededWorld& w, int n) {
        r.set_hotline_id(w.hotline_id);
        r.set_month(MonthsBefore(w.month, 1 + n));
        r.set_remarks("本月运行正常");
      }));
  add("hotline-registry", kHotline, "RegisterStaff", kStaff,
      Make<ho::RegisterStaffRequest>([broadband](auto& r, const SeededWorld&, int n) {
        r.mutable_staff()->set_unit_id(broadband);
        r.mutable_staff()->set_staff_number(absl::StrCat("93", n));
        r.mutable_staff()->set_name(absl::StrCat("话务员93", n));
      }));
  add("hotline-registry", kHotline, "RecordTraining", kStaff,
      Make<ho::RecordTrainingRequest>([broadband](auto& r, const SeededWorld& w, int n) {
        r.set_unit_id(broadband);
        r.set_staff_number(w.staff_number);
        r.mutable_training()->set_subject(ho::TRAINING_SUBJECT_PHRASES);
        *r.mutable_training()->mutable_completed_on() = Ts(absl::Now() - absl::Hours(24 * (2 + n)));
        r.mutable_training()->set_trainer("培训中心");
      }));
  add("hotline-registry", kHotline, "ListStaff", kReaders,
      Make<ho::ListStaffRequest>(
          [broadband](auto& r, const SeededWorld&, int) { r.set_unit_id(broadband); }));
  add("hotline-registry", kHotline, "SetDutyRoster", kStaff,
      Make<ho::SetDutyRosterRequest>([](auto& r, const SeededWorld& w, int) {
        const absl::CivilDay today(absl::ToCivilDay(absl::Now(), Shanghai()) + 1);
        r.mutable_roster()->set_hotline_id(w.hotline_id);
        r.mutable_roster()->set_day(absl::FormatCivilTime(today));
        ho::DutyShift& shift = *r.mutable_roster()->add_shifts();
        shift.set_staff_number(w.staff_number);
        *shift.mutable_starts_at() = Ts(absl::FromCivil(absl::CivilHour(today) + 9, Shanghai()));
        *shift.mutable_ends_at() = Ts(absl::FromCivil(absl::CivilHour(today) + 12, Shanghai()));
      }));
  add("hotline-registry", kHotline, "ScoreCall", kStaff,
      Make<ho::ScoreCallRequest>([](auto& r, const SeededWorld& w, int) {
        r.set_hotline_id(w.hotline_id);
        r.set_call_id(w.call_id);
        auto turn = [&](ho::Speaker speaker, double at, const char* text) {
          ho::Turn& t = *r.add_turns();
          t.set_speaker(speaker);
          t.set_at_seconds(at);
          t.set_text(text);
        };
        turn(ho::SPEAKER_AGENT, 1,
             "您好，这里是上海电信公司宽带业务部门，工号9001号，请问您需要什么帮助吗？");
        turn(ho::SPEAKER_CALLER, 5, "你好，我家宽带上不了网。");
        turn(ho::SPEAKER_AGENT, 10, "线路正在抢修，预计今晚八点前恢复。请问还有其他问题吗？");
        turn(ho::SPEAKER_CALLER, 15, "没有了，谢谢。");
        turn(ho::SPEAKER_AGENT, 17, "谢谢您的来电！再见。");
        ho::CallEvent& answered = *r.add_events();
        answered.set_kind(ho::CALL_EVENT_KIND_ANSWERED);
        answered.set_at_seconds(0);
        ho::CallEvent& ended = *r.add_events();
        ended.set_kind(ho::CALL_EVENT_KIND_ENDED);
        ended.set_at_seconds(20);
      }));
  add("hotline-registry", kHotline, "RecordMandarinReview", kManager,
      Make<ho::RecordMandarinReviewRequest>([](auto& r, const SeededWorld& w, int) {
        r.set_hotline_id(w.hotline_id);
        r.set_call_id(w.call_id);
        r.set_standard(true);
        r.set_note("普通话标准");
      }));
  add("hotline-registry", kHotline, "RenderRegistrationForm", kReaders,
      Make<ho::RenderFormRequest>(
          [](auto& r, const SeededWorld& w, int) { r.set_hotline_id(w.hotline_id); }));
  add("hotline-registry", kHotline, "RenderChangeForm", kReaders,
      Make<ho::RenderChangeFormRequest>([](auto& r, const SeededWorld& w, int) {
        r.set_hotline_id(w.hotline_id);
        r.set_change_id(w.change_id);
      }));
  add("hotline-registry", kHotline, "GetMonthlyStatistics", kReaders,
      Make<ho::GetMonthlyStatisticsRequest>([broadband](auto& r, const SeededWorld& w, int) {
        r.set_unit_id(broadband);
        r.set_month(w.month);
      }));

  // --- channel-registry ---
  namespace ch = cs::channel::v1;
  const char* kChannel = "cs.channel.v1.ChannelRegistryService";
  add("channel-registry", kChannel, "FileChannel", kStaff,
      Make<ch::FileChannelRequest>([](auto& r, const SeededWorld&, int n) {
        *r.mutable_form() = SeededChannelForm(absl::StrCat("scope", n, "@broadband.example.cn"));
      }));
  add("channel-registry", kChannel, "CorrectFiling", kStaff,
      Make<ch::CorrectFilingRequest>([](auto& r, const SeededWorld& w, int n) {
        r.set_channel_id(w.channel_id);
        *r.mutable_form() = SeededChannelForm("webmaster@broadband.example.cn");
        r.mutable_form()->set_remarks(absl::StrCat("联系人电话更正 ", n));
      }));
  add("channel-registry", kChannel, "RetireChannel", kStaff,
      Make<ch::RetireChannelRequest>([](auto& r, const SeededWorld& w, int n) {
        r.set_channel_id(Spare(w.channels_to_retire, n));
        r.set_reason("信箱停用，改用网上营业厅留言");
      }));
  add("channel-registry", kChannel, "ListUnfiledChannels", kReaders,
      Make<ch::ListUnfiledChannelsRequest>(
          [broadband](auto& r, const SeededWorld&, int) { r.set_unit_id(broadband); }));
  add("channel-registry", kChannel, "GetChannel", kReaders,
      Make<ch::GetChannelRequest>(
          [](auto& r, const SeededWorld& w, int) { r.set_channel_id(w.channel_id); }));
  add("channel-registry", kChannel, "ListChannels", kReaders,
      Make<ch::ListChannelsRequest>(
          [broadband](auto& r, const SeededWorld&, int) { r.set_unit_id(broadband); }));
  add("channel-registry", kChannel, "OpenFault", kStaff,
      Make<ch::OpenFaultRequest>([](auto& r, const SeededWorld& w, int n) {
        r.set_channel_id(w.channel_id);
        r.set_description(absl::StrCat("信箱退信 ", n));
      }));
  add("channel-registry", kChannel, "CloseFault", kStaff,
      Make<ch::CloseFaultRequest>([](auto& r, const SeededWorld& w, int n) {
        r.set_fault_id(Spare(w.faults_to_close, n));
        r.set_repair_note("邮件服务器已恢复");
      }));
  add("channel-registry", kChannel, "ListFaults", kReaders,
      Make<ch::ListFaultsRequest>(
          [broadband](auto& r, const SeededWorld&, int) { r.set_unit_id(broadband); }));
  add("channel-registry", kChannel, "RecordPublication", kStaff,
      Make<ch::RecordPublicationRequest>([](auto& r, const SeededWorld& w, int) {
        r.set_channel_id(w.channel_id);
        r.add_items(ch::PUBLISHED_ITEM_BUSINESS_FUNCTION);
        r.add_items(ch::PUBLISHED_ITEM_SCOPE);
        r.set_service_standards_published(true);
        r.add_languages("zh");
      }));
  add("channel-registry", kChannel, "GetPublicationChecklist", kReaders,
      Make<ch::GetPublicationChecklistRequest>(
          [](auto& r, const SeededWorld& w, int) { r.set_channel_id(w.channel_id); }));
  add("channel-registry", kChannel, "RecordCheck", kStaff,
      Make<ch::RecordCheckRequest>([](auto& r, const SeededWorld& w, int) {
        r.set_channel_id(w.channel_id);
        r.set_checked_by("张三");
      }));
  add("channel-registry", kChannel, "GetCheckSchedule", kReaders,
      Make<ch::GetCheckScheduleRequest>(
          [](auto& r, const SeededWorld& w, int) { r.set_channel_id(w.channel_id); }));
  add("channel-registry", kChannel, "RecordUsageSample", kStaff,
      Make<ch::RecordUsageSampleRequest>([](auto& r, const SeededWorld& w, int n) {
        r.set_channel_id(w.channel_id);
        *r.mutable_sample()->mutable_sampled_at() = Ts(absl::Now() - absl::Seconds(10 - n));
        r.mutable_sample()->set_used(100 + n);
        r.mutable_sample()->set_capacity(1000);
      }));
  add("channel-registry", kChannel, "GetCapacityForecast", kReaders,
      Make<ch::GetCapacityForecastRequest>(
          [](auto& r, const SeededWorld& w, int) { r.set_channel_id(w.channel_id); }));
  add("channel-registry", kChannel, "RequestCapacityAssistance", kStaff,
      Make<ch::RequestCapacityAssistanceRequest>([](auto& r, const SeededWorld& w, int) {
        r.set_channel_id(w.channel_id);
        r.set_text("信箱容量将满，请求扩容");
      }));
  add("channel-registry", kChannel, "GetMonthlyReport", kReaders,
      Make<ch::GetMonthlyReportRequest>([](auto& r, const SeededWorld& w, int) {
        r.set_channel_id(w.channel_id);
        r.set_month(w.previous_month);
      }));
  add("channel-registry", kChannel, "SubmitMonthlyReport", kStaff,
      Make<ch::SubmitMonthlyReportRequest>([](auto& r, const SeededWorld& w, int) {
        r.set_channel_id(w.channel_id);
        r.set_month(w.previous_month);
      }));
  add("channel-registry", kChannel, "RenderFilingForm", kReaders,
      Make<ch::RenderFilingFormRequest>([](auto& r, const SeededWorld& w, int) {
        r.set_channel_id(w.channel_id);
        r.set_form_version(1);
      }));
  add("channel-registry", kChannel, "GetMonthlyStatistics", kReaders,
      Make<ch::GetMonthlyStatisticsRequest>([broadband](auto& r, const SeededWorld& w, int) {
        r.set_unit_id(broadband);
        r.set_month(w.month);
      }));

  // --- assessment ---
  namespace as = cs::assessment::v1;
  const char* kAssessment = "cs.assessment.v1.AssessmentService";
  const std::vector<Role> kRecordReaders = {Role::kUnitStaff, Role::kUnitManager};
  add("assessment", kAssessment, "AcknowledgeNotice", kStaff,
      Make<as::AcknowledgeNoticeRequest>([](auto& r, const SeededWorld& w, int n) {
        r.set_notice_id(Spare(w.notices_to_acknowledge, n));
      }));
  add("assessment", kAssessment, "ReplyToNotice", kManager,
      Make<as::ReplyToNoticeRequest>([](auto& r, const SeededWorld& w, int) {
        r.set_notice_id(w.notice_id);
        r.set_measures("增加两名话务员，高峰时段加开坐席。");
      }));
  add("assessment", kAssessment, "GetRectificationNotice", kReaders,
      Make<as::GetRectificationNoticeRequest>(
          [](auto& r, const SeededWorld& w, int) { r.set_notice_id(w.notice_id); }));
  add("assessment", kAssessment, "ListRectificationNotices", kReaders,
      Make<as::ListRectificationNoticesRequest>(
          [broadband](auto& r, const SeededWorld&, int) { r.set_unit_id(broadband); }));
  add("assessment", kAssessment, "RenderRectificationNotice", kReaders,
      Make<as::RenderRectificationNoticeRequest>(
          [](auto& r, const SeededWorld& w, int) { r.set_notice_id(w.notice_id); }));
  add("assessment", kAssessment, "FileMaintenanceNotice", kStaff,
      Make<as::FileMaintenanceNoticeRequest>([broadband](auto& r, const SeededWorld&, int n) {
        const absl::Time now = absl::Now();
        as::MaintenanceNotice& work = *r.mutable_notice();
        work.set_unit_id(broadband);
        work.set_kind(as::WORK_KIND_LINE_REPAIR);
        work.set_description(absl::StrCat("光缆迁改 ", n));
        *work.mutable_starts_at() = Ts(now + absl::Hours(24 * 6));
        *work.mutable_ends_at() = Ts(now + absl::Hours(24 * 6 + 3));
        work.set_affected_users("徐汇 2 个小区宽带用户");
        work.set_affected_user_count(300);
        work.add_windows_told("10000");
        *work.mutable_users_notified_at() = Ts(now);
      }));
  add("assessment", kAssessment, "ListMaintenanceNotices", kReaders,
      Make<as::ListMaintenanceNoticesRequest>(
          [broadband](auto& r, const SeededWorld&, int) { r.set_unit_id(broadband); }));
  add("assessment", kAssessment, "SubmitLaunchReview", kStaff,
      Make<as::SubmitLaunchReviewRequest>([broadband](auto& r, const SeededWorld&, int n) {
        r.mutable_review()->set_unit_id(broadband);
        r.mutable_review()->set_change(absl::StrCat("宽带提速页面上线 ", n));
        *r.mutable_review()->mutable_planned_launch() = Ts(absl::Now() + absl::Hours(24 * 12));
      }));
  add("assessment", kAssessment, "RecordLaunch", kStaff,
      Make<as::RecordLaunchRequest>([](auto& r, const SeededWorld& w, int n) {
        r.set_review_id(Spare(w.reviews_to_launch, n));
      }));
  add("assessment", kAssessment, "RecordSurvey", kStaff,
      Make<as::RecordSurveyRequest>([broadband](auto& r, const SeededWorld& w, int n) {
        as::Survey& survey = *r.mutable_survey();
        survey.set_unit_id(broadband);
        survey.set_method(as::SURVEY_METHOD_EMAIL);
        absl::CivilMonth month;
        absl::ParseCivilTime(w.previous_month, &month);
        const absl::Time start = absl::FromCivil(month, Shanghai());
        *survey.mutable_period()->mutable_start() = Ts(start + absl::Hours(24 * (15 + n)));
        *survey.mutable_period()->mutable_end() = Ts(start + absl::Hours(24 * (20 + n)));
        survey.set_sample_size(50);
        survey.set_score(4.5);
        survey.set_scale(5);
      }));
  add("assessment", kAssessment, "ListSurveys", kRecordReaders,
      Make<as::ListSurveysRequest>(
          [broadband](auto& r, const SeededWorld&, int) { r.set_unit_id(broadband); }));
  add("assessment", kAssessment, "RegisterPartner", kStaff,
      Make<as::RegisterPartnerRequest>([broadband](auto& r, const SeededWorld&, int n) {
        r.mutable_partner()->set_unit_id(broadband);
        r.mutable_partner()->set_name(absl::StrCat("闵行装维代理 ", n));
        r.mutable_partner()->set_kind(as::PARTNER_KIND_PARTNER);
        r.mutable_partner()->set_service_standard("报修 24 小时内上门");
        r.mutable_partner()->set_meets_company_standard(true);
      }));
  add("assessment", kAssessment, "ListPartners", kRecordReaders,
      Make<as::ListPartnersRequest>(
          [broadband](auto& r, const SeededWorld&, int) { r.set_unit_id(broadband); }));
  add("assessment", kAssessment, "GetScorecard", kReaders,
      Make<as::GetScorecardRequest>([broadband](auto& r, const SeededWorld& w, int) {
        r.set_unit_id(broadband);
        r.set_month(MonthsBefore(w.month, 2));
      }));

  // --- archive ---
  namespace ar = cs::archive::v1;
  const char* kArchive = "cs.archive.v1.ArchiveService";
  add("archive", kArchive, "CorrectRecord", kManager,
      Make<ar::CorrectRecordRequest>([](auto& r, const SeededWorld& w, int n) {
        r.set_record_id(w.record_id);
        *r.mutable_ticket() = w.archived_ticket;
        r.mutable_ticket()->mutable_input()->set_contact_person(
            absl::StrCat("李女士 (更正 ", n, ")"));
        r.set_reason("联系人姓名登记有误");
      }));
  add("archive", kArchive, "GetRecord", kArchiveReaders,
      Make<ar::GetRecordRequest>([](auto& r, const SeededWorld& w, int) {
        r.set_record_id(w.record_id);
        r.set_reason("e2e: unit scope walk");
      }));
  add("archive", kArchive, "SearchRecords", kArchiveReaders,
      Make<ar::SearchRecordsRequest>([broadband](auto& r, const SeededWorld&, int) {
        r.set_unit_id(broadband);
        r.set_reason("e2e: unit scope walk");
      }));
  add("archive", kArchive, "ExportRecordForm", kArchiveReaders,
      Make<ar::ExportRecordFormRequest>([](auto& r, const SeededWorld& w, int) {
        r.set_record_id(w.record_id);
        r.set_reason("e2e: unit scope walk");
      }));
  add("archive", kArchive, "ExportMonthCsv", kArchiveReaders,
      Make<ar::ExportMonthCsvRequest>([broadband](auto& r, const SeededWorld& w, int) {
        r.set_unit_id(broadband);
        r.set_month(w.month);
        r.set_reason("e2e: unit scope walk");
      }));
  add("archive", kArchive, "ListDueForDestruction", {Role::kArchivist},
      Make<ar::ListDueForDestructionRequest>([broadband](auto& r, const SeededWorld&, int) {
        r.set_unit_id(broadband);
        r.set_reason("e2e: unit scope walk");
      }));
  add("archive", kArchive, "DestroyRecord", {Role::kArchivist},
      Make<ar::DestroyRecordRequest>([](auto& r, const SeededWorld& w, int) {
        r.set_record_id(w.record_id);
        r.set_reason("e2e: unit scope walk (not due: refused by its retention)");
      }));
  add("archive", kArchive, "GetMonthlyStatistics", kArchiveStatistics,
      Make<ar::GetMonthlyStatisticsRequest>([broadband](auto& r, const SeededWorld& w, int) {
        r.set_unit_id(broadband);
        r.set_month(w.month);
      }));
  add("archive", kArchive, "SubmitMonthlyReport", kStaff,
      Make<ar::SubmitMonthlyReportRequest>([broadband](auto& r, const SeededWorld& w, int n) {
        // The seeded world submitted the report of two months back.
        r.set_unit_id(broadband);
        r.set_month(MonthsBefore(w.month, 1 + 2 * n));
        r.set_analysis("本月投诉以宽带断线为主。");
      }));
  add("archive", kArchive, "ListMonthlyReports", kArchiveStatistics,
      Make<ar::ListMonthlyReportsRequest>([broadband](auto& r, const SeededWorld& w, int) {
        r.set_unit_id(broadband);
        r.set_month(w.previous_month);
      }));
  add("archive", kArchive, "GetArchiveCompleteness", {Role::kUnitManager, Role::kArchivist},
      Make<ar::GetArchiveCompletenessRequest>([broadband](auto& r, const SeededWorld& w, int) {
        r.set_unit_id(broadband);
        r.set_month(w.month);
      }));
  return probes;
}

// Every service's declared rules: "/<service>/<method>" -> rule.
std::map<std::string, common::MethodRule> DeclaredRules() {
  std::map<std::string, common::MethodRule> rules;
  for (const common::AccessTable* table :
       {&cs::intake::IntakeAccessTable(), &cs::routing::RoutingAccessTable(),
        &cs::hotline::HotlineAccessTable(), &cs::channel::ChannelAccessTable(),
        &cs::assessment::AssessmentAccessTable(), &cs::archive::ArchiveAccessTable()}) {
    for (const common::MethodRule& rule : table->rules()) {
      rules[absl::StrCat("/", table->service(), "/", rule.method)] = rule;
    }
  }
  return rules;
}

std::string RoleNames(const std::vector<Role>& roles) {
  std::vector<std::string> names;
  for (Role role : roles) names.push_back(common::RoleName(role));
  return absl::StrJoin(names, ",");
}

// Gives a request_id field, when the request has one, a value of its own, so that no call is
// answered as a replay of another.
void GiveOwnRequestId(Message& request, int serial) {
  const google::protobuf::FieldDescriptor* field =
      request.GetDescriptor()->FindFieldByName("request_id");
  if (field == nullptr || field->type() != google::protobuf::FieldDescriptor::TYPE_STRING) return;
  request.GetReflection()->SetString(&request, field, absl::StrCat("unit-scope-", serial));
}

std::string CodeName(grpc::StatusCode code) {
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

TEST(UnitScopeE2e, Access_UnitScopedRolesActOnlyOnTheirOwnUnit) {
  const absl::Time began = absl::Now();
  SuiteOptions options;
  const std::string tokens = WriteTokenFile();
  for (const std::string& name : RunningSuite::ServiceNames()) {
    options.extra_flags[name] = {absl::StrCat("--tokens_file=", tokens)};
  }
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RunningSuite> suite, RunningSuite::Start(options));
  ASSERT_OK_AND_ASSIGN(const SeededWorld world, SeedWorld(*suite, {.spares = 2}));
  for (const std::string& skipped : world.skipped) std::cout << "seed skipped: " << skipped << "\n";

  // The declared tables decide which methods must be walked and by which roles: every OWN_UNIT
  // method, by each of its unit-scoped roles.
  std::vector<Probe> probes = Probes();
  const std::map<std::string, common::MethodRule> declared = DeclaredRules();
  std::set<std::string> walked;
  std::vector<std::string> beyond_the_table;
  std::vector<std::string> roles_from_the_table;
  for (Probe& probe : probes) {
    walked.insert(probe.path);
    auto rule = declared.find(probe.path);
    if (rule == declared.end() || rule->second.scope != common::UnitScope::kOwnUnit) {
      beyond_the_table.push_back(probe.path);
      continue;
    }
    std::vector<Role> scoped;
    for (Role role : rule->second.roles) {
      if (common::IsUnitScoped(role)) scoped.push_back(role);
    }
    std::vector<Role> ours = probe.roles;
    std::sort(ours.begin(), ours.end());
    std::vector<Role> theirs = scoped;
    std::sort(theirs.begin(), theirs.end());
    if (theirs != ours) {
      roles_from_the_table.push_back(absl::StrCat(
          probe.path, ": ", RoleNames(scoped), " (the cores admit ", RoleNames(probe.roles), ")"));
      probe.roles = scoped;
    }
  }
  std::vector<std::string> without_request;
  for (const auto& [path, rule] : declared) {
    if (rule.scope == common::UnitScope::kOwnUnit && walked.count(path) == 0) {
      without_request.push_back(path);
    }
  }
  EXPECT_TRUE(without_request.empty())
      << "OWN_UNIT methods of the declared access tables without a request in this walk ("
      << without_request.size() << "): " << absl::StrJoin(without_request, ", ");
  struct Row {
    std::string method;
    std::string role;
    grpc::StatusCode own;
    grpc::StatusCode other;
    std::string own_message;
  };
  std::vector<Row> rows;
  int calls = 0;
  int serial = 0;
  for (const Probe& probe : probes) {
    RunningSuite::Member& member = suite->service(probe.service);
    int n = 0;
    for (Role role : probe.roles) {
      const bool supervised = probe.designated_supervises && role == Role::kDesignatedUnit;
      const std::string own_token = TokenOf(role, supervised ? kDesignatedUnitId : kOwnUnit);
      const std::string other_token = TokenOf(role, kOtherUnit);
      auto call = [&](const std::string& token) {
        std::unique_ptr<Message> request = probe.build(world, n);
        GiveOwnRequestId(*request, ++serial);
        ++calls;
        if (probe.call) return probe.call(*suite, *request, token);
        return common::testing::CallWithRawBody(member.channel, probe.path,
                                                request->SerializeAsString(), token);
      };
      // Another unit's first: a mutation refused leaves the object for the own unit's call.
      const grpc::Status other = call(other_token);
      const grpc::Status own = call(own_token);
      ++n;
      const std::string who =
          absl::StrCat(probe.path, " as ", common::RoleName(role), " of ",
                       supervised ? kDesignatedUnitId : kOwnUnit, " / of ", kOtherUnit);
      EXPECT_EQ(other.error_code(), grpc::StatusCode::PERMISSION_DENIED)
          << who << ": another unit's caller was answered " << CodeName(other.error_code()) << " "
          << other.error_message();
      EXPECT_NE(own.error_code(), grpc::StatusCode::PERMISSION_DENIED)
          << who << ": the unit's own caller was refused: " << own.error_message();
      EXPECT_NE(own.error_code(), grpc::StatusCode::UNAUTHENTICATED)
          << who << ": " << own.error_message();
      rows.push_back({probe.path.substr(probe.path.find('/', 1) + 1), common::RoleName(role),
                      own.error_code(), other.error_code(), own.error_message()});
    }
  }

  std::map<grpc::StatusCode, int> own_codes;
  std::cout << "unit scope: " << probes.size() << " methods, " << rows.size()
            << " (method, role) pairs, " << calls << " calls in "
            << absl::FormatDuration(absl::Trunc(absl::Now() - began, absl::Milliseconds(1)))
            << "\n  method                          role             own                 other\n";
  for (const Row& row : rows) {
    ++own_codes[row.own];
    std::cout << "  " << row.method << std::string(std::max<int>(1, 32 - row.method.size()), ' ')
              << row.role << std::string(std::max<int>(1, 17 - row.role.size()), ' ')
              << CodeName(row.own)
              << std::string(std::max<int>(1, 20 - CodeName(row.own).size()), ' ')
              << CodeName(row.other) << "\n";
  }
  std::cout << "own-unit answers:";
  for (const auto& [code, count] : own_codes) std::cout << " " << CodeName(code) << "=" << count;
  std::cout << "\nown-unit answers other than OK:\n";
  for (const Row& row : rows) {
    if (row.own != grpc::StatusCode::OK) {
      std::cout << "  " << row.method << " as " << row.role << ": " << CodeName(row.own) << " "
                << row.own_message.substr(0, 200) << "\n";
    }
  }
  std::cout << "walked though not OWN_UNIT in the declared tables (" << beyond_the_table.size()
            << "): " << absl::StrJoin(beyond_the_table, ", ")
            << "\nroles taken from the declared tables where the walk's own list differed ("
            << roles_from_the_table.size() << "):\n";
  for (const std::string& line : roles_from_the_table) std::cout << "  " << line << "\n";
  RecordProperty("methods", static_cast<int>(probes.size()));
  RecordProperty("calls", calls);
}

}  // namespace
}  // namespace cs::e2e
