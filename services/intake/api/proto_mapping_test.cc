// The cs.intake.v1 mapping: a ticket filled in every field reaches the wire in every field
// (common/testing/proto_fields.h), so that a field the mapping forgets cannot read 0 unnoticed
// (issue 10).
#include "services/intake/api/proto_mapping.h"

#include "common/testing/proto_fields.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/intake/api/proto_message_encoder.h"
#include "services/intake/domain/ticket_test_support.h"

namespace cs::intake {
namespace {

using ::cs::common::testing::UnsetFieldPaths;
using ::testing::IsEmpty;

const absl::Time kT0 = absl::FromUnixSeconds(1780243205);  // 2026-06-01 00:00:05 in Shanghai

// Every field of the ticket holds something other than its default, whatever its status would
// allow: the mapping does not judge, it copies.
Ticket FilledTicket() {
  Ticket t;
  t.id = 42;
  t.input = testing::CompleteInput();
  t.input.special_request = true;
  t.input.special_request_note = "请尽快回电";
  t.input.complained_at = kT0 - absl::Hours(1);
  t.status = TicketStatus::kClosed;
  t.overall_serial = 17;
  t.serial_month = "2026-06";
  t.month_serial = 3;
  t.received_at = kT0;
  t.confirm_clock_start = kT0;
  t.confirm_deadline = {kT0 + absl::Hours(10), "cn-2026.1", /*provisional=*/true};
  t.confirm_miss_counted = true;
  Forward forward;
  forward.forward_id = "F42-1";
  forward.forwarded_at = kT0 + absl::Seconds(5);
  forward.confirm_deadline = t.confirm_deadline;
  forward.confirmed_at = kT0 + absl::Hours(9);
  forward.working_time_to_confirm = absl::Seconds(3840);
  forward.receipt_id = "receipt-9";
  forward.attempts = 4;
  t.forward = forward;
  t.last_outcome = OutcomeKind::kReplied;
  t.handling_department = "portal";
  t.handling_deadline = kT0 + absl::Hours(48);
  t.replied_to_user_at = kT0 + absl::Hours(30);
  t.return_reason = ReturnReason::kContentIncorrect;
  t.return_note = "设备号码有误";
  t.fields_at_fault = {"device_number"};
  t.callback_at = kT0 + absl::Hours(31);
  t.closed_at = kT0 + absl::Hours(32);
  t.history = {{1, kT0, "clerk", "CREATED", "-"}};
  t.replies = {{1, kT0 + absl::Hours(30), ReplyChannel::kSms, "service-desk", "已处理"}};
  t.updated_at = kT0 + absl::Hours(32);
  t.version = 9;
  return t;
}

TEST(ProtoMappingTest, EveryFieldOfATicketReachesTheWire) {
  EXPECT_THAT(UnsetFieldPaths(ToProto(FilledTicket())), IsEmpty());
}

TEST(ProtoMappingTest, AListedTicketLeavesOutOnlyItsHistoryAndReplies) {
  EXPECT_THAT(UnsetFieldPaths(ToProto(FilledTicket(), /*with_children=*/false),
                              {// ListTickets omits them by contract: GetTicket has them.
                               "history", "replies"}),
              IsEmpty());
}

TEST(ProtoMappingTest, I5_WorkingSecondsToConfirmAreTheRecordedWorkingTime) {
  Ticket ticket = FilledTicket();
  EXPECT_EQ(ToProto(ticket).forward().working_seconds_to_confirm(), 3840);
  // Not yet confirmed: nothing measured.
  ticket.forward->confirmed_at.reset();
  ticket.forward->working_time_to_confirm.reset();
  const v1::Forward unconfirmed = ToProto(ticket).forward();
  EXPECT_FALSE(unconfirmed.has_confirmed_at());
  EXPECT_EQ(unconfirmed.working_seconds_to_confirm(), 0);
}

TEST(ProtoMappingTest, I4_TheForwardToRoutingCarriesEveryField) {
  EXPECT_THAT(UnsetFieldPaths(ToForwardRequest(FilledTicket())), IsEmpty());
}

TEST(ProtoMappingTest, V1_TheRecordForTheArchiveCarriesEveryField) {
  const common::UnitDirectory units = testing::TestUnits();
  ProtoMessageEncoder encoder(units, "Asia/Shanghai");
  cs::archive::v1::ArchiveRecordRequest request;
  ASSERT_TRUE(request.ParseFromString(encoder.EncodeArchiveRecord(FilledTicket())));
  EXPECT_THAT(UnsetFieldPaths(request,
                              {// The relay's sender sets it to the outbox message id.
                               "message_id"}),
              IsEmpty());
}

}  // namespace
}  // namespace cs::intake
