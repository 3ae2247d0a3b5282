// The cs.archive.v1 / cs.intake.v1 mapping: a ticket read into the record content, documents hashed
// alike, and the filters of a search.
#include "services/archive/api/proto_mapping.h"

#include "common/grpc/proto_time.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/archive/api/proto_record_codec.h"

namespace cs::archive {
namespace {

using ::cs::common::testing::StatusIs;
using ::testing::HasSubstr;

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
  EXPECT_EQ(c.status, kTicketStatusClosed);
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

}  // namespace
}  // namespace cs::archive
