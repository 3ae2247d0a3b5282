// Fuzzes the page-token decoders (common/api/paging.h), which every List RPC runs on a token the
// client sends: any token must decode or be refused with INVALID_ARGUMENT naming page.page_token.
// What decodes must be what an encoder made — a positive id, a non-empty key — and every token the
// encoders make from fuzzed values must decode back to them under the same filter only.
#include <cstdint>
#include <string>

#include "common/api/paging.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

// The filter fingerprints of request_fingerprint.h are lowercase hex; tokens carry 16 of them.
std::string ConsumeFingerprint(FuzzedDataProvider& fdp) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string fingerprint(fdp.ConsumeIntegralInRange<size_t>(0, 64), '0');
  for (char& c : fingerprint) c = kHex[fdp.ConsumeIntegralInRange<int>(0, 15)];
  return fingerprint;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider fdp(data, size);
  const std::string fingerprint = ConsumeFingerprint(fdp);
  const std::string other = ConsumeFingerprint(fdp);
  const int64_t after_id = fdp.ConsumeIntegral<int64_t>();
  const std::string after_key = cs::fuzz::ConsumeText(fdp);
  const std::string token = fdp.ConsumeRemainingBytesAsString();

  const absl::StatusOr<int64_t> id = cs::common::DecodePageToken(token, fingerprint);
  cs::fuzz::RequireOkOrInvalidArgument(id.status(), "DecodePageToken");
  if (id.ok()) cs::fuzz::Require(token.empty() ? *id == 0 : *id > 0, "a decoded id is positive");
  const absl::StatusOr<std::string> key = cs::common::DecodeKeyPageToken(token, fingerprint);
  cs::fuzz::RequireOkOrInvalidArgument(key.status(), "DecodeKeyPageToken");
  if (key.ok()) cs::fuzz::Require(token.empty() == key->empty(), "a decoded key is not empty");

  if (after_id > 0) {
    const std::string made = cs::common::EncodePageToken(after_id, fingerprint);
    const absl::StatusOr<int64_t> back = cs::common::DecodePageToken(made, fingerprint);
    cs::fuzz::Require(back.ok() && *back == after_id, "an id token decodes to its id");
    const bool same_filter = fingerprint.substr(0, 16) == other.substr(0, 16);
    cs::fuzz::Require(cs::common::DecodePageToken(made, other).ok() == same_filter,
                      "an id token is refused under another filter");
  }
  if (!after_key.empty()) {
    const std::string made = cs::common::EncodeKeyPageToken(after_key, fingerprint);
    const absl::StatusOr<std::string> back = cs::common::DecodeKeyPageToken(made, fingerprint);
    cs::fuzz::Require(back.ok() && *back == after_key, "a key token decodes to its key");
    const bool same_filter = fingerprint.substr(0, 16) == other.substr(0, 16);
    cs::fuzz::Require(cs::common::DecodeKeyPageToken(made, other).ok() == same_filter,
                      "a key token is refused under another filter");
  }
  return 0;
}
