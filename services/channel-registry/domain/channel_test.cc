// The ids and enum names of cs.channel.v1 (C1).
#include "services/channel-registry/domain/channel.h"

#include "common/status/field_violations.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::channel {
namespace {

using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::StatusIs;
using ::testing::HasSubstr;

TEST(ChannelIdTest, C1_IdsFormatAndParseBack) {
  EXPECT_EQ(FormatChannelId(12), "CN-12");
  EXPECT_EQ(FormatFaultId(3), "FT-3");
  EXPECT_EQ(FormatUnfiledId(40), "UF-40");
  EXPECT_THAT(ParseChannelId("CN-12", "channel_id"), IsOkAndHolds(12));
  EXPECT_THAT(ParseFaultId("FT-3", "fault_id"), IsOkAndHolds(3));
  EXPECT_THAT(ParseUnfiledId("UF-40", "report_id"), IsOkAndHolds(40));
}

TEST(ChannelIdTest, C1_MalformedIdsNameTheField) {
  for (const char* bad : {"", "CN-0", "CN-012", "CN--1", "CN-+1", "cn-1", "FT-1", "CN-1x",
                          "CN-99999999999999999999"}) {
    const absl::Status status = ParseChannelId(bad, "channel_id").status();
    EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument)) << bad;
    ASSERT_EQ(common::ViolationsOf(status).size(), 1u) << bad;
    EXPECT_EQ(common::ViolationsOf(status)[0].field, "channel_id");
  }
  EXPECT_THAT(ParseFaultId("CN-1", "fault_id"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("FT-<n>")));
  EXPECT_THAT(ParseUnfiledId("UF-", "report_id"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("UF-<n>")));
}

TEST(ChannelKindTest, C1_OnlyEmailWebFormAndGuestbookAreOnline) {
  EXPECT_TRUE(IsOnlineKind(ChannelKind::kEmail));
  EXPECT_TRUE(IsOnlineKind(ChannelKind::kWebForm));
  EXPECT_TRUE(IsOnlineKind(ChannelKind::kGuestbook));
  EXPECT_FALSE(IsOnlineKind(ChannelKind::kUnspecified));
  EXPECT_FALSE(IsOnlineKind(ChannelKind::kHotline));
  EXPECT_FALSE(IsOnlineKind(ChannelKind::kFax));
  EXPECT_FALSE(IsOnlineKind(ChannelKind::kWalkIn));
}

TEST(ChannelNamesTest, C1_NamesAreTheProtoNamesWithoutPrefix) {
  EXPECT_EQ(ChannelStateName(ChannelState::kAcknowledged), "ACKNOWLEDGED");
  EXPECT_EQ(ChannelStateName(static_cast<ChannelState>(99)), "UNSPECIFIED");
  EXPECT_EQ(ChannelKindName(ChannelKind::kWebForm), "WEB_FORM");
  EXPECT_EQ(ChannelPurposeName(ChannelPurpose::kOrdering), "ORDERING");
  EXPECT_EQ(StaffingName(Staffing::kRotating), "ROTATING");
  EXPECT_EQ(PublishedItemName(PublishedItem::kConsultationAndComplaint),
            "CONSULTATION_AND_COMPLAINT");
  EXPECT_EQ(FaultOriginName(FaultOrigin::kMailboxFull), "MAILBOX_FULL");
}

}  // namespace
}  // namespace cs::channel
