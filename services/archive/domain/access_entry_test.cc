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

// Issue 11: an audit field is never cut silently. A reason or target over its column's size is
// replaced by a note saying so, never by a prefix that reads like what the caller wrote.
TEST(AccessEntryTest, V3_AnOverLongReasonOrTargetIsNotedNotCut) {
  std::string reason;
  for (int i = 0; i < 250; ++i) reason += "审";  // 750 bytes
  const AccessEntry entry =
      NewAccessEntry({"u", common::Role::kCsCenter, ""}, AccessAction::kGetRecord,
                     std::string(100000, '9'), reason, absl::UnixEpoch());
  EXPECT_EQ(entry.reason, "[not kept: 750 bytes, over the 500-byte limit]");
  EXPECT_EQ(entry.target, "[not kept: 100000 bytes, over the 400-byte limit]");
}

TEST(AccessEntryTest, V3_AReasonAndTargetWithinTheirLimitsAreKeptWhole) {
  std::string reason;
  for (int i = 0; i < 166; ++i) reason += "审";  // 498 bytes
  const std::string target(400, 'T');
  const AccessEntry entry =
      NewAccessEntry({"u", common::Role::kCsCenter, ""}, AccessAction::kGetRecord, target, reason,
                     absl::UnixEpoch());
  EXPECT_EQ(entry.reason, reason);
  EXPECT_EQ(entry.target, target);
}

}  // namespace
}  // namespace cs::archive
