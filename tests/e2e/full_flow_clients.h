// Clients that push tickets through the WHOLE flow of the running suite (running_suite.h), for the
// fault-injection test and the full-flow benchmark: the broadband staff create a ticket (reply by
// email) and forward it; routing confirms the receipt through intake's relay; the designated unit
// decides — a direct reply, or (every other flow) a dispatch to idc, whose staff accept the order
// and reply to it; a mail gateway (a thread of its own, as the real one pulls) takes the reply and
// acknowledges it delivered, which routing's relay reports to intake; the staff close the ticket
// once intake shows it REPLIED; intake's relay hands the record to the archive, where the broadband
// archivist finds exactly one record of it and reads it back. Every call is retried under its
// request_id while it fails with UNAVAILABLE or DEADLINE_EXCEEDED, and every wait for an
// asynchronous effect is a poll bounded by Options::give_up.
//
// Flows start in one of two ways:
// - closed loop (Options::flows_per_second = 0): each of `threads` clients starts its next flow as
//   soon as its last one is through;
// - open loop (flows_per_second > 0): flow i is due at start + i / flows_per_second and is run by
//   whichever of the `threads` workers is free. A worker never starts a flow before it is due; one
//   that picks it up more than `late_start_tolerance` after it was due counts a late start (the
//   pool did not keep up), and the flow's timeline keeps its due time, so a latency measured from
//   it includes the wait (no coordinated omission).
// Every flow records the wall time of each step as the driver saw it (Flow::timeline; an
// asynchronous effect is seen at most one poll interval after it happened) and, from the ticket
// as archived, the times the services themselves recorded (Flow::recorded).
//
// Thread-safe: the accessors may be called from any thread while the clients run. Stop() lets each
// client finish the flow in hand; the destructor stops them.
#ifndef CS_TESTS_E2E_FULL_FLOW_CLIENTS_H_
#define CS_TESTS_E2E_FULL_FLOW_CLIENTS_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "cs/archive/v1/archive.grpc.pb.h"
#include "cs/intake/v1/intake.grpc.pb.h"
#include "cs/routing/v1/routing.grpc.pb.h"
#include "grpcpp/channel.h"
#include "tests/e2e/running_suite.h"

