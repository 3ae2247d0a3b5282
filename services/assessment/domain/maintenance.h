// A maintenance notice (SPEC S2; M 7.6, 5.1.4): foreseeable work of a unit that affects users —
// line repair, equipment moves, cut-overs, network or software upgrades — filed with what, when,
// which users, whether important users are affected, which external windows were told (the
// telecom company's 10000 among them) and when the users were told. Users must be told at least the
// `planned_work_notice` period (72 wall-clock hours) before the start: a filing with less lead is
// recorded late and raises a Finding the CS center can turn into a rectification notice in one call
// (rectification.h: IssueNotice(DraftFromFinding(*notice.late_finding), …)). Emergency work (not
// foreseeable) is marked so and is never late. Work affecting important users needs the superior's
// approval beforehand, recorded by the CS center, the department's one interface to superiors
// (M 5.1.4): until then it may not start (CheckMayStart).
//
// Pure functions over plain values: the caller loads and stores them, allocates ids ("MN-<n>"),
// decides who may act (the unit files and cancels; CS_CENTER approves), checks that the unit and
// the windows are known (units.textproto) and takes the period from the SLA targets. Whether
// "10000" must be among the windows is the caller's rule too (it knows the designated telecom
// window); here at least one window is required. Thread-compatible.
//
// States: FILED -(ApproveBySuperior)-> FILED with approval; FILED -(CancelMaintenance, before the
// start)-> CANCELLED. History events: FILED, SUPERIOR_APPROVED, CANCELLED.
// Errors: INVALID_ARGUMENT names every bad field (paths "form.ends_at", …); FAILED_PRECONDITION
// (reason STATE_FORBIDS_CHANGE) names the state or the missing approval ("superior_approval").
#ifndef CS_SERVICES_ASSESSMENT_DOMAIN_MAINTENANCE_H_
#define CS_SERVICES_ASSESSMENT_DOMAIN_MAINTENANCE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/status/field_violations.h"
#include "common/time/deadline.h"
#include "services/assessment/domain/records.h"

namespace cs::assessment {

enum class MaintenanceKind {
  kUnspecified = 0,
  kLineRepair = 1,       // 检修线路
  kEquipmentMove = 2,    // 设备搬迁
  kCutOver = 3,          // 工程割接
  kNetworkUpgrade = 4,   // 网络升级
  kSoftwareUpgrade = 5,  // 软件升级
  kOther = 6,            // 其他可预见的原因
};

enum class MaintenanceState {
  kUnspecified = 0,
  kFiled = 1,
  kCancelled = 2,
};

// What the unit files.
struct MaintenanceForm {
  std::string unit_id;
  MaintenanceKind kind = MaintenanceKind::kUnspecified;
  std::string description;
  absl::Time starts_at;
  absl::Time ends_at;
  std::string affected_users;  // which users, in words ("浦东新区 ADSL 用户")
  int64_t affected_user_count = 0;
  bool important_users_affected = false;
  // The external windows told: unit ids or window names ("10000").
  std::vector<std::string> windows_told;
  absl::Time users_notified_at;  // when the users were told
  bool emergency = false;        // not foreseeable: the 72-hour rule does not apply
  std::string emergency_reason;  // required when emergency

  friend bool operator==(const MaintenanceForm&, const MaintenanceForm&) = default;
};

// The superior's approval (事先报上级主管部门批准), as the CS center records it.
struct SuperiorApproval {
  std::string approved_by;  // the superior authority that approved (上级主管部门)
  absl::Time approved_at;   // when the superior approved
  std::string reference;    // the superior's document or reference number
  std::string recorded_by;  // the CS center staff who recorded it
  absl::Time recorded_at;

  friend bool operator==(const SuperiorApproval&, const SuperiorApproval&) = default;
};

struct MaintenanceNotice {
  int64_t id = 0;  // shown as "MN-<id>"
  MaintenanceForm form;
  MaintenanceState state = MaintenanceState::kUnspecified;
  std::string filed_by;
  absl::Time filed_at;
  absl::Duration notice_lead;  // starts_at - users_notified_at
  bool late = false;           // !emergency && notice_lead < the planned_work_notice period
  absl::optional<Finding> late_finding;  // set exactly when late
  absl::optional<SuperiorApproval> approval;
  absl::optional<absl::Time> cancelled_at;
  std::string cancel_reason;
  std::vector<HistoryEntry> history;
  absl::Time updated_at;
  int64_t version = 0;

