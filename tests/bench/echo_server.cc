// echo_server: the RPC ceiling of the benchmarks — the cs.bench.v1.Echo service on a synchronous
// gRPC server built like the suite's services (sync API, health service, reflection, the same gRPC
// and thread defaults), so run_speed_comparison.sh can compare a real method against a server that
// does no work.
//
//   echo_server [--address 127.0.0.1] [--port 0]     prints "port=<n>" once serving; stops on
//   SIGTERM/SIGINT
//
// The thread flags default to gRPC's own defaults, which the services keep; set them only to match
// a service that changed its own.
#include <pthread.h>

#include <chrono>
#include <csignal>
#include <iostream>
#include <memory>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "grpc/grpc.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/resource_quota.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "tools/loadgen/echo_service.h"

ABSL_FLAG(std::string, address, "127.0.0.1", "address to listen on");
ABSL_FLAG(int, port, 0, "port to listen on; 0 picks a free one (printed as port=<n>)");
ABSL_FLAG(int, num_cqs, 0, "sync server completion queues; 0 = gRPC default");
ABSL_FLAG(int, min_pollers, 0, "sync server minimum polling threads per queue; 0 = gRPC default");
ABSL_FLAG(int, max_pollers, 0, "sync server maximum polling threads per queue; 0 = gRPC default");
ABSL_FLAG(int, max_threads, 0, "resource quota thread limit; 0 = unlimited (gRPC default)");

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);

  // Blocked before gRPC starts any thread, so every thread inherits the mask and only sigwait sees
  // them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  cs::tools::loadgen::EchoService service;
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(
      absl::StrCat(absl::GetFlag(FLAGS_address), ":", absl::GetFlag(FLAGS_port)),
      grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(&service);
  builder.SetMaxReceiveMessageSize(16 * 1024 * 1024);
  builder.SetMaxSendMessageSize(16 * 1024 * 1024);
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  if (const int n = absl::GetFlag(FLAGS_num_cqs); n > 0) {
    builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::NUM_CQS, n);
  }
  if (const int n = absl::GetFlag(FLAGS_min_pollers); n > 0) {
    builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MIN_POLLERS, n);
  }
  if (const int n = absl::GetFlag(FLAGS_max_pollers); n > 0) {
    builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS, n);
  }
  if (const int n = absl::GetFlag(FLAGS_max_threads); n > 0) {
    grpc::ResourceQuota quota("echo_server");
    quota.SetMaxThreads(n);
    builder.SetResourceQuota(quota);
  }
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    std::cerr << "echo_server: cannot listen on " << absl::GetFlag(FLAGS_address) << ":"
              << absl::GetFlag(FLAGS_port) << std::endl;
    return 1;
  }
  std::cout << "port=" << port << std::endl;

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  server->GetHealthCheckService()->SetServingStatus(false);
  server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
  server->Wait();
  std::cerr << "echo_server: stopped after " << service.calls() << " calls" << std::endl;
  return 0;
}
