// Stand-ins for intake's peers, built in the test from the real routing and archive protos and
// served over loopback gRPC: a routing service that can refuse, drop or delay its acknowledgements,
// and an archive that records what it receives. They let intake's relay be tested against every
// failure mode without the real services. Thread-safe.
#ifndef CS_SERVICES_INTAKE_TESTING_STAND_IN_PEERS_H_
#define CS_SERVICES_INTAKE_TESTING_STAND_IN_PEERS_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "cs/archive/v1/archive.grpc.pb.h"
#include "cs/routing/v1/routing.grpc.pb.h"
#include "grpcpp/server.h"

namespace cs::intake::testing {

class StandInRouting final : public cs::routing::v1::RoutingService::Service {
 public:
  enum class Mode {
    // Store and acknowledge.
    kAcknowledge,
    // Refuse before storing (the designated unit is down).
    kRefuse,
    // Reject the message itself before storing (INVALID_ARGUMENT, a permanent error): the relay
    // dead-letters it.
    kReject,
    // Store, then fail the call: the acknowledgement is lost on the way back.
    kDropAcknowledgement,
  };

  grpc::Status ReceiveForwardedTicket(grpc::ServerContext* context,
                                      const cs::routing::v1::ReceiveForwardedTicketRequest* request,
                                      cs::routing::v1::Receipt* response) override;

  void set_mode(Mode mode);
  // Acknowledge only after this long (the call may then exceed the caller's deadline).
  void set_delay(absl::Duration delay);
  // Every call, including refused ones, by forward id.
  int calls(const std::string& forward_id) const;
  int total_calls() const;
  // Forward ids stored (each once), in arrival order.
  std::vector<std::string> stored() const;
  // The authorization header of the last call.
  std::string last_authorization() const;

 private:
  mutable absl::Mutex mutex_;
  Mode mode_ ABSL_GUARDED_BY(mutex_) = Mode::kAcknowledge;
  absl::Duration delay_ ABSL_GUARDED_BY(mutex_) = absl::ZeroDuration();
  std::map<std::string, int> calls_ ABSL_GUARDED_BY(mutex_);
  std::vector<std::string> stored_ ABSL_GUARDED_BY(mutex_);
  std::string last_authorization_ ABSL_GUARDED_BY(mutex_);
};

class StandInArchive final : public cs::archive::v1::ArchiveService::Service {
 public:
  grpc::Status ArchiveRecord(grpc::ServerContext* context,
                             const cs::archive::v1::ArchiveRecordRequest* request,
                             cs::archive::v1::ArchiveRecordResponse* response) override;
  // Records stored, each message id once.
  std::vector<cs::archive::v1::ArchiveRecordRequest> records() const;
  int calls() const;

 private:
  mutable absl::Mutex mutex_;
  std::map<std::string, cs::archive::v1::ArchiveRecordRequest> records_ ABSL_GUARDED_BY(mutex_);
  int calls_ ABSL_GUARDED_BY(mutex_) = 0;
};

// Serves `service` on a free loopback port until destroyed.
class LoopbackServer final {
 public:
  explicit LoopbackServer(grpc::Service* service);
  ~LoopbackServer();
  std::string address() const;

 private:
  int port_ = 0;
  std::unique_ptr<grpc::Server> server_;
};

}  // namespace cs::intake::testing

#endif  // CS_SERVICES_INTAKE_TESTING_STAND_IN_PEERS_H_
