// The StaffStore contract (staff_store.h) as a typed test suite: staff registered idempotently with
// their trainings (H7, A2 7.6), listed by unit in pages, duty rosters replaced per hotline and day,
// and refused rosters counted once per refusal. Instantiated with the other store contracts; see
// hotline_store_contract_fixture.h.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_STORE_STAFF_STORE_CONTRACT_H_
#define CS_SERVICES_HOTLINE_REGISTRY_STORE_STAFF_STORE_CONTRACT_H_

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/hotline-registry/store/hotline_store_contract_fixture.h"

namespace cs::hotline::testing {

template <typename T>
class StaffStoreContractTest : public HotlineStoreContract<T> {};

TYPED_TEST_SUITE_P(StaffStoreContractTest);

using ::cs::common::testing::IsOk;
using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

TYPED_TEST_P(StaffStoreContractTest, H7_RegisterIsIdempotentAndOncePerStaffNumber) {
  StaffStore& store = this->staff();
  const StaffMember a01 = Staff("broadband", "A01", {TrainingSubject::kBusiness});
  ASSERT_OK_AND_ASSIGN(StaffResult first, store.Register(a01, Key("s-1", "a01")));
  EXPECT_FALSE(first.replayed);
  EXPECT_EQ(first.staff, a01);
  ASSERT_OK_AND_ASSIGN(StaffResult again, store.Register(a01, Key("s-1", "a01")));
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.staff, a01);
  EXPECT_THAT(store.Register(Staff("broadband", "A02"), Key("s-1", "a02")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_THAT(store.Register(Staff("broadband", "A01"), Key("s-2", "a01 again")),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("A01")));
  // Byte for byte: "A01 " is another staff number; the same number in another unit another member.
  ASSERT_THAT(store.Register(Staff("broadband", "A01 "), Key("s-3")), IsOk());
  ASSERT_THAT(store.Register(Staff("mobile", "A01"), Key("s-4")), IsOk());
  EXPECT_THAT(store.Get("broadband", "A01"), IsOkAndHolds(a01));
  ASSERT_OK_AND_ASSIGN(StaffMember spaced, store.Get("broadband", "A01 "));
  EXPECT_THAT(spaced.trainings, IsEmpty());
  EXPECT_THAT(store.Get("broadband", "A09"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(store.Register(Staff("broadband", ""), Key("s-5")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("staff_number")));
  EXPECT_THAT(store.Register(Staff("broadband", std::string(33, '9')), Key("s-6")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("staff_number")));
}

TYPED_TEST_P(StaffStoreContractTest, H7_AddTrainingAppendsOnceByRequestId) {
  StaffStore& store = this->staff();
  ASSERT_THAT(store.Register(Staff("broadband", "A01"), Key("s-1")), IsOk());
  ASSERT_THAT(store.Register(Staff("broadband", "A02"), Key("s-2")), IsOk());
  const Training rules{TrainingSubject::kRules, ShanghaiTime(2026, 2, 3, 9, 0), "法务部"};
  const Training phrases{TrainingSubject::kPhrases, ShanghaiTime(2026, 2, 4, 9, 0), "客服中心"};
  ASSERT_OK_AND_ASSIGN(StaffResult added, store.AddTraining("broadband", "A01", rules, Key("t-1")));
  EXPECT_FALSE(added.replayed);
  EXPECT_THAT(added.staff.trainings, ElementsAre(rules));
  ASSERT_OK_AND_ASSIGN(added, store.AddTraining("broadband", "A01", rules, Key("t-1")));
  EXPECT_TRUE(added.replayed);
  ASSERT_OK_AND_ASSIGN(added, store.AddTraining("broadband", "A01", phrases, Key("t-2")));
  EXPECT_THAT(added.staff.trainings, ElementsAre(rules, phrases));
  EXPECT_THAT(store.AddTraining("broadband", "A02", rules, Key("t-1")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_THAT(store.AddTraining("broadband", "A01", phrases, Key("t-1", "other")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_THAT(store.AddTraining("broadband", "A09", rules, Key("t-3")),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("A09")));
  ASSERT_OK_AND_ASSIGN(StaffMember read, store.Get("broadband", "A01"));
  EXPECT_THAT(read.trainings, ElementsAre(rules, phrases));
}

TYPED_TEST_P(StaffStoreContractTest, H7_ListPagesAUnitsStaffByStaffNumber) {
  StaffStore& store = this->staff();
  for (const char* number : {"B2", "A1", "C3", "A10", "B1"}) {
    ASSERT_THAT(store.Register(Staff("broadband", number, {TrainingSubject::kBusiness}),
                               Key(absl::StrCat("s-", number))),
                IsOk());
  }
  ASSERT_THAT(store.Register(Staff("mobile", "A0"), Key("s-m")), IsOk());
  ASSERT_OK_AND_ASSIGN(StaffPage page, store.List("broadband", "", 2));
  ASSERT_THAT(page.staff, SizeIs(2));
  EXPECT_EQ(page.staff[0].staff_number, "A1");
  EXPECT_EQ(page.staff[1].staff_number, "A10");
  EXPECT_THAT(page.staff[0].trainings, SizeIs(1));
  EXPECT_EQ(page.next_after_staff_number, "A10");
  ASSERT_OK_AND_ASSIGN(page, store.List("broadband", page.next_after_staff_number, 2));
  ASSERT_THAT(page.staff, SizeIs(2));
  EXPECT_EQ(page.staff[0].staff_number, "B1");
  ASSERT_OK_AND_ASSIGN(page, store.List("broadband", page.next_after_staff_number, 2));
  ASSERT_THAT(page.staff, SizeIs(1));
  EXPECT_EQ(page.staff[0].staff_number, "C3");
  EXPECT_EQ(page.next_after_staff_number, "");
  ASSERT_OK_AND_ASSIGN(page, store.List("unknown-unit", "", 10));
  EXPECT_THAT(page.staff, IsEmpty());
  EXPECT_THAT(store.List("broadband", "", 0),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("page_size")));
}

TYPED_TEST_P(StaffStoreContractTest, H7_SetRosterReplacesTheDaysRoster) {
  StaffStore& store = this->staff();
  const absl::Time day = ShanghaiTime(2026, 3, 9, 0, 0);
  DutyRoster roster;
  roster.hotline_id = 1;
  roster.day = "2026-03-09";
  roster.shifts = {{"A01", day + absl::Hours(9), day + absl::Hours(13)},
                   {"A02", day + absl::Hours(13), day + absl::Hours(17)}};
  roster.set_by = "manager-1";
  roster.set_at = ShanghaiTime(2026, 3, 6, 15, 0);
  EXPECT_THAT(store.SetRoster(roster), IsOkAndHolds(roster));
  EXPECT_THAT(store.GetRoster(1, "2026-03-09"), IsOkAndHolds(roster));
  DutyRoster replaced = roster;
  replaced.shifts = {{"A03", day + absl::Hours(8), day + absl::Hours(20)}};
  replaced.set_by = "manager-2";
  replaced.set_at = ShanghaiTime(2026, 3, 7, 15, 0);
  ASSERT_THAT(store.SetRoster(replaced), IsOk());
  EXPECT_THAT(store.GetRoster(1, "2026-03-09"), IsOkAndHolds(replaced));
  DutyRoster other_day = roster;
  other_day.day = "2026-03-10";
  ASSERT_THAT(store.SetRoster(other_day), IsOk());
  DutyRoster other_hotline = roster;
  other_hotline.hotline_id = 2;
  other_hotline.shifts.clear();
  ASSERT_THAT(store.SetRoster(other_hotline), IsOk());
  EXPECT_THAT(store.GetRoster(1, "2026-03-09"), IsOkAndHolds(replaced));
  EXPECT_THAT(store.GetRoster(2, "2026-03-09"), IsOkAndHolds(other_hotline));
  EXPECT_THAT(store.GetRoster(1, "2026-03-11"), StatusIs(absl::StatusCode::kNotFound));
  DutyRoster bad = roster;
  bad.day = "2026-3-9";
  EXPECT_THAT(store.SetRoster(bad), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("day")));
}

TYPED_TEST_P(StaffStoreContractTest, H7_RefusedRostersAreCountedOncePerRefusal) {
  StaffStore& store = this->staff();
  const absl::Time at = ShanghaiTime(2026, 3, 9, 10, 0);
  EXPECT_THAT(store.RecordRefusedRoster("broadband", "2026-03", "r-1", at), IsOkAndHolds(true));
  EXPECT_THAT(store.RecordRefusedRoster("broadband", "2026-03", "r-2", at), IsOkAndHolds(true));
  EXPECT_THAT(store.RecordRefusedRoster("broadband", "2026-03", "r-1", at), IsOkAndHolds(false));
  EXPECT_THAT(store.RecordRefusedRoster("broadband", "2026-03", "r-1 ", at), IsOkAndHolds(true));
  EXPECT_THAT(store.RecordRefusedRoster("broadband", "2026-04", "r-1", at), IsOkAndHolds(true));
  EXPECT_THAT(store.RecordRefusedRoster("mobile", "2026-03", "r-1", at), IsOkAndHolds(true));
  EXPECT_THAT(store.CountRefusedRosters("broadband", "2026-03"), IsOkAndHolds(3));
  EXPECT_THAT(store.CountRefusedRosters("broadband", "2026-04"), IsOkAndHolds(1));
  EXPECT_THAT(store.CountRefusedRosters("broadband", "2026-05"), IsOkAndHolds(0));
  EXPECT_THAT(store.RecordRefusedRoster("broadband", "2026-3", "r-9", at),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("month")));
  EXPECT_THAT(store.RecordRefusedRoster("broadband", "2026-03", "", at),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("refusal_id")));
}

REGISTER_TYPED_TEST_SUITE_P(StaffStoreContractTest, H7_RegisterIsIdempotentAndOncePerStaffNumber,
                            H7_AddTrainingAppendsOnceByRequestId,
                            H7_ListPagesAUnitsStaffByStaffNumber, H7_SetRosterReplacesTheDaysRoster,
                            H7_RefusedRostersAreCountedOncePerRefusal);

}  // namespace cs::hotline::testing

#endif  // CS_SERVICES_HOTLINE_REGISTRY_STORE_STAFF_STORE_CONTRACT_H_
