// The hotline registry's four stores kept in process memory, as the core's unit tests hand them to
// the core (never in a deployed process: nothing survives a restart). Thread-safe, as each store
// is.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_STORE_IN_MEMORY_HOTLINE_STORES_H_
#define CS_SERVICES_HOTLINE_REGISTRY_STORE_IN_MEMORY_HOTLINE_STORES_H_

#include "services/hotline-registry/store/hotline_stores.h"
#include "services/hotline-registry/store/in_memory_call_record_store.h"
#include "services/hotline-registry/store/in_memory_hotline_store.h"
#include "services/hotline-registry/store/in_memory_report_store.h"
#include "services/hotline-registry/store/in_memory_staff_store.h"

namespace cs::hotline {

class InMemoryHotlineStores final {
 public:
  InMemoryHotlineStores() = default;
  InMemoryHotlineStores(const InMemoryHotlineStores&) = delete;
  InMemoryHotlineStores& operator=(const InMemoryHotlineStores&) = delete;

  HotlineStores stores() { return {hotlines_, calls_, staff_, reports_}; }

  InMemoryHotlineStore& hotlines() { return hotlines_; }
  InMemoryCallRecordStore& calls() { return calls_; }
  InMemoryStaffStore& staff() { return staff_; }
  InMemoryReportStore& reports() { return reports_; }

 private:
  InMemoryHotlineStore hotlines_;
  InMemoryCallRecordStore calls_;
  InMemoryStaffStore staff_;
  InMemoryReportStore reports_;
};

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_STORE_IN_MEMORY_HOTLINE_STORES_H_
