// Builds a running hotline registry from its configuration: data files (units, calendar, SLA
// targets — old_number_transfer, hotline_connection_rate_percent, monthly_report_due_working_day —
// and the phrase-scoring file hotline_phrases.textproto), the schema (migrations), the four MySQL
// stores, core, metrics and the periodic sweep with the platform's housekeeping. main.cc and the
// integration tests use the same wiring, so a test exercises exactly what is deployed.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_HOTLINE_REGISTRY_WIRING_H_
#define CS_SERVICES_HOTLINE_REGISTRY_HOTLINE_REGISTRY_WIRING_H_

#include "absl/time/time.h"
#include "common/server/service_server.h"

namespace cs::hotline {

struct HotlineWiringOptions {
  // How often the sweep applies the changes and transition ends whose time came, counts missed
  // monthly reports and refreshes the gauges.
  absl::Duration sweep_interval = absl::Seconds(30);
  // Call records written per batch (one multi-row INSERT, one commit) while a stream is ingested.
  int ingest_batch_size = 500;
};

// The most records one ingest batch may hold (MySqlCallRecordStore splits larger batches into
// statements anyway; a bigger batch only holds more of a stream in memory).
inline constexpr int kMaxIngestBatchSize = 10000;

// The wiring function for ServiceServer::Start / RunService. INVALID_ARGUMENT naming the option
// when ingest_batch_size is outside 1..kMaxIngestBatchSize or the sweep interval is not positive.
common::WireFunction HotlineRegistryWiring(HotlineWiringOptions options);

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_HOTLINE_REGISTRY_WIRING_H_
