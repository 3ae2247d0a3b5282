// Builds a running assessment service from its configuration: data files (units, calendar, SLA
// targets — rectification, planned_work_notice, monthly_report_due_working_day — and the
// indicator file assessment_indicators.textproto), the schema (migrations), the MySQL stores,
// metrics, the three cores, the gRPC readers of its five peers and the periodic sweep with the
// platform's housekeeping. main.cc and the integration tests use the same wiring, so a test
// exercises exactly what is deployed.
#ifndef CS_SERVICES_ASSESSMENT_ASSESSMENT_WIRING_H_
#define CS_SERVICES_ASSESSMENT_ASSESSMENT_WIRING_H_

#include <string>

#include "absl/time/time.h"
#include "common/server/service_server.h"
#include "services/assessment/api/peer_figure_reader.h"

namespace cs::assessment {

struct AssessmentWiringOptions {
  // Where the five services the scorecard reads from listen ("host:port").
  PeerAddresses peers;
  // Each call to a peer while a scorecard is gathered.
  absl::Duration peer_deadline = absl::Seconds(5);
  // The SERVICE bearer token presented to the peers (--service_token_file); empty: none, and the
  // peers refuse (the scorecard then names every peer indicator missing).
  std::string service_token;
  // How often notices are deemed received, the due month's scorecards computed and the gauges
  // refreshed.
  absl::Duration sweep_interval = absl::Seconds(60);
  // S1: an unacknowledged notice is deemed received this long after its issue.
  absl::Duration notice_receipt_grace = absl::Hours(24);
  // S1: the new reply deadline of a reopened notice, in working days from the failed verification.
  int notice_reopen_working_days = 5;
};

// The wiring function for ServiceServer::Start / RunService. INVALID_ARGUMENT naming the flag when
// an option is out of range; the data files' errors (file, line and field) stop the start.
common::WireFunction AssessmentWiring(AssessmentWiringOptions options);

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_ASSESSMENT_WIRING_H_
