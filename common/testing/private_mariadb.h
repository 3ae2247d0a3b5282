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

class PrivateMariaDb final {
 public:
  // Creates the data directory and starts the server. INTERNAL with the script's output when it
  // fails.
  static absl::StatusOr<std::unique_ptr<PrivateMariaDb>> Create();

  PrivateMariaDb(const PrivateMariaDb&) = delete;
  PrivateMariaDb& operator=(const PrivateMariaDb&) = delete;
  // Stops the server and deletes the data directory.
  ~PrivateMariaDb();

  // Shuts the server down cleanly (waits until the process is gone). INTERNAL if the script fails.
  absl::Status Stop();
  // Starts it again on the same port with the same data. INTERNAL if the script fails or the port
  // moved.
  absl::Status Start();

  int port() const { return port_; }
  // The administrative account (cs_admin) on 127.0.0.1:port(), no database selected.
  db::MySqlOptions AdminOptions() const;

 private:
  PrivateMariaDb(std::string data_dir, int port) : data_dir_(std::move(data_dir)), port_(port) {}

  const std::string data_dir_;
  const int port_;
};

}  // namespace cs::common::testing

#endif  // CS_COMMON_TESTING_PRIVATE_MARIADB_H_
