// The cs.archive.v1 / cs.intake.v1 mapping: a ticket read into the record content, documents hashed
// alike, and the filters of a search.
#include "services/archive/api/proto_mapping.h"

#include "common/api/proto_time.h"
#include "common/testing/proto_fields.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/archive/api/proto_record_codec.h"

namespace cs::archive {
namespace {

using ::cs::common::testing::StatusIs;
using ::cs::common::testing::UnsetFieldPaths;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

cs::intake::v1::Ticket ClosedTicket() {
  cs::intake::v1::Ticket t;
  t.set_ticket_id(5);
  t.set_status(cs::intake::v1::TICKET_STATUS_CLOSED);
  t.mutable_input()->set_unit_id("broadband");
  t.mutable_input()->set_kind(cs::common::v1::TICKET_KIND_COMPLAINT);
  t.mutable_input()->set_channel(cs::common::v1::CHANNEL_EMAIL);
  t.mutable_input()->set_problem("断线");
  t.mutable_input()->set_user_name("张三");
  t.mutable_input()->set_business_line("broadband");
  t.set_overall_serial(5);
  t.set_serial_month("2026-03");
  t.set_month_serial(2);
  *t.mutable_received_at() = common::ToProtoTimestamp(absl::FromUnixSeconds(1000));
  *t.mutable_forward()->mutable_forwarded_at() =
      common::ToProtoTimestamp(absl::FromUnixSeconds(1100));
  *t.mutable_forward()->mutable_confirm_deadline()->mutable_at() =
      common::ToProtoTimestamp(absl::FromUnixSeconds(4600));
  *t.mutable_forward()->mutable_confirmed_at() =
      common::ToProtoTimestamp(absl::FromUnixSeconds(1200));
  t.set_last_outcome(cs::intake::v1::OUTCOME_KIND_REPLIED);
  *t.mutable_closed_at() = common::ToProtoTimestamp(absl::FromUnixSeconds(9000));
  auto* h = t.add_history();
  h->set_sequence(1);
  *h->mutable_at() = common::ToProtoTimestamp(absl::FromUnixSeconds(1000));
  h->set_event("CREATED");
  auto* r = t.add_replies();
  r->set_sequence(1);
  *r->mutable_at() = common::ToProtoTimestamp(absl::FromUnixSeconds(8000));
  r->set_text("已回复");
  return t;
}

TEST(ProtoMappingTest, V1_TheTicketIsReadWhole) {
  ASSERT_OK_AND_ASSIGN(RecordContent c, ContentFromTicket(ClosedTicket(), "ticket"));
  EXPECT_EQ(c.ticket_id, 5);
  EXPECT_TRUE(c.closed);
  EXPECT_EQ(c.kind, TicketKind::kComplaint);
  EXPECT_EQ(c.channel, Channel::kEmail);
  EXPECT_EQ(c.user_name, "张三");
  EXPECT_EQ(c.received_at, absl::FromUnixSeconds(1000));
  EXPECT_EQ(c.confirm_deadline, absl::FromUnixSeconds(4600));
  EXPECT_EQ(c.confirmed_at, absl::FromUnixSeconds(1200));
  EXPECT_EQ(c.closed_at, absl::FromUnixSeconds(9000));
  EXPECT_FALSE(c.handling_deadline.has_value());
  ASSERT_EQ(c.history.size(), 1u);
  EXPECT_EQ(c.history[0].event, "CREATED");
  ASSERT_EQ(c.replies.size(), 1u);
  EXPECT_EQ(c.replies[0].text, "已回复");
}

TEST(ProtoMappingTest, V1_OnlyTheClosedStatusReadsAsClosedAndEnumsKeepTheirMeaning) {
  cs::intake::v1::Ticket t = ClosedTicket();
  t.set_status(cs::intake::v1::TICKET_STATUS_REPLIED);
  t.mutable_input()->set_reply_channel(cs::common::v1::REPLY_CHANNEL_SMS);
  t.set_return_reason(cs::intake::v1::RETURN_REASON_CONTENT_INCORRECT);
  t.mutable_replies(0)->set_channel(cs::common::v1::REPLY_CHANNEL_POST);
  ASSERT_OK_AND_ASSIGN(RecordContent c, ContentFromTicket(t, "ticket"));
  EXPECT_FALSE(c.closed);
  EXPECT_EQ(c.last_outcome, OutcomeKind::kReplied);
  EXPECT_EQ(c.reply_channel, ReplyChannel::kSms);
  EXPECT_EQ(c.return_reason, ReturnReason::kContentIncorrect);
  EXPECT_EQ(c.replies[0].channel, ReplyChannel::kPost);
}

TEST(ProtoMappingTest, V1_BadTimestampsAreNamed) {
  cs::intake::v1::Ticket t = ClosedTicket();
  t.mutable_history(0)->mutable_at()->set_nanos(-1);
  t.mutable_closed_at()->set_seconds(-99999999999999);
  absl::Status status = ContentFromTicket(t, "ticket").status();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  std::vector<std::string> fields;
  for (const auto& v : common::ViolationsOf(status)) fields.push_back(v.field);
  EXPECT_THAT(fields, ::testing::UnorderedElementsAre("ticket.closed_at", "ticket.history[0].at"));
  EXPECT_THAT(IncomingFromTicket(false, t, "", ""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("ticket")));
}

TEST(ProtoMappingTest, V1_TheDocumentIsDeterministicAndReadsBack) {
  const cs::intake::v1::Ticket t = ClosedTicket();
  cs::intake::v1::Ticket copy;
  ASSERT_TRUE(copy.ParseFromString(t.SerializeAsString()));
  EXPECT_EQ(DocumentOf(t), DocumentOf(copy));
  ASSERT_OK_AND_ASSIGN(RecordContent content, ProtoRecordCodec().Decode(DocumentOf(t)));
  EXPECT_EQ(content.problem, "断线");
  EXPECT_THAT(ProtoRecordCodec().Decode("\xff\xff not a ticket"),
              StatusIs(absl::StatusCode::kDataLoss));
}

TEST(ProtoMappingTest, V3_SearchFiltersAreChecked) {
  v1::SearchRecordsRequest request;
  request.set_closed_month("2026-13");
  request.set_kind(static_cast<cs::common::v1::TicketKind>(9));
  request.set_channel(static_cast<cs::common::v1::Channel>(7));
  request.set_routing_path(static_cast<v1::RoutingPath>(5));
  request.set_ticket_id(-1);
  *request.mutable_closed()->mutable_start() = common::ToProtoTimestamp(absl::FromUnixSeconds(10));
  *request.mutable_closed()->mutable_end() = common::ToProtoTimestamp(absl::FromUnixSeconds(5));
  absl::Status status = FromProto(request).status();
  std::vector<std::string> fields;
  for (const auto& v : common::ViolationsOf(status)) fields.push_back(v.field);
  EXPECT_THAT(fields, ::testing::UnorderedElementsAre("closed_month", "kind", "channel",
                                                      "routing_path", "ticket_id", "closed.end"));
  v1::SearchRecordsRequest good;
  good.set_unit_id("broadband");
  good.set_routing_path(v1::ROUTING_PATH_RETURN);
  ASSERT_OK_AND_ASSIGN(RecordFilter filter, FromProto(good));
  EXPECT_EQ(filter.routing_path, RoutingPath::kReturn);
  EXPECT_FALSE(filter.include_destroyed);
}

TEST(ProtoMappingTest, RetentionPeriodsPreferYears) {
  EXPECT_EQ(ToPeriodProto(24).years(), 2);
  EXPECT_EQ(ToPeriodProto(30).months(), 30);
}

// cs.config.v1.Period is a oneof: a retention is counted in years or in months, never in both nor
// in any other unit. These are the members a period of whole years leaves unset.
std::vector<std::string> OtherPeriodUnits(const std::string& path) {
  std::vector<std::string> paths;
  for (const char* unit : {"working_minutes", "working_hours", "working_days", "months",
                           "wall_minutes", "wall_hours"}) {
    paths.push_back(absl::StrCat(path, ".", unit));
  }
  return paths;
}

DestructionCertificate FilledCertificate() {
  DestructionCertificate c;
  c.certificate_id = 7;
  c.record_id = 42;
  c.ticket_id = 5;
  c.unit_id = "broadband";
  c.destroyed_by = "archivist";
  c.destroyed_at = absl::FromUnixSeconds(90000);
  c.reason = "retention ended";
  c.retention_basis = "2 years (sla_targets)";
  c.retention_months = 24;
  c.retain_until = absl::FromUnixSeconds(80000);
  c.closed_at = absl::FromUnixSeconds(9000);
  c.archived_at = absl::FromUnixSeconds(9100);
  c.content_sha256 = std::string(64, 'a');
  c.versions = 2;
  return c;
}

// A record filled in every field: held, destroyed, corrected once.
ArchivedRecord FilledRecord() {
  ArchivedRecord r;
  r.record_id = 42;
  r.summary = {5,
               "broadband",
               TicketKind::kComplaint,
               Channel::kEmail,
               "broadband",
               RoutingPath::kInternalDispatch,
               5,
               "2026-03",
               2,
               absl::FromUnixSeconds(1000),
               absl::FromUnixSeconds(9000),
               "2026-03",
               true};
  r.unit_name = "宽带业务中心";
  r.time_zone = "Asia/Shanghai";
  r.current_version = 2;
  r.archived_at = absl::FromUnixSeconds(9100);
  r.retention = {24, absl::FromUnixSeconds(80000), "2 years (sla_targets)"};
  r.hold = {true, "court order", "archivist", absl::FromUnixSeconds(9500)};
  r.destruction = FilledCertificate();
  r.versions = {{1, absl::FromUnixSeconds(9100), "intake", "closed", std::string(64, 'a'), "m-1"},
                {2, absl::FromUnixSeconds(9200), "center", "typo", std::string(64, 'b'), ""}};
  return r;
}

TEST(ProtoMappingTest, V3_EveryFieldOfARecordReachesTheWire) {
  const cs::intake::v1::Ticket ticket = ClosedTicket();
  ASSERT_OK_AND_ASSIGN(v1::ArchivedRecord proto,
                       ToRecordProto(FilledRecord(), 2, DocumentOf(ticket)));
  std::vector<std::string> allowed = OtherPeriodUnits("retention.period");
  // The document intake sent, returned byte for byte: its fields are intake's mapping
  // (services/intake/api/proto_mapping_test.cc), compared whole below.
  allowed.push_back("ticket");
  EXPECT_THAT(UnsetFieldPaths(proto, allowed), IsEmpty());
  EXPECT_EQ(DocumentOf(proto.ticket()), DocumentOf(ticket));
  EXPECT_THAT(UnsetFieldPaths(ToSummaryProto(FilledRecord())), IsEmpty());
}

TEST(ProtoMappingTest, V4_EveryFieldOfADestructionCertificateReachesTheWire) {
  EXPECT_THAT(UnsetFieldPaths(ToProto(FilledCertificate())), IsEmpty());
}

TEST(ProtoMappingTest, V3_EveryFieldOfAnAccessLogEntryReachesTheWire) {
  AccessEntry e;
  e.id = 3;
  e.at = absl::FromUnixSeconds(9600);
  e.user = "auditor";
  e.role = common::Role::kCsCenter;
  e.caller_unit_id = "center";
  e.action = AccessAction::kExportForm;
  e.target = "AR-42 v2";
  e.record_unit_id = "broadband";
  e.reason = "audit";
  e.outcome = AccessOutcome::kRefused;
  e.result_count = 1;
  e.detail = "NOT_FOUND";
  EXPECT_THAT(UnsetFieldPaths(ToProto(e)), IsEmpty());
}

TEST(ProtoMappingTest, V2_EveryFieldOfARetentionPolicyReachesTheWire) {
  RetentionPolicy policy;
  policy.unit_id = "broadband";
  policy.months = 36;
  policy.source = RetentionSource::kRpc;
  policy.set_by = "center";
  policy.set_at = absl::FromUnixSeconds(9700);
  policy.note = "longer for complaints";
  EXPECT_THAT(UnsetFieldPaths(ToProto(policy), OtherPeriodUnits("retention")), IsEmpty());
}

TEST(ProtoMappingTest, V5_EveryFieldOfTheMonthlyStatisticsReachesTheWire) {
  const Counts counts{5, 1, 3, 1, 4, 2, 1};
  MonthlyStatistics stats;
  stats.month = "2026-03";
  stats.previous_month = "2026-02";
  stats.unit_id = "broadband";
  stats.totals = counts;
  stats.on_time_rate = 0.8;
  stats.previous_on_time_rate = 0.5;
  stats.by_kind = {{TicketKind::kComplaint, counts}};
  stats.by_channel = {{Channel::kEmail, counts}};
  stats.by_business_line = {{"broadband", counts}};
  stats.by_routing_path = {{RoutingPath::kReturn, counts}};
  stats.report_due = {absl::FromUnixSeconds(99000), "cn-2026.1", /*provisional=*/true};
  EXPECT_THAT(UnsetFieldPaths(ToProto(stats)), IsEmpty());
}

TEST(ProtoMappingTest, V5_EveryFieldOfAMonthlyReportStatusReachesTheWire) {
  MonthlyReportStatus status;
  status.report.unit_id = "broadband";
  status.report.month = "2026-03";
  status.report.due = {absl::FromUnixSeconds(99000), "cn-2026.1", /*provisional=*/true};
  status.report.submitted_at = absl::FromUnixSeconds(98000);
  status.report.submitted_by = "bb-manager";
  status.report.analysis = "投诉减少";
  status.report.records = 12;
  // The mapping copies `overdue` as the core judged it; a submitted report is never overdue in
  // practice, but the copy is what is under test.
  status.overdue = true;
  EXPECT_THAT(UnsetFieldPaths(ToProto(status)), IsEmpty());
}

}  // namespace
}  // namespace cs::archive
