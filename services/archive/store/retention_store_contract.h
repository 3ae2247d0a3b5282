// The RetentionStore contract (retention_store.h) as a typed test suite: one override per unit,
// replaced by the next (V2). Instantiated with the other store contracts; see
// archive_store_contract_fixture.h.
#ifndef CS_SERVICES_ARCHIVE_STORE_RETENTION_STORE_CONTRACT_H_
#define CS_SERVICES_ARCHIVE_STORE_RETENTION_STORE_CONTRACT_H_

#include <vector>

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/archive/store/archive_store_contract_fixture.h"

namespace cs::archive::testing {

template <typename T>
class RetentionStoreContractTest : public ArchiveStoreContract<T> {};

TYPED_TEST_SUITE_P(RetentionStoreContractTest);

using ::cs::common::testing::IsOk;
using ::testing::IsEmpty;
using ::testing::SizeIs;

TYPED_TEST_P(RetentionStoreContractTest, V2_RetentionOverridesReplaceEachOther) {
  RetentionStore& store = this->retention();
  RetentionPolicy policy;
  policy.unit_id = "broadband";
  policy.months = 36;
  policy.source = RetentionSource::kRpc;
  policy.set_by = "center";
  policy.set_at = At(2026, 4, 1);
  policy.note = "longer";
  ASSERT_THAT(store.SetRetentionOverride(policy), IsOk());
  policy.months = 48;
  ASSERT_THAT(store.SetRetentionOverride(policy), IsOk());
  ASSERT_OK_AND_ASSIGN(std::vector<RetentionPolicy> overrides, store.ListRetentionOverrides());
  ASSERT_THAT(overrides, SizeIs(1));
  EXPECT_EQ(overrides[0].months, 48);
  EXPECT_EQ(overrides[0].source, RetentionSource::kRpc);
  EXPECT_EQ(overrides[0].set_by, "center");
  EXPECT_EQ(overrides[0].set_at, At(2026, 4, 1));
  EXPECT_EQ(overrides[0].note, "longer");
}

TYPED_TEST_P(RetentionStoreContractTest, V2_OverridesAreListedOnePerUnitByUnitId) {
  RetentionStore& store = this->retention();
  ASSERT_OK_AND_ASSIGN(std::vector<RetentionPolicy> overrides, store.ListRetentionOverrides());
  EXPECT_THAT(overrides, IsEmpty());
  for (const char* unit : {"portal", "broadband"}) {
    RetentionPolicy policy;
    policy.unit_id = unit;
    policy.months = 30;
    policy.source = RetentionSource::kRpc;
    policy.set_by = "center";
    policy.set_at = At(2026, 4, 1);
    policy.note = "per unit";
    ASSERT_THAT(store.SetRetentionOverride(policy), IsOk());
  }
  ASSERT_OK_AND_ASSIGN(overrides, store.ListRetentionOverrides());
  ASSERT_THAT(overrides, SizeIs(2));
  EXPECT_EQ(overrides[0].unit_id, "broadband");
  EXPECT_EQ(overrides[1].unit_id, "portal");
  EXPECT_EQ(overrides[1].months, 30);
}

REGISTER_TYPED_TEST_SUITE_P(RetentionStoreContractTest, V2_RetentionOverridesReplaceEachOther,
                            V2_OverridesAreListedOnePerUnitByUnitId);

}  // namespace cs::archive::testing

#endif  // CS_SERVICES_ARCHIVE_STORE_RETENTION_STORE_CONTRACT_H_
