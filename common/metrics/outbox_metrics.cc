#include "common/metrics/outbox_metrics.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/outbox.h"
#include "common/status/status_macros.h"

namespace cs::common {

absl::StatusOr<std::unique_ptr<OutboxMetrics>> OutboxMetrics::Create(
    prometheus::Registry& registry, const std::string& service,
    std::vector<std::string> destinations) {
  std::unique_ptr<OutboxMetrics> metrics(new OutboxMetrics());
  metrics->destinations_ = std::move(destinations);
  const std::string prefix = absl::StrCat("cs_", service, "_outbox_");
  try {
    metrics->delivered_ = &prometheus::BuildCounter()
                               .Name(prefix + "delivered_total")
                               .Help("Outbox messages the receiver acknowledged")
                               .Register(registry);
    metrics->failures_ = &prometheus::BuildCounter()
                              .Name(prefix + "delivery_failures_total")
                              .Help("Failed delivery attempts of outbox messages (retried later)")
                              .Register(registry);
    metrics->age_ = &prometheus::BuildHistogram()
                         .Name(prefix + "delivery_age_seconds")
                         .Help("Time from enqueue to acknowledged delivery")
                         .Register(registry);
    metrics->dead_lettered_ =
        &prometheus::BuildCounter()
             .Name(prefix + "dead_lettered_total")
             .Help(
                 "Outbox messages that became dead letters: refused by the receiver "
                 "max_permanent_failures times, no longer retried until an operator retries them")
             .Register(registry);
    metrics->oldest_ = &prometheus::BuildGauge()
                            .Name(prefix + "oldest_pending_seconds")
                            .Help("Age of the oldest undelivered outbox message (0 when none)")
                            .Register(registry)
                            .Add({});
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("cannot register outbox metrics: ", e.what()));
  }
  ASSIGN_OR_RETURN(
      metrics->pending_,
      GaugeSeries::Create(registry, prefix + "pending",
                          "Undelivered outbox messages by destination (dead letters excluded)",
                          {"destination"}));
  ASSIGN_OR_RETURN(metrics->dead_letters_,
                   GaugeSeries::Create(registry, prefix + "dead_letters",
                                       "Outbox dead letters waiting for an operator "
                                       "(ListDeadLetters / RetryDeadLetter), by destination",
                                       {"destination"}));
  return metrics;
}

void OutboxMetrics::OnDelivered(const db::OutboxRecord& record, absl::Duration age) {
  delivered_->Add({{"destination", record.destination}}).Increment();
  static const prometheus::Histogram::BucketBoundaries kBuckets = {
      0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 1800, 3600, 86400};
  age_->Add({{"destination", record.destination}}, kBuckets)
      .Observe(absl::ToDoubleSeconds(std::max(age, absl::ZeroDuration())));
}

void OutboxMetrics::OnDeliveryFailed(const db::OutboxRecord& record, const absl::Status&,
                                     absl::Time) {
  failures_->Add({{"destination", record.destination}}).Increment();
}

void OutboxMetrics::OnDeadLettered(const db::OutboxRecord& record, const absl::Status&) {
  failures_->Add({{"destination", record.destination}}).Increment();
  dead_lettered_->Add({{"destination", record.destination}}).Increment();
}

namespace {

// One series per known destination (0 when absent), plus any other destination the table holds.
std::vector<std::pair<std::vector<std::string>, double>> ByDestination(
    const std::vector<std::string>& destinations,
    const absl::flat_hash_map<std::string, int64_t>& counts) {
  std::vector<std::pair<std::vector<std::string>, double>> snapshot;
  for (const std::string& destination : destinations) {
    auto it = counts.find(destination);
    snapshot.push_back({{destination}, it == counts.end() ? 0.0 : static_cast<double>(it->second)});
  }
  for (const auto& [destination, count] : counts) {
    if (std::find(destinations.begin(), destinations.end(), destination) == destinations.end()) {
      snapshot.push_back({{destination}, static_cast<double>(count)});
    }
  }
  return snapshot;
}

}  // namespace

absl::Status OutboxMetrics::RefreshBacklog(db::ConnectionPool& pool, absl::Time now) {
  ASSIGN_OR_RETURN(db::OutboxBacklogStats stats, db::OutboxBacklog(pool, now));
  pending_->SetAll(ByDestination(destinations_, stats.pending_by_destination));
  dead_letters_->SetAll(ByDestination(destinations_, stats.dead_lettered_by_destination));
  oldest_->Set(absl::ToDoubleSeconds(stats.oldest_age));
  return absl::OkStatus();
}

}  // namespace cs::common
