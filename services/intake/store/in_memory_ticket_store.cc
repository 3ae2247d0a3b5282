#include "services/intake/store/in_memory_ticket_store.h"

#include <algorithm>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"

namespace cs::intake {
namespace {

constexpr absl::string_view kCreateScope = "CreateTicket";

bool Matches(const Ticket& ticket, const TicketFilter& filter) {
  if (!filter.unit_id.empty() && ticket.input.unit_id != filter.unit_id) return false;
  if (filter.status.has_value() && ticket.status != *filter.status) return false;
  if (filter.kind != TicketKind::kUnspecified && ticket.input.kind != filter.kind) return false;
  if (filter.channel != Channel::kUnspecified && ticket.input.channel != filter.channel)
    return false;
  if (filter.received_from.has_value() && ticket.received_at < *filter.received_from) return false;
  if (filter.received_until.has_value() && ticket.received_at >= *filter.received_until) {
    return false;
  }
  if (filter.awaiting_confirmation && ticket.status != TicketStatus::kForwarding) return false;
  if (filter.confirm_deadline_before.has_value() &&
      !(ticket.confirm_deadline.at < *filter.confirm_deadline_before)) {
    return false;
  }
  return true;
}

bool IsUnconfirmed(TicketStatus status) {
  return status == TicketStatus::kRecorded || status == TicketStatus::kReturned ||
         status == TicketStatus::kForwarding;
}

}  // namespace

absl::StatusOr<bool> InMemoryTicketStore::CheckKey(const std::string& scope, const RequestKey& key,
                                                   int64_t* ticket_id) {
  auto it = request_keys_.find(std::make_pair(scope, key.request_id));
  if (it == request_keys_.end()) return false;
  if (it->second.fingerprint != key.fingerprint) {
    return common::RequestIdReused(
        "was already used for a different request; use a new request_id");
  }
  *ticket_id = it->second.ticket_id;
  return true;
}

absl::StatusOr<CreateResult> InMemoryTicketStore::Create(Ticket draft, const RequestKey& key) {
  absl::MutexLock lock(&mutex_);
  int64_t existing_id = 0;
  ASSIGN_OR_RETURN(bool replay, CheckKey(std::string(kCreateScope), key, &existing_id));
  if (replay) return CreateResult{tickets_.at(existing_id), true};
  draft.id = next_id_++;
  draft.overall_serial = ++last_overall_serial_[draft.input.unit_id];
  draft.month_serial = ++last_month_serial_[{draft.input.unit_id, draft.serial_month}];
  tickets_[draft.id] = draft;
  request_keys_[{std::string(kCreateScope), key.request_id}] = {key.fingerprint, draft.id};
  return CreateResult{std::move(draft), false};
}

absl::StatusOr<Ticket> InMemoryTicketStore::Get(int64_t id) {
  absl::MutexLock lock(&mutex_);
  auto it = tickets_.find(id);
  if (it == tickets_.end()) return absl::NotFoundError(absl::StrCat("no ticket ", id));
  return it->second;
}

absl::StatusOr<TicketPage> InMemoryTicketStore::List(const TicketFilter& filter, int64_t after_id,
                                                     int page_size) {
  absl::MutexLock lock(&mutex_);
  // Newest first by (received_at, id), as the MySQL store's indexes keep them.
  auto newer = [](const Ticket& a, const Ticket& b) {
    return std::tie(a.received_at, a.id) > std::tie(b.received_at, b.id);
  };
  const Ticket* after = nullptr;
  if (after_id > 0) {
    auto it = tickets_.find(after_id);
    if (it == tickets_.end()) return PageAfterUnknownTicket(after_id);
    after = &it->second;
  }
  std::vector<const Ticket*> matching;
  for (const auto& [id, ticket] : tickets_) {
    if (after != nullptr && !newer(*after, ticket)) continue;
    if (Matches(ticket, filter)) matching.push_back(&ticket);
  }
  std::sort(matching.begin(), matching.end(),
            [&newer](const Ticket* a, const Ticket* b) { return newer(*a, *b); });
  TicketPage page;
  for (const Ticket* ticket : matching) {
    if (static_cast<int>(page.tickets.size()) == page_size) {
      page.next_after_id = page.tickets.back().id;
      break;
    }
    Ticket summary = *ticket;
    summary.history.clear();
    summary.replies.clear();
    page.tickets.push_back(std::move(summary));
  }
  return page;
}

absl::StatusOr<MutationResult> InMemoryTicketStore::Mutate(int64_t id,
                                                           const MutationOptions& options,
                                                           const TicketMutation& mutation) {
  absl::MutexLock lock(&mutex_);
  auto it = tickets_.find(id);
  if (it == tickets_.end()) return absl::NotFoundError(absl::StrCat("no ticket ", id));
  if (!options.inbox_message_id.empty() && inbox_.contains(options.inbox_message_id)) {
    return MutationResult{it->second, true};
  }
  if (options.request_key.has_value()) {
    int64_t existing_id = 0;
    ASSIGN_OR_RETURN(bool replay, CheckKey(options.scope, *options.request_key, &existing_id));
    if (replay) return MutationResult{tickets_.at(existing_id), true};
  }
  Ticket changed = it->second;
  ASSIGN_OR_RETURN(std::vector<OutboundMessage> messages, mutation(changed));
  it->second = changed;
  if (changed.forward.has_value()) {
    // As the MySQL store's upsert: a forward keeps the time and deadline it was first saved with;
    // its confirmation is updated.
    auto [stored, inserted] =
        forwards_[id].try_emplace(changed.forward->forward_id, *changed.forward);
    if (!inserted) {
      stored->second.confirmed_at = changed.forward->confirmed_at;
      stored->second.receipt_id = changed.forward->receipt_id;
      stored->second.working_time_to_confirm = changed.forward->working_time_to_confirm;
    }
  }
  for (OutboundMessage& message : messages) outbox_.push_back(std::move(message));
  if (!options.inbox_message_id.empty()) inbox_.insert(options.inbox_message_id);
  if (options.request_key.has_value()) {
    request_keys_[{options.scope, options.request_key->request_id}] = {
        options.request_key->fingerprint, id};
  }
  return MutationResult{std::move(changed), false};
}

absl::StatusOr<std::vector<AwaitingConfirmationCount>>
InMemoryTicketStore::CountAwaitingConfirmation(absl::Time now) {
  absl::MutexLock lock(&mutex_);
  std::map<std::tuple<std::string, bool, bool>, int64_t> counts;
  for (const auto& [id, ticket] : tickets_) {
    if (!IsUnconfirmed(ticket.status)) continue;
    ++counts[{ticket.input.unit_id, ticket.status == TicketStatus::kForwarding,
              ticket.confirm_deadline.at < now}];
  }
  std::vector<AwaitingConfirmationCount> out;
  for (const auto& [key, count] : counts) {
    out.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), count});
  }
  return out;
}

