// One contract, two stores: the in-memory store used by the core's unit tests must behave like the
// MySQL store deployed processes use. The MySQL half runs against the real MariaDB of tests/run.sh.
#include <algorithm>
#include <memory>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/db/common_schema.h"
#include "common/db/migration_runner.h"
#include "common/hash/sha256.h"
#include "common/testing/status_matchers.h"
#include "common/testing/test_database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/intake/domain/ticket_test_support.h"
#include "services/intake/migrations.h"
#include "services/intake/store/in_memory_ticket_store.h"
#include "services/intake/store/mysql_ticket_store.h"

namespace cs::intake {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

const absl::Time kT0 = absl::FromUnixSeconds(1795000000);  // 2026-11-18

class InMemoryFactory {
 public:
  TicketStore& store() { return store_; }

 private:
  InMemoryTicketStore store_;
};

class MySqlFactory {
 public:
  MySqlFactory() : clock_(kT0) {
    auto database = common::testing::TestDatabase::Create();
    if (!database.ok()) {
      ADD_FAILURE() << database.status();
      return;
    }
    database_ = *std::move(database);
    auto pool = database_->CreatePool(8);
    if (!pool.ok()) {
      ADD_FAILURE() << pool.status();
      return;
    }
    pool_ = *std::move(pool);
    absl::Status migrated = common::db::ApplyMigrations(
        *pool_, {&common::db::common_schema::Migrations(), &schema::Migrations()});
    if (!migrated.ok()) ADD_FAILURE() << migrated;
    store_ = std::make_unique<MySqlTicketStore>(*pool_, clock_);
  }
  TicketStore& store() { return *store_; }

