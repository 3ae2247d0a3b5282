// The RoutingStore contract, run against both implementations: the MySQL store on the real MariaDB
// of tests/run.sh, and the in-memory one the core's unit tests use. Concurrency cases prove what
// several routing processes on one database rely on: one receipt per forward, one lease per
// delivery, one reminder per due order.
#include <cppconn/resultset.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <thread>

#include "absl/strings/str_cat.h"
#include "common/db/common_schema.h"
#include "common/db/migration_runner.h"
#include "common/db/transaction.h"
#include "common/testing/status_matchers.h"
#include "common/testing/test_database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/routing/domain/routing_lifecycle.h"
#include "services/routing/domain/routing_test_support.h"
#include "services/routing/migrations.h"
#include "services/routing/store/in_memory_routing_store.h"
#include "services/routing/store/mysql_routing_store.h"

namespace cs::routing {
namespace {

using ::cs::common::testing::IsOk;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using ::testing::UnorderedElementsAreArray;

const absl::Time kNow = ShanghaiTime(2026, 3, 2, 10, 0);

class InMemoryFixture {
 public:
  absl::Status SetUp() { return absl::OkStatus(); }
  RoutingStore& store() { return store_; }
  std::vector<OutboundMessage> Outbox() { return store_.outbox(); }

 private:
  InMemoryRoutingStore store_;
};

class MySqlFixture {
 public:
  absl::Status SetUp() {
    absl::StatusOr<std::unique_ptr<common::testing::TestDatabase>> database =
        common::testing::TestDatabase::Create();
    if (!database.ok()) return database.status();
    database_ = *std::move(database);
    absl::StatusOr<std::unique_ptr<common::db::ConnectionPool>> pool = database_->CreatePool(8);
    if (!pool.ok()) return pool.status();
    pool_ = *std::move(pool);
    absl::Status migrated = common::db::ApplyMigrations(
        *pool_, {&common::db::common_schema::Migrations(), &schema::Migrations()});
    if (!migrated.ok()) return migrated;
    store_ = std::make_unique<MySqlRoutingStore>(*pool_, clock_);
    return absl::OkStatus();
  }
  RoutingStore& store() { return *store_; }
  std::vector<OutboundMessage> Outbox() {
    std::vector<OutboundMessage> messages;
    absl::Status read = common::db::RunInTransaction(*pool_, [&](common::db::Transaction& tx) {
      auto select =
          tx.Prepare("SELECT destination, kind, ordering_key, payload FROM outbox ORDER BY id");
      std::unique_ptr<sql::ResultSet> rs(select->executeQuery());
      while (rs->next()) {
        messages.push_back(
            {std::string(rs->getString("destination")), std::string(rs->getString("kind")),
             std::string(rs->getString("ordering_key")), std::string(rs->getString("payload"))});
      }
      return absl::OkStatus();
    });
    EXPECT_THAT(read, IsOk());
    return messages;
  }

 private:
  common::ManualClock clock_{kNow};
  std::unique_ptr<common::testing::TestDatabase> database_;
  std::unique_ptr<common::db::ConnectionPool> pool_;
  std::unique_ptr<MySqlRoutingStore> store_;
};

template <typename Fixture>
class RoutingStoreContractTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_THAT(fixture_.SetUp(), IsOk()); }

  RoutingStore& store() { return fixture_.store(); }

  RoutedTicket Draft(int64_t ticket_id, const std::string& forward_id = "") {
    Suggestion suggestion;
    suggestion.decision = Decision::kInternalDispatch;
    suggestion.unit_id = "broadband";
    suggestion.business_line = "broadband";
    suggestion.matched_keywords = {"宽带", "断网, 网速"};
    suggestion.basis = "keywords";
    ForwardedTicket ticket = testing::CompleteForward(ticket_id);
    return NewRoutedTicket(forward_id.empty() ? absl::StrCat("F", ticket_id, "-1") : forward_id,
                           ticket, suggestion, kNow);
  }

  RoutedTicket Received(int64_t ticket_id, const std::string& forward_id = "") {
    absl::StatusOr<ReceiveResult> result = store().Receive(Draft(ticket_id, forward_id));
    EXPECT_THAT(result, IsOk());
    return result.ok() ? result->routed : RoutedTicket{};
  }

  // Applies `input` to a stored routed ticket, with one message for intake.
  absl::StatusOr<MutationResult> Decide(int64_t id, const DecisionInput& input,
                                        absl::Time deadline = ShanghaiTime(2026, 3, 9, 17, 30),
                                        bool provisional_deadline = false) {
    return store().Mutate(
        id, {}, [&](RoutedTicket& routed) -> absl::StatusOr<std::vector<OutboundMessage>> {
          DecisionContext context;
          context.now = kNow;
          context.actor = "desk";
          context.units = &units_;
          context.letters = &letters_;
          context.zone = common::testing::ShanghaiTimeZone();
          context.order_deadline = {deadline, "cn-2026.1", provisional_deadline};
          context.working_time_to_decide = absl::Minutes(30);
          absl::StatusOr<std::vector<OutcomeReport>> reports =
              ApplyDecision(routed, input, context);
          if (!reports.ok()) return reports.status();
          return std::vector<OutboundMessage>{{"intake", "ReportTicketOutcome",
                                               absl::StrCat("ticket-", routed.ticket.ticket_id),
                                               absl::StrCat("decided ", routed.forward_id)}};
        });
  }

