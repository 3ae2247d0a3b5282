// A populated suite for end-to-end tests that need real targets: at least one object of every kind
// the six services keep, for unit "broadband", created only through the public RPCs with the
// development tokens of running_suite.h (deploy/config/dev-tokens.md) — tickets recorded,
// forwarded and confirmed, closed and archived (the record under legal hold); dispatch orders to
// broadband and an escalation to the telecom company; a hotline with a change, its staff, a roster,
// an operating report, a scored call; an online channel with a fault, a check, a usage sample and
// an assistance request, and an unfiled channel reported; a rectification notice, a maintenance
// notice, a launch review, a survey, a partner, a special task and a scorecard. Tests then call
// RPCs on these objects (an access walk with valid requests, bad input against tables that hold
// rows).
//
//   ASSERT_OK_AND_ASSIGN(SeededWorld world, SeedWorld(*suite));
//   get.set_ticket_id(world.recorded_ticket_id);
//
// Not thread-safe: the one test thread that drives the suite calls it, once per suite (request ids
// are fixed, so a second call on the same suite replays the first's creates).
#ifndef CS_TESTS_E2E_SEEDED_WORLD_H_
#define CS_TESTS_E2E_SEEDED_WORLD_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "cs/channel/v1/channel.pb.h"
#include "cs/intake/v1/intake.pb.h"
#include "tests/e2e/running_suite.h"

namespace cs::e2e {

// The unit every seeded object belongs to; portal's staff (kPortalStaffToken) originate the tickets
// dispatched to it (a unit is not dispatched its own tickets).
inline constexpr absl::string_view kSeededUnit = "broadband";

struct SeedOptions {
  // Extra objects of each kind that a state-changing call uses up (a ticket to forward, one to
  // close, a routed ticket to decide, an order to accept, one to reply to, a channel to retire, a
  // fault to close, a hotline to sign, a notice to acknowledge, a launch review to launch), so that
  // a test can make that call `spares` times and be answered OK each time.
  int spares = 0;
};

struct SeededWorld {
  // "YYYY-MM" of now and of the month before, in the calendar's zone (Asia/Shanghai).
  std::string month;
  std::string previous_month;

  // intake: recorded (complete, never forwarded); forwarded and confirmed; closed with a reply
  // without a forward, and archived.
  int64_t recorded_ticket_id = 0;
  int64_t forwarded_ticket_id = 0;
  int64_t closed_ticket_id = 0;
  std::vector<int64_t> tickets_to_forward;  // spares, recorded
  std::vector<int64_t> tickets_to_close;    // spares, recorded

  // routing: the forwarded ticket as routing holds it (received, undecided) and a portal ticket the
  // designated unit dispatched to broadband, whose order broadband accepted and replied to.
  int64_t routed_ticket_id = 0;
  int64_t dispatched_routed_ticket_id = 0;
  int64_t replied_order_id = 0;
  // An order the designated unit escalated to the telecom company (0 when routing refused it).
  int64_t escalated_order_id = 0;
  // A delivery of the reply (0 when routing made none).
  int64_t delivery_id = 0;
  std::vector<int64_t> routed_tickets_to_decide;  // spares, received
  std::vector<int64_t> orders_to_accept;          // spares, dispatched to broadband
  std::vector<int64_t> orders_to_reply;           // spares, accepted by broadband

  // archive: the closed ticket's record, and the ticket as archived (for a correction).
  std::string record_id;
  cs::intake::v1::Ticket archived_ticket;

  // hotline-registry: registered, signed by the manager and approved by the CS center; a change
  // filed on it; a fully trained staff member on tomorrow's roster; a call scored and ingested.
  std::string hotline_id;
  std::string change_id;
  std::string staff_number;
  std::string call_id;
  std::vector<std::string> hotlines_to_sign;    // spares, registered
  std::vector<std::string> hotlines_to_change;  // spares, approved, no change open

  // channel-registry: filed and acknowledged, with an open fault, a check, a usage sample and an
  // assistance request.
  std::string channel_id;
  std::string fault_id;
  std::vector<std::string> channels_to_retire;  // spares, filed
  std::vector<std::string> faults_to_close;     // spares, open

  // assessment: a rectification notice issued to broadband and acknowledged; a maintenance notice,
  // a launch review, a survey, a partner and a special task of broadband's.
  std::string notice_id;
  std::vector<std::string> notices_to_acknowledge;  // spares, issued
  std::string maintenance_id;
  std::string review_id;
  std::vector<std::string> reviews_to_launch;  // spares, submitted
  std::string survey_id;
  std::string partner_id;
  // A special task assigned to broadband, not yet completed.
  std::string task_id;

  // Steps left out because the suite refused them though they are not needed for the world to
  // exist (e.g. a scorecard of a month not yet due): "step: answer".
  std::vector<std::string> skipped;
};

// Creates the world on `suite` (a suite started with the development token file, or one whose
// token file keeps its entries), and returns once it has settled: every service's outbox drained,
// so nothing the seeding set off changes a table afterwards. The error names the step that failed
// and what it was answered.
absl::StatusOr<SeededWorld> SeedWorld(RunningSuite& suite, const SeedOptions& options = {});

// A complete F3 filing of an email channel of kSeededUnit at `address` (each filing needs an
// address of its own).
cs::channel::v1::FilingForm SeededChannelForm(absl::string_view address);

// Waits until no outbox message of any service is undelivered, at five polls in a row.
absl::Status WaitUntilSettled(RunningSuite& suite);

}  // namespace cs::e2e

#endif  // CS_TESTS_E2E_SEEDED_WORLD_H_
