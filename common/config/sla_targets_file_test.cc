#include "common/config/sla_targets_file.h"

#include "common/config/config_file.h"
#include "common/testing/status_matchers.h"
#include "common/time/period_config.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common::config {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::StatusIs;
using ::testing::HasSubstr;

absl::Status Parse(absl::string_view text) {
  cs::config::v1::SlaTargets targets;
  return ParseConfigText("sla.textproto", text, &targets, [](const google::protobuf::Message& m) {
    return ValidateSlaTargets(WithDefaults(static_cast<const cs::config::v1::SlaTargets&>(m)));
  });
}

TEST(SlaTargetsFileTest, ShippedFileIsValidAndKeepsTheSeedFigures) {
  auto targets =
      LoadSlaTargets(std::string(CS_SOURCE_DIR) + "/deploy/config/sla_targets.textproto");
  ASSERT_THAT(targets, IsOk());
  EXPECT_EQ(targets->forward_confirmation().working_hours(), 1);
  EXPECT_EQ(targets->archive_retention().years(), 2);
  EXPECT_EQ(targets->rectification().working_days(), 5);
  EXPECT_EQ(targets->planned_work_notice().wall_hours(), 72);
  EXPECT_EQ(targets->old_number_transfer().months(), 3);
  EXPECT_EQ(targets->hotline_connection_rate_percent(), 80);
}

TEST(SlaTargetsFileTest, EmptyFileGetsEveryDefault) {
  cs::config::v1::SlaTargets targets = WithDefaults({});
  EXPECT_TRUE(ValidateSlaTargets(targets).empty());
  EXPECT_EQ(targets.special_request_confirmation().wall_minutes(), 15);
  EXPECT_THAT(HandlingPeriodFor(targets, cs::common::v1::TICKET_KIND_COMPLAINT),
              IsOkAndHolds(Period{PeriodUnit::kWorkingDays, 5}));
}

TEST(SlaTargetsFileTest, I5_ForwardingSlowerThanOneWorkingHourIsRefused) {
  EXPECT_THAT(Parse("forward_confirmation { working_minutes: 90 }\n"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("sla.textproto:1: forward_confirmation")));
  EXPECT_THAT(Parse("forward_confirmation { working_minutes: 30 }\n"), IsOk());
  EXPECT_THAT(Parse("forward_confirmation { wall_hours: 1 }\n"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("counted like")));
}

TEST(SlaTargetsFileTest, V2_RetentionUnderTwoYearsIsRefused) {
  EXPECT_THAT(Parse("\narchive_retention { months: 23 }\n"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("sla.textproto:2: archive_retention")));
  EXPECT_THAT(Parse("archive_retention { months: 24 }\n"), IsOk());
  EXPECT_THAT(Parse("archive_retention { years: 3 }\n"), IsOk());
}

TEST(SlaTargetsFileTest, OtherSeedFiguresCannotBeLoosened) {
  EXPECT_THAT(Parse("rectification { working_days: 6 }"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("rectification")));
  EXPECT_THAT(Parse("planned_work_notice { wall_hours: 48 }"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("planned_work_notice")));
  EXPECT_THAT(Parse("old_number_transfer { months: 2 }"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("old_number_transfer")));
  EXPECT_THAT(
      Parse("hotline_connection_rate_percent: 75"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("hotline_connection_rate_percent")));
}

// Found by sla_targets_file_fuzzer: a huge count of years, hours or wall hours overflowed while it
// was compared with the seed's figure (undefined behaviour) instead of being refused.
TEST(SlaTargetsFileTest, HugePeriodsAreRefusedWithoutOverflow) {
  EXPECT_THAT(Parse("archive_retention { years: 2555555555555555555 }"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("archive_retention")));
  EXPECT_THAT(Parse("forward_confirmation { working_hours: -9000000000000000000 }"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("forward_confirmation")));
  EXPECT_THAT(Parse("planned_work_notice { wall_hours: 9000000000000000000 }"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("planned_work_notice")));
}

TEST(SlaTargetsFileTest, DuplicateKindAndBadPeriodAreNamed) {
  EXPECT_THAT(Parse("internal_dispatch_handling { kind: TICKET_KIND_COMPLAINT handling { "
                    "working_days: 5 } }\n"
                    "internal_dispatch_handling { kind: TICKET_KIND_COMPLAINT handling { "
                    "working_days: 0 } }\n"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       ::testing::AllOf(HasSubstr("internal_dispatch_handling[1].kind"),
                                        HasSubstr("internal_dispatch_handling[1].handling"))));
}

TEST(SlaTargetsFileTest, C2_TheRepairLimitMayDifferPerChannelKind) {
  cs::config::v1::SlaTargets targets;
  targets.mutable_channel_fault_repair()->set_wall_hours(24);
  auto* email_target = targets.add_channel_fault_repair_by_kind();
  email_target->set_kind(cs::common::v1::CHANNEL_EMAIL);
  email_target->mutable_repair()->set_wall_hours(8);
  ASSERT_TRUE(ValidateSlaTargets(WithDefaults(targets)).empty());
  EXPECT_THAT(FaultRepairPeriodFor(targets, cs::common::v1::CHANNEL_EMAIL),
              IsOkAndHolds(*PeriodFromProto(email_target->repair())));
  EXPECT_THAT(FaultRepairPeriodFor(targets, cs::common::v1::CHANNEL_GUESTBOOK),
              IsOkAndHolds(*PeriodFromProto(targets.channel_fault_repair())));
  EXPECT_THAT(
      Parse("channel_fault_repair_by_kind { kind: CHANNEL_EMAIL repair { wall_hours: 8 } }\n"
            "channel_fault_repair_by_kind { kind: CHANNEL_EMAIL repair { } }\n"
            "channel_fault_repair_by_kind { repair { wall_hours: 1 } }\n"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               ::testing::AllOf(HasSubstr("channel_fault_repair_by_kind[1].kind"),
                                HasSubstr("channel_fault_repair_by_kind[1].repair"),
                                HasSubstr("channel_fault_repair_by_kind[2].kind"))));
}

}  // namespace
}  // namespace cs::common::config
