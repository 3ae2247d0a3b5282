#include "tools/loadgen/load_runner.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "grpc/grpc.h"
#include "grpcpp/client_context.h"
#include "grpcpp/completion_queue.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/byte_buffer.h"
#include "grpcpp/support/channel_arguments.h"

namespace cs::tools::loadgen {
namespace {

// Latencies come from the monotonic clock: a wall-clock step during a run must not become latency.
using SteadyClock = std::chrono::steady_clock;
using TimePoint = SteadyClock::time_point;

// grpc::StatusCode 0..16; a last slot for anything else.
constexpr int kCodeSlots = 18;

// One call in flight. Owned by the completion queue (as its tag) from Finish() until the tag comes
// back.
struct PendingCall {
  grpc::ClientContext context;
  grpc::ByteBuffer reply;
  grpc::Status status;
  std::unique_ptr<grpc::GenericClientAsyncResponseReader> reader;
  // Closed loop: when it was sent. Open loop: when it was due.
  TimePoint measured_from;
  // Closed loop: the caller that sends the next call when this one returns.
  int caller = 0;
};

// What one completion-queue thread recorded. Touched by that thread only until it is joined.
struct Tally {
  LatencySamples latencies;
  std::array<int64_t, kCodeSlots> by_code{};

  void Record(TimePoint done, const PendingCall& call) {
    latencies.Add(absl::FromChrono(done - call.measured_from));
    const int code = static_cast<int>(call.status.error_code());
    ++by_code[code >= 0 && code < kCodeSlots - 1 ? code : kCodeSlots - 1];
  }
};

// Starts calls of one method on any of the channels. Thread-safe: stubs and channels are.
class CallStarter final {
 public:
  CallStarter(const LoadOptions& options,
              const std::vector<std::shared_ptr<grpc::Channel>>& channels)
      : method_(options.method),
        deadline_(absl::ToChronoNanoseconds(options.deadline)),
        authorization_(options.token.empty() ? "" : absl::StrCat("Bearer ", options.token)) {
    for (const auto& channel : channels)
      stubs_.push_back(std::make_unique<grpc::GenericStub>(channel));
  }

  // Sends `request` on channel number `index` (modulo the channel count); the completion arrives on
  // `cq` with the PendingCall as tag.
  void Start(size_t index, const std::string& request, grpc::CompletionQueue* cq,
             TimePoint measured_from, int caller) const {
    auto call = std::make_unique<PendingCall>();
    call->measured_from = measured_from;
    call->caller = caller;
    call->context.set_deadline(std::chrono::system_clock::now() + deadline_);
    if (!authorization_.empty()) call->context.AddMetadata("authorization", authorization_);
    grpc::Slice slice(request);
    grpc::ByteBuffer buffer(&slice, 1);
    call->reader =
        stubs_[index % stubs_.size()]->PrepareUnaryCall(&call->context, method_, buffer, cq);
    call->reader->StartCall();
    // From here the queue owns the call; it may complete on another thread before Finish returns.
    PendingCall* owned_by_queue = call.release();
    owned_by_queue->reader->Finish(&owned_by_queue->reply, &owned_by_queue->status, owned_by_queue);
  }

