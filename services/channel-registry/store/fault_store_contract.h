// The FaultStore contract (fault_store.h) as a typed test suite: faults opened idempotently with
// "FT-<n>" ids, closed through Mutate under a request key, listed by unit, channel and openness,
// open at an instant, and a channel's month (C2, A3 7.1). Instantiated with the other store
// contracts; see channel_store_contract_fixture.h.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_STORE_FAULT_STORE_CONTRACT_H_
#define CS_SERVICES_CHANNEL_REGISTRY_STORE_FAULT_STORE_CONTRACT_H_

#include <string>
#include <vector>

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/channel-registry/store/channel_store_contract_fixture.h"

namespace cs::channel::testing {

template <typename T>
class FaultStoreContractTest : public ChannelStoreContract<T> {};

TYPED_TEST_SUITE_P(FaultStoreContractTest);

using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

// The domain's close, reduced.
inline FaultMutation CloseAt(absl::Time at, int* runs = nullptr) {
  return [at, runs](Fault& f) {
    if (runs != nullptr) ++*runs;
    f.repaired_at = at;
    f.closed_by = "clerk-2";
    f.repair_note = "已重启邮件服务";
    return absl::OkStatus();
  };
}

inline std::vector<int64_t> FaultIds(const std::vector<Fault>& faults) {
  std::vector<int64_t> ids;
  for (const Fault& f : faults) ids.push_back(f.id);
  return ids;
}

TYPED_TEST_P(FaultStoreContractTest, C2_OpenAssignsIdsAndIsIdempotent) {
  FaultStore& store = this->faults();
  Fault draft = FaultOf(3, ShanghaiTime(2026, 3, 2, 9, 0));
  draft.origin = FaultOrigin::kMailboxFull;
  draft.id = 77;  // ignored
  ASSERT_OK_AND_ASSIGN(OpenFaultResult opened, store.Open(draft, Key("x", "a")));
  EXPECT_FALSE(opened.replayed);
  EXPECT_GT(opened.fault.id, 0);
  Fault expected = draft;
  expected.id = opened.fault.id;
  EXPECT_EQ(opened.fault, expected);
  EXPECT_THAT(store.Get(opened.fault.id), IsOkAndHolds(expected));
  ASSERT_OK_AND_ASSIGN(OpenFaultResult again, store.Open(draft, Key("x", "a")));
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.fault, expected);
  EXPECT_THAT(store.Open(draft, Key("x", "b")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  ASSERT_OK_AND_ASSIGN(OpenFaultResult spaced, store.Open(draft, Key("x ", "a")));
  EXPECT_FALSE(spaced.replayed);
  EXPECT_GT(spaced.fault.id, opened.fault.id);
  EXPECT_THAT(store.Open(draft, Key("")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_THAT(
      store.Get(spaced.fault.id + 1000),
      StatusIs(absl::StatusCode::kNotFound, HasSubstr(FormatFaultId(spaced.fault.id + 1000))));
}

TYPED_TEST_P(FaultStoreContractTest, C2_CloseThroughMutateUnderARequestKey) {
  FaultStore& store = this->faults();
  ASSERT_OK_AND_ASSIGN(OpenFaultResult opened,
                       store.Open(FaultOf(3, ShanghaiTime(2026, 3, 2, 9, 0)), Key("o-1")));
  ASSERT_OK_AND_ASSIGN(OpenFaultResult other,
                       store.Open(FaultOf(4, ShanghaiTime(2026, 3, 2, 9, 0)), Key("o-2")));
  const int64_t id = opened.fault.id;
  ASSERT_OK_AND_ASSIGN(Fault before, store.Get(id));

  // A mutation's error leaves nothing written and the key unused.
  FaultMutationOptions options{Key("c-1", "close"), "CloseFault"};
  EXPECT_THAT(store.Mutate(id, options,
                           [](Fault& f) {
                             f.repaired_at = ShanghaiTime(2026, 3, 2, 8, 0);
                             return absl::InvalidArgumentError("repaired_at before opened_at");
                           }),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("repaired_at")));
  EXPECT_THAT(store.Get(id), IsOkAndHolds(before));

  int runs = 0;
  const absl::Time repaired = ShanghaiTime(2026, 3, 2, 15, 0);
  ASSERT_OK_AND_ASSIGN(FaultMutationResult closed,
                       store.Mutate(id, options, [&](Fault& f) -> absl::Status {
                         f.channel_id = 999;  // cannot change
                         f.unit_id = "other";
                         return CloseAt(repaired, &runs)(f);
                       }));
  EXPECT_FALSE(closed.replayed);
  Fault expected = before;
  expected.repaired_at = repaired;
  expected.closed_by = "clerk-2";
  expected.repair_note = "已重启邮件服务";
  EXPECT_EQ(closed.fault, expected);
  EXPECT_THAT(store.Get(id), IsOkAndHolds(expected));

  ASSERT_OK_AND_ASSIGN(FaultMutationResult again,
                       store.Mutate(id, options, CloseAt(repaired, &runs)));
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(again.fault, expected);
  EXPECT_THAT(store.Mutate(id, {Key("c-1", "other body"), "CloseFault"}, CloseAt(repaired)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_THAT(store.Mutate(other.fault.id, options, CloseAt(repaired)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_THAT(store.Mutate(id, {Key("c-2"), ""}, CloseAt(repaired)),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(store.Mutate(id + 1000, {}, CloseAt(repaired)),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr(FormatFaultId(id + 1000))));
}

TYPED_TEST_P(FaultStoreContractTest, C2_ListFiltersAndPages) {
  FaultStore& store = this->faults();
  const absl::Time t = ShanghaiTime(2026, 3, 2, 9, 0);
  std::vector<int64_t> ids;
  int n = 0;
  for (const auto& [channel, unit] : std::vector<std::pair<int64_t, std::string>>{
           {1, "broadband"}, {2, "broadband"}, {3, "mobile"}, {1, "broadband"}}) {
    ASSERT_OK_AND_ASSIGN(OpenFaultResult opened,
                         store.Open(FaultOf(channel, t, unit), Key(absl::StrCat("o-", ++n))));
    ids.push_back(opened.fault.id);
  }
  ASSERT_OK_AND_ASSIGN(FaultMutationResult closed,
                       store.Mutate(ids[0], {}, CloseAt(t + absl::Hours(1))));
  auto list = [&](const FaultFilter& filter) {
    auto page = store.List(filter, 0, 100);
    EXPECT_TRUE(page.ok()) << page.status();
    return page.ok() ? FaultIds(page->faults) : std::vector<int64_t>{};
  };
  EXPECT_EQ(list({}), ids);
  EXPECT_EQ(list({"broadband", 0, false}), (std::vector<int64_t>{ids[0], ids[1], ids[3]}));
  EXPECT_EQ(list({"", 1, false}), (std::vector<int64_t>{ids[0], ids[3]}));
  EXPECT_EQ(list({"", 1, true}), (std::vector<int64_t>{ids[3]}));
  EXPECT_EQ(list({"mobile", 1, false}), std::vector<int64_t>{});
  ASSERT_OK_AND_ASSIGN(FaultPage first, store.List({}, 0, 3));
  EXPECT_EQ(FaultIds(first.faults), (std::vector<int64_t>{ids[0], ids[1], ids[2]}));
  EXPECT_EQ(first.next_after_id, ids[2]);
  EXPECT_EQ(first.faults[0], closed.fault);
  ASSERT_OK_AND_ASSIGN(FaultPage rest, store.List({}, first.next_after_id, 3));
  EXPECT_EQ(FaultIds(rest.faults), (std::vector<int64_t>{ids[3]}));
  EXPECT_EQ(rest.next_after_id, 0);
  EXPECT_THAT(store.List({}, 0, 0),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("page_size")));
}

TYPED_TEST_P(FaultStoreContractTest, C2_OpenAtAnInstantAndAChannelsMonth) {
  FaultStore& store = this->faults();
  const absl::Time march = ShanghaiTime(2026, 3, 1, 0, 0);
  const absl::Time april = ShanghaiTime(2026, 4, 1, 0, 0);
  int n = 0;
  auto open = [&](int64_t channel, absl::Time opened, absl::optional<absl::Time> repaired) {
    auto result = store.Open(FaultOf(channel, opened), Key(absl::StrCat("o-", ++n)));
    EXPECT_TRUE(result.ok()) << result.status();
    if (!result.ok()) return int64_t{0};
    if (repaired.has_value()) {
      EXPECT_TRUE(store.Mutate(result->fault.id, {}, CloseAt(*repaired)).ok());
    }
    return result->fault.id;
  };
  const int64_t feb_to_march = open(1, march - absl::Hours(48), march + absl::Hours(2));
  const int64_t in_march = open(1, march + absl::Hours(24), march + absl::Hours(30));
  const int64_t march_to_april = open(1, april - absl::Hours(1), april + absl::Hours(1));
  const int64_t still_open = open(1, march + absl::Hours(48), absl::nullopt);
  open(1, march - absl::Hours(72), march - absl::Hours(48));  // February only
  open(1, april, absl::nullopt);                              // April
  const int64_t other_channel = open(2, march + absl::Hours(24), absl::nullopt);
  // Opened in February, due (24 h later) in March, repaired in April: in March by its due time.
  const int64_t due_in_march = open(1, march - absl::Hours(1), april + absl::Hours(2));
  // Opened in February, due the instant March starts, still open.
  const int64_t due_at_march_start = open(1, march - absl::Hours(24), absl::nullopt);
  // Opened and due in February, open through March, repaired in April: not March's.
  const int64_t open_through_march = open(1, march - absl::Hours(48), april + absl::Hours(1));

  ASSERT_OK_AND_ASSIGN(std::vector<Fault> month, store.ListForMonth(1, march, april));
  EXPECT_EQ(FaultIds(month), (std::vector<int64_t>{feb_to_march, in_march, march_to_april,
                                                   still_open, due_in_march, due_at_march_start}));
  ASSERT_OK_AND_ASSIGN(std::vector<Fault> open_now, store.ListOpen(march + absl::Hours(27)));
  EXPECT_EQ(FaultIds(open_now), (std::vector<int64_t>{in_march, other_channel, due_in_march,
                                                      due_at_march_start, open_through_march}));
  ASSERT_OK_AND_ASSIGN(open_now, store.ListOpen(march + absl::Hours(1)));
  EXPECT_EQ(FaultIds(open_now), (std::vector<int64_t>{feb_to_march, due_in_march,
                                                      due_at_march_start, open_through_march}));
  ASSERT_OK_AND_ASSIGN(month, store.ListForMonth(3, march, april));
  EXPECT_THAT(month, IsEmpty());
}

REGISTER_TYPED_TEST_SUITE_P(FaultStoreContractTest, C2_OpenAssignsIdsAndIsIdempotent,
                            C2_CloseThroughMutateUnderARequestKey, C2_ListFiltersAndPages,
                            C2_OpenAtAnInstantAndAChannelsMonth);

}  // namespace cs::channel::testing

#endif  // CS_SERVICES_CHANNEL_REGISTRY_STORE_FAULT_STORE_CONTRACT_H_
