// The HotlineStore contract (hotline_store.h) as a typed test suite: registrations kept whole and
// idempotent (H1), listing by unit, state and current or former number (H1, H3), changes saved
// under the hotline's lock with optimistic versions and request ids (H2), the due-change sweep
// claimed once across replicas (H2), transitions running at an instant (H3) and notices applied to
// every named hotline or to none (H4). Instantiated with the other store contracts; see
// hotline_store_contract_fixture.h.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_STORE_HOTLINE_STORE_CONTRACT_H_
#define CS_SERVICES_HOTLINE_REGISTRY_STORE_HOTLINE_STORE_CONTRACT_H_

#include <algorithm>
#include <atomic>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/hotline-registry/store/hotline_store_contract_fixture.h"
#include "services/hotline-registry/store/hotline_store_support.h"

namespace cs::hotline::testing {

template <typename T>
class HotlineStoreContractTest : public HotlineStoreContract<T> {};

TYPED_TEST_SUITE_P(HotlineStoreContractTest);

using ::cs::common::testing::IsOk;
using ::cs::common::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

// A hotline with every field the store keeps set, and changes, transitions and history.
inline Hotline Complete() {
  Hotline h = Registered("broadband", "400-820-8888");
  const absl::Time t = ShanghaiTime(2026, 3, 5, 9, 30);
  h.registration.manager_signature = Signature{"manager-1", t};
  h.registration.remarks = "备注 with ASCII and 中文";
  h.approval = Decision{true, "cs-center-1", t + absl::Hours(1), ""};
  h.state = HotlineState::kActive;
  HotlineChange number =
      Change(ChangeItem::kNumberChange, ShanghaiTime(2026, 4, 1, 0, 0), ChangeState::kApplied);
  number.change_id = "CH-1";
  number.form.manager_signature = Signature{"manager-1", t + absl::Hours(2)};
  number.cs_center_opinion = Decision{true, "cs-center-1", t + absl::Hours(3), "同意"};
  HotlineChange hours =
      Change(ChangeItem::kServiceHours, ShanghaiTime(2026, 5, 1, 0, 0), ChangeState::kDisagreed);
  hours.change_id = "CH-2";
  hours.cs_center_opinion = Decision{false, "cs-center-2", t + absl::Hours(4), "理由不足"};
  hours.notice_id = "NT-9";
  h.changes = {number, hours};
  h.number = number.form.new_number;
  h.service_hours.around_the_clock = true;
  h.service_hours.periods.clear();
  h.service_hours.on_public_holidays = HolidayBehaviour::kAsWeekday;
  h.transitions.push_back({"400-820-8888", number.form.new_number,
                           TransitionKind::kAutomaticTransfer, number.form.change_at,
                           *number.form.transition_ends_at});
  Record(h, t + absl::Hours(1), "APPROVED");
  Record(h, t + absl::Hours(2), "CHANGE_FILED", "CH-1 NUMBER_CHANGE");
  return h;
}

// The sweep as the domain does it, reduced: approved changes whose time came are APPLIED, pending
// ones LAPSED, each with its history entry.
inline HotlineMutation SweepAt(absl::Time now) {
  return [now](Hotline& h) -> absl::Status {
    for (size_t i = 0; i < h.changes.size(); ++i) {
      HotlineChange& c = h.changes[i];
      if (c.form.change_at > now) continue;
      if (c.state == ChangeState::kApproved) {
        c.state = ChangeState::kApplied;
        Record(h, now, "CHANGE_APPLIED", c.change_id);
      } else if (c.state == ChangeState::kPendingSignature ||
                 c.state == ChangeState::kPendingApproval) {
        c.state = ChangeState::kLapsed;
        Record(h, now, "CHANGE_LAPSED", c.change_id);
      }
    }
    return absl::OkStatus();
  };
}

inline int CountEvents(const Hotline& h, const std::string& event) {
  return static_cast<int>(std::count_if(h.history.begin(), h.history.end(),
                                        [&](const HistoryEntry& e) { return e.event == event; }));
}

TYPED_TEST_P(HotlineStoreContractTest, H1_CreateKeepsEveryFieldAndAssignsIds) {
  HotlineStore& store = this->hotlines();
  Hotline draft = Complete();
  draft.id = 77;                       // ignored
  draft.version = 9;                   // the store's: 1
  draft.changes[1].change_id.clear();  // named after the largest "CH-<n>"
  ASSERT_OK_AND_ASSIGN(CreateHotlineResult created, store.Create(draft, Key("r-1")));
  EXPECT_FALSE(created.replayed);
  EXPECT_GT(created.hotline.id, 0);
  EXPECT_EQ(created.hotline.version, 1);
  EXPECT_EQ(created.hotline.changes[1].change_id, "CH-2");
  ASSERT_OK_AND_ASSIGN(Hotline read, store.Get(created.hotline.id));
  Hotline expected = draft;
  expected.id = created.hotline.id;
  expected.version = 1;
  expected.changes[1].change_id = "CH-2";
  ExpectSameHotline(read, expected);
  ExpectSameHotline(created.hotline, expected);
  EXPECT_THAT(
      store.Get(created.hotline.id + 1000),
      StatusIs(absl::StatusCode::kNotFound, HasSubstr(FormatHotlineId(created.hotline.id + 1000))));
}

TYPED_TEST_P(HotlineStoreContractTest, H1_CreateIsIdempotentByRequestId) {
  HotlineStore& store = this->hotlines();
  ASSERT_OK_AND_ASSIGN(CreateHotlineResult first, store.Create(Registered(), Key("r-1", "a")));
  ASSERT_OK_AND_ASSIGN(CreateHotlineResult again, store.Create(Registered(), Key("r-1", "a")));
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.hotline.id, first.hotline.id);
  ExpectSameHotline(again.hotline, first.hotline);
  EXPECT_THAT(store.Create(Registered("other"), Key("r-1", "b")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  // Byte for byte: a trailing space makes another request.
  ASSERT_OK_AND_ASSIGN(CreateHotlineResult spaced, store.Create(Registered(), Key("r-1 ", "a")));
  EXPECT_FALSE(spaced.replayed);
  EXPECT_NE(spaced.hotline.id, first.hotline.id);
  EXPECT_THAT(store.Create(Registered(), Key("", "a")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_THAT(store.Create(Registered(), Key(std::string(65, 'x'), "a")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  ASSERT_OK_AND_ASSIGN(HotlinePage page, store.List({}, 0, 10));
  EXPECT_THAT(page.hotlines, SizeIs(2));
}

TYPED_TEST_P(HotlineStoreContractTest, H2_MutateSavesTheChangeAndMovesTheVersion) {
  HotlineStore& store = this->hotlines();
  const int64_t id = this->Create();
  const absl::Time t = ShanghaiTime(2026, 3, 6, 10, 0);
  ASSERT_OK_AND_ASSIGN(MutationResult filed, store.Mutate(id, {}, [&](Hotline& h) {
    h.state = HotlineState::kActive;
    h.approval = Decision{true, "cs-center-1", t, ""};
    h.changes.push_back(
        Change(ChangeItem::kNumberChange, t + absl::Hours(240), ChangeState::kPendingSignature));
    h.changes.back().change_id = NextChangeId(h);
    Record(h, t, "CHANGE_FILED", h.changes.back().change_id);
    h.id = 999;      // cannot move
    h.version = 50;  // the store's: loaded + 1
    return absl::OkStatus();
  }));
  EXPECT_FALSE(filed.replayed);
  EXPECT_EQ(filed.hotline.id, id);
  EXPECT_EQ(filed.hotline.version, 2);
  ASSERT_THAT(filed.hotline.changes, SizeIs(1));
  EXPECT_EQ(filed.hotline.changes[0].change_id, "CH-1");
  ASSERT_OK_AND_ASSIGN(Hotline read, store.Get(id));
  ExpectSameHotline(read, filed.hotline);

  // A change updated in place, one left without an id, a transition: all kept.
  ASSERT_OK_AND_ASSIGN(MutationResult second, store.Mutate(id, {}, [&](Hotline& h) {
    h.changes[0].state = ChangeState::kApproved;
    h.changes[0].cs_center_opinion = Decision{true, "cs-center-1", t + absl::Hours(1), "同意"};
    h.changes.push_back(
        Change(ChangeItem::kServiceHours, t + absl::Hours(300), ChangeState::kPendingSignature));
    h.transitions.push_back(
        {"021-0000 0000", h.number, TransitionKind::kVoicePrompt, t, t + absl::Hours(24 * 92)});
    Record(h, t + absl::Hours(1), "CHANGE_APPROVED", "CH-1");
    return absl::OkStatus();
  }));
  EXPECT_EQ(second.hotline.version, 3);
  ASSERT_THAT(second.hotline.changes, SizeIs(2));
  EXPECT_EQ(second.hotline.changes[1].change_id, "CH-2");
  ASSERT_OK_AND_ASSIGN(read, store.Get(id));
  ExpectSameHotline(read, second.hotline);
  EXPECT_THAT(read.history, SizeIs(3));

  // History is append-only: entries stored before are not rewritten.
  ASSERT_OK_AND_ASSIGN(MutationResult third, store.Mutate(id, {}, [&](Hotline& h) {
    h.history[0].detail = "rewritten";
    h.transitions.clear();
    h.changes.erase(h.changes.begin());  // a change the mutation removed is deleted
    return absl::OkStatus();
  }));
  ASSERT_OK_AND_ASSIGN(read, store.Get(id));
  EXPECT_EQ(read.history[0].detail, "");
  EXPECT_THAT(read.transitions, IsEmpty());
  ASSERT_THAT(read.changes, SizeIs(1));
  EXPECT_EQ(read.changes[0].change_id, "CH-2");
  ExpectSameHotline(read, third.hotline);
}

TYPED_TEST_P(HotlineStoreContractTest, H2_AStaleExpectedVersionIsAbortedAndChangesNothing) {
  HotlineStore& store = this->hotlines();
  const int64_t id = this->Create();
  ASSERT_THAT(store.Mutate(id, {},
                           [](Hotline& h) {
                             h.state = HotlineState::kPendingApproval;
                             return absl::OkStatus();
                           }),
              IsOk());
  int runs = 0;
  MutationOptions stale;
  stale.expected_version = 1;
  stale.request_key = Key("sign-1");
  stale.scope = "SignForm";
  EXPECT_THAT(store.Mutate(id, stale,
                           [&](Hotline& h) {
                             ++runs;
                             h.state = HotlineState::kRejected;
                             return absl::OkStatus();
                           }),
              StatusIs(absl::StatusCode::kAborted, HasSubstr("version 2")));
  EXPECT_EQ(runs, 0);
  ASSERT_OK_AND_ASSIGN(Hotline read, store.Get(id));
  EXPECT_EQ(read.version, 2);
  EXPECT_EQ(read.state, HotlineState::kPendingApproval);
  // The refused request_id was not used up: the same request at the current version goes through.
  MutationOptions current = stale;
  current.expected_version = 2;
  ASSERT_OK_AND_ASSIGN(MutationResult done, store.Mutate(id, current, [&](Hotline& h) {
    ++runs;
    h.state = HotlineState::kRejected;
    return absl::OkStatus();
  }));
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(done.hotline.version, 3);
}

TYPED_TEST_P(HotlineStoreContractTest, H2_MutateIsIdempotentByRequestId) {
  HotlineStore& store = this->hotlines();
  const int64_t a = this->Create();
  const int64_t b = this->Create();
  int runs = 0;
  auto file = [&](Hotline& h) {
    ++runs;
    h.changes.push_back(
        Change(ChangeItem::kOther, ShanghaiTime(2026, 6, 1, 0, 0), ChangeState::kPendingSignature));
    h.changes.back().change_id = NextChangeId(h);
    return absl::OkStatus();
  };
  MutationOptions options;
  options.request_key = Key("file-1", "form");
  options.scope = "FileChange";
  ASSERT_OK_AND_ASSIGN(MutationResult first, store.Mutate(a, options, file));
  ASSERT_OK_AND_ASSIGN(MutationResult again, store.Mutate(a, options, file));
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(again.hotline.version, first.hotline.version);
  EXPECT_THAT(again.hotline.changes, SizeIs(1));
  MutationOptions other_body = options;
  other_body.request_key = Key("file-1", "another form");
  EXPECT_THAT(store.Mutate(a, other_body, file),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_THAT(store.Mutate(b, options, file),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_EQ(runs, 1);
  // Another method's scope, or a trailing space, makes another request.
  MutationOptions other_scope = options;
  other_scope.scope = "SignForm";
  ASSERT_THAT(store.Mutate(a, other_scope, file), IsOk());
  MutationOptions spaced = options;
  spaced.request_key = Key("file-1 ", "form");
  ASSERT_THAT(store.Mutate(a, spaced, file), IsOk());
  EXPECT_EQ(runs, 3);
  ASSERT_OK_AND_ASSIGN(Hotline read, store.Get(a));
  EXPECT_THAT(read.changes, SizeIs(3));
  EXPECT_EQ(read.changes[2].change_id, "CH-3");
}

TYPED_TEST_P(HotlineStoreContractTest, H2_AFailedMutationSavesNothing) {
  HotlineStore& store = this->hotlines();
  const int64_t id = this->Create();
  MutationOptions options;
  options.request_key = Key("decide-1");
  options.scope = "DecideChange";
  EXPECT_THAT(store.Mutate(id, options,
                           [](Hotline& h) {
                             h.state = HotlineState::kActive;
                             Record(h, ShanghaiTime(2026, 3, 7, 9, 0), "APPROVED");
                             return absl::FailedPreconditionError("approval after the change time");
                           }),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("after the change time")));
  ASSERT_OK_AND_ASSIGN(Hotline read, store.Get(id));
  EXPECT_EQ(read.version, 1);
  EXPECT_EQ(read.state, HotlineState::kPendingSignature);
  EXPECT_THAT(read.history, SizeIs(1));
  // The request_id is free again.
  ASSERT_OK_AND_ASSIGN(MutationResult retried, store.Mutate(id, options, [](Hotline& h) {
    h.state = HotlineState::kActive;
    return absl::OkStatus();
  }));
  EXPECT_FALSE(retried.replayed);
  EXPECT_THAT(store.Mutate(id + 1000, {}, [](Hotline&) { return absl::OkStatus(); }),
              StatusIs(absl::StatusCode::kNotFound));
}

TYPED_TEST_P(HotlineStoreContractTest, H1_ListFiltersByUnitAndStateAndPages) {
  HotlineStore& store = this->hotlines();
  std::vector<int64_t> ids;
  for (int i = 0; i < 5; ++i) {
    ids.push_back(
        this->Create(Registered(i < 3 ? "broadband" : "mobile", absl::StrCat("021-5888 000", i))));
  }
  ASSERT_THAT(store.Mutate(ids[1], {},
                           [](Hotline& h) {
                             h.state = HotlineState::kActive;
                             return absl::OkStatus();
                           }),
              IsOk());
  HotlineFilter unit;
  unit.unit_id = "broadband";
  ASSERT_OK_AND_ASSIGN(HotlinePage page, store.List(unit, 0, 2));
  ASSERT_THAT(page.hotlines, SizeIs(2));
  EXPECT_EQ(page.hotlines[0].id, ids[0]);
  EXPECT_EQ(page.hotlines[1].id, ids[1]);
  EXPECT_THAT(page.hotlines[0].history, SizeIs(1));  // complete hotlines
  ASSERT_NE(page.next_after_id, 0);
  ASSERT_OK_AND_ASSIGN(page, store.List(unit, page.next_after_id, 2));
  ASSERT_THAT(page.hotlines, SizeIs(1));
  EXPECT_EQ(page.hotlines[0].id, ids[2]);
  EXPECT_EQ(page.next_after_id, 0);
  HotlineFilter active;
  active.state = HotlineState::kActive;
  ASSERT_OK_AND_ASSIGN(page, store.List(active, 0, 10));
  ASSERT_THAT(page.hotlines, SizeIs(1));
  EXPECT_EQ(page.hotlines[0].id, ids[1]);
  HotlineFilter both;
  both.unit_id = "mobile";
  both.state = HotlineState::kPendingSignature;
  ASSERT_OK_AND_ASSIGN(page, store.List(both, 0, 10));
  EXPECT_THAT(page.hotlines, SizeIs(2));
  ASSERT_OK_AND_ASSIGN(page, store.List({}, 0, 5));
  EXPECT_THAT(page.hotlines, SizeIs(5));
  EXPECT_EQ(page.next_after_id, 0);
  EXPECT_THAT(store.List({}, 0, 0),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("page_size")));
}

TYPED_TEST_P(HotlineStoreContractTest, H3_ListFindsAHotlineByItsCurrentOrAFormerNumber) {
  HotlineStore& store = this->hotlines();
  const int64_t moved = this->Create(Registered("broadband", "021-1111 1111"));
  const int64_t other = this->Create(Registered("broadband", "021-3333 3333"));
  const absl::Time t = ShanghaiTime(2026, 4, 1, 0, 0);
  ASSERT_THAT(store.Mutate(moved, {},
                           [&](Hotline& h) {
                             h.transitions.push_back({"021-1111 1111", "021-2222 2222",
                                                      TransitionKind::kVoicePrompt, t,
                                                      t + absl::Hours(24 * 92)});
                             h.number = "021-2222 2222";
                             return absl::OkStatus();
                           }),
              IsOk());
  HotlineFilter filter;
  filter.number = "021-1111 1111";
  ASSERT_OK_AND_ASSIGN(HotlinePage page, store.List(filter, 0, 10));
  ASSERT_THAT(page.hotlines, SizeIs(1));
  EXPECT_EQ(page.hotlines[0].id, moved);
  filter.number = "021-2222 2222";
  ASSERT_OK_AND_ASSIGN(page, store.List(filter, 0, 10));
  ASSERT_THAT(page.hotlines, SizeIs(1));
  EXPECT_EQ(page.hotlines[0].id, moved);
  filter.number = "021-3333 3333";
  ASSERT_OK_AND_ASSIGN(page, store.List(filter, 0, 10));
  ASSERT_THAT(page.hotlines, SizeIs(1));
  EXPECT_EQ(page.hotlines[0].id, other);
  filter.number = "021-1111 1111 ";  // byte for byte
  ASSERT_OK_AND_ASSIGN(page, store.List(filter, 0, 10));
  EXPECT_THAT(page.hotlines, IsEmpty());
  filter.number = "021-1111 1111";
  filter.unit_id = "mobile";
  ASSERT_OK_AND_ASSIGN(page, store.List(filter, 0, 10));
  EXPECT_THAT(page.hotlines, IsEmpty());
}

TYPED_TEST_P(HotlineStoreContractTest, H3_ListTransitionsRunningAtAnInstant) {
  HotlineStore& store = this->hotlines();
  const int64_t a = this->Create(Registered("broadband", "021-1000 0000"));
  const int64_t b = this->Create(Registered("mobile", "021-2000 0000"));
  const absl::Time start = ShanghaiTime(2026, 4, 1, 0, 0);
  const absl::Time end_a = ShanghaiTime(2026, 7, 2, 0, 0);
  const absl::Time end_b = ShanghaiTime(2026, 7, 1, 0, 0);
  ASSERT_THAT(store.Mutate(a, {},
                           [&](Hotline& h) {
                             h.transitions.push_back({"021-1000 0000", "021-1000 0001",
                                                      TransitionKind::kVoicePrompt, start, end_a});
                             return absl::OkStatus();
                           }),
              IsOk());
  ASSERT_THAT(
      store.Mutate(b, {},
                   [&](Hotline& h) {
                     h.transitions.push_back({"021-2000 0000", "021-2000 0001",
                                              TransitionKind::kAutomaticTransfer, start, end_b});
                     return absl::OkStatus();
                   }),
      IsOk());
  ASSERT_OK_AND_ASSIGN(std::vector<ListedTransition> running,
                       store.ListTransitions(ShanghaiTime(2026, 5, 1, 0, 0), ""));
  ASSERT_THAT(running, SizeIs(2));
  EXPECT_EQ(running[0].hotline_id, b);  // the earlier end first
  EXPECT_EQ(running[0].unit_id, "mobile");
  EXPECT_EQ(running[0].transition.kind, TransitionKind::kAutomaticTransfer);
  EXPECT_EQ(running[1].hotline_id, a);
  EXPECT_EQ(running[1].transition.ends_at, end_a);
  ASSERT_OK_AND_ASSIGN(running, store.ListTransitions(ShanghaiTime(2026, 5, 1, 0, 0), "broadband"));
  ASSERT_THAT(running, SizeIs(1));
  EXPECT_EQ(running[0].hotline_id, a);
  ASSERT_OK_AND_ASSIGN(running, store.ListTransitions(end_b, ""));  // the end is exclusive
  ASSERT_THAT(running, SizeIs(1));
  EXPECT_EQ(running[0].hotline_id, a);
  ASSERT_OK_AND_ASSIGN(running, store.ListTransitions(start - absl::Seconds(1), ""));
  EXPECT_THAT(running, IsEmpty());
  ASSERT_OK_AND_ASSIGN(running, store.ListTransitions(start, ""));
  EXPECT_THAT(running, SizeIs(2));
}

TYPED_TEST_P(HotlineStoreContractTest, H2_ClaimDueChangesSweepsEachDueHotlineOnce) {
  HotlineStore& store = this->hotlines();
  const absl::Time now = ShanghaiTime(2026, 4, 1, 0, 0);
  auto with_change = [&](absl::Time change_at, ChangeState state) {
    const int64_t id = this->Create();
    EXPECT_THAT(store.Mutate(id, {},
                             [&](Hotline& h) {
                               h.changes.push_back(Change(ChangeItem::kOther, change_at, state));
                               return absl::OkStatus();
                             }),
                IsOk());
    return id;
  };
  const int64_t approved = with_change(now - absl::Hours(1), ChangeState::kApproved);
  const int64_t pending = with_change(now - absl::Hours(2), ChangeState::kPendingApproval);
  const int64_t exactly_now = with_change(now, ChangeState::kApproved);
  with_change(now + absl::Seconds(1), ChangeState::kApproved);  // not yet
  with_change(now - absl::Hours(5), ChangeState::kDisagreed);   // nothing to do
  this->Create();                                               // no change at all
  ASSERT_OK_AND_ASSIGN(std::vector<SweptHotline> swept,
                       store.ClaimDueChanges(now, 2, SweepAt(now)));
  ASSERT_THAT(swept, SizeIs(2));
  EXPECT_EQ(swept[0].hotline_id, pending);  // the earliest due first
  EXPECT_EQ(swept[1].hotline_id, approved);
  EXPECT_THAT(swept[0].status, IsOk());
  EXPECT_EQ(swept[0].hotline.changes[0].state, ChangeState::kLapsed);
  EXPECT_EQ(swept[1].hotline.changes[0].state, ChangeState::kApplied);
  EXPECT_EQ(swept[1].hotline.version, 3);
  ASSERT_OK_AND_ASSIGN(swept, store.ClaimDueChanges(now, 10, SweepAt(now)));
  ASSERT_THAT(swept, SizeIs(1));
  EXPECT_EQ(swept[0].hotline_id, exactly_now);
  ASSERT_OK_AND_ASSIGN(swept, store.ClaimDueChanges(now, 10, SweepAt(now)));
  EXPECT_THAT(swept, IsEmpty());
  ASSERT_OK_AND_ASSIGN(Hotline read, store.Get(approved));
  EXPECT_EQ(CountEvents(read, "CHANGE_APPLIED"), 1);
  EXPECT_THAT(store.ClaimDueChanges(now, 0, SweepAt(now)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("limit")));
}

TYPED_TEST_P(HotlineStoreContractTest, H2_AFailingSweepLeavesItsHotlineDueAndSavesTheOthers) {
  HotlineStore& store = this->hotlines();
  const absl::Time now = ShanghaiTime(2026, 4, 1, 0, 0);
  std::vector<int64_t> ids;
  for (int i = 0; i < 3; ++i) {
    const int64_t id = this->Create();
    ASSERT_THAT(
        store.Mutate(id, {},
                     [&](Hotline& h) {
                       h.changes.push_back(Change(ChangeItem::kOther, now - absl::Hours(3 - i),
                                                  ChangeState::kApproved));
                       return absl::OkStatus();
                     }),
        IsOk());
    ids.push_back(id);
  }
  const HotlineMutation sweep = SweepAt(now);
  ASSERT_OK_AND_ASSIGN(std::vector<SweptHotline> swept,
                       store.ClaimDueChanges(now, 10, [&](Hotline& h) -> absl::Status {
                         RETURN_IF_ERROR(sweep(h));
                         if (h.id == ids[1]) return absl::InternalError("broken hotline");
                         return absl::OkStatus();
                       }));
  ASSERT_THAT(swept, SizeIs(3));
  EXPECT_THAT(swept[1].status, StatusIs(absl::StatusCode::kInternal));
  EXPECT_EQ(swept[1].hotline.changes[0].state, ChangeState::kApproved);  // as loaded
  EXPECT_THAT(swept[0].status, IsOk());
  EXPECT_THAT(swept[2].status, IsOk());
  ASSERT_OK_AND_ASSIGN(swept, store.ClaimDueChanges(now, 10, sweep));
  ASSERT_THAT(swept, SizeIs(1));
  EXPECT_EQ(swept[0].hotline_id, ids[1]);
}

TYPED_TEST_P(HotlineStoreContractTest, H2_TwoReplicasClaimEachDueChangeOnce) {
  const absl::Time now = ShanghaiTime(2026, 4, 1, 0, 0);
  constexpr int kHotlines = 24;
  for (int i = 0; i < kHotlines; ++i) {
    const int64_t id = this->Create();
    ASSERT_THAT(this->hotlines().Mutate(id, {},
                                        [&](Hotline& h) {
                                          h.changes.push_back(Change(ChangeItem::kOther,
                                                                     now - absl::Minutes(i),
                                                                     ChangeState::kApproved));
                                          return absl::OkStatus();
                                        }),
                IsOk());
  }
  absl::Mutex mutex;
  std::map<int64_t, int> claimed;  // hotline -> times swept
  std::atomic<int> failures{0};
  auto replica = [&](HotlineStore& store) {
    for (;;) {
      auto swept = store.ClaimDueChanges(now, 3, SweepAt(now));
      if (!swept.ok()) {
        ++failures;
        return;
      }
      if (swept->empty()) return;
      absl::MutexLock lock(&mutex);
      for (const SweptHotline& s : *swept) ++claimed[s.hotline_id];
    }
  };
  std::thread one([&] { replica(this->hotlines()); });
  std::thread two([&] { replica(this->replica().hotlines); });
  one.join();
  two.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_THAT(claimed, SizeIs(kHotlines));
  for (const auto& [id, times] : claimed) {
    EXPECT_EQ(times, 1) << FormatHotlineId(id);
    ASSERT_OK_AND_ASSIGN(Hotline read, this->hotlines().Get(id));
    EXPECT_EQ(CountEvents(read, "CHANGE_APPLIED"), 1) << FormatHotlineId(id);
  }
}

TYPED_TEST_P(HotlineStoreContractTest, H2_TheDueRuleDecidesWhatTheSweepClaims) {
  // The default rule looks at changes only; a transition's end is the domain's to add.
  HotlineStore& store = this->hotlines();
  const absl::Time now = ShanghaiTime(2026, 7, 2, 0, 0);
  const int64_t id = this->Create();
  ASSERT_THAT(
      store.Mutate(id, {},
                   [&](Hotline& h) {
                     h.transitions.push_back({"021-1", "021-2", TransitionKind::kVoicePrompt,
                                              now - absl::Hours(24 * 92), now - absl::Hours(1)});
                     return absl::OkStatus();
                   }),
      IsOk());
  ASSERT_OK_AND_ASSIGN(Hotline read, store.Get(id));
  EXPECT_EQ(NextDueAt(read), absl::nullopt);
  ASSERT_OK_AND_ASSIGN(std::vector<SweptHotline> swept,
                       store.ClaimDueChanges(now, 10, SweepAt(now)));
  EXPECT_THAT(swept, IsEmpty());
}

// Applies a notice the way the domain's ApplyNotice does, reduced.
inline NoticeApplication ApplyAsChange() {
  return [](const Notice& notice, size_t index, Hotline& h) -> absl::Status {
    const NoticeTarget& target = notice.targets[index];
    if (target.hotline_id != h.id) return absl::InvalidArgumentError("wrong hotline");
    HotlineChange change = Change(notice.item, notice.change_at, ChangeState::kApproved);
    change.change_id = NextChangeId(h);
    change.notice_id = notice.notice_id;
    change.form.new_number = target.new_number;
    change.form.transition_kind = target.transition_kind;
    change.form.transition_ends_at = target.transition_ends_at;
    h.changes.push_back(change);
    Record(h, notice.issued_at, "NOTICE", notice.notice_id);
    return absl::OkStatus();
  };
}

inline Notice NumberNotice(const std::vector<int64_t>& hotline_ids) {
  Notice notice;
  notice.title = "关于统一调整客服热线号码的通知";
  notice.item = ChangeItem::kNumberChange;
  notice.change_at = ShanghaiTime(2026, 5, 1, 0, 0);
  notice.issued_by = "cs-center-1";
  notice.issued_at = ShanghaiTime(2026, 4, 1, 9, 0);
  for (size_t i = 0; i < hotline_ids.size(); ++i) {
    NoticeTarget target;
    target.hotline_id = hotline_ids[i];
    target.new_number = absl::StrCat("10000-", i);
    target.transition_kind = TransitionKind::kVoicePrompt;
    target.transition_ends_at = ShanghaiTime(2026, 8, 1, 0, 0);
    notice.targets.push_back(target);
  }
  return notice;
}

TYPED_TEST_P(HotlineStoreContractTest, H4_ANoticeChangesEveryNamedHotline) {
  HotlineStore& store = this->hotlines();
  const int64_t a = this->Create();
  const int64_t b = this->Create();
  const int64_t untouched = this->Create();
  ASSERT_THAT(
      store.Mutate(a, {},
                   [](Hotline& h) {  // a's own change first: CH-1
                     h.changes.push_back(Change(ChangeItem::kOther, ShanghaiTime(2026, 6, 1, 0, 0),
                                                ChangeState::kPendingSignature));
                     return absl::OkStatus();
                   }),
      IsOk());
  std::vector<std::string> seen_ids;
  NoticeApplication apply = [&](const Notice& notice, size_t index, Hotline& h) {
    seen_ids.push_back(notice.notice_id);
    EXPECT_TRUE(notice.targets[index].change_id.empty());
    return ApplyAsChange()(notice, index, h);
  };
  ASSERT_OK_AND_ASSIGN(NoticeResult issued,
                       store.CreateNotice(NumberNotice({b, a}), Key("n-1"), apply));
  EXPECT_FALSE(issued.replayed);
  EXPECT_THAT(issued.notice.notice_id, ::testing::StartsWith("NT-"));
  EXPECT_THAT(seen_ids, ElementsAre(issued.notice.notice_id, issued.notice.notice_id));
  ASSERT_THAT(issued.notice.targets, SizeIs(2));
  EXPECT_EQ(issued.notice.targets[0].change_id, "CH-1");
  EXPECT_EQ(issued.notice.targets[1].change_id, "CH-2");
  ASSERT_THAT(issued.hotlines, SizeIs(2));
  EXPECT_EQ(issued.hotlines[0].id, b);
  EXPECT_EQ(issued.hotlines[1].id, a);
  ASSERT_OK_AND_ASSIGN(Hotline read_a, store.Get(a));
  ExpectSameHotline(read_a, issued.hotlines[1]);
  ASSERT_THAT(read_a.changes, SizeIs(2));
  EXPECT_EQ(read_a.changes[1].notice_id, issued.notice.notice_id);
  EXPECT_EQ(read_a.changes[1].form.new_number, "10000-1");
  EXPECT_EQ(read_a.version, 3);
  ASSERT_OK_AND_ASSIGN(Hotline read_untouched, store.Get(untouched));
  EXPECT_EQ(read_untouched.version, 1);

  ASSERT_OK_AND_ASSIGN(Notice stored, store.GetNotice(issued.notice.notice_id));
  EXPECT_EQ(stored.title, issued.notice.title);
  EXPECT_EQ(stored.item, ChangeItem::kNumberChange);
  EXPECT_EQ(stored.change_at, ShanghaiTime(2026, 5, 1, 0, 0));
  EXPECT_EQ(stored.issued_by, "cs-center-1");
  EXPECT_EQ(stored.issued_at, ShanghaiTime(2026, 4, 1, 9, 0));
  ASSERT_THAT(stored.targets, SizeIs(2));
  EXPECT_EQ(stored.targets[0].hotline_id, b);
  EXPECT_EQ(stored.targets[0].change_id, "CH-1");
  EXPECT_EQ(stored.targets[1].new_number, "10000-1");
  EXPECT_EQ(stored.targets[1].transition_kind, TransitionKind::kVoicePrompt);
  EXPECT_EQ(stored.targets[1].transition_ends_at, ShanghaiTime(2026, 8, 1, 0, 0));

  // The same request again: the first notice; another body under its id: refused.
  ASSERT_OK_AND_ASSIGN(NoticeResult again,
                       store.CreateNotice(NumberNotice({b, a}), Key("n-1"), apply));
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.notice.notice_id, issued.notice.notice_id);
  ASSERT_THAT(again.hotlines, SizeIs(2));
  EXPECT_EQ(again.hotlines[1].version, 3);
  EXPECT_THAT(store.CreateNotice(NumberNotice({b}), Key("n-1", "other"), apply),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_THAT(store.GetNotice("NT-999999"), StatusIs(absl::StatusCode::kNotFound));
}

TYPED_TEST_P(HotlineStoreContractTest, H4_ANoticeNamingAnUnknownHotlineWritesNothing) {
  HotlineStore& store = this->hotlines();
  const int64_t a = this->Create();
  const int64_t b = this->Create();
  int applied = 0;
  NoticeApplication apply = [&](const Notice& notice, size_t index, Hotline& h) {
    ++applied;
    return ApplyAsChange()(notice, index, h);
  };
  EXPECT_THAT(
      store.CreateNotice(NumberNotice({a, b + 1000}), Key("n-1"), apply),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("notice.targets[1].hotline_id")));
  EXPECT_THAT(
      store.CreateNotice(NumberNotice({a, b, a}), Key("n-2"), apply),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("notice.targets[2].hotline_id")));
  EXPECT_THAT(store.CreateNotice(NumberNotice({}), Key("n-3"), apply),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("notice.targets")));
  EXPECT_EQ(applied, 0);
  // The second hotline refuses: the first, already changed, is not kept either.
  EXPECT_THAT(store.CreateNotice(NumberNotice({a, b}), Key("n-4"),
                                 [&](const Notice& notice, size_t index, Hotline& h) {
                                   if (h.id == b) {
                                     return absl::FailedPreconditionError("HL-b is not ACTIVE");
                                   }
                                   return apply(notice, index, h);
                                 }),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not ACTIVE")));
  for (int64_t id : {a, b}) {
    ASSERT_OK_AND_ASSIGN(Hotline read, store.Get(id));
    EXPECT_EQ(read.version, 1);
    EXPECT_THAT(read.changes, IsEmpty());
    EXPECT_THAT(read.history, SizeIs(1));
  }
  // The refused request ids were not used up.
  ASSERT_OK_AND_ASSIGN(NoticeResult issued,
                       store.CreateNotice(NumberNotice({a, b}), Key("n-1"), apply));
  EXPECT_FALSE(issued.replayed);
  ASSERT_OK_AND_ASSIGN(Notice stored, store.GetNotice(issued.notice.notice_id));
  EXPECT_THAT(stored.targets, SizeIs(2));
}

REGISTER_TYPED_TEST_SUITE_P(
    HotlineStoreContractTest, H1_CreateKeepsEveryFieldAndAssignsIds,
    H1_CreateIsIdempotentByRequestId, H2_MutateSavesTheChangeAndMovesTheVersion,
    H2_AStaleExpectedVersionIsAbortedAndChangesNothing, H2_MutateIsIdempotentByRequestId,
    H2_AFailedMutationSavesNothing, H1_ListFiltersByUnitAndStateAndPages,
    H3_ListFindsAHotlineByItsCurrentOrAFormerNumber, H3_ListTransitionsRunningAtAnInstant,
    H2_ClaimDueChangesSweepsEachDueHotlineOnce,
    H2_AFailingSweepLeavesItsHotlineDueAndSavesTheOthers, H2_TwoReplicasClaimEachDueChangeOnce,
    H2_TheDueRuleDecidesWhatTheSweepClaims, H4_ANoticeChangesEveryNamedHotline,
    H4_ANoticeNamingAnUnknownHotlineWritesNothing);

}  // namespace cs::hotline::testing

#endif  // CS_SERVICES_HOTLINE_REGISTRY_STORE_HOTLINE_STORE_CONTRACT_H_
