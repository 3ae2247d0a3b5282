#include "tests/e2e/full_flow_clients.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/api/proto_time.h"
#include "common/grpc/client_auth.h"
#include "grpcpp/create_channel.h"
#include "tests/e2e/intake_as_staff.h"

namespace cs::e2e {
namespace {

using cs::archive::v1::ArchiveService;
using cs::intake::v1::IntakeService;
using cs::intake::v1::Ticket;
using cs::intake::v1::TicketStatus;
using cs::routing::v1::RoutingService;

bool Retryable(grpc::StatusCode code) {
  return code == grpc::StatusCode::UNAVAILABLE || code == grpc::StatusCode::DEADLINE_EXCEEDED;
}

// The instant of a timestamp the suite wrote; InfinitePast when absent or not an instant.
absl::Time InstantOf(bool present, const google::protobuf::Timestamp& timestamp) {
  if (!present) return absl::InfinitePast();
  absl::StatusOr<absl::Time> time = common::FromProtoTimestamp(timestamp, "");
  return time.ok() ? *time : absl::InfinitePast();
}

}  // namespace

std::shared_ptr<grpc::Channel> FastReconnectChannel(int port) {
  grpc::ChannelArguments arguments;
  arguments.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 50);
  arguments.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 50);
  arguments.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 100);
  return grpc::CreateCustomChannel(absl::StrCat("127.0.0.1:", port),
                                   grpc::InsecureChannelCredentials(), arguments);
}

FullFlowClients::FullFlowClients(RunningSuite& suite, Options options)
    : options_(std::move(options)),
      intake_(IntakeService::NewStub(FastReconnectChannel(suite.service("intake").grpc_port))),
      routing_(RoutingService::NewStub(FastReconnectChannel(suite.service("routing").grpc_port))),
      archive_(ArchiveService::NewStub(FastReconnectChannel(suite.service("archive").grpc_port))),
      schedule_start_(absl::Now()) {
  gateway_ = std::thread([this] { Gateway(); });
  for (int i = 0; i < options_.threads; ++i) {
    if (options_.flows_per_second > 0) {
      threads_.emplace_back([this] { RunOpenLoop(); });
    } else {
      threads_.emplace_back([this, i] { RunClosedLoop(i); });
    }
  }
}

void FullFlowClients::Stop() {
  {
    absl::MutexLock lock(&stop_mutex_);
    if (!stopping_) stopped_at_ = absl::Now();
    stopping_ = true;
  }
  for (std::thread& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
  gateway_stop_ = true;
  if (gateway_.joinable()) gateway_.join();
}

size_t FullFlowClients::done() const {
  absl::MutexLock lock(&mutex_);
  return flows_.size();
}

std::vector<FullFlowClients::Flow> FullFlowClients::flows() const {
  absl::MutexLock lock(&mutex_);
  return flows_;
}

std::map<std::string, std::map<grpc::StatusCode, int>> FullFlowClients::answers() const {
  absl::MutexLock lock(&mutex_);
  return answers_;
}

int64_t FullFlowClients::answered(grpc::StatusCode code) const {
  absl::MutexLock lock(&mutex_);
  int64_t count = 0;
  for (const auto& [step, codes] : answers_) {
    if (auto it = codes.find(code); it != codes.end()) count += it->second;
  }
  return count;
}

std::set<int64_t> FullFlowClients::delivered() const {
  absl::MutexLock lock(&mutex_);
  return delivered_;
}

int64_t FullFlowClients::stale_leases() const {
  absl::MutexLock lock(&mutex_);
  return stale_leases_;
}

std::string FullFlowClients::error() const {
  absl::MutexLock lock(&mutex_);
  return error_;
}

int64_t FullFlowClients::failed() const {
  absl::MutexLock lock(&mutex_);
  return failed_;
}

int64_t FullFlowClients::started() const {
  absl::MutexLock lock(&mutex_);
  return started_;
}

int64_t FullFlowClients::late_starts() const {
  absl::MutexLock lock(&mutex_);
  return late_starts_;
}

absl::Duration FullFlowClients::max_start_delay() const {
  absl::MutexLock lock(&mutex_);
  return max_start_delay_;
}

int64_t FullFlowClients::DueBy(absl::Time time) const {
  if (options_.flows_per_second <= 0 || time < schedule_start_) return 0;
  return static_cast<int64_t>(absl::ToDoubleSeconds(time - schedule_start_) *
                              options_.flows_per_second) +
         1;
}

std::string FullFlowClients::Where() const {
  absl::MutexLock lock(&mutex_);
  std::vector<std::string> where;
  if (!error_.empty()) where.push_back(absl::StrCat("failed: ", error_));
  for (const auto& [thread, stage] : stages_) {
    where.push_back(
        absl::StrCat(stage.first, " for ", absl::FormatDuration(absl::Now() - stage.second)));
  }
  return absl::StrJoin(where, "; ");
}

bool FullFlowClients::Stopping() const {
  absl::MutexLock lock(&stop_mutex_);
  return stopping_;
}

void FullFlowClients::Stage(absl::string_view flow, absl::string_view step) {
  absl::MutexLock lock(&mutex_);
  stages_[std::this_thread::get_id()] = {absl::StrCat(flow, " ", step), absl::Now()};
}

void FullFlowClients::Fail(const std::string& failure) {
  absl::MutexLock lock(&mutex_);
  if (error_.empty()) error_ = failure;
}

template <typename Stub, typename Request, typename Response>
grpc::Status FullFlowClients::Once(absl::string_view step, Stub& stub,
                                   grpc::Status (Stub::*method)(grpc::ClientContext*,
                                                                const Request&, Response*),
                                   absl::string_view token, const Request& request,
                                   Response* response) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + options_.call_deadline));
  common::AttachBearerToken(context, token);
  const grpc::Status status = (stub.*method)(&context, request, response);
  absl::MutexLock lock(&mutex_);
  ++answers_[std::string(step)][status.error_code()];
  return status;
}

