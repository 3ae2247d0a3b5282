#include "services/routing/store/in_memory_routing_store.h"

#include <algorithm>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "common/db/printable_id.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"
#include "services/routing/domain/routing_lifecycle.h"

namespace cs::routing {
namespace {

RoutedTicket WithoutChildren(const RoutedTicket& routed) {
  RoutedTicket copy = routed;
  copy.history.clear();
  copy.orders.clear();
  copy.deliveries.clear();
  return copy;
}

bool Matches(const DeliveryFilter& filter, const Delivery& delivery, int64_t routed_id) {
  if (filter.channel.has_value() && delivery.channel != *filter.channel) return false;
  if (filter.state.has_value() && DeliveryStateAt(delivery, filter.now) != *filter.state) {
    return false;
  }
  if (filter.purpose.has_value() && delivery.purpose != *filter.purpose) return false;
  if (filter.routed_ticket_id != 0 && routed_id != filter.routed_ticket_id) return false;
  return true;
}

bool Matches(const OrderFilter& filter, const DispatchOrder& order) {
  if (!filter.unit_id.empty() && order.unit_id != filter.unit_id) return false;
  if (filter.kind.has_value() && order.kind != *filter.kind) return false;
  if (filter.status.has_value() && order.status != *filter.status) return false;
  if (filter.open_only && !IsOpen(order)) return false;
  if (filter.deadline_before.has_value() && !(order.deadline.at < *filter.deadline_before)) {
    return false;
  }
  return true;
}

}  // namespace

void InMemoryRoutingStore::AssignIds(RoutedTicket& routed) {
  for (DispatchOrder& order : routed.orders) {
    if (order.id != 0) continue;
    order.id = next_order_id_++;
    order_owner_[order.id] = routed.id;
  }
  for (Delivery& delivery : routed.deliveries) {
    if (delivery.order_index >= 0) {
      if (delivery.order_index < static_cast<int>(routed.orders.size())) {
        delivery.order_id = routed.orders[delivery.order_index].id;
      }
      delivery.order_index = -1;
    }
    if (delivery.id != 0) continue;
    delivery.id = next_delivery_id_++;
    delivery_owner_[delivery.id] = routed.id;
  }
}

OrderView InMemoryRoutingStore::ViewOf(const RoutedTicket& routed,
                                       const DispatchOrder& order) const {
  return OrderView{order, routed.id, routed.ticket};
}

absl::StatusOr<ReceiveResult> InMemoryRoutingStore::Receive(RoutedTicket draft) {
  absl::MutexLock lock(&mutex_);
  auto seen = by_forward_id_.find(draft.forward_id);
  if (seen != by_forward_id_.end()) {
    const RoutedTicket& first = routed_.at(seen->second);
    if (first.ticket.ticket_id != draft.ticket.ticket_id) {
      return absl::FailedPreconditionError(
          absl::StrCat("forward_id ", draft.forward_id, " was received for ticket ",
                       first.ticket.ticket_id, ", not ", draft.ticket.ticket_id));
    }
    return ReceiveResult{first, true};
  }
  draft.id = next_routed_id_++;
  AssignIds(draft);
  by_forward_id_[draft.forward_id] = draft.id;
  routed_[draft.id] = draft;
  return ReceiveResult{std::move(draft), false};
}

absl::StatusOr<RoutedTicket> InMemoryRoutingStore::Get(int64_t id) {
  absl::MutexLock lock(&mutex_);
  auto it = routed_.find(id);
  if (it == routed_.end()) return absl::NotFoundError(absl::StrCat("no routed ticket ", id));
  return it->second;
}

absl::StatusOr<RoutedTicketPage> InMemoryRoutingStore::List(const RoutedTicketFilter& filter,
                                                            int64_t after_id, int page_size) {
  absl::MutexLock lock(&mutex_);
  RoutedTicketPage page;
  for (auto it = routed_.rbegin(); it != routed_.rend(); ++it) {
    const RoutedTicket& routed = it->second;
    if (after_id > 0 && routed.id >= after_id) continue;
    if (filter.ticket_id != 0 && routed.ticket.ticket_id != filter.ticket_id) continue;
    if (filter.status.has_value() && routed.status != *filter.status) continue;
    if (!filter.origin_unit_id.empty() && routed.ticket.origin_unit_id != filter.origin_unit_id) {
      continue;
    }
    if (static_cast<int>(page.routed_tickets.size()) == page_size) {
      page.next_after_id = page.routed_tickets.back().id;
      break;
    }
    page.routed_tickets.push_back(WithoutChildren(routed));
  }
  return page;
}

absl::StatusOr<int64_t> InMemoryRoutingStore::RoutedTicketOfOrder(int64_t order_id) {
  absl::MutexLock lock(&mutex_);
  auto it = order_owner_.find(order_id);
  if (it == order_owner_.end())
    return absl::NotFoundError(absl::StrCat("no dispatch order ", order_id));
  return it->second;
}

absl::StatusOr<int64_t> InMemoryRoutingStore::RoutedTicketOfDelivery(int64_t delivery_id) {
  absl::MutexLock lock(&mutex_);
  auto it = delivery_owner_.find(delivery_id);
  if (it == delivery_owner_.end())
    return absl::NotFoundError(absl::StrCat("no delivery ", delivery_id));
  return it->second;
}

absl::StatusOr<MutationResult> InMemoryRoutingStore::Mutate(int64_t id,
                                                            const MutationOptions& options,
                                                            const RoutedMutation& mutation) {
  if (options.request_key.has_value()) {
    RETURN_IF_ERROR(common::db::ValidateRequestId(options.request_key->request_id));
  }
  absl::MutexLock lock(&mutex_);
  auto it = routed_.find(id);
  if (it == routed_.end()) return absl::NotFoundError(absl::StrCat("no routed ticket ", id));
  const std::pair<std::string, std::string> key_id =
      options.request_key.has_value()
          ? std::make_pair(options.scope, options.request_key->request_id)
          : std::make_pair(std::string(), std::string());
  if (options.request_key.has_value()) {
    auto key = request_keys_.find(key_id);
    if (key != request_keys_.end()) {
      if (key->second.fingerprint != options.request_key->fingerprint) {
        return common::RequestIdReused(
            "was already used for a different request; use a new request_id");
      }
      if (key->second.routed_id != id) {
        return common::RequestIdReused("was already used for another ticket; use a new request_id");
      }
      return MutationResult{it->second, true};
    }
  }
  RoutedTicket copy = it->second;
  ASSIGN_OR_RETURN(std::vector<OutboundMessage> messages, mutation(copy));
  AssignIds(copy);
  it->second = copy;
  for (OutboundMessage& message : messages) outbox_.push_back(std::move(message));
  if (options.request_key.has_value()) {
    request_keys_[key_id] = StoredKey{options.request_key->fingerprint, id};
  }
  return MutationResult{std::move(copy), false};
}

absl::StatusOr<OrderPage> InMemoryRoutingStore::ListOrders(const OrderFilter& filter,
                                                           int64_t after_id, int page_size) {
  absl::MutexLock lock(&mutex_);
  std::vector<OrderView> all;
  for (const auto& [id, routed] : routed_) {
    for (const DispatchOrder& order : routed.orders) {
      if (order.id > after_id && Matches(filter, order)) all.push_back(ViewOf(routed, order));
    }
  }
  std::sort(all.begin(), all.end(),
            [](const OrderView& a, const OrderView& b) { return a.order.id < b.order.id; });
  OrderPage page;
  for (OrderView& view : all) {
    if (static_cast<int>(page.orders.size()) == page_size) {
      page.next_after_id = page.orders.back().order.id;
      break;
    }
    page.orders.push_back(std::move(view));
  }
  return page;
}

absl::StatusOr<DeliveryPage> InMemoryRoutingStore::ListDeliveries(const DeliveryFilter& filter,
                                                                  int64_t after_id, int page_size) {
  absl::MutexLock lock(&mutex_);
  std::vector<DeliveryView> all;
  for (const auto& [id, routed] : routed_) {
    for (const Delivery& delivery : routed.deliveries) {
      if (delivery.id > after_id && Matches(filter, delivery, routed.id)) {
        all.push_back(DeliveryView{delivery, routed.id, routed.ticket.ticket_id});
      }
    }
  }
  std::sort(all.begin(), all.end(), [](const DeliveryView& a, const DeliveryView& b) {
    return a.delivery.id < b.delivery.id;
  });
  DeliveryPage page;
  for (DeliveryView& view : all) {
    if (static_cast<int>(page.deliveries.size()) == page_size) {
      page.next_after_id = page.deliveries.back().delivery.id;
      break;
    }
    page.deliveries.push_back(std::move(view));
  }
  return page;
}

absl::StatusOr<std::vector<DeliveryView>> InMemoryRoutingStore::LeaseDeliveries(
    ReplyChannel channel, absl::Time now, absl::Duration lease, int limit) {
  absl::MutexLock lock(&mutex_);
  std::vector<std::pair<int64_t, Delivery*>> offerable;
  std::map<int64_t, RoutedTicket*> owner;
  for (auto& [id, routed] : routed_) {
    for (Delivery& delivery : routed.deliveries) {
      if (delivery.channel == channel && IsOfferable(delivery, now)) {
        offerable.emplace_back(delivery.id, &delivery);
        owner[delivery.id] = &routed;
      }
    }
  }
  std::sort(offerable.begin(), offerable.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<DeliveryView> leased;
  for (auto& [delivery_id, delivery] : offerable) {
    if (static_cast<int>(leased.size()) == limit) break;
    LeaseDelivery(*delivery, now, lease);
    const RoutedTicket& routed = *owner.at(delivery_id);
    leased.push_back(DeliveryView{*delivery, routed.id, routed.ticket.ticket_id});
  }
  return leased;
}

absl::StatusOr<std::vector<ReminderRecord>> InMemoryRoutingStore::RemindOverdue(
    absl::Time now, int limit, const ReminderPlanner& planner) {
  absl::MutexLock lock(&mutex_);
  std::vector<std::pair<int64_t, std::pair<RoutedTicket*, size_t>>> due;
  for (auto& [id, routed] : routed_) {
    for (size_t i = 0; i < routed.orders.size(); ++i) {
      if (ReminderDue(routed.orders[i], now)) due.push_back({routed.orders[i].id, {&routed, i}});
    }
  }
  std::sort(due.begin(), due.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  if (static_cast<int>(due.size()) > limit) due.resize(limit);
  // Plan everything first so a planner error leaves nothing half-written.
  std::vector<ReminderPlan> plans;
  for (const auto& [order_id, where] : due) {
    const RoutedTicket& routed = *where.first;
    const DispatchOrder& order = routed.orders[where.second];
    ASSIGN_OR_RETURN(ReminderPlan plan, planner(ViewOf(routed, order), order.reminders_sent + 1));
    plans.push_back(std::move(plan));
  }
  std::vector<ReminderRecord> records;
  for (size_t i = 0; i < due.size(); ++i) {
    RoutedTicket& routed = *due[i].second.first;
    DispatchOrder& order = routed.orders[due[i].second.second];
    ReminderPlan& plan = plans[i];
    ReminderRecord record;
    record.newly_overdue = !order.overdue_since.has_value();
    if (record.newly_overdue) order.overdue_since = now;
    record.reminder.sequence = ++order.reminders_sent;
    record.reminder.at = now;
    record.reminder.recipient = plan.recipient;
    order.next_reminder_at = plan.next_reminder_at;
    if (plan.delivery.has_value()) {
      Delivery delivery = *std::move(plan.delivery);
      delivery.id = next_delivery_id_++;
      delivery.order_id = order.id;
      delivery.order_index = -1;
      delivery_owner_[delivery.id] = routed.id;
      record.reminder.delivery_id = delivery.id;
      routed.deliveries.push_back(std::move(delivery));
    }
    order.reminders.push_back(record.reminder);
    record.order = ViewOf(routed, order);
    records.push_back(std::move(record));
  }
  return records;
}

absl::StatusOr<std::vector<OpenOrderCount>> InMemoryRoutingStore::CountOpenOrders(absl::Time now) {
  absl::MutexLock lock(&mutex_);
  std::map<std::tuple<std::string, int, bool>, int64_t> counts;
  for (const auto& [id, routed] : routed_) {
    for (const DispatchOrder& order : routed.orders) {
      if (!IsOpen(order)) continue;
      ++counts[{order.unit_id, static_cast<int>(order.kind), order.deadline.at < now}];
    }
  }
  std::vector<OpenOrderCount> result;
  for (const auto& [key, count] : counts) {
    result.push_back(
        {std::get<0>(key), static_cast<DispatchKind>(std::get<1>(key)), std::get<2>(key), count});
  }
  return result;
}

absl::StatusOr<std::vector<WaitingDeliveryCount>> InMemoryRoutingStore::CountWaitingDeliveries() {
  absl::MutexLock lock(&mutex_);
  std::map<int, int64_t> counts;
  for (const auto& [id, routed] : routed_) {
    for (const Delivery& delivery : routed.deliveries) {
      if (delivery.status == DeliveryStatus::kPending) ++counts[static_cast<int>(delivery.channel)];
    }
  }
  std::vector<WaitingDeliveryCount> result;
  for (const auto& [channel, count] : counts) {
    result.push_back({static_cast<ReplyChannel>(channel), count});
  }
  return result;
}

absl::StatusOr<std::vector<UnitMonthCounts>> InMemoryRoutingStore::MonthlyCounts(absl::Time from,
                                                                                 absl::Time until,
                                                                                 absl::Time now) {
  absl::MutexLock lock(&mutex_);
  std::map<std::string, UnitMonthCounts> units;
  auto unit = [&](const std::string& id) -> UnitMonthCounts& {
    UnitMonthCounts& counts = units[id];
    counts.unit_id = id;
    return counts;
  };
  for (const auto& [id, routed] : routed_) {
    for (const DispatchOrder& order : routed.orders) {
      if (order.dispatched_at < from || order.dispatched_at >= until) continue;
      UnitMonthCounts& counts = unit(order.unit_id);
      ++counts.dispatched;
      const absl::optional<absl::Time> closed = ClosedAt(order);
      if (closed.has_value()) {
        ++counts.replied;
        if (*closed <= order.deadline.at) ++counts.replied_on_time;
      }
      if (IsOverdue(order, now)) ++counts.overdue;
      counts.reminders += order.reminders_sent;
    }
    if (!routed.decision.has_value()) continue;
    const DecisionRecord& decision = *routed.decision;
    if (decision.decided_at < from || decision.decided_at >= until) continue;
    if (decision.decision == Decision::kReturn) ++unit(routed.ticket.origin_unit_id).returned;
    if (decision.decision == Decision::kDirectReply) {
      ++unit(decision.handling_unit_id).answered_directly;
    }
  }
  std::vector<UnitMonthCounts> result;
  for (auto& [id, counts] : units) result.push_back(std::move(counts));
  return result;
}

std::vector<OutboundMessage> InMemoryRoutingStore::outbox() const {
  absl::MutexLock lock(&mutex_);
  return outbox_;
}

}  // namespace cs::routing
