#include "tests/e2e/seeded_world.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/api/proto_time.h"
#include "common/db/connection_pool.h"
#include "common/db/transaction.h"
#include "common/grpc/client_auth.h"
#include "common/testing/wait_for.h"
#include "cs/archive/v1/archive.grpc.pb.h"
#include "cs/assessment/v1/assessment.grpc.pb.h"
#include "cs/channel/v1/channel.grpc.pb.h"
#include "cs/hotline/v1/hotline.grpc.pb.h"
#include "cs/intake/v1/intake.grpc.pb.h"
#include "cs/routing/v1/routing.grpc.pb.h"
#include "tests/e2e/hotline_as_unit.h"
#include "tests/e2e/intake_as_staff.h"

namespace cs::e2e {

cs::channel::v1::FilingForm SeededChannelForm(absl::string_view address) {
  cs::channel::v1::FilingForm form;
  form.set_unit_id(std::string(kSeededUnit));
  form.set_implementation("Webmaster 信箱");
  form.set_kind(cs::common::v1::CHANNEL_EMAIL);
  form.add_purposes(cs::channel::v1::CHANNEL_PURPOSE_CONSULTATION);
  form.add_purposes(cs::channel::v1::CHANNEL_PURPOSE_COMPLAINT);
  form.set_business_scope("宽带业务咨询与申诉");
  form.set_address(std::string(address));
  form.set_capacity("2 GB");
  form.set_service_time("7*24小时每天2次");
  form.set_staffing(cs::channel::v1::STAFFING_DEDICATED);
  form.add_assigned_staff("张三");
  form.mutable_contact()->set_person("李四");
  form.mutable_contact()->set_phone("021-5888 0001");
  form.mutable_contact()->set_email("lisi@broadband.example.cn");
  form.add_languages("zh");
  return form;
}
namespace {

using cs::archive::v1::ArchiveService;
using cs::assessment::v1::AssessmentService;
using cs::channel::v1::ChannelRegistryService;
using cs::hotline::v1::HotlineRegistryService;
using cs::intake::v1::IntakeService;
using cs::routing::v1::RoutingService;

absl::Status Failed(absl::string_view step, const grpc::Status& status) {
  return absl::Status(
      static_cast<absl::StatusCode>(status.error_code()),
      absl::StrCat("seeding the world, step \"", step, "\": ", status.error_message()));
}

// Prefixes every error of a seeding step with the step's name.
absl::Status InStep(absl::string_view step, const absl::Status& status) {
  if (status.ok()) return status;
  return absl::Status(status.code(),
                      absl::StrCat("seeding the world, step \"", step, "\": ", status.message()));
}

template <typename Stub, typename Request, typename Response>
absl::Status Call(absl::string_view step, Stub& stub,
                  grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                  absl::string_view token, const Request& request, Response* response) {
  const grpc::Status status = CallAs(stub, method, token, request, response);
  return status.ok() ? absl::OkStatus() : Failed(step, status);
}

google::protobuf::Timestamp Ts(absl::Time at) { return common::ToProtoTimestamp(at); }

// The calendar's zone (deploy/config/calendar.textproto).
absl::TimeZone Zone() {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone("Asia/Shanghai", &zone)) zone = absl::UTCTimeZone();
  return zone;
}

// The web-form complaint of unit_answers_e2e_test: it lacks what a forward needs, so its unit
// answers it itself and closes it.
cs::intake::v1::TicketInput IncompleteTicketInput() {
  cs::intake::v1::TicketInput input;
  input.set_unit_id(std::string(kSeededUnit));
  input.set_kind(cs::common::v1::TICKET_KIND_COMPLAINT);
  input.set_channel(cs::common::v1::CHANNEL_WEB_FORM);
  input.set_reply_channel(cs::common::v1::REPLY_CHANNEL_EMAIL);
  input.set_problem("网页无法打开");
  input.set_contact_person("李女士");
  input.set_email("li@example.cn");
  return input;
}

class Seeder {
 public:
  Seeder(RunningSuite& suite, const SeedOptions& options)
      : options_(options),
        intake_(IntakeService::NewStub(suite.service("intake").channel)),
        routing_(RoutingService::NewStub(suite.service("routing").channel)),
        archive_(ArchiveService::NewStub(suite.service("archive").channel)),
        hotline_(HotlineRegistryService::NewStub(suite.service("hotline-registry").channel)),
        channel_(ChannelRegistryService::NewStub(suite.service("channel-registry").channel)),
        assessment_(AssessmentService::NewStub(suite.service("assessment").channel)) {}

  absl::StatusOr<SeededWorld> Seed() {
    const absl::Time now = absl::Now();
    const absl::TimeZone zone = Zone();
    const absl::CivilMonth month(absl::ToCivilSecond(now, zone));
    world_.month = absl::FormatCivilTime(month);
    world_.previous_month = absl::FormatCivilTime(month - 1);
    previous_month_start_ = absl::FromCivil(month - 1, zone);
    if (absl::Status seeded = SeedIntake(); !seeded.ok()) return seeded;
    if (absl::Status seeded = SeedRouting(); !seeded.ok()) return seeded;
    if (absl::Status seeded = SeedArchive(); !seeded.ok()) return seeded;
    if (absl::Status seeded = SeedHotline(); !seeded.ok()) return seeded;
    if (absl::Status seeded = SeedChannel(); !seeded.ok()) return seeded;
    if (absl::Status seeded = SeedAssessment(month); !seeded.ok()) return seeded;
    return std::move(world_);
  }

