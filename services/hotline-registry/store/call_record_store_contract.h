// The CallRecordStore contract (call_record_store.h) as a typed test suite: batches stored
// idempotently per (hotline, call id) with duplicates inside and across batches (H6), the month's
// counts at local month boundaries (H6, A2 7.5) and the calls of hotlines not active (H1).
// Instantiated with the other store contracts; see hotline_store_contract_fixture.h.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_STORE_CALL_RECORD_STORE_CONTRACT_H_
#define CS_SERVICES_HOTLINE_REGISTRY_STORE_CALL_RECORD_STORE_CONTRACT_H_

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/hotline-registry/store/hotline_store_contract_fixture.h"

namespace cs::hotline::testing {

template <typename T>
class CallRecordStoreContractTest : public HotlineStoreContract<T> {};

TYPED_TEST_SUITE_P(CallRecordStoreContractTest);

using ::cs::common::testing::IsOk;
using ::cs::common::testing::StatusIs;
using ::testing::Each;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

inline constexpr InsertOutcome kStored = InsertOutcome::kStored;
inline constexpr InsertOutcome kDuplicate = InsertOutcome::kDuplicate;

// `count` answered calls of hotline 1 within the hours, "c-<first>" … in March 2026.
inline std::vector<IncomingCall> MarchCalls(int first, int count, int64_t hotline = 1) {
  std::vector<IncomingCall> calls;
  for (int i = first; i < first + count; ++i) {
    calls.push_back(Incoming(
        Call(hotline, absl::StrCat("c-", i), ShanghaiTime(2026, 3, 2, 9, 0) + absl::Seconds(i))));
  }
  return calls;
}

TYPED_TEST_P(CallRecordStoreContractTest, H6_ABatchStoresEachCallOnceAndNamesTheDuplicates) {
  CallRecordStore& store = this->calls();
  std::vector<IncomingCall> batch = MarchCalls(0, 300);
  // Two repeats inside the batch, with other content: the first record under a key is the one kept.
  IncomingCall repeat = batch[10];
  repeat.record.outcome = CallOutcome::kAbandoned;
  batch.insert(batch.begin() + 150, repeat);
  batch.push_back(batch[0]);
  ASSERT_OK_AND_ASSIGN(std::vector<InsertOutcome> outcomes, store.InsertBatch(batch));
  ASSERT_THAT(outcomes, SizeIs(302));
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), kStored), 300);
  EXPECT_EQ(outcomes[150], kDuplicate);
  EXPECT_EQ(outcomes[301], kDuplicate);
  EXPECT_EQ(outcomes[0], kStored);
  EXPECT_EQ(outcomes[10], kStored);

  // Across batches: 50 seen before, 50 new, in one batch.
  ASSERT_OK_AND_ASSIGN(outcomes, store.InsertBatch(MarchCalls(250, 100)));
  ASSERT_THAT(outcomes, SizeIs(100));
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), kDuplicate), 50);
  EXPECT_THAT(std::vector<InsertOutcome>(outcomes.begin(), outcomes.begin() + 50),
              Each(kDuplicate));
  EXPECT_THAT(std::vector<InsertOutcome>(outcomes.begin() + 50, outcomes.end()), Each(kStored));

  ASSERT_OK_AND_ASSIGN(CallCounts counts, store.MonthCounts(1, "2026-03", ShanghaiTimeZone()));
  EXPECT_EQ(counts.offered, 350);
  EXPECT_EQ(counts.answered, 350);  // call 10's abandoned repeat was not stored
  ASSERT_OK_AND_ASSIGN(StoredCall ten, store.Get(1, "c-10"));
  EXPECT_EQ(ten.record, batch[10].record);
  EXPECT_TRUE(ten.hotline_active);
  EXPECT_THAT(store.Get(1, "c-999"), StatusIs(absl::StatusCode::kNotFound));
  ASSERT_OK_AND_ASSIGN(outcomes, store.InsertBatch({}));
  EXPECT_THAT(outcomes, IsEmpty());
}

TYPED_TEST_P(CallRecordStoreContractTest, H6_CallIdsAreComparedByteForByteAndPerHotline) {
  CallRecordStore& store = this->calls();
  const absl::Time t = ShanghaiTime(2026, 3, 2, 9, 0);
  ASSERT_OK_AND_ASSIGN(std::vector<InsertOutcome> outcomes,
                       store.InsertBatch({Incoming(Call(1, "x", t)), Incoming(Call(1, "x ", t)),
                                          Incoming(Call(1, "X", t)), Incoming(Call(2, "x", t))}));
  EXPECT_THAT(outcomes, ElementsAre(kStored, kStored, kStored, kStored));
  ASSERT_OK_AND_ASSIGN(StoredCall spaced, store.Get(1, "x "));
  EXPECT_EQ(spaced.record.call_id, "x ");
}