 private:
  common::ManualClock clock_;
  std::unique_ptr<common::testing::TestDatabase> database_;
  std::unique_ptr<common::db::ConnectionPool> pool_;
  std::unique_ptr<MySqlTicketStore> store_;
};

Ticket Draft(std::string unit = "broadband", std::string month = "2026-11", absl::Time at = kT0) {
  Ticket draft;
  draft.input = testing::CompleteInput();
  draft.input.unit_id = std::move(unit);
  draft.received_at = at;
  draft.confirm_clock_start = at;
  draft.serial_month = std::move(month);
  draft.confirm_deadline = {at + absl::Hours(1), "cn-2026.1"};
  draft.updated_at = at;
  draft.version = 1;
  draft.history.push_back({1, at, "clerk", "CREATED", ""});
  return draft;
}

RequestKey Key(const std::string& id, const std::string& body = "body") {
  return {id, common::Sha256Hex(body)};
}

template <typename Factory>
class TicketStoreContractTest : public ::testing::Test {
 protected:
  TicketStore& store() { return factory_.store(); }
  Ticket Create(Ticket draft, const std::string& request_id) {
    auto created = store().Create(std::move(draft), Key(request_id));
    EXPECT_THAT(created, IsOk());
    return created.ok() ? created->ticket : Ticket{};
  }
  Factory factory_;
};

using Factories = ::testing::Types<InMemoryFactory, MySqlFactory>;
TYPED_TEST_SUITE(TicketStoreContractTest, Factories);

TYPED_TEST(TicketStoreContractTest, I3_SerialsArePerUnitAndMonthAndGapFree) {
  Ticket a = this->Create(Draft("broadband", "2026-11"), "a");
  Ticket b = this->Create(Draft("broadband", "2026-11"), "b");
  Ticket c = this->Create(Draft("portal", "2026-11"), "c");
  Ticket d = this->Create(Draft("broadband", "2026-12"), "d");
  EXPECT_EQ(a.overall_serial, 1);
  EXPECT_EQ(a.month_serial, 1);
  EXPECT_EQ(b.overall_serial, 2);
  EXPECT_EQ(b.month_serial, 2);
  EXPECT_EQ(c.overall_serial, 1);
  EXPECT_EQ(c.month_serial, 1);
  EXPECT_EQ(d.overall_serial, 3);
  EXPECT_EQ(d.month_serial, 1);
  EXPECT_NE(a.id, b.id);
}

TYPED_TEST(TicketStoreContractTest, CreateStoresEveryFieldAndTheHistory) {
  Ticket draft = Draft();
  draft.input.complained_at = kT0 - absl::Hours(2);
  draft.input.special_request = true;
  draft.input.reply_channel = ReplyChannel::kSms;
  Ticket created = this->Create(draft, "a");
  auto loaded = this->store().Get(created.id);
  ASSERT_THAT(loaded, IsOk());
  EXPECT_EQ(loaded->input, draft.input);
  EXPECT_EQ(loaded->received_at, kT0);
  EXPECT_EQ(loaded->confirm_deadline, draft.confirm_deadline);
  EXPECT_EQ(loaded->status, TicketStatus::kRecorded);
  ASSERT_THAT(loaded->history, SizeIs(1));
  EXPECT_EQ(loaded->history[0].event, "CREATED");
  EXPECT_EQ(loaded->history[0].at, kT0);
}

TYPED_TEST(TicketStoreContractTest, AbsentOptionalFieldsStayAbsent) {
  Ticket created = this->Create(Draft(), "a");
  auto loaded = this->store().Get(created.id);
  ASSERT_THAT(loaded, IsOk());
  EXPECT_FALSE(loaded->input.complained_at.has_value());
  EXPECT_FALSE(loaded->forward.has_value());
  EXPECT_FALSE(loaded->handling_deadline.has_value());
  EXPECT_FALSE(loaded->closed_at.has_value());
  EXPECT_TRUE(loaded->fields_at_fault.empty());
}

TYPED_TEST(TicketStoreContractTest, RepeatedRequestIdReplaysAndAnotherBodyIsRefused) {
  Ticket first = this->Create(Draft(), "same");
  auto again = this->store().Create(Draft(), Key("same"));
  ASSERT_THAT(again, IsOk());
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(again->ticket.id, first.id);
  EXPECT_EQ(again->ticket.overall_serial, first.overall_serial);
  EXPECT_THAT(this->store().Create(Draft(), Key("same", "other body")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  // The refused and the replayed requests consumed no serial number.
  EXPECT_EQ(this->Create(Draft(), "next").overall_serial, first.overall_serial + 1);
}

// Request ids compare byte for byte (issue 10): the API takes any printable ASCII, so ids that
// differ only by trailing spaces, or by case, are different requests, each replaying its own
// ticket.
TYPED_TEST(TicketStoreContractTest, I3_RequestIdsDifferingOnlyByTrailingSpacesAreTwoRequests) {
  const Ticket first = this->Create(Draft(), "c4b-x");
  const Ticket second = this->Create(Draft(), "c4b-x ");
  const Ticket third = this->Create(Draft(), "c4b-x  ");
  const Ticket upper = this->Create(Draft(), "C4B-X");
  EXPECT_NE(second.id, first.id);
  EXPECT_NE(third.id, second.id);
  EXPECT_NE(upper.id, first.id);
  EXPECT_EQ(second.overall_serial, first.overall_serial + 1);
  auto again = this->store().Create(Draft(), Key("c4b-x "));
  ASSERT_THAT(again.status(), IsOk());
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(again->ticket.id, second.id);
  EXPECT_THAT(this->store().Create(Draft(), Key("c4b-x ", "other body")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
}

// The same for ForwardTicket's request ids on two tickets, and for the message ids an incoming
// message is deduped by.
TYPED_TEST(TicketStoreContractTest, I4_ForwardIdsDifferingOnlyByTrailingSpacesAreTwoRequests) {
  const Ticket a = this->Create(Draft(), "a");
  const Ticket b = this->Create(Draft(), "b");
  int runs = 0;
  auto bump = [&](Ticket& t) -> absl::StatusOr<std::vector<OutboundMessage>> {
    ++runs;
    t.version += 1;
    return std::vector<OutboundMessage>{};
  };
  MutationOptions forward;
  forward.scope = "ForwardTicket";
  forward.request_key = Key("c4b-fwd", "fwd");
  auto first = this->store().Mutate(a.id, forward, bump);
  ASSERT_THAT(first.status(), IsOk());
  EXPECT_FALSE(first->replayed);
  forward.request_key = Key("c4b-fwd ", "fwd");
  auto second = this->store().Mutate(b.id, forward, bump);
  ASSERT_THAT(second.status(), IsOk());
  EXPECT_FALSE(second->replayed);
  EXPECT_EQ(second->ticket.id, b.id);
  auto replay = this->store().Mutate(b.id, forward, bump);
  ASSERT_THAT(replay.status(), IsOk());
  EXPECT_TRUE(replay->replayed);

  MutationOptions inbox;
  inbox.inbox_source = "routing";
  inbox.inbox_message_id = "m-1";
  ASSERT_THAT(this->store().Mutate(a.id, inbox, bump), IsOk());
  inbox.inbox_message_id = "m-1 ";
  auto spaced = this->store().Mutate(a.id, inbox, bump);
  ASSERT_THAT(spaced.status(), IsOk());
  EXPECT_FALSE(spaced->replayed);
  EXPECT_EQ(runs, 4);
}

TYPED_TEST(TicketStoreContractTest, GetOfAMissingTicketIsNotFound) {
  EXPECT_THAT(this->store().Get(987654),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("987654")));
}

TYPED_TEST(TicketStoreContractTest, MutateSavesTicketHistoryRepliesAndForward) {
  Ticket created = this->Create(Draft(), "a");
  auto result = this->store().Mutate(
      created.id, {}, [&](Ticket& t) -> absl::StatusOr<std::vector<OutboundMessage>> {
        t.status = TicketStatus::kReplied;
        t.forward = Forward{"F1-1",
                            kT0 + absl::Minutes(1),
                            {kT0 + absl::Hours(1), "cn-2026.1"},
                            kT0 + absl::Minutes(2),
                            absl::Seconds(95) + absl::Microseconds(7),
                            "R-9",
                            0};
        t.history.push_back({2, kT0 + absl::Minutes(1), "clerk", "FORWARDED", "F1-1"});
        t.replies.push_back(
            {1, kT0 + absl::Minutes(3), ReplyChannel::kEmail, "service-desk", "答复"});
        t.fields_at_fault = {"device_number", "contact_phone"};
        t.handling_deadline = kT0 + absl::Hours(48);
        t.version = 2;
        return std::vector<OutboundMessage>{{"routing", "ReceiveForwardedTicket", "ticket-1", "x"}};
      });
  ASSERT_THAT(result, IsOk());
  auto loaded = this->store().Get(created.id);
  ASSERT_THAT(loaded, IsOk());
  EXPECT_EQ(loaded->status, TicketStatus::kReplied);
  ASSERT_TRUE(loaded->forward.has_value());
  EXPECT_EQ(loaded->forward->forward_id, "F1-1");
  EXPECT_EQ(loaded->forward->confirmed_at, kT0 + absl::Minutes(2));
  EXPECT_EQ(loaded->forward->receipt_id, "R-9");
  EXPECT_EQ(loaded->forward->working_time_to_confirm, absl::Seconds(95) + absl::Microseconds(7));
  EXPECT_THAT(loaded->history, SizeIs(2));
  ASSERT_THAT(loaded->replies, SizeIs(1));
  EXPECT_EQ(loaded->replies[0].text, "答复");
  EXPECT_THAT(loaded->fields_at_fault, ElementsAre("device_number", "contact_phone"));
  EXPECT_EQ(loaded->handling_deadline, kT0 + absl::Hours(48));
  EXPECT_EQ(loaded->version, 2);
}

TYPED_TEST(TicketStoreContractTest, I5_WorkingTimeToConfirmIsAbsentUntilRecordedThenKept) {
  Ticket created = this->Create(Draft(), "a");
  auto forward = [](absl::optional<absl::Time> confirmed, absl::optional<absl::Duration> working) {
    return [=](Ticket& t) -> absl::StatusOr<std::vector<OutboundMessage>> {
      t.forward = Forward{"F1-1", kT0, t.confirm_deadline, confirmed, working, "", 0};
      return std::vector<OutboundMessage>{};
    };
  };
  ASSERT_THAT(this->store().Mutate(created.id, {}, forward(absl::nullopt, absl::nullopt)), IsOk());
  auto unconfirmed = this->store().Get(created.id);
  ASSERT_THAT(unconfirmed, IsOk());
  ASSERT_TRUE(unconfirmed->forward.has_value());
  EXPECT_FALSE(unconfirmed->forward->working_time_to_confirm.has_value());

  ASSERT_THAT(
      this->store().Mutate(created.id, {}, forward(kT0 + absl::Hours(3), absl::Seconds(3840))),
      IsOk());
  // A later change of something else leaves it as recorded.
  ASSERT_THAT(this->store().Mutate(created.id, {},
                                   [](Ticket& t) -> absl::StatusOr<std::vector<OutboundMessage>> {
                                     t.return_note = "later";
                                     return std::vector<OutboundMessage>{};
                                   }),
              IsOk());
  auto confirmed = this->store().Get(created.id);
  ASSERT_THAT(confirmed, IsOk());
  ASSERT_TRUE(confirmed->forward.has_value());
  EXPECT_EQ(confirmed->forward->working_time_to_confirm, absl::Seconds(3840));
  TicketFilter all;
  auto listed = this->store().List(all, 0, 10);
  ASSERT_THAT(listed, IsOk());
  ASSERT_THAT(listed->tickets, SizeIs(1));
  ASSERT_TRUE(listed->tickets[0].forward.has_value());
  EXPECT_EQ(listed->tickets[0].forward->working_time_to_confirm, absl::Seconds(3840));
}

// A deadline counted past its calendar's horizon stays marked as such (README "Calendar"), on the
// ticket and on its forward, through every read.
TYPED_TEST(TicketStoreContractTest, ProvisionalDeadlinesAreKept) {
  Ticket draft = Draft();
  draft.confirm_deadline.provisional = true;
  Ticket created = this->Create(draft, "a");
  ASSERT_THAT(this->store().Mutate(
                  created.id, {},
                  [](Ticket& t) -> absl::StatusOr<std::vector<OutboundMessage>> {
                    common::Deadline forward_deadline{kT0 + absl::Hours(5), "cn-2026.1", true};
                    t.forward = Forward{"F1-1", kT0, forward_deadline, absl::nullopt, {}, "", 0};
                    return std::vector<OutboundMessage>{};
                  }),
              IsOk());
  auto loaded = this->store().Get(created.id);
  ASSERT_THAT(loaded, IsOk());
  EXPECT_TRUE(loaded->confirm_deadline.provisional);
  ASSERT_TRUE(loaded->forward.has_value());
  EXPECT_EQ(loaded->forward->confirm_deadline,
            (common::Deadline{kT0 + absl::Hours(5), "cn-2026.1", true}));
  auto listed = this->store().List(TicketFilter{}, 0, 10);
  ASSERT_THAT(listed, IsOk());
  ASSERT_THAT(listed->tickets, SizeIs(1));
  EXPECT_TRUE(listed->tickets[0].confirm_deadline.provisional);
  EXPECT_TRUE(listed->tickets[0].forward->confirm_deadline.provisional);

  Ticket plain = this->Create(Draft(), "b");
  auto plain_loaded = this->store().Get(plain.id);
  ASSERT_THAT(plain_loaded, IsOk());
  EXPECT_FALSE(plain_loaded->confirm_deadline.provisional);
}

TYPED_TEST(TicketStoreContractTest, AFailedMutationWritesNothing) {
  Ticket created = this->Create(Draft(), "a");
  auto result = this->store().Mutate(
      created.id, {}, [&](Ticket& t) -> absl::StatusOr<std::vector<OutboundMessage>> {
        t.status = TicketStatus::kClosed;
        t.history.push_back({2, kT0, "clerk", "CLOSED", ""});
        return absl::FailedPreconditionError("refused");
      });
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kFailedPrecondition));
  auto loaded = this->store().Get(created.id);
  ASSERT_THAT(loaded, IsOk());
  EXPECT_EQ(loaded->status, TicketStatus::kRecorded);
  EXPECT_THAT(loaded->history, SizeIs(1));
}

TYPED_TEST(TicketStoreContractTest, MutateWithRequestKeyRunsOnceAndInboxDedupes) {
  Ticket created = this->Create(Draft(), "a");
  int runs = 0;
  auto bump = [&](Ticket& t) -> absl::StatusOr<std::vector<OutboundMessage>> {
    ++runs;
    t.version += 1;
    return std::vector<OutboundMessage>{};
  };
  MutationOptions keyed;
  keyed.request_key = Key("fwd-1", "fwd");
  keyed.scope = "ForwardTicket";
  ASSERT_THAT(this->store().Mutate(created.id, keyed, bump), IsOk());
  auto again = this->store().Mutate(created.id, keyed, bump);
  ASSERT_THAT(again, IsOk());
  EXPECT_TRUE(again->replayed);
  keyed.request_key = Key("fwd-1", "another body");
  EXPECT_THAT(this->store().Mutate(created.id, keyed, bump),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));

  MutationOptions inbox;
  inbox.inbox_message_id = "3f2b8c1e-5d4a-4f6b-9a7c-0e1d2c3b4a59";
  inbox.inbox_source = "routing";
  ASSERT_THAT(this->store().Mutate(created.id, inbox, bump), IsOk());
  auto duplicate = this->store().Mutate(created.id, inbox, bump);
  ASSERT_THAT(duplicate, IsOk());
  EXPECT_TRUE(duplicate->replayed);
  EXPECT_EQ(runs, 2);
}

TYPED_TEST(TicketStoreContractTest, ListFiltersAndPagesNewestFirst) {
  std::vector<int64_t> ids;
  for (int i = 0; i < 5; ++i) {
    Ticket draft = Draft("broadband", "2026-11", kT0 + absl::Minutes(i));
    draft.input.kind = i % 2 == 0 ? TicketKind::kComplaint : TicketKind::kConsultation;
    ids.push_back(this->Create(draft, absl::StrCat("r", i)).id);
  }
  this->Create(Draft("portal"), "p");
  TicketFilter filter;
  filter.unit_id = "broadband";
  auto first = this->store().List(filter, 0, 2);
  ASSERT_THAT(first, IsOk());
  ASSERT_THAT(first->tickets, SizeIs(2));
  EXPECT_EQ(first->tickets[0].id, ids[4]);
  EXPECT_EQ(first->tickets[1].id, ids[3]);
  auto second = this->store().List(filter, first->next_after_id, 2);
  ASSERT_THAT(second, IsOk());
  EXPECT_EQ(second->tickets[0].id, ids[2]);
  auto last = this->store().List(filter, second->next_after_id, 2);
  ASSERT_THAT(last, IsOk());
  EXPECT_THAT(last->tickets, SizeIs(1));
  EXPECT_EQ(last->next_after_id, 0);

  filter.kind = TicketKind::kConsultation;
  filter.received_from = kT0 + absl::Minutes(2);
  auto filtered = this->store().List(filter, 0, 10);
  ASSERT_THAT(filtered, IsOk());
  ASSERT_THAT(filtered->tickets, SizeIs(1));
  EXPECT_EQ(filtered->tickets[0].id, ids[3]);
}

// Newest first means by when intake received a ticket; ids break ties. A ticket can be numbered
// after one received later (two creates racing to the commit queue), and several can share a
// microsecond: paging must neither skip nor repeat any of them.
TYPED_TEST(TicketStoreContractTest, ListOrdersByReceivedTimeThenIdAcrossPages) {
  const int64_t late = this->Create(Draft("broadband", "2026-11", kT0 + absl::Minutes(9)), "a").id;
  const int64_t early = this->Create(Draft("broadband", "2026-11", kT0 + absl::Minutes(1)), "b").id;
  std::vector<int64_t> same_instant;
  for (int i = 0; i < 3; ++i) {
    same_instant.push_back(
        this->Create(Draft("broadband", "2026-11", kT0 + absl::Minutes(5)), absl::StrCat("c", i))
            .id);
  }
  std::vector<int64_t> listed;
  int64_t after_id = 0;
  do {
    auto page = this->store().List(TicketFilter{}, after_id, 2);
    ASSERT_THAT(page, IsOk());
    for (const Ticket& ticket : page->tickets) listed.push_back(ticket.id);
    after_id = page->next_after_id;
  } while (after_id != 0);
  EXPECT_THAT(listed, ElementsAre(late, same_instant[2], same_instant[1], same_instant[0], early));
}

TYPED_TEST(TicketStoreContractTest, ListAfterAnUnknownTicketNamesThePageToken) {
  this->Create(Draft("broadband"), "a");
  EXPECT_THAT(this->store().List(TicketFilter{}, 987654, 10),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("page")));
}

