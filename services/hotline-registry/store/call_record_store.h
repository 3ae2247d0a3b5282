// Where the hotline registry keeps call detail records (SPEC H6, A2 7.5, 7.7) and counts them for
// the monthly operating report: one of the registry's four store interfaces (see hotline_store.h).
// Two implementations: MySqlCallRecordStore (schema cs_hotline_registry; one multi-row INSERT per
// batch) and InMemoryCallRecordStore (unit tests of the core only); call_record_store_contract.h
// holds both to the same behaviour. Implementations are thread-safe.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_STORE_CALL_RECORD_STORE_H_
#define CS_SERVICES_HOTLINE_REGISTRY_STORE_CALL_RECORD_STORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/hotline-registry/domain/call_record.h"

namespace cs::hotline {

// A validated call record as the core hands it over, with what the core decided about it at ingest.
struct IncomingCall {
  // record.within_service_hours is the core's decision against the hours published then (H5).
  CallRecord record;
  // False when the hotline was not ACTIVE when the call was offered: it served without approval
  // (H1; counted by HotlinesWithCallsWhileNotActive).
  bool hotline_active = true;
};

enum class InsertOutcome {
  // Stored by this call.
  kStored = 1,
  // (hotline_id, call_id) was stored before, or earlier in the same batch: not stored again, not
  // counted twice. The first record stored under the key is kept as it was.
  kDuplicate = 2,
};

// One stored record, as read back.
struct StoredCall {
  CallRecord record;
  bool hotline_active = true;

  friend bool operator==(const StoredCall&, const StoredCall&) = default;
};

class CallRecordStore {
 public:
  virtual ~CallRecordStore() = default;

  // Stores `calls` — normally a few hundred — idempotently per (hotline_id, call_id), and returns
  // one outcome per call, in order. Durably committed before it returns; all or nothing. The store
  // checks only what its columns need (StoreShapeOfCall in hotline_store_support.h: call_id 1..64
  // printable ASCII, agent_staff_number at most 32 characters of UTF-8, a known outcome, wait
  // seconds >= 0, offered_at in years 1000..9999) and refuses a batch with a call that does not
  // fit as INVALID_ARGUMENT naming "records[i].<field>", storing nothing; the core validates the
  // records (ValidateCallRecord) before. The hotline is not checked. UNAVAILABLE when the database
  // is unreachable (whether anything was stored is then unknown; a retry is safe).
  virtual absl::StatusOr<std::vector<InsertOutcome>> InsertBatch(
      const std::vector<IncomingCall>& calls) = 0;

  // The stored record; NOT_FOUND naming the call.
  virtual absl::StatusOr<StoredCall> Get(int64_t hotline_id, const std::string& call_id) = 0;

  // The calls of `hotline_id` offered in `month` ("YYYY-MM", local months in `zone`: a call at
  // 23:59:59 local on the last day belongs to that month, one at 00:00 on the 1st to the next),
  // answered or not, within the published hours or outside them. Zero counts for a month without
  // calls. INVALID_ARGUMENT naming "month" when it is not YYYY-MM.
  virtual absl::StatusOr<CallCounts> MonthCounts(int64_t hotline_id, const std::string& month,
                                                 const absl::TimeZone& zone) = 0;

  // H1 statistics: the hotlines, in id order, with at least one call offered in `month` (local
  // months in `zone`) stored with hotline_active = false. INVALID_ARGUMENT naming "month" as above.
  virtual absl::StatusOr<std::vector<int64_t>> HotlinesWithCallsWhileNotActive(
      const std::string& month, const absl::TimeZone& zone) = 0;
};

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_STORE_CALL_RECORD_STORE_H_
