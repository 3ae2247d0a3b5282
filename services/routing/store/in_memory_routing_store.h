// RoutingStore kept in process memory, for the fast unit tests of the routing core only (never in a
// deployed process: nothing survives a restart). Thread-safe: one mutex guards everything.
#ifndef CS_SERVICES_ROUTING_STORE_IN_MEMORY_ROUTING_STORE_H_
#define CS_SERVICES_ROUTING_STORE_IN_MEMORY_ROUTING_STORE_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "services/routing/store/routing_store.h"

namespace cs::routing {

class InMemoryRoutingStore final : public RoutingStore {
 public:
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

  // Every message enqueued so far, in order (what a relay would send).
  std::vector<OutboundMessage> outbox() const;

 private:
  struct StoredKey {
    std::string fingerprint;
    int64_t routed_id = 0;
  };

  // Gives ids to new orders and deliveries of `routed` and resolves order_index.
  void AssignIds(RoutedTicket& routed) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  OrderView ViewOf(const RoutedTicket& routed, const DispatchOrder& order) const;

  mutable absl::Mutex mutex_;
  std::map<int64_t, RoutedTicket> routed_ ABSL_GUARDED_BY(mutex_);
  absl::flat_hash_map<std::string, int64_t> by_forward_id_ ABSL_GUARDED_BY(mutex_);
  absl::flat_hash_map<int64_t, int64_t> order_owner_ ABSL_GUARDED_BY(mutex_);
  absl::flat_hash_map<int64_t, int64_t> delivery_owner_ ABSL_GUARDED_BY(mutex_);
  int64_t next_routed_id_ ABSL_GUARDED_BY(mutex_) = 1;
  int64_t next_order_id_ ABSL_GUARDED_BY(mutex_) = 1;
  int64_t next_delivery_id_ ABSL_GUARDED_BY(mutex_) = 1;
  absl::flat_hash_map<std::pair<std::string, std::string>, StoredKey> request_keys_
      ABSL_GUARDED_BY(mutex_);
  std::vector<OutboundMessage> outbox_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace cs::routing

#endif  // CS_SERVICES_ROUTING_STORE_IN_MEMORY_ROUTING_STORE_H_
