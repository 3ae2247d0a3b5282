// The MaintenanceStore contract (maintenance_store.h) as a typed test suite (S2; M 7.6): notices
// filed idempotently with "MN-<n>" ids (the late finding naming its notice), approved, cancelled
// and linked to the rectification notice raised from them through Mutate, with what was filed and
// the history kept as stored, and listed by unit, lateness and start. Instantiated with the other
// notice store contracts; see assessment_notice_store_contract_fixture.h.
#ifndef CS_SERVICES_ASSESSMENT_STORE_MAINTENANCE_STORE_CONTRACT_H_
#define CS_SERVICES_ASSESSMENT_STORE_MAINTENANCE_STORE_CONTRACT_H_

#include <string>
#include <vector>

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/assessment/store/assessment_notice_store_contract_fixture.h"

namespace cs::assessment::testing {

template <typename T>
class MaintenanceStoreContractTest : public AssessmentNoticeStoreContract<T> {};

TYPED_TEST_SUITE_P(MaintenanceStoreContractTest);

using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::StatusIs;
using ::testing::HasSubstr;

TYPED_TEST_P(MaintenanceStoreContractTest, S2_CreateAssignsIdsNamesTheFindingAndIsIdempotent) {
  MaintenanceStore& store = this->maintenance();
  const absl::Time starts = ShanghaiTime(2026, 3, 10, 1, 0);
  // 72 hours minus a minute: late, with a finding naming the notice once it has an id.
  MaintenanceNotice late = Filed("broadband", starts, absl::Hours(72) - absl::Minutes(1));
  ASSERT_TRUE(late.late);
  ASSERT_TRUE(late.late_finding.has_value());
  late.id = 77;  // ignored
  ASSERT_OK_AND_ASSIGN(MaintenanceWriteResult filed, store.Create(late, Key("x", "a")));
  EXPECT_FALSE(filed.replayed);
  const int64_t id = filed.record.notice.id;
  EXPECT_GT(id, 0);
  MaintenanceRecord expected{late, 0};
  AssignMaintenanceId(expected.notice, id);
  EXPECT_EQ(expected.notice.late_finding->source_id, FormatMaintenanceId(id));
  EXPECT_EQ(filed.record, expected);
  EXPECT_THAT(store.Get(id), IsOkAndHolds(expected));

  ASSERT_OK_AND_ASSIGN(MaintenanceWriteResult again, store.Create(late, Key("x", "a")));
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.record, expected);
  EXPECT_THAT(store.Create(late, Key("x", "b")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  // 72 hours exactly is on time: no finding.
  MaintenanceNotice on_time = Filed("broadband", starts, absl::Hours(72));
  ASSERT_FALSE(on_time.late);
  ASSERT_OK_AND_ASSIGN(MaintenanceWriteResult spaced, store.Create(on_time, Key("x ", "a")));
  EXPECT_FALSE(spaced.replayed);
  EXPECT_GT(spaced.record.notice.id, id);
  EXPECT_THAT(store.Get(spaced.record.notice.id), IsOkAndHolds(spaced.record));
  EXPECT_EQ(spaced.record.notice.late_finding, absl::nullopt);
  EXPECT_THAT(store.Create(on_time, Key("")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_THAT(store.Get(id + 1000),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr(FormatMaintenanceId(id + 1000))));
}

TYPED_TEST_P(MaintenanceStoreContractTest, S2_ApprovalCancellationAndRaisedNoticeThroughMutate) {
  MaintenanceStore& store = this->maintenance();
  const absl::Time starts = ShanghaiTime(2026, 3, 10, 1, 0);
  const int64_t id = this->File(Filed("broadband", starts, absl::Hours(100), /*important=*/true));
  const int64_t other = this->File(Filed("mobile", starts, absl::Hours(100)));
  ASSERT_OK_AND_ASSIGN(MaintenanceRecord before, store.Get(id));
  const absl::Time now = starts - absl::Hours(48);

  // The domain's refusal leaves nothing written and the key unused.
  const NoticeMutationOptions options = Keyed("a-1", "RecordSuperiorApproval");
  EXPECT_THAT(store.Mutate(id, options,
                           [&](MaintenanceRecord& r) {
                             return ApproveBySuperior(r.notice, "", now, "", "cs-center-1", now);
                           }),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(store.Get(id), IsOkAndHolds(before));

  int runs = 0;
  auto approve = [&](MaintenanceRecord& r) {
    ++runs;
    r.notice.form.description = "rewritten";  // what was filed cannot change
    r.notice.late = true;
    return ApproveBySuperior(r.notice, "市通信管理局", now - absl::Hours(1), "沪通〔2026〕12号",
                             "cs-center-1", now);
  };
  ASSERT_OK_AND_ASSIGN(MaintenanceWriteResult approved, store.Mutate(id, options, approve));
  EXPECT_FALSE(approved.replayed);
  MaintenanceRecord expected = before;
  ASSERT_OK(ApproveBySuperior(expected.notice, "市通信管理局", now - absl::Hours(1),
                              "沪通〔2026〕12号", "cs-center-1", now));
  expected.notice.version = 2;
  EXPECT_EQ(approved.record, expected);
  EXPECT_THAT(store.Get(id), IsOkAndHolds(expected));
  ASSERT_OK_AND_ASSIGN(MaintenanceWriteResult again, store.Mutate(id, options, approve));
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(again.record, expected);
  EXPECT_THAT(store.Mutate(id, Keyed("a-1", "RecordSuperiorApproval", "other"), approve),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_THAT(store.Mutate(other, options, approve),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));

  // The raised notice, then the cancellation; a stale version is ABORTED.
  EXPECT_THAT(store.Mutate(id, AtVersion(1),
                           [](MaintenanceRecord& r) {
                             r.raised_notice_id = 5;
                             return absl::OkStatus();
                           }),
              StatusIs(absl::StatusCode::kAborted, HasSubstr("version 2")));
  EXPECT_THAT(store.Get(id), IsOkAndHolds(expected));
  ASSERT_OK_AND_ASSIGN(MaintenanceWriteResult raised,
                       store.Mutate(id, AtVersion(2), [](MaintenanceRecord& r) {
                         r.raised_notice_id = 5;
                         ++r.notice.version;
                         return absl::OkStatus();
                       }));
  expected.raised_notice_id = 5;
  expected.notice.version = 3;
  EXPECT_EQ(raised.record, expected);
  ASSERT_OK_AND_ASSIGN(
      MaintenanceWriteResult cancelled, store.Mutate(id, {}, [&](MaintenanceRecord& r) {
        r.notice.history.clear();  // history is append-only
        MaintenanceRecord copy = r;
        copy.notice.history = expected.notice.history;
        absl::Status s =
            CancelMaintenance(copy.notice, "割接方案调整", "unit-clerk", now + absl::Hours(1));
        r = copy;
        return s;
      }));
  ASSERT_OK(CancelMaintenance(expected.notice, "割接方案调整", "unit-clerk", now + absl::Hours(1)));
  expected.notice.version = 4;
  EXPECT_EQ(cancelled.record, expected);
  EXPECT_EQ(cancelled.record.notice.state, MaintenanceState::kCancelled);
  EXPECT_THAT(store.Get(id), IsOkAndHolds(expected));
  EXPECT_THAT(store.Mutate(id + 1000, {}, approve),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr(FormatMaintenanceId(id + 1000))));
}

TYPED_TEST_P(MaintenanceStoreContractTest, S2_ListFiltersAndPages) {
  MaintenanceStore& store = this->maintenance();
  const absl::Time march = ShanghaiTime(2026, 3, 1, 0, 0);
  const absl::Time april = ShanghaiTime(2026, 4, 1, 0, 0);
  const int64_t a = this->File(Filed("broadband", march, absl::Hours(80)));
  const int64_t b = this->File(Filed("broadband", march + absl::Hours(5), absl::Hours(10)));
  const int64_t c = this->File(Filed("mobile", april - absl::Microseconds(1), absl::Hours(1)));
  const int64_t d = this->File(Filed("broadband", april, absl::Hours(71)));
  const int64_t e = this->File(Filed("broadband", march - absl::Microseconds(1), absl::Hours(90)));
  auto list = [&](const MaintenanceFilter& filter) {
    auto page = store.List(filter, 0, 100);
    EXPECT_TRUE(page.ok()) << page.status();
    return page.ok() ? MaintenanceIds(page->records) : std::vector<int64_t>{};
  };
  EXPECT_EQ(list({}), (std::vector<int64_t>{a, b, c, d, e}));
  EXPECT_EQ(list({"broadband", false, absl::nullopt, absl::nullopt}),
            (std::vector<int64_t>{a, b, d, e}));
  EXPECT_EQ(list({"", true, absl::nullopt, absl::nullopt}), (std::vector<int64_t>{b, c, d}));
  EXPECT_EQ(list({"broadband", true, absl::nullopt, absl::nullopt}), (std::vector<int64_t>{b, d}));
  // Starts in [from, until).
  EXPECT_EQ(list({"", false, march, april}), (std::vector<int64_t>{a, b, c}));
  EXPECT_EQ(list({"", false, march, absl::nullopt}), (std::vector<int64_t>{a, b, c, d}));
  EXPECT_EQ(list({"", false, absl::nullopt, march}), (std::vector<int64_t>{e}));
  EXPECT_EQ(list({"", true, march + absl::Hours(5), april}), (std::vector<int64_t>{b, c}));

  ASSERT_OK_AND_ASSIGN(MaintenancePage first, store.List({}, 0, 2));
  EXPECT_EQ(MaintenanceIds(first.records), (std::vector<int64_t>{a, b}));
  EXPECT_EQ(first.next_after_id, b);
  EXPECT_THAT(store.Get(b), IsOkAndHolds(first.records[1]));
  ASSERT_OK_AND_ASSIGN(MaintenancePage rest, store.List({}, first.next_after_id, 3));
  EXPECT_EQ(MaintenanceIds(rest.records), (std::vector<int64_t>{c, d, e}));
  EXPECT_EQ(rest.next_after_id, 0);
  EXPECT_THAT(store.List({}, 0, 0),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("page_size")));
}

REGISTER_TYPED_TEST_SUITE_P(MaintenanceStoreContractTest,
                            S2_CreateAssignsIdsNamesTheFindingAndIsIdempotent,
                            S2_ApprovalCancellationAndRaisedNoticeThroughMutate,
                            S2_ListFiltersAndPages);

}  // namespace cs::assessment::testing

#endif  // CS_SERVICES_ASSESSMENT_STORE_MAINTENANCE_STORE_CONTRACT_H_
