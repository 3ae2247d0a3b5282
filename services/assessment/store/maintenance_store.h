// Where the assessment service keeps its maintenance notices (SPEC S2; M 7.6): one of the three
// store interfaces of the service's notices (see notice_store.h). The store names them "MN-<n>"
// (and sets the late finding's source_id with AssignMaintenanceId), keeps the form as filed, the
// superior's approval, the cancellation and the id of the rectification notice the CS center
// raised from the late finding. Two implementations: MySqlMaintenanceStore and
// InMemoryMaintenanceStore; maintenance_store_contract.h holds both to the same behaviour.
// Implementations are thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_STORE_MAINTENANCE_STORE_H_
#define CS_SERVICES_ASSESSMENT_STORE_MAINTENANCE_STORE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/assessment/domain/maintenance.h"
#include "services/assessment/store/notice_store.h"

namespace cs::assessment {

// A maintenance notice as stored: the domain's notice and what the store keeps beside it.
struct MaintenanceRecord {
  MaintenanceNotice notice;
  // The rectification notice ("RN-<n>") the CS center raised from notice.late_finding (or its
  // approval finding); 0 while none was.
  int64_t raised_notice_id = 0;

  friend bool operator==(const MaintenanceRecord&, const MaintenanceRecord&) = default;
};

// Changes one loaded record in place (ApproveBySuperior, CancelMaintenance, setting
// raised_notice_id). Returning an error abandons the whole change. May run more than once: no side
// effects outside `record`.
using MaintenanceMutation = std::function<absl::Status(MaintenanceRecord& record)>;

struct MaintenanceWriteResult {
  MaintenanceRecord record;
  // True when the request_id had been answered before: nothing was created or changed.
  bool replayed = false;
};

struct MaintenanceFilter {
  // Empty: every unit.
  std::string unit_id;
  // True: only notices filed late (MaintenanceNotice::late).
  bool late_only = false;
  // When set: only work starting at or after `starts_from` / before `starts_until` (strictly):
  // the window [starts_from, starts_until) of form.starts_at.
  absl::optional<absl::Time> starts_from;
  absl::optional<absl::Time> starts_until;
};

struct MaintenancePage {
  // In id order, each complete.
  std::vector<MaintenanceRecord> records;
  // 0 when there is no further page; otherwise pass as `after_id`.
  int64_t next_after_id = 0;
};

class MaintenanceStore {
 public:
  virtual ~MaintenanceStore() = default;

  // Stores a notice as filed (FileMaintenance's result): assigns its id (notice.id ignored) with
  // AssignMaintenanceId, version 1, raised_notice_id 0, every other field as given, in one
  // transaction. Idempotent by request_id as NoticeStore::Create.
  virtual absl::StatusOr<MaintenanceWriteResult> Create(MaintenanceNotice notice,
                                                        const RequestKey& key) = 0;

  // The complete record; NOT_FOUND naming "MN-<id>".
  virtual absl::StatusOr<MaintenanceRecord> Get(int64_t id) = 0;

  // Records matching `filter` with id > after_id (0: from the first), at most page_size (>= 1,
  // else INVALID_ARGUMENT naming page_size).
  virtual absl::StatusOr<MaintenancePage> List(const MaintenanceFilter& filter, int64_t after_id,
                                               int page_size) = 0;

  // As NoticeStore::Mutate: saves the state, approval, cancellation, raised_notice_id, updated_at
  // as the mutation left them; history appended after the loaded entries; version = loaded + 1.
  // The id and what was filed (form, filed_by, filed_at, notice_lead, late, late_finding) cannot
  // change: they are kept as stored.
  virtual absl::StatusOr<MaintenanceWriteResult> Mutate(int64_t id,
                                                        const NoticeMutationOptions& options,
                                                        const MaintenanceMutation& mutation) = 0;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_STORE_MAINTENANCE_STORE_H_
