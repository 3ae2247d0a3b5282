// The PartnerStore contract (partner_store.h) as a typed test suite: partners and agents registered
// idempotently as "PA-<n>" and kept whole with their history, listed by unit, changed under their
// lock with versions and request ids, history append-only (S7, M 7.12). Instantiated with the other
// record store contracts; see assessment_record_store_contract_fixture.h.
#ifndef CS_SERVICES_ASSESSMENT_STORE_PARTNER_STORE_CONTRACT_H_
#define CS_SERVICES_ASSESSMENT_STORE_PARTNER_STORE_CONTRACT_H_

#include <vector>

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/assessment/store/assessment_record_store_contract_fixture.h"

namespace cs::assessment::testing {

template <typename T>
class PartnerStoreContractTest : public AssessmentRecordStoreContract<T> {};

TYPED_TEST_SUITE_P(PartnerStoreContractTest);

TYPED_TEST_P(PartnerStoreContractTest, S7_RegisterKeepsEveryFieldAndIsIdempotent) {
  using ::cs::common::testing::StatusIs;
  using ::testing::HasSubstr;
  PartnerStore& store = this->partners();
  Partner draft = PartnerOf("broadband");
  draft.id = 99;
  draft.version = 5;
  ASSERT_OK_AND_ASSIGN(PartnerResult first, store.Register(draft, Key("x", "a")));
  EXPECT_FALSE(first.replayed);
  EXPECT_GT(first.partner.id, 0);
  Partner expected = draft;
  expected.id = first.partner.id;
  expected.version = 1;
  EXPECT_EQ(first.partner, expected);
  ASSERT_OK_AND_ASSIGN(Partner read, store.Get(first.partner.id));
  EXPECT_EQ(read, expected);
  ASSERT_OK_AND_ASSIGN(PartnerResult again, store.Register(draft, Key("x", "a")));
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.partner, expected);
  EXPECT_THAT(store.Register(draft, Key("x", "b")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  ASSERT_OK_AND_ASSIGN(PartnerResult spaced, store.Register(draft, Key("x ", "a")));
  EXPECT_FALSE(spaced.replayed);
  EXPECT_GT(spaced.partner.id, first.partner.id);
  EXPECT_THAT(
      store.Get(spaced.partner.id + 100),
      StatusIs(absl::StatusCode::kNotFound, HasSubstr(FormatPartnerId(spaced.partner.id + 100))));
  EXPECT_THAT(store.Register(PartnerOf(""), Key("y")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unit_id")));
}

TYPED_TEST_P(PartnerStoreContractTest, S7_ListByUnit) {
  PartnerStore& store = this->partners();
  ASSERT_OK_AND_ASSIGN(PartnerResult a, store.Register(PartnerOf("broadband", "甲"), Key("1")));
  ASSERT_OK(store.Register(PartnerOf("mobile", "乙"), Key("2")).status());
  ASSERT_OK_AND_ASSIGN(PartnerResult c, store.Register(PartnerOf("broadband", "丙"), Key("3")));
  ASSERT_OK_AND_ASSIGN(std::vector<Partner> listed, store.List("broadband"));
  EXPECT_EQ(listed, (std::vector<Partner>{a.partner, c.partner}));
  ASSERT_OK_AND_ASSIGN(listed, store.List("broadband "));
  EXPECT_TRUE(listed.empty());
}

TYPED_TEST_P(PartnerStoreContractTest, S7_MutateSavesUnderVersionsAndRequestIds) {
  using ::cs::common::testing::StatusIs;
  using ::testing::HasSubstr;
  PartnerStore& store = this->partners();
  ASSERT_OK_AND_ASSIGN(PartnerResult a, store.Register(PartnerOf("broadband"), Key("r-1")));
  ASSERT_OK_AND_ASSIGN(PartnerResult b, store.Register(PartnerOf("broadband", "乙"), Key("r-2")));
  const int64_t id = a.partner.id;
  const absl::Time t = ShanghaiTime(2026, 3, 9, 15, 0);
  RecordMutationOptions options;
  options.request_key = Key("x", "deactivate");
  options.scope = "DeactivatePartner";
  options.expected_version = 1;
  auto deactivate = [t](Partner& p) { return DeactivatePartner(p, "合同到期", "manager-1", t); };
  ASSERT_OK_AND_ASSIGN(PartnerResult changed, store.Mutate(id, options, deactivate));
  EXPECT_FALSE(changed.replayed);
  EXPECT_FALSE(changed.partner.active);
  EXPECT_EQ(changed.partner.version, 2);
  ASSERT_EQ(changed.partner.history.size(), 2u);
  EXPECT_EQ(changed.partner.history[1].event, "DEACTIVATED");
  EXPECT_EQ(changed.partner.updated_at, t);
  ASSERT_OK_AND_ASSIGN(Partner read, store.Get(id));
  EXPECT_EQ(read, changed.partner);
  // The retry answers without running the mutation again (it would fail: already inactive).
  ASSERT_OK_AND_ASSIGN(PartnerResult again, store.Mutate(id, options, deactivate));
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.partner, read);
  options.request_key = Key("x", "other body");
  EXPECT_THAT(store.Mutate(id, options, deactivate),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  options.request_key = Key("x", "deactivate");
  EXPECT_THAT(store.Mutate(b.partner.id, options, deactivate),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  // A stale version.
  options.request_key = Key("x ", "reactivate");
  options.scope = "ReactivatePartner";
  auto reactivate = [t](Partner& p) {
    return ReactivatePartner(p, "manager-1", t + absl::Hours(1));
  };
  EXPECT_THAT(store.Mutate(id, options, reactivate), StatusIs(absl::StatusCode::kAborted));
  // The mutation's error: nothing saved, the key not used up.
  options.expected_version = 2;
  EXPECT_THAT(store.Mutate(id, options, deactivate),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  ASSERT_OK_AND_ASSIGN(PartnerResult back, store.Mutate(id, options, reactivate));
  EXPECT_FALSE(back.replayed);
  EXPECT_TRUE(back.partner.active);
  EXPECT_EQ(back.partner.version, 3);
  EXPECT_EQ(back.partner.history.size(), 3u);
  // The store owns the history already stored, and the id.
  auto rewrite = [](Partner& p) {
    p.history[0].actor = "someone else";
    p.id = 12345;
    p.unit_id = "mobile";
    return absl::OkStatus();
  };
  ASSERT_OK_AND_ASSIGN(PartnerResult kept, store.Mutate(id, {}, rewrite));
  EXPECT_EQ(kept.partner.history, back.partner.history);
  EXPECT_EQ(kept.partner.id, id);
  EXPECT_EQ(kept.partner.unit_id, "broadband");
  EXPECT_THAT(store.Get(id), ::cs::common::testing::IsOkAndHolds(kept.partner));
  EXPECT_THAT(store.Mutate(id + 100, {}, rewrite),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr(FormatPartnerId(id + 100))));
  RecordMutationOptions scopeless;
  scopeless.request_key = Key("z");
  EXPECT_THAT(store.Mutate(id, scopeless, rewrite),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("scope")));
}

REGISTER_TYPED_TEST_SUITE_P(PartnerStoreContractTest, S7_RegisterKeepsEveryFieldAndIsIdempotent,
                            S7_ListByUnit, S7_MutateSavesUnderVersionsAndRequestIds);

}  // namespace cs::assessment::testing

#endif  // CS_SERVICES_ASSESSMENT_STORE_PARTNER_STORE_CONTRACT_H_
