// Fuzzes the SLA targets file (deploy/config/sla_targets.textproto) as LoadSlaTargets reads it:
// defaults applied, then validated, so a file that loosens a figure of the seed is refused. Any
// text must load or be refused with INVALID_ARGUMENT; a file that loads must give every handling
// and repair period the services ask for as a valid period or NOT_FOUND.
#include <cstdint>

#include "common/config/sla_targets_file.h"
#include "common/time/deadline.h"
#include "tests/fuzz/config_text.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

using cs::config::v1::SlaTargets;

void RequirePeriodOrNotFound(const absl::StatusOr<cs::common::Period>& period,
                             absl::string_view what) {
  if (!period.ok()) {
    cs::fuzz::Require(period.status().code() == absl::StatusCode::kNotFound, what);
    return;
  }
  cs::fuzz::Require(cs::common::ValidatePeriod(*period).ok(), what);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  absl::StatusOr<SlaTargets> file = cs::fuzz::ParseConfigFile<SlaTargets>(
      "sla_targets.textproto", cs::fuzz::AsText(data, size), [](const SlaTargets& targets) {
        return cs::common::config::ValidateSlaTargets(cs::common::config::WithDefaults(targets));
      });
  cs::fuzz::RequireOkOrInvalidArgument(file.status(), "SLA targets file");
  if (!file.ok()) return 0;
  const SlaTargets targets = cs::common::config::WithDefaults(*std::move(file));
  for (int kind = 0; kind <= 4; ++kind) {
    RequirePeriodOrNotFound(cs::common::config::HandlingPeriodFor(
                                targets, static_cast<cs::common::v1::TicketKind>(kind)),
                            "HandlingPeriodFor gave an invalid period");
  }
  for (int channel = 0; channel <= 8; ++channel) {
    RequirePeriodOrNotFound(cs::common::config::FaultRepairPeriodFor(
                                targets, static_cast<cs::common::v1::Channel>(channel)),
                            "FaultRepairPeriodFor gave an invalid period");
  }
  return 0;
}
