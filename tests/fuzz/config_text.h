// The data-file loaders (LoadUnitDirectory, LoadBusinessCatalog, ...) take a path and do nothing
// with the file's bytes but hand them to ParseConfigText with their validator, then convert the
// message. ParseConfigFile is that first step from text, so the config fuzzers drive the loaders'
// own code without a file per input. Header-only; thread-compatible.
#ifndef CS_TESTS_FUZZ_CONFIG_TEXT_H_
#define CS_TESTS_FUZZ_CONFIG_TEXT_H_

#include <functional>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/config/config_file.h"
#include "common/status/field_violations.h"

namespace cs::fuzz {

// What LoadConfigFile<T>(path, validator) returns for a file holding `text`.
template <typename T>
absl::StatusOr<T> ParseConfigFile(absl::string_view file_name, absl::string_view text,
                                  std::function<common::FieldViolations(const T&)> validator) {
  T message;
  absl::Status status = common::config::ParseConfigText(
      file_name, text, &message, [&validator](const google::protobuf::Message& m) {
        return validator(static_cast<const T&>(m));
      });
  if (!status.ok()) return status;
  return message;
}

}  // namespace cs::fuzz

#endif  // CS_TESTS_FUZZ_CONFIG_TEXT_H_
