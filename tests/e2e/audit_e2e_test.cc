// Issue 16, "Audit": on the six real binaries with a seeded world (seeded_world.h) and a few more
// changes, every method of every service the binary serves is walked from the proto descriptors.
// A method that changes something (no `idempotency_level = NO_SIDE_EFFECTS`) and was answered OK
// n times by the server's own count (cs_grpc_server_handled_total) has between 1 and n rows in its
// schema's audit_log (a replay answers OK without a new row), each naming its caller, role, target,
// result OK, a time within the test and the request_id the call carried; a read has none; no row
// names a method the binary does not serve. Every changing method of every binary must have been
// answered OK at least once — the test makes the states each needs (a record past its retention
// and a finished month on the services' test clocks, a reply due for a gateway, a finding, …) —
// except the few on the declared exemption list (Exemptions()), each with its reason. Then each
// service's own database account is refused UPDATE and DELETE on its audit_log (MySQL error 1142):
// the trail is append-only.
#include <cppconn/exception.h>
#include <cppconn/resultset.h>

#include <algorithm>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/api/proto_time.h"
#include "common/db/connection_pool.h"
#include "common/db/sql_time.h"
#include "common/db/transaction.h"
#include "common/status/status_macros.h"
#include "common/testclock/test_clock_client.h"
#include "common/testing/http_get.h"
#include "common/testing/metrics_text.h"
#include "common/testing/raw_call.h"
#include "common/testing/status_matchers.h"
#include "common/testing/wait_for.h"
#include "cs/archive/v1/archive.grpc.pb.h"
#include "cs/assessment/v1/assessment.grpc.pb.h"
#include "cs/channel/v1/channel.pb.h"
#include "cs/common/v1/calendar_admin.pb.h"
#include "cs/hotline/v1/hotline.pb.h"
#include "cs/intake/v1/intake.grpc.pb.h"
#include "cs/routing/v1/routing.grpc.pb.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"
#include "google/protobuf/message.h"
#include "gtest/gtest.h"
#include "tests/e2e/intake_as_staff.h"
#include "tests/e2e/running_suite.h"
#include "tests/e2e/seeded_world.h"
#include "tests/e2e/suite_access.h"

