// The ReportStore contract (report_store.h) as a typed test suite: operating report submissions
// idempotent and once per hotline and month, missed reports claimed once across replicas (H6,
// A2 7.7), phrase scores replaced by a re-score with the Mandarin review kept, and the month's
// phrase use (H8, A2 7.9, 7.10.1). Instantiated with the other store contracts; see
// hotline_store_contract_fixture.h.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_STORE_REPORT_STORE_CONTRACT_H_
#define CS_SERVICES_HOTLINE_REGISTRY_STORE_REPORT_STORE_CONTRACT_H_

#include <atomic>
#include <map>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/hotline-registry/store/hotline_store_contract_fixture.h"

namespace cs::hotline::testing {

template <typename T>
class ReportStoreContractTest : public HotlineStoreContract<T> {};

TYPED_TEST_SUITE_P(ReportStoreContractTest);

using ::cs::common::testing::IsOk;
using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

// The March 2026 report is due at close of business of the 5th working day of April.
inline common::Deadline MarchDue() {
  return {ShanghaiTime(2026, 4, 8, 17, 30), "cn-2026.1", false};
}

inline ReportSubmission Submission(int64_t hotline_id, absl::Time at, bool on_time,
                                   const std::string& month = "2026-03") {
  ReportSubmission s;
  s.hotline_id = hotline_id;
  s.month = month;
  s.submitted_by = "manager-1";
  s.submitted_at = at;
  s.remarks = "本月接通率达标";
  s.on_time = on_time;
  return s;
}

TYPED_TEST_P(ReportStoreContractTest, H6_SubmitIsIdempotentAndOncePerHotlineAndMonth) {
  ReportStore& store = this->reports();
  const ReportSubmission first = Submission(1, ShanghaiTime(2026, 4, 3, 10, 0), true);
  ASSERT_OK_AND_ASSIGN(SubmitReportResult submitted,
                       store.Submit(first, MarchDue(), Key("sub-1", "march")));
  EXPECT_FALSE(submitted.replayed);
  ExpectSameSubmission(submitted.submission, first);
  ASSERT_OK_AND_ASSIGN(SubmitReportResult again,
                       store.Submit(first, MarchDue(), Key("sub-1", "march")));
  EXPECT_TRUE(again.replayed);
  ExpectSameSubmission(again.submission, first);
  EXPECT_THAT(store.Submit(first, MarchDue(), Key("sub-1", "another body")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_THAT(
      store.Submit(Submission(1, ShanghaiTime(2026, 4, 4, 10, 0), true), MarchDue(), Key("sub-2")),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("2026-03")));
  ASSERT_OK_AND_ASSIGN(ReportRecord report, store.GetReport(1, "2026-03"));
  ASSERT_TRUE(report.submission.has_value());
  ExpectSameSubmission(*report.submission, first);
  EXPECT_EQ(report.due, MarchDue());
  EXPECT_FALSE(report.miss_counted);
  ASSERT_OK_AND_ASSIGN(ReportRecord nothing, store.GetReport(2, "2026-03"));
  EXPECT_EQ(nothing.hotline_id, 2);
  EXPECT_EQ(nothing.month, "2026-03");
  EXPECT_FALSE(nothing.submission.has_value());
  EXPECT_FALSE(nothing.due.has_value());
  // Another month of the same hotline is another report.
  ASSERT_THAT(store.Submit(Submission(1, ShanghaiTime(2026, 5, 3, 10, 0), true, "2026-04"),
                           MarchDue(), Key("sub-3")),
              IsOk());
}

TYPED_TEST_P(ReportStoreContractTest, H6_MissedReportsAreClaimedOnceAndStayCounted) {
  ReportStore& store = this->reports();
  const common::Deadline due = MarchDue();
  ASSERT_THAT(store.ExpectReports("2026-03", {3, 1, 2}, due), IsOk());
  ASSERT_THAT(store.Submit(Submission(2, due.at - absl::Hours(1), true), due, Key("sub-2")),
              IsOk());
  EXPECT_THAT(store.ClaimMissedReports(due.at, 10), IsOkAndHolds(IsEmpty()));  // not passed yet
  ASSERT_OK_AND_ASSIGN(std::vector<MissedReport> missed,
                       store.ClaimMissedReports(due.at + absl::Seconds(1), 10));
  ASSERT_THAT(missed, SizeIs(2));
  EXPECT_EQ(missed[0].hotline_id, 1);
  EXPECT_EQ(missed[1].hotline_id, 3);
  EXPECT_EQ(missed[0].month, "2026-03");
  EXPECT_EQ(missed[0].due, due);
  EXPECT_THAT(store.ClaimMissedReports(due.at + absl::Hours(48), 10), IsOkAndHolds(IsEmpty()));

  // A late submission is kept, and the miss stays counted.
  ASSERT_THAT(store.Submit(Submission(1, due.at + absl::Hours(2), false), due, Key("sub-1")),
              IsOk());
  ASSERT_OK_AND_ASSIGN(ReportRecord late, store.GetReport(1, "2026-03"));
  EXPECT_TRUE(late.miss_counted);
  ASSERT_TRUE(late.submission.has_value());
  EXPECT_FALSE(late.submission->on_time);

  // The first due wins; a report without one gets it.
  const common::Deadline later{due.at + absl::Hours(24), "cn-2026.2", true};
  ASSERT_THAT(store.ExpectReports("2026-03", {1, 4}, later), IsOk());
  ASSERT_OK_AND_ASSIGN(ReportRecord kept, store.GetReport(1, "2026-03"));
  EXPECT_EQ(kept.due, due);
  ASSERT_OK_AND_ASSIGN(std::vector<ReportRecord> month, store.ListReports("2026-03"));
  ASSERT_THAT(month, SizeIs(4));
  EXPECT_EQ(month[0].hotline_id, 1);
  EXPECT_EQ(month[3].hotline_id, 4);
  EXPECT_EQ(month[3].due, later);
  EXPECT_TRUE(month[2].miss_counted);   // hotline 3
  EXPECT_FALSE(month[1].miss_counted);  // hotline 2, on time
  EXPECT_THAT(store.ListReports("2026-04"), IsOkAndHolds(IsEmpty()));
  EXPECT_THAT(store.ExpectReports("2026-3", {1}, due),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("month")));
  EXPECT_THAT(store.ClaimMissedReports(due.at, 0),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("limit")));
}

