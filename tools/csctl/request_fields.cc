#include "tools/csctl/request_fields.h"

#include <cstdint>
#include <random>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "google/protobuf/duration.pb.h"
#include "google/protobuf/field_mask.pb.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/timestamp.pb.h"
#include "google/protobuf/util/time_util.h"

namespace cs::tools::csctl {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumValueDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

class ParserComplaints final : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string& message) override {
    complaints_.push_back(absl::StrFormat("%d:%d: %s", line + 1, column + 1, message));
  }
  std::string Text() const { return absl::StrJoin(complaints_, "; "); }

 private:
  std::vector<std::string> complaints_;
};

std::string FieldNames(const Descriptor& type) {
  std::vector<std::string> names;
  for (int i = 0; i < type.field_count(); ++i) names.push_back(type.field(i)->name());
  return absl::StrJoin(names, ", ");
}

absl::Status BadValue(absl::string_view path, absl::string_view value, absl::string_view wanted) {
  return absl::InvalidArgumentError(absl::StrCat("--", path, ": \"", value, "\" is not ", wanted));
}

absl::StatusOr<const EnumValueDescriptor*> ParseEnum(const FieldDescriptor& field,
                                                     absl::string_view path,
                                                     absl::string_view value) {
  const google::protobuf::EnumDescriptor& type = *field.enum_type();
  const std::string upper = absl::AsciiStrToUpper(absl::StrReplaceAll(value, {{"-", "_"}}));
  if (const EnumValueDescriptor* exact = type.FindValueByName(upper)) return exact;
  // Every enum of the suite starts with <PREFIX>_UNSPECIFIED = 0 (AIP-126): accept a value's name
  // without that prefix ("complaint" for TICKET_KIND_COMPLAINT).
  const std::string& zero = type.value(0)->name();
  if (absl::EndsWith(zero, "UNSPECIFIED")) {
    const std::string prefix = zero.substr(0, zero.size() - std::string("UNSPECIFIED").size());
    if (const EnumValueDescriptor* short_name = type.FindValueByName(prefix + upper)) {
      return short_name;
    }
  }
  std::vector<std::string> names;
  for (int i = 0; i < type.value_count(); ++i) names.push_back(type.value(i)->name());
  int number = 0;
  if (absl::SimpleAtoi(value, &number)) {
    if (const EnumValueDescriptor* by_number = type.FindValueByNumber(number)) return by_number;
  }
  return absl::InvalidArgumentError(absl::StrCat("--", path, ": \"", value, "\" is not a ",
                                                 type.name(), "; one of ",
                                                 absl::StrJoin(names, ", ")));
}

absl::StatusOr<bool> ParseBool(absl::string_view path, absl::string_view value) {
  const std::string lower = absl::AsciiStrToLower(value);
  if (lower.empty() || lower == "true" || lower == "yes" || lower == "1") return true;
  if (lower == "false" || lower == "no" || lower == "0") return false;
  return BadValue(path, value, "true or false");
}

// Fills a message-typed field from one flag value: the well-known types from their usual
// spelling, any other message from its text format.
absl::Status SetMessageValue(Message& target, absl::string_view path, absl::string_view value) {
  const std::string type = target.GetDescriptor()->full_name();
  if (type == "google.protobuf.Timestamp") {
    auto& timestamp = static_cast<google::protobuf::Timestamp&>(target);
    if (absl::AsciiStrToLower(value) == "now") {
      timestamp = google::protobuf::util::TimeUtil::GetCurrentTime();
      return absl::OkStatus();
    }
    if (!google::protobuf::util::TimeUtil::FromString(std::string(value), &timestamp)) {
      return BadValue(path, value, "an RFC 3339 instant such as 2026-05-06T09:30:00+08:00");
    }
    return absl::OkStatus();
  }
  if (type == "google.protobuf.Duration") {
    absl::Duration duration;
    if (!absl::ParseDuration(value, &duration)) return BadValue(path, value, "a duration (90s)");
    auto& proto = static_cast<google::protobuf::Duration&>(target);
    proto.set_seconds(absl::IDivDuration(duration, absl::Seconds(1), &duration));
    proto.set_nanos(static_cast<int32_t>(absl::ToInt64Nanoseconds(duration)));
    return absl::OkStatus();
  }
  if (type == "google.protobuf.FieldMask") {
    auto& mask = static_cast<google::protobuf::FieldMask&>(target);
    for (absl::string_view one : absl::StrSplit(value, ',', absl::SkipWhitespace())) {
      mask.add_paths(std::string(absl::StripAsciiWhitespace(one)));
    }
    return absl::OkStatus();
  }
  if (absl::Status merged = MergeTextFormat(value, target); !merged.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("--", path, ": ", merged.message()));
  }
  return absl::OkStatus();
}

