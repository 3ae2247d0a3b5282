#include "common/api/request_fingerprint.h"

#include "common/api/paging.h"
#include "common/testing/status_matchers.h"
#include "cs/intake/v1/intake.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::StatusIs;
using ::testing::HasSubstr;

TEST(RequestFingerprintTest, SameBodySameFingerprintOtherBodyOther) {
  cs::intake::v1::CreateTicketRequest a;
  a.set_request_id("r");
  a.mutable_ticket()->set_problem("x");
  cs::intake::v1::CreateTicketRequest b = a;
  EXPECT_EQ(RequestFingerprint(a), RequestFingerprint(b));
  EXPECT_EQ(RequestFingerprint(a).size(), 64u);
  b.mutable_ticket()->set_problem("y");
  EXPECT_NE(RequestFingerprint(a), RequestFingerprint(b));
}

TEST(RequestFingerprintTest, RequestKeyFingerprintsTheWholeRequest) {
  cs::intake::v1::ForwardTicketRequest request;
  request.set_request_id("r-1");
  request.set_ticket_id(7);
  const db::RequestKey key = RequestKeyOf(request.request_id(), request);
  EXPECT_EQ(key.request_id, "r-1");
  EXPECT_EQ(key.fingerprint, RequestFingerprint(request));
  request.set_ticket_id(8);
  EXPECT_NE(RequestKeyOf(request.request_id(), request).fingerprint, key.fingerprint);
}

TEST(PagingTest, PageTokensRoundTripOnlyForTheSameFilter) {
  cs::intake::v1::ListTicketsRequest list;
  list.set_unit_id("broadband");
  list.mutable_page()->set_page_size(10);
  const std::string filter = FilterFingerprint(list);
  list.mutable_page()->set_page_token("anything");
  EXPECT_EQ(FilterFingerprint(list), filter);  // paging is not part of the filter

  const std::string token = EncodePageToken(42, filter);
  EXPECT_THAT(DecodePageToken(token, filter), IsOkAndHolds(42));
  EXPECT_THAT(DecodePageToken("", filter), IsOkAndHolds(0));
  list.set_unit_id("portal");
  EXPECT_THAT(DecodePageToken(token, FilterFingerprint(list)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("other filters")));
  EXPECT_THAT(DecodePageToken("garbage!", filter),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("page.page_token")));
  EXPECT_THAT(DecodePageToken(EncodePageToken(-1, filter), filter),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace cs::common

namespace cs::common {
namespace {

TEST(PagingTest, PageSizeHasADefaultAndACap) {
  cs::common::v1::PageRequest page;
  EXPECT_THAT(PageSizeOf(page, 50, 500), ::cs::common::testing::IsOkAndHolds(50));
  page.set_page_size(7);
  EXPECT_THAT(PageSizeOf(page, 50, 500), ::cs::common::testing::IsOkAndHolds(7));
  page.set_page_size(100000);
  EXPECT_THAT(PageSizeOf(page, 50, 500), ::cs::common::testing::IsOkAndHolds(500));
  page.set_page_size(-1);
  EXPECT_THAT(PageSizeOf(page, 50, 500),
              ::cs::common::testing::StatusIs(absl::StatusCode::kInvalidArgument,
                                              ::testing::HasSubstr("page.page_size")));
}

}  // namespace
}  // namespace cs::common
