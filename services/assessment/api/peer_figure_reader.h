// The scorecard's figures read over gRPC from the services that own them (SPEC S5; issue 15):
// intake (GetMonthlyForwardingStatistics), routing (GetMonthlyStatistics, a snapshot), archive
// (ListMonthlyReports, GetArchiveCompleteness), hotline-registry and channel-registry
// (GetMonthlyStatistics) — never their tables. Each call carries the assessment's SERVICE bearer
// token and a deadline; the calls of one Read run concurrently (gRPC's callback API: no thread of
// our own), each RPC at most once, and Read returns when every one has answered or failed. What an
// answer means is in peer_figures.h.
//
// Thread-safe: gRPC stubs are, and each Read keeps its calls to itself. The clock must outlive the
// reader.
#ifndef CS_SERVICES_ASSESSMENT_API_PEER_FIGURE_READER_H_
#define CS_SERVICES_ASSESSMENT_API_PEER_FIGURE_READER_H_

#include <memory>
#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "common/grpc/peer_channel.h"
#include "common/time/clock.h"
#include "cs/archive/v1/archive.grpc.pb.h"
#include "cs/channel/v1/channel.grpc.pb.h"
#include "cs/hotline/v1/hotline.grpc.pb.h"
#include "cs/intake/v1/intake.grpc.pb.h"
#include "cs/routing/v1/routing.grpc.pb.h"
#include "grpcpp/channel.h"
#include "services/assessment/core/scorecard_ports.h"

namespace cs::assessment {

// "host:port" of each peer (--intake_address, --routing_address, --archive_address,
// --hotline_registry_address, --channel_registry_address). Empty: no channel to that peer.
struct PeerAddresses {
  std::string intake;
  std::string routing;
  std::string archive;
  std::string hotline_registry;
  std::string channel_registry;
};

// A channel to each peer; a null one makes each indicator of that peer a MissingInput with
// FAILED_PRECONDITION (no channel), so a deployment may leave out a peer no set needs.
struct PeerChannels {
  std::shared_ptr<grpc::Channel> intake;
  std::shared_ptr<grpc::Channel> routing;
  std::shared_ptr<grpc::Channel> archive;
  std::shared_ptr<grpc::Channel> hotline_registry;
  std::shared_ptr<grpc::Channel> channel_registry;
};

// common::CreatePeerChannel for each non-empty address of `addresses` (TLS as `options` say).
PeerChannels OpenPeerChannels(const PeerAddresses& addresses,
                              const common::PeerChannelOptions& options);

struct PeerFigureReaderOptions {
  // How long each call may take (--peer_deadline); above zero. A peer that has not answered by
  // then gives DEADLINE_EXCEEDED. Shortened to what the caller has left when Read runs on the
  // thread of a call it serves (common/time/call_deadline.h: the peers see that deadline).
  absl::Duration deadline = absl::Seconds(5);
  // The assessment's SERVICE token (--service_token_file), sent as "authorization: Bearer …".
  // Empty: no authorization header (every peer then answers UNAUTHENTICATED).
  std::string service_token;
};

class GrpcPeerFigureReader final : public PeerFigureReader {
 public:
  // `clock` stamps IndicatorInput::read_at and MissingInput::tried_at (the suite's injected
  // clock, so a test-mode clock shows on the scorecard); deadlines run on real time.
  GrpcPeerFigureReader(const PeerChannels& channels, PeerFigureReaderOptions options,
                       const common::Clock& clock);
  // Opens the channels with OpenPeerChannels(addresses, channel_options).
  GrpcPeerFigureReader(const PeerAddresses& addresses,
                       const common::PeerChannelOptions& channel_options,
                       PeerFigureReaderOptions options, const common::Clock& clock);

  GrpcPeerFigureReader(const GrpcPeerFigureReader&) = delete;
  GrpcPeerFigureReader& operator=(const GrpcPeerFigureReader&) = delete;

  // See PeerFigureReader::Read. Blocks until every call it made has finished: at most about
  // options.deadline. A failed call (a status other than OK, the deadline, no channel, an answer
  // peer_figures.h refuses) gives a MissingInput of each indicator needing it, error
  // "CODE: message". kArchiveCompleteness needs intake's answer as well as the archive's: when
  // intake's call fails, its MissingInput names intake's RPC and error ("CODE: intake: message").
  ScorecardInputs Read(const std::string& unit_id, absl::CivilMonth month,
                       absl::Span<const IndicatorDefinition> indicators) override;

 private:
  const PeerFigureReaderOptions options_;
  const common::Clock& clock_;
  // Null when the peer has no channel.
  const std::unique_ptr<cs::intake::v1::IntakeService::Stub> intake_;
  const std::unique_ptr<cs::routing::v1::RoutingService::Stub> routing_;
  const std::unique_ptr<cs::archive::v1::ArchiveService::Stub> archive_;
  const std::unique_ptr<cs::hotline::v1::HotlineRegistryService::Stub> hotline_registry_;
  const std::unique_ptr<cs::channel::v1::ChannelRegistryService::Stub> channel_registry_;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_API_PEER_FIGURE_READER_H_
