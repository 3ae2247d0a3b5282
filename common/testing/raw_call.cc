#include "common/testing/raw_call.h"

#include "absl/strings/str_cat.h"
#include "grpcpp/client_context.h"
#include "grpcpp/completion_queue.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/support/byte_buffer.h"
#include "grpcpp/support/slice.h"

namespace cs::common::testing {

grpc::Status CallWithRawBody(const std::shared_ptr<grpc::Channel>& channel, absl::string_view path,
                             absl::string_view body, absl::string_view bearer_token,
                             absl::Duration timeout) {
  grpc::GenericStub stub(channel);
  grpc::CompletionQueue queue;
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  if (!bearer_token.empty()) {
    context.AddMetadata("authorization", absl::StrCat("Bearer ", bearer_token));
  }
  grpc::Slice slice{std::string(body)};
  grpc::ByteBuffer request(&slice, 1);
  // A streaming call serves unary and server-streaming methods alike: the status is what counts.
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call =
      stub.PrepareCall(&context, std::string(path), &queue);
  auto step = [&queue] {
    void* tag = nullptr;
    bool ok = false;
    queue.Next(&tag, &ok);
    return ok;
  };
  call->StartCall(nullptr);
  step();
  call->Write(request, nullptr);
  step();
  call->WritesDone(nullptr);
  step();
  grpc::ByteBuffer response;
  call->Read(&response, nullptr);
  step();
  grpc::Status status;
  call->Finish(&status, nullptr);
  step();
  return status;
}

std::string UndecodableBody() {
  // Field 1, length-delimited, length 2: bytes that are not UTF-8 for a string field and not a
  // message either; then field 2 claiming 127 bytes of which only 10 follow.
  std::string body("\x0a\x02\xff\xfe\x12\x7f", 6);
  body.append(10, '\x01');
  return body;
}

}  // namespace cs::common::testing