 private:
  absl::StatusOr<int64_t> CreateTicket(absl::string_view step, absl::string_view token,
                                       const cs::intake::v1::TicketInput& input) {
    cs::intake::v1::CreateTicketRequest create;
    create.set_request_id(absl::StrCat("seed-", step));
    *create.mutable_ticket() = input;
    cs::intake::v1::Ticket ticket;
    if (absl::Status created =
            Call(step, *intake_, &IntakeService::Stub::CreateTicket, token, create, &ticket);
        !created.ok()) {
      return created;
    }
    return ticket.ticket_id();
  }

  // A complete ticket of `token`'s unit recorded, forwarded and confirmed by routing: (ticket id,
  // routed ticket id).
  absl::StatusOr<std::pair<int64_t, int64_t>> ForwardAndReceive(
      absl::string_view step, absl::string_view token, const cs::intake::v1::TicketInput& input) {
    absl::StatusOr<int64_t> ticket_id = CreateTicket(absl::StrCat(step, "-create"), token, input);
    if (!ticket_id.ok()) return ticket_id.status();
    cs::intake::v1::ForwardTicketRequest forward;
    forward.set_request_id(absl::StrCat("seed-", step, "-forward"));
    forward.set_ticket_id(*ticket_id);
    cs::intake::v1::Ticket forwarded;
    if (absl::Status sent = Call(absl::StrCat(step, " (forward)"), *intake_,
                                 &IntakeService::Stub::ForwardTicket, token, forward, &forwarded);
        !sent.ok()) {
      return sent;
    }
    cs::routing::v1::ListRoutedTicketsRequest list;
    list.set_ticket_id(*ticket_id);
    cs::routing::v1::ListRoutedTicketsResponse routed;
    grpc::Status last;
    const absl::Status received =
        common::testing::WaitFor(absl::StrCat("routing to receive the ticket of ", step), [&] {
          cs::intake::v1::GetTicketRequest get;
          get.set_ticket_id(*ticket_id);
          cs::intake::v1::Ticket ticket;
          last = CallAs(*intake_, &IntakeService::Stub::GetTicket, token, get, &ticket);
          if (!last.ok() || !ticket.forward().has_confirmed_at()) return false;
          last = CallAs(*routing_, &RoutingService::Stub::ListRoutedTickets, kDesignatedUnitToken,
                        list, &routed);
          return last.ok() && routed.routed_tickets_size() == 1;
        });
    if (!received.ok()) {
      return InStep(step, absl::Status(received.code(),
                                       absl::StrCat(received.message(),
                                                    " (last answer: ", last.error_message(), ")")));
    }
    return std::make_pair(*ticket_id, routed.routed_tickets(0).routed_ticket_id());
  }

  // A portal ticket the designated unit dispatched to broadband: its order id; accepted by
  // broadband's staff when `accept`.
  absl::StatusOr<std::pair<int64_t, int64_t>> Dispatch(absl::string_view step, bool accept) {
    cs::intake::v1::TicketInput input = CompleteTicketInput("portal");
    input.set_problem(absl::StrCat("网站登录后宽带账号无法绑定 ", step));
    input.set_reply_channel(cs::common::v1::REPLY_CHANNEL_EMAIL);
    input.set_email("zhang@example.cn");
    absl::StatusOr<std::pair<int64_t, int64_t>> received =
        ForwardAndReceive(step, kPortalStaffToken, input);
    if (!received.ok()) return received.status();
    cs::routing::v1::DecideTicketRequest decide;
    decide.set_request_id(absl::StrCat("seed-", step, "-decide"));
    decide.set_routed_ticket_id(received->second);
    decide.set_decision(cs::routing::v1::DECISION_INTERNAL_DISPATCH);
    decide.set_unit_id(std::string(kSeededUnit));
    decide.set_reason("宽带账号绑定由宽带业务中心处理");
    cs::routing::v1::RoutedTicket decided;
    if (absl::Status done =
            Call(absl::StrCat(step, " (dispatch to broadband)"), *routing_,
                 &RoutingService::Stub::DecideTicket, kDesignatedUnitToken, decide, &decided);
        !done.ok()) {
      return done;
    }
    if (decided.orders_size() != 1) {
      return InStep(step, absl::InternalError(absl::StrCat("the dispatch made ",
                                                           decided.orders_size(), " orders")));
    }
    const int64_t order_id = decided.orders(0).order_id();
    if (accept) {
      cs::routing::v1::AcceptDispatchOrderRequest request;
      request.set_order_id(order_id);
      cs::routing::v1::DispatchOrder order;
      if (absl::Status done = Call(absl::StrCat(step, " (accept)"), *routing_,
                                   &RoutingService::Stub::AcceptDispatchOrder, kBroadbandStaffToken,
                                   request, &order);
          !done.ok()) {
        return done;
      }
    }
    return std::make_pair(received->second, order_id);
  }

  absl::Status CloseWithoutForward(absl::string_view step, int64_t ticket_id) {
    cs::intake::v1::CloseTicketRequest close;
    close.set_request_id(absl::StrCat("seed-", step, "-close"));
    close.set_ticket_id(ticket_id);
    close.set_reply_text("您反映的网页无法打开问题已处理，如仍有问题请拨打10000。");
    close.set_reply_channel(cs::common::v1::REPLY_CHANNEL_EMAIL);
    cs::intake::v1::Ticket closed;
    return Call(step, *intake_, &IntakeService::Stub::CloseTicket, kBroadbandStaffToken, close,
                &closed);
  }