  DecisionInput Dispatch(const std::string& unit = "broadband") {
    DecisionInput input;
    input.decision = Decision::kInternalDispatch;
    input.unit_id = unit;
    input.reason = "r";
    return input;
  }

  DecisionInput Escalate() {
    DecisionInput input;
    input.decision = Decision::kEscalateToTelecom;
    input.reason = "telecom business";
    return input;
  }

  ReminderPlanner Planner(absl::Time next, bool with_delivery = true) {
    return
        [next, with_delivery](const OrderView& view, int sequence) -> absl::StatusOr<ReminderPlan> {
          ReminderPlan plan;
          plan.next_reminder_at = next;
          plan.recipient = absl::StrCat(view.order.unit_id, "@example.cn");
          if (with_delivery) {
            Delivery delivery;
            delivery.purpose = DeliveryPurpose::kOverdueReminder;
            delivery.channel = ReplyChannel::kEmail;
            delivery.recipient = plan.recipient;
            delivery.subject = absl::StrCat("reminder ", sequence);
            delivery.text = view.ticket.problem;
            delivery.created_at = kNow;
            plan.delivery = delivery;
          }
          return plan;
        };
  }

  common::UnitDirectory units_ = testing::TestUnits();
  ReplyLetters letters_{units_};
  Fixture fixture_;
};

using Fixtures = ::testing::Types<InMemoryFixture, MySqlFixture>;
TYPED_TEST_SUITE(RoutingStoreContractTest, Fixtures);

TYPED_TEST(RoutingStoreContractTest, I4_ReceiveStoresOncePerForwardId) {
  RoutedTicket draft = this->Draft(42);
  ASSERT_OK_AND_ASSIGN(ReceiveResult first, this->store().Receive(draft));
  EXPECT_FALSE(first.duplicate);
  EXPECT_GT(first.routed.id, 0);
  ASSERT_OK_AND_ASSIGN(ReceiveResult again, this->store().Receive(this->Draft(42)));
  EXPECT_TRUE(again.duplicate);
  EXPECT_EQ(again.routed.id, first.routed.id);
  EXPECT_THAT(this->store().Receive(this->Draft(43, "F42-1")),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("F42-1")));

  ASSERT_OK_AND_ASSIGN(RoutedTicket stored, this->store().Get(first.routed.id));
  EXPECT_EQ(stored.forward_id, "F42-1");
  EXPECT_EQ(stored.ticket, draft.ticket);
  EXPECT_EQ(stored.suggestion, draft.suggestion);
  EXPECT_EQ(stored.received_at, kNow);
  EXPECT_EQ(stored.status, RoutedStatus::kReceived);
  EXPECT_EQ(stored.reply_channel, ReplyChannel::kEmail);
  EXPECT_EQ(stored.history, draft.history);
  EXPECT_FALSE(stored.decision.has_value());
  EXPECT_THAT(this->store().Get(first.routed.id + 100), StatusIs(absl::StatusCode::kNotFound));
}

TYPED_TEST(RoutingStoreContractTest, I4_ConcurrentReceiptsOfOneForwardStoreItOnce) {
  constexpr int kThreads = 8;
  std::vector<absl::StatusOr<ReceiveResult>> results(kThreads, absl::UnknownError("not run"));
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back(
        [this, i, &results] { results[i] = this->store().Receive(this->Draft(7)); });
  }
  for (std::thread& thread : threads) thread.join();
  int firsts = 0;
  for (const auto& result : results) {
    ASSERT_THAT(result, IsOk());
    firsts += result->duplicate ? 0 : 1;
    EXPECT_EQ(result->routed.id, results[0]->routed.id);
  }
  EXPECT_EQ(firsts, 1);
  ASSERT_OK_AND_ASSIGN(RoutedTicketPage page, this->store().List({}, 0, 10));
  EXPECT_THAT(page.routed_tickets, SizeIs(1));
}