namespace cs::e2e {
namespace {

using google::protobuf::Message;
using google::protobuf::MethodDescriptor;
using google::protobuf::ServiceDescriptor;

// The counter every server's interceptor keeps (common/grpc/rpc_interceptor.h).
constexpr absl::string_view kHandled = "cs_grpc_server_handled_total";

// deploy/config/dev-tokens.md, besides those of running_suite.h.
constexpr absl::string_view kOfficeToken = "dev-office-f17b0ae598306574cd1d23f8";

// A changing method that need not have been answered OK here, and why.
struct Exemption {
  std::string service;  // full name
  std::string method;
  // False: it changes no database, so it must have no audit row even when called.
  bool writes_database = false;
  std::string reason;
};

const std::vector<Exemption>& Exemptions() {
  static const auto* exemptions = new std::vector<Exemption>{
      {"cs.common.v1.CalendarAdmin", "ReloadCalendar", false,
       "re-reads the calendar file into memory and changes no database: its record is its log "
       "line (calendar_reloaded or calendar_reload_unchanged) naming the trigger rpc:<user>"},
      {"cs.common.v1.TestClock", "SetTime", false, "test-only: moves an in-memory clock"},
      {"cs.common.v1.TestClock", "AdvanceTime", false, "test-only: moves an in-memory clock"},
      {"cs.common.v1.OutboxAdmin", "RetryDeadLetter", true,
       "needs a dead letter, a message its receiver refused permanently, which the suite's own "
       "services never do; its audit row is proved in IntakeIntegrationTest."
       "I4_ForwardRoutingRefusesBecomesADeadLetterAnOperatorRetries (the OutboxAdmin intake and "
       "routing share)"},
  };
  return *exemptions;
}

const Exemption* ExemptionOf(const ServiceDescriptor& service, const MethodDescriptor& method) {
  for (const Exemption& exemption : Exemptions()) {
    if (exemption.service == service.full_name() && exemption.method == method.name()) {
      return &exemption;
    }
  }
  return nullptr;
}

// deploy/config/tokens.textproto: the user each development token stands for.
const std::map<std::string, std::string>& UserOfToken() {
  static const auto* users = new std::map<std::string, std::string>{
      {std::string(kCsCenterToken), "cs-center"},
      {std::string(kDesignatedUnitToken), "service-desk"},
      {std::string(kBroadbandStaffToken), "broadband-staff"},
      {std::string(kBroadbandManagerToken), "broadband-manager"},
      {std::string(kBroadbandArchivistToken), "broadband-archivist"},
      {std::string(kPortalStaffToken), "portal-staff"},
      {std::string(kOfficeToken), "office"},
      {std::string(kMailGatewayToken), "svc-mail-gateway"},
      {std::string(kIntakeServiceToken), "svc-intake"},
      {std::string(kRoutingServiceToken), "svc-routing"},
      {std::string(kAssessmentServiceToken), "svc-assessment"},
  };
  return *users;
}

// Who changes what in this test: the seeded world's calls (seeded_world.cc), the calls below, and
// the services' calls to each other. "<binary>/<method>" -> the users whose rows it may have.
const std::map<std::string, std::set<std::string>>& ExpectedPrincipals() {
  static const auto* expected = new std::map<std::string, std::set<std::string>>{
      {"intake/CreateTicket", {"broadband-staff", "portal-staff"}},
      {"intake/ForwardTicket", {"broadband-staff", "portal-staff"}},
      {"intake/CloseTicket", {"broadband-staff"}},
      {"intake/UpdateTicket", {"broadband-staff"}},
      {"intake/ReportTicketOutcome", {"svc-routing"}},
      {"routing/ReceiveForwardedTicket", {"svc-intake"}},
      {"routing/DecideTicket", {"service-desk"}},
      {"routing/AcceptDispatchOrder", {"broadband-staff"}},
      {"routing/ReplyToDispatchOrder", {"broadband-staff"}},
      {"routing/AcknowledgeEscalation", {"service-desk"}},
      {"routing/PullDeliveries", {"svc-mail-gateway"}},
      {"routing/AckDelivery", {"svc-mail-gateway"}},
      {"archive/ArchiveRecord", {"svc-intake"}},
      {"archive/SetLegalHold", {"cs-center"}},
      {"archive/SubmitMonthlyReport", {"broadband-manager"}},
      {"archive/CorrectRecord", {"broadband-manager"}},
      {"archive/SetUnitRetention", {"cs-center"}},
      {"archive/DestroyRecord", {"broadband-archivist"}},
      {"hotline-registry/RegisterHotline", {"broadband-staff"}},
      {"hotline-registry/SignForm", {"broadband-manager"}},
      {"hotline-registry/DecideRegistration", {"cs-center"}},
      {"hotline-registry/DecideChange", {"cs-center"}},
      {"hotline-registry/FileChange", {"broadband-staff"}},
      {"hotline-registry/RegisterStaff", {"broadband-staff"}},
      {"hotline-registry/RecordTraining", {"broadband-staff"}},
      {"hotline-registry/SetDutyRoster", {"broadband-staff"}},
      {"hotline-registry/SubmitOperatingReport", {"broadband-staff"}},
      {"hotline-registry/ScoreCall", {"broadband-staff"}},
      {"hotline-registry/RecordMandarinReview", {"broadband-manager"}},
      {"hotline-registry/IngestCallRecords", {"broadband-staff"}},
      {"hotline-registry/IssueNotice", {"cs-center"}},
      {"channel-registry/FileChannel", {"broadband-staff"}},
      {"channel-registry/AcknowledgeFiling", {"cs-center"}},
      {"channel-registry/MarkFilingInaccurate", {"cs-center"}},
      {"channel-registry/CorrectFiling", {"broadband-staff"}},
      {"channel-registry/RetireChannel", {"broadband-staff"}},
      {"channel-registry/ReportUnfiledChannel", {"cs-center"}},
      {"channel-registry/OpenFault", {"broadband-staff"}},
      {"channel-registry/CloseFault", {"broadband-staff"}},
      {"channel-registry/RecordPublication", {"broadband-staff"}},
      {"channel-registry/RecordCheck", {"broadband-staff"}},
      {"channel-registry/RecordUsageSample", {"broadband-staff"}},
      {"channel-registry/RequestCapacityAssistance", {"broadband-staff"}},
      {"channel-registry/SubmitMonthlyReport", {"broadband-staff"}},
      {"assessment/IssueRectificationNotice", {"cs-center"}},
      {"assessment/AcknowledgeNotice", {"broadband-staff"}},
      {"assessment/ReplyToNotice", {"broadband-manager"}},
      {"assessment/VerifyRectification", {"cs-center"}},
      {"assessment/FileMaintenanceNotice", {"broadband-staff"}},
      {"assessment/SubmitLaunchReview", {"broadband-staff"}},
      {"assessment/AcceptLaunchReview", {"cs-center"}},
      {"assessment/RecordLaunch", {"broadband-staff"}},
      {"assessment/RecordSurvey", {"broadband-staff"}},
      {"assessment/RegisterPartner", {"broadband-manager"}},
      {"assessment/AssignTask", {"cs-center"}},
      {"assessment/ComputeScorecard", {"cs-center"}},
      {"assessment/RecordSuperiorApproval", {"cs-center"}},
      {"assessment/RaiseNoticeFromFinding", {"cs-center"}},
      {"assessment/RecordWindowTraining", {"cs-center"}},
      {"assessment/CompleteTask", {"cs-center"}},
      {"assessment/RecordAttendance", {"cs-center"}},
      {"assessment/RecordFeedback", {"office"}},
  };
  return *expected;
}

// The seeded world and what this test makes on top of it (Prepare) for the calls that need it.
struct AuditWorld : SeededWorld {
  // Work affecting important users: it needs a superior's approval.
  std::string approval_maintenance_id;
  // Users told less than 72 hours ahead: a late filing's finding.
  std::string late_maintenance_id;
  // A closed ticket's record, archived with the default retention and not under legal hold.
  std::string record_to_destroy;
};

// One call this test makes after seeding, on the binary `service`.
struct Extra {
  std::string service;
  std::string path;
  std::string token;
  std::function<std::unique_ptr<Message>(const AuditWorld&)> build;
  // The call before it sent again, request_id and all: a replay, answered OK without a second
  // row.
  bool replays_previous = false;
};

template <typename Request, typename Fill>
std::function<std::unique_ptr<Message>(const AuditWorld&)> Make(Fill fill) {
  return [fill](const AuditWorld& world) -> std::unique_ptr<Message> {
    auto request = std::make_unique<Request>();
    fill(*request, world);
    return request;
  };
}

template <typename T>
T FirstOf(const std::vector<T>& spares) {
  return spares.empty() ? T{} : spares.front();
}

google::protobuf::Timestamp Ts(absl::Time at) { return common::ToProtoTimestamp(at); }

cs::channel::v1::FilingForm ChannelForm() {
  cs::channel::v1::FilingForm form;
  form.set_unit_id(std::string(kSeededUnit));
  form.set_implementation("Webmaster 信箱");
  form.set_kind(cs::common::v1::CHANNEL_EMAIL);
  form.add_purposes(cs::channel::v1::CHANNEL_PURPOSE_CONSULTATION);
  form.add_purposes(cs::channel::v1::CHANNEL_PURPOSE_COMPLAINT);
  form.set_business_scope("宽带业务咨询与申诉");
  form.set_address("webmaster@broadband.example.cn");
  form.set_capacity("2 GB");
  form.set_service_time("7*24小时每天2次");
  form.set_staffing(cs::channel::v1::STAFFING_DEDICATED);
  form.add_assigned_staff("张三");
  form.mutable_contact()->set_person("李四");
  form.mutable_contact()->set_phone("021-5888 0002");
  form.mutable_contact()->set_email("lisi@broadband.example.cn");
  form.add_languages("zh");
  form.set_remarks("联系人电话更正");
  return form;
}

// The month before `month` ("YYYY-MM").
std::string MonthBefore(const std::string& month) {
  absl::CivilMonth parsed;
  if (!absl::ParseCivilTime(month, &parsed)) return month;
  return absl::FormatCivilTime(parsed - 1);
}

// Changes the seeded world does not make, in an order their preconditions allow; and reads.
std::vector<Extra> Extras() {
  namespace in = cs::intake::v1;
  namespace ro = cs::routing::v1;
  namespace ho = cs::hotline::v1;
  namespace ch = cs::channel::v1;
  namespace as = cs::assessment::v1;
  namespace ar = cs::archive::v1;
  const std::string staff(kBroadbandStaffToken);
  const std::string manager(kBroadbandManagerToken);
  const std::string center(kCsCenterToken);
  const std::string desk(kDesignatedUnitToken);
  const std::string broadband(kSeededUnit);
  std::vector<Extra> extras;
  auto add = [&](const char* service, const char* proto_service, const char* method,
                 const std::string& token, auto build) {
    extras.push_back({service, absl::StrCat("/", proto_service, "/", method), token, build});
    return &extras.back();
  };
  const char* kIntake = "cs.intake.v1.IntakeService";
  add("intake", kIntake, "UpdateTicket", staff,
      Make<in::UpdateTicketRequest>([](auto& r, const SeededWorld& w) {
        r.set_ticket_id(w.recorded_ticket_id);
        *r.mutable_ticket() = CompleteTicketInput();
        r.mutable_ticket()->set_problem("宽带晚上经常断线，白天也断");
        r.mutable_update_mask()->add_paths("problem");
      }));
  add("intake", kIntake, "ListTickets", staff,
      Make<in::ListTicketsRequest>(
          [broadband](auto& r, const SeededWorld&) { r.set_unit_id(broadband); }));

  const char* kRouting = "cs.routing.v1.RoutingService";
  add("routing", kRouting, "AcknowledgeEscalation", desk,
      Make<ro::AcknowledgeEscalationRequest>([](auto& r, const SeededWorld& w) {
        r.set_order_id(w.escalated_order_id);
        r.set_telecom_reference("10000-2026-0001");
      }));
  add("routing", kRouting, "GetDispatchOrder", desk,
      Make<ro::GetDispatchOrderRequest>(
          [](auto& r, const SeededWorld& w) { r.set_order_id(w.replied_order_id); }));

  const char* kHotline = "cs.hotline.v1.HotlineRegistryService";
  auto training = Make<ho::RecordTrainingRequest>([broadband](auto& r, const SeededWorld& w) {
    r.set_unit_id(broadband);
    r.set_staff_number(w.staff_number);
    r.mutable_training()->set_subject(ho::TRAINING_SUBJECT_PHRASES);
    *r.mutable_training()->mutable_completed_on() = Ts(absl::Now() - absl::Hours(48));
    r.mutable_training()->set_trainer("培训中心");
  });
  add("hotline-registry", kHotline, "RecordTraining", staff, training);
  add("hotline-registry", kHotline, "RecordTraining", staff, training)->replays_previous = true;
  add("hotline-registry", kHotline, "RecordMandarinReview", manager,
      Make<ho::RecordMandarinReviewRequest>([](auto& r, const SeededWorld& w) {
        r.set_hotline_id(w.hotline_id);
        r.set_call_id(w.call_id);
        r.set_standard(true);
        r.set_note("普通话标准");
      }));
  add("hotline-registry", kHotline, "SignForm", manager,
      Make<ho::SignFormRequest>([](auto& r, const SeededWorld& w) {
        r.set_hotline_id(w.hotline_id);
        r.set_form(ho::FORM_KIND_CHANGE);
        r.set_change_id(w.change_id);
      }));
  add("hotline-registry", kHotline, "DecideChange", center,
      Make<ho::DecideChangeRequest>([](auto& r, const SeededWorld& w) {
        r.set_hotline_id(w.hotline_id);
        r.set_change_id(w.change_id);
        r.set_approve(true);
      }));
  add("hotline-registry", kHotline, "IssueNotice", center,
      Make<ho::IssueNoticeRequest>([](auto& r, const SeededWorld& w) {
        ho::Notice& notice = *r.mutable_notice();
        notice.set_title("互联网部〔2026〕9号 关于取消宽带备用热线的通知");
        notice.set_item(ho::CHANGE_ITEM_CANCELLATION);
        *notice.mutable_change_at() = Ts(absl::Now() + absl::Hours(24 * 30));
        notice.add_targets()->set_hotline_id(FirstOf(w.hotlines_to_change));
      }));
  add("hotline-registry", kHotline, "GetHotline", staff,
      Make<ho::GetHotlineRequest>(
          [](auto& r, const SeededWorld& w) { r.set_hotline_id(w.hotline_id); }));

  const char* kChannel = "cs.channel.v1.ChannelRegistryService";
  add("channel-registry", kChannel, "MarkFilingInaccurate", center,
      Make<ch::MarkFilingInaccurateRequest>([](auto& r, const SeededWorld& w) {
        r.set_channel_id(w.channel_id);
        r.set_finding("联系人电话无人接听");
      }));
  add("channel-registry", kChannel, "CorrectFiling", staff,
      Make<ch::CorrectFilingRequest>([](auto& r, const SeededWorld& w) {
        r.set_channel_id(w.channel_id);
        *r.mutable_form() = ChannelForm();
      }));
  add("channel-registry", kChannel, "RetireChannel", staff,
      Make<ch::RetireChannelRequest>([](auto& r, const SeededWorld& w) {
        r.set_channel_id(FirstOf(w.channels_to_retire));
        r.set_reason("信箱停用，改用网上营业厅留言");
      }));
  add("channel-registry", kChannel, "CloseFault", staff,
      Make<ch::CloseFaultRequest>([](auto& r, const SeededWorld& w) {
        r.set_fault_id(FirstOf(w.faults_to_close));
        r.set_repair_note("邮件服务器已恢复");
      }));
  add("channel-registry", kChannel, "RecordPublication", staff,
      Make<ch::RecordPublicationRequest>([](auto& r, const SeededWorld& w) {
        r.set_channel_id(w.channel_id);
        r.add_items(ch::PUBLISHED_ITEM_BUSINESS_FUNCTION);
        r.add_items(ch::PUBLISHED_ITEM_SCOPE);
        r.set_service_standards_published(true);
        r.add_languages("zh");
      }));
  add("channel-registry", kChannel, "GetChannel", staff,
      Make<ch::GetChannelRequest>(
          [](auto& r, const SeededWorld& w) { r.set_channel_id(w.channel_id); }));

  const char* kAssessment = "cs.assessment.v1.AssessmentService";
  add("assessment", kAssessment, "ReplyToNotice", manager,
      Make<as::ReplyToNoticeRequest>([](auto& r, const SeededWorld& w) {
        r.set_notice_id(w.notice_id);
        r.set_measures("增加两名话务员，高峰时段加开坐席。");
      }));
  add("assessment", kAssessment, "VerifyRectification", center,
      Make<as::VerifyRectificationRequest>([](auto& r, const SeededWorld& w) {
        r.set_notice_id(w.notice_id);
        r.set_passed(true);
        r.set_note("接通率已恢复");
      }));
  add("assessment", kAssessment, "AcknowledgeNotice", staff,
      Make<as::AcknowledgeNoticeRequest>([](auto& r, const SeededWorld& w) {
        r.set_notice_id(FirstOf(w.notices_to_acknowledge));
      }));
  add("assessment", kAssessment, "AcceptLaunchReview", center,
      Make<as::AcceptLaunchReviewRequest>([](auto& r, const SeededWorld& w) {
        r.set_review_id(w.review_id);
        r.set_window_training_needed(true);
        r.set_note("同意上线，上线前培训10000号窗口人员");
      }));
  add("assessment", kAssessment, "RecordWindowTraining", center,
      Make<as::RecordWindowTrainingRequest>(
          [](auto& r, const SeededWorld& w) { r.set_review_id(w.review_id); }));
  add("assessment", kAssessment, "RecordSuperiorApproval", center,
      Make<as::RecordSuperiorApprovalRequest>([](auto& r, const AuditWorld& w) {
        r.set_notice_id(w.approval_maintenance_id);
        r.set_reference("集团网络部〔2026〕12号");
        r.set_approved_by("集团网络部");
      }));
  add("assessment", kAssessment, "RaiseNoticeFromFinding", center,
      Make<as::RaiseNoticeFromFindingRequest>(
          [](auto& r, const AuditWorld& w) { r.set_source_id(w.late_maintenance_id); }));
  add("assessment", kAssessment, "CompleteTask", center,
      Make<as::CompleteTaskRequest>([](auto& r, const SeededWorld& w) {
        r.set_task_id(w.task_id);
        r.set_quality_ok(true);
        r.set_note("按期完成");
      }));
  add("assessment", kAssessment, "RecordAttendance", center,
      Make<as::RecordAttendanceRequest>([broadband](auto& r, const SeededWorld&) {
        as::Attendance& attendance = *r.mutable_attendance();
        attendance.set_session("宽带断线投诉案例学习");
        attendance.set_unit_id(broadband);
        *attendance.mutable_held_at() = Ts(absl::Now() - absl::Hours(24));
        attendance.set_attended(true);
        attendance.set_kind(as::SESSION_KIND_CASE_STUDY);
      }));
  // The seeded scorecard is of two months back (seeded_world.cc).
  add("assessment", kAssessment, "RecordFeedback", std::string(kOfficeToken),
      Make<as::RecordFeedbackRequest>([broadband](auto& r, const SeededWorld& w) {
        r.set_unit_id(broadband);
        r.set_month(MonthBefore(w.previous_month));
        r.set_feedback("接通率偏低，请加强高峰时段排班。");
      }));
  add("assessment", kAssessment, "RecordLaunch", staff,
      Make<as::RecordLaunchRequest>(
          [](auto& r, const SeededWorld& w) { r.set_review_id(FirstOf(w.reviews_to_launch)); }));
  add("assessment", kAssessment, "GetRectificationNotice", staff,
      Make<as::GetRectificationNoticeRequest>(
          [](auto& r, const SeededWorld& w) { r.set_notice_id(w.notice_id); }));

  const char* kArchive = "cs.archive.v1.ArchiveService";
  add("archive", kArchive, "CorrectRecord", manager,
      Make<ar::CorrectRecordRequest>([](auto& r, const SeededWorld& w) {
        r.set_record_id(w.record_id);
        *r.mutable_ticket() = w.archived_ticket;
        r.mutable_ticket()->mutable_input()->set_contact_person("李女士 (更正)");
        r.set_reason("联系人姓名登记有误");
      }));
  add("archive", kArchive, "SetUnitRetention", center,
      Make<ar::SetUnitRetentionRequest>([broadband](auto& r, const SeededWorld&) {
        r.set_unit_id(broadband);
        r.mutable_retention()->set_years(5);
        r.set_reason("e2e: audit walk");
      }));
  add("archive", kArchive, "ExportRecordForm", std::string(kBroadbandArchivistToken),
      Make<ar::ExportRecordFormRequest>([](auto& r, const SeededWorld& w) {
        r.set_record_id(w.record_id);
        r.set_reason("e2e: audit walk");
      }));

  // Exempt (it changes no database), called to show it then leaves no audit row.
  for (const std::string& name : RunningSuite::ServiceNames()) {
    add(name.c_str(), "cs.common.v1.CalendarAdmin", "ReloadCalendar", center,
        Make<cs::common::v1::ReloadCalendarRequest>([](auto&, const SeededWorld&) {}));
  }
  return extras;
}

// Changes that need the services' clocks past the seeded month and past the default retention of
// two years (deploy/config/archive_retention.textproto): run after the clocks moved there.
std::vector<Extra> LateExtras() {
  std::vector<Extra> extras;
  extras.push_back(
      {"channel-registry", "/cs.channel.v1.ChannelRegistryService/SubmitMonthlyReport",
       std::string(kBroadbandStaffToken),
       Make<cs::channel::v1::SubmitMonthlyReportRequest>([](auto& r, const SeededWorld& w) {
         r.set_channel_id(w.channel_id);
         r.set_month(w.month);  // filed in it, and over now
       })});
  extras.push_back({"archive", "/cs.archive.v1.ArchiveService/DestroyRecord",
                    std::string(kBroadbandArchivistToken),
                    Make<cs::archive::v1::DestroyRecordRequest>([](auto& r, const AuditWorld& w) {
                      r.set_record_id(w.record_to_destroy);
                      r.set_reason("e2e: audit walk, retention expired");
                    })});
  return extras;
}

// The request's top-level string field `request_id`, or null.
const google::protobuf::FieldDescriptor* RequestIdField(const google::protobuf::Descriptor& type) {
  const google::protobuf::FieldDescriptor* field = type.FindFieldByName("request_id");
  if (field == nullptr || field->is_repeated() ||
      field->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_STRING) {
    return nullptr;
  }
  return field;
}

bool ChangesNothing(const MethodDescriptor& method) {
  return method.options().idempotency_level() == google::protobuf::MethodOptions::NO_SIDE_EFFECTS;
}

struct AuditRow {
  std::string principal;
  std::string role;
  std::string unit_id;
  std::string method;
  std::string request_id;
  std::string target;
  std::string result;
  std::string recorded_at;
};

// The rows one per line, for a failure message.
std::string Listed(const std::vector<AuditRow>& rows) {
  std::string listed;
  for (const AuditRow& row : rows) {
    absl::StrAppend(&listed, "\n  ", row.recorded_at, " ", row.principal, " ", row.method,
                    " request_id \"", row.request_id, "\" target \"", row.target, "\"");
  }
  return listed;
}

absl::StatusOr<std::unique_ptr<common::db::ConnectionPool>> PoolOf(
    const RunningSuite::Member& member) {
  common::db::MySqlOptions options = member.mysql;
  options.pool_size = 1;
  return common::db::ConnectionPool::Create(options);
}

absl::StatusOr<std::vector<AuditRow>> AuditRowsOf(const RunningSuite::Member& member) {
  ASSIGN_OR_RETURN(std::unique_ptr<common::db::ConnectionPool> pool, PoolOf(member));
  return common::db::RunInTransaction(
      *pool, [&](common::db::Transaction& tx) -> absl::StatusOr<std::vector<AuditRow>> {
        std::unique_ptr<sql::PreparedStatement> select = tx.Prepare(
            "SELECT principal, role, unit_id, method, request_id, target, result, "
            "recorded_at FROM audit_log ORDER BY id");
        std::unique_ptr<sql::ResultSet> result(select->executeQuery());
        std::vector<AuditRow> rows;
        while (result->next()) {
          rows.push_back({result->getString(1), result->getString(2), result->getString(3),
                          result->getString(4), result->getString(5), result->getString(6),
                          result->getString(7), result->getString(8)});
        }
        return rows;
      });
}

// The OK answers of every method by the server's own count: "<Service full name>/<Method>" -> n,
// and every service the binary counts calls of (its main service and the shared ones it serves).
struct Answered {
  std::map<std::string, int> ok;
  std::set<std::string> services;
};

absl::StatusOr<Answered> AnsweredOf(const RunningSuite::Member& member) {
  ASSIGN_OR_RETURN(std::string text, common::testing::HttpGet(member.metrics_port, "/metrics"));
  ASSIGN_OR_RETURN(std::vector<common::testing::MetricSample> samples,
                   common::testing::ParseMetricsText(text));
  Answered answered;
  for (const common::testing::MetricSample& sample : samples) {
    if (sample.name != kHandled) continue;
    const std::string& service = sample.labels.at("service");
    answered.services.insert(service);
    if (sample.labels.at("grpc_code") == "OK") {
      answered.ok[absl::StrCat(service, "/", sample.labels.at("grpc_method"))] +=
          static_cast<int>(sample.value);
    }
  }
  return answered;
}

// A snapshot of one binary: its audit rows by method, then the calls it answered. Rows are read
// first: a call's row commits before its answer is counted, so a call whose row is in the
// snapshot is counted too unless it was still between COMMIT and its answer.
struct Snapshot {
  std::map<std::string, std::vector<AuditRow>> rows;
  Answered answered;
};

absl::StatusOr<Snapshot> SnapshotOf(const RunningSuite::Member& member) {
  Snapshot snapshot;
  ASSIGN_OR_RETURN(std::vector<AuditRow> rows, AuditRowsOf(member));
  for (AuditRow& row : rows) snapshot.rows[row.method].push_back(std::move(row));
  ASSIGN_OR_RETURN(snapshot.answered, AnsweredOf(member));
  return snapshot;
}

// The services `member` serves that the walk covers: its own and the shared ones it counts.
std::vector<const ServiceDescriptor*> ServedBy(const std::string& name, const Answered& answered) {
  std::vector<const ServiceDescriptor*> served = {MainServiceOf(name)};
  for (const ServiceDescriptor* shared : SharedServices()) {
    if (answered.services.count(shared->full_name()) > 0) served.push_back(shared);
  }
  return served;
}

// "<binary>/<method>" -> the request_ids this test sent it.
using SentIds = std::map<std::string, std::set<std::string>>;

// `status` refused `step`; an OK status (a wait that ended with OK answers) as DEADLINE_EXCEEDED.
absl::Status Refused(absl::string_view step, const grpc::Status& status) {
  const absl::StatusCode code = status.ok() ? absl::StatusCode::kDeadlineExceeded
                                            : static_cast<absl::StatusCode>(status.error_code());
  return absl::Status(code, absl::StrCat(step, " (last answer: ", status.error_message(), ")"));
}

// What the calls of Extras() and LateExtras() need beyond the seeded world: two maintenance notices
// (one needing a superior's approval, one filed late), a record to destroy (the seeded one is
// under legal hold), and the seeded reply's delivery pulled and acknowledged by the mail gateway.
absl::StatusOr<AuditWorld> Prepare(RunningSuite& suite, SeededWorld seeded, SentIds& sent_ids) {
  namespace as = cs::assessment::v1;
  AuditWorld world;
  static_cast<SeededWorld&>(world) = std::move(seeded);
  auto assessment = as::AssessmentService::NewStub(suite.service("assessment").channel);
  auto intake = cs::intake::v1::IntakeService::NewStub(suite.service("intake").channel);
  auto archive = cs::archive::v1::ArchiveService::NewStub(suite.service("archive").channel);
  auto routing = cs::routing::v1::RoutingService::NewStub(suite.service("routing").channel);

  auto file = [&](const std::string& request_id, bool important,
                  absl::Duration ahead) -> absl::StatusOr<std::string> {
    const absl::Time now = absl::Now();
    as::FileMaintenanceNoticeRequest request;
    request.set_request_id(request_id);
    sent_ids["assessment/FileMaintenanceNotice"].insert(request_id);
    as::MaintenanceNotice& work = *request.mutable_notice();
    work.set_unit_id(std::string(kSeededUnit));
    work.set_kind(as::WORK_KIND_NETWORK_UPGRADE);
    work.set_description(absl::StrCat("城域网升级 (", request_id, ")"));
    *work.mutable_starts_at() = Ts(now + ahead);
    *work.mutable_ends_at() = Ts(now + ahead + absl::Hours(2));
    work.set_affected_users("浦东 2 个园区宽带用户");
    work.set_affected_user_count(300);
    work.set_important_users_affected(important);
    work.add_windows_told("10000");
    *work.mutable_users_notified_at() = Ts(now);
    as::MaintenanceNotice filed;
    const grpc::Status status =
        CallAs(*assessment, &as::AssessmentService::Stub::FileMaintenanceNotice,
               kBroadbandStaffToken, request, &filed);
    if (!status.ok()) return Refused(request_id, status);
    return filed.notice_id();
  };
  ASSIGN_OR_RETURN(world.approval_maintenance_id,
                   file("audit-prepare-maintenance-approval", true, absl::Hours(24 * 5)));
  // Users told a day ahead, not the 72 hours M 7.6 asks.
  ASSIGN_OR_RETURN(world.late_maintenance_id,
                   file("audit-prepare-maintenance-late", false, absl::Hours(24)));

  // A spare recorded ticket closed by its unit, then archived by intake's relay.
  const int64_t ticket_id = FirstOf(world.tickets_to_close);
  cs::intake::v1::CloseTicketRequest close;
  close.set_request_id("audit-prepare-close");
  sent_ids["intake/CloseTicket"].insert(close.request_id());
  close.set_ticket_id(ticket_id);
  close.set_reply_text("您反映的问题已处理，如仍有问题请拨打10000。");
  close.set_reply_channel(cs::common::v1::REPLY_CHANNEL_EMAIL);
  cs::intake::v1::Ticket closed;
  if (const grpc::Status status = CallAs(*intake, &cs::intake::v1::IntakeService::Stub::CloseTicket,
                                         kBroadbandStaffToken, close, &closed);
      !status.ok()) {
    return Refused("closing the ticket to destroy", status);
  }
  cs::archive::v1::SearchRecordsRequest search;
  search.set_ticket_id(ticket_id);
  search.set_reason("e2e: audit walk, the record to destroy");
  cs::archive::v1::SearchRecordsResponse found;
  grpc::Status last;
  if (const absl::Status archived = common::testing::WaitFor(
          "the closed ticket's record in the archive",
          [&] {
            last = CallAs(*archive, &cs::archive::v1::ArchiveService::Stub::SearchRecords,
                          kBroadbandArchivistToken, search, &found);
            return last.ok() && found.records_size() > 0;
          });
      !archived.ok()) {
    return Refused(archived.message(), last);
  }
  world.record_to_destroy = found.records(0).record_id();

  // The mail gateway takes the seeded reply's delivery and reports it delivered.
  cs::routing::v1::PullDeliveriesRequest pull;
  pull.set_channel(cs::common::v1::REPLY_CHANNEL_EMAIL);
  pull.set_gateway("e2e-mail-gateway");
  cs::routing::v1::PullDeliveriesResponse pulled;
  if (const absl::Status due = common::testing::WaitFor(
          "an email delivery for the mail gateway",
          [&] {
            last = CallAs(*routing, &cs::routing::v1::RoutingService::Stub::PullDeliveries,
                          kMailGatewayToken, pull, &pulled);
            return last.ok() && pulled.deliveries_size() > 0;
          });
      !due.ok()) {
    return Refused(due.message(), last);
  }
  for (const cs::routing::v1::Delivery& delivery : pulled.deliveries()) {
    cs::routing::v1::AckDeliveryRequest ack;
    ack.set_delivery_id(delivery.delivery_id());
    ack.set_lease_token(delivery.lease_token());
    ack.set_result(cs::routing::v1::DELIVERY_RESULT_DELIVERED);
    ack.set_gateway("e2e-mail-gateway");
    cs::routing::v1::Delivery acknowledged;
    if (const grpc::Status status =
            CallAs(*routing, &cs::routing::v1::RoutingService::Stub::AckDelivery, kMailGatewayToken,
                   ack, &acknowledged);
        !status.ok()) {
      return Refused(absl::StrCat("acknowledging delivery ", delivery.delivery_id()), status);
    }
  }
  return world;
}

// Every process's business clock (a test clock, standing still between moves) at `at`.
absl::Status SetEveryClock(RunningSuite& suite, absl::Time at) {
  for (const std::string& name : RunningSuite::ServiceNames()) {
    common::TestClockClient clock(suite.service(name).channel, std::string(kCsCenterToken));
    if (absl::StatusOr<absl::Time> set = clock.SetTime(at, /*allow_backwards=*/true); !set.ok()) {
      return absl::Status(set.status().code(), absl::StrCat(name, ": ", set.status().message()));
    }
  }
  return absl::OkStatus();
}

class AuditE2eTest : public SharedSuiteTest<AuditE2eTest> {
 public:
  // Test clocks, for the calls that need a finished month or an expired retention.
  static SuiteOptions Options() {
    SuiteOptions options;
    options.test_clock = true;
    return options;
  }
};

TEST_F(AuditE2eTest, Audit_EveryMutatingRpcCommitsItsAuditRowAndReadsNone) {
  // recorded_at is the services' wall time at microseconds: a second of slack each side.
  const absl::Time began = absl::Now() - absl::Seconds(1);
  // A test clock stands still from its process's start: a minute ahead, no instant the seeding and
  // the calls below give as "now" is in a service's future.
  ASSERT_OK(SetEveryClock(suite(), absl::Now() + absl::Minutes(1)));
  ASSERT_OK_AND_ASSIGN(SeededWorld seeded, SeedWorld(suite(), {.spares = 1}));
  for (const std::string& skipped : seeded.skipped) {
    std::cout << "seed skipped: " << skipped << "\n";
  }

  // The request_ids this test sent: the seeded world's ("seed-…") and the ones below.
  SentIds sent_ids;
  ASSERT_OK_AND_ASSIGN(const AuditWorld world, Prepare(suite(), std::move(seeded), sent_ids));
  std::vector<std::string> extras_refused;
  int serial = 0;
  std::string body;
  auto run = [&](const std::vector<Extra>& extras) {
    for (const Extra& extra : extras) {
      const std::string method = extra.path.substr(extra.path.rfind('/') + 1);
      if (!extra.replays_previous) {
        std::unique_ptr<Message> request = extra.build(world);
        if (const auto* field = RequestIdField(*request->GetDescriptor()); field != nullptr) {
          const std::string id = absl::StrCat("audit-", method, "-", ++serial);
          request->GetReflection()->SetString(request.get(), field, id);
          sent_ids[absl::StrCat(extra.service, "/", method)].insert(id);
        }
        body = request->SerializeAsString();
      }
      const grpc::Status status = common::testing::CallWithRawBody(
          suite().service(extra.service).channel, extra.path, body, extra.token);
      if (!status.ok()) {
        extras_refused.push_back(absl::StrCat(
            extra.service, "/", method, ": ",
            absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code())), " ",
            status.error_message().substr(0, 160)));
      }
    }
  };
  run(Extras());
  // Past the seeded month, and two years past the closing of the record to destroy.
  ASSERT_OK(SetEveryClock(suite(), absl::Now() + absl::Hours(24 * (2 * 366 + 62))));
  run(LateExtras());
  // Not failures in themselves: a method no call got an OK from fails below as never called.
  for (const std::string& refused : extras_refused) {
    std::cout << "extra call refused: " << refused << "\n";
  }

