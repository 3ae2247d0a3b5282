// Issue 11 / SPEC I2, M 7.3, R7, V1, end to end on the real binaries: a ticket that lacks required
// elements cannot be forwarded; when the caller cannot be reached for them, the unit of first
// contact answers the user itself with routing's A6 format-3 text ("call 10000 or write again") and
// closes it, and the archive receives the complete record with that reply.
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/grpc/client_auth.h"
#include "common/testing/status_matchers.h"
#include "common/testing/wait_for.h"
#include "cs/archive/v1/archive.grpc.pb.h"
#include "cs/intake/v1/intake.grpc.pb.h"
#include "cs/routing/v1/routing.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/e2e/running_suite.h"

namespace cs::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;

TEST(UnitAnswersE2eTest, I2_AnIncompleteTicketIsAnsweredByItsUnitAndArchivedWithTheReply) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RunningSuite> suite, RunningSuite::Start());
  auto intake = cs::intake::v1::IntakeService::NewStub(suite->service("intake").channel);
  auto routing = cs::routing::v1::RoutingService::NewStub(suite->service("routing").channel);
  auto archive = cs::archive::v1::ArchiveService::NewStub(suite->service("archive").channel);

  // A web-form complaint without device number or contact phone.
  cs::intake::v1::CreateTicketRequest create;
  create.set_request_id("unit-answers-create");
  cs::intake::v1::TicketInput& input = *create.mutable_ticket();
  input.set_unit_id("broadband");
  input.set_kind(cs::common::v1::TICKET_KIND_COMPLAINT);
  input.set_channel(cs::common::v1::CHANNEL_WEB_FORM);
  input.set_reply_channel(cs::common::v1::REPLY_CHANNEL_EMAIL);
  input.set_problem("网页无法打开");
  input.set_contact_person("李女士");
  input.set_email("li@example.cn");
  cs::intake::v1::Ticket ticket;
  ASSERT_TRUE(CallAs(*intake, &cs::intake::v1::IntakeService::Stub::CreateTicket,
                     kBroadbandStaffToken, create, &ticket)
                  .ok());

  // It cannot be forwarded (I2)...
  cs::intake::v1::ForwardTicketRequest forward;
  forward.set_request_id("unit-answers-forward");
  forward.set_ticket_id(ticket.ticket_id());
  const grpc::Status refused = CallAs(*intake, &cs::intake::v1::IntakeService::Stub::ForwardTicket,
                                      kBroadbandStaffToken, forward, &ticket);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(refused.error_message(), HasSubstr("device_number"));

  // ...so the unit answers with the A6 format-3 text routing renders (R7), and closes it.
  cs::routing::v1::PreviewReplyRequest preview;
  preview.set_format(cs::routing::v1::REPLY_FORMAT_CANNOT_FORWARD);
  preview.set_unit_id("broadband");
  cs::routing::v1::PreviewReplyResponse letter;
  ASSERT_TRUE(CallAs(*routing, &cs::routing::v1::RoutingService::Stub::PreviewReply,
                     kBroadbandStaffToken, preview, &letter)
                  .ok());
  EXPECT_THAT(letter.text(), HasSubstr("10000"));
  cs::intake::v1::CloseTicketRequest close;
  close.set_request_id("unit-answers-close");
  close.set_ticket_id(ticket.ticket_id());
  close.set_reply_text(letter.text());
  close.set_reply_channel(cs::common::v1::REPLY_CHANNEL_EMAIL);
  cs::intake::v1::Ticket closed;
  const grpc::Status closing = CallAs(*intake, &cs::intake::v1::IntakeService::Stub::CloseTicket,
                                      kBroadbandStaffToken, close, &closed);
  ASSERT_TRUE(closing.ok()) << closing.error_message();
  EXPECT_EQ(closed.status(), cs::intake::v1::TICKET_STATUS_CLOSED);
  ASSERT_THAT(closed.replies(), SizeIs(1));
  EXPECT_EQ(closed.replies(0).text(), letter.text());

  // V1: the archive holds the complete record with the reply.
  cs::archive::v1::SearchRecordsRequest search;
  search.set_ticket_id(ticket.ticket_id());
  search.set_reason("check the unit's own answer was archived (e2e)");
  cs::archive::v1::SearchRecordsResponse found;
  ASSERT_OK(common::testing::WaitFor("the record in the archive", [&] {
    return CallAs(*archive, &cs::archive::v1::ArchiveService::Stub::SearchRecords, kCsCenterToken,
                  search, &found)
               .ok() &&
           found.records_size() == 1;
  }));
  cs::archive::v1::GetRecordRequest get;
  get.set_record_id(found.records(0).record_id());
  get.set_reason("read the archived reply (e2e)");
  cs::archive::v1::ArchivedRecord record;
  ASSERT_TRUE(CallAs(*archive, &cs::archive::v1::ArchiveService::Stub::GetRecord, kCsCenterToken,
                     get, &record)
                  .ok());
  ASSERT_THAT(record.ticket().replies(), SizeIs(1));
  EXPECT_EQ(record.ticket().replies(0).text(), letter.text());
  EXPECT_EQ(record.ticket().replies(0).replied_by(), "broadband");
  bool answered_without_forward = false;
  for (const auto& entry : record.ticket().history()) {
    answered_without_forward |= entry.event() == "ANSWERED_WITHOUT_FORWARD";
  }
  EXPECT_TRUE(answered_without_forward);
}

}  // namespace
}  // namespace cs::e2e