TYPED_TEST(RoutingStoreContractTest, R3_MutateSavesTheDecisionItsOrdersDeliveriesAndMessages) {
  RoutedTicket received = this->Received(42);
  ASSERT_OK_AND_ASSIGN(MutationResult result, this->Decide(received.id, this->Escalate()));
  EXPECT_FALSE(result.replayed);
  const RoutedTicket& routed = result.routed;
  ASSERT_THAT(routed.orders, SizeIs(1));
  EXPECT_GT(routed.orders[0].id, 0);
  ASSERT_THAT(routed.deliveries, SizeIs(2));
  EXPECT_GT(routed.deliveries[0].id, 0);
  EXPECT_NE(routed.deliveries[0].id, routed.deliveries[1].id);
  // The escalation and the letter belong to the order created with them.
  EXPECT_EQ(routed.deliveries[0].order_id, routed.orders[0].id);
  EXPECT_EQ(routed.deliveries[0].order_index, -1);

  ASSERT_OK_AND_ASSIGN(RoutedTicket stored, this->store().Get(received.id));
  EXPECT_EQ(stored.status, RoutedStatus::kInHandling);
  ASSERT_TRUE(stored.decision.has_value());
  EXPECT_EQ(*stored.decision, *routed.decision);
  EXPECT_EQ(stored.orders, routed.orders);
  EXPECT_EQ(stored.deliveries, routed.deliveries);
  EXPECT_EQ(stored.history, routed.history);
  EXPECT_EQ(stored.version, routed.version);
  EXPECT_THAT(this->fixture_.Outbox(), ElementsAre(OutboundMessage{"intake", "ReportTicketOutcome",
                                                                   "ticket-42", "decided F42-1"}));
  ASSERT_OK_AND_ASSIGN(int64_t owner, this->store().RoutedTicketOfOrder(routed.orders[0].id));
  EXPECT_EQ(owner, received.id);
  ASSERT_OK_AND_ASSIGN(owner, this->store().RoutedTicketOfDelivery(routed.deliveries[1].id));
  EXPECT_EQ(owner, received.id);
  EXPECT_THAT(this->store().RoutedTicketOfOrder(routed.orders[0].id + 100),
              StatusIs(absl::StatusCode::kNotFound));
}

TYPED_TEST(RoutingStoreContractTest, R4_ReturnDecisionRoundTripsItsLists) {
  RoutedTicket received = this->Received(42);
  DecisionInput input;
  input.decision = Decision::kReturn;
  input.reason = "wrong";
  input.return_reason = ReturnReason::kContentIncorrect;
  input.fields_at_fault = {"device_number", "contact_phone"};
  input.return_note = "请核对";
  ASSERT_OK_AND_ASSIGN(MutationResult result, this->Decide(received.id, input));
  ASSERT_OK_AND_ASSIGN(RoutedTicket stored, this->store().Get(received.id));
  EXPECT_EQ(stored.status, RoutedStatus::kReturned);
  EXPECT_EQ(*stored.decision, *result.routed.decision);
  EXPECT_THAT(stored.decision->fields_at_fault, ElementsAre("device_number", "contact_phone"));
}

