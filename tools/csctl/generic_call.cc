#include "tools/csctl/generic_call.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/grpc/client_auth.h"
#include "grpcpp/client_context.h"
#include "grpcpp/completion_queue.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/support/byte_buffer.h"
#include "grpcpp/support/slice.h"

namespace cs::tools::csctl {

absl::StatusOr<const google::protobuf::MethodDescriptor*> FindMethod(absl::string_view name) {
  const google::protobuf::MethodDescriptor* method =
      google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(
          absl::StrReplaceAll(name, {{"/", "."}}));
  if (method == nullptr) {
    return absl::NotFoundError(absl::StrCat("method ", name, " is not compiled into csctl"));
  }
  return method;
}

std::unique_ptr<google::protobuf::Message> NewMessage(const google::protobuf::Descriptor& type) {
  const google::protobuf::Message* prototype =
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(&type);
  return std::unique_ptr<google::protobuf::Message>(prototype->New());
}

CallOutcome CallMethod(const std::shared_ptr<grpc::Channel>& channel,
                       const google::protobuf::MethodDescriptor& method,
                       const google::protobuf::Message& request, absl::string_view token,
                       absl::Duration timeout) {
  grpc::GenericStub stub(channel);
  grpc::CompletionQueue queue;
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  if (!token.empty()) common::AttachBearerToken(context, token);
  std::string body;
  request.SerializeToString(&body);
  grpc::Slice slice(body);
  grpc::ByteBuffer request_bytes(&slice, 1);
  const std::string path = absl::StrCat("/", method.service()->full_name(), "/", method.name());
  // The streaming form of the generic stub serves unary and client-streaming methods alike; each
  // step is awaited before the next, so one queue and one tag suffice.
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call =
      stub.PrepareCall(&context, path, &queue);
  auto await = [&queue] {
    void* tag = nullptr;
    bool ok = false;
    queue.Next(&tag, &ok);
    return ok;
  };
  call->StartCall(nullptr);
  await();
  call->Write(request_bytes, nullptr);
  await();
  call->WritesDone(nullptr);
  await();
  grpc::ByteBuffer response_bytes;
  call->Read(&response_bytes, nullptr);
  const bool got_response = await();
  CallOutcome outcome;
  call->Finish(&outcome.status, nullptr);
  await();
  if (!outcome.status.ok()) return outcome;
  std::vector<grpc::Slice> slices;
  std::string bytes;
  if (got_response && response_bytes.Dump(&slices).ok()) {
    for (const grpc::Slice& one : slices) {
      bytes.append(reinterpret_cast<const char*>(one.begin()), one.size());
    }
  }
  outcome.response = NewMessage(*method.output_type());
  if (!got_response || !outcome.response->ParseFromString(bytes)) {
    outcome.status =
        grpc::Status(grpc::StatusCode::DATA_LOSS,
                     absl::StrCat("the answer is not a ", method.output_type()->full_name()));
    outcome.response.reset();
  }
  return outcome;
}

}  // namespace cs::tools::csctl
