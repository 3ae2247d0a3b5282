#include "common/server/service_token_flags.h"

#include <fstream>
#include <sstream>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

ABSL_FLAG(std::string, service_token_file, "",
          "File holding the bearer token this service presents to the services it calls (a "
          "SERVICE principal of their token files)");

namespace cs::common {

absl::StatusOr<std::string> ServiceTokenFromFlags() {
  const std::string path = absl::GetFlag(FLAGS_service_token_file);
  if (path.empty()) return std::string();
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot read the service token file"));
  std::stringstream text;
  text << in.rdbuf();
  return std::string(absl::StripAsciiWhitespace(text.str()));
}

}  // namespace cs::common