TYPED_TEST_P(ReportStoreContractTest, H6_TwoReplicasClaimEachMissedReportOnce) {
  const common::Deadline due = MarchDue();
  std::vector<int64_t> ids;
  for (int64_t id = 1; id <= 30; ++id) ids.push_back(id);
  ASSERT_THAT(this->reports().ExpectReports("2026-03", ids, due), IsOk());
  absl::Mutex mutex;
  std::map<int64_t, int> claimed;
  auto replica = [&](ReportStore& store) {
    for (;;) {
      auto missed = store.ClaimMissedReports(due.at + absl::Hours(1), 4);
      if (!missed.ok()) {
        ADD_FAILURE() << missed.status();
        return;
      }
      if (missed->empty()) return;
      absl::MutexLock lock(&mutex);
      for (const MissedReport& report : *missed) ++claimed[report.hotline_id];
    }
  };
  std::thread one([&] { replica(this->reports()); });
  std::thread two([&] { replica(this->replica().reports); });
  one.join();
  two.join();
  EXPECT_THAT(claimed, SizeIs(30));
  for (const auto& [id, times] : claimed) EXPECT_EQ(times, 1) << id;
}

TYPED_TEST_P(ReportStoreContractTest, H8_ARescoreReplacesTheScoreAndKeepsTheMandarinReview) {
  ReportStore& store = this->reports();
  const PhraseScore first = Score(1, "call-1", 3, 2, ShanghaiTime(2026, 3, 9, 10, 0));
  ASSERT_OK_AND_ASSIGN(PhraseScore saved, store.SaveScore(first));
  ExpectSameScore(saved, first);
  ASSERT_OK_AND_ASSIGN(PhraseScore read, store.GetScore(1, "call-1"));
  ExpectSameScore(read, first);
  EXPECT_EQ(read.score_percent, 200.0 / 3);

  const MandarinReview review{true, "reviewer-1", ShanghaiTime(2026, 3, 10, 9, 0), "发音标准"};
  ASSERT_OK_AND_ASSIGN(PhraseScore reviewed, store.SetMandarinReview(1, "call-1", review));
  ASSERT_TRUE(reviewed.mandarin.has_value());
  EXPECT_EQ(reviewed.mandarin->note, "发音标准");

  PhraseScore rescore = Score(1, "call-1", 4, 4, ShanghaiTime(2026, 3, 11, 10, 0));
  rescore.situations.resize(5);
  ASSERT_OK_AND_ASSIGN(saved, store.SaveScore(rescore));
  PhraseScore expected = rescore;
  expected.mandarin = review;
  ExpectSameScore(saved, expected);
  ASSERT_OK_AND_ASSIGN(read, store.GetScore(1, "call-1"));
  ExpectSameScore(read, expected);

  // A score that carries a review replaces the review too.
  PhraseScore with_review = rescore;
  with_review.mandarin = MandarinReview{false, "reviewer-2", ShanghaiTime(2026, 3, 12, 9, 0), ""};
  ASSERT_THAT(store.SaveScore(with_review), IsOk());
  ASSERT_OK_AND_ASSIGN(read, store.GetScore(1, "call-1"));
  ExpectSameScore(read, with_review);

  EXPECT_THAT(store.GetScore(1, "call-2"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(store.GetScore(2, "call-1"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(store.SetMandarinReview(1, "call-2", review),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("call-2")));
  EXPECT_THAT(store.SaveScore(Score(1, "", 1, 1, ShanghaiTime(2026, 3, 9, 10, 0))),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("call_id")));
}

TYPED_TEST_P(ReportStoreContractTest, H8_MonthPhraseUseCountsTheMonthsScoredCalls) {
  ReportStore& store = this->reports();
  ASSERT_THAT(store.SaveScore(Score(1, "feb", 2, 2, ShanghaiTime(2026, 2, 28, 23, 59, 59))),
              IsOk());
  ASSERT_THAT(store.SaveScore(Score(1, "a", 2, 2, ShanghaiTime(2026, 3, 1, 0, 0))), IsOk());
  ASSERT_THAT(store.SaveScore(Score(1, "b", 3, 1, ShanghaiTime(2026, 3, 15, 12, 0))), IsOk());
  ASSERT_THAT(store.SaveScore(Score(1, "c", 0, 0, ShanghaiTime(2026, 3, 31, 23, 59, 59))), IsOk());
  ASSERT_THAT(store.SaveScore(Score(1, "apr", 1, 0, ShanghaiTime(2026, 4, 1, 0, 0))), IsOk());
  ASSERT_THAT(store.SaveScore(Score(2, "other", 1, 1, ShanghaiTime(2026, 3, 5, 0, 0))), IsOk());
  ASSERT_OK_AND_ASSIGN(PhraseUse march, store.MonthPhraseUse(1, "2026-03", ShanghaiTimeZone()));
  EXPECT_EQ(march.scored, 3);
  EXPECT_EQ(march.fully_used, 2);  // a, and c (nothing was required)
  // A re-score moves the call to the month and result of its new score.
  ASSERT_THAT(store.SaveScore(Score(1, "b", 3, 3, ShanghaiTime(2026, 3, 16, 12, 0))), IsOk());
  ASSERT_OK_AND_ASSIGN(march, store.MonthPhraseUse(1, "2026-03", ShanghaiTimeZone()));
  EXPECT_EQ(march.scored, 3);
  EXPECT_EQ(march.fully_used, 3);
  ASSERT_OK_AND_ASSIGN(PhraseUse april, store.MonthPhraseUse(1, "2026-04", ShanghaiTimeZone()));
  EXPECT_EQ(april.scored, 1);
  EXPECT_EQ(april.fully_used, 0);
  ASSERT_OK_AND_ASSIGN(PhraseUse none, store.MonthPhraseUse(3, "2026-03", ShanghaiTimeZone()));
  EXPECT_EQ(none.scored, 0);
  EXPECT_THAT(store.MonthPhraseUse(1, "03/2026", ShanghaiTimeZone()),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("month")));
}

REGISTER_TYPED_TEST_SUITE_P(ReportStoreContractTest, H6_SubmitIsIdempotentAndOncePerHotlineAndMonth,
                            H6_MissedReportsAreClaimedOnceAndStayCounted,
                            H6_TwoReplicasClaimEachMissedReportOnce,
                            H8_ARescoreReplacesTheScoreAndKeepsTheMandarinReview,
                            H8_MonthPhraseUseCountsTheMonthsScoredCalls);

}  // namespace cs::hotline::testing

#endif  // CS_SERVICES_HOTLINE_REGISTRY_STORE_REPORT_STORE_CONTRACT_H_