TYPED_TEST(TicketStoreContractTest, I5_AwaitingCountsAndMissesAreClaimedOnce) {
  this->Create(Draft("broadband"), "a");
  Ticket forwarding = this->Create(Draft("broadband"), "b");
  ASSERT_THAT(this->store().Mutate(forwarding.id, {},
                                   [](Ticket& t) -> absl::StatusOr<std::vector<OutboundMessage>> {
                                     t.status = TicketStatus::kForwarding;
                                     t.forward =
                                         Forward{"F-b", kT0, t.confirm_deadline, {}, {}, "", 0};
                                     return std::vector<OutboundMessage>{};
                                   }),
              IsOk());
  auto before = this->store().CountAwaitingConfirmation(kT0 + absl::Minutes(30));
  ASSERT_THAT(before, IsOk());
  int64_t total = 0;
  for (const auto& count : *before) {
    EXPECT_FALSE(count.deadline_passed);
    total += count.count;
  }
  EXPECT_EQ(total, 2);
  auto missed = this->store().ClaimNewlyMissedConfirmations(kT0 + absl::Hours(2), 10);
  ASSERT_THAT(missed, IsOk());
  EXPECT_THAT(*missed, SizeIs(2));
  auto again = this->store().ClaimNewlyMissedConfirmations(kT0 + absl::Hours(3), 10);
  ASSERT_THAT(again, IsOk());
  EXPECT_THAT(*again, SizeIs(0));
  auto after = this->store().CountAwaitingConfirmation(kT0 + absl::Hours(2));
  ASSERT_THAT(after, IsOk());
  for (const auto& count : *after) EXPECT_TRUE(count.deadline_passed);
}