  absl::Status SeedIntake() {
    absl::StatusOr<int64_t> recorded =
        CreateTicket("ticket-recorded", kBroadbandStaffToken, CompleteTicketInput());
    if (!recorded.ok()) return recorded.status();
    world_.recorded_ticket_id = *recorded;
    absl::StatusOr<std::pair<int64_t, int64_t>> forwarded =
        ForwardAndReceive("ticket-forwarded", kBroadbandStaffToken, CompleteTicketInput());
    if (!forwarded.ok()) return forwarded.status();
    world_.forwarded_ticket_id = forwarded->first;
    world_.routed_ticket_id = forwarded->second;
    absl::StatusOr<int64_t> closed =
        CreateTicket("ticket-closed", kBroadbandStaffToken, IncompleteTicketInput());
    if (!closed.ok()) return closed.status();
    world_.closed_ticket_id = *closed;
    if (absl::Status done = CloseWithoutForward("ticket-closed", *closed); !done.ok()) return done;
    for (int i = 0; i < options_.spares; ++i) {
      absl::StatusOr<int64_t> to_forward = CreateTicket(
          absl::StrCat("ticket-to-forward-", i), kBroadbandStaffToken, CompleteTicketInput());
      if (!to_forward.ok()) return to_forward.status();
      world_.tickets_to_forward.push_back(*to_forward);
      absl::StatusOr<int64_t> to_close = CreateTicket(
          absl::StrCat("ticket-to-close-", i), kBroadbandStaffToken, IncompleteTicketInput());
      if (!to_close.ok()) return to_close.status();
      world_.tickets_to_close.push_back(*to_close);
    }
    return absl::OkStatus();
  }

  absl::Status SeedRouting() {
    absl::StatusOr<std::pair<int64_t, int64_t>> dispatched = Dispatch("order-replied", true);
    if (!dispatched.ok()) return dispatched.status();
    world_.dispatched_routed_ticket_id = dispatched->first;
    world_.replied_order_id = dispatched->second;
    cs::routing::v1::ReplyToDispatchOrderRequest reply;
    reply.set_request_id("seed-order-replied-reply");
    reply.set_order_id(world_.replied_order_id);
    reply.set_handling_result("宽带账号已重新绑定，用户可正常登录。");
    cs::routing::v1::DispatchOrder order;
    if (absl::Status done =
            Call("order-replied (reply)", *routing_, &RoutingService::Stub::ReplyToDispatchOrder,
                 kBroadbandStaffToken, reply, &order);
        !done.ok()) {
      return done;
    }
    // The reply's delivery, when routing makes one for the reply channel.
    cs::routing::v1::ListDeliveriesRequest deliveries;
    deliveries.set_routed_ticket_id(world_.dispatched_routed_ticket_id);
    cs::routing::v1::ListDeliveriesResponse listed;
    if (absl::Status done =
            Call("deliveries of the reply", *routing_, &RoutingService::Stub::ListDeliveries,
                 kCsCenterToken, deliveries, &listed);
        !done.ok()) {
      return done;
    }
    if (listed.deliveries_size() > 0) {
      world_.delivery_id = listed.deliveries(0).delivery_id();
    } else {
      world_.skipped.push_back("delivery: routing made none for the reply");
    }
    // An escalation to the telecom company, for the designated unit to acknowledge: wanted, not
    // needed.
    absl::StatusOr<std::pair<int64_t, int64_t>> to_escalate =
        ForwardAndReceive("order-escalated", kBroadbandStaffToken, CompleteTicketInput());
    if (!to_escalate.ok()) return to_escalate.status();
    cs::routing::v1::DecideTicketRequest escalate;
    escalate.set_request_id("seed-order-escalated-decide");
    escalate.set_routed_ticket_id(to_escalate->second);
    escalate.set_decision(cs::routing::v1::DECISION_ESCALATE_TO_TELECOM);
    escalate.set_reason("跨省线路故障，需电信公司处理");
    cs::routing::v1::RoutedTicket escalated;
    if (const grpc::Status status = CallAs(*routing_, &RoutingService::Stub::DecideTicket,
                                           kDesignatedUnitToken, escalate, &escalated);
        !status.ok() || escalated.orders_size() != 1) {
      world_.skipped.push_back(absl::StrCat("order-escalated: ", status.error_message(), " (",
                                            escalated.orders_size(), " orders)"));
    } else {
      world_.escalated_order_id = escalated.orders(0).order_id();
    }
    for (int i = 0; i < options_.spares; ++i) {
      absl::StatusOr<std::pair<int64_t, int64_t>> to_decide = ForwardAndReceive(
          absl::StrCat("routed-to-decide-", i), kBroadbandStaffToken, CompleteTicketInput());
      if (!to_decide.ok()) return to_decide.status();
      world_.routed_tickets_to_decide.push_back(to_decide->second);
      absl::StatusOr<std::pair<int64_t, int64_t>> to_accept =
          Dispatch(absl::StrCat("order-to-accept-", i), false);
      if (!to_accept.ok()) return to_accept.status();
      world_.orders_to_accept.push_back(to_accept->second);
      absl::StatusOr<std::pair<int64_t, int64_t>> to_reply =
          Dispatch(absl::StrCat("order-to-reply-", i), true);
      if (!to_reply.ok()) return to_reply.status();
      world_.orders_to_reply.push_back(to_reply->second);
    }
    return absl::OkStatus();
  }

