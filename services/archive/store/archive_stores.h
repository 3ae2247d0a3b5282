// The four store interfaces of the archive, one per aggregate, as ArchiveCore takes them: records
// (record_store.h), the access log (access_log_store.h), retention overrides (retention_store.h),
// monthly statistics and reports (monthly_report_store.h). Deployed: MySqlArchiveStores; in the
// core's unit tests: one InMemoryArchiveStore for records, access log and reports (they share its
// lock, as V3 and V5 need) and an InMemoryRetentionStore. The references must outlive the holder.
#ifndef CS_SERVICES_ARCHIVE_STORE_ARCHIVE_STORES_H_
#define CS_SERVICES_ARCHIVE_STORE_ARCHIVE_STORES_H_

#include "services/archive/store/access_log_store.h"
#include "services/archive/store/monthly_report_store.h"
#include "services/archive/store/record_store.h"
#include "services/archive/store/retention_store.h"

namespace cs::archive {

struct ArchiveStores {
  RecordStore& records;
  AccessLogStore& access_log;
  RetentionStore& retention;
  MonthlyReportStore& monthly_reports;
};

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_STORE_ARCHIVE_STORES_H_