TYPED_TEST_P(CallRecordStoreContractTest, H6_ABatchWithACallTheStoreCannotKeepStoresNothing) {
  CallRecordStore& store = this->calls();
  std::vector<IncomingCall> batch = MarchCalls(0, 5);
  batch[1].record.call_id = "";
  batch[2].record.call_id = std::string(65, 'c');
  batch[3].record.call_id = "呼叫-3";
  batch[4].record.outcome = CallOutcome::kUnspecified;
  absl::Status refused = store.InsertBatch(batch).status();
  EXPECT_THAT(refused,
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("records[1].call_id")));
  EXPECT_THAT(refused,
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("records[3].call_id")));
  EXPECT_THAT(refused,
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("records[4].outcome")));
  EXPECT_THAT(store.Get(1, "c-0"), StatusIs(absl::StatusCode::kNotFound));
  batch = MarchCalls(0, 2);
  batch[1].record.agent_staff_number = std::string(33, '7');
  batch[0].record.wait_seconds = -1;
  refused = store.InsertBatch(batch).status();
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kInvalidArgument,
                                HasSubstr("records[1].agent_staff_number")));
  EXPECT_THAT(refused,
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("records[0].wait_seconds")));
  ASSERT_OK_AND_ASSIGN(CallCounts counts, store.MonthCounts(1, "2026-03", ShanghaiTimeZone()));
  EXPECT_EQ(counts, CallCounts{});
}

TYPED_TEST_P(CallRecordStoreContractTest, H6_MonthCountsFollowLocalMonthBoundariesInShanghai) {
  CallRecordStore& store = this->calls();
  std::vector<IncomingCall> calls = {
      Incoming(Call(1, "feb-last", ShanghaiTime(2026, 2, 28, 23, 59, 59))),
      Incoming(Call(1, "mar-first", ShanghaiTime(2026, 3, 1, 0, 0, 0))),
      Incoming(Call(1, "mar-last", ShanghaiTime(2026, 3, 31, 23, 59, 59), /*answered=*/false)),
      Incoming(Call(1, "mar-night-a", ShanghaiTime(2026, 3, 15, 22, 0), true, false)),
      Incoming(Call(1, "mar-night-b", ShanghaiTime(2026, 3, 15, 23, 0), false, false)),
      Incoming(Call(1, "apr-first", ShanghaiTime(2026, 4, 1, 0, 0, 0), /*answered=*/false)),
      Incoming(Call(2, "other-hotline", ShanghaiTime(2026, 3, 10, 10, 0))),
  };
  ASSERT_THAT(store.InsertBatch(calls), IsOk());
  ASSERT_OK_AND_ASSIGN(CallCounts march, store.MonthCounts(1, "2026-03", ShanghaiTimeZone()));
  EXPECT_EQ(march.offered, 2);   // mar-first, mar-last
  EXPECT_EQ(march.answered, 1);  // mar-first
  EXPECT_EQ(march.offered_outside_hours, 2);
  EXPECT_EQ(march.answered_outside_hours, 1);
  ASSERT_OK_AND_ASSIGN(CallCounts february, store.MonthCounts(1, "2026-02", ShanghaiTimeZone()));
  EXPECT_EQ(february, (CallCounts{1, 1, 0, 0}));
  ASSERT_OK_AND_ASSIGN(CallCounts april, store.MonthCounts(1, "2026-04", ShanghaiTimeZone()));
  EXPECT_EQ(april, (CallCounts{1, 0, 0, 0}));
  // The same calls by UTC months: mar-first (16:00 UTC on 28 Feb) is February's, apr-first
  // (16:00 UTC on 31 Mar) March's.
  ASSERT_OK_AND_ASSIGN(CallCounts utc, store.MonthCounts(1, "2026-03", absl::UTCTimeZone()));
  EXPECT_EQ(utc, (CallCounts{2, 0, 2, 1}));
  ASSERT_OK_AND_ASSIGN(CallCounts none, store.MonthCounts(1, "2026-05", ShanghaiTimeZone()));
  EXPECT_EQ(none, CallCounts{});
  for (const char* bad : {"2026-3", "2026-13", "26-03", "2026/03", ""}) {
    EXPECT_THAT(store.MonthCounts(1, bad, ShanghaiTimeZone()),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("month")))
        << bad;
  }
}

