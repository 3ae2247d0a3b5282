// Pieces the channel registry's MySQL stores share (library channel_store_mysql; not for use
// outside services/channel-registry/store): enum lists as one ASCII column, the idempotent
// response of a row id, and the binder. Stateless; thread-safe.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_STORE_MYSQL_STORE_SUPPORT_H_
#define CS_SERVICES_CHANNEL_REGISTRY_STORE_MYSQL_STORE_SUPPORT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/db/statement_helpers.h"

namespace cs::channel::mysql_internal {

using Binder = common::db::ParameterBinder;

// MySQL's duplicate-key error.
inline constexpr int kDuplicateKey = 1062;

// A list of enum values as their numbers joined by ',' ("1,4"; "" for none).
std::string EncodeNumbers(const std::vector<int>& numbers);
template <typename Enum>
std::string EncodeEnums(const std::vector<Enum>& values) {
  std::vector<int> numbers;
  numbers.reserve(values.size());
  for (Enum value : values) numbers.push_back(static_cast<int>(value));
  return EncodeNumbers(numbers);
}

// The numbers EncodeNumbers wrote. Throws sql::SQLException (mapped to INTERNAL by
// RunInTransaction) when `text` is not such a list: a corrupt row.
std::vector<int> DecodeNumbers(const std::string& text, const char* column);
template <typename Enum>
std::vector<Enum> DecodeEnums(const std::string& text, const char* column) {
  std::vector<Enum> values;
  for (int n : DecodeNumbers(text, column)) values.push_back(static_cast<Enum>(n));
  return values;
}

// The row id an idempotent write recorded as its response; INTERNAL when it is not one.
absl::StatusOr<int64_t> ParseIdResponse(const std::string& response);

}  // namespace cs::channel::mysql_internal

#endif  // CS_SERVICES_CHANNEL_REGISTRY_STORE_MYSQL_STORE_SUPPORT_H_