 private:
  // Kept alive for the whole run: the call setup refers to the method name's characters.
  const std::string method_;
  const std::chrono::nanoseconds deadline_;
  const std::string authorization_;
  std::vector<std::unique_ptr<grpc::GenericStub>> stubs_;
};

// Deletes whatever is still queued after Shutdown (nothing, when every call was awaited).
void DrainAfterShutdown(grpc::CompletionQueue& cq) {
  cq.Shutdown();
  void* tag = nullptr;
  bool ok = false;
  while (cq.Next(&tag, &ok)) delete static_cast<PendingCall*>(tag);
}

// One closed-loop thread: its callers each keep one call in flight until the window ends; calls
// that return inside the window are recorded.
void RunClosedLoopThread(const CallStarter& starter, RequestBuilder& requests,
                         const std::vector<int>& callers, TimePoint window_start,
                         TimePoint window_end, Tally& tally) {
  grpc::CompletionQueue cq;
  for (const int caller : callers) {
    const std::string& request = requests.Next();
    starter.Start(caller, request, &cq, SteadyClock::now(), caller);
  }
  size_t in_flight = callers.size();
  void* tag = nullptr;
  bool ok = false;
  while (in_flight > 0 && cq.Next(&tag, &ok)) {
    std::unique_ptr<PendingCall> call(static_cast<PendingCall*>(tag));
    const TimePoint now = SteadyClock::now();
    if (now >= window_start && now < window_end) tally.Record(now, *call);
    if (now < window_end) {
      const std::string& request = requests.Next();
      starter.Start(call->caller, request, &cq, SteadyClock::now(), call->caller);
    } else {
      --in_flight;
    }
  }
  DrainAfterShutdown(cq);
}

LoadReport NewReport(const LoadOptions& options) {
  LoadReport report;
  report.tool = "loadgen";
  report.target = options.target;
  report.operation = options.method;
  report.warmup = options.warmup;
  report.measured = options.duration;
  report.late_threshold = options.late_threshold;
  if (options.rate > 0) {
    report.mode = "open";
    report.rate = options.rate;
  } else {
    report.mode = "closed";
    report.concurrency = options.concurrency;
  }
  return report;
}

void AddTallies(std::vector<Tally>& tallies, LoadReport& report) {
  LatencySamples all;
  std::array<int64_t, kCodeSlots> by_code{};
  for (Tally& tally : tallies) {
    all.Merge(std::move(tally.latencies));
    for (int code = 0; code < kCodeSlots; ++code) by_code[code] += tally.by_code[code];
  }
  for (int code = 0; code < kCodeSlots; ++code) {
    if (by_code[code] == 0) continue;
    const std::string name = code < kCodeSlots - 1
                                 ? absl::StatusCodeToString(static_cast<absl::StatusCode>(code))
                                 : std::string("OTHER");
    report.outcomes[name] += by_code[code];
    report.calls += by_code[code];
  }
  report.latency = all.Summarize();
}

LoadReport RunClosedLoop(const LoadOptions& options, const RequestTemplate& requests,
                         const CallStarter& starter) {
  const int thread_count = std::min(options.threads, options.concurrency);
  std::vector<std::vector<int>> callers_of_thread(thread_count);
  for (int caller = 0; caller < options.concurrency; ++caller) {
    callers_of_thread[caller % thread_count].push_back(caller);
  }
  std::vector<std::unique_ptr<RequestBuilder>> builders;
  for (int t = 0; t < thread_count; ++t) builders.push_back(requests.NewBuilder(t));
  std::vector<Tally> tallies(thread_count);

  const TimePoint window_start = SteadyClock::now() + absl::ToChronoNanoseconds(options.warmup);
  const TimePoint window_end = window_start + absl::ToChronoNanoseconds(options.duration);
  std::vector<std::thread> threads;
  for (int t = 0; t < thread_count; ++t) {
    threads.emplace_back([&, t] {
      RunClosedLoopThread(starter, *builders[t], callers_of_thread[t], window_start, window_end,
                          tallies[t]);
    });
  }
  for (std::thread& thread : threads) thread.join();

  LoadReport report = NewReport(options);
  AddTallies(tallies, report);
  return report;
}

// The calling thread keeps the schedule and sends; `options.threads` threads take the completions.
LoadReport RunOpenLoop(const LoadOptions& options, const RequestTemplate& requests,
                       const CallStarter& starter) {
  const int thread_count = options.threads;
  std::vector<std::unique_ptr<grpc::CompletionQueue>> queues;
  for (int t = 0; t < thread_count; ++t)
    queues.push_back(std::make_unique<grpc::CompletionQueue>());
  std::vector<Tally> tallies(thread_count);
  std::atomic<int> in_flight{0};

  const TimePoint start = SteadyClock::now();
  const TimePoint window_start = start + absl::ToChronoNanoseconds(options.warmup);
  const TimePoint window_end = window_start + absl::ToChronoNanoseconds(options.duration);

  std::vector<std::thread> threads;
  for (int t = 0; t < thread_count; ++t) {
    threads.emplace_back([&, t] {
      void* tag = nullptr;
      bool ok = false;
      // Next() returns false only after Shutdown and once every started call has come back.
      while (queues[t]->Next(&tag, &ok)) {
        std::unique_ptr<PendingCall> call(static_cast<PendingCall*>(tag));
        const TimePoint now = SteadyClock::now();
        in_flight.fetch_sub(1, std::memory_order_relaxed);
        if (call->measured_from >= window_start) tallies[t].Record(now, *call);
      }
    });
  }

  std::unique_ptr<RequestBuilder> builder = requests.NewBuilder(0);
  const double period_nanos = 1e9 / options.rate;
  const auto late_threshold = absl::ToChronoNanoseconds(options.late_threshold);
  int64_t late_sends = 0;
  for (int64_t k = 0;; ++k) {
    const TimePoint due =
        start + std::chrono::nanoseconds(std::llround(static_cast<double>(k) * period_nanos));
    if (due >= window_end) break;
    std::this_thread::sleep_until(due);
    while (in_flight.load(std::memory_order_relaxed) >= options.max_in_flight) {
      std::this_thread::sleep_for(std::chrono::microseconds(50));
    }
    const std::string& request = builder->Next();
    if (due >= window_start && SteadyClock::now() - due > late_threshold) ++late_sends;
    in_flight.fetch_add(1, std::memory_order_relaxed);
    starter.Start(static_cast<size_t>(k), request, queues[k % thread_count].get(), due, 0);
  }
  for (auto& queue : queues) queue->Shutdown();
  for (std::thread& thread : threads) thread.join();

  LoadReport report = NewReport(options);
  report.late_sends = late_sends;
  AddTallies(tallies, report);
  return report;
}

}  // namespace

absl::Status ValidateLoadOptions(const LoadOptions& options) {
  std::vector<std::string> problems;
  if (!absl::StartsWith(options.method, "/") || options.method.find('/', 1) == std::string::npos) {
    problems.push_back(
        absl::StrCat("method \"", options.method, "\" is not of the form /package.Service/Method"));
  }
  if (options.deadline <= absl::ZeroDuration()) problems.push_back("deadline must be positive");
  if (options.rate < 0 || !std::isfinite(options.rate)) {
    problems.push_back("rate must be 0 (closed loop) or positive");
  }
  if (options.rate == 0 && options.concurrency < 1) problems.push_back("concurrency must be >= 1");
  if (options.warmup < absl::ZeroDuration()) problems.push_back("warmup must not be negative");
  if (options.duration <= absl::ZeroDuration()) problems.push_back("duration must be positive");
  if (options.threads < 1) problems.push_back("threads must be >= 1");
  if (options.max_in_flight < 1) problems.push_back("max_in_flight must be >= 1");
  if (options.late_threshold < absl::ZeroDuration()) {
    problems.push_back("late_threshold must not be negative");
  }
  if (problems.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrJoin(problems, "; "));
}

absl::StatusOr<LoadReport> RunLoad(const LoadOptions& options, const RequestTemplate& requests,
                                   const std::vector<std::shared_ptr<grpc::Channel>>& channels) {
  if (absl::Status valid = ValidateLoadOptions(options); !valid.ok()) return valid;
  if (channels.empty()) return absl::InvalidArgumentError("RunLoad needs at least one channel");
  const CallStarter starter(options, channels);
  return options.rate > 0 ? RunOpenLoop(options, requests, starter)
                          : RunClosedLoop(options, requests, starter);
}

absl::StatusOr<std::vector<std::shared_ptr<grpc::Channel>>> ConnectChannels(
    const std::string& target, int count, absl::Duration connect_timeout) {
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (int i = 0; i < count; ++i) {
    grpc::ChannelArguments arguments;
    // Channels with equal arguments would share one connection through the global subchannel pool.
    arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    std::shared_ptr<grpc::Channel> channel =
        grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), arguments);
    if (!channel->WaitForConnected(std::chrono::system_clock::now() +
                                   absl::ToChronoNanoseconds(connect_timeout))) {
      return absl::UnavailableError(absl::StrCat("could not connect to ", target, " within ",
                                                 absl::FormatDuration(connect_timeout)));
    }
    channels.push_back(std::move(channel));
  }
  return channels;
}

}  // namespace cs::tools::loadgen