// SPEC I5 for the assessment: each ticket counted once, by its first forward, judged against that
// forward's deadline (on time up to and including it), as of the instant asked; recorded and closed
// by their own instants; the period half-open; other units not at all.
TYPED_TEST(TicketStoreContractTest, I5_MonthlyForwardingStatisticsCountOnTimeLateAndUnconfirmed) {
  const absl::Time from = kT0 - absl::Hours(24);
  const absl::Time until = kT0 + absl::Hours(24 * 10);
  const absl::Time as_of = kT0 + absl::Hours(2);
  const absl::Time deadline = kT0 + absl::Hours(1);
  TicketStore& store = this->store();
  auto save = [&](int64_t id, std::string forward_id, absl::Time forwarded_at,
                  absl::Time forward_deadline, absl::optional<absl::Time> confirmed_at) {
    ASSERT_THAT(store.Mutate(id, {},
                             [&](Ticket& t) -> absl::StatusOr<std::vector<OutboundMessage>> {
                               t.status = confirmed_at.has_value() ? TicketStatus::kReceived
                                                                   : TicketStatus::kForwarding;
                               t.forward = Forward{forward_id,
                                                   forwarded_at,
                                                   {forward_deadline, "cn-2026.1"},
                                                   confirmed_at,
                                                   {},
                                                   confirmed_at.has_value() ? "R" : "",
                                                   0};
                               return std::vector<OutboundMessage>{};
                             }),
                IsOk())
        << forward_id;
  };
  auto special = [] {
    Ticket draft = Draft();
    draft.input.special_request = true;
    return draft;
  };
  // Confirmed exactly at the deadline: on time.
  Ticket a = this->Create(Draft(), "a");
  save(a.id, "F-a-1", kT0 + absl::Minutes(1), deadline, deadline);
  // A second late: late.
  Ticket b = this->Create(Draft(), "b");
  save(b.id, "F-b-1", kT0 + absl::Minutes(2), deadline, deadline + absl::Seconds(1));
  // Unconfirmed, deadline before as_of: passed (a special request, not on time).
  Ticket c = this->Create(special(), "c");
  save(c.id, "F-c-1", kT0 + absl::Minutes(3), deadline, absl::nullopt);
  // Unconfirmed, deadline exactly as_of: not yet passed.
  Ticket d = this->Create(Draft(), "d");
  save(d.id, "F-d-1", kT0 + absl::Minutes(4), as_of, absl::nullopt);
  // A special request confirmed on time.
  Ticket e = this->Create(special(), "e");
  save(e.id, "F-e-1", kT0 + absl::Minutes(5), deadline, kT0 + absl::Minutes(6));
  // Confirmed on time, returned, forwarded again and not confirmed: counted once, by the first.
  Ticket f = this->Create(Draft(), "f");
  save(f.id, "F-f-1", kT0 + absl::Minutes(7), deadline, kT0 + absl::Minutes(8));
  save(f.id, "F-f-2", kT0 + absl::Minutes(30), kT0 + absl::Minutes(90), absl::nullopt);
  // Never forwarded; closed in the period.
  Ticket g = this->Create(Draft(), "g");
  ASSERT_THAT(store.Mutate(g.id, {},
                           [&](Ticket& t) -> absl::StatusOr<std::vector<OutboundMessage>> {
                             t.status = TicketStatus::kClosed;
                             t.closed_at = kT0 + absl::Hours(3);
                             return std::vector<OutboundMessage>{};
                           }),
              IsOk());
  // Recorded before the period, first forwarded at its very start, confirmed late.
  Ticket h = this->Create(Draft("broadband", "2026-11", from - absl::Hours(5)), "h");
  save(h.id, "F-h-1", from, from + absl::Hours(1), from + absl::Hours(2));
  // First forwarded before the period, forwarded again within it: not this period's.
  Ticket i = this->Create(Draft("broadband", "2026-11", from - absl::Hours(3)), "i");
  save(i.id, "F-i-1", from - absl::Hours(2), from - absl::Hours(1), from - absl::Hours(2));
  save(i.id, "F-i-2", kT0, deadline, kT0 + absl::Minutes(1));
  // Forwarded at the period's end (exclusive), and closed then: the next period's.
  Ticket k = this->Create(Draft(), "k");
  save(k.id, "F-k-1", until, until + absl::Hours(1), absl::nullopt);
  ASSERT_THAT(store.Mutate(k.id, {},
                           [&](Ticket& t) -> absl::StatusOr<std::vector<OutboundMessage>> {
                             t.closed_at = until;
                             return std::vector<OutboundMessage>{};
                           }),
              IsOk());
  // Another unit's ticket.
  Ticket portal = this->Create(Draft("portal"), "portal");
  save(portal.id, "F-p-1", kT0, deadline, kT0);

  auto counts = store.CountForwarding("broadband", from, until, as_of);
  ASSERT_THAT(counts, IsOk());
  ForwardingCounts expected;
  expected.recorded = 8;                            // a b c d e f g k
  expected.forwarded = 7;                           // a b c d e f h
  expected.confirmed_on_time = 3;                   // a e f
  expected.confirmed_late = 2;                      // b h
  expected.unconfirmed_deadline_passed = 1;         // c
  expected.unconfirmed_deadline_not_passed = 1;     // d
  expected.special_requests = 2;                    // c e
  expected.special_requests_confirmed_on_time = 1;  // e
  expected.closed = 1;                              // g
  EXPECT_EQ(*counts, expected);

  // Later, d's deadline has passed; a confirmation of the second forward of f changes nothing.
  save(f.id, "F-f-2", kT0 + absl::Minutes(30), kT0 + absl::Minutes(90), kT0 + absl::Hours(4));
  auto later = store.CountForwarding("broadband", from, until, as_of + absl::Microseconds(1));
  ASSERT_THAT(later, IsOk());
  expected.unconfirmed_deadline_passed = 2;
  expected.unconfirmed_deadline_not_passed = 0;
  EXPECT_EQ(*later, expected);

  auto other = store.CountForwarding("portal", from, until, as_of);
  ASSERT_THAT(other, IsOk());
  EXPECT_EQ(other->recorded, 1);
  EXPECT_EQ(other->confirmed_on_time, 1);
  auto none = store.CountForwarding("nobody", from, until, as_of);
  ASSERT_THAT(none, IsOk());
  EXPECT_EQ(*none, ForwardingCounts{});
}

