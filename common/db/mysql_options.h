// How to reach a service's schema on a MySQL/MariaDB server.
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
  // The schema (database) the service owns, e.g. "cs_intake".
  std::string database;
  // Connections made at start and kept for the life of the pool.
  int pool_size = 8;
  absl::Duration connect_timeout = absl::Seconds(5);
  // How long Acquire() waits for a free connection before UNAVAILABLE.
  absl::Duration acquire_timeout = absl::Seconds(10);
};

}  // namespace cs::common::db

#endif  // CS_COMMON_DB_MYSQL_OPTIONS_H_
