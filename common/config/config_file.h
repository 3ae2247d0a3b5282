// Data files (calendar, units, business catalog, SLA targets, tokens) are protobuf messages in text
// format. Loading one either yields a message that passed its validator, or an error that names the
// file, the line and the field — for syntax errors and for semantic ones alike — so an operator can
// fix a typo without reading code. Thread-compatible; loading is done once at start.
#ifndef CS_COMMON_CONFIG_CONFIG_FILE_H_
#define CS_COMMON_CONFIG_CONFIG_FILE_H_

#include <functional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/status/field_violations.h"
#include "google/protobuf/message.h"

namespace cs::common::config {

// Checks the meaning of a parsed message. Each violation's field is a path in the message such as
// "versions[0].holidays[3].date" (repeated fields indexed), which the loader turns into a line
// number.
using Validator = std::function<FieldViolations(const google::protobuf::Message&)>;

// Parses `text` (named `file_name` in errors) into `message` and validates it.
// INVALID_ARGUMENT "<file>:<line>:<column>: <parser message>" on a syntax error or unknown field,
// and
// "<file>:<line>: <field>: <problem>" for each validator violation (line 0 when the field is
// absent).
absl::Status ParseConfigText(absl::string_view file_name, absl::string_view text,
                             google::protobuf::Message* message, const Validator& validator = {});

// Reads the file at `path` and parses it as ParseConfigText does. NOT_FOUND if it cannot be read.
absl::Status LoadConfigFile(const std::string& path, google::protobuf::Message* message,
                            const Validator& validator = {});

template <typename T>
absl::StatusOr<T> LoadConfigFile(const std::string& path,
                                 std::function<FieldViolations(const T&)> validator = {}) {
  T message;
  Validator erased;
  if (validator) {
    erased = [&validator](const google::protobuf::Message& m) {
      return validator(static_cast<const T&>(m));
    };
  }
  absl::Status status = LoadConfigFile(path, &message, erased);
  if (!status.ok()) return status;
  return message;
}

}  // namespace cs::common::config

#endif  // CS_COMMON_CONFIG_CONFIG_FILE_H_
