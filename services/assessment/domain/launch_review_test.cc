// S3 (M 7.7): launch reviews — submitted, accepted by the CS center's staff, window training, and a
// launch without an accepted review or before the training is a finding.
#include "services/assessment/domain/launch_review.h"

#include <string>
#include <vector>

#include "common/status/error_reason.h"
#include "common/status/field_violations.h"
#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::assessment {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const common::FieldViolation& v : common::ViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

LaunchReview Submitted(bool training_needed) {
  LaunchReviewForm form;
  form.unit_id = "broadband";
  form.change = "宽带续费页面改版";
  form.planned_launch_at = ShanghaiTime(2026, 11, 2, 9, 0);
  form.window_training_needed = training_needed;
  absl::StatusOr<LaunchReview> review =
      SubmitLaunchReview(form, "bb-staff", ShanghaiTime(2026, 10, 20, 9, 0));
  EXPECT_TRUE(review.ok()) << review.status();
  LaunchReview value = review.value_or(LaunchReview{});
  value.id = 4;
  return value;
}

TEST(LaunchReviewTest, S3_SubmissionNamesEveryBadField) {
  const absl::Status status =
      SubmitLaunchReview(LaunchReviewForm{}, "bb-staff", ShanghaiTime(2026, 10, 20, 9, 0)).status();
  EXPECT_THAT(Fields(status),
              UnorderedElementsAre("review.unit_id", "review.change", "review.planned_launch_at"));
}

TEST(LaunchReviewTest, S3_AnAcceptedAndTrainedLaunchIsNoFinding) {
  LaunchReview review = Submitted(false);
  EXPECT_EQ(review.state, LaunchReviewState::kSubmitted);
  ASSERT_THAT(AcceptLaunchReview(review, true, "10000 需培训", "cs-center",
                                 ShanghaiTime(2026, 10, 22, 9, 0)),
              IsOk());
  EXPECT_EQ(review.state, LaunchReviewState::kAccepted);
  EXPECT_TRUE(review.window_training_needed);
  EXPECT_EQ(review.accepted_by, "cs-center");
  ASSERT_THAT(RecordWindowTraining(review, ShanghaiTime(2026, 10, 30, 14, 0), "bb-staff",
                                   ShanghaiTime(2026, 10, 30, 17, 0)),
              IsOk());
  absl::StatusOr<absl::optional<Finding>> launch = RecordLaunch(
      review, ShanghaiTime(2026, 11, 2, 9, 0), "bb-staff", ShanghaiTime(2026, 11, 2, 10, 0));
  ASSERT_THAT(launch.status(), IsOk());
  EXPECT_FALSE(launch->has_value());
  EXPECT_EQ(review.state, LaunchReviewState::kLaunched);
  EXPECT_THAT(RecordLaunch(review, ShanghaiTime(2026, 11, 2, 9, 0), "bb-staff",
                           ShanghaiTime(2026, 11, 2, 10, 0))
                  .status(),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("LAUNCHED")));
}

TEST(LaunchReviewTest, S3_ALaunchWithoutAnAcceptedReviewIsAFinding) {
  LaunchReview review = Submitted(false);
  absl::StatusOr<absl::optional<Finding>> launch = RecordLaunch(
      review, ShanghaiTime(2026, 11, 2, 9, 0), "bb-staff", ShanghaiTime(2026, 11, 2, 10, 0));
  ASSERT_THAT(launch.status(), IsOk());
  ASSERT_TRUE(launch->has_value());
  EXPECT_EQ((*launch)->clause, "M 7.7");
  EXPECT_EQ((*launch)->source_id, "LR-4");
  EXPECT_EQ((*launch)->unit_id, "broadband");
  EXPECT_THAT((*launch)->finding, HasSubstr("accepted review"));
  EXPECT_EQ(review.launch_finding, *launch);
}

TEST(LaunchReviewTest, S3_ALaunchBeforeTheNeededTrainingIsAFinding) {
  LaunchReview review = Submitted(true);
  ASSERT_THAT(
      AcceptLaunchReview(review, absl::nullopt, "", "cs-center", ShanghaiTime(2026, 10, 22, 9, 0)),
      IsOk());
  absl::StatusOr<absl::optional<Finding>> launch = RecordLaunch(
      review, ShanghaiTime(2026, 11, 2, 9, 0), "bb-staff", ShanghaiTime(2026, 11, 2, 10, 0));
  ASSERT_THAT(launch.status(), IsOk());
  ASSERT_TRUE(launch->has_value());
  EXPECT_THAT((*launch)->finding, HasSubstr("training"));
  EXPECT_THAT((*launch)->finding, ::testing::Not(HasSubstr("accepted review")));
}

TEST(LaunchReviewTest, S3_TrainingOnlyWhenNeededAndOnce) {
  LaunchReview review = Submitted(false);
  const absl::Status needless = RecordWindowTraining(review, ShanghaiTime(2026, 10, 30, 14, 0),
                                                     "bb-staff", ShanghaiTime(2026, 10, 30, 17, 0));
  EXPECT_THAT(needless, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(Fields(needless), ElementsAre("window_training_needed"));
  LaunchReview accepted = Submitted(false);
  ASSERT_THAT(AcceptLaunchReview(accepted, absl::nullopt, "", "cs-center",
                                 ShanghaiTime(2026, 10, 22, 9, 0)),
              IsOk());
  const absl::Status twice = AcceptLaunchReview(accepted, absl::nullopt, "", "cs-center",
                                                ShanghaiTime(2026, 10, 22, 9, 0));
  EXPECT_EQ(common::ReasonOf(twice), common::reason::kStateForbidsChange);
}

}  // namespace
}  // namespace cs::assessment
