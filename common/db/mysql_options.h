// How to reach a service's schema on a MySQL/MariaDB server. A plain value; copy freely.
#ifndef CS_COMMON_DB_MYSQL_OPTIONS_H_
#define CS_COMMON_DB_MYSQL_OPTIONS_H_

#include <string>

#include "absl/time/time.h"

namespace cs::common::db {

struct MySqlOptions {
  std::string host = "127.0.0.1";
  int port = 3306;
  std::string user;
  std::string password;
  // The schema (database) the service owns, e.g. "cs_intake". Empty: no default schema (admin tools
  // and the test harness, which create schemas).
  std::string database;
  // TLS to the server (paths of PEM files, read by Connector/C++ at each connect). With ssl_ca set
  // every connection uses TLS — a server that does not offer it is refused — and the server's
  // certificate must chain to ssl_ca and name `host`. ssl_cert/ssl_key: a client certificate, for
  // accounts created REQUIRE X509; only with ssl_ca. Empty: plaintext.
  std::string ssl_ca;
  std::string ssl_cert;
  std::string ssl_key;
  // Connections made at start and kept for the life of the pool.
  int pool_size = 8;
  absl::Duration connect_timeout = absl::Seconds(5);
  // Per network read/write on a connection. A read waits for the whole answer of one statement, so
  // this must exceed the longest statement (GET_LOCK of the migration runner waits up to 60 s,
  // InnoDB lock waits up to innodb_lock_wait_timeout = 50 s); it exists to notice a server that
  // vanished without closing the socket.
  absl::Duration read_timeout = absl::Seconds(90);
  absl::Duration write_timeout = absl::Seconds(90);
  // How long Acquire() waits for a free connection before UNAVAILABLE.
  absl::Duration acquire_timeout = absl::Seconds(10);
  // A connection idle for longer than this is pinged before it is handed out (and replaced if the
  // ping fails). Zero pings on every Acquire(); a busy pool skips the round trip for connections
  // just used.
  absl::Duration validation_interval = absl::Seconds(1);
};

}  // namespace cs::common::db

#endif  // CS_COMMON_DB_MYSQL_OPTIONS_H_
