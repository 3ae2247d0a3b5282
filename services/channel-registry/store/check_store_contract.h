// The CheckStore contract (check_store.h) as a typed test suite: checks recorded idempotently and
// read back in time order, by window and the last one (C5, A3 7.5.3). Instantiated with the other
// store contracts; see channel_store_contract_fixture.h.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_STORE_CHECK_STORE_CONTRACT_H_
#define CS_SERVICES_CHANNEL_REGISTRY_STORE_CHECK_STORE_CONTRACT_H_

#include <vector>

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/channel-registry/store/channel_store_contract_fixture.h"

namespace cs::channel::testing {

template <typename T>
class CheckStoreContractTest : public ChannelStoreContract<T> {};

TYPED_TEST_SUITE_P(CheckStoreContractTest);

TYPED_TEST_P(CheckStoreContractTest, C5_ChecksAreIdempotentAndReadInTimeOrder) {
  using ::cs::common::testing::IsOkAndHolds;
  using ::cs::common::testing::StatusIs;
  using ::testing::ElementsAre;
  using ::testing::HasSubstr;
  using ::testing::IsEmpty;
  CheckStore& store = this->checks();
  const absl::Time t = ShanghaiTime(2026, 3, 2, 9, 0);
  EXPECT_THAT(store.LastCheck(1), IsOkAndHolds(absl::optional<Check>()));
  Check late = CheckOf(1, t + absl::Hours(10), 2);
  late.late = true;
  const Check first = CheckOf(1, t, 0);
  const Check same_instant = CheckOf(1, t + absl::Hours(10), 5);
  // Recorded out of time order.
  ASSERT_OK_AND_ASSIGN(RecordCheckResult recorded, store.Record(late, Key("x", "a")));
  EXPECT_FALSE(recorded.replayed);
  EXPECT_EQ(recorded.check, late);
  ASSERT_THAT(store.Record(first, Key("c-2")),
              IsOkAndHolds(::testing::Field(&RecordCheckResult::replayed, false)));
  ASSERT_OK_AND_ASSIGN(RecordCheckResult spaced, store.Record(same_instant, Key("x ", "a")));
  EXPECT_FALSE(spaced.replayed);
  ASSERT_OK_AND_ASSIGN(RecordCheckResult again, store.Record(late, Key("x", "a")));
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.check, late);
  EXPECT_THAT(store.Record(first, Key("x", "b")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_THAT(store.Record(first, Key("")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  ASSERT_OK(store.Record(CheckOf(2, t + absl::Hours(1)), Key("other")).status());

  EXPECT_THAT(store.ListChecks(1, t, t + absl::Hours(24)),
              IsOkAndHolds(ElementsAre(first, late, same_instant)));
  // [from, to): the end is not in the window.
  EXPECT_THAT(store.ListChecks(1, t, t + absl::Hours(10)), IsOkAndHolds(ElementsAre(first)));
  EXPECT_THAT(store.ListChecks(1, t + absl::Hours(10), t + absl::Hours(11)),
              IsOkAndHolds(ElementsAre(late, same_instant)));
  EXPECT_THAT(store.ListChecks(3, t, t + absl::Hours(24)), IsOkAndHolds(IsEmpty()));
  EXPECT_THAT(store.LastCheck(1), IsOkAndHolds(absl::optional<Check>(same_instant)));
}

REGISTER_TYPED_TEST_SUITE_P(CheckStoreContractTest, C5_ChecksAreIdempotentAndReadInTimeOrder);

}  // namespace cs::channel::testing

#endif  // CS_SERVICES_CHANNEL_REGISTRY_STORE_CHECK_STORE_CONTRACT_H_
