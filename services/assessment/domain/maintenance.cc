#include "services/assessment/domain/maintenance.h"

#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/error_reason.h"
#include "common/status/quoted_value.h"
#include "common/status/text_checks.h"

namespace cs::assessment {
namespace {

using common::FieldViolations;
using common::TextShape;
using internal::Instant;
using internal::Path;
using internal::RequiredText;

constexpr absl::string_view kClause = "M 7.6";
constexpr absl::string_view kApprovalClause = "M 7.6, 5.1.4";

void Record(MaintenanceNotice& notice, absl::Time at, absl::string_view actor,
            absl::string_view event, std::string detail) {
  internal::AppendHistory(notice.history, notice.updated_at, notice.version, at, actor, event,
                          std::move(detail));
}

bool KnownKind(MaintenanceKind kind) {
  return static_cast<int>(kind) >= static_cast<int>(MaintenanceKind::kLineRepair) &&
         static_cast<int>(kind) <= static_cast<int>(MaintenanceKind::kOther);
}

bool IsWallClock(const common::Period& period) {
  return period.unit == common::PeriodUnit::kWallMinutes ||
         period.unit == common::PeriodUnit::kWallHours;
}

absl::Duration WallDuration(const common::Period& period) {
  return period.unit == common::PeriodUnit::kWallMinutes ? absl::Minutes(period.amount)
                                                         : absl::Hours(period.amount);
}

std::string LeadText(absl::Duration lead) {
  const int64_t minutes = absl::ToInt64Minutes(lead);
  return absl::StrCat(minutes / 60, " h ", minutes % 60, " min");
}

std::string MaintenanceRef(const MaintenanceNotice& notice) {
  return notice.id > 0 ? FormatMaintenanceId(notice.id) : std::string("the maintenance notice");
}

}  // namespace

absl::string_view MaintenanceKindName(MaintenanceKind kind) {
  switch (kind) {
    case MaintenanceKind::kLineRepair:
      return "LINE_REPAIR";
    case MaintenanceKind::kEquipmentMove:
      return "EQUIPMENT_MOVE";
    case MaintenanceKind::kCutOver:
      return "CUT_OVER";
    case MaintenanceKind::kNetworkUpgrade:
      return "NETWORK_UPGRADE";
    case MaintenanceKind::kSoftwareUpgrade:
      return "SOFTWARE_UPGRADE";
    case MaintenanceKind::kOther:
      return "OTHER";
    case MaintenanceKind::kUnspecified:
      break;
  }
  return "UNSPECIFIED";
}

absl::string_view MaintenanceStateName(MaintenanceState state) {
  switch (state) {
    case MaintenanceState::kFiled:
      return "FILED";
    case MaintenanceState::kCancelled:
      return "CANCELLED";
    case MaintenanceState::kUnspecified:
      break;
  }
  return "UNSPECIFIED";
}

common::FieldViolations ValidateMaintenanceForm(const MaintenanceForm& form, absl::Time now,
                                                absl::string_view prefix) {
  FieldViolations violations;
  RequiredText(form.unit_id, Path(prefix, "unit_id"), FieldLimits::kName, TextShape::kOneLine,
               violations);
  if (form.kind == MaintenanceKind::kUnspecified) {
    violations.Add(Path(prefix, "kind"),
                   "is required: LINE_REPAIR, EQUIPMENT_MOVE, CUT_OVER, NETWORK_UPGRADE, "
                   "SOFTWARE_UPGRADE or OTHER");
  } else if (!KnownKind(form.kind)) {
    violations.Add(Path(prefix, "kind"),
                   "must be LINE_REPAIR, EQUIPMENT_MOVE, CUT_OVER, "
                   "NETWORK_UPGRADE, SOFTWARE_UPGRADE or OTHER");
  }
  RequiredText(form.description, Path(prefix, "description"), FieldLimits::kText,
               TextShape::kMultiLine, violations);
  const bool starts_ok = form.starts_at != absl::InfinitePast() &&
                         form.starts_at != absl::InfiniteFuture() &&
                         form.starts_at != absl::UnixEpoch();
  const bool ends_ok = form.ends_at != absl::InfinitePast() &&
                       form.ends_at != absl::InfiniteFuture() && form.ends_at != absl::UnixEpoch();
  if (!starts_ok) violations.Add(Path(prefix, "starts_at"), "is required: when the work starts");
  if (!ends_ok) {
    violations.Add(Path(prefix, "ends_at"), "is required: when the work ends");
  } else if (starts_ok && form.ends_at <= form.starts_at) {
    violations.Add(Path(prefix, "ends_at"),
                   absl::StrCat("must be after starts_at (", Instant(form.starts_at), "), not ",
                                Instant(form.ends_at)));
  }
  RequiredText(form.affected_users, Path(prefix, "affected_users"), FieldLimits::kShort,
               TextShape::kOneLine, violations);
  if (form.affected_user_count < 1) {
    violations.Add(Path(prefix, "affected_user_count"),
                   absl::StrCat("must be at least 1 (work that affects no user needs no notice), "
                                "not ",
                                form.affected_user_count));
  }
  const std::string windows_field = Path(prefix, "windows_told");
  if (form.windows_told.empty()) {
    violations.Add(windows_field,
                   "is required: the external windows told of the work, e.g. \"10000\" (M 7.6)");
  } else if (static_cast<int>(form.windows_told.size()) > FieldLimits::kMaxWindows) {
    violations.Add(windows_field,
                   absl::StrCat("names more than ", FieldLimits::kMaxWindows, " windows"));
  }
  absl::flat_hash_set<std::string> windows;
  for (size_t i = 0; i < form.windows_told.size(); ++i) {
    const std::string path = absl::StrCat(windows_field, "[", i, "]");
    const std::string& window = form.windows_told[i];
    if (common::IsBlankText(window)) {
      violations.Add(path, "is required: a unit id or window name, not blank");
      continue;
    }
    const size_t before = violations.violations().size();
    common::CheckText(window, path, FieldLimits::kName, TextShape::kOneLine, violations);
    if (violations.violations().size() == before && !windows.insert(window).second) {
      violations.Add(path, absl::StrCat("repeats ", common::QuotedValue(window)));
    }
  }
  const std::string notified_field = Path(prefix, "users_notified_at");
  if (form.users_notified_at == absl::InfinitePast() ||
      form.users_notified_at == absl::InfiniteFuture() ||
      form.users_notified_at == absl::UnixEpoch()) {
    violations.Add(notified_field, "is required: when the affected users were told");
  } else if (form.users_notified_at > now) {
    violations.Add(notified_field,
                   absl::StrCat("must not be in the future (", Instant(form.users_notified_at),
                                "): record when the users were told, once they are"));
  } else if (starts_ok && form.users_notified_at > form.starts_at) {
    violations.Add(notified_field,
                   absl::StrCat("must not be after starts_at (", Instant(form.starts_at), ")"));
  }
  if (form.emergency) {
    RequiredText(form.emergency_reason, Path(prefix, "emergency_reason"), FieldLimits::kText,
                 TextShape::kMultiLine, violations);
  } else {
    common::CheckText(form.emergency_reason, Path(prefix, "emergency_reason"), FieldLimits::kText,
                      TextShape::kMultiLine, violations);
  }
  return violations;
}

bool IsLateNotice(absl::Duration lead, bool emergency, const common::Period& planned_work_notice) {
  return !emergency && lead < WallDuration(planned_work_notice);
}

absl::StatusOr<MaintenanceNotice> FileMaintenance(MaintenanceForm form, absl::string_view actor,
                                                  absl::Time now,
                                                  const common::Period& planned_work_notice) {
  FieldViolations violations = ValidateMaintenanceForm(form, now);
  if (const absl::Status period = common::ValidatePeriod(planned_work_notice); !period.ok()) {
    violations.Add("planned_work_notice", std::string(period.message()));
  } else if (!IsWallClock(planned_work_notice)) {
    violations.Add("planned_work_notice",
                   absl::StrCat("must be wall-clock minutes or hours (M 7.6: 72 hours), not ",
                                common::PeriodToString(planned_work_notice)));
  }
  if (!violations.empty()) return violations.ToStatus("invalid maintenance notice");
  MaintenanceNotice notice;
  notice.state = MaintenanceState::kFiled;
  notice.filed_by = std::string(actor);
  notice.filed_at = now;
  notice.notice_lead = form.starts_at - form.users_notified_at;
  notice.late = IsLateNotice(notice.notice_lead, form.emergency, planned_work_notice);
  std::string detail =
      absl::StrCat(MaintenanceKindName(form.kind), " ", Instant(form.starts_at), "–",
                   Instant(form.ends_at), ", users told ", LeadText(notice.notice_lead), " ahead");
  if (form.emergency) {
    absl::StrAppend(&detail, ", emergency");
  } else if (notice.late) {
    absl::StrAppend(&detail, ", late: less than ", common::PeriodToString(planned_work_notice));
  }
  notice.form = std::move(form);
  if (notice.late) {
    Finding finding;
    finding.unit_id = notice.form.unit_id;
    finding.clause = std::string(kClause);
    finding.finding = absl::StrCat(
        "可预见的", MaintenanceKindName(notice.form.kind), "工作未在",
        common::PeriodToString(planned_work_notice), "以前告知所涉及的用户 (users told less than ",
        common::PeriodToString(planned_work_notice), " before the work, M 7.6)");
    finding.evidence =
        absl::StrCat("work starts ", Instant(notice.form.starts_at), "; users told ",
                     Instant(notice.form.users_notified_at), " (", LeadText(notice.notice_lead),
                     " ahead); affected: ", notice.form.affected_users, " (",
                     notice.form.affected_user_count, "); filed ", Instant(now), " by ", actor);
    finding.found_at = now;
    notice.late_finding = std::move(finding);
  }
  Record(notice, now, actor, "FILED", std::move(detail));
  return notice;
}

void AssignMaintenanceId(MaintenanceNotice& notice, int64_t id) {
  notice.id = id;
  if (notice.late_finding.has_value()) notice.late_finding->source_id = FormatMaintenanceId(id);
}

bool NeedsSuperiorApproval(const MaintenanceNotice& notice) {
  return notice.form.important_users_affected && !notice.form.emergency;
}

absl::Status ApproveBySuperior(MaintenanceNotice& notice, absl::string_view approved_by,
                               absl::Time approved_at, absl::string_view reference,
                               absl::string_view actor, absl::Time now) {
  FieldViolations violations;
  RequiredText(approved_by, "approved_by", FieldLimits::kName, TextShape::kOneLine, violations);
  RequiredText(reference, "reference", FieldLimits::kShort, TextShape::kOneLine, violations);
  if (approved_at == absl::InfinitePast() || approved_at == absl::InfiniteFuture() ||
      approved_at == absl::UnixEpoch()) {
    violations.Add("approved_at", "is required: when the superior approved");
  } else if (approved_at > now) {
    violations.Add("approved_at",
                   absl::StrCat("must not be in the future (", Instant(approved_at), ")"));
  }
  if (!violations.empty()) return violations.ToStatus("invalid superior approval");
  if (notice.state != MaintenanceState::kFiled) {
    return internal::StateForbids(absl::StrCat(MaintenanceRef(notice), " is ",
                                               MaintenanceStateName(notice.state),
                                               ": cannot record an approval (allowed when FILED)"));
  }
  if (notice.approval.has_value()) {
    FieldViolations already;
    already.Add("superior_approval",
                absl::StrCat("was already recorded: ", notice.approval->reference, " of ",
                             Instant(notice.approval->approved_at)));
    return already.ToStatus("already approved", absl::StatusCode::kFailedPrecondition,
                            common::reason::kStateForbidsChange);
  }
  if (!NeedsSuperiorApproval(notice)) {
    FieldViolations needless;
    needless.Add("superior_approval",
                 notice.form.emergency
                     ? "is not needed: emergency work is not foreseeable work (M 7.6)"
                     : "is not needed: the work affects no important users (M 7.6)");
    return needless.ToStatus("no approval needed", absl::StatusCode::kFailedPrecondition,
                             common::reason::kStateForbidsChange);
  }
  SuperiorApproval approval;
  approval.approved_by = std::string(approved_by);
  approval.approved_at = approved_at;
  approval.reference = std::string(reference);
  approval.recorded_by = std::string(actor);
  approval.recorded_at = now;
  notice.approval = std::move(approval);
  Record(notice, now, actor, "SUPERIOR_APPROVED",
         absl::StrCat(reference, " by ", approved_by, " at ", Instant(approved_at)));
  return absl::OkStatus();
}

absl::Status CheckMayStart(const MaintenanceNotice& notice, absl::Time now) {
  if (notice.state == MaintenanceState::kCancelled) {
    return internal::StateForbids(
        absl::StrCat(MaintenanceRef(notice), " is CANCELLED: the work may not start"));
  }
  if (!NeedsSuperiorApproval(notice) ||
      (notice.approval.has_value() && notice.approval->approved_at <= now)) {
    return absl::OkStatus();
  }
  FieldViolations missing;
  missing.Add("superior_approval",
              "is required before the work starts: it affects important users, and the superior "
              "must approve beforehand, recorded by the CS center (M 7.6, 5.1.4)");
  return missing.ToStatus(
      absl::StrCat(MaintenanceRef(notice), " may not start without the superior's approval"),
      absl::StatusCode::kFailedPrecondition, common::reason::kStateForbidsChange);
}

absl::Status CancelMaintenance(MaintenanceNotice& notice, absl::string_view reason,
                               absl::string_view actor, absl::Time now) {
  FieldViolations violations;
  RequiredText(reason, "reason", FieldLimits::kText, TextShape::kMultiLine, violations);
  if (!violations.empty()) return violations.ToStatus("invalid cancellation");
  if (notice.state != MaintenanceState::kFiled) {
    return internal::StateForbids(absl::StrCat(MaintenanceRef(notice), " is ",
                                               MaintenanceStateName(notice.state),
                                               ": cannot cancel it (allowed when FILED)"));
  }
  if (now >= notice.form.starts_at) {
    return internal::StateForbids(absl::StrCat(MaintenanceRef(notice), " started at ",
                                               Instant(notice.form.starts_at),
                                               ": cannot cancel work that has begun"));
  }
  notice.state = MaintenanceState::kCancelled;
  notice.cancelled_at = now;
  notice.cancel_reason = std::string(reason);
  Record(notice, now, actor, "CANCELLED", std::string(reason));
  return absl::OkStatus();
}

bool StartedWithoutApproval(const MaintenanceNotice& notice, absl::Time as_of) {
  if (notice.state == MaintenanceState::kCancelled || !NeedsSuperiorApproval(notice)) return false;
  if (notice.form.starts_at > as_of) return false;
  return !notice.approval.has_value() || notice.approval->approved_at > notice.form.starts_at;
}

absl::optional<Finding> ApprovalFinding(const MaintenanceNotice& notice, absl::Time as_of) {
  if (!StartedWithoutApproval(notice, as_of)) return absl::nullopt;
  Finding finding;
  finding.unit_id = notice.form.unit_id;
  finding.source_id = notice.id > 0 ? FormatMaintenanceId(notice.id) : "";
  finding.clause = std::string(kApprovalClause);
  finding.finding =
      "影响重要用户使用的工作未事先报上级主管部门批准 (work affecting important users started "
      "without the superior's prior approval, M 7.6)";
  finding.evidence = absl::StrCat(
      "work started ", Instant(notice.form.starts_at), "; ",
      notice.approval.has_value() ? absl::StrCat("approval ", notice.approval->reference, " dated ",
                                                 Instant(notice.approval->approved_at))
                                  : std::string("no approval recorded"),
      "; affected: ", notice.form.affected_users);
  finding.found_at = notice.form.starts_at;
  return finding;
}

}  // namespace cs::assessment
