// The archive's retention overrides (SPEC V2): the retention a unit's new records get when the
// CS center set one through SetUnitRetention, and the history of every such change. One of the
// archive's four store interfaces (see record_store.h); it shares no transaction with the others —
// a record's retention is decided when it is archived and stored with it (RecordStore::Archive).
// Implementations: MySqlRetentionStore and InMemoryRetentionStore, held to the same behaviour by
// retention_store_contract.h. Thread-safe.
#ifndef CS_SERVICES_ARCHIVE_STORE_RETENTION_STORE_H_
#define CS_SERVICES_ARCHIVE_STORE_RETENTION_STORE_H_

#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/archive/domain/retention.h"

namespace cs::archive {

class RetentionStore {
 public:
  virtual ~RetentionStore() = default;

  // The overrides in force (source kRpc), one per unit, by unit id. The database's error otherwise.
  virtual absl::StatusOr<std::vector<RetentionPolicy>> ListRetentionOverrides() = 0;

  // Replaces the unit's override and keeps the change in the retention history, in one
  // transaction. The database's error otherwise (nothing changed).
  virtual absl::Status SetRetentionOverride(const RetentionPolicy& policy) = 0;
};

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_STORE_RETENTION_STORE_H_
