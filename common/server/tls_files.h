// Reads the PEM files of the transport-security flags (server_flags.h) and checks them at start, so
// a wrong path, a key that does not belong to its certificate or an expired certificate stops the
// process with a message naming the file — instead of every TLS handshake failing later with an
// error that names neither. Stateless; thread-safe.
#ifndef CS_COMMON_SERVER_TLS_FILES_H_
#define CS_COMMON_SERVER_TLS_FILES_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cs::common {

// The text of `path`, which must hold one or more PEM certificates, every one of them parseable.
// INVALID_ARGUMENT naming the path when the file cannot be read, holds no certificate or a
// certificate that does not parse.
absl::StatusOr<std::string> ReadCertificatesPem(const std::string& path);

// The text of `path`, which must hold exactly one parseable PEM private key (unencrypted: a
// service cannot type a passphrase). INVALID_ARGUMENT naming the path otherwise.
absl::StatusOr<std::string> ReadPrivateKeyPem(const std::string& path);

// OK when the first certificate of `certificate_pem` is within its validity period and
// `private_key_pem` is its key; INVALID_ARGUMENT saying which is wrong (the paths are for the
// message).
absl::Status CheckCertificateAndKey(absl::string_view certificate_pem,
                                    absl::string_view certificate_path,
                                    absl::string_view private_key_pem,
                                    absl::string_view private_key_path);

}  // namespace cs::common

#endif  // CS_COMMON_SERVER_TLS_FILES_H_
