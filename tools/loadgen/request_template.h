// RequestTemplate: the request body a load run sends, parsed once from protobuf text format, plus
// the rule for its request_id field — a fresh id on every call (so a create method really creates
// each time) or the same id on every call (so a create method exercises its idempotent-retry path).
// Thread-safety: a RequestTemplate is immutable after Create() and may be shared; each worker
// thread takes its own RequestBuilder from it, and a RequestBuilder is not thread-safe.
#ifndef CS_TOOLS_LOADGEN_REQUEST_TEMPLATE_H_
#define CS_TOOLS_LOADGEN_REQUEST_TEMPLATE_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace cs::tools::loadgen {

enum class RequestIdMode {
  // Every call carries a different id: "<run_id>-<worker>-<sequence>".
  kUnique,
  // Every call carries the same id: the one in the body, or "<run_id>" when the body has none.
  kRepeat,
};

// "unique" / "repeat"; INVALID_ARGUMENT for anything else.
absl::StatusOr<RequestIdMode> ParseRequestIdMode(absl::string_view text);

struct RequestTemplateOptions {
  // The request body in protobuf text format; empty = the default message.
  std::string text;
  // Name of the top-level string field that carries the request id.
  std::string request_id_field = "request_id";
  // When true, a request type without that field is an error; otherwise the body is sent unchanged.
  bool require_request_id_field = false;
  RequestIdMode request_id_mode = RequestIdMode::kUnique;
  // Prefix of generated ids. Different per run, so a second run against the same database does not
  // replay the first run's ids (which an idempotent create would answer from its records).
  std::string run_id;
};

// Builds the serialized requests of one worker. Not thread-safe.
class RequestBuilder final {
 public:
  // The serialized request of the next call; with a unique request_id, a new id each time.
  const std::string& Next();
  // The request_id put into the last request returned by Next(); empty when the template fills
  // none.
  const std::string& last_request_id() const { return last_request_id_; }

 private:
  friend class RequestTemplate;
  RequestBuilder(std::unique_ptr<google::protobuf::Message> message,
                 const google::protobuf::FieldDescriptor* id_field, RequestIdMode mode,
                 std::string id_prefix);

  std::unique_ptr<google::protobuf::Message> message_;
  // Null when the request has no id to fill.
  const google::protobuf::FieldDescriptor* id_field_;
  RequestIdMode mode_;
  std::string id_prefix_;
  uint64_t sequence_ = 0;
  std::string last_request_id_;
  std::string serialized_;
};

class RequestTemplate final {
 public:
  // Parses options.text as a message of prototype's type. INVALID_ARGUMENT when the text does not
  // parse (with the parser's line:column messages), when the id field exists but is not a singular
  // string, or when it is missing and required. The prototype must outlive the template.
  static absl::StatusOr<std::unique_ptr<RequestTemplate>> Create(
      const google::protobuf::Message& prototype, const RequestTemplateOptions& options);

  // Whether each request carries an id set by the template (the type has the field).
  bool fills_request_id() const { return id_field_ != nullptr; }
  const google::protobuf::Descriptor& type() const { return *body_->GetDescriptor(); }

  // A builder for worker number `worker` (part of every unique id, so workers never collide).
  std::unique_ptr<RequestBuilder> NewBuilder(int worker) const;

 private:
  RequestTemplate(std::unique_ptr<google::protobuf::Message> body,
                  const google::protobuf::FieldDescriptor* id_field,
                  RequestTemplateOptions options);

  std::unique_ptr<google::protobuf::Message> body_;
  const google::protobuf::FieldDescriptor* id_field_;
  RequestTemplateOptions options_;
};

// The generated (compiled-in) prototype of message type `type_name`, e.g.
// "cs.bench.v1.EchoRequest". NOT_FOUND when the binary does not contain that type.
absl::StatusOr<const google::protobuf::Message*> FindGeneratedPrototype(
    absl::string_view type_name);

// A short random id for one run ("lg" + 12 hex digits).
std::string NewRunId();

}  // namespace cs::tools::loadgen

#endif  // CS_TOOLS_LOADGEN_REQUEST_TEMPLATE_H_