TYPED_TEST(TicketStoreContractTest, I3_ConcurrentCreatesGetUniqueGapFreeSerials) {
  constexpr int kThreads = 8;
  constexpr int kEach = 25;
  std::vector<std::thread> threads;
  std::vector<std::vector<int64_t>> serials(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto created = this->store().Create(Draft(), Key(absl::StrCat("c-", t, "-", i)));
        if (created.ok()) serials[t].push_back(created->ticket.overall_serial);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  std::vector<int64_t> all;
  for (const auto& some : serials) all.insert(all.end(), some.begin(), some.end());
  std::sort(all.begin(), all.end());
  ASSERT_THAT(all, SizeIs(kThreads * kEach));
  for (size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i], static_cast<int64_t>(i) + 1);
}

// MySQL only: each process numbers new tickets from what it last committed (serial_book.h); the
// tickets' unique keys make a process that fell behind renumber instead of repeating or skipping.
TEST(MySqlTicketStoreTest, I3_TwoProcessesOnOneDatabaseNumberWithoutGapsOrRepeats) {
  ASSERT_OK_AND_ASSIGN(auto database, common::testing::TestDatabase::Create());
  ASSERT_OK_AND_ASSIGN(auto pool, database->CreatePool(8));
  ASSERT_OK(common::db::ApplyMigrations(
      *pool, {&common::db::common_schema::Migrations(), &schema::Migrations()}));
  common::ManualClock clock(kT0);
  MySqlTicketStore first(*pool, clock);
  MySqlTicketStore second(*pool, clock);
  constexpr int kThreadsPerStore = 4;
  constexpr int kEach = 30;
  absl::Mutex mutex;
  std::vector<int64_t> overall;
  std::vector<int64_t> monthly;
  std::vector<int64_t> ids;
  std::vector<absl::Status> failures;
  std::vector<std::thread> threads;
  for (int t = 0; t < 2 * kThreadsPerStore; ++t) {
    MySqlTicketStore& store = t % 2 == 0 ? first : second;
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto created = store.Create(Draft(), Key(absl::StrCat("p-", t, "-", i)));
        absl::MutexLock lock(&mutex);
        if (!created.ok()) {
          failures.push_back(created.status());
          continue;
        }
        overall.push_back(created->ticket.overall_serial);
        monthly.push_back(created->ticket.month_serial);
        ids.push_back(created->ticket.id);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_THAT(failures, SizeIs(0));
  std::sort(overall.begin(), overall.end());
  std::sort(monthly.begin(), monthly.end());
  ASSERT_THAT(overall, SizeIs(2 * kThreadsPerStore * kEach));
  for (size_t i = 0; i < overall.size(); ++i) {
    EXPECT_EQ(overall[i], static_cast<int64_t>(i) + 1);
    EXPECT_EQ(monthly[i], static_cast<int64_t>(i) + 1);
  }
  // What was answered is what was stored (ids are not dense: a refused INSERT uses some up).
  ASSERT_FALSE(ids.empty());
  auto stored = second.Get(ids.front());
  ASSERT_THAT(stored, IsOk());
  ASSERT_EQ(stored->history.size(), 1u);
  EXPECT_EQ(stored->history[0].event, kCreatedEvent);
  EXPECT_EQ(stored->history[0].actor, "clerk");
}

}  // namespace
}  // namespace cs::intake
