#include "services/assessment/api/peer_figure_reader.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "common/grpc/client_auth.h"
#include "common/grpc/status_mapping.h"
#include "common/time/call_deadline.h"
#include "common/time/report_month.h"
#include "grpcpp/client_context.h"
#include "services/assessment/api/peer_figures.h"

namespace cs::assessment {
namespace {

namespace intake_v1 = ::cs::intake::v1;
namespace routing_v1 = ::cs::routing::v1;
namespace archive_v1 = ::cs::archive::v1;
namespace hotline_v1 = ::cs::hotline::v1;
namespace channel_v1 = ::cs::channel::v1;

std::shared_ptr<grpc::Channel> OpenIfGiven(const std::string& address,
                                           const common::PeerChannelOptions& options) {
  if (address.empty()) return nullptr;
  return common::CreatePeerChannel(address, options);
}

template <typename Service>
std::unique_ptr<typename Service::Stub> StubOf(const std::shared_ptr<grpc::Channel>& channel) {
  if (channel == nullptr) return nullptr;
  return Service::NewStub(channel);
}

// One call of a Read, alive until Read returns (gRPC writes into it until the callback ran).
template <typename Request, typename Response>
struct PeerCall {
  bool wanted = false;
  Request request;
  Response response;
  grpc::ClientContext context;
  // Set before `done` is notified: OK, the call's error, or FAILED_PRECONDITION without a channel.
  absl::Status status;
  absl::Time started_at;
  absl::Time finished_at;
  absl::Notification done;
};

// When `call` is wanted: asks for `unit_id`'s `month` (every monthly figure request has both) and
// starts it on `stub` through `method` (a lambda calling one method of the stub's async()
// interface) with `deadline`, or finishes it at once with FAILED_PRECONDITION when the peer has no
// channel.
template <typename Stub, typename Call, typename Method>
void Start(Stub* stub, absl::string_view peer, const PeerFigureReaderOptions& options,
           absl::Time deadline, const common::Clock& clock, const std::string& unit_id,
           const std::string& month, Call& call, Method method) {
  if (!call.wanted) return;
  call.request.set_unit_id(unit_id);
  call.request.set_month(month);
  call.started_at = clock.Now();
  if (stub == nullptr) {
    call.status = absl::FailedPreconditionError(
        absl::StrCat("no channel to ", peer, ": its address is not configured"));
    call.finished_at = call.started_at;
    call.done.Notify();
    return;
  }
  call.context.set_deadline(absl::ToChronoTime(deadline));
  if (!options.service_token.empty()) {
    common::AttachBearerToken(call.context, options.service_token);
  }
  method(stub->async(), &call.context, &call.request, &call.response,
         [&call, &clock](grpc::Status status) {
           call.status = common::FromGrpcStatus(status);
           call.finished_at = clock.Now();
           call.done.Notify();
         });
}

template <typename Call>
void Await(Call& call) {
  if (call.wanted) call.done.WaitForNotification();
}

}  // namespace

PeerChannels OpenPeerChannels(const PeerAddresses& addresses,
                              const common::PeerChannelOptions& options) {
  PeerChannels channels;
  channels.intake = OpenIfGiven(addresses.intake, options);
  channels.routing = OpenIfGiven(addresses.routing, options);
  channels.archive = OpenIfGiven(addresses.archive, options);
  channels.hotline_registry = OpenIfGiven(addresses.hotline_registry, options);
  channels.channel_registry = OpenIfGiven(addresses.channel_registry, options);
  return channels;
}

GrpcPeerFigureReader::GrpcPeerFigureReader(const PeerChannels& channels,
                                           PeerFigureReaderOptions options,
                                           const common::Clock& clock)
    : options_(std::move(options)),
      clock_(clock),
      intake_(StubOf<intake_v1::IntakeService>(channels.intake)),
      routing_(StubOf<routing_v1::RoutingService>(channels.routing)),
      archive_(StubOf<archive_v1::ArchiveService>(channels.archive)),
      hotline_registry_(StubOf<hotline_v1::HotlineRegistryService>(channels.hotline_registry)),
      channel_registry_(StubOf<channel_v1::ChannelRegistryService>(channels.channel_registry)) {}

GrpcPeerFigureReader::GrpcPeerFigureReader(const PeerAddresses& addresses,
                                           const common::PeerChannelOptions& channel_options,
                                           PeerFigureReaderOptions options,
                                           const common::Clock& clock)
    : GrpcPeerFigureReader(OpenPeerChannels(addresses, channel_options), std::move(options),
                           clock) {}

ScorecardInputs GrpcPeerFigureReader::Read(const std::string& unit_id, absl::CivilMonth month,
                                           absl::Span<const IndicatorDefinition> indicators) {
  PeerCall<intake_v1::GetMonthlyForwardingStatisticsRequest, intake_v1::MonthlyForwardingStatistics>
      intake;
  PeerCall<routing_v1::GetMonthlyStatisticsRequest, routing_v1::MonthlyStatistics> routing;
  PeerCall<archive_v1::ListMonthlyReportsRequest, archive_v1::ListMonthlyReportsResponse> reports;
  PeerCall<archive_v1::GetArchiveCompletenessRequest, archive_v1::ArchiveCompleteness> completeness;
  PeerCall<hotline_v1::GetMonthlyStatisticsRequest, hotline_v1::MonthlyStatistics> hotline;
  PeerCall<channel_v1::GetMonthlyStatisticsRequest, channel_v1::MonthlyStatistics> channel;

  for (const IndicatorDefinition& indicator : indicators) {
    switch (indicator.source) {
      case IndicatorSource::kIntakeForwardingOnTime:
        intake.wanted = true;
        break;
      case IndicatorSource::kRoutingDispatchOnTime:
        routing.wanted = true;
        break;
      case IndicatorSource::kArchiveMonthlyReportOnTime:
        reports.wanted = true;
        break;
      case IndicatorSource::kArchiveCompleteness:
        completeness.wanted = true;
        intake.wanted = true;  // the tickets intake closed in the month
        break;
      case IndicatorSource::kHotlineConnectionRate:
      case IndicatorSource::kHotlinePhraseUse:
      case IndicatorSource::kHotlineReportOnTime:
        hotline.wanted = true;
        break;
      case IndicatorSource::kChannelFilingsAccurate:
      case IndicatorSource::kChannelChecksOnSchedule:
      case IndicatorSource::kChannelFaultsRepairedInTime:
      case IndicatorSource::kChannelReportOnTime:
        channel.wanted = true;
        break;
      case IndicatorSource::kRectificationOnTime:
      case IndicatorSource::kMaintenanceNoticeOnTime:
      case IndicatorSource::kLaunchReviewed:
      case IndicatorSource::kSatisfaction:
      case IndicatorSource::kSpecialTasksOnTime:
      case IndicatorSource::kPartnerFindings:
        break;  // the assessment's own: not read here
    }
  }

  const std::string month_text = common::FormatMonth(month);
  // gRPC deadlines are instants of the real clock, whatever clock the suite runs on. A peer gets
  // no more time than the caller of the scorecard RPC has left: Read runs on the handler's thread,
  // whose CallDeadlineScope says when that caller stops waiting (issue 16, "Deadlines").
  const absl::Time deadline =
      std::min(absl::Now() + options_.deadline, common::CurrentCallDeadline());
  Start(intake_.get(), kSourceIntake, options_, deadline, clock_, unit_id, month_text, intake,
        [](auto* async, auto* context, auto* request, auto* response, auto done) {
          async->GetMonthlyForwardingStatistics(context, request, response, std::move(done));
        });
  Start(routing_.get(), kSourceRouting, options_, deadline, clock_, unit_id, month_text, routing,
        [](auto* async, auto* context, auto* request, auto* response, auto done) {
          async->GetMonthlyStatistics(context, request, response, std::move(done));
        });
  Start(archive_.get(), kSourceArchive, options_, deadline, clock_, unit_id, month_text, reports,
        [](auto* async, auto* context, auto* request, auto* response, auto done) {
          async->ListMonthlyReports(context, request, response, std::move(done));
        });
  Start(archive_.get(), kSourceArchive, options_, deadline, clock_, unit_id, month_text,
        completeness, [](auto* async, auto* context, auto* request, auto* response, auto done) {
          async->GetArchiveCompleteness(context, request, response, std::move(done));
        });
  Start(hotline_registry_.get(), kSourceHotlineRegistry, options_, deadline, clock_, unit_id,
        month_text, hotline,
        [](auto* async, auto* context, auto* request, auto* response, auto done) {
          async->GetMonthlyStatistics(context, request, response, std::move(done));
        });
  Start(channel_registry_.get(), kSourceChannelRegistry, options_, deadline, clock_, unit_id,
        month_text, channel,
        [](auto* async, auto* context, auto* request, auto* response, auto done) {
          async->GetMonthlyStatistics(context, request, response, std::move(done));
        });
  Await(intake);
  Await(routing);
  Await(reports);
  Await(completeness);
  Await(hotline);
  Await(channel);

  ScorecardInputs gathered;
  // The input of `indicator` from `call`'s answer through `map`, or its MissingInput.
  auto add = [&](const IndicatorDefinition& indicator, absl::string_view rpc, const auto& call,
                 const auto& map) {
    if (!call.status.ok()) {
      gathered.missing.push_back(MissingPeerInput(indicator, rpc, call.started_at, call.status));
      return;
    }
    absl::StatusOr<IndicatorInput> input = map(call.response, call.finished_at);
    if (!input.ok()) {
      gathered.missing.push_back(MissingPeerInput(indicator, rpc, call.started_at, input.status()));
      return;
    }
    gathered.inputs.push_back(*std::move(input));
  };
  for (const IndicatorDefinition& indicator : indicators) {
    const absl::string_view rpc = PeerRpcOf(indicator.source);
    switch (indicator.source) {
      case IndicatorSource::kIntakeForwardingOnTime:
        add(indicator, rpc, intake, [&](const auto& answer, absl::Time at) {
          return InputFromForwardingStatistics(indicator, unit_id, month, answer, at);
        });
        break;
      case IndicatorSource::kRoutingDispatchOnTime:
        add(indicator, rpc, routing, [&](const auto& answer, absl::Time at) {
          return InputFromRoutingStatistics(indicator, unit_id, month, answer, at);
        });
        break;
      case IndicatorSource::kArchiveMonthlyReportOnTime:
        add(indicator, rpc, reports, [&](const auto& answer, absl::Time at) {
          return InputFromMonthlyReports(indicator, unit_id, month, answer, at);
        });
        break;
      case IndicatorSource::kArchiveCompleteness:
        if (completeness.status.ok() && !intake.status.ok()) {
          gathered.missing.push_back(MissingPeerInput(
              indicator, kIntakeForwardingStatisticsRpc, intake.started_at,
              absl::Status(intake.status.code(),
                           absl::StrCat(kSourceIntake, ": ", intake.status.message()))));
          break;
        }
        add(indicator, rpc, completeness, [&](const auto& answer, absl::Time at) {
          return InputFromArchiveCompleteness(indicator, unit_id, month, answer, intake.response,
                                              at);
        });
        break;
      case IndicatorSource::kHotlineConnectionRate:
      case IndicatorSource::kHotlinePhraseUse:
      case IndicatorSource::kHotlineReportOnTime:
        add(indicator, rpc, hotline, [&](const auto& answer, absl::Time at) {
          return InputFromHotlineStatistics(indicator, unit_id, month, answer, at);
        });
        break;
      case IndicatorSource::kChannelFilingsAccurate:
      case IndicatorSource::kChannelChecksOnSchedule:
      case IndicatorSource::kChannelFaultsRepairedInTime:
      case IndicatorSource::kChannelReportOnTime:
        add(indicator, rpc, channel, [&](const auto& answer, absl::Time at) {
          return InputFromChannelStatistics(indicator, unit_id, month, answer, at);
        });
        break;
      case IndicatorSource::kRectificationOnTime:
      case IndicatorSource::kMaintenanceNoticeOnTime:
      case IndicatorSource::kLaunchReviewed:
      case IndicatorSource::kSatisfaction:
      case IndicatorSource::kSpecialTasksOnTime:
      case IndicatorSource::kPartnerFindings:
        break;
    }
  }
  return gathered;
}

}  // namespace cs::assessment
