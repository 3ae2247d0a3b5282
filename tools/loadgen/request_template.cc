#include "tools/loadgen/request_template.h"

#include <random>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"

namespace cs::tools::loadgen {
namespace {

using google::protobuf::FieldDescriptor;

// Collects the text-format parser's complaints with their positions, so a typo in --request names
// its place.
class CollectingErrors final : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string& message) override {
    // The parser counts from zero; editors count from one.
    errors_.push_back(absl::StrFormat("%d:%d: %s", line + 1, column + 1, message));
  }
  std::string Joined() const { return absl::StrJoin(errors_, "; "); }

 private:
  std::vector<std::string> errors_;
};

}  // namespace

absl::StatusOr<RequestIdMode> ParseRequestIdMode(absl::string_view text) {
  if (text == "unique") return RequestIdMode::kUnique;
  if (text == "repeat") return RequestIdMode::kRepeat;
  return absl::InvalidArgumentError(
      absl::StrCat("request id mode must be \"unique\" or \"repeat\", not \"", text, "\""));
}

RequestBuilder::RequestBuilder(std::unique_ptr<google::protobuf::Message> message,
                               const FieldDescriptor* id_field, RequestIdMode mode,
                               std::string id_prefix)
    : message_(std::move(message)),
      id_field_(id_field),
      mode_(mode),
      id_prefix_(std::move(id_prefix)) {
  if (id_field_ != nullptr && mode_ == RequestIdMode::kRepeat) {
    message_->GetReflection()->SetString(message_.get(), id_field_, id_prefix_);
    last_request_id_ = id_prefix_;
  }
  // Without a per-call id the bytes never change: serialize once.
  if (id_field_ == nullptr || mode_ == RequestIdMode::kRepeat) {
    message_->SerializeToString(&serialized_);
  }
}

const std::string& RequestBuilder::Next() {
  if (id_field_ != nullptr && mode_ == RequestIdMode::kUnique) {
    last_request_id_ = absl::StrCat(id_prefix_, sequence_++);
    message_->GetReflection()->SetString(message_.get(), id_field_, last_request_id_);
    serialized_.clear();
    message_->SerializeToString(&serialized_);
  }
  return serialized_;
}

RequestTemplate::RequestTemplate(std::unique_ptr<google::protobuf::Message> body,
                                 const FieldDescriptor* id_field, RequestTemplateOptions options)
    : body_(std::move(body)), id_field_(id_field), options_(std::move(options)) {}

absl::StatusOr<std::unique_ptr<RequestTemplate>> RequestTemplate::Create(
    const google::protobuf::Message& prototype, const RequestTemplateOptions& options) {
  std::unique_ptr<google::protobuf::Message> body(prototype.New());
  google::protobuf::TextFormat::Parser parser;
  CollectingErrors errors;
  parser.RecordErrorsTo(&errors);
  if (!parser.ParseFromString(options.text, body.get())) {
    return absl::InvalidArgumentError(absl::StrCat("request body is not a valid ",
                                                   prototype.GetTypeName(),
                                                   " in text format: ", errors.Joined()));
  }
  const google::protobuf::Descriptor* type = body->GetDescriptor();
  const FieldDescriptor* id_field = type->FindFieldByName(options.request_id_field);
  if (id_field == nullptr) {
    if (options.require_request_id_field) {
      return absl::InvalidArgumentError(
          absl::StrCat(type->full_name(), " has no field \"", options.request_id_field, "\""));
    }
  } else if (id_field->type() != FieldDescriptor::TYPE_STRING || id_field->is_repeated()) {
    return absl::InvalidArgumentError(
        absl::StrCat("field ", id_field->full_name(),
                     " cannot carry a request id: it must be a singular string field"));
  }
  return std::unique_ptr<RequestTemplate>(new RequestTemplate(std::move(body), id_field, options));
}

std::unique_ptr<RequestBuilder> RequestTemplate::NewBuilder(int worker) const {
  std::unique_ptr<google::protobuf::Message> message(body_->New());
  message->CopyFrom(*body_);
  std::string prefix;
  if (id_field_ != nullptr) {
    if (options_.request_id_mode == RequestIdMode::kUnique) {
      prefix = absl::StrCat(options_.run_id, "-", worker, "-");
    } else {
      const std::string& in_body = body_->GetReflection()->GetString(*body_, id_field_);
      prefix = in_body.empty() ? options_.run_id : in_body;
    }
  }
  return std::unique_ptr<RequestBuilder>(new RequestBuilder(
      std::move(message), id_field_, options_.request_id_mode, std::move(prefix)));
}

absl::StatusOr<const google::protobuf::Message*> FindGeneratedPrototype(
    absl::string_view type_name) {
  const google::protobuf::Descriptor* type =
      google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(
          std::string(type_name));
  if (type == nullptr) {
    return absl::NotFoundError(absl::StrCat(
        "message type ", type_name, " is not compiled into this binary (is it in proto/?)"));
  }
  return google::protobuf::MessageFactory::generated_factory()->GetPrototype(type);
}

std::string NewRunId() {
  std::random_device random;
  const uint64_t bits = (static_cast<uint64_t>(random()) << 32) ^ random();
  return absl::StrFormat("lg%012x", bits & 0xffffffffffffULL);
}

}  // namespace cs::tools::loadgen
