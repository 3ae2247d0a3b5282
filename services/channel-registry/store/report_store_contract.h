// The ReportStore contract (report_store.h) as a typed test suite: monthly report submissions
// idempotent and once per channel and month, listed per unit and month, and missed reports recorded
// once (C7, A3 7.5.2). Instantiated with the other store contracts; see
// channel_store_contract_fixture.h.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_STORE_REPORT_STORE_CONTRACT_H_
#define CS_SERVICES_CHANNEL_REGISTRY_STORE_REPORT_STORE_CONTRACT_H_

#include <string>
#include <vector>

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/channel-registry/store/channel_store_contract_fixture.h"

namespace cs::channel::testing {

template <typename T>
class ReportStoreContractTest : public ChannelStoreContract<T> {};

TYPED_TEST_SUITE_P(ReportStoreContractTest);

inline ReportSubmission Submission(int64_t channel_id, absl::Time at, bool late = false,
                                   const std::string& month = "2026-03") {
  return {channel_id, month, at, "manager-1", late};
}

TYPED_TEST_P(ReportStoreContractTest, C7_SubmitIsIdempotentAndOncePerChannelAndMonth) {
  using ::cs::common::testing::IsOkAndHolds;
  using ::cs::common::testing::StatusIs;
  using ::testing::HasSubstr;
  ReportStore& store = this->reports();
  const ReportSubmission first = Submission(1, ShanghaiTime(2026, 4, 3, 10, 0));
  ASSERT_OK_AND_ASSIGN(SubmitReportResult submitted,
                       store.Submit("broadband", first, Key("x", "march")));
  EXPECT_FALSE(submitted.replayed);
  EXPECT_EQ(submitted.submission, first);
  ASSERT_OK_AND_ASSIGN(SubmitReportResult again,
                       store.Submit("broadband", first, Key("x", "march")));
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.submission, first);
  EXPECT_THAT(store.Submit("broadband", first, Key("x", "another body")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  // The same request id naming another report.
  EXPECT_THAT(
      store.Submit("broadband", Submission(2, ShanghaiTime(2026, 4, 3, 10, 0)), Key("x", "march")),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  // A second submission of the report under another request id ("x " is another id).
  EXPECT_THAT(store.Submit("broadband", Submission(1, ShanghaiTime(2026, 4, 4, 10, 0), true),
                           Key("x ", "march")),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("2026-03")));
  EXPECT_THAT(store.Get(1, "2026-03"), IsOkAndHolds(absl::optional<ReportSubmission>(first)));
  EXPECT_THAT(store.Get(1, "2026-04"), IsOkAndHolds(absl::optional<ReportSubmission>()));
  EXPECT_THAT(store.Get(2, "2026-03"), IsOkAndHolds(absl::optional<ReportSubmission>()));
  // Another month of the same channel is another report.
  const ReportSubmission april = Submission(1, ShanghaiTime(2026, 5, 8, 10, 0), true, "2026-04");
  ASSERT_OK_AND_ASSIGN(SubmitReportResult next, store.Submit("broadband", april, Key("x ", "a")));
  EXPECT_FALSE(next.replayed);
  EXPECT_THAT(store.Get(1, "2026-04"), IsOkAndHolds(absl::optional<ReportSubmission>(april)));
  EXPECT_THAT(store.Submit("broadband", Submission(3, absl::Now(), false, "2026-3"), Key("bad")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("month")));
  EXPECT_THAT(store.Submit("", Submission(3, absl::Now()), Key("bad")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unit_id")));
  EXPECT_THAT(store.Submit("broadband", Submission(3, absl::Now()), Key("")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
}

TYPED_TEST_P(ReportStoreContractTest, C7_SubmissionsAreListedPerUnitAndMonth) {
  using ::cs::common::testing::IsOkAndHolds;
  using ::testing::ElementsAre;
  using ::testing::IsEmpty;
  ReportStore& store = this->reports();
  const absl::Time t = ShanghaiTime(2026, 4, 3, 10, 0);
  const ReportSubmission c5 = Submission(5, t);
  const ReportSubmission c2 = Submission(2, t + absl::Hours(1), true);
  ASSERT_OK(store.Submit("broadband", c5, Key("s-1")).status());
  ASSERT_OK(store.Submit("broadband", c2, Key("s-2")).status());
  ASSERT_OK(store.Submit("mobile", Submission(3, t), Key("s-3")).status());
  ASSERT_OK(store.Submit("broadband", Submission(2, t, false, "2026-04"), Key("s-4")).status());
  EXPECT_THAT(store.ListForUnitMonth("broadband", "2026-03"), IsOkAndHolds(ElementsAre(c2, c5)));
  EXPECT_THAT(store.ListForUnitMonth("broadband ", "2026-03"), IsOkAndHolds(IsEmpty()));
  EXPECT_THAT(store.ListForUnitMonth("retail", "2026-03"), IsOkAndHolds(IsEmpty()));
}

TYPED_TEST_P(ReportStoreContractTest, C7_AMissedReportIsRecordedOnce) {
  using ::cs::common::testing::IsOkAndHolds;
  using ::cs::common::testing::StatusIs;
  using ::testing::ElementsAre;
  using ::testing::HasSubstr;
  ReportStore& store = this->reports();
  const absl::Time t = ShanghaiTime(2026, 4, 9, 0, 0);
  const MissedReport missed{4, "broadband", "2026-03", t};
  EXPECT_THAT(store.RecordMissed(missed), IsOkAndHolds(true));
  // A second sweep (or replica) finds it recorded; the first record stays.
  EXPECT_THAT(store.RecordMissed({4, "broadband", "2026-03", t + absl::Hours(1)}),
              IsOkAndHolds(false));
  const MissedReport other{2, "broadband", "2026-03", t};
  EXPECT_THAT(store.RecordMissed(other), IsOkAndHolds(true));
  EXPECT_THAT(store.RecordMissed({4, "broadband", "2026-04", t}), IsOkAndHolds(true));
  EXPECT_THAT(store.RecordMissed({7, "mobile", "2026-03", t}), IsOkAndHolds(true));
  // A later submission does not remove it.
  ASSERT_OK(
      store.Submit("broadband", Submission(4, t + absl::Hours(2), true), Key("late")).status());
  EXPECT_THAT(store.ListMissed("broadband", "2026-03"), IsOkAndHolds(ElementsAre(other, missed)));
  EXPECT_THAT(store.RecordMissed({4, "broadband", "March", t}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("month")));
}

REGISTER_TYPED_TEST_SUITE_P(ReportStoreContractTest, C7_SubmitIsIdempotentAndOncePerChannelAndMonth,
                            C7_SubmissionsAreListedPerUnitAndMonth, C7_AMissedReportIsRecordedOnce);

}  // namespace cs::channel::testing

#endif  // CS_SERVICES_CHANNEL_REGISTRY_STORE_REPORT_STORE_CONTRACT_H_
