#include "common/grpc/client_auth.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "common/grpc/authenticator.h"

namespace cs::common {

void AttachBearerToken(grpc::ClientContext& context, absl::string_view token) {
  context.AddMetadata(std::string(kAuthorizationMetadataKey), absl::StrCat("Bearer ", token));
}

}  // namespace cs::common
