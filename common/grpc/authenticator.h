// Turns the `authorization: Bearer <token>` metadata of an incoming call into the caller's
// Principal (ARCHITECTURE "Auth"). Every handler calls Authenticate first, then RequireRole /
// RequireUnit. Holds a pointer to an immutable TokenStore: thread-safe.
//
// Every failure is UNAUTHENTICATED with one and the same message, so a caller cannot tell a
// missing, a malformed and an unknown token apart (nor probe which tokens exist). The token and its
// hash are never logged or put in a message.
#ifndef CS_COMMON_GRPC_AUTHENTICATOR_H_
#define CS_COMMON_GRPC_AUTHENTICATOR_H_

#include <map>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/optional.h"
#include "common/auth/principal.h"
#include "common/auth/token_store.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/string_ref.h"

namespace cs::common {

// The metadata key, lower case as gRPC delivers it.
inline constexpr absl::string_view kAuthorizationMetadataKey = "authorization";

// The token of a single well-formed "Bearer <token>" value (scheme case-insensitive, RFC 7235), or
// nullopt when `metadata` has no authorization entry, several, or one that is not a bearer token.
absl::optional<absl::string_view> BearerTokenOf(
    const std::multimap<grpc::string_ref, grpc::string_ref>& metadata);

class Authenticator final {
 public:
  // `tokens` must outlive the authenticator.
  explicit Authenticator(const TokenStore* tokens) : tokens_(tokens) {}

  // The principal of the caller; UNAUTHENTICATED when the token is missing, malformed or unknown.
  absl::StatusOr<Principal> Authenticate(const grpc::ServerContextBase& context) const;
  absl::StatusOr<Principal> Authenticate(
      const std::multimap<grpc::string_ref, grpc::string_ref>& client_metadata) const;

 private:
  const TokenStore* const tokens_;
};

}  // namespace cs::common

#endif  // CS_COMMON_GRPC_AUTHENTICATOR_H_