  absl::Status SeedArchive() {
    cs::archive::v1::SearchRecordsRequest search;
    search.set_ticket_id(world_.closed_ticket_id);
    search.set_reason("e2e: seeding, find the closed ticket's record");
    cs::archive::v1::SearchRecordsResponse found;
    grpc::Status last;
    const absl::Status archived = common::testing::WaitFor("the closed ticket in the archive", [&] {
      last = CallAs(*archive_, &ArchiveService::Stub::SearchRecords, kBroadbandArchivistToken,
                    search, &found);
      return last.ok() && found.records_size() > 0;
    });
    if (!archived.ok()) {
      return InStep("record-archived",
                    absl::Status(archived.code(),
                                 absl::StrCat(archived.message(),
                                              " (last answer: ", last.error_message(), ")")));
    }
    world_.record_id = found.records(0).record_id();
    cs::archive::v1::GetRecordRequest get;
    get.set_record_id(world_.record_id);
    get.set_reason("e2e: seeding, read the archived ticket");
    cs::archive::v1::ArchivedRecord record;
    if (absl::Status done = Call("record-archived (read)", *archive_,
                                 &ArchiveService::Stub::GetRecord, kCsCenterToken, get, &record);
        !done.ok()) {
      return done;
    }
    world_.archived_ticket = record.ticket();
    cs::archive::v1::SetLegalHoldRequest hold;
    hold.set_record_id(world_.record_id);
    hold.set_hold(true);
    hold.set_reason("e2e: seeding, a record under legal hold");
    cs::archive::v1::ArchivedRecord held;
    if (absl::Status done = Call("record-legal-hold", *archive_,
                                 &ArchiveService::Stub::SetLegalHold, kCsCenterToken, hold, &held);
        !done.ok()) {
      return done;
    }
    // A report of two months back, so the month before stays open for tests to submit.
    cs::archive::v1::SubmitMonthlyReportRequest report;
    report.set_request_id("seed-archive-report");
    report.set_unit_id(std::string(kSeededUnit));
    absl::CivilMonth previous;
    absl::ParseCivilTime(world_.previous_month, &previous);
    report.set_month(absl::FormatCivilTime(previous - 1));
    report.set_analysis("投诉以宽带断线为主，已安排线路整治。");
    cs::archive::v1::MonthlyReportStatus status;
    return Call("archive-report", *archive_, &ArchiveService::Stub::SubmitMonthlyReport,
                kBroadbandManagerToken, report, &status);
  }

  absl::StatusOr<std::string> RegisterHotline(absl::string_view step, absl::string_view number) {
    cs::hotline::v1::RegisterHotlineRequest registration;
    registration.set_request_id(absl::StrCat("seed-", step));
    // kSeededUnit is broadband.
    *registration.mutable_form() =
        BroadbandHotlineForm(number, absl::Now() - absl::Hours(24 * 365));
    cs::hotline::v1::Hotline filed;
    if (absl::Status done = Call(step, *hotline_, &HotlineRegistryService::Stub::RegisterHotline,
                                 kBroadbandStaffToken, registration, &filed);
        !done.ok()) {
      return done;
    }
    return filed.hotline_id();
  }

  // Registered by the staff, signed by the manager, approved by the CS center.
  absl::StatusOr<std::string> ApprovedHotline(absl::string_view step, absl::string_view number) {
    absl::StatusOr<std::string> id = RegisterHotline(step, number);
    if (!id.ok()) return id.status();
    cs::hotline::v1::SignFormRequest sign;
    sign.set_hotline_id(*id);
    sign.set_form(cs::hotline::v1::FORM_KIND_REGISTRATION);
    cs::hotline::v1::Hotline hotline;
    if (absl::Status done =
            Call(absl::StrCat(step, " (sign)"), *hotline_, &HotlineRegistryService::Stub::SignForm,
                 kBroadbandManagerToken, sign, &hotline);
        !done.ok()) {
      return done;
    }
    cs::hotline::v1::DecideRegistrationRequest approve;
    approve.set_hotline_id(*id);
    approve.set_approve(true);
    if (absl::Status done = Call(absl::StrCat(step, " (approve)"), *hotline_,
                                 &HotlineRegistryService::Stub::DecideRegistration, kCsCenterToken,
                                 approve, &hotline);
        !done.ok()) {
      return done;
    }
    return *id;
  }

