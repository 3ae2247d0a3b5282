// The SurveyStore contract (survey_store.h) as a typed test suite: survey summaries recorded
// idempotently with their ids, listed by unit in pages, and by the month their period ends in
// (S4, M 7.14). Instantiated with the other record store contracts; see
// assessment_record_store_contract_fixture.h.
#ifndef CS_SERVICES_ASSESSMENT_STORE_SURVEY_STORE_CONTRACT_H_
#define CS_SERVICES_ASSESSMENT_STORE_SURVEY_STORE_CONTRACT_H_

#include <vector>

#include "absl/strings/str_cat.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/assessment/store/assessment_record_store_contract_fixture.h"

namespace cs::assessment::testing {

template <typename T>
class SurveyStoreContractTest : public AssessmentRecordStoreContract<T> {};

TYPED_TEST_SUITE_P(SurveyStoreContractTest);

TYPED_TEST_P(SurveyStoreContractTest, S4_RecordAssignsIdsAndIsIdempotent) {
  using ::cs::common::testing::StatusIs;
  using ::testing::HasSubstr;
  SurveyStore& store = this->surveys();
  SurveySummary survey =
      Survey("broadband", absl::CivilDay(2026, 3, 1), absl::CivilDay(2026, 3, 31));
  survey.id = 77;  // the store's
  ASSERT_OK_AND_ASSIGN(RecordSurveyResult first, store.Record(survey, Key("x", "a")));
  EXPECT_FALSE(first.replayed);
  EXPECT_GT(first.survey.id, 0);
  EXPECT_NE(first.survey.id, 77);
  SurveySummary expected = survey;
  expected.id = first.survey.id;
  EXPECT_EQ(first.survey, expected);
  ASSERT_OK_AND_ASSIGN(RecordSurveyResult again, store.Record(survey, Key("x", "a")));
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.survey, expected);
  EXPECT_THAT(store.Record(survey, Key("x", "b")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  // Byte for byte: "x" and "x " are two requests.
  ASSERT_OK_AND_ASSIGN(RecordSurveyResult spaced, store.Record(survey, Key("x ", "a")));
  EXPECT_FALSE(spaced.replayed);
  EXPECT_GT(spaced.survey.id, first.survey.id);
  EXPECT_THAT(store.Record(survey, Key("")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  SurveySummary unitless = survey;
  unitless.unit_id = "";
  EXPECT_THAT(store.Record(unitless, Key("y")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unit_id")));
  ASSERT_OK_AND_ASSIGN(SurveyPage page, store.List("broadband", 0, 10));
  EXPECT_EQ(page.surveys, (std::vector<SurveySummary>{expected, spaced.survey}));
}

TYPED_TEST_P(SurveyStoreContractTest, S4_ListPagesByUnit) {
  using ::cs::common::testing::StatusIs;
  using ::testing::HasSubstr;
  SurveyStore& store = this->surveys();
  std::vector<int64_t> ids;
  for (int i = 0; i < 5; ++i) {
    ASSERT_OK_AND_ASSIGN(RecordSurveyResult r,
                         store.Record(Survey("broadband", absl::CivilDay(2026, 3, 1),
                                             absl::CivilDay(2026, 3, 10 + i)),
                                      Key(absl::StrCat("b-", i))));
    ids.push_back(r.survey.id);
    ASSERT_OK(store
                  .Record(Survey("mobile", absl::CivilDay(2026, 3, 1), absl::CivilDay(2026, 3, 2)),
                          Key(absl::StrCat("m-", i)))
                  .status());
  }
  std::vector<int64_t> listed;
  int64_t after = 0;
  int pages = 0;
  do {
    ASSERT_OK_AND_ASSIGN(SurveyPage page, store.List("broadband", after, 2));
    EXPECT_LE(page.surveys.size(), 2u);
    for (const SurveySummary& s : page.surveys) {
      EXPECT_EQ(s.unit_id, "broadband");
      listed.push_back(s.id);
    }
    after = page.next_after_id;
    ++pages;
  } while (after != 0 && pages < 10);
  EXPECT_EQ(listed, ids);
  EXPECT_EQ(pages, 3);
  // A page that ends exactly at the last survey says so.
  ASSERT_OK_AND_ASSIGN(SurveyPage last, store.List("broadband", ids[2], 2));
  EXPECT_EQ(last.surveys.size(), 2u);
  EXPECT_EQ(last.next_after_id, 0);
  ASSERT_OK_AND_ASSIGN(SurveyPage none, store.List("broadband ", 0, 10));
  EXPECT_TRUE(none.surveys.empty());
  EXPECT_THAT(store.List("broadband", 0, 0),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("page_size")));
}

TYPED_TEST_P(SurveyStoreContractTest, S4_ListForMonthTakesPeriodEndsInTheWindow) {
  SurveyStore& store = this->surveys();
  const absl::CivilDay from(2026, 3, 1);
  const absl::CivilDay until(2026, 4, 1);
  auto record = [&](const std::string& unit, absl::CivilDay end, const std::string& id) {
    auto r = store.Record(Survey(unit, absl::CivilDay(2026, 2, 1), end), Key(id));
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? r->survey.id : 0;
  };
  record("broadband", from - 1, "before");
  const int64_t last_day = record("broadband", until - 1, "last-day");
  const int64_t first_day = record("broadband", from, "first-day");
  record("broadband", until, "after");
  record("mobile", from + 3, "other-unit");
  const int64_t also_first = record("broadband", from, "first-day-2");
  ASSERT_OK_AND_ASSIGN(std::vector<SurveySummary> listed,
                       store.ListForMonth("broadband", from, until));
  std::vector<int64_t> ids;
  for (const SurveySummary& s : listed) ids.push_back(s.id);
  // By period_end, then id; [from, until).
  EXPECT_EQ(ids, (std::vector<int64_t>{first_day, also_first, last_day}));
  ASSERT_OK_AND_ASSIGN(listed, store.ListForMonth("broadband", from, from));
  EXPECT_TRUE(listed.empty());
}

REGISTER_TYPED_TEST_SUITE_P(SurveyStoreContractTest, S4_RecordAssignsIdsAndIsIdempotent,
                            S4_ListPagesByUnit, S4_ListForMonthTakesPeriodEndsInTheWindow);

}  // namespace cs::assessment::testing

#endif  // CS_SERVICES_ASSESSMENT_STORE_SURVEY_STORE_CONTRACT_H_
