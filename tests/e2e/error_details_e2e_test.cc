// Issue 11, "Errors any gRPC client can read": a failed call of the real binaries carries, in the
// grpc-status-details-bin trailer (grpc::Status::error_details()), a google.rpc.Status whose
// details unpack into google.rpc.ErrorInfo (stable reason, domain of the service) and
// google.rpc.BadRequest (every bad field). Decoded here with nothing but the standard messages
// (proto/google/rpc): no helper of the suite reads the trailer, as a client in another language
// would not have one.
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/grpc/client_auth.h"
#include "common/testing/raw_call.h"
#include "cs/archive/v1/archive.grpc.pb.h"
#include "cs/intake/v1/intake.grpc.pb.h"
#include "cs/routing/v1/routing.grpc.pb.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "tests/e2e/intake_as_staff.h"
#include "tests/e2e/running_suite.h"

namespace cs::e2e {
namespace {

using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

// What a client of any language gets from the trailer.
struct Trailer {
  google::rpc::Status status;
  std::vector<google::rpc::ErrorInfo> infos;
  std::vector<google::rpc::BadRequest> bad_requests;

  std::vector<std::string> Fields() const {
    std::vector<std::string> fields;
    for (const google::rpc::BadRequest& bad_request : bad_requests) {
      for (const auto& violation : bad_request.field_violations()) {
        fields.push_back(violation.field());
      }
    }
    return fields;
  }
};

// Decodes the trailer, checking what every client relies on: it parses, agrees with the call's
// code and message, and holds only detail types a client can unpack.
Trailer DecodeTrailer(const grpc::Status& status) {
  Trailer trailer;
  EXPECT_FALSE(status.error_details().empty()) << "no grpc-status-details-bin";
  EXPECT_TRUE(trailer.status.ParseFromString(status.error_details()));
  EXPECT_EQ(trailer.status.code(), static_cast<int>(status.error_code()));
  EXPECT_EQ(trailer.status.message(), status.error_message());
  for (const google::protobuf::Any& detail : trailer.status.details()) {
    google::rpc::ErrorInfo info;
    google::rpc::BadRequest bad_request;
    if (detail.UnpackTo(&info)) {
      trailer.infos.push_back(info);
    } else if (detail.UnpackTo(&bad_request)) {
      trailer.bad_requests.push_back(bad_request);
    } else {
      ADD_FAILURE() << "a detail no client can unpack with the standard messages: "
                    << detail.type_url();
    }
  }
  EXPECT_EQ(trailer.infos.size(), 1u) << "exactly one ErrorInfo";
  EXPECT_LE(trailer.bad_requests.size(), 1u);
  if (trailer.infos.empty()) trailer.infos.emplace_back();
  return trailer;
}

class ErrorDetailsTest : public SharedSuiteTest<ErrorDetailsTest> {
 protected:
  static std::unique_ptr<cs::intake::v1::IntakeService::Stub> Intake() {
    return cs::intake::v1::IntakeService::NewStub(suite().service("intake").channel);
  }

  template <typename Request, typename Response, typename Method>
  static grpc::Status Call(Method method, const Request& request, Response* response,
                           absl::string_view token) {
    auto stub = Intake();
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    if (!token.empty()) common::AttachBearerToken(context, token);
    return ((*stub).*method)(&context, request, response);
  }

