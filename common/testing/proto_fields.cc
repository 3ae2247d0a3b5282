#include "common/testing/proto_fields.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"

namespace cs::common::testing {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// Well-known types are values: their own fields may rightly be 0 (a Timestamp's nanos).
bool IsValueType(const Descriptor& type) { return type.file()->package() == "google.protobuf"; }

bool Searched(const FieldDescriptor& field) {
  return field.cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && !field.is_map() &&
         !IsValueType(*field.message_type());
}

void Collect(const Message& message, const std::string& prefix,
             const std::set<std::string>& allowed, std::vector<std::string>& unset) {
  const Descriptor* descriptor = message.GetDescriptor();
  const Reflection* reflection = message.GetReflection();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const FieldDescriptor* field = descriptor->field(i);
    const std::string path = absl::StrCat(prefix, field->name());
    if (allowed.count(path) > 0) continue;
    if (field->is_repeated()) {
      if (reflection->FieldSize(message, field) == 0) {
        unset.push_back(path);
      } else if (Searched(*field)) {
        const std::string first = absl::StrCat(path, "[0]");
        if (allowed.count(first) == 0) {
          Collect(reflection->GetRepeatedMessage(message, field, 0), absl::StrCat(first, "."),
                  allowed, unset);
        }
      }
    } else if (!reflection->HasField(message, field)) {
      // For a field without presence HasField means "not at its default".
      unset.push_back(path);
    } else if (Searched(*field)) {
      Collect(reflection->GetMessage(message, field), absl::StrCat(path, "."), allowed, unset);
    }
  }
}

}  // namespace

std::vector<std::string> UnsetFieldPaths(const google::protobuf::Message& message,
                                         const std::vector<std::string>& allowed) {
  std::vector<std::string> unset;
  Collect(message, "", std::set<std::string>(allowed.begin(), allowed.end()), unset);
  return unset;
}

}  // namespace cs::common::testing
