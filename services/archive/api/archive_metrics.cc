#include "services/archive/api/archive_metrics.h"

#include <exception>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status/status_macros.h"

namespace cs::archive {

absl::StatusOr<std::unique_ptr<ArchiveMetrics>> ArchiveMetrics::Create(
    prometheus::Registry& registry, const common::UnitDirectory& units) {
  std::unique_ptr<ArchiveMetrics> m(new ArchiveMetrics());
  try {
    m->archived_ = &prometheus::BuildCounter()
                        .Name("cs_archive_records_archived_total")
                        .Help("Closed records archived (SPEC V1); a redelivery is not counted")
                        .Register(registry);
    m->versions_ = &prometheus::BuildCounter()
                        .Name("cs_archive_record_versions_total")
                        .Help("New versions of archived records (corrections keep the old ones)")
                        .Register(registry);
    m->reads_ = &prometheus::BuildCounter()
                     .Name("cs_archive_reads_total")
                     .Help(
                         "Reads, searches and exports of the archive by role, each logged "
                         "(SPEC V3); outcome GRANTED, DENIED or REFUSED")
                     .Register(registry);
    m->destroyed_ = &prometheus::BuildCounter()
                         .Name("cs_archive_records_destroyed_total")
                         .Help(
                             "Records whose personal content was destroyed after retention "
                             "(SPEC V4)")
                         .Register(registry);
    m->late_ = &prometheus::BuildCounter()
                    .Name("cs_archive_monthly_reports_late_total")
                    .Help(
                        "Monthly reports submitted after their due working day, or never "
                        "submitted by it (A1 7.4.1)")
                    .Register(registry);
    m->append_only_ = &prometheus::BuildGauge()
                           .Name("cs_archive_access_log_append_only")
                           .Help(
                               "1 when the service's database account can neither UPDATE nor "
                               "DELETE the access log (SPEC V3); 0 is an alert")
                           .Register(registry)
                           .Add({});
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("cannot register archive metrics: ", e.what()));
  }
  ASSIGN_OR_RETURN(m->due_, common::GaugeSeries::Create(
                                registry, "cs_archive_records_due_for_destruction",
                                "Records whose retention expired, not held and not destroyed "
                                "(SPEC V4: listed for the archivist, never destroyed "
                                "automatically)",
                                {"unit"}));
  ASSIGN_OR_RETURN(common::DeadlineCounter deadlines,
                   common::DeadlineCounter::Create(
                       registry, "cs_archive_monthly_report_deadlines_total",
                       "Monthly reports on the previous month submitted by their due working "
                       "day (met) or not (missed), once per unit and month (A1 7.4.1)",
                       {"unit"}));
  m->report_deadlines_ = std::make_unique<common::DeadlineCounter>(std::move(deadlines));
  // Every unit: the sweep counts the misses of all but the CS center, and the staff of any unit may
  // submit their unit's report.
  std::vector<std::string> unit_ids;
  for (const common::UnitInfo& unit : units.units()) unit_ids.push_back(unit.id);
  RETURN_IF_ERROR(m->report_deadlines_->InitializeSeries({unit_ids}));
  RETURN_IF_ERROR(common::InitializeCounters(*m->late_, {"unit"}, {unit_ids}));
  // The dashboards take rate() of these: each series exists at 0 so its first event is seen.
  for (prometheus::Family<prometheus::Counter>* per_unit :
       {m->archived_, m->versions_, m->destroyed_}) {
    RETURN_IF_ERROR(common::InitializeCounters(*per_unit, {"unit"}, {unit_ids}));
  }
  std::vector<std::string> roles;
  for (common::Role role : common::kAllRoles) roles.push_back(std::string(common::RoleName(role)));
  std::vector<std::string> actions;
  for (AccessAction action : {AccessAction::kGetRecord, AccessAction::kSearchRecords,
                              AccessAction::kExportForm, AccessAction::kExportCsv,
                              AccessAction::kListDueForDestruction, AccessAction::kListAccessLog}) {
    actions.push_back(std::string(AccessActionName(action)));
  }
  std::vector<std::string> outcomes;
  for (AccessOutcome outcome :
       {AccessOutcome::kGranted, AccessOutcome::kDenied, AccessOutcome::kRefused}) {
    outcomes.push_back(std::string(AccessOutcomeName(outcome)));
  }
  RETURN_IF_ERROR(common::InitializeCounters(*m->reads_, {"role", "action", "outcome"},
                                             {roles, actions, outcomes}));
  return m;
}

void ArchiveMetrics::RecordArchived(absl::string_view unit_id) {
  archived_->Add({{"unit", std::string(unit_id)}}).Increment();
}

void ArchiveMetrics::RecordVersioned(absl::string_view unit_id) {
  versions_->Add({{"unit", std::string(unit_id)}}).Increment();
}

void ArchiveMetrics::RecordRead(common::Role role, AccessAction action, AccessOutcome outcome) {
  reads_
      ->Add({{"role", common::RoleName(role)},
             {"action", std::string(AccessActionName(action))},
             {"outcome", std::string(AccessOutcomeName(outcome))}})
      .Increment();
}

void ArchiveMetrics::DueForDestruction(const std::vector<UnitCount>& counts) {
  std::vector<std::pair<std::vector<std::string>, double>> snapshot;
  for (const UnitCount& count : counts) {
    snapshot.push_back({{count.unit_id}, static_cast<double>(count.count)});
  }
  due_->SetAll(snapshot);
}

void ArchiveMetrics::RecordDestroyed(absl::string_view unit_id) {
  destroyed_->Add({{"unit", std::string(unit_id)}}).Increment();
}

void ArchiveMetrics::MonthlyReportDeadline(absl::string_view unit_id, bool met) {
  report_deadlines_->Record(met, {std::string(unit_id)});
  if (!met) late_->Add({{"unit", std::string(unit_id)}}).Increment();
}

void ArchiveMetrics::SetAccessLogAppendOnly(bool append_only) {
  append_only_->Set(append_only ? 1 : 0);
}

}  // namespace cs::archive