absl::StatusOr<std::vector<MissedConfirmation>> InMemoryTicketStore::ClaimNewlyMissedConfirmations(
    absl::Time now, int limit) {
  absl::MutexLock lock(&mutex_);
  std::vector<MissedConfirmation> out;
  for (auto& [id, ticket] : tickets_) {
    if (static_cast<int>(out.size()) >= limit) break;
    if (!IsUnconfirmed(ticket.status) || ticket.confirm_miss_counted ||
        !(ticket.confirm_deadline.at < now)) {
      continue;
    }
    ticket.confirm_miss_counted = true;
    out.push_back({id, ticket.input.unit_id, ticket.input.special_request});
  }
  return out;
}

absl::StatusOr<ForwardingCounts> InMemoryTicketStore::CountForwarding(const std::string& unit_id,
                                                                      absl::Time from,
                                                                      absl::Time until,
                                                                      absl::Time as_of) {
  absl::MutexLock lock(&mutex_);
  auto within = [&](absl::Time at) { return from <= at && at < until; };
  ForwardingCounts counts;
  for (const auto& [id, ticket] : tickets_) {
    if (ticket.input.unit_id != unit_id) continue;
    if (within(ticket.received_at)) ++counts.recorded;
    if (ticket.closed_at.has_value() && within(*ticket.closed_at)) ++counts.closed;
    auto forwards = forwards_.find(id);
    if (forwards == forwards_.end() || forwards->second.empty()) continue;
    const Forward* first = nullptr;
    for (const auto& [forward_id, forward] : forwards->second) {
      // Ties go to the smaller forward id, as in the MySQL store.
      if (first == nullptr || forward.forwarded_at < first->forwarded_at) first = &forward;
    }
    if (!within(first->forwarded_at)) continue;
    ++counts.forwarded;
    const bool on_time = ConfirmedOnTime(*first);
    if (on_time) {
      ++counts.confirmed_on_time;
    } else if (first->confirmed_at.has_value()) {
      ++counts.confirmed_late;
    } else if (first->confirm_deadline.at < as_of) {
      ++counts.unconfirmed_deadline_passed;
    } else {
      ++counts.unconfirmed_deadline_not_passed;
    }
    if (ticket.input.special_request) {
      ++counts.special_requests;
      if (on_time) ++counts.special_requests_confirmed_on_time;
    }
  }
  return counts;
}

std::vector<OutboundMessage> InMemoryTicketStore::outbox() const {
  absl::MutexLock lock(&mutex_);
  return outbox_;
}

}  // namespace cs::intake
