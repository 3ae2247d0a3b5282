// Fuzzes the archive retention file (deploy/config/archive_retention.textproto) through
// LoadArchiveRetention, against the shipped units and SLA targets: any text must load or be refused
// with INVALID_ARGUMENT, and what loads keeps every record at least the legal minimum (A1 7.3.1).
// The loader converts periods to months after validating, in code no text entry point reaches, so
// each input is written to a file first.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "common/config/sla_targets_file.h"
#include "common/config/units_file.h"
#include "services/archive/config/archive_retention_file.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

struct ShippedConfig {
  cs::common::UnitDirectory units;
  cs::config::v1::SlaTargets sla;
};

const ShippedConfig& Shipped() {
  static const ShippedConfig* const shipped = [] {
    absl::StatusOr<cs::common::UnitDirectory> units = cs::common::config::LoadUnitDirectory(
        cs::fuzz::SourcePath("deploy/config/units.textproto"));
    absl::StatusOr<cs::config::v1::SlaTargets> sla = cs::common::config::LoadSlaTargets(
        cs::fuzz::SourcePath("deploy/config/sla_targets.textproto"));
    cs::fuzz::Require(units.ok() && sla.ok(), "deploy/config units and SLA targets load");
    return new ShippedConfig{*std::move(units), *std::move(sla)};
  }();
  return *shipped;
}

// One file for the whole run, in $TMPDIR (tests/fuzz/run.sh gives each target its own), removed
// when the run ends.
const std::string& InputPath() {
  static const std::string* const path = [] {
    const char* dir = std::getenv("TMPDIR");
    std::string pattern = std::string(dir != nullptr ? dir : "/tmp") + "/retention.XXXXXX";
    const int fd = mkstemp(pattern.data());
    cs::fuzz::Require(fd >= 0, "a temporary file for the input");
    close(fd);
    std::atexit([] { unlink(InputPath().c_str()); });
    return new std::string(pattern);
  }();
  return *path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const ShippedConfig& shipped = Shipped();
  {
    std::ofstream out(InputPath(), std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    cs::fuzz::Require(out.good(), "the input written to its file");
  }
  absl::StatusOr<cs::archive::RetentionConfig> config =
      cs::archive::LoadArchiveRetention(InputPath(), shipped.units, shipped.sla);
  cs::fuzz::RequireOkOrInvalidArgument(config.status(), "LoadArchiveRetention");
  if (!config.ok()) return 0;
  cs::fuzz::Require(config->default_policy.months >= config->minimum_months,
                    "the default retention is at least the minimum");
  for (const auto& [unit_id, policy] : config->unit_policies) {
    cs::fuzz::Require(shipped.units.Contains(unit_id), "a retention names a known unit");
    cs::fuzz::Require(policy.months >= config->minimum_months,
                      "a retention is at least the minimum");
  }
  return 0;
}
