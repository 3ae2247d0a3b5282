// The LaunchReviewStore contract (launch_review_store.h) as a typed test suite (S3; M 7.7): reviews
// submitted idempotently with "LR-<n>" ids, accepted, trained and launched through Mutate (the
// launch's finding kept), the history append-only, and listed by unit. Instantiated with the other
// notice store contracts; see assessment_notice_store_contract_fixture.h.
#ifndef CS_SERVICES_ASSESSMENT_STORE_LAUNCH_REVIEW_STORE_CONTRACT_H_
#define CS_SERVICES_ASSESSMENT_STORE_LAUNCH_REVIEW_STORE_CONTRACT_H_

#include <string>
#include <vector>

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/assessment/store/assessment_notice_store_contract_fixture.h"

namespace cs::assessment::testing {

template <typename T>
class LaunchReviewStoreContractTest : public AssessmentNoticeStoreContract<T> {};

TYPED_TEST_SUITE_P(LaunchReviewStoreContractTest);

using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::StatusIs;
using ::testing::HasSubstr;

TYPED_TEST_P(LaunchReviewStoreContractTest, S3_CreateAssignsIdsAndIsIdempotent) {
  LaunchReviewStore& store = this->launch_reviews();
  LaunchReview draft = Submitted();
  draft.id = 77;  // ignored
  ASSERT_OK_AND_ASSIGN(LaunchReviewWriteResult submitted, store.Create(draft, Key("x", "a")));
  EXPECT_FALSE(submitted.replayed);
  EXPECT_GT(submitted.review.id, 0);
  LaunchReview expected = draft;
  expected.id = submitted.review.id;
  EXPECT_EQ(submitted.review, expected);
  EXPECT_THAT(store.Get(expected.id), IsOkAndHolds(expected));
  ASSERT_OK_AND_ASSIGN(LaunchReviewWriteResult again, store.Create(draft, Key("x", "a")));
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.review, expected);
  EXPECT_THAT(store.Create(draft, Key("x", "b")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  ASSERT_OK_AND_ASSIGN(LaunchReviewWriteResult spaced, store.Create(draft, Key("x ", "a")));
  EXPECT_FALSE(spaced.replayed);
  EXPECT_GT(spaced.review.id, expected.id);
  EXPECT_THAT(
      store.Get(expected.id + 1000),
      StatusIs(absl::StatusCode::kNotFound, HasSubstr(FormatLaunchReviewId(expected.id + 1000))));
}

TYPED_TEST_P(LaunchReviewStoreContractTest, S3_AcceptTrainAndLaunchThroughMutate) {
  LaunchReviewStore& store = this->launch_reviews();
  const absl::Time t = ShanghaiTime(2026, 3, 2, 10, 0);
  const int64_t id = this->Submit(Submitted("broadband", t));
  const int64_t other = this->Submit(Submitted("mobile", t));
  ASSERT_OK_AND_ASSIGN(LaunchReview before, store.Get(id));

  // The domain's refusal (training recorded in the future) leaves nothing written.
  EXPECT_THAT(store.Mutate(id, Keyed("t-1", "RecordWindowTraining"),
                           [&](LaunchReview& r) {
                             return RecordWindowTraining(r, t + absl::Hours(10), "unit-clerk",
                                                         t + absl::Hours(1));
                           }),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(store.Get(id), IsOkAndHolds(before));

  int runs = 0;
  auto accept = [&](LaunchReview& r) {
    ++runs;
    return AcceptLaunchReview(r, true, "同意上线", "cs-center-1", t + absl::Hours(2));
  };
  const NoticeMutationOptions options = Keyed("a-1", "AcceptLaunchReview");
  ASSERT_OK_AND_ASSIGN(LaunchReviewWriteResult accepted, store.Mutate(id, options, accept));
  LaunchReview expected = before;
  ASSERT_OK(AcceptLaunchReview(expected, true, "同意上线", "cs-center-1", t + absl::Hours(2)));
  EXPECT_EQ(expected.version, 2);
  EXPECT_EQ(accepted.review, expected);
  ASSERT_OK_AND_ASSIGN(LaunchReviewWriteResult again, store.Mutate(id, options, accept));
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(runs, 1);
  EXPECT_THAT(store.Mutate(other, options, accept),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_THAT(store.Mutate(id, Keyed("a-1", "AcceptLaunchReview", "other"), accept),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));

  // A stale version is ABORTED; launching before the training is a finding, kept with the review.
  auto launch = [&](LaunchReview& r) {
    return RecordLaunch(r, t + absl::Hours(3), "unit-clerk", t + absl::Hours(4)).status();
  };
  EXPECT_THAT(store.Mutate(id, AtVersion(1), launch),
              StatusIs(absl::StatusCode::kAborted, HasSubstr("version 2")));
  EXPECT_THAT(store.Get(id), IsOkAndHolds(expected));
  ASSERT_OK_AND_ASSIGN(LaunchReviewWriteResult launched, store.Mutate(id, AtVersion(2), launch));
  ASSERT_OK(RecordLaunch(expected, t + absl::Hours(3), "unit-clerk", t + absl::Hours(4)).status());
  ASSERT_TRUE(expected.launch_finding.has_value());
  EXPECT_EQ(launched.review, expected);
  EXPECT_THAT(store.Get(id), IsOkAndHolds(expected));

  // History is append-only: a rewrite of a stored entry is not saved.
  ASSERT_OK_AND_ASSIGN(LaunchReviewWriteResult noted, store.Mutate(id, {}, [&](LaunchReview& r) {
    r.history[0].event = "REWRITTEN";
    r.id = 999;
    return absl::OkStatus();
  }));
  ++expected.version;
  EXPECT_EQ(noted.review, expected);
  EXPECT_THAT(store.Get(id), IsOkAndHolds(expected));
  EXPECT_THAT(store.Mutate(id + 1000, {}, launch),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr(FormatLaunchReviewId(id + 1000))));
}

TYPED_TEST_P(LaunchReviewStoreContractTest, S3_ListByUnitAndPages) {
  LaunchReviewStore& store = this->launch_reviews();
  const int64_t a = this->Submit(Submitted("broadband"));
  const int64_t b = this->Submit(Submitted("mobile"));
  const int64_t c = this->Submit(Submitted("broadband", ShanghaiTime(2026, 3, 3, 9, 0), false));
  ASSERT_OK_AND_ASSIGN(LaunchReviewPage all, store.List({}, 0, 10));
  EXPECT_EQ(ReviewIds(all.reviews), (std::vector<int64_t>{a, b, c}));
  EXPECT_EQ(all.next_after_id, 0);
  ASSERT_OK_AND_ASSIGN(LaunchReviewPage broadband, store.List({"broadband"}, 0, 1));
  EXPECT_EQ(ReviewIds(broadband.reviews), (std::vector<int64_t>{a}));
  EXPECT_EQ(broadband.next_after_id, a);
  ASSERT_OK_AND_ASSIGN(broadband, store.List({"broadband"}, a, 1));
  EXPECT_EQ(ReviewIds(broadband.reviews), (std::vector<int64_t>{c}));
  EXPECT_EQ(broadband.next_after_id, 0);
  EXPECT_THAT(store.Get(c), IsOkAndHolds(broadband.reviews[0]));
  ASSERT_OK_AND_ASSIGN(LaunchReviewPage none, store.List({"broadband "}, 0, 10));
  EXPECT_TRUE(none.reviews.empty());
  EXPECT_THAT(store.List({}, 0, -1),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("page_size")));
}

REGISTER_TYPED_TEST_SUITE_P(LaunchReviewStoreContractTest, S3_CreateAssignsIdsAndIsIdempotent,
                            S3_AcceptTrainAndLaunchThroughMutate, S3_ListByUnitAndPages);

}  // namespace cs::assessment::testing

#endif  // CS_SERVICES_ASSESSMENT_STORE_LAUNCH_REVIEW_STORE_CONTRACT_H_