  absl::Status SeedHotline() {
    absl::StatusOr<std::string> id = ApprovedHotline("hotline", "021-5888 4321");
    if (!id.ok()) return id.status();
    world_.hotline_id = *id;
    cs::hotline::v1::Hotline hotline;

    // A cancellation a month ahead, filed (not yet signed or decided).
    cs::hotline::v1::FileChangeRequest change;
    change.set_request_id("seed-hotline-change");
    change.set_hotline_id(world_.hotline_id);
    *change.mutable_form()->mutable_change_at() = Ts(absl::Now() + absl::Hours(24 * 30));
    change.mutable_form()->set_item(cs::hotline::v1::CHANGE_ITEM_CANCELLATION);
    change.mutable_form()->set_reason("业务合并，停止服务");
    change.mutable_form()->set_handler("王五");
    if (absl::Status done =
            Call("hotline-change", *hotline_, &HotlineRegistryService::Stub::FileChange,
                 kBroadbandStaffToken, change, &hotline);
        !done.ok()) {
      return done;
    }
    if (hotline.changes_size() == 0) {
      return InStep("hotline-change", absl::InternalError("the hotline shows no change"));
    }
    world_.change_id = hotline.changes(hotline.changes_size() - 1).change_id();

    cs::hotline::v1::RegisterStaffRequest staff;
    staff.set_request_id("seed-hotline-staff");
    world_.staff_number = "9001";
    staff.mutable_staff()->set_unit_id(std::string(kSeededUnit));
    staff.mutable_staff()->set_staff_number(world_.staff_number);
    staff.mutable_staff()->set_name("话务员9001");
    for (cs::hotline::v1::TrainingSubject subject :
         {cs::hotline::v1::TRAINING_SUBJECT_BUSINESS, cs::hotline::v1::TRAINING_SUBJECT_RULES,
          cs::hotline::v1::TRAINING_SUBJECT_PHRASES,
          cs::hotline::v1::TRAINING_SUBJECT_COMMUNICATION}) {
      cs::hotline::v1::Training* training = staff.mutable_staff()->add_trainings();
      training->set_subject(subject);
      *training->mutable_completed_on() = Ts(absl::Now() - absl::Hours(24 * 30));
      training->set_trainer("培训中心");
    }
    cs::hotline::v1::StaffMember member;
    if (absl::Status done =
            Call("hotline-staff", *hotline_, &HotlineRegistryService::Stub::RegisterStaff,
                 kBroadbandStaffToken, staff, &member);
        !done.ok()) {
      return done;
    }

    // Tomorrow's roster with that staff member, the report of three months back (the later months
    // stay open for tests to submit), and a call's phrase score.
    const absl::TimeZone zone = Zone();
    const absl::CivilDay tomorrow = absl::ToCivilDay(absl::Now(), zone) + 1;
    cs::hotline::v1::SetDutyRosterRequest roster;
    roster.set_request_id("seed-hotline-roster");
    roster.mutable_roster()->set_hotline_id(world_.hotline_id);
    roster.mutable_roster()->set_day(absl::FormatCivilTime(tomorrow));
    cs::hotline::v1::DutyShift& shift = *roster.mutable_roster()->add_shifts();
    shift.set_staff_number(world_.staff_number);
    *shift.mutable_starts_at() = Ts(absl::FromCivil(absl::CivilHour(tomorrow) + 9, zone));
    *shift.mutable_ends_at() = Ts(absl::FromCivil(absl::CivilHour(tomorrow) + 12, zone));
    cs::hotline::v1::DutyRoster set;
    if (absl::Status done =
            Call("hotline-roster", *hotline_, &HotlineRegistryService::Stub::SetDutyRoster,
                 kBroadbandStaffToken, roster, &set);
        !done.ok()) {
      return done;
    }
    cs::hotline::v1::SubmitOperatingReportRequest report;
    report.set_request_id("seed-hotline-report");
    report.set_hotline_id(world_.hotline_id);
    absl::CivilMonth previous;
    absl::ParseCivilTime(world_.previous_month, &previous);
    report.set_month(absl::FormatCivilTime(previous - 2));
    report.set_remarks("运行正常");
    cs::hotline::v1::OperatingReport submitted;
    if (absl::Status done =
            Call("hotline-report", *hotline_, &HotlineRegistryService::Stub::SubmitOperatingReport,
                 kBroadbandStaffToken, report, &submitted);
        !done.ok()) {
      return done;
    }
    world_.call_id = "seed-call-1";
    cs::hotline::v1::ScoreCallRequest score;
    score.set_hotline_id(world_.hotline_id);
    score.set_call_id(world_.call_id);
    score.set_agent_staff_number(world_.staff_number);
    auto turn = [&](cs::hotline::v1::Speaker speaker, double at, const char* text) {
      cs::hotline::v1::Turn& added = *score.add_turns();
      added.set_speaker(speaker);
      added.set_at_seconds(at);
      added.set_text(text);
    };
    turn(cs::hotline::v1::SPEAKER_AGENT, 1,
         "您好，这里是上海电信公司宽带业务部门，工号9001号，请问您需要什么帮助吗？");
    turn(cs::hotline::v1::SPEAKER_CALLER, 5, "你好，我家宽带上不了网。");
    turn(cs::hotline::v1::SPEAKER_AGENT, 10, "线路正在抢修，预计今晚八点前恢复。");
    turn(cs::hotline::v1::SPEAKER_AGENT, 17, "谢谢您的来电！再见。");
    for (auto [kind, at] : {std::pair{cs::hotline::v1::CALL_EVENT_KIND_ANSWERED, 0.0},
                            std::pair{cs::hotline::v1::CALL_EVENT_KIND_ENDED, 20.0}}) {
      cs::hotline::v1::CallEvent& event = *score.add_events();
      event.set_kind(kind);
      event.set_at_seconds(at);
    }
    cs::hotline::v1::PhraseScore scored;
    if (absl::Status done =
            Call("hotline-score", *hotline_, &HotlineRegistryService::Stub::ScoreCall,
                 kBroadbandStaffToken, score, &scored);
        !done.ok()) {
      return done;
    }

    // One answered call, streamed in as the phone system would.
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    common::AttachBearerToken(context, kBroadbandStaffToken);
    cs::hotline::v1::IngestCallRecordsResponse ingested;
    auto writer = hotline_->IngestCallRecords(&context, &ingested);
    cs::hotline::v1::IngestCallRecordsRequest records;
    cs::hotline::v1::CallRecord* record = records.add_records();
    record->set_hotline_id(world_.hotline_id);
    record->set_call_id(world_.call_id);
    *record->mutable_offered_at() = Ts(absl::Now() - absl::Seconds(5));
    record->set_outcome(cs::hotline::v1::CALL_OUTCOME_ANSWERED);
    record->set_wait_seconds(3);
    record->set_agent_staff_number(world_.staff_number);
    writer->Write(records);
    writer->WritesDone();
    if (const grpc::Status finished = writer->Finish(); !finished.ok()) {
      // Not needed for the world to exist: the call's score and review reach it without it.
      world_.skipped.push_back(
          absl::StrCat("hotline-call: ", finished.error_code(), " ", finished.error_message()));
    } else if (ingested.stored() != 1) {
      return InStep("hotline-call",
                    absl::InternalError(absl::StrCat("stored ", ingested.stored(),
                                                     " of 1: ", ingested.ShortDebugString())));
    }

    for (int i = 0; i < options_.spares; ++i) {
      absl::StatusOr<std::string> spare =
          RegisterHotline(absl::StrCat("hotline-to-sign-", i), absl::StrCat("021-5888 43", 50 + i));
      if (!spare.ok()) return spare.status();
      world_.hotlines_to_sign.push_back(*spare);
      absl::StatusOr<std::string> to_change = ApprovedHotline(absl::StrCat("hotline-to-change-", i),
                                                              absl::StrCat("021-5888 43", 70 + i));
      if (!to_change.ok()) return to_change.status();
      world_.hotlines_to_change.push_back(*to_change);
    }
    return absl::OkStatus();
  }

