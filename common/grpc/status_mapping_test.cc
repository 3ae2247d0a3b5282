#include "common/grpc/status_mapping.h"

#include "common/status/field_violations.h"
#include "common/testing/status_matchers.h"
#include "cs/common/v1/common.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

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

TEST(StatusMappingTest, ViolationsTravelAsErrorDetail) {
  const grpc::Status grpc_status = ToGrpcStatus(TwoBadFields());
  EXPECT_EQ(grpc_status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(grpc_status.error_message(), TwoBadFields().message());
  cs::common::v1::ErrorDetail detail;
  ASSERT_TRUE(detail.ParseFromString(grpc_status.error_details()));
  ASSERT_EQ(detail.field_violations_size(), 2);
  EXPECT_EQ(detail.field_violations(0).field(), "ticket.contact_phone");
  EXPECT_EQ(detail.field_violations(0).description(), "must not be empty");
  EXPECT_EQ(detail.field_violations(1).field(), "ticket.device_number");
  EXPECT_EQ(detail.field_violations(1).description(), "must be 8 digits; got \"12\"");
}

TEST(StatusMappingTest, RoundTripRestoresCodeMessageAndViolations) {
  const absl::Status original = TwoBadFields();
  const absl::Status restored = FromGrpcStatus(ToGrpcStatus(original));
  EXPECT_THAT(restored, StatusIs(absl::StatusCode::kInvalidArgument, original.message()));
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

TEST(StatusMappingTest, ForeignOrBrokenDetailsAreIgnored) {
  const absl::Status garbage = FromGrpcStatus(
      grpc::Status(grpc::StatusCode::INTERNAL, "boom", std::string("\xff\xff\x01", 3)));
  EXPECT_THAT(garbage, StatusIs(absl::StatusCode::kInternal, "boom"));
  EXPECT_THAT(ViolationsOf(garbage), IsEmpty());
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
