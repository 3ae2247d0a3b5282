#include "common/hash/sha256.h"

#include <openssl/evp.h>

#include <cstdlib>
#include <memory>

#include "absl/strings/escaping.h"

namespace cs::common {
namespace {

// OpenSSL 3's one-shot SHA256() looks the algorithm up in its provider tables on every call, under
// a lock shared by all threads; a profile of CreateTicket showed that lookup as most of the time of
// the three digests per call (two token lookups and the request fingerprint). The algorithm is
// therefore fetched once per process and a digest context kept per thread.
const EVP_MD* Sha256Algorithm() {
  static const EVP_MD* const algorithm = [] {
    EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    // Without SHA-256 no token could be checked: there is nothing sensible to go on with.
    if (fetched == nullptr) std::abort();
    return fetched;
  }();
  return algorithm;
}

struct ContextDeleter {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};

EVP_MD_CTX* ThreadContext() {
  thread_local std::unique_ptr<EVP_MD_CTX, ContextDeleter> context(EVP_MD_CTX_new());
  if (context == nullptr) std::abort();
  return context.get();
}

}  // namespace

std::string Sha256Hex(absl::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_MD_CTX* context = ThreadContext();
  if (EVP_DigestInit_ex(context, Sha256Algorithm(), nullptr) != 1 ||
      EVP_DigestUpdate(context, data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(context, digest, &length) != 1) {
    std::abort();  // only fails on allocation failure inside OpenSSL
  }
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(digest), length));
}

}  // namespace cs::common
