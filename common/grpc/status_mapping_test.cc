#include "common/grpc/status_mapping.h"

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status/error_reason.h"
#include "common/status/field_violations.h"
#include "common/testing/status_matchers.h"
#include "common/text/utf8.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::SizeIs;
using ::testing::UnorderedElementsAre;

absl::Status TwoBadFields() {
  FieldViolations violations;
  violations.Add("ticket.contact_phone", "must not be empty");
  violations.Add("ticket.device_number", "must be 8 digits; got \"12\"");
  return violations.ToStatus("the ticket cannot be forwarded");
}

TEST(StatusMappingTest, OkBothWays) {
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
  EXPECT_THAT(FromGrpcStatus(grpc::Status::OK), IsOk());
}

// The details as any client decodes them: google.rpc.Status whose Any details unpack into
// ErrorInfo and BadRequest.
struct Decoded {
  google::rpc::Status status;
  google::rpc::ErrorInfo info;
  google::rpc::BadRequest bad_request;
  int infos = 0;
  int bad_requests = 0;
};

Decoded Decode(const grpc::Status& grpc_status) {
  Decoded out;
  EXPECT_TRUE(out.status.ParseFromString(grpc_status.error_details()));
  for (const google::protobuf::Any& detail : out.status.details()) {
    if (detail.UnpackTo(&out.info)) {
      ++out.infos;
    } else if (detail.UnpackTo(&out.bad_request)) {
      ++out.bad_requests;
    } else {
      ADD_FAILURE() << "unexpected detail " << detail.type_url();
    }
  }
  return out;
}

TEST(StatusMappingTest, EveryCodeKeepsItsNumberAndMessage) {
  for (int number = 1; number <= 16; ++number) {
    const absl::Status status(static_cast<absl::StatusCode>(number), "message ü");
    const grpc::Status grpc_status = ToGrpcStatus(status);
    EXPECT_EQ(static_cast<int>(grpc_status.error_code()), number);
    EXPECT_EQ(grpc_status.error_message(), "message ü");
    EXPECT_TRUE(grpc_status.error_details().empty());
    EXPECT_EQ(FromGrpcStatus(grpc_status), status);
  }
}

