#include "common/grpc/authenticator.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "common/status/error_reason.h"

namespace cs::common {
namespace {

constexpr absl::string_view kBearer = "bearer";
constexpr absl::string_view kUnauthenticatedMessage =
    "this call needs the metadata \"authorization: Bearer <token>\" with a valid token";

absl::string_view View(grpc::string_ref ref) { return absl::string_view(ref.data(), ref.size()); }

}  // namespace

absl::optional<absl::string_view> BearerTokenOf(
    const std::multimap<grpc::string_ref, grpc::string_ref>& metadata) {
  auto [first, last] = metadata.equal_range(
      grpc::string_ref(kAuthorizationMetadataKey.data(), kAuthorizationMetadataKey.size()));
  if (first == last || std::next(first) != last) return absl::nullopt;
  absl::string_view value = View(first->second);
  if (value.size() <= kBearer.size() || !absl::StartsWithIgnoreCase(value, kBearer) ||
      value[kBearer.size()] != ' ') {
    return absl::nullopt;
  }
  absl::string_view token = absl::StripAsciiWhitespace(value.substr(kBearer.size()));
  if (token.empty()) return absl::nullopt;
  for (char c : token) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) return absl::nullopt;
  }
  return token;
}

absl::StatusOr<Principal> Authenticator::Authenticate(
    const grpc::ServerContextBase& context) const {
  return Authenticate(context.client_metadata());
}

absl::StatusOr<Principal> Authenticator::Authenticate(
    const std::multimap<grpc::string_ref, grpc::string_ref>& client_metadata) const {
  const absl::optional<absl::string_view> token = BearerTokenOf(client_metadata);
  // One answer for both: a caller probing tokens learns nothing from the difference.
  const absl::Status unauthenticated = WithReason(
      absl::UnauthenticatedError(kUnauthenticatedMessage), reason::kMissingOrUnknownToken);
  if (!token.has_value()) return unauthenticated;
  absl::optional<Principal> principal = tokens_->Find(*token);
  if (!principal.has_value()) return unauthenticated;
  return *std::move(principal);
}

}  // namespace cs::common
