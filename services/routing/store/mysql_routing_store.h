// RoutingStore on MySQL/MariaDB (schema cs_routing, migrations/): the store every deployed routing
// process uses. Each change is one transaction; concurrent processes on one database coordinate
// through it alone (a unique forward_id for receipt; row locks, and SKIP LOCKED for supervision and
// gateway pulls). Thread-safe.
#ifndef CS_SERVICES_ROUTING_STORE_MYSQL_ROUTING_STORE_H_
#define CS_SERVICES_ROUTING_STORE_MYSQL_ROUTING_STORE_H_

#include "common/db/connection_pool.h"
#include "common/time/clock.h"
#include "services/routing/store/routing_store.h"

namespace cs::routing {

class MySqlRoutingStore final : public RoutingStore {
 public:
  // `pool` and `clock` must outlive the store. The clock stamps idempotency keys and outbox rows.
  MySqlRoutingStore(common::db::ConnectionPool& pool, common::Clock& clock)
      : pool_(pool), clock_(clock) {}

  absl::StatusOr<ReceiveResult> Receive(RoutedTicket draft) override;
  absl::StatusOr<RoutedTicket> Get(int64_t id) override;
  absl::StatusOr<RoutedTicketPage> List(const RoutedTicketFilter& filter, int64_t after_id,
                                        int page_size) override;
  absl::StatusOr<int64_t> RoutedTicketOfOrder(int64_t order_id) override;
  absl::StatusOr<int64_t> RoutedTicketOfDelivery(int64_t delivery_id) override;
  absl::StatusOr<MutationResult> Mutate(int64_t id, const MutationOptions& options,
                                        const RoutedMutation& mutation) override;
  absl::StatusOr<OrderPage> ListOrders(const OrderFilter& filter, int64_t after_id,
                                       int page_size) override;
  absl::StatusOr<DeliveryPage> ListDeliveries(const DeliveryFilter& filter, int64_t after_id,
                                              int page_size) override;
  absl::StatusOr<std::vector<DeliveryView>> LeaseDeliveries(ReplyChannel channel, absl::Time now,
                                                            absl::Duration lease,
                                                            int limit) override;
  absl::StatusOr<std::vector<ReminderRecord>> RemindOverdue(
      absl::Time now, int limit, const ReminderPlanner& planner) override;
  absl::StatusOr<std::vector<OpenOrderCount>> CountOpenOrders(absl::Time now) override;
  absl::StatusOr<std::vector<WaitingDeliveryCount>> CountWaitingDeliveries() override;
  absl::StatusOr<std::vector<UnitMonthCounts>> MonthlyCounts(absl::Time from, absl::Time until,
                                                             absl::Time now) override;

 private:
  common::db::ConnectionPool& pool_;
  common::Clock& clock_;
};

}  // namespace cs::routing

#endif  // CS_SERVICES_ROUTING_STORE_MYSQL_ROUTING_STORE_H_