TYPED_TEST(RoutingStoreContractTest, R1_RequestIdReplaysTheFirstAnswer) {
  RoutedTicket a = this->Received(1);
  RoutedTicket b = this->Received(2);
  MutationOptions options;
  options.request_key = RequestKey{"req-1", "fp-1"};
  options.scope = "DecideTicket";
  int runs = 0;
  auto mutation = [&runs](RoutedTicket& routed) -> absl::StatusOr<std::vector<OutboundMessage>> {
    ++runs;
    routed.status = RoutedStatus::kInHandling;
    return std::vector<OutboundMessage>{{"intake", "k", "key", "payload"}};
  };
  ASSERT_OK_AND_ASSIGN(MutationResult first, this->store().Mutate(a.id, options, mutation));
  EXPECT_FALSE(first.replayed);
  ASSERT_OK_AND_ASSIGN(MutationResult replay, this->store().Mutate(a.id, options, mutation));
  EXPECT_TRUE(replay.replayed);
  EXPECT_EQ(replay.routed.status, RoutedStatus::kInHandling);
  EXPECT_EQ(runs, 1);
  EXPECT_THAT(this->fixture_.Outbox(), SizeIs(1));
  EXPECT_THAT(this->store().Mutate(b.id, options, mutation),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  options.request_key->fingerprint = "fp-2";
  EXPECT_THAT(this->store().Mutate(a.id, options, mutation),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  options.request_key->request_id = "";
  EXPECT_THAT(this->store().Mutate(a.id, options, mutation),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  // A scope keeps another method's ids apart.
  options.request_key = RequestKey{"req-1", "fp-other"};
  options.scope = "ReplyToDispatchOrder";
  ASSERT_OK_AND_ASSIGN(MutationResult other, this->store().Mutate(a.id, options, mutation));
  EXPECT_FALSE(other.replayed);
}

// Identifiers compare byte for byte (issue 10): forward ids and request ids that differ only by
// trailing spaces are different forwards and requests.
TYPED_TEST(RoutingStoreContractTest, I4_IdsDifferingOnlyByTrailingSpacesAreDistinct) {
  ASSERT_OK_AND_ASSIGN(ReceiveResult a, this->store().Receive(this->Draft(42, "c4b-fwd")));
  ASSERT_OK_AND_ASSIGN(ReceiveResult b, this->store().Receive(this->Draft(43, "c4b-fwd ")));
  EXPECT_FALSE(b.duplicate);
  EXPECT_NE(b.routed.id, a.routed.id);
  ASSERT_OK_AND_ASSIGN(RoutedTicket stored, this->store().Get(b.routed.id));
  EXPECT_EQ(stored.forward_id, "c4b-fwd ");
  EXPECT_EQ(stored.ticket.ticket_id, 43);
  ASSERT_OK_AND_ASSIGN(ReceiveResult again, this->store().Receive(this->Draft(43, "c4b-fwd ")));
  EXPECT_TRUE(again.duplicate);
  EXPECT_EQ(again.routed.id, b.routed.id);

  MutationOptions options;
  options.scope = "DecideTicket";
  options.request_key = RequestKey{"c4b-req", "fp"};
  int runs = 0;
  auto mutation = [&runs](RoutedTicket&) -> absl::StatusOr<std::vector<OutboundMessage>> {
    ++runs;
    return std::vector<OutboundMessage>{};
  };
  ASSERT_OK_AND_ASSIGN(MutationResult first, this->store().Mutate(a.routed.id, options, mutation));
  EXPECT_FALSE(first.replayed);
  options.request_key = RequestKey{"c4b-req ", "fp"};
  ASSERT_OK_AND_ASSIGN(MutationResult second, this->store().Mutate(b.routed.id, options, mutation));
  EXPECT_FALSE(second.replayed);
  EXPECT_EQ(runs, 2);
}

TYPED_TEST(RoutingStoreContractTest, R1_AFailedMutationLeavesNothing) {
  RoutedTicket routed = this->Received(1);
  EXPECT_THAT(
      this->store().Mutate(routed.id, {},
                           [](RoutedTicket& r) -> absl::StatusOr<std::vector<OutboundMessage>> {
                             r.status = RoutedStatus::kReturned;
                             r.orders.push_back(DispatchOrder{});
                             return absl::FailedPreconditionError("no");
                           }),
      StatusIs(absl::StatusCode::kFailedPrecondition));
  ASSERT_OK_AND_ASSIGN(RoutedTicket stored, this->store().Get(routed.id));
  EXPECT_EQ(stored.status, RoutedStatus::kReceived);
  EXPECT_THAT(stored.orders, IsEmpty());
  EXPECT_THAT(this->fixture_.Outbox(), IsEmpty());
  EXPECT_THAT(this->store().Mutate(routed.id + 100, {},
                                   [](RoutedTicket&) {
                                     return absl::StatusOr<std::vector<OutboundMessage>>(
                                         std::vector<OutboundMessage>{});
                                   }),
              StatusIs(absl::StatusCode::kNotFound));
}

TYPED_TEST(RoutingStoreContractTest, R2_ChangedOrdersAndDeliveriesAreSaved) {
  RoutedTicket received = this->Received(1);
  ASSERT_OK_AND_ASSIGN(MutationResult decided, this->Decide(received.id, this->Dispatch()));
  const int64_t order_id = decided.routed.orders[0].id;
  const absl::Time later = kNow + absl::Hours(2);
  ASSERT_OK_AND_ASSIGN(
      MutationResult replied,
      this->store().Mutate(
          received.id, {}, [&](RoutedTicket& r) -> absl::StatusOr<std::vector<OutboundMessage>> {
            absl::Status accepted = AcceptOrder(r, order_id, "bb", later);
            if (!accepted.ok()) return accepted;
            absl::Status reply = ReplyToOrder(r, order_id, "修好了", "bb", later, this->letters_);
            if (!reply.ok()) return reply;
            return std::vector<OutboundMessage>{};
          }));
  ASSERT_OK_AND_ASSIGN(RoutedTicket stored, this->store().Get(received.id));
  EXPECT_EQ(stored.orders, replied.routed.orders);
  EXPECT_EQ(stored.orders[0].status, OrderStatus::kReplied);
  EXPECT_EQ(stored.orders[0].replied_at, later);
  ASSERT_THAT(stored.deliveries, SizeIs(1));
  EXPECT_EQ(stored.deliveries[0].order_id, order_id);
  EXPECT_EQ(stored.deliveries, replied.routed.deliveries);
}

TYPED_TEST(RoutingStoreContractTest, I4_ListFiltersAndPagesNewestFirst) {
  RoutedTicket a = this->Received(1, "F1-1");
  RoutedTicket b = this->Received(2, "F2-1");
  RoutedTicket c = this->Received(1, "F1-2");
  DecisionInput input;
  input.decision = Decision::kReturn;
  input.reason = "x";
  input.return_reason = ReturnReason::kNotTelecomBusiness;
  ASSERT_THAT(this->Decide(a.id, input), IsOk());
  ASSERT_OK_AND_ASSIGN(RoutedTicketPage first, this->store().List({}, 0, 2));
  ASSERT_THAT(first.routed_tickets, SizeIs(2));
  EXPECT_EQ(first.routed_tickets[0].id, c.id);
  EXPECT_EQ(first.routed_tickets[1].id, b.id);
  EXPECT_THAT(first.routed_tickets[0].history, IsEmpty());
  EXPECT_EQ(first.next_after_id, b.id);
  ASSERT_OK_AND_ASSIGN(RoutedTicketPage second, this->store().List({}, first.next_after_id, 2));
  ASSERT_THAT(second.routed_tickets, SizeIs(1));
  EXPECT_EQ(second.routed_tickets[0].id, a.id);
  EXPECT_EQ(second.next_after_id, 0);
  RoutedTicketFilter of_ticket;
  of_ticket.ticket_id = 1;
  ASSERT_OK_AND_ASSIGN(RoutedTicketPage ticket_one, this->store().List(of_ticket, 0, 10));
  EXPECT_THAT(ticket_one.routed_tickets, SizeIs(2));
  RoutedTicketFilter returned;
  returned.status = RoutedStatus::kReturned;
  returned.origin_unit_id = "portal";
  ASSERT_OK_AND_ASSIGN(RoutedTicketPage returned_page, this->store().List(returned, 0, 10));
  ASSERT_THAT(returned_page.routed_tickets, SizeIs(1));
  EXPECT_EQ(returned_page.routed_tickets[0].id, a.id);
  EXPECT_EQ(returned_page.routed_tickets[0].decision->return_reason,
            ReturnReason::kNotTelecomBusiness);
}

TYPED_TEST(RoutingStoreContractTest, R6_ListOrdersFiltersAndCarriesTheTicket) {
  ASSERT_OK_AND_ASSIGN(MutationResult bb, this->Decide(this->Received(1).id, this->Dispatch()));
  ASSERT_OK_AND_ASSIGN(MutationResult idc, this->Decide(this->Received(2).id, this->Dispatch("idc"),
                                                        kNow + absl::Hours(1)));
  ASSERT_OK_AND_ASSIGN(MutationResult tc, this->Decide(this->Received(3).id, this->Escalate()));
  ASSERT_OK_AND_ASSIGN(OrderPage all, this->store().ListOrders({}, 0, 2));
  ASSERT_THAT(all.orders, SizeIs(2));
  EXPECT_EQ(all.orders[0].order.id, bb.routed.orders[0].id);
  EXPECT_EQ(all.orders[0].routed_ticket_id, bb.routed.id);
  EXPECT_EQ(all.orders[0].ticket.ticket_id, 1);
  EXPECT_EQ(all.orders[0].ticket.problem, testing::CompleteForward().problem);
  ASSERT_OK_AND_ASSIGN(OrderPage rest, this->store().ListOrders({}, all.next_after_id, 2));
  ASSERT_THAT(rest.orders, SizeIs(1));
  EXPECT_EQ(rest.orders[0].order.id, tc.routed.orders[0].id);
  OrderFilter filter;
  filter.unit_id = "idc";
  ASSERT_OK_AND_ASSIGN(OrderPage of_idc, this->store().ListOrders(filter, 0, 10));
  ASSERT_THAT(of_idc.orders, SizeIs(1));
  EXPECT_EQ(of_idc.orders[0].order, idc.routed.orders[0]);
  filter = {};
  filter.open_only = true;
  filter.deadline_before = kNow + absl::Hours(2);
  ASSERT_OK_AND_ASSIGN(OrderPage overdue, this->store().ListOrders(filter, 0, 10));
  ASSERT_THAT(overdue.orders, SizeIs(1));
  EXPECT_EQ(overdue.orders[0].order.unit_id, "idc");
  filter = {};
  filter.kind = DispatchKind::kTelecom;
  ASSERT_OK_AND_ASSIGN(OrderPage telecom, this->store().ListOrders(filter, 0, 10));
  ASSERT_THAT(telecom.orders, SizeIs(1));
  EXPECT_EQ(telecom.orders[0].order.unit_id, "telecom");
}

// An order deadline counted past its calendar's horizon stays marked as such (README "Calendar")
// through every read; others stay unmarked.
TYPED_TEST(RoutingStoreContractTest, R2_ProvisionalOrderDeadlineIsKept) {
  ASSERT_OK_AND_ASSIGN(MutationResult past, this->Decide(this->Received(1).id, this->Dispatch(),
                                                         ShanghaiTime(2027, 1, 8, 17, 30),
                                                         /*provisional_deadline=*/true));
  ASSERT_OK_AND_ASSIGN(MutationResult covered,
                       this->Decide(this->Received(2).id, this->Dispatch()));
  ASSERT_THAT(past.routed.orders, SizeIs(1));
  EXPECT_TRUE(past.routed.orders[0].deadline.provisional);
  ASSERT_OK_AND_ASSIGN(RoutedTicket stored, this->store().Get(past.routed.id));
  ASSERT_THAT(stored.orders, SizeIs(1));
  EXPECT_EQ(stored.orders[0].deadline,
            (common::Deadline{ShanghaiTime(2027, 1, 8, 17, 30), "cn-2026.1", true}));
  ASSERT_OK_AND_ASSIGN(OrderPage all, this->store().ListOrders({}, 0, 10));
  ASSERT_THAT(all.orders, SizeIs(2));
  EXPECT_TRUE(all.orders[0].order.deadline.provisional);
  EXPECT_FALSE(all.orders[1].order.deadline.provisional);
  EXPECT_EQ(all.orders[1].order, covered.routed.orders[0]);
}

TYPED_TEST(RoutingStoreContractTest, R7_LeasesAreExclusiveAndExpire) {
  ASSERT_OK_AND_ASSIGN(MutationResult a, this->Decide(this->Received(1).id, this->Escalate()));
  ASSERT_OK_AND_ASSIGN(MutationResult b, this->Decide(this->Received(2).id, this->Escalate()));
  // Each escalation: one email to the telecom company and one letter to the user by email.
  ASSERT_OK_AND_ASSIGN(
      std::vector<DeliveryView> sms,
      this->store().LeaseDeliveries(ReplyChannel::kSms, kNow, absl::Minutes(1), 10));
  EXPECT_THAT(sms, IsEmpty());
  ASSERT_OK_AND_ASSIGN(
      std::vector<DeliveryView> first,
      this->store().LeaseDeliveries(ReplyChannel::kEmail, kNow, absl::Minutes(1), 3));
  ASSERT_THAT(first, SizeIs(3));
  EXPECT_EQ(first[0].delivery.id, a.routed.deliveries[0].id);
  EXPECT_EQ(first[0].delivery.offers, 1);
  EXPECT_EQ(first[0].delivery.lease_expires_at, kNow + absl::Minutes(1));
  EXPECT_EQ(first[0].routed_ticket_id, a.routed.id);
  EXPECT_EQ(first[0].ticket_id, 1);
  ASSERT_OK_AND_ASSIGN(
      std::vector<DeliveryView> second,
      this->store().LeaseDeliveries(ReplyChannel::kEmail, kNow, absl::Minutes(1), 3));
  ASSERT_THAT(second, SizeIs(1));
  EXPECT_EQ(second[0].delivery.id, b.routed.deliveries[1].id);

  DeliveryFilter leased;
  leased.state = DeliveryState::kLeased;
  leased.now = kNow;
  ASSERT_OK_AND_ASSIGN(DeliveryPage leased_page, this->store().ListDeliveries(leased, 0, 10));
  EXPECT_THAT(leased_page.deliveries, SizeIs(4));
  ASSERT_OK_AND_ASSIGN(std::vector<DeliveryView> none,
                       this->store().LeaseDeliveries(ReplyChannel::kEmail, kNow + absl::Seconds(59),
                                                     absl::Minutes(1), 10));
  EXPECT_THAT(none, IsEmpty());
  ASSERT_OK_AND_ASSIGN(std::vector<DeliveryView> again,
                       this->store().LeaseDeliveries(ReplyChannel::kEmail, kNow + absl::Minutes(1),
                                                     absl::Minutes(1), 10));
  ASSERT_THAT(again, SizeIs(4));
  EXPECT_EQ(again[0].delivery.offers, 2);
  ASSERT_OK_AND_ASSIGN(RoutedTicket stored, this->store().Get(a.routed.id));
  EXPECT_EQ(stored.deliveries[0].offers, 2);
  EXPECT_EQ(LeaseToken(stored.deliveries[0]), LeaseToken(again[0].delivery));
  ASSERT_OK_AND_ASSIGN(std::vector<WaitingDeliveryCount> waiting,
                       this->store().CountWaitingDeliveries());
  EXPECT_THAT(waiting, ElementsAre(WaitingDeliveryCount{ReplyChannel::kEmail, 4}));
}

TYPED_TEST(RoutingStoreContractTest, R7_ConcurrentPullsNeverShareADelivery) {
  for (int i = 1; i <= 10; ++i) {
    ASSERT_THAT(this->Decide(this->Received(i).id, this->Escalate()), IsOk());
  }
  constexpr int kThreads = 4;
  std::vector<std::vector<int64_t>> taken(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([this, t, &taken] {
      while (true) {
        absl::StatusOr<std::vector<DeliveryView>> leased =
            this->store().LeaseDeliveries(ReplyChannel::kEmail, kNow, absl::Minutes(5), 3);
        ASSERT_THAT(leased, IsOk());
        if (leased->empty()) return;
        for (const DeliveryView& view : *leased) taken[t].push_back(view.delivery.id);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  std::vector<int64_t> all;
  for (const auto& ids : taken) all.insert(all.end(), ids.begin(), ids.end());
  std::sort(all.begin(), all.end());
  EXPECT_THAT(all, SizeIs(20));
  EXPECT_EQ(std::adjacent_find(all.begin(), all.end()), all.end()) << "a delivery was leased twice";
}

TYPED_TEST(RoutingStoreContractTest, R6_RemindOverdueRecordsEachDueReminderOnce) {
  ASSERT_OK_AND_ASSIGN(MutationResult due,
                       this->Decide(this->Received(1).id, this->Dispatch(), kNow + absl::Hours(1)));
  ASSERT_OK_AND_ASSIGN(
      MutationResult later,
      this->Decide(this->Received(2).id, this->Dispatch("idc"), kNow + absl::Hours(5)));
  const absl::Time now = kNow + absl::Hours(2);
  ASSERT_OK_AND_ASSIGN(std::vector<ReminderRecord> records,
                       this->store().RemindOverdue(now, 10, this->Planner(now + absl::Hours(4))));
  ASSERT_THAT(records, SizeIs(1));
  EXPECT_TRUE(records[0].newly_overdue);
  EXPECT_EQ(records[0].reminder.sequence, 1);
  EXPECT_EQ(records[0].reminder.recipient, "broadband@example.cn");
  EXPECT_GT(records[0].reminder.delivery_id, 0);
  EXPECT_EQ(records[0].order.order.overdue_since, now);
  EXPECT_EQ(records[0].order.order.next_reminder_at, now + absl::Hours(4));
  EXPECT_EQ(records[0].order.order.reminders_sent, 1);
  EXPECT_THAT(records[0].order.order.reminders, ElementsAre(records[0].reminder));
  // Not due again until the next reminder time.
  ASSERT_OK_AND_ASSIGN(records, this->store().RemindOverdue(now + absl::Hours(1), 10,
                                                            this->Planner(now + absl::Hours(8))));
  EXPECT_THAT(records, IsEmpty());
  ASSERT_OK_AND_ASSIGN(records,
                       this->store().RemindOverdue(now + absl::Hours(4), 10,
                                                   this->Planner(now + absl::Hours(8), false)));
  ASSERT_THAT(records, SizeIs(2));
  EXPECT_EQ(records[0].order.order.id, due.routed.orders[0].id);
  EXPECT_FALSE(records[0].newly_overdue);
  EXPECT_EQ(records[0].reminder.sequence, 2);
  EXPECT_EQ(records[0].reminder.delivery_id, 0);
  EXPECT_EQ(records[1].order.order.id, later.routed.orders[0].id);
  EXPECT_TRUE(records[1].newly_overdue);

  ASSERT_OK_AND_ASSIGN(RoutedTicket stored, this->store().Get(due.routed.id));
  ASSERT_THAT(stored.orders[0].reminders, SizeIs(2));
  EXPECT_EQ(stored.orders[0].reminders_sent, 2);
  ASSERT_THAT(stored.deliveries, SizeIs(1));
  EXPECT_EQ(stored.deliveries[0].purpose, DeliveryPurpose::kOverdueReminder);
  EXPECT_EQ(stored.deliveries[0].order_id, stored.orders[0].id);
  EXPECT_EQ(stored.deliveries[0].subject, "reminder 1");
  ASSERT_OK_AND_ASSIGN(std::vector<OpenOrderCount> open,
                       this->store().CountOpenOrders(now + absl::Hours(4)));
  EXPECT_THAT(open, ElementsAre(OpenOrderCount{"broadband", DispatchKind::kInternal, true, 1},
                                OpenOrderCount{"idc", DispatchKind::kInternal, true, 1}));
}

TYPED_TEST(RoutingStoreContractTest, R6_APlannerErrorWritesNoReminder) {
  ASSERT_OK_AND_ASSIGN(MutationResult due,
                       this->Decide(this->Received(1).id, this->Dispatch(), kNow + absl::Hours(1)));
  EXPECT_THAT(
      this->store().RemindOverdue(kNow + absl::Hours(2), 10,
                                  [](const OrderView&, int) -> absl::StatusOr<ReminderPlan> {
                                    return absl::InternalError("calendar broken");
                                  }),
      StatusIs(absl::StatusCode::kInternal));
  ASSERT_OK_AND_ASSIGN(RoutedTicket stored, this->store().Get(due.routed.id));
  EXPECT_EQ(stored.orders[0].reminders_sent, 0);
  EXPECT_FALSE(stored.orders[0].overdue_since.has_value());
}

TYPED_TEST(RoutingStoreContractTest, R6_ConcurrentSupervisorsRemindEachOrderOnce) {
  std::vector<int64_t> order_ids;
  for (int i = 1; i <= 12; ++i) {
    ASSERT_OK_AND_ASSIGN(
        MutationResult decided,
        this->Decide(this->Received(i).id, this->Dispatch(), kNow + absl::Hours(1)));
    order_ids.push_back(decided.routed.orders[0].id);
  }
  const absl::Time now = kNow + absl::Hours(2);
  constexpr int kThreads = 4;
  std::vector<std::vector<int64_t>> reminded(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([this, t, now, &reminded] {
      for (int round = 0; round < 5; ++round) {
        absl::StatusOr<std::vector<ReminderRecord>> records =
            this->store().RemindOverdue(now, 2, this->Planner(now + absl::Hours(4)));
        ASSERT_THAT(records, IsOk());
        for (const ReminderRecord& record : *records) {
          reminded[t].push_back(record.order.order.id);
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  std::vector<int64_t> all;
  for (const auto& ids : reminded) all.insert(all.end(), ids.begin(), ids.end());
  // SKIP LOCKED lets a supervisor pass over rows another one holds, so a round may find nothing
  // while work is left; one more sweep after the race picks up whatever the racing rounds skipped.
  for (int sweep = 0; sweep < 12; ++sweep) {
    absl::StatusOr<std::vector<ReminderRecord>> rest =
        this->store().RemindOverdue(now, 2, this->Planner(now + absl::Hours(4)));
    ASSERT_THAT(rest, IsOk());
    if (rest->empty()) break;
    for (const ReminderRecord& record : *rest) all.push_back(record.order.order.id);
  }
  EXPECT_THAT(all, UnorderedElementsAreArray(order_ids));
  for (int64_t order_id : order_ids) {
    ASSERT_OK_AND_ASSIGN(int64_t routed_id, this->store().RoutedTicketOfOrder(order_id));
    ASSERT_OK_AND_ASSIGN(RoutedTicket stored, this->store().Get(routed_id));
    EXPECT_EQ(stored.orders[0].reminders_sent, 1);
    EXPECT_THAT(stored.orders[0].reminders, SizeIs(1));
    EXPECT_THAT(stored.deliveries, SizeIs(1));
  }
}

TYPED_TEST(RoutingStoreContractTest, R6_MonthlyCountsPerUnit) {
  const absl::Time deadline = kNow + absl::Hours(1);
  ASSERT_OK_AND_ASSIGN(MutationResult on_time,
                       this->Decide(this->Received(1).id, this->Dispatch(), deadline));
  ASSERT_OK_AND_ASSIGN(MutationResult late,
                       this->Decide(this->Received(2).id, this->Dispatch(), deadline));
  ASSERT_THAT(this->Decide(this->Received(3).id, this->Dispatch(), deadline), IsOk());
  ASSERT_OK_AND_ASSIGN(MutationResult tc,
                       this->Decide(this->Received(4).id, this->Escalate(), deadline));
  DecisionInput back;
  back.decision = Decision::kReturn;
  back.reason = "x";
  back.return_reason = ReturnReason::kNotTelecomBusiness;
  ASSERT_THAT(this->Decide(this->Received(5).id, back), IsOk());
  DecisionInput direct;
  direct.decision = Decision::kDirectReply;
  direct.reason = "x";
  direct.handling_result = "ok";
  ASSERT_THAT(this->Decide(this->Received(6).id, direct), IsOk());

  auto reply = [this](const MutationResult& decided, absl::Time at) {
    const int64_t order_id = decided.routed.orders[0].id;
    return this->store().Mutate(
        decided.routed.id, {},
        [&](RoutedTicket& r) -> absl::StatusOr<std::vector<OutboundMessage>> {
          if (r.orders[0].kind == DispatchKind::kTelecom) {
            absl::Status ack = AcknowledgeEscalation(r, order_id, at, "", "desk", at);
            if (!ack.ok()) return ack;
            return std::vector<OutboundMessage>{};
          }
          absl::Status accepted = AcceptOrder(r, order_id, "u", at);
          if (!accepted.ok()) return accepted;
          absl::Status replied = ReplyToOrder(r, order_id, "ok", "u", at, this->letters_);
          if (!replied.ok()) return replied;
          return std::vector<OutboundMessage>{};
        });
  };
  ASSERT_THAT(reply(on_time, deadline), IsOk());
  ASSERT_THAT(reply(late, deadline + absl::Seconds(1)), IsOk());
  ASSERT_THAT(reply(tc, deadline - absl::Minutes(1)), IsOk());
  ASSERT_THAT(this->store().RemindOverdue(deadline + absl::Hours(1), 10,
                                          this->Planner(deadline + absl::Hours(9))),
              IsOk());

  const absl::Time march = ShanghaiTime(2026, 3, 1, 0, 0);
  const absl::Time april = ShanghaiTime(2026, 4, 1, 0, 0);
  ASSERT_OK_AND_ASSIGN(std::vector<UnitMonthCounts> counts,
                       this->store().MonthlyCounts(march, april, deadline + absl::Hours(2)));
  EXPECT_THAT(counts, ElementsAre(UnitMonthCounts{"broadband", 3, 2, 1, 2, 0, 0, 1},
                                  UnitMonthCounts{"portal", 0, 0, 0, 0, 1, 0, 0},
                                  UnitMonthCounts{"service-desk", 0, 0, 0, 0, 0, 1, 0},
                                  UnitMonthCounts{"telecom", 1, 1, 1, 0, 0, 0, 0}));
  ASSERT_OK_AND_ASSIGN(counts, this->store().MonthlyCounts(april, ShanghaiTime(2026, 5, 1, 0, 0),
                                                           deadline + absl::Hours(2)));
  EXPECT_THAT(counts, IsEmpty());
}

}  // namespace
}  // namespace cs::routing
