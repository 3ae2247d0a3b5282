// The hotline registry's four store interfaces, one per aggregate, as the core takes them: hotlines
// and notices (hotline_store.h), call records (call_record_store.h), staff and rosters
// (staff_store.h), operating reports and phrase scores (report_store.h). Deployed:
// MySqlHotlineStores; in the core's unit tests: InMemoryHotlineStores. No transaction spans two of
// them. The references must outlive the holder.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_STORE_HOTLINE_STORES_H_
#define CS_SERVICES_HOTLINE_REGISTRY_STORE_HOTLINE_STORES_H_

#include "services/hotline-registry/store/call_record_store.h"
#include "services/hotline-registry/store/hotline_store.h"
#include "services/hotline-registry/store/report_store.h"
#include "services/hotline-registry/store/staff_store.h"

namespace cs::hotline {

struct HotlineStores {
  HotlineStore& hotlines;
  CallRecordStore& calls;
  StaffStore& staff;
  ReportStore& reports;
};

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_STORE_HOTLINE_STORES_H_
