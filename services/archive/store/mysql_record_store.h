// RecordStore on MySQL/MariaDB (schema cs_archive, migrations/: records, record_versions,
// legal_hold_events, destruction_certificates, with the shared inbox and idempotency tables): the
// store every deployed archive process uses. Each call is one transaction (RunInTransaction retries
// deadlocks). Reads write their access-log row (InsertAccessEntry) and archiving moves the monthly
// statistics (CountInMonthlyStatistics) in the transaction that fetches or stores their result —
// the V3 and V5 guarantees of record_store.h. Thread-safe.
#ifndef CS_SERVICES_ARCHIVE_STORE_MYSQL_RECORD_STORE_H_
#define CS_SERVICES_ARCHIVE_STORE_MYSQL_RECORD_STORE_H_

#include "common/db/connection_pool.h"
#include "common/time/clock.h"
#include "services/archive/store/record_store.h"

namespace cs::archive {

class MySqlRecordStore final : public RecordStore {
 public:
  // `pool` and `infrastructure_clock` must outlive the store. The pool's account needs the grants
  // of deploy/sql/archive_grants.sql (no UPDATE/DELETE on access_log). The clock stamps inbox and
  // idempotency rows (their expiry is bookkeeping, not business time); the `now` the calls take
  // stamps what they record.
  explicit MySqlRecordStore(common::db::ConnectionPool& pool,
                            const common::Clock& infrastructure_clock = common::Clock::Real())
      : pool_(pool), infrastructure_clock_(infrastructure_clock) {}

  absl::StatusOr<ArchiveOutcome> Archive(const std::string& message_id, const std::string& source,
                                         const VersionDraft& draft, const Retention& retention,
                                         absl::Time now) override;
  absl::StatusOr<ArchiveOutcome> AppendVersion(int64_t record_id, const RequestKey& key,
                                               const VersionDraft& draft, const RecordCheck& check,
                                               absl::Time now) override;
  absl::StatusOr<RecordRead> ReadRecord(int64_t record_id, int version,
                                        const RecordCheck& authorize, AccessEntry entry) override;
  absl::StatusOr<RecordPage> Search(const RecordFilter& filter, int64_t cursor, int page_size,
                                    AccessEntry entry) override;
  absl::StatusOr<DocumentPage> ReadDocuments(const RecordFilter& filter, int64_t cursor,
                                             int page_size, AccessEntry entry) override;
  absl::StatusOr<RecordPage> ListDue(const std::string& unit_id, absl::Time now, int64_t cursor,
                                     int page_size, AccessEntry entry) override;
  absl::StatusOr<ArchivedRecord> SetLegalHold(int64_t record_id, bool hold,
                                              const std::string& reason, const std::string& actor,
                                              absl::Time now) override;
  absl::StatusOr<DestructionCertificate> Destroy(int64_t record_id, const RequestKey& key,
                                                 const DestructionDecision& decide) override;
  absl::StatusOr<std::vector<UnitCount>> CountDueForDestruction(absl::Time now) override;

 private:
  common::db::ConnectionPool& pool_;
  const common::Clock& infrastructure_clock_;
};

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_STORE_MYSQL_RECORD_STORE_H_
