#include "common/status/field_violations.h"

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(FieldViolationsTest, EmptyIsOk) { EXPECT_THAT(FieldViolations().ToStatus("bad"), IsOk()); }

TEST(FieldViolationsTest, StatusNamesEveryFieldAndCarriesThem) {
  FieldViolations violations;
  violations.Add("device_number", "required");
  violations.Add("contact_phone", "must be digits");
  absl::Status status = violations.ToStatus("cannot forward");
  EXPECT_THAT(status,
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("cannot forward"), HasSubstr("device_number: required"),
                             HasSubstr("contact_phone: must be digits"))));
  EXPECT_THAT(ViolationsOf(status), ElementsAre(FieldViolation{"device_number", "required"},
                                                FieldViolation{"contact_phone", "must be digits"}));
}

TEST(FieldViolationsTest, MergePrefixesFieldsAndKeepsCode) {
  FieldViolations inner;
  inner.Add("phone", "empty");
  FieldViolations outer;
  outer.Merge(inner, "contact");
  absl::Status status = outer.ToStatus("x", absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("contact.phone")));
  EXPECT_THAT(ViolationsOf(status), ElementsAre(FieldViolation{"contact.phone", "empty"}));
}

TEST(FieldViolationsTest, SeparatorsInDescriptionsCannotForgeFields) {
  FieldViolations violations;
  violations.Add("a",
                 "x\x1e"
                 "b\x1fy");
  EXPECT_THAT(ViolationsOf(violations.ToStatus("bad")), ElementsAre(FieldViolation{"a", "xby"}));
}

TEST(FieldViolationsTest, PlainStatusHasNoViolations) {
  EXPECT_TRUE(ViolationsOf(absl::InvalidArgumentError("plain")).empty());
}

TEST(FieldViolationsTest, ReasonIsMissingRequiredFieldsOnlyWhenEveryFieldIsRequired) {
  FieldViolations missing;
  missing.Add("device_number", "is required");
  missing.Add("return_reason", "is required for RETURN");
  EXPECT_EQ(ReasonOf(missing.ToStatus("bad")), reason::kMissingRequiredFields);

  FieldViolations mixed = missing;
  mixed.Add("contact_phone", "must be 3-20 digits");
  EXPECT_EQ(ReasonOf(mixed.ToStatus("bad")), reason::kInvalidFields);
  EXPECT_EQ(ReasonOf(InvalidField("page.page_size", "must not be negative")),
            reason::kInvalidFields);
  EXPECT_EQ(ReasonOf(InvalidField("time", "is required")), reason::kMissingRequiredFields);
}

TEST(FieldViolationsTest, AGivenReasonWins) {
  FieldViolations violations;
  violations.Add("problem", "is required before the ticket can be forwarded (A5 6.1)");
  const absl::Status status = violations.ToStatus(
      "cannot forward", absl::StatusCode::kInvalidArgument, "TICKET_INCOMPLETE");
  EXPECT_EQ(ReasonOf(status), "TICKET_INCOMPLETE");
  EXPECT_THAT(ViolationsOf(status),
              ElementsAre(FieldViolation{"problem",
                                         "is required before the ticket can be forwarded "
                                         "(A5 6.1)"}));
}

TEST(FieldViolationsTest, RequestIdReusedNamesTheFieldWithItsOwnReason) {
  const absl::Status status =
      RequestIdReused("was already used for a different request; use a new request_id");
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_EQ(ReasonOf(status), reason::kRequestIdReused);
  EXPECT_THAT(ViolationsOf(status),
              ElementsAre(FieldViolation{
                  "request_id", "was already used for a different request; use a new request_id"}));
}

}  // namespace
}  // namespace cs::common
