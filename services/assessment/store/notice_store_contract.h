// The NoticeStore contract (notice_store.h) as a typed test suite (S1, S7; M 7.13): notices issued
// idempotently with "RN-<n>" ids, changed through Mutate under a request key and an expected
// version with replies, verifications and history append-only, listed by unit, state and
// overdueness, and the deemed-receipt and reply-overdue queries at their boundaries. Instantiated
// with the other notice store contracts; see assessment_notice_store_contract_fixture.h.
#ifndef CS_SERVICES_ASSESSMENT_STORE_NOTICE_STORE_CONTRACT_H_
#define CS_SERVICES_ASSESSMENT_STORE_NOTICE_STORE_CONTRACT_H_

#include <string>
#include <vector>

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/assessment/store/assessment_notice_store_contract_fixture.h"

namespace cs::assessment::testing {

template <typename T>
class NoticeStoreContractTest : public AssessmentNoticeStoreContract<T> {};

TYPED_TEST_SUITE_P(NoticeStoreContractTest);

using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

TYPED_TEST_P(NoticeStoreContractTest, S1_CreateAssignsIdsAndIsIdempotent) {
  NoticeStore& store = this->notices();
  RectificationNotice draft = Issued();
  draft.id = 77;      // ignored
  draft.version = 5;  // the store's: 1
  ASSERT_OK_AND_ASSIGN(NoticeWriteResult issued, store.Create(draft, Key("x", "a")));
  EXPECT_FALSE(issued.replayed);
  EXPECT_GT(issued.notice.id, 0);
  RectificationNotice expected = draft;
  expected.id = issued.notice.id;
  expected.version = 1;
  EXPECT_EQ(issued.notice, expected);
  EXPECT_THAT(store.Get(issued.notice.id), IsOkAndHolds(expected));

  ASSERT_OK_AND_ASSIGN(NoticeWriteResult again, store.Create(draft, Key("x", "a")));
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.notice, expected);
  EXPECT_THAT(store.Create(draft, Key("x", "b")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  // "x " is another request id than "x" (NO PAD, byte for byte).
  ASSERT_OK_AND_ASSIGN(NoticeWriteResult spaced, store.Create(draft, Key("x ", "a")));
  EXPECT_FALSE(spaced.replayed);
  EXPECT_GT(spaced.notice.id, issued.notice.id);
  EXPECT_THAT(store.Create(draft, Key("")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  // A notice without a partner keeps none.
  RectificationNotice plain = Issued("mobile");
  plain.partner_id.reset();
  plain.source_id.clear();
  ASSERT_OK_AND_ASSIGN(NoticeWriteResult stored, store.Create(plain, Key("y")));
  EXPECT_THAT(store.Get(stored.notice.id), IsOkAndHolds(stored.notice));
  EXPECT_EQ(stored.notice.partner_id, absl::nullopt);
  EXPECT_THAT(
      store.Get(spaced.notice.id + 1000),
      StatusIs(absl::StatusCode::kNotFound, HasSubstr(FormatNoticeId(spaced.notice.id + 1000))));
}

TYPED_TEST_P(NoticeStoreContractTest, S1_MutateUnderARequestKeyAndAVersion) {
  NoticeStore& store = this->notices();
  const int64_t id = this->Issue();
  const int64_t other = this->Issue(Issued("mobile"));
  ASSERT_OK_AND_ASSIGN(RectificationNotice before, store.Get(id));
  const absl::Time received = ShanghaiTime(2026, 3, 2, 15, 0);
  const absl::Time due = ShanghaiTime(2026, 3, 9, 17, 30);

  // A mutation's error leaves nothing written and the key unused.
  const NoticeMutationOptions options = Keyed("r-1", "AcknowledgeReceipt");
  EXPECT_THAT(store.Mutate(id, options,
                           [&](RectificationNotice& n) {
                             EXPECT_OK(ReceiveAt(received, due)(n));
                             return absl::FailedPreconditionError("state forbids");
                           }),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(store.Get(id), IsOkAndHolds(before));

  int runs = 0;
  ASSERT_OK_AND_ASSIGN(NoticeWriteResult received_result,
                       store.Mutate(id, options, [&](RectificationNotice& n) {
                         n.id = 999;      // the store's
                         n.version = 40;  // the store's
                         return ReceiveAt(received, due, &runs)(n);
                       }));
  EXPECT_FALSE(received_result.replayed);
  RectificationNotice expected = before;
  ASSERT_OK(ReceiveAt(received, due)(expected));
  expected.version = 2;
  EXPECT_EQ(received_result.notice, expected);
  EXPECT_THAT(store.Get(id), IsOkAndHolds(expected));

  // Replayed without running; another body, another notice or no scope: request_id / scope.
  ASSERT_OK_AND_ASSIGN(NoticeWriteResult again,
                       store.Mutate(id, options, ReceiveAt(received, due, &runs)));
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(again.notice, expected);
  EXPECT_THAT(
      store.Mutate(id, Keyed("r-1", "AcknowledgeReceipt", "other body"), ReceiveAt(received, due)),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_THAT(store.Mutate(other, options, ReceiveAt(received, due)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_THAT(store.Mutate(id, Keyed("r-2", ""), ReceiveAt(received, due)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("scope")));
  EXPECT_THAT(store.Mutate(id, Keyed("", "ReplyToNotice"), ReceiveAt(received, due)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));

  // A stale expected_version is ABORTED naming both, runs nothing and uses up no key.
  NoticeMutationOptions stale = Keyed("r-3", "ReplyToNotice");
  stale.expected_version = 1;
  EXPECT_THAT(store.Mutate(id, stale, ReplyAt(received + absl::Hours(1))),
              StatusIs(absl::StatusCode::kAborted, HasSubstr("version 2")));
  EXPECT_THAT(store.Get(id), IsOkAndHolds(expected));
  stale.expected_version = 2;
  ASSERT_OK_AND_ASSIGN(NoticeWriteResult replied,
                       store.Mutate(id, stale, ReplyAt(received + absl::Hours(1))));
  EXPECT_FALSE(replied.replayed);
  EXPECT_EQ(replied.notice.version, 3);
  EXPECT_EQ(replied.notice.state, NoticeState::kReplied);
  EXPECT_THAT(store.Mutate(id + 1000, {}, ReceiveAt(received, due)),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr(FormatNoticeId(id + 1000))));
}

TYPED_TEST_P(NoticeStoreContractTest, S1_RepliesVerificationsAndHistoryAreAppendOnly) {
  NoticeStore& store = this->notices();
  const int64_t id = this->Issue();
  const absl::Time t = ShanghaiTime(2026, 3, 3, 9, 0);
  const absl::Time reopened_due = ShanghaiTime(2026, 3, 20, 17, 30);
  RectificationNotice expected = Issued();
  expected.id = id;
  std::vector<NoticeMutation> steps = {
      ReceiveAt(t, ShanghaiTime(2026, 3, 10, 17, 30)), ReplyAt(t + absl::Hours(24)),
      VerifyAt(t + absl::Hours(48), false, reopened_due),
      ReplyAt(t + absl::Hours(72), "已补充值班人员"), VerifyAt(t + absl::Hours(96), true)};
  for (const NoticeMutation& step : steps) {
    ASSERT_OK(step(expected));
    ++expected.version;
    ASSERT_OK_AND_ASSIGN(NoticeWriteResult result, store.Mutate(id, {}, step));
    EXPECT_EQ(result.notice, expected);
  }
  EXPECT_THAT(store.Get(id), IsOkAndHolds(expected));
  ASSERT_EQ(expected.replies.size(), 2u);
  ASSERT_EQ(expected.verifications.size(), 2u);
  EXPECT_EQ(expected.verifications[0].new_reply_due, Due(reopened_due));

  // A mutation that rewrites or drops what was stored changes nothing of it; what it appends is
  // kept.
  ASSERT_OK_AND_ASSIGN(NoticeWriteResult result, store.Mutate(id, {}, [&](RectificationNotice& n) {
    n.history[0].actor = "someone else";
    n.replies.clear();
    n.verifications.pop_back();
    n.history.push_back({7, t + absl::Hours(100), "cs-center-2", "NOTE", ""});
    return absl::OkStatus();
  }));
  expected.history.push_back({7, t + absl::Hours(100), "cs-center-2", "NOTE", ""});
  ++expected.version;
  EXPECT_EQ(result.notice, expected);
  EXPECT_THAT(store.Get(id), IsOkAndHolds(expected));
}

TYPED_TEST_P(NoticeStoreContractTest, S1_ListFiltersAndPages) {
  NoticeStore& store = this->notices();
  const absl::Time t = ShanghaiTime(2026, 3, 2, 10, 0);
  const absl::Time due = ShanghaiTime(2026, 3, 9, 17, 30);
  const int64_t a = this->Issue(Issued("broadband", t));
  const int64_t b = this->Issue(Issued("broadband", t));
  const int64_t c = this->Issue(Issued("mobile", t));
  const int64_t d = this->Issue(Issued("broadband", t));
  ASSERT_OK(store.Mutate(b, {}, ReceiveAt(t, due)).status());
  ASSERT_OK(store.Mutate(c, {}, ReceiveAt(t, due - absl::Hours(1))).status());
  ASSERT_OK(store.Mutate(d, {}, ReceiveAt(t, due)).status());
  ASSERT_OK(store.Mutate(d, {}, ReplyAt(due + absl::Hours(1))).status());  // late, but replied
  auto list = [&](const NoticeFilter& filter) {
    auto page = store.List(filter, 0, 100);
    EXPECT_TRUE(page.ok()) << page.status();
    return page.ok() ? NoticeIds(page->notices) : std::vector<int64_t>{};
  };
  EXPECT_EQ(list({}), (std::vector<int64_t>{a, b, c, d}));
  EXPECT_EQ(list({"broadband", NoticeState::kUnspecified, absl::nullopt}),
            (std::vector<int64_t>{a, b, d}));
  EXPECT_EQ(list({"", NoticeState::kReceived, absl::nullopt}), (std::vector<int64_t>{b, c}));
  EXPECT_EQ(list({"mobile", NoticeState::kIssued, absl::nullopt}), std::vector<int64_t>{});
  // Overdue at an instant: reply due strictly before it, not replied.
  EXPECT_EQ(list({"", NoticeState::kUnspecified, due}), (std::vector<int64_t>{c}));
  EXPECT_EQ(list({"", NoticeState::kUnspecified, due + absl::Microseconds(1)}),
            (std::vector<int64_t>{b, c}));
  EXPECT_EQ(list({"broadband", NoticeState::kUnspecified, due + absl::Hours(48)}),
            (std::vector<int64_t>{b}));

  ASSERT_OK_AND_ASSIGN(NoticePage first, store.List({}, 0, 3));
  EXPECT_EQ(NoticeIds(first.notices), (std::vector<int64_t>{a, b, c}));
  EXPECT_EQ(first.next_after_id, c);
  EXPECT_THAT(store.Get(b), IsOkAndHolds(first.notices[1]));
  ASSERT_OK_AND_ASSIGN(NoticePage rest, store.List({}, first.next_after_id, 3));
  EXPECT_EQ(NoticeIds(rest.notices), (std::vector<int64_t>{d}));
  EXPECT_EQ(rest.next_after_id, 0);
  ASSERT_OK_AND_ASSIGN(NoticePage exact, store.List({}, 0, 4));
  EXPECT_EQ(exact.next_after_id, 0);
  EXPECT_THAT(store.List({}, 0, 0),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("page_size")));
}

TYPED_TEST_P(NoticeStoreContractTest, S1_DeemedReceiptAndOverdueQueriesAtTheirBoundaries) {
  NoticeStore& store = this->notices();
  const absl::Time t = ShanghaiTime(2026, 3, 2, 10, 0);
  const int64_t early = this->Issue(Issued("broadband", t));
  const int64_t at_t = this->Issue(Issued("broadband", t + absl::Hours(1)));
  const int64_t acknowledged = this->Issue(Issued("mobile", t));
  const absl::Time due = ShanghaiTime(2026, 3, 9, 17, 30);
  ASSERT_OK(store.Mutate(acknowledged, {}, ReceiveAt(t + absl::Hours(2), due)).status());

  // Awaiting deemed receipt: still ISSUED, issued strictly before the instant.
  ASSERT_OK_AND_ASSIGN(std::vector<RectificationNotice> awaiting,
                       store.ListAwaitingDeemedReceipt(t + absl::Hours(1)));
  EXPECT_EQ(NoticeIds(awaiting), (std::vector<int64_t>{early}));
  ASSERT_OK_AND_ASSIGN(awaiting,
                       store.ListAwaitingDeemedReceipt(t + absl::Hours(1) + absl::Microseconds(1)));
  EXPECT_EQ(NoticeIds(awaiting), (std::vector<int64_t>{early, at_t}));
  ASSERT_OK_AND_ASSIGN(awaiting, store.ListAwaitingDeemedReceipt(t));
  EXPECT_THAT(awaiting, IsEmpty());

  // Reply overdue: RECEIVED or REOPENED, due strictly before now; a reply ends it, a failed
  // verification reopens it with its new deadline.
  ASSERT_OK_AND_ASSIGN(std::vector<RectificationNotice> overdue, store.ListReplyOverdue(due));
  EXPECT_THAT(overdue, IsEmpty());
  ASSERT_OK_AND_ASSIGN(overdue, store.ListReplyOverdue(due + absl::Microseconds(1)));
  EXPECT_EQ(NoticeIds(overdue), (std::vector<int64_t>{acknowledged}));
  EXPECT_EQ(overdue[0].version, 2);
  ASSERT_OK(store.Mutate(acknowledged, {}, ReplyAt(due + absl::Hours(1))).status());
  ASSERT_OK_AND_ASSIGN(overdue, store.ListReplyOverdue(due + absl::Hours(48)));
  EXPECT_THAT(overdue, IsEmpty());
  const absl::Time new_due = ShanghaiTime(2026, 3, 20, 17, 30);
  ASSERT_OK(
      store.Mutate(acknowledged, {}, VerifyAt(due + absl::Hours(2), false, new_due)).status());
  ASSERT_OK_AND_ASSIGN(overdue, store.ListReplyOverdue(new_due));
  EXPECT_THAT(overdue, IsEmpty());
  ASSERT_OK_AND_ASSIGN(overdue, store.ListReplyOverdue(new_due + absl::Microseconds(1)));
  EXPECT_EQ(NoticeIds(overdue), (std::vector<int64_t>{acknowledged}));
  // The deemed receipt itself goes through Mutate and ends the wait.
  ASSERT_OK(store.Mutate(early, {}, ReceiveAt(t + absl::Hours(30), due)).status());
  ASSERT_OK_AND_ASSIGN(awaiting, store.ListAwaitingDeemedReceipt(t + absl::Hours(48)));
  EXPECT_EQ(NoticeIds(awaiting), (std::vector<int64_t>{at_t}));
}

REGISTER_TYPED_TEST_SUITE_P(NoticeStoreContractTest, S1_CreateAssignsIdsAndIsIdempotent,
                            S1_MutateUnderARequestKeyAndAVersion,
                            S1_RepliesVerificationsAndHistoryAreAppendOnly, S1_ListFiltersAndPages,
                            S1_DeemedReceiptAndOverdueQueriesAtTheirBoundaries);

}  // namespace cs::assessment::testing

#endif  // CS_SERVICES_ASSESSMENT_STORE_NOTICE_STORE_CONTRACT_H_
