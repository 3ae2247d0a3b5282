// The archive's records (SPEC V1, V2 legal hold, V3 reads, V4 destruction, V6 exports): one of the
// four store interfaces of the archive, one per aggregate — records (this), the access log
// (access_log_store.h), retention overrides (retention_store.h), monthly statistics and reports
// (monthly_report_store.h); archive_stores.h bundles them for the core. Two implementations:
// MySqlRecordStore (schema cs_archive) and InMemoryArchiveStore (unit tests of the core only); the
// contract tests (record_store_contract.h) hold both to the same behaviour. Implementations are
// thread-safe.
//
// Two guarantees cross into other aggregates and so live here, in each implementation of this
// interface, inside the transaction (or under the lock) of the call:
//  - V3: reads take the access-log entry to write and write it in the same transaction that
//    produces their result: a read that returns data has logged it, and a refused read logs the
//    refusal too. The row goes into the log AccessLogStore lists (MySQL: the access_log table via
//    InsertAccessEntry; in memory: the one log of InMemoryArchiveStore).
//  - V5: Archive and AppendVersion move the record's count in the monthly statistics that
//    MonthlyReportStore::MonthlyCounts reads, in the transaction that stores the version (MySQL:
//    CountInMonthlyStatistics), so the counts always match a rebuild.
#ifndef CS_SERVICES_ARCHIVE_STORE_RECORD_STORE_H_
#define CS_SERVICES_ARCHIVE_STORE_RECORD_STORE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/archive/domain/access_entry.h"
#include "services/archive/domain/archived_record.h"
#include "services/archive/domain/retention.h"
#include "services/archive/store/request_key.h"

namespace cs::archive {

// The content of a new version, as stored.
struct VersionDraft {
  RecordSummary summary;
  std::string unit_name;
  std::string time_zone;
  // The complete record (opaque bytes) and its SHA-256 hex.
  std::string document;
  std::string content_sha256;
  std::string archived_by;
  std::string reason;
  // The intake outbox message it came in; empty for corrections.
  std::string source_message_id;
};

struct ArchiveOutcome {
  int64_t record_id = 0;
  // The record's current version after the call.
  int version = 0;
  // Nothing was stored: the message (or request) had been applied before, or the content equals the
  // current version's.
  bool duplicate = false;
  // A record was created (version 1).
  bool created = false;
};

// Runs under the record's lock inside the store's transaction; an error abandons the change (or,
// for reads, refuses the read) and is returned as is. May run more than once (a retried
// transaction).
using RecordCheck = std::function<absl::Status(const ArchivedRecord& record)>;

// Decides a destruction under the record's lock: returns the certificate to keep (certificate_id is
// assigned by the store) or the refusal.
using DestructionDecision =
    std::function<absl::StatusOr<DestructionCertificate>(const ArchivedRecord& record)>;

struct RecordRead {
  ArchivedRecord record;
  // The version read and its document; the document is empty once the record was destroyed.
  int version = 0;
  std::string document;
};

struct RecordFilter {
  // Empty: every unit.
  std::string unit_id;
  std::string closed_month;
  TicketKind kind = TicketKind::kUnspecified;
  Channel channel = Channel::kUnspecified;
  std::string business_line;
  RoutingPath routing_path = RoutingPath::kUnspecified;
  int64_t ticket_id = 0;
  absl::optional<absl::Time> closed_from;   // inclusive
  absl::optional<absl::Time> closed_until;  // exclusive
  bool include_destroyed = true;
};

struct RecordPage {
  std::vector<ArchivedRecord> records;
  // 0 when there is no further page; otherwise the cursor to pass back.
  int64_t next_cursor = 0;
};

// A page of records with the document of each one's current version (empty when destroyed).
struct DocumentPage {
  std::vector<RecordRead> records;
  int64_t next_cursor = 0;
};

// Records due for destruction in one unit.
struct UnitCount {
  std::string unit_id;
  int64_t count = 0;
};

class RecordStore {
 public:
  virtual ~RecordStore() = default;

  // --- V1 -------------------------------------------------------------------------------------
  // In one transaction: records `message_id` of `source` as processed (a repeat is a duplicate of
  // the record of draft.summary.ticket_id); then, when the ticket has no record yet, creates one
  // (version 1, `retention`) and counts it in the monthly statistics; when it has one whose current
  // version has the same content hash, a duplicate; otherwise appends a version (moving the
  // statistics to the new classification). FAILED_PRECONDITION for new content of a destroyed
  // record. Returns only after the commit.
  virtual absl::StatusOr<ArchiveOutcome> Archive(const std::string& message_id,
                                                 const std::string& source,
                                                 const VersionDraft& draft,
                                                 const Retention& retention, absl::Time now) = 0;

  // A correction: under the record's lock runs `check`, then appends `draft` as the next version
  // (moving the statistics). A repeated request_id with the same fingerprint returns the first
  // outcome (duplicate = true); with another, INVALID_ARGUMENT naming request_id. NOT_FOUND naming
  // the record.
  virtual absl::StatusOr<ArchiveOutcome> AppendVersion(int64_t record_id, const RequestKey& key,
                                                       const VersionDraft& draft,
                                                       const RecordCheck& check,
                                                       absl::Time now) = 0;

  // --- V3 reads (each logs `entry` in its transaction) ----------------------------------------
  // The record and the document of `version` (0: current). `authorize` decides on the loaded
  // record; its error is logged (outcome by AccessOutcomeOf) and returned after the commit. An
  // unknown record or version is logged as refused and returned as NOT_FOUND.
  virtual absl::StatusOr<RecordRead> ReadRecord(int64_t record_id, int version,
                                                const RecordCheck& authorize,
                                                AccessEntry entry) = 0;

  // Records matching `filter`, newest first, from `cursor` (0: the newest), without documents.
  virtual absl::StatusOr<RecordPage> Search(const RecordFilter& filter, int64_t cursor,
                                            int page_size, AccessEntry entry) = 0;

  // Records matching `filter` with their current documents, oldest first, from `cursor` (0: the
  // first) — the month CSV export.
  virtual absl::StatusOr<DocumentPage> ReadDocuments(const RecordFilter& filter, int64_t cursor,
                                                     int page_size, AccessEntry entry) = 0;

  // Records of `unit_id` (empty: all) due for destruction at `now` — retention expired, not held,
  // not destroyed — in archive order from `cursor`.
  virtual absl::StatusOr<RecordPage> ListDue(const std::string& unit_id, absl::Time now,
                                             int64_t cursor, int page_size, AccessEntry entry) = 0;

  // --- V2 -------------------------------------------------------------------------------------
  // Sets or releases the hold (and records the event). NOT_FOUND naming the record;
  // FAILED_PRECONDITION for a destroyed record.
  virtual absl::StatusOr<ArchivedRecord> SetLegalHold(int64_t record_id, bool hold,
                                                      const std::string& reason,
                                                      const std::string& actor, absl::Time now) = 0;

  // --- V4 -------------------------------------------------------------------------------------
  // Under the record's lock runs `decide`; on success removes every version's document and keeps
  // the certificate, in one transaction. A repeated request_id returns the first certificate;
  // another body under it is INVALID_ARGUMENT. NOT_FOUND naming the record.
  virtual absl::StatusOr<DestructionCertificate> Destroy(int64_t record_id, const RequestKey& key,
                                                         const DestructionDecision& decide) = 0;

  // Records due for destruction at `now`, per unit (units with none are absent).
  virtual absl::StatusOr<std::vector<UnitCount>> CountDueForDestruction(absl::Time now) = 0;
};

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_STORE_RECORD_STORE_H_
