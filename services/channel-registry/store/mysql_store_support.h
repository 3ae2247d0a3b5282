// Pieces the channel registry's MySQL stores share (library channel_store_mysql; not for use
// outside services/channel-registry/store): enum lists as one ASCII column, the idempotent
// response of a row id, reading back a replayed row, and the binder. Stateless; thread-safe.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_STORE_MYSQL_STORE_SUPPORT_H_
#define CS_SERVICES_CHANNEL_REGISTRY_STORE_MYSQL_STORE_SUPPORT_H_

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/db/idempotency.h"
#include "common/db/statement_helpers.h"
#include "common/db/transaction.h"

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
using common::db::ParseIdResponse;

// Runs `insert` (an INSERT … RETURNING `column`) and returns that column of the new row.
int64_t InsertReturning(sql::PreparedStatement& insert, const char* column);

// The row of a replayed create (common::db::CreateOnce): `select_all` + " WHERE seq = ?", read by
// `read`; INTERNAL naming `what` when it is missing (such rows are never deleted).
template <typename T>
absl::StatusOr<T> ReadReplayedSeq(common::db::Transaction& tx, absl::string_view select_all,
                                  int64_t seq, T (*read)(sql::ResultSet&), absl::string_view what) {
  sql::PreparedStatement& select = tx.PrepareCached(absl::StrCat(select_all, " WHERE seq = ?"));
  select.setInt64(1, seq);
  std::unique_ptr<sql::ResultSet> rs(select.executeQuery());
  if (!rs->next()) return absl::InternalError(absl::StrCat("the replayed ", what, " is missing"));
  return read(*rs);
}

}  // namespace cs::channel::mysql_internal

#endif  // CS_SERVICES_CHANNEL_REGISTRY_STORE_MYSQL_STORE_SUPPORT_H_
