// S7 (M 7.12): partners and agents with standards never below the company's.
#include "services/assessment/domain/partner.h"

#include <string>
#include <vector>

#include "common/status/error_reason.h"
#include "common/status/field_violations.h"
#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::assessment {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const common::FieldViolation& v : common::ViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

PartnerForm Valid() {
  PartnerForm form;
  form.unit_id = "broadband";
  form.name = "某宽带代理商";
  form.kind = PartnerKind::kAgent;
  form.service_standard = "装机 48 小时内完成；投诉 24 小时内回复";
  form.meets_company_standard = true;
  return form;
}

TEST(PartnerTest, S7_APartnerMeetingTheStandardIsRegisteredActive) {
  absl::StatusOr<Partner> partner =
      RegisterPartner(Valid(), "bb-staff", ShanghaiTime(2026, 10, 1, 9, 0));
  ASSERT_THAT(partner.status(), IsOk());
  EXPECT_TRUE(partner->active);
  EXPECT_EQ(partner->kind, PartnerKind::kAgent);
  EXPECT_EQ(partner->history.back().event, "REGISTERED");
  ASSERT_THAT(DeactivatePartner(*partner, "合同到期", "bb-staff", ShanghaiTime(2026, 10, 2, 9, 0)),
              IsOk());
  EXPECT_FALSE(partner->active);
  const absl::Status again =
      DeactivatePartner(*partner, "x", "bb-staff", ShanghaiTime(2026, 10, 2, 9, 0));
  EXPECT_EQ(common::ReasonOf(again), common::reason::kStateForbidsChange);
  ASSERT_THAT(ReactivatePartner(*partner, "bb-staff", ShanghaiTime(2026, 10, 3, 9, 0)), IsOk());
  EXPECT_EQ(partner->version, 3);
}

TEST(PartnerTest, S7_AStandardBelowTheCompanysIsRefused) {
  PartnerForm form = Valid();
  form.meets_company_standard = false;
  const absl::Status status =
      RegisterPartner(form, "bb-staff", ShanghaiTime(2026, 10, 1, 9, 0)).status();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(Fields(status), ElementsAre("partner.service_standard"));
  absl::StatusOr<Partner> partner =
      RegisterPartner(Valid(), "bb-staff", ShanghaiTime(2026, 10, 1, 9, 0));
  ASSERT_THAT(partner.status(), IsOk());
  const absl::Status lower =
      ChangePartnerStandard(*partner, "随缘", false, "bb-staff", ShanghaiTime(2026, 10, 2, 9, 0));
  EXPECT_THAT(Fields(lower), ElementsAre("service_standard"));
  EXPECT_EQ(partner->service_standard, Valid().service_standard);
}

TEST(PartnerTest, S7_ValidationNamesEveryBadField) {
  const absl::Status status =
      RegisterPartner(PartnerForm{}, "bb-staff", ShanghaiTime(2026, 10, 1, 9, 0)).status();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Fields(status), UnorderedElementsAre("partner.unit_id", "partner.name",
                                                   "partner.kind", "partner.service_standard"));
}

}  // namespace
}  // namespace cs::assessment