template <typename Stub, typename Request, typename Response>
bool FullFlowClients::Call(absl::string_view step, Stub& stub,
                           grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&,
                                                        Response*),
                           absl::string_view token, const Request& request, Response* response,
                           absl::string_view flow) {
  Stage(flow, step);
  const absl::Time give_up = absl::Now() + options_.give_up;
  for (;;) {
    const grpc::Status status = Once(step, stub, method, token, request, response);
    if (status.ok()) return true;
    if (!Retryable(status.error_code()) || absl::Now() > give_up) {
      Fail(absl::StrCat(flow, ": ", step, " answered ", status.error_code(), " ",
                        status.error_message()));
      return false;
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
}

absl::Status FullFlowClients::PollUntil(absl::string_view what,
                                        const std::function<bool()>& condition) const {
  const absl::Time started = absl::Now();
  const absl::Time give_up = started + options_.give_up;
  while (!condition()) {
    const absl::Time now = absl::Now();
    if (now >= give_up) {
      return absl::DeadlineExceededError(
          absl::StrCat("waited ", absl::FormatDuration(options_.give_up), " for ", what));
    }
    absl::SleepFor(std::clamp((now - started) / 10, options_.poll_interval,
                              std::max(options_.poll_interval, options_.max_poll_interval)));
  }
  return absl::OkStatus();
}

bool FullFlowClients::WaitForStatus(int64_t ticket_id, TicketStatus status,
                                    absl::string_view flow) {
  Stage(flow, absl::StrCat("waiting for ", cs::intake::v1::TicketStatus_Name(status)));
  std::string failure;
  Ticket ticket;
  const absl::Status waited =
      PollUntil(absl::StrCat(flow, " to become ", cs::intake::v1::TicketStatus_Name(status)), [&] {
        cs::intake::v1::GetTicketRequest get;
        get.set_ticket_id(ticket_id);
        const grpc::Status answer =
            Once("GetTicket (wait)", *intake_, &IntakeService::Stub::GetTicket,
                 kBroadbandStaffToken, get, &ticket);
        if (!answer.ok() && !Retryable(answer.error_code())) {
          failure = absl::StrCat(flow, ": GetTicket answered ", answer.error_code(), " ",
                                 answer.error_message());
          return true;
        }
        return answer.ok() && ticket.status() == status;
      });
  if (failure.empty() && !waited.ok()) {
    failure = absl::StrCat(waited.message(), " (it is ",
                           cs::intake::v1::TicketStatus_Name(ticket.status()), ")");
  }
  if (!failure.empty()) Fail(failure);
  return failure.empty();
}

bool FullFlowClients::Through(Flow& flow, bool dispatch) {
  const std::string& id = flow.request_id;
  Timeline& at = flow.timeline;
  cs::intake::v1::CreateTicketRequest create;
  create.set_request_id(absl::StrCat(id, "-create"));
  *create.mutable_ticket() = CompleteTicketInput();
  create.mutable_ticket()->set_problem(absl::StrCat("宽带晚上经常断线 ", id));
  create.mutable_ticket()->set_reply_channel(cs::common::v1::REPLY_CHANNEL_EMAIL);
  create.mutable_ticket()->set_email("zhang@example.cn");
  if (!Call("CreateTicket", *intake_, &IntakeService::Stub::CreateTicket, kBroadbandStaffToken,
            create, &flow.created, id)) {
    return false;
  }
  at.created = absl::Now();
  const int64_t ticket_id = flow.created.ticket_id();
  cs::intake::v1::ForwardTicketRequest forward;
  forward.set_request_id(absl::StrCat(id, "-forward"));
  forward.set_ticket_id(ticket_id);
  Ticket forwarded;
  if (!Call("ForwardTicket", *intake_, &IntakeService::Stub::ForwardTicket, kBroadbandStaffToken,
            forward, &forwarded, id)) {
    return false;
  }
  at.forwarded = absl::Now();

  // The receipt: routing confirms it, intake's relay records it.
  if (!WaitForStatus(ticket_id, cs::intake::v1::TICKET_STATUS_RECEIVED, id)) return false;
  at.receipt_confirmed = absl::Now();
  cs::routing::v1::ListRoutedTicketsRequest list;
  list.set_ticket_id(ticket_id);
  cs::routing::v1::ListRoutedTicketsResponse routed;
  if (!Call("ListRoutedTickets", *routing_, &RoutingService::Stub::ListRoutedTickets,
            kDesignatedUnitToken, list, &routed, id)) {
    return false;
  }
  if (routed.routed_tickets_size() != 1) {
    Fail(absl::StrCat(id, ": routing holds ", routed.routed_tickets_size(), " routed tickets"));
    return false;
  }
  flow.routed_ticket_id = routed.routed_tickets(0).routed_ticket_id();

  // The designated unit's decision.
  cs::routing::v1::DecideTicketRequest decide;
  decide.set_request_id(absl::StrCat(id, "-decide"));
  decide.set_routed_ticket_id(flow.routed_ticket_id);
  if (dispatch) {
    decide.set_decision(cs::routing::v1::DECISION_INTERNAL_DISPATCH);
    decide.set_unit_id("idc");
    decide.set_reason("线路在数据中心机房，由数据中心处理");
  } else {
    decide.set_decision(cs::routing::v1::DECISION_DIRECT_REPLY);
    decide.set_reason("资费咨询，本单位直接答复");
    decide.set_handling_result("宽带包月套餐为每月100元，详情可致电10000查询。");
  }
  flow.decision = decide.decision();
  cs::routing::v1::RoutedTicket decided;
  if (!Call("DecideTicket", *routing_, &RoutingService::Stub::DecideTicket, kDesignatedUnitToken,
            decide, &decided, id)) {
    return false;
  }
  at.decided = absl::Now();
  if (dispatch) {
    // idc takes the order and replies through routing.
    if (decided.orders_size() != 1) {
      Fail(absl::StrCat(id, ": the dispatch made ", decided.orders_size(), " orders"));
      return false;
    }
    cs::routing::v1::AcceptDispatchOrderRequest accept;
    accept.set_order_id(decided.orders(0).order_id());
    cs::routing::v1::DispatchOrder order;
    if (!Call("AcceptDispatchOrder", *routing_, &RoutingService::Stub::AcceptDispatchOrder,
              kIdcStaffToken, accept, &order, id)) {
      return false;
    }
    cs::routing::v1::ReplyToDispatchOrderRequest reply;
    reply.set_request_id(absl::StrCat(id, "-reply"));
    reply.set_order_id(accept.order_id());
    reply.set_handling_result("机房线路已修复，宽带已恢复。");
    if (!Call("ReplyToDispatchOrder", *routing_, &RoutingService::Stub::ReplyToDispatchOrder,
              kIdcStaffToken, reply, &order, id)) {
      return false;
    }
    at.unit_replied = absl::Now();
  }

  // The reply delivered by the gateway and reported to intake by routing's relay; then closed.
  if (!WaitForStatus(ticket_id, cs::intake::v1::TICKET_STATUS_REPLIED, id)) return false;
  at.replied = absl::Now();
  cs::intake::v1::CloseTicketRequest close;
  close.set_request_id(absl::StrCat(id, "-close"));
  close.set_ticket_id(ticket_id);
  Ticket closed;
  if (!Call("CloseTicket", *intake_, &IntakeService::Stub::CloseTicket, kBroadbandStaffToken, close,
            &closed, id)) {
    return false;
  }
  at.closed = absl::Now();
  if (closed.status() != cs::intake::v1::TICKET_STATUS_CLOSED) {
    Fail(absl::StrCat(id, ": closing answered ",
                      cs::intake::v1::TicketStatus_Name(closed.status())));
    return false;
  }

  // Archived: one record, read back whole.
  cs::archive::v1::SearchRecordsRequest search;
  search.set_ticket_id(ticket_id);
  search.set_reason("fault injection drill: the closed ticket was archived once");
  cs::archive::v1::SearchRecordsResponse found;
  std::string failure;
  Stage(id, "waiting for the archive");
  const absl::Status archived = PollUntil(absl::StrCat(id, " in the archive"), [&] {
    found.Clear();
    const grpc::Status answer =
        Once("SearchRecords (wait)", *archive_, &ArchiveService::Stub::SearchRecords,
             kBroadbandArchivistToken, search, &found);
    if (!answer.ok() && !Retryable(answer.error_code())) {
      failure = absl::StrCat(id, ": SearchRecords answered ", answer.error_code(), " ",
                             answer.error_message());
      return true;
    }
    return answer.ok() && found.records_size() > 0;
  });
  if (failure.empty() && !archived.ok()) failure = std::string(archived.message());
  if (failure.empty() && found.records_size() != 1) {
    failure = absl::StrCat(id, ": ", found.records_size(), " archived records");
  }
  if (!failure.empty()) {
    Fail(failure);
    return false;
  }
  at.archived = absl::Now();
  flow.record_id = found.records(0).record_id();
  cs::archive::v1::GetRecordRequest get;
  get.set_record_id(flow.record_id);
  get.set_reason("fault injection drill: read the archived record back");
  cs::archive::v1::ArchivedRecord record;
  if (!Call("GetRecord", *archive_, &ArchiveService::Stub::GetRecord, kBroadbandArchivistToken, get,
            &record, id)) {
    return false;
  }
  at.read_back = absl::Now();
  if (record.ticket().ticket_id() != ticket_id ||
      record.ticket().status() != cs::intake::v1::TICKET_STATUS_CLOSED ||
      record.ticket().replies_size() != 1 || record.versions_size() != 1) {
    Fail(absl::StrCat(id, ": the archived record is not the closed ticket with its one reply: ",
                      record.ShortDebugString()));
    return false;
  }
  ReadRecordedTimes(record, flow);
  return true;
}

void FullFlowClients::ReadRecordedTimes(const cs::archive::v1::ArchivedRecord& record, Flow& flow) {
  const Ticket& ticket = record.ticket();
  for (const cs::intake::v1::HistoryEntry& entry : ticket.history()) {
    if (entry.event() == "CREATED") {
      flow.recorded.created = InstantOf(entry.has_at(), entry.at());
      break;
    }
  }
  flow.recorded.forwarded =
      InstantOf(ticket.forward().has_forwarded_at(), ticket.forward().forwarded_at());
  flow.recorded.confirmed =
      InstantOf(ticket.forward().has_confirmed_at(), ticket.forward().confirmed_at());
  flow.recorded.closed = InstantOf(ticket.has_closed_at(), ticket.closed_at());
  flow.recorded.archived =
      InstantOf(record.summary().has_archived_at(), record.summary().archived_at());
}

bool FullFlowClients::RunFlow(Flow flow, bool dispatch) {
  if (!Through(flow, dispatch)) {
    absl::MutexLock lock(&mutex_);
    ++failed_;
    return false;
  }
  absl::MutexLock lock(&mutex_);
  // The gateway was answered before routing reported the delivery, so before the ticket showed
  // REPLIED.
  if (auto it = delivered_at_.find(flow.created.ticket_id()); it != delivered_at_.end()) {
    flow.timeline.reply_delivered = it->second;
    delivered_at_.erase(it);
  }
  flows_.push_back(std::move(flow));
  return true;
}

void FullFlowClients::RunClosedLoop(int thread) {
  for (int i = 0; !Stopping(); ++i) {
    Flow flow;
    flow.request_id = absl::StrCat(options_.prefix, "-", thread, "-", i);
    flow.timeline.started = flow.timeline.due = absl::Now();
    {
      absl::MutexLock lock(&mutex_);
      ++started_;
    }
    if (!RunFlow(std::move(flow), /*dispatch=*/(thread + i) % 2 == 1)) return;
  }
}

void FullFlowClients::RunOpenLoop() {
  for (;;) {
    const int64_t n = next_flow_.fetch_add(1);
    Flow flow;
    flow.request_id = absl::StrCat(options_.prefix, "-", n);
    flow.timeline.due =
        schedule_start_ + absl::Seconds(static_cast<double>(n) / options_.flows_per_second);
    {
      // Sleeps until the flow is due, or until Stop().
      absl::MutexLock lock(&stop_mutex_);
      stop_mutex_.AwaitWithDeadline(absl::Condition(&stopping_), flow.timeline.due);
      if (flow.timeline.due > stopped_at_) return;
    }
    flow.timeline.started = absl::Now();
    {
      absl::MutexLock lock(&mutex_);
      const absl::Duration delay = flow.timeline.started - flow.timeline.due;
      ++started_;
      if (delay > options_.late_start_tolerance) ++late_starts_;
      max_start_delay_ = std::max(max_start_delay_, delay);
    }
    if (!RunFlow(std::move(flow), /*dispatch=*/n % 2 == 1)) return;
  }
}

void FullFlowClients::Gateway() {
  while (!gateway_stop_) {
    cs::routing::v1::PullDeliveriesRequest pull;
    pull.set_channel(cs::common::v1::REPLY_CHANNEL_EMAIL);
    pull.set_max_deliveries(20);
    pull.mutable_lease()->set_seconds(absl::ToInt64Seconds(options_.lease));
    pull.set_gateway("mail-gateway");
    cs::routing::v1::PullDeliveriesResponse pulled;
    const grpc::Status status =
        Once("PullDeliveries", *routing_, &RoutingService::Stub::PullDeliveries, kMailGatewayToken,
             pull, &pulled);
    if (!status.ok() && !Retryable(status.error_code())) {
      Fail(absl::StrCat("gateway: PullDeliveries answered ", status.error_code(), " ",
                        status.error_message()));
      return;
    }
    for (const cs::routing::v1::Delivery& delivery : pulled.deliveries()) Ack(delivery);
    if (pulled.deliveries().empty()) absl::SleepFor(options_.gateway_poll_interval);
  }
}

void FullFlowClients::Ack(const cs::routing::v1::Delivery& delivery) {
  cs::routing::v1::AckDeliveryRequest ack;
  ack.set_delivery_id(delivery.delivery_id());
  ack.set_lease_token(delivery.lease_token());
  ack.set_gateway("mail-gateway");
  ack.set_result(cs::routing::v1::DELIVERY_RESULT_DELIVERED);
  const absl::Time give_up = absl::Now() + options_.give_up;
  for (;;) {
    cs::routing::v1::Delivery answer;
    const grpc::Status status = Once("AckDelivery", *routing_, &RoutingService::Stub::AckDelivery,
                                     kMailGatewayToken, ack, &answer);
    {
      absl::MutexLock lock(&mutex_);
      if (status.ok()) {
        delivered_.insert(delivery.delivery_id());
        delivered_at_.emplace(delivery.ticket_id(), absl::Now());
        return;
      }
      if (status.error_code() == grpc::StatusCode::FAILED_PRECONDITION) {
        // The lease ended and the delivery was offered again: the next pull takes it.
        ++stale_leases_;
        return;
      }
      if (!Retryable(status.error_code()) || absl::Now() > give_up) {
        if (error_.empty()) {
          error_ = absl::StrCat("gateway: AckDelivery ", delivery.delivery_id(), " answered ",
                                status.error_code(), " ", status.error_message());
        }
        return;
      }
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
}

}  // namespace cs::e2e