  absl::StatusOr<std::string> FileChannel(absl::string_view step, absl::string_view address) {
    cs::channel::v1::FileChannelRequest file;
    file.set_request_id(absl::StrCat("seed-", step));
    *file.mutable_form() = SeededChannelForm(address);
    cs::channel::v1::OnlineChannel channel;
    if (absl::Status done = Call(step, *channel_, &ChannelRegistryService::Stub::FileChannel,
                                 kBroadbandStaffToken, file, &channel);
        !done.ok()) {
      return done;
    }
    return channel.channel_id();
  }

  absl::StatusOr<std::string> OpenFault(absl::string_view step) {
    cs::channel::v1::OpenFaultRequest open;
    open.set_request_id(absl::StrCat("seed-", step));
    open.set_channel_id(world_.channel_id);
    open.set_description(absl::StrCat("信箱无法收信 (", step, ")"));
    cs::channel::v1::Fault fault;
    if (absl::Status done = Call(step, *channel_, &ChannelRegistryService::Stub::OpenFault,
                                 kBroadbandStaffToken, open, &fault);
        !done.ok()) {
      return done;
    }
    return fault.fault_id();
  }

  absl::Status SeedChannel() {
    absl::StatusOr<std::string> id = FileChannel("channel", "webmaster@broadband.example.cn");
    if (!id.ok()) return id.status();
    world_.channel_id = *id;
    cs::channel::v1::AcknowledgeFilingRequest acknowledge;
    acknowledge.set_request_id("seed-channel-acknowledge");
    acknowledge.set_channel_id(world_.channel_id);
    cs::channel::v1::OnlineChannel channel;
    if (absl::Status done = Call("channel (acknowledge)", *channel_,
                                 &ChannelRegistryService::Stub::AcknowledgeFiling, kCsCenterToken,
                                 acknowledge, &channel);
        !done.ok()) {
      return done;
    }
    absl::StatusOr<std::string> fault = OpenFault("channel-fault");
    if (!fault.ok()) return fault.status();
    world_.fault_id = *fault;
    cs::channel::v1::RecordCheckRequest check;
    check.set_request_id("seed-channel-check");
    check.set_channel_id(world_.channel_id);
    check.set_checked_by("张三");  // one of the channel's assigned staff (A3 7.5.3)
    cs::channel::v1::Check recorded;
    if (absl::Status done =
            Call("channel-check", *channel_, &ChannelRegistryService::Stub::RecordCheck,
                 kBroadbandStaffToken, check, &recorded);
        !done.ok()) {
      return done;
    }
    cs::channel::v1::RecordUsageSampleRequest sample;
    sample.set_request_id("seed-channel-sample");
    sample.set_channel_id(world_.channel_id);
    *sample.mutable_sample()->mutable_sampled_at() = Ts(absl::Now() - absl::Minutes(1));
    sample.mutable_sample()->set_used(900);
    sample.mutable_sample()->set_capacity(1000);
    cs::channel::v1::CapacityForecast forecast;
    if (absl::Status done =
            Call("channel-usage", *channel_, &ChannelRegistryService::Stub::RecordUsageSample,
                 kBroadbandStaffToken, sample, &forecast);
        !done.ok()) {
      return done;
    }
    cs::channel::v1::RequestCapacityAssistanceRequest assistance;
    assistance.set_request_id("seed-channel-assistance");
    assistance.set_channel_id(world_.channel_id);
    assistance.set_text("信箱容量将满，请求扩容");
    cs::channel::v1::AssistanceRequest requested;
    if (absl::Status done = Call("channel-assistance", *channel_,
                                 &ChannelRegistryService::Stub::RequestCapacityAssistance,
                                 kBroadbandStaffToken, assistance, &requested);
        !done.ok()) {
      return done;
    }
    cs::channel::v1::ReportUnfiledChannelRequest unfiled;
    unfiled.set_request_id("seed-channel-unfiled");
    unfiled.set_unit_id(std::string(kSeededUnit));
    unfiled.set_kind(cs::common::v1::CHANNEL_GUESTBOOK);
    unfiled.set_address("https://broadband.example.cn/guestbook");
    unfiled.set_finding("留言簿未登记");
    cs::channel::v1::UnfiledChannel reported;
    if (absl::Status done =
            Call("channel-unfiled", *channel_, &ChannelRegistryService::Stub::ReportUnfiledChannel,
                 kCsCenterToken, unfiled, &reported);
        !done.ok()) {
      return done;
    }
    for (int i = 0; i < options_.spares; ++i) {
      absl::StatusOr<std::string> spare =
          FileChannel(absl::StrCat("channel-to-retire-", i),
                      absl::StrCat("retire", i, "@broadband.example.cn"));
      if (!spare.ok()) return spare.status();
      world_.channels_to_retire.push_back(*spare);
      absl::StatusOr<std::string> open = OpenFault(absl::StrCat("fault-to-close-", i));
      if (!open.ok()) return open.status();
      world_.faults_to_close.push_back(*open);
    }
    return absl::OkStatus();
  }

