#include "common/config/sla_targets_file.h"

#include <cstdint>
#include <limits>

#include "absl/strings/str_cat.h"
#include "common/config/config_file.h"
#include "common/status/status_macros.h"
#include "common/time/period_config.h"

namespace cs::common::config {
namespace {

using cs::config::v1::SlaTargets;

cs::config::v1::Period WorkingHours(int64_t n) {
  cs::config::v1::Period p;
  p.set_working_hours(n);
  return p;
}
cs::config::v1::Period WorkingDays(int64_t n) {
  cs::config::v1::Period p;
  p.set_working_days(n);
  return p;
}
cs::config::v1::Period WallMinutes(int64_t n) {
  cs::config::v1::Period p;
  p.set_wall_minutes(n);
  return p;
}
cs::config::v1::Period WallHours(int64_t n) {
  cs::config::v1::Period p;
  p.set_wall_hours(n);
  return p;
}
cs::config::v1::Period Months(int64_t n) {
  cs::config::v1::Period p;
  p.set_months(n);
  return p;
}
cs::config::v1::Period Years(int64_t n) {
  cs::config::v1::Period p;
  p.set_years(n);
  return p;
}

// A period as a count of the smallest unit of its family, so two periods of one family compare.
enum class Family { kWorkingTime, kWorkingDays, kCalendarMonths, kWallTime, kNone };
struct Measure {
  Family family = Family::kNone;
  int64_t amount = 0;
};
// `n` × `factor` (factor > 0), held at the int64 limits: a file may say `years:
// 2555555555555555555`, which the period check refuses on its own; the comparison with the seed
// must not overflow first.
int64_t Scaled(int64_t n, int64_t factor) {
  if (n > std::numeric_limits<int64_t>::max() / factor) return std::numeric_limits<int64_t>::max();
  if (n < std::numeric_limits<int64_t>::min() / factor) return std::numeric_limits<int64_t>::min();
  return n * factor;
}

Measure MeasureOf(const cs::config::v1::Period& p) {
  switch (p.length_case()) {
    case cs::config::v1::Period::kWorkingMinutes:
      return {Family::kWorkingTime, p.working_minutes()};
    case cs::config::v1::Period::kWorkingHours:
      return {Family::kWorkingTime, Scaled(p.working_hours(), 60)};
    case cs::config::v1::Period::kWorkingDays:
      return {Family::kWorkingDays, p.working_days()};
    case cs::config::v1::Period::kMonths:
      return {Family::kCalendarMonths, p.months()};
    case cs::config::v1::Period::kYears:
      return {Family::kCalendarMonths, Scaled(p.years(), 12)};
    case cs::config::v1::Period::kWallMinutes:
      return {Family::kWallTime, p.wall_minutes()};
    case cs::config::v1::Period::kWallHours:
      return {Family::kWallTime, Scaled(p.wall_hours(), 60)};
    case cs::config::v1::Period::LENGTH_NOT_SET:
      break;
  }
  return {};
}

// `field` must be at most (`at_most`) or at least the seed's figure `law`, in the same family.
void CheckAgainstSeed(const cs::config::v1::Period& value, const cs::config::v1::Period& law,
                      bool at_most, absl::string_view field, absl::string_view clause,
                      FieldViolations& violations) {
  const Measure got = MeasureOf(value);
  const Measure limit = MeasureOf(law);
  if (got.family == Family::kNone) return;  // reported by the period check
  if (got.family != limit.family) {
    violations.Add(std::string(field),
                   absl::StrCat("must be counted like the seed's figure (", clause, ")"));
    return;
  }
  if (at_most ? got.amount > limit.amount : got.amount < limit.amount) {
    violations.Add(std::string(field),
                   absl::StrCat(at_most ? "may not be longer than" : "may not be shorter than",
                                " the seed's figure (", clause, ")"));
  }
}

void CheckPeriod(const cs::config::v1::Period& period, absl::string_view field,
                 FieldViolations& violations) {
  violations.Merge(ValidatePeriodProto(period), field);
}

}  // namespace

SlaTargets WithDefaults(SlaTargets t) {
  if (!t.has_forward_confirmation()) *t.mutable_forward_confirmation() = WorkingHours(1);
  if (!t.has_special_request_confirmation()) {
    *t.mutable_special_request_confirmation() = WallMinutes(15);
  }
  if (t.internal_dispatch_handling_size() == 0) {
    struct Default {
      cs::common::v1::TicketKind kind;
      int64_t days;
    };
    for (const Default& d : {Default{cs::common::v1::TICKET_KIND_CONSULTATION, 2},
                             Default{cs::common::v1::TICKET_KIND_COMPLAINT, 5},
                             Default{cs::common::v1::TICKET_KIND_FAULT_REPORT, 1}}) {
      auto* target = t.add_internal_dispatch_handling();
      target->set_kind(d.kind);
      *target->mutable_handling() = WorkingDays(d.days);
    }
  }
  if (!t.has_telecom_escalation_acknowledgement()) {
    *t.mutable_telecom_escalation_acknowledgement() = WorkingDays(1);
  }
  if (!t.has_overdue_reminder_interval()) *t.mutable_overdue_reminder_interval() = WorkingHours(4);
  if (!t.has_rectification()) *t.mutable_rectification() = WorkingDays(5);
  if (!t.has_planned_work_notice()) *t.mutable_planned_work_notice() = WallHours(72);
  if (!t.has_old_number_transfer()) *t.mutable_old_number_transfer() = Months(3);
  if (!t.has_archive_retention()) *t.mutable_archive_retention() = Years(2);
  if (!t.has_channel_fault_repair()) *t.mutable_channel_fault_repair() = WallHours(24);
  if (t.monthly_report_due_working_day() == 0) t.set_monthly_report_due_working_day(5);
  if (t.hotline_connection_rate_percent() == 0) t.set_hotline_connection_rate_percent(80);
  return t;
}

FieldViolations ValidateSlaTargets(const SlaTargets& t) {
  FieldViolations v;
  CheckPeriod(t.forward_confirmation(), "forward_confirmation", v);
  CheckPeriod(t.special_request_confirmation(), "special_request_confirmation", v);
  for (int i = 0; i < t.internal_dispatch_handling_size(); ++i) {
    const auto& target = t.internal_dispatch_handling(i);
    const std::string field = absl::StrCat("internal_dispatch_handling[", i, "]");
    if (target.kind() == cs::common::v1::TICKET_KIND_UNSPECIFIED ||
        !cs::common::v1::TicketKind_IsValid(target.kind())) {
      v.Add(absl::StrCat(field, ".kind"), "must be a ticket kind");
    }
    for (int j = 0; j < i; ++j) {
      if (t.internal_dispatch_handling(j).kind() == target.kind()) {
        v.Add(absl::StrCat(field, ".kind"), "is listed twice");
      }
    }
    CheckPeriod(target.handling(), absl::StrCat(field, ".handling"), v);
  }
  CheckPeriod(t.telecom_escalation_acknowledgement(), "telecom_escalation_acknowledgement", v);
  CheckPeriod(t.overdue_reminder_interval(), "overdue_reminder_interval", v);
  CheckPeriod(t.rectification(), "rectification", v);
  CheckPeriod(t.planned_work_notice(), "planned_work_notice", v);
  CheckPeriod(t.old_number_transfer(), "old_number_transfer", v);
  CheckPeriod(t.archive_retention(), "archive_retention", v);
  CheckPeriod(t.channel_fault_repair(), "channel_fault_repair", v);
  for (int i = 0; i < t.channel_fault_repair_by_kind_size(); ++i) {
    const auto& target = t.channel_fault_repair_by_kind(i);
    const std::string field = absl::StrCat("channel_fault_repair_by_kind[", i, "]");
    if (target.kind() == cs::common::v1::CHANNEL_UNSPECIFIED ||
        !cs::common::v1::Channel_IsValid(target.kind())) {
      v.Add(absl::StrCat(field, ".kind"), "must be a channel kind");
    }
    for (int j = 0; j < i; ++j) {
      if (t.channel_fault_repair_by_kind(j).kind() == target.kind()) {
        v.Add(absl::StrCat(field, ".kind"), "is listed twice");
      }
    }
    CheckPeriod(target.repair(), absl::StrCat(field, ".repair"), v);
  }

  CheckAgainstSeed(t.forward_confirmation(), WorkingHours(1), true, "forward_confirmation",
                   "A5 6.3: at most 1 working hour", v);
  // "Immediately" has no figure; anything past an hour, however counted, is not immediate.
  if (const Measure special = MeasureOf(t.special_request_confirmation());
      special.family != Family::kNone &&
      ((special.family != Family::kWallTime && special.family != Family::kWorkingTime) ||
       special.amount > 60)) {
    v.Add("special_request_confirmation",
          "must be at most 60 minutes or working minutes (A5 6.3: immediately)");
  }
  CheckAgainstSeed(t.rectification(), WorkingDays(5), true, "rectification",
                   "M 7.13: at most 5 working days", v);
  CheckAgainstSeed(t.planned_work_notice(), WallHours(72), false, "planned_work_notice",
                   "M 7.6: at least 72 hours", v);
  CheckAgainstSeed(t.old_number_transfer(), Months(3), false, "old_number_transfer",
                   "A2 7.2: at least 3 months", v);
  CheckAgainstSeed(t.archive_retention(), Years(2), false, "archive_retention",
                   "A1 7.3.1: at least 2 years", v);
  if (t.monthly_report_due_working_day() < 1 || t.monthly_report_due_working_day() > 20) {
    v.Add("monthly_report_due_working_day", "must be a working day of the month, 1 to 20");
  }
  if (t.hotline_connection_rate_percent() < 80 || t.hotline_connection_rate_percent() > 100) {
    v.Add("hotline_connection_rate_percent", "must be 80 to 100 (A2 7.5: at least 80%)");
  }
  return v;
}

absl::StatusOr<SlaTargets> LoadSlaTargets(const std::string& path) {
  // Validate what the services will use: the file's values with defaults for the rest. Field paths
  // are the same, so a loosened figure still points at its line.
  ASSIGN_OR_RETURN(SlaTargets file, LoadConfigFile<SlaTargets>(path, [](const SlaTargets& t) {
                     return ValidateSlaTargets(WithDefaults(t));
                   }));
  return WithDefaults(std::move(file));
}

absl::StatusOr<Period> HandlingPeriodFor(const SlaTargets& targets,
                                         cs::common::v1::TicketKind kind) {
  for (const auto& target : targets.internal_dispatch_handling()) {
    if (target.kind() == kind) return PeriodFromProto(target.handling());
  }
  return absl::NotFoundError(absl::StrCat("no internal_dispatch_handling target for ",
                                          cs::common::v1::TicketKind_Name(kind)));
}

absl::StatusOr<Period> FaultRepairPeriodFor(const SlaTargets& targets,
                                            cs::common::v1::Channel kind) {
  for (const auto& target : targets.channel_fault_repair_by_kind()) {
    if (target.kind() == kind) return PeriodFromProto(target.repair());
  }
  return PeriodFromProto(targets.channel_fault_repair());
}

}  // namespace cs::common::config