  // The relays (intake -> routing -> intake, intake -> archive) may still be delivering: take the
  // snapshot of each binary again until no method has more rows than OK answers.
  std::map<std::string, Snapshot> snapshots;
  for (const std::string& name : RunningSuite::ServiceNames()) {
    absl::Status last = absl::OkStatus();
    const absl::Status settled = common::testing::WaitFor(
        absl::StrCat(name, ": a snapshot with no more audit rows than OK answers per method"),
        [&] {
          absl::StatusOr<Snapshot> snapshot = SnapshotOf(suite().service(name));
          last = snapshot.status();
          if (!snapshot.ok()) return false;
          snapshots[name] = *std::move(snapshot);
          const Snapshot& s = snapshots[name];
          for (const ServiceDescriptor* service : ServedBy(name, s.answered)) {
            for (int i = 0; i < service->method_count(); ++i) {
              const MethodDescriptor& method = *service->method(i);
              auto rows = s.rows.find(method.name());
              auto ok = s.answered.ok.find(absl::StrCat(service->full_name(), "/", method.name()));
              const size_t n_rows = rows == s.rows.end() ? 0 : rows->second.size();
              const int n_ok = ok == s.answered.ok.end() ? 0 : ok->second;
              if (n_rows > static_cast<size_t>(n_ok)) return false;
            }
          }
          return true;
        },
        absl::Seconds(10));
    EXPECT_OK(last) << name;
    if (!settled.ok()) std::cout << settled.message() << " (asserting on the last snapshot)\n";
  }
  const absl::Time ended = absl::Now() + absl::Seconds(1);