  friend bool operator==(const MaintenanceNotice&, const MaintenanceNotice&) = default;
};

// "LINE_REPAIR", "EQUIPMENT_MOVE", …; "UNSPECIFIED" for a value outside the enum.
absl::string_view MaintenanceKindName(MaintenanceKind kind);
absl::string_view MaintenanceStateName(MaintenanceState state);

// Every problem of a form, each naming its field under `prefix`: unit_id and description required;
// kind known; starts_at and ends_at finite with ends_at after starts_at; affected_users required,
// affected_user_count >= 1; windows_told at least one (at most FieldLimits::kMaxWindows), none
// blank or twice; users_notified_at finite, not after starts_at and not after `now` (the users
// were told, not will be); emergency_reason required when emergency.
common::FieldViolations ValidateMaintenanceForm(const MaintenanceForm& form, absl::Time now,
                                                absl::string_view prefix = "form");

// Whether work told `lead` ahead of its start is late: !emergency && lead < the period. Exactly
// 72 h is on time; 72 h minus a tick is late. `planned_work_notice` must be a wall-clock period
// (minutes or hours): the rule counts real time, not working time.
bool IsLateNotice(absl::Duration lead, bool emergency, const common::Period& planned_work_notice);

// The notice the unit files: FILED, filed_by/at, notice_lead, late and its Finding (clause
// "M 7.6"), history FILED, version 1; id 0 (the store assigns it; the finding's source_id is set
// by AssignMaintenanceId). INVALID_ARGUMENT naming every bad field, or "planned_work_notice" when
// the period is not a valid wall-clock period.
absl::StatusOr<MaintenanceNotice> FileMaintenance(MaintenanceForm form, absl::string_view actor,
                                                  absl::Time now,
                                                  const common::Period& planned_work_notice);

// Sets the id the store allocated, and the late finding's source_id ("MN-<id>").
void AssignMaintenanceId(MaintenanceNotice& notice, int64_t id);

// Whether the work needs the superior's approval before it starts: important users affected and
// not emergency work (M 7.6 speaks of foreseeable work).
bool NeedsSuperiorApproval(const MaintenanceNotice& notice);

// The CS center (`actor`) records the superior's approval; history SUPERIOR_APPROVED.
// INVALID_ARGUMENT naming approved_by, reference (required) or approved_at (finite, not after
// `now`); FAILED_PRECONDITION when CANCELLED, when already approved, or when the work needs no
// approval (named "superior_approval").
absl::Status ApproveBySuperior(MaintenanceNotice& notice, absl::string_view approved_by,
                               absl::Time approved_at, absl::string_view reference,
                               absl::string_view actor, absl::Time now);

// OK when the work may start at `now`; FAILED_PRECONDITION naming "superior_approval" when it
// needs approval and has none; FAILED_PRECONDITION (STATE_FORBIDS_CHANGE) when cancelled.
absl::Status CheckMayStart(const MaintenanceNotice& notice, absl::Time now);

// The unit calls the work off before it starts: FILED -> CANCELLED. INVALID_ARGUMENT naming
// "reason"; FAILED_PRECONDITION when CANCELLED or at/after starts_at (the work began; a finding
// stays).
absl::Status CancelMaintenance(MaintenanceNotice& notice, absl::string_view reason,
                               absl::string_view actor, absl::Time now);

// Work that needed the superior's approval and, at `as_of`, has started (starts_at <= as_of)
// without one recorded as approved at or before starts_at; never for a cancelled notice.
bool StartedWithoutApproval(const MaintenanceNotice& notice, absl::Time as_of);

// The Finding for StartedWithoutApproval (clause "M 7.6, 5.1.4"); nullopt when it is not.
absl::optional<Finding> ApprovalFinding(const MaintenanceNotice& notice, absl::Time as_of);

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_DOMAIN_MAINTENANCE_H_