  absl::StatusOr<std::string> IssueNotice(absl::string_view step) {
    cs::assessment::v1::IssueRectificationNoticeRequest issue;
    issue.set_request_id(absl::StrCat("seed-", step));
    issue.set_unit_id(std::string(kSeededUnit));
    issue.set_finding("热线接通率连续两周低于 80%");
    issue.set_clause("A2 7.5");
    issue.set_evidence("话务统计");
    cs::assessment::v1::RectificationNotice notice;
    if (absl::Status done =
            Call(step, *assessment_, &AssessmentService::Stub::IssueRectificationNotice,
                 kCsCenterToken, issue, &notice);
        !done.ok()) {
      return done;
    }
    return notice.notice_id();
  }

  absl::StatusOr<std::string> SubmitReview(absl::string_view step) {
    cs::assessment::v1::SubmitLaunchReviewRequest submit;
    submit.set_request_id(absl::StrCat("seed-", step));
    submit.mutable_review()->set_unit_id(std::string(kSeededUnit));
    submit.mutable_review()->set_change(absl::StrCat("宽带报修页面改版 (", step, ")"));
    *submit.mutable_review()->mutable_planned_launch() = Ts(absl::Now() + absl::Hours(24 * 10));
    cs::assessment::v1::LaunchReview review;
    if (absl::Status done = Call(step, *assessment_, &AssessmentService::Stub::SubmitLaunchReview,
                                 kBroadbandStaffToken, submit, &review);
        !done.ok()) {
      return done;
    }
    return review.review_id();
  }

