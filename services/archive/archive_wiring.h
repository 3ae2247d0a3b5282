// Builds a running archive service from its configuration: data files (units, calendar, SLA
// targets, archive retention), the schema (migrations, and the grants of the service's account when
// a separate migration account is given), store, core, metrics and the periodic sweeper. main.cc
// and the integration tests use the same wiring, so a test exercises exactly what is deployed.
//
// Database accounts: the service runs as --mysql_user. When --migration_user is given, the
// migrations run with that account (one that may CREATE tables and GRANT), which then applies
// deploy/sql/archive_grants.sql for '--mysql_user'@'%' — so the service's own account
// never needs more than the grants file gives it (no UPDATE/DELETE on the access log). Without a
// migration account the service's own account runs the migrations (development, where it is an
// admin). Either way the start checks whether the service's account could alter the access log and
// exports the answer as cs_archive_access_log_append_only (and logs a warning when it could).
#ifndef CS_SERVICES_ARCHIVE_ARCHIVE_WIRING_H_
#define CS_SERVICES_ARCHIVE_ARCHIVE_WIRING_H_

#include <string>

#include "absl/time/time.h"
#include "common/server/service_server.h"

namespace cs::archive {

struct ArchiveWiringOptions {
  // The account that runs migrations and grants; overrides the common --migration_user when set
  // (the integration tests set it); empty: the common flags decide
  // (common/server/service_database.h).
  std::string migration_user;
  std::string migration_password;
  // How often the due-for-destruction gauge is refreshed and missed monthly reports are counted.
  absl::Duration sweep_interval = absl::Seconds(60);
};

// The wiring function for ServiceServer::Start / RunService.
common::WireFunction ArchiveWiring(ArchiveWiringOptions options);

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_ARCHIVE_WIRING_H_