absl::Status SetScalar(Message& message, const FieldDescriptor& field, absl::string_view path,
                       absl::string_view value) {
  const Reflection& reflection = *message.GetReflection();
  const bool repeated = field.is_repeated();
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      repeated ? reflection.AddString(&message, &field, std::string(value))
               : reflection.SetString(&message, &field, std::string(value));
      return absl::OkStatus();
    case FieldDescriptor::CPPTYPE_INT32: {
      int32_t number = 0;
      if (!absl::SimpleAtoi(value, &number)) return BadValue(path, value, "a 32-bit integer");
      repeated ? reflection.AddInt32(&message, &field, number)
               : reflection.SetInt32(&message, &field, number);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      int64_t number = 0;
      if (!absl::SimpleAtoi(value, &number)) return BadValue(path, value, "an integer");
      repeated ? reflection.AddInt64(&message, &field, number)
               : reflection.SetInt64(&message, &field, number);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_UINT32: {
      uint32_t number = 0;
      if (!absl::SimpleAtoi(value, &number))
        return BadValue(path, value, "a 32-bit unsigned integer");
      repeated ? reflection.AddUInt32(&message, &field, number)
               : reflection.SetUInt32(&message, &field, number);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_UINT64: {
      uint64_t number = 0;
      if (!absl::SimpleAtoi(value, &number)) return BadValue(path, value, "an unsigned integer");
      repeated ? reflection.AddUInt64(&message, &field, number)
               : reflection.SetUInt64(&message, &field, number);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_DOUBLE: {
      double number = 0;
      if (!absl::SimpleAtod(value, &number)) return BadValue(path, value, "a number");
      repeated ? reflection.AddDouble(&message, &field, number)
               : reflection.SetDouble(&message, &field, number);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_FLOAT: {
      float number = 0;
      if (!absl::SimpleAtof(value, &number)) return BadValue(path, value, "a number");
      repeated ? reflection.AddFloat(&message, &field, number)
               : reflection.SetFloat(&message, &field, number);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_BOOL: {
      absl::StatusOr<bool> flag = ParseBool(path, value);
      if (!flag.ok()) return flag.status();
      repeated ? reflection.AddBool(&message, &field, *flag)
               : reflection.SetBool(&message, &field, *flag);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      absl::StatusOr<const EnumValueDescriptor*> enum_value = ParseEnum(field, path, value);
      if (!enum_value.ok()) return enum_value.status();
      repeated ? reflection.AddEnum(&message, &field, *enum_value)
               : reflection.SetEnum(&message, &field, *enum_value);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      break;
  }
  Message* target = repeated ? reflection.AddMessage(&message, &field)
                             : reflection.MutableMessage(&message, &field);
  return SetMessageValue(*target, path, value);
}

}  // namespace

absl::Status MergeTextFormat(absl::string_view text, Message& message) {
  google::protobuf::TextFormat::Parser parser;
  ParserComplaints complaints;
  parser.RecordErrorsTo(&complaints);
  google::protobuf::io::ArrayInputStream input(text.data(), static_cast<int>(text.size()));
  if (!parser.Merge(&input, &message)) {
    return absl::InvalidArgumentError(
        absl::StrCat("not a ", message.GetTypeName(), " in text format: ", complaints.Text()));
  }
  return absl::OkStatus();
}

const FieldDescriptor* FindFieldPath(const Descriptor& type, absl::string_view path) {
  const Descriptor* current = &type;
  const FieldDescriptor* field = nullptr;
  for (absl::string_view step : absl::StrSplit(path, '.')) {
    if (current == nullptr) return nullptr;
    field = current->FindFieldByName(absl::StrReplaceAll(step, {{"-", "_"}}));
    if (field == nullptr) return nullptr;
    current = field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && !field->is_repeated()
                  ? field->message_type()
                  : nullptr;
  }
  return field;
}

absl::Status SetField(Message& message, absl::string_view path, absl::string_view value) {
  const std::vector<std::string> steps =
      absl::StrSplit(absl::StrReplaceAll(path, {{"-", "_"}}), '.');
  Message* current = &message;
  for (size_t i = 0; i < steps.size(); ++i) {
    const Descriptor& type = *current->GetDescriptor();
    const FieldDescriptor* field = type.FindFieldByName(steps[i]);
    if (field == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat("--", path, ": ", type.full_name(),
                                                     " has no field \"", steps[i],
                                                     "\"; its fields: ", FieldNames(type)));
    }
    if (i + 1 == steps.size()) return SetScalar(*current, *field, path, value);
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE || field->is_repeated()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--", path, ": \"", steps[i],
                       "\" is not a single message, so it has no fields to set by flag; give it "
                       "with --request in text format"));
    }
    current = current->GetReflection()->MutableMessage(current, field);
  }
  return absl::InvalidArgumentError("an empty field path");
}

bool IsFieldPathSet(const Message& message, absl::string_view path) {
  const Message* current = &message;
  const std::vector<std::string> steps =
      absl::StrSplit(absl::StrReplaceAll(path, {{"-", "_"}}), '.');
  for (size_t i = 0; i < steps.size(); ++i) {
    const FieldDescriptor* field = current->GetDescriptor()->FindFieldByName(steps[i]);
    if (field == nullptr) return false;
    const Reflection& reflection = *current->GetReflection();
    if (field->is_repeated()) return reflection.FieldSize(*current, field) > 0;
    if (!reflection.HasField(*current, field)) return false;
    if (i + 1 < steps.size()) current = &reflection.GetMessage(*current, field);
  }
  return true;
}

const FieldDescriptor* RequestIdField(const Descriptor& type) {
  const FieldDescriptor* field = type.FindFieldByName("request_id");
  if (field == nullptr || field->is_repeated() || field->type() != FieldDescriptor::TYPE_STRING) {
    return nullptr;
  }
  return field;
}

std::string NewRequestId() {
  std::random_device random;
  const uint64_t high = random();
  const uint64_t low = (static_cast<uint64_t>(random()) << 32) | random();
  return absl::StrFormat("csctl-%04x%016x", high & 0xffff, low);
}

}  // namespace cs::tools::csctl
