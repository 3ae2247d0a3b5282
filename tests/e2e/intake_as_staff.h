// Intake as a unit's staff member uses it, for end-to-end tests: record a complete ticket and
// forward it, read a ticket. A call that fails records a test failure (with gRPC's message) and
// returns an empty ticket. Not thread-safe.
#ifndef CS_TESTS_E2E_INTAKE_AS_STAFF_H_
#define CS_TESTS_E2E_INTAKE_AS_STAFF_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "cs/intake/v1/intake.grpc.pb.h"
#include "grpcpp/channel.h"
#include "tests/e2e/running_suite.h"

namespace cs::e2e {

// A ticket of `unit_id` with every element SPEC I2 requires, so it can be forwarded.
cs::intake::v1::TicketInput CompleteTicketInput(absl::string_view unit_id = "broadband");

// Every ticket of `unit_id` as the CS center lists them, page by page (with awaiting_confirmation:
// only those whose forward is still unconfirmed). A failed page records a test failure and ends
// the list there.
std::vector<cs::intake::v1::Ticket> ListAllTickets(cs::intake::v1::IntakeService::Stub& intake,
                                                   bool awaiting_confirmation = false,
                                                   absl::string_view unit_id = "broadband");

class IntakeAsStaff final {
 public:
  IntakeAsStaff(std::shared_ptr<grpc::Channel> channel,
                absl::string_view token = kBroadbandStaffToken)
      : stub_(cs::intake::v1::IntakeService::NewStub(std::move(channel))), token_(token) {}

  // Records CompleteTicketInput() and forwards it (request ids "<name>-create", "<name>-forward");
  // the ticket as the forward answered it.
  cs::intake::v1::Ticket CreateAndForward(absl::string_view name);
  cs::intake::v1::Ticket Get(int64_t ticket_id);

 private:
  std::unique_ptr<cs::intake::v1::IntakeService::Stub> stub_;
  const std::string token_;
};

}  // namespace cs::e2e

#endif  // CS_TESTS_E2E_INTAKE_AS_STAFF_H_
