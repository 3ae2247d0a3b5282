#include "services/archive/api/archive_access.h"

namespace cs::archive {

const common::AccessTable& ArchiveAccessTable() {
  using common::Role;
  using common::UnitScope;
  static const auto* const kTable = new common::AccessTable(
      "cs.archive.v1.ArchiveService",
      {
          {"ArchiveRecord", {Role::kService}, UnitScope::kRoleOnly, "intake sends closed tickets"},
          {"CorrectRecord", {Role::kCsCenter, Role::kUnitManager}, UnitScope::kOwnUnit, ""},
          {"GetRecord",
           {Role::kCsCenter, Role::kUnitStaff, Role::kUnitManager, Role::kArchivist},
           UnitScope::kOwnUnit,
           "access-logged (V3), refused reads too"},
          {"SearchRecords",
           {Role::kCsCenter, Role::kUnitStaff, Role::kUnitManager, Role::kArchivist},
           UnitScope::kOwnUnit,
           "access-logged (V3), refused reads too"},
          {"ExportRecordForm",
           {Role::kCsCenter, Role::kUnitStaff, Role::kUnitManager, Role::kArchivist},
           UnitScope::kOwnUnit,
           "access-logged (V3), refused reads too"},
          {"ExportMonthCsv",
           {Role::kCsCenter, Role::kUnitStaff, Role::kUnitManager, Role::kArchivist},
           UnitScope::kOwnUnit,
           "access-logged (V3), refused reads too"},
          {"ListAccessLog",
           {Role::kCsCenter},
           UnitScope::kRoleOnly,
           "access-logged (V3), refused reads too"},
          {"SetLegalHold", {Role::kCsCenter}, UnitScope::kRoleOnly, ""},
          {"ListDueForDestruction",
           {Role::kCsCenter, Role::kArchivist},
           UnitScope::kOwnUnit,
           "access-logged (V3), refused reads too"},
          {"DestroyRecord",
           {Role::kArchivist},
           UnitScope::kOwnUnit,
           "the archivist of the record's unit"},
          {"GetRetentionPolicy",
           {Role::kCsCenter, Role::kDesignatedUnit, Role::kUnitStaff, Role::kUnitManager,
            Role::kArchivist, Role::kOffice, Role::kService},
           UnitScope::kRoleOnly,
           "policies hold no personal data"},
          {"SetUnitRetention", {Role::kCsCenter}, UnitScope::kRoleOnly, ""},
          {"GetMonthlyStatistics",
           {Role::kCsCenter, Role::kOffice, Role::kService, Role::kUnitStaff, Role::kUnitManager,
            Role::kArchivist, Role::kDesignatedUnit},
           UnitScope::kOwnUnit,
           ""},
          {"SubmitMonthlyReport", {Role::kUnitStaff, Role::kUnitManager}, UnitScope::kOwnUnit, ""},
          {"ListMonthlyReports",
           {Role::kCsCenter, Role::kOffice, Role::kService, Role::kUnitStaff, Role::kUnitManager,
            Role::kArchivist, Role::kDesignatedUnit},
           UnitScope::kOwnUnit,
           ""},
          {"GetArchiveCompleteness",
           {Role::kCsCenter, Role::kOffice, Role::kService, Role::kArchivist, Role::kUnitManager},
           UnitScope::kOwnUnit,
           ""},
      });
  return *kTable;
}

}  // namespace cs::archive
