// The ScorecardStore contract (scorecard_store.h) as a typed test suite: a scorecard stored whole
// and read back equal field by field, every indicator's input included (S5); once per unit, month
// and set; a recomputation only through Replace; the OFFICE's feedback (M 7.17.1); the month's
// scorecards per set (S6). Instantiated with the other record store contracts; see
// assessment_record_store_contract_fixture.h.
#ifndef CS_SERVICES_ASSESSMENT_STORE_SCORECARD_STORE_CONTRACT_H_
#define CS_SERVICES_ASSESSMENT_STORE_SCORECARD_STORE_CONTRACT_H_

#include <vector>

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/assessment/store/assessment_record_store_contract_fixture.h"

namespace cs::assessment::testing {

template <typename T>
class ScorecardStoreContractTest : public AssessmentRecordStoreContract<T> {};

TYPED_TEST_SUITE_P(ScorecardStoreContractTest);

TYPED_TEST_P(ScorecardStoreContractTest, S5_SavedScorecardReadsBackWholeWithItsInputs) {
  ScorecardStore& store = this->scorecards();
  const Scorecard card = ScorecardOf("broadband");
  ASSERT_OK_AND_ASSIGN(ScorecardResult saved, store.Save(card, Key("x", "a")));
  EXPECT_FALSE(saved.replayed);
  EXPECT_EQ(saved.stored.revision, 1);
  EXPECT_FALSE(saved.stored.feedback.has_value());
  ExpectSameScorecard(saved.stored.scorecard, card);
  ASSERT_OK_AND_ASSIGN(absl::optional<StoredScorecard> read,
                       store.Get("broadband", absl::CivilMonth(2026, 3), "monthly"));
  ASSERT_TRUE(read.has_value());
  ExpectSameScorecard(read->scorecard, card);
  EXPECT_EQ(read->revision, 1);
  // It can be recomputed from what it kept.
  EXPECT_EQ(InputsOf(read->scorecard), InputsOf(card));
  // A complete one, with a total, too.
  const Scorecard complete = Recomputed("mobile");
  ASSERT_OK(store.Save(complete, Key("complete")).status());
  ASSERT_OK_AND_ASSIGN(read, store.Get("mobile", absl::CivilMonth(2026, 3), "monthly"));
  ASSERT_TRUE(read.has_value());
  ExpectSameScorecard(read->scorecard, complete);
  // Another unit, month or set is another scorecard.
  ASSERT_OK_AND_ASSIGN(read, store.Get("broadband ", absl::CivilMonth(2026, 3), "monthly"));
  EXPECT_FALSE(read.has_value());
  ASSERT_OK_AND_ASSIGN(read, store.Get("broadband", absl::CivilMonth(2026, 4), "monthly"));
  EXPECT_FALSE(read.has_value());
  ASSERT_OK_AND_ASSIGN(read, store.Get("broadband", absl::CivilMonth(2026, 3), "bluebook"));
  EXPECT_FALSE(read.has_value());
}

TYPED_TEST_P(ScorecardStoreContractTest, S5_SaveIsOncePerUnitMonthAndSetAndIdempotent) {
  using ::cs::common::testing::StatusIs;
  using ::testing::AllOf;
  using ::testing::HasSubstr;
  ScorecardStore& store = this->scorecards();
  const Scorecard card = ScorecardOf("broadband");
  ASSERT_OK(store.Save(card, Key("x", "a")).status());
  ASSERT_OK_AND_ASSIGN(ScorecardResult again, store.Save(card, Key("x", "a")));
  EXPECT_TRUE(again.replayed);
  ExpectSameScorecard(again.stored.scorecard, card);
  EXPECT_THAT(store.Save(card, Key("x", "b")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  // The same request id naming another scorecard.
  EXPECT_THAT(store.Save(ScorecardOf("mobile"), Key("x", "a")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  // A second computation under another request id ("x " is another id) is refused.
  EXPECT_THAT(store.Save(Recomputed("broadband"), Key("x ", "a")),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("broadband"), HasSubstr("2026-03"), HasSubstr("monthly"))));
  ASSERT_OK_AND_ASSIGN(absl::optional<StoredScorecard> read,
                       store.Get("broadband", absl::CivilMonth(2026, 3), "monthly"));
  ASSERT_TRUE(read.has_value());
  ExpectSameScorecard(read->scorecard, card);
  // The same unit and month on another set, and another month, are new.
  ASSERT_OK(store.Save(ScorecardOf("broadband", "bluebook"), Key("x ", "a")).status());
  ASSERT_OK(store.Save(ScorecardOf("broadband", "monthly", absl::CivilMonth(2026, 4)), Key("apr"))
                .status());
  EXPECT_THAT(store.Save(ScorecardOf(""), Key("bad")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unit_id")));
  EXPECT_THAT(store.Save(ScorecardOf("broadband", ""), Key("bad")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("set_name")));
  EXPECT_THAT(store.Save(card, Key("")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
}

TYPED_TEST_P(ScorecardStoreContractTest, S5_ReplaceAndFeedback) {
  using ::cs::common::testing::StatusIs;
  using ::testing::HasSubstr;
  ScorecardStore& store = this->scorecards();
  const absl::CivilMonth march(2026, 3);
  EXPECT_THAT(store.Replace(Recomputed("broadband"), Key("r-0")),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("broadband")));
  EXPECT_THAT(store.RecordFeedback("broadband", march, "monthly", "好", "office-1",
                                   ShanghaiTime(2026, 4, 20, 9, 0), Key("f-0")),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("broadband")));
  ASSERT_OK(store.Save(ScorecardOf("broadband"), Key("save")).status());
  const absl::Time at = ShanghaiTime(2026, 4, 20, 9, 0) + absl::Microseconds(7);
  ASSERT_OK_AND_ASSIGN(ScorecardResult fed,
                       store.RecordFeedback("broadband", march, "monthly", "请补报归档数据\n谢谢",
                                            "office-1", at, Key("x", "f")));
  EXPECT_FALSE(fed.replayed);
  const ScorecardFeedback feedback{"请补报归档数据\n谢谢", "office-1", at};
  EXPECT_EQ(fed.stored.feedback, feedback);
  ASSERT_OK_AND_ASSIGN(ScorecardResult fed_again,
                       store.RecordFeedback("broadband", march, "monthly", "请补报归档数据\n谢谢",
                                            "office-1", at, Key("x", "f")));
  EXPECT_TRUE(fed_again.replayed);
  EXPECT_THAT(
      store.RecordFeedback("broadband", march, "monthly", "other", "office-1", at, Key("x", "g")),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));

  const Scorecard recomputed = Recomputed("broadband");
  ASSERT_OK_AND_ASSIGN(ScorecardResult replaced, store.Replace(recomputed, Key("x", "r")));
  EXPECT_FALSE(replaced.replayed);
  EXPECT_EQ(replaced.stored.revision, 2);
  ExpectSameScorecard(replaced.stored.scorecard, recomputed);
  EXPECT_EQ(replaced.stored.feedback, feedback);
  ASSERT_OK_AND_ASSIGN(absl::optional<StoredScorecard> read,
                       store.Get("broadband", march, "monthly"));
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(*read, replaced.stored);
  ExpectSameScorecard(read->scorecard, recomputed);
  // The retry replaces nothing again.
  ASSERT_OK_AND_ASSIGN(ScorecardResult again, store.Replace(recomputed, Key("x", "r")));
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.stored.revision, 2);
  EXPECT_THAT(store.Replace(ScorecardOf("broadband"), Key("x", "other")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  // Replacing back with fewer indicators leaves none of the old rows behind.
  Scorecard shorter = ScorecardOf("broadband");
  shorter.indicators.pop_back();
  shorter.missing.clear();
  ASSERT_OK_AND_ASSIGN(ScorecardResult third, store.Replace(shorter, Key("x ", "r")));
  EXPECT_EQ(third.stored.revision, 3);
  ASSERT_OK_AND_ASSIGN(read, store.Get("broadband", march, "monthly"));
  ASSERT_TRUE(read.has_value());
  ExpectSameScorecard(read->scorecard, shorter);
}

TYPED_TEST_P(ScorecardStoreContractTest, S6_ListForMonthBySetInUnitOrder) {
  ScorecardStore& store = this->scorecards();
  const absl::CivilMonth march(2026, 3);
  ASSERT_OK(store.Save(ScorecardOf("retail"), Key("1")).status());
  ASSERT_OK(store.Save(Recomputed("broadband"), Key("2")).status());
  ASSERT_OK(store.Save(ScorecardOf("mobile", "bluebook"), Key("3")).status());
  ASSERT_OK(
      store.Save(ScorecardOf("mobile", "monthly", absl::CivilMonth(2026, 2)), Key("4")).status());
  ASSERT_OK_AND_ASSIGN(std::vector<StoredScorecard> listed, store.ListForMonth(march, "monthly"));
  ASSERT_EQ(listed.size(), 2u);
  ExpectSameScorecard(listed[0].scorecard, Recomputed("broadband"));
  ExpectSameScorecard(listed[1].scorecard, ScorecardOf("retail"));
  ASSERT_OK_AND_ASSIGN(listed, store.ListForMonth(march, "bluebook"));
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].scorecard.unit_id, "mobile");
  ASSERT_OK_AND_ASSIGN(listed, store.ListForMonth(absl::CivilMonth(2026, 5), "monthly"));
  EXPECT_TRUE(listed.empty());
}

REGISTER_TYPED_TEST_SUITE_P(ScorecardStoreContractTest,
                            S5_SavedScorecardReadsBackWholeWithItsInputs,
                            S5_SaveIsOncePerUnitMonthAndSetAndIdempotent, S5_ReplaceAndFeedback,
                            S6_ListForMonthBySetInUnitOrder);

}  // namespace cs::assessment::testing

#endif  // CS_SERVICES_ASSESSMENT_STORE_SCORECARD_STORE_CONTRACT_H_
