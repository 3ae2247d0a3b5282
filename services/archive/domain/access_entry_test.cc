// V3: access-log entries.
#include "services/archive/domain/access_entry.h"

#include "gtest/gtest.h"

namespace cs::archive {
namespace {

TEST(AccessEntryTest, V3_EntryRecordsWhoWhatWhenWhy) {
  const common::Principal caller{"clerk", common::Role::kUnitStaff, "broadband"};
  AccessEntry entry = NewAccessEntry(caller, AccessAction::kExportForm, "AR-3", "complaint review",
                                     absl::FromUnixSeconds(100));
  EXPECT_EQ(entry.user, "clerk");
  EXPECT_EQ(entry.role, common::Role::kUnitStaff);
  EXPECT_EQ(entry.caller_unit_id, "broadband");
  EXPECT_EQ(AccessActionName(entry.action), "EXPORT_FORM");
  EXPECT_EQ(entry.target, "AR-3");
  EXPECT_EQ(entry.reason, "complaint review");
  EXPECT_EQ(entry.at, absl::FromUnixSeconds(100));
  SetOutcome(entry, absl::PermissionDeniedError("no"));
  EXPECT_EQ(entry.outcome, AccessOutcome::kDenied);
  EXPECT_EQ(entry.detail, "PERMISSION_DENIED");
  SetOutcome(entry, absl::NotFoundError("no"));
  EXPECT_EQ(AccessOutcomeName(entry.outcome), "REFUSED");
  SetOutcome(entry, absl::OkStatus());
  EXPECT_EQ(AccessOutcomeName(entry.outcome), "GRANTED");
  EXPECT_EQ(entry.detail, "");
}

TEST(AccessEntryTest, V3_AnOverLongReasonIsCutAtACharacterBoundary) {
  // 250 three-byte characters: 750 bytes, cut to at most 500 without splitting one.
  std::string reason;
  for (int i = 0; i < 250; ++i) reason += "审";
  const AccessEntry entry =
      NewAccessEntry({"u", common::Role::kCsCenter, ""}, AccessAction::kGetRecord, "AR-1", reason,
                     absl::UnixEpoch());
  EXPECT_EQ(entry.reason.size(), 498u);
  EXPECT_EQ(entry.reason, reason.substr(0, 498));
}

}  // namespace
}  // namespace cs::archive