namespace cs::e2e {

// A plaintext channel to 127.0.0.1:`port` that reconnects within 100 ms of a restarted server being
// back (a default channel backs off for seconds after a refused connection).
std::shared_ptr<grpc::Channel> FastReconnectChannel(int port);

class FullFlowClients final {
 public:
  struct Options {
    // Request ids are "<prefix>-<thread>-<n>" in closed loop, "<prefix>-<n>" in open loop.
    std::string prefix;
    // Closed loop: the clients; open loop: the workers that run the due flows.
    int threads = 2;
    absl::Duration call_deadline = absl::Seconds(5);
    // A step not through by then is an error (the suite did not recover).
    absl::Duration give_up = absl::Seconds(60);
    // The gateway's lease: deliveries whose pull answer was lost are offered again after it.
    absl::Duration lease = absl::Seconds(5);
    // How often intake's ticket status and the archive are read while a flow waits for them: every
    // poll_interval, or — once a wait has lasted ten times longer — every tenth of the time waited
    // so far, up to max_poll_interval. So the driver sees an effect at most max(poll_interval, 10 %
    // of its wait) late, and a slow suite is not read ever more often by its waiting flows (the
    // reads add to the load they measure).
    absl::Duration poll_interval = absl::Milliseconds(10);
    absl::Duration max_poll_interval = absl::Milliseconds(10);
    // How long the gateway pauses after a pull that found nothing.
    absl::Duration gateway_poll_interval = absl::Milliseconds(20);
    // 0: closed loop; otherwise open loop at this many flows per second (see above).
    double flows_per_second = 0;
    // Open loop: a flow picked up later than this after it was due is a late start.
    absl::Duration late_start_tolerance = absl::Milliseconds(20);
  };
  // Wall times of one flow's steps as the driver saw them (absl::InfinitePast() for a step the flow
  // did not take).
  struct Timeline {
    // When the flow should have started: its slot of the schedule in open loop, `started` in
    // closed loop.
    absl::Time due = absl::InfinitePast();
    // A worker took it up (just before CreateTicket's first attempt).
    absl::Time started = absl::InfinitePast();
    // The answers of CreateTicket and ForwardTicket.
    absl::Time created = absl::InfinitePast();
    absl::Time forwarded = absl::InfinitePast();
    // The first read of the ticket that showed it RECEIVED (routing's confirmation recorded).
    absl::Time receipt_confirmed = absl::InfinitePast();
    // The answer of DecideTicket; for a dispatch also idc's ReplyToDispatchOrder.
    absl::Time decided = absl::InfinitePast();
    absl::Time unit_replied = absl::InfinitePast();
    // The gateway's AckDelivery (DELIVERED) answered OK.
    absl::Time reply_delivered = absl::InfinitePast();
    // The first read of the ticket that showed it REPLIED (routing's report recorded).
    absl::Time replied = absl::InfinitePast();
    // The answer of CloseTicket.
    absl::Time closed = absl::InfinitePast();
    // The first SearchRecords that found the record, and GetRecord's answer.
    absl::Time archived = absl::InfinitePast();
    absl::Time read_back = absl::InfinitePast();
  };
  // What the services recorded of the flow, read from the archived ticket: intake's clock for the
  // ticket's times, the archive's for archived_at (one machine, one clock, in the suite).
  struct Recorded {
    absl::Time created = absl::InfinitePast();    // the CREATED history entry
    absl::Time forwarded = absl::InfinitePast();  // forward.forwarded_at
    absl::Time confirmed = absl::InfinitePast();  // forward.confirmed_at
    absl::Time closed = absl::InfinitePast();     // closed_at
    absl::Time archived = absl::InfinitePast();   // the record's archived_at
  };
  struct Flow {
    std::string request_id;
    cs::intake::v1::Ticket created;
    cs::routing::v1::Decision decision = cs::routing::v1::DECISION_UNSPECIFIED;
    int64_t routed_ticket_id = 0;
    std::string record_id;
    Timeline timeline;
    Recorded recorded;
  };

  FullFlowClients(RunningSuite& suite, Options options);
  ~FullFlowClients() { Stop(); }

  FullFlowClients(const FullFlowClients&) = delete;
  FullFlowClients& operator=(const FullFlowClients&) = delete;

  // No new flow starts (in open loop: none due after the call; those already due are still
  // taken up, late); the clients finish their flows in hand (the gateway still delivering), then
  // the gateway stops.
  void Stop();
  // Flows through, archived and read back.
  size_t done() const;
  std::vector<Flow> flows() const;
  // Step ("CreateTicket", …, "GetTicket (wait)") -> answer -> how many.
  std::map<std::string, std::map<grpc::StatusCode, int>> answers() const;
  int64_t answered(grpc::StatusCode code) const;
  // The deliveries the gateway acknowledged DELIVERED (and was answered OK).
  std::set<int64_t> delivered() const;
  // Acknowledgements refused because the lease had ended and the delivery was offered again.
  int64_t stale_leases() const;
  // Empty, or the first failure that was not retryable (or a step that never got through).
  std::string error() const;
  // Flows that failed (each ends its client: the failure is the test's or benchmark's result).
  int64_t failed() const;
  // Open loop: flows taken up (started), and those taken up later than late_start_tolerance after
  // they were due, with the largest delay.
  int64_t started() const;
  int64_t late_starts() const;
  absl::Duration max_start_delay() const;
  // Open loop: how many flows the schedule had due at `time` (those a stopped pool never took up
  // are the difference to started()).
  int64_t DueBy(absl::Time time) const;
  // Where each client is: its flow, the step in hand and since when (for a failure message).
  std::string Where() const;

 private:
  bool Stopping() const;
  void Stage(absl::string_view flow, absl::string_view step);
  void Fail(const std::string& failure);

