#include "common/api/paging.h"

#include "common/status/field_violations.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::StatusIs;

constexpr absl::string_view kFilter = "0123456789abcdef0123456789abcdef";
constexpr absl::string_view kOtherFilter = "fedcba9876543210fedcba9876543210";

TEST(PagingTest, AnIdTokenRoundTripsForItsOwnFilterOnly) {
  const std::string token = EncodePageToken(42, kFilter);
  EXPECT_THAT(DecodePageToken(token, kFilter), IsOkAndHolds(42));
  EXPECT_THAT(DecodePageToken("", kFilter), IsOkAndHolds(0));
  EXPECT_THAT(DecodePageToken(token, kOtherFilter),
              StatusIs(absl::StatusCode::kInvalidArgument, ::testing::HasSubstr("other filters")));
  EXPECT_THAT(DecodePageToken("not a token", kFilter),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(PagingTest, AKeyTokenCarriesAnyTextAndIsBoundToItsFilter) {
  for (absl::string_view key : {"1024", "A:B:C", "工号 7", "=/+"}) {
    const std::string token = EncodeKeyPageToken(key, kFilter);
    EXPECT_THAT(DecodeKeyPageToken(token, kFilter), IsOkAndHolds(std::string(key))) << key;
    EXPECT_THAT(DecodeKeyPageToken(token, kOtherFilter),
                StatusIs(absl::StatusCode::kInvalidArgument))
        << key;
  }
  EXPECT_THAT(DecodeKeyPageToken("", kFilter), IsOkAndHolds(""));
  // The two kinds of token are not interchangeable.
  const absl::Status foreign = DecodeKeyPageToken(EncodePageToken(7, kFilter), kFilter).status();
  EXPECT_THAT(foreign, StatusIs(absl::StatusCode::kInvalidArgument));
  ASSERT_THAT(ViolationsOf(foreign), ::testing::SizeIs(1));
  EXPECT_EQ(ViolationsOf(foreign)[0].field, "page.page_token");
  EXPECT_THAT(DecodePageToken(EncodeKeyPageToken("7", kFilter), kFilter),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace cs::common