TEST(StatusMappingTest, ViolationsTravelAsGoogleRpcStatusWithErrorInfoAndBadRequest) {
  const grpc::Status grpc_status = ToGrpcStatus(TwoBadFields());
  EXPECT_EQ(grpc_status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(grpc_status.error_message(), TwoBadFields().message());
  const Decoded decoded = Decode(grpc_status);
  EXPECT_EQ(decoded.status.code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_EQ(decoded.status.message(), TwoBadFields().message());
  ASSERT_EQ(decoded.status.details_size(), 2);
  // ErrorInfo first (AIP-193).
  EXPECT_EQ(decoded.status.details(0).type_url(), "type.googleapis.com/google.rpc.ErrorInfo");
  EXPECT_EQ(decoded.status.details(1).type_url(), "type.googleapis.com/google.rpc.BadRequest");
  EXPECT_EQ(decoded.info.reason(), "INVALID_FIELDS");
  // Filled in by the server interceptor, which knows which service answered.
  EXPECT_EQ(decoded.info.domain(), "");
  EXPECT_THAT(decoded.info.metadata(), IsEmpty());
  ASSERT_EQ(decoded.bad_request.field_violations_size(), 2);
  EXPECT_EQ(decoded.bad_request.field_violations(0).field(), "ticket.contact_phone");
  EXPECT_EQ(decoded.bad_request.field_violations(0).description(), "must not be empty");
  EXPECT_EQ(decoded.bad_request.field_violations(1).field(), "ticket.device_number");
  EXPECT_EQ(decoded.bad_request.field_violations(1).description(), "must be 8 digits; got \"12\"");
}

TEST(StatusMappingTest, AReasonWithoutViolationsTravelsAsErrorInfoAlone) {
  const grpc::Status grpc_status = ToGrpcStatus(
      WithReason(absl::FailedPreconditionError("ticket 7 is CLOSED"), reason::kStateForbidsChange));
  EXPECT_EQ(grpc_status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  const Decoded decoded = Decode(grpc_status);
  EXPECT_EQ(decoded.infos, 1);
  EXPECT_EQ(decoded.bad_requests, 0);
  EXPECT_EQ(decoded.info.reason(), "STATE_FORBIDS_CHANGE");
  EXPECT_THAT(FromGrpcStatus(grpc_status),
              StatusIs(absl::StatusCode::kFailedPrecondition, "ticket 7 is CLOSED"));
  EXPECT_EQ(ReasonOf(FromGrpcStatus(grpc_status)), "STATE_FORBIDS_CHANGE");
}

TEST(StatusMappingTest, UndecodableRequestCarriesItsReason) {
  const Decoded decoded = Decode(ToGrpcStatus(UndecodableRequestError("cs.intake.v1.GetTicket")));
  EXPECT_EQ(decoded.info.reason(), "UNPARSEABLE_REQUEST");
  EXPECT_EQ(decoded.bad_requests, 0);
}

// grpc-message is percent-encoded: a byte outside printable ASCII travels as three. A long Chinese
// message is cut so that its encoded form stays within the cap, at a code point.
TEST(StatusMappingTest, AMessageIsCutByItsPercentEncodedSize) {
  std::string chinese;
  for (int i = 0; i < 2000; ++i) chinese += "单";  // 6000 bytes, 18000 once encoded
  const grpc::Status grpc_status = ToGrpcStatus(absl::InvalidArgumentError(chinese));
  const std::string& message = grpc_status.error_message();
  size_t encoded = 0;
  for (char c : message) {
    const auto byte = static_cast<unsigned char>(c);
    encoded += (byte < 0x20 || byte > 0x7E || byte == '%') ? 3 : 1;
  }
  // The cap, plus the "…" that marks the cut (three bytes, nine encoded).
  EXPECT_LE(encoded, kMaxGrpcMessageBytes + 9);
  EXPECT_GT(encoded, kMaxGrpcMessageBytes - 12);
  EXPECT_TRUE(IsValidUtf8(message));
  EXPECT_TRUE(absl::EndsWith(message, "…"));
}

TEST(StatusMappingTest, ViolationsPastTheDetailsCapAreCountedInErrorInfo) {
  FieldViolations violations;
  for (int i = 0; i < 40; ++i) {
    violations.Add(absl::StrCat("items.", i, ".name"), std::string(150, 'x'));
  }
  const grpc::Status grpc_status = ToGrpcStatus(violations.ToStatus("invalid items"));
  EXPECT_LE(grpc_status.error_details().size(), kMaxGrpcDetailsBytes);
  EXPECT_LE(grpc_status.error_message().size(), kMaxGrpcMessageBytes + 3);
  const Decoded decoded = Decode(grpc_status);
  const int kept = decoded.bad_request.field_violations_size();
  EXPECT_GE(kept, 3);
  EXPECT_LT(kept, 40);
  // The first ones, in order.
  EXPECT_EQ(decoded.bad_request.field_violations(0).field(), "items.0.name");
  EXPECT_EQ(decoded.bad_request.field_violations(kept - 1).field(),
            absl::StrCat("items.", kept - 1, ".name"));
  EXPECT_EQ(decoded.info.reason(), "INVALID_FIELDS");
  EXPECT_THAT(decoded.info.metadata(),
              UnorderedElementsAre(Pair("omitted_field_violations", absl::StrCat(40 - kept))));
  EXPECT_THAT(ViolationsOf(FromGrpcStatus(grpc_status)), SizeIs(kept));
}

TEST(StatusMappingTest, ADomainIsSetInErrorInfoWithoutOne) {
  const grpc::Status with_domain = WithErrorDomain(ToGrpcStatus(TwoBadFields()), "cs.intake");
  EXPECT_EQ(with_domain.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(with_domain.error_message(), TwoBadFields().message());
  const Decoded decoded = Decode(with_domain);
  EXPECT_EQ(decoded.info.domain(), "cs.intake");
  EXPECT_EQ(decoded.info.reason(), "INVALID_FIELDS");
  EXPECT_EQ(decoded.bad_request.field_violations_size(), 2);
  // A domain already set stays.
  EXPECT_EQ(Decode(WithErrorDomain(with_domain, "cs.routing")).info.domain(), "cs.intake");
  // Nothing to set: the status comes back unchanged.
  const grpc::Status plain = ToGrpcStatus(absl::NotFoundError("no ticket 7"));
  EXPECT_TRUE(WithErrorDomain(plain, "cs.intake").error_details().empty());
  const grpc::Status foreign(grpc::StatusCode::INTERNAL, "boom", std::string("\xff\xff\x01", 3));
  EXPECT_EQ(WithErrorDomain(foreign, "cs.intake").error_details(), foreign.error_details());
}

TEST(StatusMappingTest, ErrorDomainIsTheServicePackageWithoutVersion) {
  EXPECT_EQ(ErrorDomainOfService("cs.intake.v1.IntakeService"), "cs.intake");
  EXPECT_EQ(ErrorDomainOfService("cs.routing.v1.RoutingService"), "cs.routing");
  EXPECT_EQ(ErrorDomainOfService("cs.common.v1.TestClock"), "cs.common");
  EXPECT_EQ(ErrorDomainOfService("grpc.health.v1.Health"), "");
}

TEST(StatusMappingTest, RoundTripRestoresCodeMessageReasonAndViolations) {
  const absl::Status original = TwoBadFields();
  const absl::Status restored = FromGrpcStatus(ToGrpcStatus(original));
  EXPECT_THAT(restored, StatusIs(absl::StatusCode::kInvalidArgument, original.message()));
  EXPECT_EQ(ReasonOf(restored), "INVALID_FIELDS");
  EXPECT_THAT(ViolationsOf(restored),
              ElementsAre(FieldViolation{"ticket.contact_phone", "must not be empty"},
                          FieldViolation{"ticket.device_number", "must be 8 digits; got \"12\""}));
}

TEST(StatusMappingTest, ViolationsOnAnotherCodeKeepTheCode) {
  FieldViolations violations;
  violations.Add("state", "the ticket is closed");
  const absl::Status restored = FromGrpcStatus(
      ToGrpcStatus(violations.ToStatus("cannot reply", absl::StatusCode::kFailedPrecondition)));
  EXPECT_THAT(restored, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(ViolationsOf(restored), ElementsAre(FieldViolation{"state", "the ticket is closed"}));
}

TEST(StatusMappingTest, RequestIdReusedSurvivesTheRoundTrip) {
  const absl::Status restored = FromGrpcStatus(ToGrpcStatus(
      RequestIdReused("was already used for a different request; use a new request_id")));
  EXPECT_EQ(ReasonOf(restored), "REQUEST_ID_REUSED");
  EXPECT_THAT(ViolationsOf(restored),
              ElementsAre(FieldViolation{
                  "request_id", "was already used for a different request; use a new request_id"}));
}

TEST(StatusMappingTest, ForeignOrBrokenDetailsAreIgnored) {
  const absl::Status garbage = FromGrpcStatus(
      grpc::Status(grpc::StatusCode::INTERNAL, "boom", std::string("\xff\xff\x01", 3)));
  EXPECT_THAT(garbage, StatusIs(absl::StatusCode::kInternal, "boom"));
  EXPECT_THAT(ViolationsOf(garbage), IsEmpty());
  EXPECT_EQ(ReasonOf(garbage), "");

  // A google.rpc.Status with a detail of a type this side does not know: code and message only.
  google::rpc::Status foreign;
  foreign.set_code(static_cast<int>(grpc::StatusCode::UNAVAILABLE));
  foreign.set_message("later");
  google::rpc::Status unknown_detail;
  unknown_detail.set_message("not a detail type we read");
  foreign.add_details()->PackFrom(unknown_detail);
  const absl::Status restored = FromGrpcStatus(
      grpc::Status(grpc::StatusCode::UNAVAILABLE, "later", foreign.SerializeAsString()));
  EXPECT_THAT(restored, StatusIs(absl::StatusCode::kUnavailable, "later"));
  EXPECT_THAT(ViolationsOf(restored), IsEmpty());
  EXPECT_EQ(ReasonOf(restored), "");
}

TEST(StatusMappingTest, CodeOutOfRangeBecomesUnknown) {
  EXPECT_THAT(FromGrpcStatus(grpc::Status(static_cast<grpc::StatusCode>(42), "odd")),
              StatusIs(absl::StatusCode::kUnknown, "odd"));
}

TEST(StatusMappingTest, MacrosReturnMappedStatus) {
  const auto handler = [](absl::Status inner) -> grpc::Status {
    RETURN_IF_ERROR_GRPC(inner);
    return grpc::Status(grpc::StatusCode::ALREADY_EXISTS, "reached the end");
  };
  EXPECT_EQ(handler(absl::NotFoundError("no ticket")).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(handler(absl::OkStatus()).error_code(), grpc::StatusCode::ALREADY_EXISTS);

  const auto assigning = [](absl::StatusOr<int> inner, int* out) -> grpc::Status {
    ASSIGN_OR_RETURN_GRPC(*out, inner);
    return grpc::Status::OK;
  };
  int value = 0;
  EXPECT_EQ(assigning(absl::StatusOr<int>(absl::UnavailableError("db")), &value).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(value, 0);
  EXPECT_TRUE(assigning(absl::StatusOr<int>(7), &value).ok());
  EXPECT_EQ(value, 7);
}

}  // namespace
}  // namespace cs::common
