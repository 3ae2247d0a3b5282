// The AccessLogStore contract (access_log_store.h) as a typed test suite: entries written on their
// own, listings that log themselves first, filters and pages (V3). Instantiated with the other
// store contracts; see archive_store_contract_fixture.h.
#ifndef CS_SERVICES_ARCHIVE_STORE_ACCESS_LOG_STORE_CONTRACT_H_
#define CS_SERVICES_ARCHIVE_STORE_ACCESS_LOG_STORE_CONTRACT_H_

#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/archive/store/archive_store_contract_fixture.h"

namespace cs::archive::testing {

template <typename T>
class AccessLogStoreContractTest : public ArchiveStoreContract<T> {};

TYPED_TEST_SUITE_P(AccessLogStoreContractTest);

using ::cs::common::testing::IsOk;
using ::testing::SizeIs;

TYPED_TEST_P(AccessLogStoreContractTest, V3_AccessLogListingFiltersAndPages) {
  AccessLogStore& store = this->access_log();
  ASSERT_THAT(store.LogAccess(Entry(AccessAction::kGetRecord, "AR-1", "alice")), IsOk());
  ASSERT_THAT(store.LogAccess(Entry(AccessAction::kGetRecord, "AR-2", "bob")), IsOk());
  ASSERT_THAT(store.LogAccess(Entry(AccessAction::kGetRecord, "AR-1", "bob")), IsOk());
  AccessLogFilter filter;
  filter.target = "AR-1";
  ASSERT_OK_AND_ASSIGN(AccessLogPage page, store.ListAccessLog(filter, 0, 1,
                                                               Entry(AccessAction::kListAccessLog,
                                                                     "target=AR-1", "auditor")));
  ASSERT_THAT(page.entries, SizeIs(1));
  EXPECT_EQ(page.entries[0].user, "bob");
  ASSERT_OK_AND_ASSIGN(page, store.ListAccessLog(filter, page.next_cursor, 1,
                                                 Entry(AccessAction::kListAccessLog, "p2")));
  ASSERT_THAT(page.entries, SizeIs(1));
  EXPECT_EQ(page.entries[0].user, "alice");
  filter = {};
  filter.user = "auditor";
  ASSERT_OK_AND_ASSIGN(
      page, store.ListAccessLog(filter, 0, 10, Entry(AccessAction::kListAccessLog, "p3")));
  ASSERT_THAT(page.entries, SizeIs(1));
  EXPECT_EQ(page.entries[0].action, AccessAction::kListAccessLog);
}

TYPED_TEST_P(AccessLogStoreContractTest, V3_AListingShowsItselfAndRefusalsAreKeptWhole) {
  AccessLogStore& store = this->access_log();
  AccessEntry refused = Entry(AccessAction::kExportCsv, "month=2026-13", "carol");
  SetOutcome(refused, absl::InvalidArgumentError("month must be YYYY-MM"));
  ASSERT_THAT(store.LogAccess(refused), IsOk());
  ASSERT_OK_AND_ASSIGN(
      AccessLogPage page,
      store.ListAccessLog({}, 0, 10, Entry(AccessAction::kListAccessLog, "all", "auditor")));
  ASSERT_THAT(page.entries, SizeIs(2));
  EXPECT_EQ(page.next_cursor, 0);
  EXPECT_EQ(page.entries[0].user, "auditor");
  EXPECT_EQ(page.entries[0].action, AccessAction::kListAccessLog);
  EXPECT_EQ(page.entries[0].outcome, AccessOutcome::kGranted);
  EXPECT_GT(page.entries[0].id, page.entries[1].id);
  const AccessEntry& kept = page.entries[1];
  EXPECT_EQ(kept.user, "carol");
  EXPECT_EQ(kept.role, common::Role::kCsCenter);
  EXPECT_EQ(kept.action, AccessAction::kExportCsv);
  EXPECT_EQ(kept.target, "month=2026-13");
  EXPECT_EQ(kept.reason, "audit");
  EXPECT_EQ(kept.outcome, AccessOutcome::kRefused);
  EXPECT_EQ(kept.detail, "INVALID_ARGUMENT");
  EXPECT_EQ(kept.result_count, 0);
  EXPECT_EQ(kept.at, At(2026, 4, 1));
  // The time window is [from, until).
  AccessLogFilter window;
  window.from = At(2026, 4, 1);
  window.until = At(2026, 4, 1) + absl::Seconds(1);
  ASSERT_OK_AND_ASSIGN(
      page, store.ListAccessLog(window, 0, 10, Entry(AccessAction::kListAccessLog, "w1")));
  EXPECT_THAT(page.entries, SizeIs(3));
  window.from = At(2026, 4, 1) + absl::Seconds(1);
  window.until.reset();
  ASSERT_OK_AND_ASSIGN(
      page, store.ListAccessLog(window, 0, 10, Entry(AccessAction::kListAccessLog, "w2")));
  EXPECT_THAT(page.entries, SizeIs(0));
}

REGISTER_TYPED_TEST_SUITE_P(AccessLogStoreContractTest, V3_AccessLogListingFiltersAndPages,
                            V3_AListingShowsItselfAndRefusalsAreKeptWhole);

}  // namespace cs::archive::testing

#endif  // CS_SERVICES_ARCHIVE_STORE_ACCESS_LOG_STORE_CONTRACT_H_
