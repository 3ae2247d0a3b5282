// The bearer tokens the process accepts, loaded once at start from a cs.config.v1.TokenFile
// (proto/cs/config/v1/tokens.proto). The file and this store hold only SHA-256 hashes: a token is
// looked up by hashing it, so a leaked token file or memory dump reveals no usable secret.
// Immutable after construction, hence thread-safe.
#ifndef CS_COMMON_AUTH_TOKEN_STORE_H_
#define CS_COMMON_AUTH_TOKEN_STORE_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/auth/principal.h"
#include "common/status/field_violations.h"
#include "cs/config/v1/tokens.pb.h"

namespace cs::common {

class TokenStore final {
 public:
  // Loads and validates the token file at `path`. NOT_FOUND if it cannot be read; INVALID_ARGUMENT
  // naming
  // "<file>:<line>: <field>: <problem>" for every bad entry (see ValidateTokenFile).
  static absl::StatusOr<TokenStore> LoadFile(const std::string& path);

  // From an already parsed file (tests, tools). INVALID_ARGUMENT naming every bad field (no line
  // numbers).
  static absl::StatusOr<TokenStore> FromProto(const cs::config::v1::TokenFile& file);

  // The principal the token belongs to, or nullopt when the token is unknown, revoked, or expired
  // at `now` (wall time: an expiry is a real-world instant, never a test clock's). `token` is the
  // bearer token itself, not its hash.
  absl::optional<Principal> Find(absl::string_view token, absl::Time now) const;
  absl::optional<Principal> Find(absl::string_view token) const { return Find(token, absl::Now()); }

  size_t size() const { return by_hash_.size(); }

  // The users of the entries marked development_only (their tokens are public), in file order;
  // empty for a real token file. RunService refuses to start with any unless --dev_mode.
  const std::vector<std::string>& development_only_users() const { return development_only_users_; }

 private:
  struct Holder {
    Principal principal;
    absl::Time expires_at = absl::InfiniteFuture();
    bool revoked = false;
  };
  TokenStore(absl::flat_hash_map<std::string, Holder> by_hash,
             std::vector<std::string> development_only_users)
      : by_hash_(std::move(by_hash)), development_only_users_(std::move(development_only_users)) {}
  // From a file that passed ValidateTokenFile.
  static TokenStore FromValidFile(const cs::config::v1::TokenFile& file);

  absl::flat_hash_map<std::string, Holder> by_hash_;
  std::vector<std::string> development_only_users_;
};

// Every problem of a token file, with field paths such as "tokens[2].unit_id": a hash that is not
// 64 lower-case hex digits, an empty user, a missing or unknown role, a unit-scoped role without a
// unit, a unit on a role that is not unit-scoped, a hash listed twice.
FieldViolations ValidateTokenFile(const cs::config::v1::TokenFile& file);

}  // namespace cs::common

#endif  // CS_COMMON_AUTH_TOKEN_STORE_H_