  std::set<std::string> dev_users;
  for (const auto& [token, user] : UserOfToken()) dev_users.insert(user);

  struct Coverage {
    int called = 0;
    int mutating = 0;
    int reads = 0;
    int rows = 0;
    int calls = 0;
    std::vector<std::string> never_called;
    std::vector<std::string> exempt_never_called;
    std::vector<std::string> without_rows;
  };
  std::map<std::string, Coverage> coverage;
  for (const std::string& name : RunningSuite::ServiceNames()) {
    const Snapshot& s = snapshots[name];
    Coverage& c = coverage[name];
    std::set<std::string> methods;
    for (const ServiceDescriptor* service : ServedBy(name, s.answered)) {
      ASSERT_NE(service, nullptr) << name;
      for (int i = 0; i < service->method_count(); ++i) {
        const MethodDescriptor& method = *service->method(i);
        methods.insert(method.name());
        const std::string who = absl::StrCat(name, " ", service->name(), "/", method.name());
        auto found = s.rows.find(method.name());
        const std::vector<AuditRow> none;
        const std::vector<AuditRow>& rows = found == s.rows.end() ? none : found->second;
        auto counted = s.answered.ok.find(absl::StrCat(service->full_name(), "/", method.name()));
        const int n = counted == s.answered.ok.end() ? 0 : counted->second;
        if (ChangesNothing(method)) {
          ++c.reads;
          EXPECT_TRUE(rows.empty())
              << who << " changes nothing (NO_SIDE_EFFECTS), answered OK " << n
              << " times, yet has " << rows.size() << " audit rows:" << Listed(rows);
          continue;
        }
        ++c.mutating;
        c.calls += n;
        c.rows += static_cast<int>(rows.size());
        const Exemption* exempt = ExemptionOf(*service, method);
        if (exempt != nullptr && !exempt->writes_database) {
          if (n > 0) ++c.called;
          if (n == 0) c.exempt_never_called.push_back(method.name());
          EXPECT_TRUE(rows.empty())
              << who << " changes no database (" << exempt->reason << "), answered OK " << n
              << " times, yet has " << rows.size() << " audit rows:" << Listed(rows);
          continue;
        }
        if (n == 0) {
          (exempt != nullptr ? c.exempt_never_called : c.never_called).push_back(method.name());
          EXPECT_TRUE(rows.empty())
              << who << " was never answered OK, yet has " << rows.size() << " audit rows";
          continue;
        }
        ++c.called;
        if (rows.empty()) c.without_rows.push_back(absl::StrCat(method.name(), " (", n, " OK)"));
        EXPECT_GE(rows.size(), 1u) << who << " answered OK " << n << " times without an audit row";
        EXPECT_LE(rows.size(), static_cast<size_t>(n))
            << who << " has more audit rows than OK answers:" << Listed(rows);
        const std::string key = absl::StrCat(name, "/", method.name());
        auto expected = ExpectedPrincipals().find(key);
        const bool has_request_id = RequestIdField(*method.input_type()) != nullptr;
        const std::set<std::string>& sent =
            sent_ids.count(key) > 0 ? sent_ids.at(key) : std::set<std::string>{};
        for (const AuditRow& row : rows) {
          const std::string what = absl::StrCat(who, " row of ", row.principal, " (", row.target,
                                                ", request_id \"", row.request_id, "\")");
          EXPECT_FALSE(row.principal.empty()) << what;
          EXPECT_FALSE(row.role.empty()) << what;
          EXPECT_EQ(row.method, method.name()) << what;
          EXPECT_FALSE(row.target.empty()) << what;
          EXPECT_EQ(row.result, "OK") << what;
          absl::StatusOr<absl::Time> at = common::db::ParseSqlTime(row.recorded_at);
          EXPECT_OK(at.status()) << what << ": recorded_at " << row.recorded_at;
          if (at.ok()) {
            EXPECT_GE(*at, began) << what << ": recorded_at " << row.recorded_at;
            EXPECT_LE(*at, ended) << what << ": recorded_at " << row.recorded_at;
          }
          EXPECT_TRUE(dev_users.count(row.principal) > 0)
              << what << ": not one of the development tokens' users the calls used";
          if (expected != ExpectedPrincipals().end()) {
            EXPECT_TRUE(expected->second.count(row.principal) > 0)
                << what << ": the calls were made as " << absl::StrJoin(expected->second, ", ");
          }
          if (has_request_id) {
            EXPECT_FALSE(row.request_id.empty()) << what;
            // The services' own calls carry ids of their own making; the test's carry its ids.
            if (!absl::StartsWith(row.principal, "svc-")) {
              EXPECT_TRUE(sent.count(row.request_id) > 0 ||
                          absl::StartsWith(row.request_id, "seed-"))
                  << what << ": not a request_id the test sent";
            }
          } else {
            EXPECT_TRUE(row.request_id.empty()) << what << ": the request has no request_id";
          }
        }
      }
    }
    for (const auto& [method, rows] : s.rows) {
      EXPECT_TRUE(methods.count(method) > 0) << name << ": " << rows.size() << " audit rows name \""
                                             << method << "\", which the binary does not serve";
    }
    // A method never answered OK proves nothing about its audit row: every changing method is
    // called above unless declared exempt (Exemptions()).
    EXPECT_TRUE(c.never_called.empty())
        << name << ": changing methods never answered OK, so their audit rows are unproven: "
        << absl::StrJoin(c.never_called, ", ")
        << " (make the state each needs and call it in Extras()/LateExtras(), or declare it in "
           "Exemptions() with its reason)";
  }

