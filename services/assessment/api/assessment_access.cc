#include "services/assessment/api/assessment_access.h"

#include <vector>

namespace cs::assessment {

const common::AccessTable& AssessmentAccessTable() {
  using common::Role;
  using common::UnitScope;
  static const auto* const kTable = [] {
    // The readers of notices, maintenance notices and scorecards: the department-wide roles every
    // unit's, a unit's own roles (the designated unit's too) their unit's. Surveys and partners
    // have their own readers (record_core.h): not the designated unit.
    const std::vector<Role> readers = {Role::kCsCenter,    Role::kDesignatedUnit, Role::kUnitStaff,
                                       Role::kUnitManager, Role::kOffice,         Role::kService};
    const std::vector<Role> record_readers = {Role::kCsCenter, Role::kUnitStaff, Role::kUnitManager,
                                              Role::kOffice, Role::kService};
    // Who acts for a unit on its own records: its staff and its manager.
    const std::vector<Role> unit_actors = {Role::kUnitStaff, Role::kUnitManager};
    return new common::AccessTable(
        "cs.assessment.v1.AssessmentService",
        {
            {"IssueRectificationNotice", {Role::kCsCenter}, UnitScope::kRoleOnly, ""},
            {"AcknowledgeNotice", unit_actors, UnitScope::kOwnUnit, ""},
            {"ReplyToNotice",
             {Role::kUnitManager},
             UnitScope::kOwnUnit,
             "signed by the manager (M 7.13): a caller without a user name is refused"},
            {"VerifyRectification", {Role::kCsCenter}, UnitScope::kRoleOnly, ""},
            {"GetRectificationNotice", readers, UnitScope::kOwnUnit, ""},
            {"ListRectificationNotices", readers, UnitScope::kOwnUnit, ""},
            {"RenderRectificationNotice", readers, UnitScope::kOwnUnit, ""},
            {"FileMaintenanceNotice", unit_actors, UnitScope::kOwnUnit, ""},
            {"RecordSuperiorApproval", {Role::kCsCenter}, UnitScope::kRoleOnly, ""},
            {"RaiseNoticeFromFinding", {Role::kCsCenter}, UnitScope::kRoleOnly, ""},
            {"ListMaintenanceNotices", readers, UnitScope::kOwnUnit, ""},
            {"SubmitLaunchReview", unit_actors, UnitScope::kOwnUnit, ""},
            {"AcceptLaunchReview", {Role::kCsCenter}, UnitScope::kRoleOnly, ""},
            {"RecordWindowTraining", {Role::kCsCenter}, UnitScope::kRoleOnly, ""},
            {"RecordLaunch", unit_actors, UnitScope::kOwnUnit, ""},
            {"RecordSurvey", unit_actors, UnitScope::kOwnUnit, ""},
            {"ListSurveys", record_readers, UnitScope::kOwnUnit, ""},
            {"RegisterPartner", unit_actors, UnitScope::kOwnUnit, ""},
            {"ListPartners", record_readers, UnitScope::kOwnUnit, ""},
            {"AssignTask", {Role::kCsCenter}, UnitScope::kRoleOnly, ""},
            {"CompleteTask", {Role::kCsCenter}, UnitScope::kRoleOnly, ""},
            {"RecordAttendance", {Role::kCsCenter}, UnitScope::kRoleOnly, ""},
            {"ComputeScorecard", {Role::kCsCenter, Role::kService}, UnitScope::kRoleOnly, ""},
            {"GetScorecard", readers, UnitScope::kOwnUnit, ""},
            {"GetScorecardSummary", {Role::kCsCenter, Role::kOffice}, UnitScope::kRoleOnly, ""},
            {"RecordFeedback", {Role::kOffice}, UnitScope::kRoleOnly, ""},
        });
  }();
  return *kTable;
}

}  // namespace cs::assessment
