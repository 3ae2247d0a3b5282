// The archive's access log (SPEC V3, A1 7.3.3): who read what, why, and with which outcome. One of
// the archive's four store interfaces (see record_store.h). The log is append-only: nothing here
// changes or removes an entry, and the MySQL account has no UPDATE or DELETE on its table
// (access_grants.h).
//
// Reads of records log themselves in their own transaction through RecordStore (V3); this interface
// writes the entries of reads refused before any data was touched, and lists the log — a listing
// that logs itself first. Implementations: MySqlAccessLogStore and InMemoryArchiveStore, held to
// the same behaviour by access_log_store_contract.h. Thread-safe.
#ifndef CS_SERVICES_ARCHIVE_STORE_ACCESS_LOG_STORE_H_
#define CS_SERVICES_ARCHIVE_STORE_ACCESS_LOG_STORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/archive/domain/access_entry.h"

namespace cs::archive {

// Empty fields match everything.
struct AccessLogFilter {
  std::string user;
  std::string record_unit_id;
  std::string target;
  absl::optional<absl::Time> from;   // inclusive
  absl::optional<absl::Time> until;  // exclusive
};

struct AccessLogPage {
  // Newest first.
  std::vector<AccessEntry> entries;
  // 0 when there is no further page; otherwise the cursor to pass back.
  int64_t next_cursor = 0;
};

class AccessLogStore {
 public:
  virtual ~AccessLogStore() = default;

  // The access log, newest first, from `cursor` (0: the newest). `entry` is written first, in the
  // same transaction, so the page shows the read that fetched it. The database's error otherwise
  // (nothing logged, nothing returned).
  virtual absl::StatusOr<AccessLogPage> ListAccessLog(const AccessLogFilter& filter, int64_t cursor,
                                                      int page_size, AccessEntry entry) = 0;

  // Writes one entry on its own, for refusals decided before any data is touched. The database's
  // error when it cannot be written.
  virtual absl::Status LogAccess(const AccessEntry& entry) = 0;
};

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_STORE_ACCESS_LOG_STORE_H_