  // These principals must appear: the staff who record tickets, the CS center and intake's own
  // account archiving closed tickets.
  auto principals_of = [&](const std::string& name, const std::string& method) {
    std::set<std::string> principals;
    auto rows = snapshots[name].rows.find(method);
    if (rows == snapshots[name].rows.end()) return principals;
    for (const AuditRow& row : rows->second) principals.insert(row.principal);
    return principals;
  };
  EXPECT_TRUE(principals_of("intake", "CreateTicket").count("broadband-staff") > 0);
  EXPECT_TRUE(principals_of("assessment", "IssueRectificationNotice").count("cs-center") > 0);
  EXPECT_EQ(principals_of("archive", "ArchiveRecord"), std::set<std::string>{"svc-intake"});

  int all_called = 0;
  int all_mutating = 0;
  int all_calls = 0;
  int all_rows = 0;
  std::cout << "audit coverage: mutating methods answered OK / mutating methods (reads, OK calls, "
               "audit rows)\n";
  for (const auto& [name, c] : coverage) {
    all_called += c.called;
    all_mutating += c.mutating;
    all_calls += c.calls;
    all_rows += c.rows;
    std::cout << "  " << name << std::string(std::max<int>(1, 18 - name.size()), ' ') << c.called
              << "/" << c.mutating << "  (" << c.reads << " reads, " << c.calls << " OK calls, "
              << c.rows << " rows)\n";
    if (!c.never_called.empty()) {
      std::cout << "    NEVER CALLED: " << absl::StrJoin(c.never_called, ", ") << "\n";
    }
    if (!c.exempt_never_called.empty()) {
      std::cout << "    never called (exempt): " << absl::StrJoin(c.exempt_never_called, ", ")
                << "\n";
    }
    if (!c.without_rows.empty()) {
      std::cout << "    CALLED WITHOUT AN AUDIT ROW: " << absl::StrJoin(c.without_rows, ", ")
                << "\n";
    }
  }
  std::cout << "  all               " << all_called << "/" << all_mutating << "  (" << all_calls
            << " OK calls, " << all_rows << " rows)\n";
  std::cout << "exempt from being called:\n";
  for (const Exemption& exemption : Exemptions()) {
    // A stale exemption (its method renamed or gone) is dropped, not kept as a loophole.
    EXPECT_NE(google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(
                  absl::StrCat(exemption.service, ".", exemption.method)),
              nullptr)
        << "exemption of " << exemption.service << "/" << exemption.method;
    std::cout << "  " << exemption.service << "/" << exemption.method << ": " << exemption.reason
              << "\n";
  }
  RecordProperty("mutating_called", all_called);
  RecordProperty("mutating", all_mutating);
  RecordProperty("audit_rows", all_rows);
}