TYPED_TEST_P(CallRecordStoreContractTest, H1_HotlinesWithCallsWhileNotActive) {
  CallRecordStore& store = this->calls();
  ASSERT_THAT(store.InsertBatch({
                  Incoming(Call(1, "a", ShanghaiTime(2026, 3, 5, 10, 0))),
                  Incoming(Call(3, "b", ShanghaiTime(2026, 3, 31, 23, 0)), false),
                  Incoming(Call(2, "c", ShanghaiTime(2026, 3, 1, 0, 0)), false),
                  Incoming(Call(2, "d", ShanghaiTime(2026, 3, 2, 0, 0)), false),
                  Incoming(Call(4, "e", ShanghaiTime(2026, 4, 1, 0, 0)), false),
              }),
              IsOk());
  EXPECT_THAT(store.HotlinesWithCallsWhileNotActive("2026-03", ShanghaiTimeZone()),
              ::cs::common::testing::IsOkAndHolds(ElementsAre(2, 3)));
  EXPECT_THAT(store.HotlinesWithCallsWhileNotActive("2026-04", ShanghaiTimeZone()),
              ::cs::common::testing::IsOkAndHolds(ElementsAre(4)));
  ASSERT_OK_AND_ASSIGN(StoredCall c, store.Get(2, "c"));
  EXPECT_FALSE(c.hotline_active);
  EXPECT_THAT(store.HotlinesWithCallsWhileNotActive("March", ShanghaiTimeZone()),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("month")));
}

TYPED_TEST_P(CallRecordStoreContractTest, H6_ABatchLargerThanOneStatementIsStoredWhole) {
  CallRecordStore& store = this->calls();
  ASSERT_OK_AND_ASSIGN(std::vector<InsertOutcome> outcomes, store.InsertBatch(MarchCalls(0, 2100)));
  EXPECT_THAT(outcomes, Each(kStored));
  ASSERT_OK_AND_ASSIGN(outcomes, store.InsertBatch(MarchCalls(2000, 200)));
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), kDuplicate), 100);
  ASSERT_OK_AND_ASSIGN(CallCounts counts, store.MonthCounts(1, "2026-03", ShanghaiTimeZone()));
  EXPECT_EQ(counts.offered, 2200);
}

TYPED_TEST_P(CallRecordStoreContractTest, H6_ConcurrentBatchesOfTheSameCallsStoreEachOnce) {
  std::vector<IncomingCall> calls = MarchCalls(0, 400);
  std::vector<IncomingCall> reversed(calls.rbegin(), calls.rend());
  std::atomic<int> stored{0};
  std::atomic<int> failures{0};
  auto ingest = [&](CallRecordStore& store, const std::vector<IncomingCall>& batch) {
    auto outcomes = store.InsertBatch(batch);
    if (!outcomes.ok()) {
      ADD_FAILURE() << outcomes.status();
      ++failures;
      return;
    }
    stored += static_cast<int>(std::count(outcomes->begin(), outcomes->end(), kStored));
  };
  std::thread one([&] { ingest(this->calls(), calls); });
  std::thread two([&] { ingest(this->replica().calls, reversed); });
  one.join();
  two.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(stored.load(), 400);
  ASSERT_OK_AND_ASSIGN(CallCounts counts,
                       this->calls().MonthCounts(1, "2026-03", ShanghaiTimeZone()));
  EXPECT_EQ(counts.offered, 400);
}

REGISTER_TYPED_TEST_SUITE_P(CallRecordStoreContractTest,
                            H6_ABatchStoresEachCallOnceAndNamesTheDuplicates,
                            H6_CallIdsAreComparedByteForByteAndPerHotline,
                            H6_ABatchWithACallTheStoreCannotKeepStoresNothing,
                            H6_MonthCountsFollowLocalMonthBoundariesInShanghai,
                            H1_HotlinesWithCallsWhileNotActive,
                            H6_ABatchLargerThanOneStatementIsStoredWhole,
                            H6_ConcurrentBatchesOfTheSameCallsStoreEachOnce);

}  // namespace cs::hotline::testing

#endif  // CS_SERVICES_HOTLINE_REGISTRY_STORE_CALL_RECORD_STORE_CONTRACT_H_
