// What the archive core needs from the outside world besides its store, as small interfaces:
// reading a stored document back into the record's content (the gRPC layer does it with protobuf),
// and reporting what happened for the metrics (V1–V5). Implementations must be thread-safe.
#ifndef CS_SERVICES_ARCHIVE_CORE_ARCHIVE_PORTS_H_
#define CS_SERVICES_ARCHIVE_CORE_ARCHIVE_PORTS_H_

#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/auth/principal.h"
#include "services/archive/domain/access_entry.h"
#include "services/archive/domain/archived_record.h"
#include "services/archive/store/record_store.h"

namespace cs::archive {

class RecordCodec {
 public:
  virtual ~RecordCodec() = default;
  // The content of a stored document. DATA_LOSS when the bytes are not a record.
  virtual absl::StatusOr<RecordContent> Decode(absl::string_view document) const = 0;
};

class ArchiveObserver {
 public:
  virtual ~ArchiveObserver() = default;
  // A new record was archived (not a duplicate, not a new version).
  virtual void RecordArchived(absl::string_view unit_id) = 0;
  // A record got a new version (a correction, or other content from intake).
  virtual void RecordVersioned(absl::string_view unit_id) = 0;
  // A read, search or export was answered or refused (V3).
  virtual void RecordRead(common::Role role, AccessAction action, AccessOutcome outcome) = 0;
  // The current count of records due for destruction, per unit (every unit of the directory, 0 when
  // none).
  virtual void DueForDestruction(const std::vector<UnitCount>& counts) = 0;
  virtual void RecordDestroyed(absl::string_view unit_id) = 0;
  // A monthly report's deadline was met or missed (A1 7.4.1); counted once per unit and month.
  virtual void MonthlyReportDeadline(absl::string_view unit_id, bool met) = 0;
};

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_CORE_ARCHIVE_PORTS_H_