// MySQL's ER_TABLEACCESS_DENIED_ERROR: "<command> command denied to user … for table …".
constexpr int kTableAccessDenied = 1142;

// Runs `statement` as `member`'s account in a transaction that is rolled back whatever happens,
// so an account that may write leaves no trace: the MySQL error number, or 0 when it ran.
absl::StatusOr<int> ErrorOfRolledBack(const RunningSuite::Member& member,
                                      const std::string& statement) {
  ASSIGN_OR_RETURN(std::unique_ptr<common::db::ConnectionPool> pool, PoolOf(member));
  int error = 0;
  const absl::Status rolled_back =
      common::db::RunInTransaction(*pool,
                                   [&](common::db::Transaction& tx) -> absl::Status {
                                     try {
                                       tx.Execute(statement);
                                     } catch (const sql::SQLException& e) {
                                       error = e.getErrorCode();
                                     }
                                     return absl::FailedPreconditionError("rolled back on purpose");
                                   },
                                   {.max_attempts = 1});
  if (rolled_back.code() != absl::StatusCode::kFailedPrecondition) return rolled_back;
  return error;
}

TEST_F(AuditE2eTest, Audit_TheServicesOwnAccountsCannotRewriteTheirTrail) {
  for (const std::string& name : RunningSuite::ServiceNames()) {
    const RunningSuite::Member& member = suite().service(name);
    for (const std::string statement : {"UPDATE audit_log SET result = 'X' WHERE TRUE LIMIT 1",
                                        "DELETE FROM audit_log LIMIT 1"}) {
      absl::StatusOr<int> error = ErrorOfRolledBack(member, statement);
      ASSERT_OK(error.status()) << name << ": " << statement;
      EXPECT_EQ(*error, kTableAccessDenied)
          << name << " as its account \"" << member.mysql.user << "\": " << statement
          << (*error == 0 ? " ran (rolled back here)" : "");
    }
  }
}

}  // namespace
}  // namespace cs::e2e
