// The CapacityStore contract (capacity_store.h) as a typed test suite: usage samples recorded
// idempotently and read back in time order (the latest, a window), capacity warnings once per
// instant and counted by window (C6), and assistance requests recorded and listed (A3 7.5.4).
// Instantiated with the other store contracts; see channel_store_contract_fixture.h.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_STORE_CAPACITY_STORE_CONTRACT_H_
#define CS_SERVICES_CHANNEL_REGISTRY_STORE_CAPACITY_STORE_CONTRACT_H_

#include <vector>

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/channel-registry/store/channel_store_contract_fixture.h"

namespace cs::channel::testing {

template <typename T>
class CapacityStoreContractTest : public ChannelStoreContract<T> {};

TYPED_TEST_SUITE_P(CapacityStoreContractTest);

TYPED_TEST_P(CapacityStoreContractTest, C6_SamplesAreIdempotentAndTheWindowIsTimeOrdered) {
  using ::cs::common::testing::IsOkAndHolds;
  using ::cs::common::testing::StatusIs;
  using ::testing::ElementsAre;
  using ::testing::HasSubstr;
  using ::testing::IsEmpty;
  CapacityStore& store = this->capacity();
  const absl::Time t = ShanghaiTime(2026, 3, 2, 9, 0);
  EXPECT_THAT(store.LatestSample(1), IsOkAndHolds(absl::optional<UsageSample>()));
  const UsageSample s3 = Sample(1, t + absl::Hours(48), 700);
  const UsageSample s1 = Sample(1, t, 100);
  const UsageSample s2 = Sample(1, t + absl::Hours(24), 400);
  const UsageSample s2b = Sample(1, t + absl::Hours(24), 410);  // the same instant, later
  // Recorded out of time order.
  ASSERT_OK_AND_ASSIGN(RecordSampleResult first, store.RecordSample(s3, Key("x", "a")));
  EXPECT_FALSE(first.replayed);
  EXPECT_EQ(first.sample, s3);
  ASSERT_OK(store.RecordSample(s1, Key("s-1")).status());
  ASSERT_OK(store.RecordSample(s2, Key("s-2")).status());
  ASSERT_OK_AND_ASSIGN(RecordSampleResult spaced, store.RecordSample(s2b, Key("x ", "a")));
  EXPECT_FALSE(spaced.replayed);
  ASSERT_OK(store.RecordSample(Sample(2, t + absl::Hours(72), 5), Key("s-other")).status());
  ASSERT_OK_AND_ASSIGN(RecordSampleResult again, store.RecordSample(s3, Key("x", "a")));
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.sample, s3);
  EXPECT_THAT(store.RecordSample(s1, Key("x", "b")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));

  EXPECT_THAT(store.SampleWindow(1, t - absl::Hours(1), t + absl::Hours(100)),
              IsOkAndHolds(ElementsAre(s1, s2, s2b, s3)));
  // [from, to]: both ends in the window.
  EXPECT_THAT(store.SampleWindow(1, t + absl::Hours(24), t + absl::Hours(48)),
              IsOkAndHolds(ElementsAre(s2, s2b, s3)));
  EXPECT_THAT(store.SampleWindow(3, t, t + absl::Hours(100)), IsOkAndHolds(IsEmpty()));
  EXPECT_THAT(store.LatestSample(1), IsOkAndHolds(absl::optional<UsageSample>(s3)));
}

TYPED_TEST_P(CapacityStoreContractTest, C6_WarningsAreRecordedOncePerInstantAndCounted) {
  using ::cs::common::testing::IsOkAndHolds;
  CapacityStore& store = this->capacity();
  const absl::Time march = ShanghaiTime(2026, 3, 1, 0, 0);
  const absl::Time april = ShanghaiTime(2026, 4, 1, 0, 0);
  EXPECT_THAT(store.RecordWarning(1, march), IsOkAndHolds(true));
  EXPECT_THAT(store.RecordWarning(1, march), IsOkAndHolds(false));
  EXPECT_THAT(store.RecordWarning(1, march + absl::Hours(5)), IsOkAndHolds(true));
  EXPECT_THAT(store.RecordWarning(1, april), IsOkAndHolds(true));
  EXPECT_THAT(store.RecordWarning(2, march + absl::Hours(5)), IsOkAndHolds(true));
  EXPECT_THAT(store.CountWarnings(1, march, april), IsOkAndHolds(2));
  EXPECT_THAT(store.CountWarnings(1, april, april + absl::Hours(24 * 30)), IsOkAndHolds(1));
  EXPECT_THAT(store.CountWarnings(3, march, april), IsOkAndHolds(0));
}

TYPED_TEST_P(CapacityStoreContractTest, A3_AssistanceRequestsAreRecordedAndListed) {
  using ::cs::common::testing::IsOkAndHolds;
  using ::cs::common::testing::StatusIs;
  using ::testing::ElementsAre;
  using ::testing::HasSubstr;
  CapacityStore& store = this->capacity();
  const absl::Time t = ShanghaiTime(2026, 3, 2, 9, 0);
  const AssistanceRequest later{1, "申请扩容至 10 GB", "manager-1", t + absl::Hours(5)};
  const AssistanceRequest earlier{1, "申请扩容", "manager-1", t};
  ASSERT_OK_AND_ASSIGN(RecordAssistanceResult first, store.RecordAssistance(later, Key("x", "a")));
  EXPECT_FALSE(first.replayed);
  EXPECT_EQ(first.request, later);
  ASSERT_OK(store.RecordAssistance(earlier, Key("x ", "a")).status());
  ASSERT_OK(store.RecordAssistance({2, "其他", "manager-2", t}, Key("a-2")).status());
  ASSERT_OK_AND_ASSIGN(RecordAssistanceResult again, store.RecordAssistance(later, Key("x", "a")));
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.request, later);
  EXPECT_THAT(store.RecordAssistance(earlier, Key("x", "b")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_THAT(store.ListAssistance(1), IsOkAndHolds(ElementsAre(earlier, later)));
}

REGISTER_TYPED_TEST_SUITE_P(CapacityStoreContractTest,
                            C6_SamplesAreIdempotentAndTheWindowIsTimeOrdered,
                            C6_WarningsAreRecordedOncePerInstantAndCounted,
                            A3_AssistanceRequestsAreRecordedAndListed);

}  // namespace cs::channel::testing

#endif  // CS_SERVICES_CHANNEL_REGISTRY_STORE_CAPACITY_STORE_CONTRACT_H_
