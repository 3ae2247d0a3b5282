// A MariaDB server of a test's own, for tests that stop and restart the server (the shared one of
// tests/run.sh must stay up for everyone else). Started through deploy/private-mariadb.sh in a
// fresh temporary data directory on a free loopback port; Stop() and Start() keep the data and the
// port, so clients configured with port() reach it again after a restart.
//
// Slow: the first start initialises a data directory (a few seconds). Not thread-safe: drive it
// from the test's main thread.
#ifndef CS_COMMON_TESTING_PRIVATE_MARIADB_H_
#define CS_COMMON_TESTING_PRIVATE_MARIADB_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/db/mysql_options.h"

namespace cs::common::testing {

// TLS of the server (PEM files, e.g. from TestCertificates); all empty: plaintext only.
struct PrivateMariaDbTls {
  std::string certificate_file;
  std::string key_file;
  // The authority clients verify the server with (AdminOptions().ssl_ca).
  std::string ca_file;
  // Refuse every TCP connection without TLS (require_secure_transport).
  bool require_secure_transport = false;
};

class PrivateMariaDb final {
 public:
  // Creates the data directory and starts the server. INTERNAL with the script's output when it
  // fails.
  static absl::StatusOr<std::unique_ptr<PrivateMariaDb>> Create(PrivateMariaDbTls tls = {});

  PrivateMariaDb(const PrivateMariaDb&) = delete;
  PrivateMariaDb& operator=(const PrivateMariaDb&) = delete;
  // Stops the server and deletes the data directory.
  ~PrivateMariaDb();

  // Shuts the server down cleanly (waits until the process is gone). INTERNAL if the script fails.
  absl::Status Stop();
  // Kills the server with SIGKILL, as a crash would (no clean shutdown: InnoDB recovers from its
  // redo log at the next Start()), and returns once it is gone. INTERNAL when it has no pid file or
  // does not die within 30 s.
  absl::Status Kill();
  // Starts it again on the same port with the same data. INTERNAL if the script fails or the port
  // moved.
  absl::Status Start();

  int port() const { return port_; }
  // The administrative account (cs_admin) on 127.0.0.1:port(), no database selected; over TLS
  // (ssl_ca set) when the server was started with TLS.
  db::MySqlOptions AdminOptions() const;

 private:
  PrivateMariaDb(std::string data_dir, int port, PrivateMariaDbTls tls)
      : data_dir_(std::move(data_dir)), port_(port), tls_(std::move(tls)) {}

  const std::string data_dir_;
  const int port_;
  // Kept so that Start() after Stop() serves TLS again.
  const PrivateMariaDbTls tls_;
};

}  // namespace cs::common::testing

#endif  // CS_COMMON_TESTING_PRIVATE_MARIADB_H_