  static grpc::Status Create(const cs::intake::v1::TicketInput& input, absl::string_view request_id,
                             cs::intake::v1::Ticket* ticket,
                             absl::string_view token = kBroadbandStaffToken) {
    cs::intake::v1::CreateTicketRequest request;
    request.set_request_id(std::string(request_id));
    *request.mutable_ticket() = input;
    return Call(&cs::intake::v1::IntakeService::Stub::CreateTicket, request, ticket, token);
  }
};

TEST_F(ErrorDetailsTest, I1_EveryBadFieldArrivesInBadRequestWithReasonInvalidFields) {
  cs::intake::v1::TicketInput input = CompleteTicketInput();
  input.set_contact_phone("call me");
  input.set_device_number("abc-12");
  input.set_kind(static_cast<cs::common::v1::TicketKind>(9));
  input.set_unit_id("nowhere");
  input.set_user_name(std::string(101, 'x'));
  cs::intake::v1::Ticket ticket;
  // A role that may record tickets: another role is refused before its request is read.
  const grpc::Status status =
      Create(input, "error-details-bad-fields", &ticket, kBroadbandStaffToken);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();

  const Trailer trailer = DecodeTrailer(status);
  EXPECT_EQ(trailer.infos[0].reason(), "INVALID_FIELDS");
  EXPECT_EQ(trailer.infos[0].domain(), "cs.intake");
  ASSERT_EQ(trailer.bad_requests.size(), 1u);
  EXPECT_THAT(trailer.Fields(),
              UnorderedElementsAre("ticket.contact_phone", "ticket.device_number", "ticket.kind",
                                   "ticket.unit_id", "ticket.user_name"));
  for (const auto& violation : trailer.bad_requests[0].field_violations()) {
    EXPECT_THAT(violation.description(), Not(IsEmpty())) << violation.field();
  }
}

TEST_F(ErrorDetailsTest, I2_AForwardLackingRequiredElementsIsMissingRequiredFields) {
  cs::intake::v1::TicketInput input = CompleteTicketInput();
  input.clear_device_number();
  input.clear_contact_person();
  cs::intake::v1::Ticket ticket;
  const grpc::Status created = Create(input, "error-details-incomplete", &ticket);
  ASSERT_TRUE(created.ok()) << created.error_message();

  cs::intake::v1::ForwardTicketRequest forward;
  forward.set_request_id("error-details-incomplete-forward");
  forward.set_ticket_id(ticket.ticket_id());
  cs::intake::v1::Ticket forwarded;
  const grpc::Status status = Call(&cs::intake::v1::IntakeService::Stub::ForwardTicket, forward,
                                   &forwarded, kBroadbandStaffToken);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  const Trailer trailer = DecodeTrailer(status);
  EXPECT_EQ(trailer.infos[0].reason(), "MISSING_REQUIRED_FIELDS");
  EXPECT_EQ(trailer.infos[0].domain(), "cs.intake");
  EXPECT_THAT(trailer.Fields(), UnorderedElementsAre("device_number", "contact_person"));
}

// AIP-155: the same request_id with another body.
TEST_F(ErrorDetailsTest, ARequestIdReusedForAnotherRequestSaysSo) {
  cs::intake::v1::Ticket ticket;
  const grpc::Status created = Create(CompleteTicketInput(), "error-details-reused", &ticket);
  ASSERT_TRUE(created.ok()) << created.error_message();
  cs::intake::v1::TicketInput other = CompleteTicketInput();
  other.set_problem("另一个问题");
  const grpc::Status status = Create(other, "error-details-reused", &ticket);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  const Trailer trailer = DecodeTrailer(status);
  EXPECT_EQ(trailer.infos[0].reason(), "REQUEST_ID_REUSED");
  EXPECT_EQ(trailer.infos[0].domain(), "cs.intake");
  EXPECT_THAT(trailer.Fields(), UnorderedElementsAre("request_id"));
}

TEST_F(ErrorDetailsTest, CallersWithoutATokenOrOfAnotherUnitGetTheirReason) {
  cs::intake::v1::Ticket ticket;
  const grpc::Status anonymous =
      Create(CompleteTicketInput(), "error-details-anonymous", &ticket, "");
  ASSERT_EQ(anonymous.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  const Trailer unauthenticated = DecodeTrailer(anonymous);
  EXPECT_EQ(unauthenticated.infos[0].reason(), "MISSING_OR_UNKNOWN_TOKEN");
  EXPECT_EQ(unauthenticated.infos[0].domain(), "cs.intake");
  EXPECT_TRUE(unauthenticated.bad_requests.empty());

  cs::intake::v1::TicketInput hosting = CompleteTicketInput();
  hosting.set_unit_id("hosting");
  const grpc::Status other_unit =
      Create(hosting, "error-details-other-unit", &ticket, kBroadbandStaffToken);
  ASSERT_EQ(other_unit.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(DecodeTrailer(other_unit).infos[0].reason(), "OTHER_UNITS_RESOURCE");

  // Only the CS center reads the archive's access log: a unit's staff has the wrong role.
  auto archive = cs::archive::v1::ArchiveService::NewStub(suite().service("archive").channel);
  grpc::ClientContext context;
  common::AttachBearerToken(context, kBroadbandStaffToken);
  cs::archive::v1::ListAccessLogRequest request;
  request.set_reason("error details e2e");
  request.mutable_page()->set_page_size(10);
  cs::archive::v1::ListAccessLogResponse response;
  const grpc::Status role = archive->ListAccessLog(&context, request, &response);
  ASSERT_EQ(role.error_code(), grpc::StatusCode::PERMISSION_DENIED) << role.error_message();
  const Trailer denied = DecodeTrailer(role);
  EXPECT_EQ(denied.infos[0].reason(), "ROLE_NOT_ALLOWED");
  EXPECT_EQ(denied.infos[0].domain(), "cs.archive");
}

// Every service, through the domain of the one that answered.
TEST_F(ErrorDetailsTest, AnUndecodableBodyIsUnparseableRequestInTheServicesDomain) {
  const std::vector<std::tuple<std::string, std::string, std::string>> methods = {
      {"intake", "/cs.intake.v1.IntakeService/GetTicket", "cs.intake"},
      {"routing", "/cs.routing.v1.RoutingService/GetRoutedTicket", "cs.routing"},
      {"archive", "/cs.archive.v1.ArchiveService/GetRecord", "cs.archive"},
      {"hotline-registry", "/cs.hotline.v1.HotlineRegistryService/GetHotline", "cs.hotline"},
      {"channel-registry", "/cs.channel.v1.ChannelRegistryService/GetChannel", "cs.channel"},
      // A client stream: its message parsed by the service itself.
      {"hotline-registry", "/cs.hotline.v1.HotlineRegistryService/IngestCallRecords",
       "cs.hotline"}};
  for (const auto& [service, path, domain] : methods) {
    const grpc::Status status = common::testing::CallWithRawBody(
        suite().service(service).channel, path, common::testing::UndecodableBody(), kCsCenterToken);
    ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << path;
    const Trailer trailer = DecodeTrailer(status);
    EXPECT_EQ(trailer.infos[0].reason(), "UNPARSEABLE_REQUEST") << path;
    EXPECT_EQ(trailer.infos[0].domain(), domain) << path;
  }
}

// A status with no reason (here NOT_FOUND, whose code says it all) sends no details: a client
// never has to tell an empty ErrorInfo from a missing one.
TEST_F(ErrorDetailsTest, AnErrorWithoutAReasonSendsNoDetails) {
  cs::intake::v1::GetTicketRequest request;
  request.set_ticket_id(987654321);
  cs::intake::v1::Ticket ticket;
  const grpc::Status status =
      Call(&cs::intake::v1::IntakeService::Stub::GetTicket, request, &ticket, kCsCenterToken);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << status.error_message();
  EXPECT_TRUE(status.error_details().empty());
}

}  // namespace
}  // namespace cs::e2e
