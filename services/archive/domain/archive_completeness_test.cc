#include "services/archive/domain/archive_completeness.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::archive {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(ArchiveCompletenessTest, V1_GapsOfListsTheSerialsMissingBelowTheHighest) {
  const SerialMonthGaps gaps = GapsOf("2026-03", {5, 1, 2, 2, 7});
  EXPECT_EQ(gaps.serial_month, "2026-03");
  EXPECT_EQ(gaps.archived_serials, 4);
  EXPECT_EQ(gaps.highest_archived_serial, 7);
  EXPECT_EQ(gaps.missing_count, 3);
  EXPECT_THAT(gaps.missing_serials, ElementsAre(3, 4, 6));
  EXPECT_FALSE(gaps.missing_truncated());

  const SerialMonthGaps capped = GapsOf("2026-03", {1, 10}, 3);
  EXPECT_EQ(capped.missing_count, 8);
  EXPECT_THAT(capped.missing_serials, ElementsAre(2, 3, 4));
  EXPECT_TRUE(capped.missing_truncated());

  const SerialMonthGaps whole = GapsOf("2026-03", {3, 1, 2});
  EXPECT_EQ(whole.missing_count, 0);
  EXPECT_THAT(whole.missing_serials, IsEmpty());
}

TEST(ArchiveCompletenessTest, V1_MedianOfAnEvenCountIsTheMeanOfTheMiddleTwo) {
  EXPECT_EQ(MedianOf({}), absl::ZeroDuration());
  EXPECT_EQ(MedianOf({absl::Hours(3), absl::Hours(1), absl::Hours(2)}), absl::Hours(2));
  EXPECT_EQ(MedianOf({absl::Hours(4), absl::Hours(1), absl::Hours(2), absl::Hours(9)}),
            absl::Hours(3));
}

}  // namespace
}  // namespace cs::archive
