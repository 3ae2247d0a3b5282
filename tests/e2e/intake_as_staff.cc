#include "tests/e2e/intake_as_staff.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/grpc/client_auth.h"
#include "gtest/gtest.h"

namespace cs::e2e {
namespace {

using cs::intake::v1::IntakeService;

template <typename Request>
cs::intake::v1::Ticket Call(IntakeService::Stub& stub,
                            grpc::Status (IntakeService::Stub::*method)(grpc::ClientContext*,
                                                                        const Request&,
                                                                        cs::intake::v1::Ticket*),
                            absl::string_view token, const Request& request) {
  grpc::ClientContext context;
  common::AttachBearerToken(context, token);
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
  cs::intake::v1::Ticket ticket;
  const grpc::Status status = (stub.*method)(&context, request, &ticket);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return ticket;
}

}  // namespace

cs::intake::v1::TicketInput CompleteTicketInput(absl::string_view unit_id) {
  cs::intake::v1::TicketInput input;
  input.set_unit_id(std::string(unit_id));
  input.set_kind(cs::common::v1::TICKET_KIND_COMPLAINT);
  input.set_channel(cs::common::v1::CHANNEL_HOTLINE);
  input.set_problem("宽带晚上经常断线");
  input.set_device_number("02888880000");
  input.set_contact_phone("13800000000");
  input.set_contact_person("张先生");
  return input;
}

cs::intake::v1::Ticket IntakeAsStaff::CreateAndForward(absl::string_view name) {
  cs::intake::v1::CreateTicketRequest create;
  create.set_request_id(absl::StrCat(name, "-create"));
  *create.mutable_ticket() = CompleteTicketInput();
  const cs::intake::v1::Ticket created =
      Call(*stub_, &IntakeService::Stub::CreateTicket, token_, create);
  cs::intake::v1::ForwardTicketRequest forward;
  forward.set_request_id(absl::StrCat(name, "-forward"));
  forward.set_ticket_id(created.ticket_id());
  return Call(*stub_, &IntakeService::Stub::ForwardTicket, token_, forward);
}

cs::intake::v1::Ticket IntakeAsStaff::Get(int64_t ticket_id) {
  cs::intake::v1::GetTicketRequest get;
  get.set_ticket_id(ticket_id);
  return Call(*stub_, &IntakeService::Stub::GetTicket, token_, get);
}

std::vector<cs::intake::v1::Ticket> ListAllTickets(cs::intake::v1::IntakeService::Stub& intake,
                                                   bool awaiting_confirmation,
                                                   absl::string_view unit_id) {
  std::vector<cs::intake::v1::Ticket> tickets;
  cs::intake::v1::ListTicketsRequest request;
  request.set_unit_id(std::string(unit_id));
  request.set_awaiting_confirmation(awaiting_confirmation);
  request.mutable_page()->set_page_size(100);
  for (;;) {
    cs::intake::v1::ListTicketsResponse page;
    const grpc::Status status = CallAs(intake, &cs::intake::v1::IntakeService::Stub::ListTickets,
                                       kCsCenterToken, request, &page);
    EXPECT_TRUE(status.ok()) << status.error_message();
    if (!status.ok()) return tickets;
    tickets.insert(tickets.end(), page.tickets().begin(), page.tickets().end());
    if (page.page().next_page_token().empty()) return tickets;
    request.mutable_page()->set_page_token(page.page().next_page_token());
  }
}

}  // namespace cs::e2e
