// Fuzzes the assessment maintenance-notice validator (services/assessment/domain/maintenance.h
// ValidateMaintenanceForm) and FileMaintenance behind it, as FileMaintenance RPCs reach them: any
// text, kind number, window list, Timestamp and configured notice period. A form it refuses is
// INVALID_ARGUMENT; one it files is consistent — FILED, the lead time measured from the users'
// notice to the start, late exactly when not an emergency and told less than the period ahead, and
// a late finding exactly when late.
#include <cstdint>
#include <string>

#include "common/time/deadline.h"
#include "services/assessment/domain/maintenance.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

using cs::assessment::MaintenanceForm;

std::string ConsumeField(FuzzedDataProvider& fdp, size_t max_bytes) {
  static constexpr const char* kPlausible[] = {
      "", "broadband", "10000", "浦东新区 ADSL 用户", "光缆割接", "  ", "a\nb"};
  if (fdp.ConsumeBool()) return fdp.PickValueInArray(kPlausible);
  return cs::fuzz::ConsumeText(fdp, max_bytes);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider fdp(data, size);
  MaintenanceForm form;
  form.unit_id = ConsumeField(fdp, 120);
  form.kind = static_cast<cs::assessment::MaintenanceKind>(fdp.ConsumeIntegralInRange<int>(-1, 8));
  form.starts_at = cs::fuzz::ConsumeTime(fdp);
  form.ends_at = fdp.ConsumeBool() ? form.starts_at + absl::Hours(fdp.ConsumeIntegral<int16_t>())
                                   : cs::fuzz::ConsumeTime(fdp);
  form.users_notified_at = fdp.ConsumeBool()
                               ? form.starts_at - absl::Minutes(fdp.ConsumeIntegral<int16_t>())
                               : cs::fuzz::ConsumeTime(fdp);
  const absl::Time now =
      fdp.ConsumeBool() ? form.users_notified_at + absl::Minutes(fdp.ConsumeIntegral<uint16_t>())
                        : cs::fuzz::ConsumeTime(fdp);
  form.affected_user_count = fdp.ConsumeIntegral<int64_t>();
  form.important_users_affected = fdp.ConsumeBool();
  form.emergency = fdp.ConsumeBool();
  form.affected_users = ConsumeField(fdp, 240);
  form.emergency_reason = ConsumeField(fdp, 64);
  form.windows_told.resize(fdp.ConsumeIntegralInRange<size_t>(0, 60));
  for (std::string& window : form.windows_told) window = ConsumeField(fdp, 16);
  const cs::common::Period notice_period{
      static_cast<cs::common::PeriodUnit>(fdp.ConsumeIntegralInRange<int>(0, 6)),
      fdp.ConsumeBool() ? 72 : fdp.ConsumeIntegral<int64_t>()};
  form.description = fdp.ConsumeRemainingBytesAsString();

  const bool form_valid = cs::assessment::ValidateMaintenanceForm(form, now).empty();
  const absl::StatusOr<cs::assessment::MaintenanceNotice> notice =
      cs::assessment::FileMaintenance(form, "fuzz", now, notice_period);
  cs::fuzz::RequireOkOrInvalidArgument(notice.status(), "FileMaintenance");
  if (!notice.ok()) return 0;
  cs::fuzz::Require(form_valid, "FileMaintenance filed a form ValidateMaintenanceForm refuses");
  cs::fuzz::Require(notice->state == cs::assessment::MaintenanceState::kFiled, "filed as FILED");
  cs::fuzz::Require(notice->notice_lead == form.starts_at - form.users_notified_at,
                    "the lead is measured from the users' notice to the start");
  cs::fuzz::Require(notice->late == cs::assessment::IsLateNotice(notice->notice_lead,
                                                                 form.emergency, notice_period),
                    "late as IsLateNotice says");
  cs::fuzz::Require(notice->late_finding.has_value() == notice->late,
                    "a late finding exactly when late");
  return 0;
}
