// The shared pieces of the assessment's records: ids, clauses, history.
#include "services/assessment/domain/records.h"

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::assessment {
namespace {

using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::StatusIs;
using ::testing::HasSubstr;

TEST(RecordsTest, S1_IdsRoundTrip) {
  EXPECT_EQ(FormatNoticeId(12), "RN-12");
  EXPECT_EQ(FormatMaintenanceId(3), "MN-3");
  EXPECT_EQ(FormatLaunchReviewId(7), "LR-7");
  EXPECT_EQ(FormatSurveyId(1), "SV-1");
  EXPECT_EQ(FormatPartnerId(9), "PA-9");
  EXPECT_EQ(FormatTaskId(4), "ST-4");
  EXPECT_EQ(FormatSessionId(5), "TS-5");
  EXPECT_THAT(ParseNoticeId("RN-12", "name"), IsOkAndHolds(12));
  EXPECT_THAT(ParsePartnerId("PA-9", "partner_id"), IsOkAndHolds(9));
  EXPECT_THAT(ParseMaintenanceId("MN-3", "name"), IsOkAndHolds(3));
  for (const char* bad : {"RN-0", "RN-012", "RN-", "MN-1", "rn-1", "RN-1x", "RN--1"}) {
    EXPECT_THAT(ParseNoticeId(bad, "name"),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("name")))
        << bad;
  }
  EXPECT_THAT(ParseNoticeId("", "name"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("is required")));
}

TEST(RecordsTest, S1_ClausesAreTheRegulationsFormat) {
  for (const char* good : {"M 7.13", "A2 7.5", "A2 7.5, 7.10", "M 7.6, 5.1.4", "A9 1"}) {
    EXPECT_TRUE(IsClauseLike(good)) << good;
  }
  for (const char* bad : {"", "M", "M7.13", "B1 7.5", "A0 7.5", "A2 7.5,7.10", "M 07.1", "M 7..1",
                          "M 7.13 ", "A10 7.1"}) {
    EXPECT_FALSE(IsClauseLike(bad)) << bad;
  }
}

TEST(RecordsTest, S1_HistoryNumbersEntriesAndMovesTheVersion) {
  std::vector<HistoryEntry> history;
  absl::Time updated;
  int64_t version = 0;
  const absl::Time t = absl::FromUnixSeconds(1000);
  internal::AppendHistory(history, updated, version, t, "a", "ISSUED", "x");
  internal::AppendHistory(history, updated, version, t + absl::Seconds(1), "b", "RECEIVED", "");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].sequence, 1);
  EXPECT_EQ(history[1].sequence, 2);
  EXPECT_EQ(updated, t + absl::Seconds(1));
  EXPECT_EQ(version, 2);
}

}  // namespace
}  // namespace cs::assessment
