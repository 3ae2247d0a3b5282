#include "common/server/tls_files.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace cs::common {
namespace {

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct X509Free {
  void operator()(X509* cert) const { X509_free(cert); }
};
struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;
using KeyPtr = std::unique_ptr<EVP_PKEY, KeyFree>;

BioPtr MemoryBio(absl::string_view text) {
  return BioPtr(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

// OpenSSL's reason for the last failure on this thread (and clears its error queue, so a later
// check does not report a stale one).
std::string OpenSslReason() {
  const unsigned long code = ERR_get_error();  // NOLINT(runtime/int): OpenSSL's type
  ERR_clear_error();
  if (code == 0) return "unknown OpenSSL error";
  const char* reason = ERR_reason_error_string(code);
  return reason != nullptr ? reason : absl::StrCat("OpenSSL error ", code);
}

absl::StatusOr<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot read ", path, ": ", std::strerror(errno)));
  }
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

X509Ptr FirstCertificate(absl::string_view pem) {
  BioPtr bio = MemoryBio(pem);
  if (bio == nullptr) return nullptr;
  return X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

}  // namespace

absl::StatusOr<std::string> ReadCertificatesPem(const std::string& path) {
  absl::StatusOr<std::string> text = ReadWholeFile(path);
  if (!text.ok()) return text.status();
  BioPtr bio = MemoryBio(*text);
  int count = 0;
  while (true) {
    X509Ptr certificate(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (certificate == nullptr) break;
    ++count;
  }
  // The loop ends at the end of the text (PEM_R_NO_START_LINE) or at a block that does not parse.
  const unsigned long last = ERR_peek_last_error();  // NOLINT(runtime/int): OpenSSL's type
  const bool clean_end =
      ERR_GET_LIB(last) == ERR_LIB_PEM && ERR_GET_REASON(last) == PEM_R_NO_START_LINE;
  if (count > 0 && clean_end) {
    ERR_clear_error();
    return text;
  }
  if (count == 0 && clean_end) {
    ERR_clear_error();
    return absl::InvalidArgumentError(
        absl::StrCat(path, " holds no PEM certificate (\"-----BEGIN CERTIFICATE-----\")"));
  }
  return absl::InvalidArgumentError(
      absl::StrCat(path, ": certificate ", count + 1, " does not parse: ", OpenSslReason()));
}

absl::StatusOr<std::string> ReadPrivateKeyPem(const std::string& path) {
  absl::StatusOr<std::string> text = ReadWholeFile(path);
  if (!text.ok()) return text.status();
  if (absl::StrContains(*text, "ENCRYPTED")) {
    return absl::InvalidArgumentError(
        absl::StrCat(path,
                     " holds an encrypted private key; a service cannot type its passphrase "
                     "(decrypt it, e.g. `openssl pkey -in KEY -out KEY.plain`, and protect "
                     "the file by its permissions)"));
  }
  BioPtr bio = MemoryBio(*text);
  KeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (key == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, " holds no readable PEM private key: ", OpenSslReason()));
  }
  ERR_clear_error();
  return text;
}

absl::Status CheckCertificateAndKey(absl::string_view certificate_pem,
                                    absl::string_view certificate_path,
                                    absl::string_view private_key_pem,
                                    absl::string_view private_key_path) {
  X509Ptr certificate = FirstCertificate(certificate_pem);
  BioPtr key_bio = MemoryBio(private_key_pem);
  KeyPtr key(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
  if (certificate == nullptr || key == nullptr) {
    ERR_clear_error();
    return absl::InvalidArgumentError(
        absl::StrCat("cannot parse ", certificate_path, " or ", private_key_path));
  }
  if (X509_cmp_current_time(X509_get0_notAfter(certificate.get())) < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("the certificate in ", certificate_path, " has expired"));
  }
  if (X509_cmp_current_time(X509_get0_notBefore(certificate.get())) > 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("the certificate in ", certificate_path, " is not valid yet"));
  }
  if (X509_check_private_key(certificate.get(), key.get()) != 1) {
    ERR_clear_error();
    return absl::InvalidArgumentError(absl::StrCat("the key in ", private_key_path,
                                                   " does not belong to the certificate in ",
                                                   certificate_path));
  }
  return absl::OkStatus();
}

}  // namespace cs::common
