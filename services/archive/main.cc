// The archive service: closed complete records kept under audit (SPEC §6). Flags common to every
// service are in common/server/server_flags.h; the archive's own are below. Each flag also reads
// the environment variable CS_<FLAG NAME IN UPPER CASE> when not given on the command line.
#include <string>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "common/server/run_service.h"
#include "services/archive/archive_wiring.h"

ABSL_FLAG(std::string, migration_user, "",
          "Database account that applies the schema migrations and then the grants of "
          "deploy/sql/archive_grants.sql for '<--mysql_user>'@'%' (needs CREATE and GRANT OPTION). "
          "Empty: "
          "--mysql_user runs the migrations itself (development only: it then holds more than the "
          "grants file allows)");
ABSL_FLAG(std::string, migration_password, "", "Password of --migration_user");
ABSL_FLAG(std::string, migration_password_file, "",
          "File holding the password of --migration_user (a Docker or Kubernetes secret), "
          "instead of --migration_password; trailing line breaks are dropped");
ABSL_FLAG(
    absl::Duration, sweep_interval, absl::Seconds(60),
    "How often the due-for-destruction gauge is refreshed and missed monthly reports counted");

int main(int argc, char** argv) {
  return cs::common::RunService(
      argc, argv,
      {.name = "archive",
       .default_grpc_port = 50056,
       .default_metrics_port = 9156,
       .extra_env_flags = {"migration_user", "migration_password", "migration_password_file",
                           "sweep_interval"}},
      [](cs::common::ServiceEnvironment& env) -> absl::Status {
        cs::archive::ArchiveWiringOptions options;
        options.migration_user = absl::GetFlag(FLAGS_migration_user);
        options.migration_password = absl::GetFlag(FLAGS_migration_password);
        if (const std::string file = absl::GetFlag(FLAGS_migration_password_file); !file.empty()) {
          if (!options.migration_password.empty()) {
            return absl::InvalidArgumentError(
                "invalid flags: migration_password_file: give --migration_password or "
                "--migration_password_file, not both");
          }
          absl::StatusOr<std::string> password = cs::common::ReadSecretFile(file);
          if (!password.ok()) {
            return absl::InvalidArgumentError(absl::StrCat(
                "invalid flags: migration_password_file: ", password.status().message()));
          }
          options.migration_password = *std::move(password);
        }
        options.sweep_interval = absl::GetFlag(FLAGS_sweep_interval);
        return cs::archive::ArchiveWiring(std::move(options))(env);
      });
}