  // One attempt of `step`, its answer counted.
  template <typename Stub, typename Request, typename Response>
  grpc::Status Once(absl::string_view step, Stub& stub,
                    grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                    absl::string_view token, const Request& request, Response* response);
  // `step` until OK; false (and error_ set) on a code that is not retryable or after give_up.
  template <typename Stub, typename Request, typename Response>
  bool Call(absl::string_view step, Stub& stub,
            grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
            absl::string_view token, const Request& request, Response* response,
            absl::string_view flow);
  // Polls `condition` (every poll_interval, see Options) until it holds; DEADLINE_EXCEEDED "waited
  // <give_up> for <what>" after give_up.
  absl::Status PollUntil(absl::string_view what, const std::function<bool()>& condition) const;
  // Waits until intake shows `ticket_id` in `status` (read as its unit's staff; reads refused
  // retryably are read again); false (and error_ set) when it does not.
  bool WaitForStatus(int64_t ticket_id, cs::intake::v1::TicketStatus status,
                     absl::string_view flow);
  bool Through(Flow& flow, bool dispatch);
  // Fills flow.recorded from the archived ticket.
  static void ReadRecordedTimes(const cs::archive::v1::ArchivedRecord& record, Flow& flow);

  void RunClosedLoop(int thread);
  void RunOpenLoop();
  // Runs `flow` and keeps it when it got through; false when it failed.
  bool RunFlow(Flow flow, bool dispatch);

  // The mail gateway: pulls the email deliveries under a lease and acknowledges each DELIVERED,
  // retrying the acknowledgement under the same lease token.
  void Gateway();
  void Ack(const cs::routing::v1::Delivery& delivery);

  const Options options_;
  const std::unique_ptr<cs::intake::v1::IntakeService::Stub> intake_;
  const std::unique_ptr<cs::routing::v1::RoutingService::Stub> routing_;
  const std::unique_ptr<cs::archive::v1::ArchiveService::Stub> archive_;
  // Open loop: flow i is due at schedule_start_ + i / flows_per_second.
  const absl::Time schedule_start_;
  std::atomic<int64_t> next_flow_{0};
  std::atomic<bool> gateway_stop_{false};
  // Apart from mutex_, so the open loop's idle workers, waiting on it for their flows' due times,
  // are not woken by every answer counted under mutex_.
  mutable absl::Mutex stop_mutex_;
  bool stopping_ ABSL_GUARDED_BY(stop_mutex_) = false;
  absl::Time stopped_at_ ABSL_GUARDED_BY(stop_mutex_) = absl::InfiniteFuture();
  mutable absl::Mutex mutex_;
  std::vector<Flow> flows_ ABSL_GUARDED_BY(mutex_);
  std::map<std::string, std::map<grpc::StatusCode, int>> answers_ ABSL_GUARDED_BY(mutex_);
  std::set<int64_t> delivered_ ABSL_GUARDED_BY(mutex_);
  // Ticket id -> when the gateway's acknowledgement of its reply was answered OK (taken into the
  // flow's timeline when the flow ends).
  std::map<int64_t, absl::Time> delivered_at_ ABSL_GUARDED_BY(mutex_);
  std::map<std::thread::id, std::pair<std::string, absl::Time>> stages_ ABSL_GUARDED_BY(mutex_);
  int64_t stale_leases_ ABSL_GUARDED_BY(mutex_) = 0;
  int64_t failed_ ABSL_GUARDED_BY(mutex_) = 0;
  int64_t started_ ABSL_GUARDED_BY(mutex_) = 0;
  int64_t late_starts_ ABSL_GUARDED_BY(mutex_) = 0;
  absl::Duration max_start_delay_ ABSL_GUARDED_BY(mutex_) = absl::ZeroDuration();
  std::string error_ ABSL_GUARDED_BY(mutex_);
  // Last: started once everything they use exists.
  std::thread gateway_;
  std::vector<std::thread> threads_;
};

}  // namespace cs::e2e

#endif  // CS_TESTS_E2E_FULL_FLOW_CLIENTS_H_