  absl::Status SeedAssessment(absl::CivilMonth month) {
    absl::StatusOr<std::string> notice = IssueNotice("notice");
    if (!notice.ok()) return notice.status();
    world_.notice_id = *notice;
    cs::assessment::v1::AcknowledgeNoticeRequest acknowledge;
    acknowledge.set_request_id("seed-notice-acknowledge");
    acknowledge.set_notice_id(world_.notice_id);
    cs::assessment::v1::RectificationNotice received;
    if (absl::Status done =
            Call("notice (acknowledge)", *assessment_, &AssessmentService::Stub::AcknowledgeNotice,
                 kBroadbandStaffToken, acknowledge, &received);
        !done.ok()) {
      return done;
    }

    const absl::Time now = absl::Now();
    cs::assessment::v1::FileMaintenanceNoticeRequest file;
    file.set_request_id("seed-maintenance");
    cs::assessment::v1::MaintenanceNotice& work = *file.mutable_notice();
    work.set_unit_id(std::string(kSeededUnit));
    work.set_kind(cs::assessment::v1::WORK_KIND_CUT_OVER);
    work.set_description("汇聚交换机割接");
    *work.mutable_starts_at() = Ts(now + absl::Hours(24 * 5));
    *work.mutable_ends_at() = Ts(now + absl::Hours(24 * 5 + 2));
    work.set_affected_users("浦东 3 个小区宽带用户");
    work.set_affected_user_count(1200);
    work.add_windows_told("10000");
    *work.mutable_users_notified_at() = Ts(now);
    cs::assessment::v1::MaintenanceNotice filed;
    if (absl::Status done =
            Call("maintenance", *assessment_, &AssessmentService::Stub::FileMaintenanceNotice,
                 kBroadbandStaffToken, file, &filed);
        !done.ok()) {
      return done;
    }
    world_.maintenance_id = filed.notice_id();

    absl::StatusOr<std::string> review = SubmitReview("launch-review");
    if (!review.ok()) return review.status();
    world_.review_id = *review;

    cs::assessment::v1::RecordSurveyRequest survey;
    survey.set_request_id("seed-survey");
    cs::assessment::v1::Survey& summary = *survey.mutable_survey();
    summary.set_unit_id(std::string(kSeededUnit));
    summary.set_method(cs::assessment::v1::SURVEY_METHOD_PHONE);
    *summary.mutable_period()->mutable_start() = Ts(previous_month_start_);
    *summary.mutable_period()->mutable_end() = Ts(previous_month_start_ + absl::Hours(24 * 14));
    summary.set_sample_size(200);
    summary.set_score(4.3);
    summary.set_scale(5);
    cs::assessment::v1::Survey recorded;
    if (absl::Status done = Call("survey", *assessment_, &AssessmentService::Stub::RecordSurvey,
                                 kBroadbandStaffToken, survey, &recorded);
        !done.ok()) {
      return done;
    }
    world_.survey_id = recorded.survey_id();

    cs::assessment::v1::RegisterPartnerRequest partner;
    partner.set_request_id("seed-partner");
    partner.mutable_partner()->set_unit_id(std::string(kSeededUnit));
    partner.mutable_partner()->set_name("浦东装维代理");
    partner.mutable_partner()->set_kind(cs::assessment::v1::PARTNER_KIND_AGENT);
    partner.mutable_partner()->set_service_standard("装机 48 小时内上门");
    partner.mutable_partner()->set_meets_company_standard(true);
    cs::assessment::v1::Partner registered;
    if (absl::Status done = Call("partner", *assessment_, &AssessmentService::Stub::RegisterPartner,
                                 kBroadbandManagerToken, partner, &registered);
        !done.ok()) {
      return done;
    }
    world_.partner_id = registered.partner_id();

    cs::assessment::v1::AssignTaskRequest task;
    task.set_request_id("seed-task");
    task.mutable_task()->set_unit_id(std::string(kSeededUnit));
    task.mutable_task()->set_title("宽带提速专项检查");
    *task.mutable_task()->mutable_due_at() = Ts(now + absl::Hours(24 * 20));
    cs::assessment::v1::SpecialTask assigned;
    if (absl::Status done = Call("task", *assessment_, &AssessmentService::Stub::AssignTask,
                                 kCsCenterToken, task, &assigned);
        !done.ok()) {
      return done;
    }
    world_.task_id = assigned.task_id();

    // A scorecard of two months back (the month before may not be due yet): wanted, not needed.
    cs::assessment::v1::ComputeScorecardRequest compute;
    compute.set_request_id("seed-scorecard");
    compute.set_unit_id(std::string(kSeededUnit));
    compute.set_month(absl::FormatCivilTime(month - 2));
    cs::assessment::v1::Scorecard scorecard;
    if (const grpc::Status status = CallAs(*assessment_, &AssessmentService::Stub::ComputeScorecard,
                                           kCsCenterToken, compute, &scorecard);
        !status.ok()) {
      world_.skipped.push_back(absl::StrCat("scorecard: ", status.error_message()));
    }

    for (int i = 0; i < options_.spares; ++i) {
      absl::StatusOr<std::string> spare = IssueNotice(absl::StrCat("notice-to-acknowledge-", i));
      if (!spare.ok()) return spare.status();
      world_.notices_to_acknowledge.push_back(*spare);
      absl::StatusOr<std::string> to_launch = SubmitReview(absl::StrCat("review-to-launch-", i));
      if (!to_launch.ok()) return to_launch.status();
      world_.reviews_to_launch.push_back(*to_launch);
    }
    return absl::OkStatus();
  }

  const SeedOptions options_;
  std::unique_ptr<IntakeService::Stub> intake_;
  std::unique_ptr<RoutingService::Stub> routing_;
  std::unique_ptr<ArchiveService::Stub> archive_;
  std::unique_ptr<HotlineRegistryService::Stub> hotline_;
  std::unique_ptr<ChannelRegistryService::Stub> channel_;
  std::unique_ptr<AssessmentService::Stub> assessment_;
  absl::Time previous_month_start_;
  SeededWorld world_;
};

}  // namespace

// Undelivered outbox messages of `member`'s schema; -1 when it cannot be read.
int64_t PendingOutboxMessages(RunningSuite::Member& member) {
  common::db::MySqlOptions db = member.mysql;
  db.pool_size = 1;
  absl::StatusOr<std::unique_ptr<common::db::ConnectionPool>> pool =
      common::db::ConnectionPool::Create(db);
  if (!pool.ok()) return -1;
  absl::StatusOr<int64_t> pending = common::db::RunInTransaction(
      **pool, [](common::db::Transaction& tx) -> absl::StatusOr<int64_t> {
        std::unique_ptr<sql::PreparedStatement> count =
            tx.Prepare("SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL");
        std::unique_ptr<sql::ResultSet> rows(count->executeQuery());
        rows->next();
        return rows->getInt64(1);
      });
  return pending.ok() ? *pending : -1;
}

absl::Status WaitUntilSettled(RunningSuite& suite) {
  // A message in flight is an undelivered row of its sender until the receiver has committed (and
  // written its own answer to its outbox in that transaction), so every outbox empty at several
  // polls in a row means no delivery is under way.
  int quiet_rounds = 0;
  return common::testing::WaitFor("every service's outbox drained", [&] {
    for (const std::string& name : RunningSuite::ServiceNames()) {
      if (PendingOutboxMessages(suite.service(name)) != 0) {
        quiet_rounds = 0;
        return false;
      }
    }
    return ++quiet_rounds >= 5;
  });
}

absl::StatusOr<SeededWorld> SeedWorld(RunningSuite& suite, const SeedOptions& options) {
  absl::StatusOr<SeededWorld> world = Seeder(suite, options).Seed();
  if (!world.ok()) return world;
  if (absl::Status settled = WaitUntilSettled(suite); !settled.ok()) return settled;
  return world;
}

}  // namespace cs::e2e
