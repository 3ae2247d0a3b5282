// The archive's records, access log and monthly statistics and reports kept in process memory, for
// the fast unit tests of the archive core only (never in a deployed process: nothing survives a
// restart). One class for three of the archive's store interfaces because their guarantees cross:
// a read of records appends its access-log entry (V3) and archiving a version moves the monthly
// statistics (V5) atomically with it — here, under the one mutex that guards everything, so each
// call is atomic like a transaction. Retention overrides share nothing with them:
// InMemoryRetentionStore. Thread-safe.
#ifndef CS_SERVICES_ARCHIVE_STORE_IN_MEMORY_ARCHIVE_STORE_H_
#define CS_SERVICES_ARCHIVE_STORE_IN_MEMORY_ARCHIVE_STORE_H_

#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"
#include "services/archive/store/access_log_store.h"
#include "services/archive/store/monthly_report_store.h"
#include "services/archive/store/record_store.h"

namespace cs::archive {

class InMemoryArchiveStore final : public RecordStore,
                                   public AccessLogStore,
                                   public MonthlyReportStore {
 public:
  // RecordStore
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

  // AccessLogStore
  absl::StatusOr<AccessLogPage> ListAccessLog(const AccessLogFilter& filter, int64_t cursor,
                                              int page_size, AccessEntry entry) override;
  absl::Status LogAccess(const AccessEntry& entry) override;

  // MonthlyReportStore
  absl::StatusOr<std::vector<StatisticsRow>> MonthlyCounts(const std::string& month,
                                                           const std::string& unit_id) override;
  absl::StatusOr<CompletenessCounts> CountCompleteness(const std::string& unit_id,
                                                       absl::Time closed_from,
                                                       absl::Time closed_until,
                                                       int max_listed) override;
  absl::Status RebuildMonthlyStatistics() override;
  absl::StatusOr<SubmitOutcome> SubmitMonthlyReport(const MonthlyReport& report,
                                                    const RequestKey& key) override;
  absl::StatusOr<std::vector<MonthlyReport>> ListMonthlyReports(const std::string& month) override;
  absl::StatusOr<std::vector<std::string>> ClaimMissedMonthlyReports(
      const std::string& month, const std::vector<std::string>& unit_ids,
      const common::Deadline& due) override;

  // Every access-log entry written so far, oldest first (what the MySQL table would hold).
  std::vector<AccessEntry> access_log() const;

 private:
  struct StoredRecord {
    ArchivedRecord record;
    // Documents by version; erased by destruction.
    std::map<int, std::string> documents;
  };
  // A request_id's fingerprint and the response it got.
  struct StoredKey {
    std::string fingerprint;
    std::string response;
  };
  using StatisticsKey = std::tuple<std::string, std::string, int, int, std::string, int>;

  // The stored response of a replayed key, nullopt for a new one (then claimed), or
  // INVALID_ARGUMENT for a reused id with another body.
  absl::StatusOr<absl::optional<std::string>> ClaimKey(const std::string& scope,
                                                       const RequestKey& key)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  void AppendAccess(AccessEntry entry) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  void CountInStatistics(const RecordSummary& summary, int delta)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  void AddVersion(StoredRecord& stored, const VersionDraft& draft, absl::Time now)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  static bool Matches(const ArchivedRecord& record, const RecordFilter& filter);

  mutable absl::Mutex mutex_;
  std::map<int64_t, StoredRecord> records_ ABSL_GUARDED_BY(mutex_);
  absl::flat_hash_map<int64_t, int64_t> record_by_ticket_ ABSL_GUARDED_BY(mutex_);
  int64_t next_record_id_ ABSL_GUARDED_BY(mutex_) = 1;
  int64_t next_certificate_id_ ABSL_GUARDED_BY(mutex_) = 1;
  absl::flat_hash_set<std::string> inbox_ ABSL_GUARDED_BY(mutex_);
  absl::flat_hash_map<std::pair<std::string, std::string>, StoredKey> keys_ ABSL_GUARDED_BY(mutex_);
  std::vector<AccessEntry> access_log_ ABSL_GUARDED_BY(mutex_);
  std::map<StatisticsKey, std::pair<int64_t, int64_t>> statistics_ ABSL_GUARDED_BY(mutex_);
  std::map<std::pair<std::string, std::string>, MonthlyReport> reports_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_STORE_IN_MEMORY_ARCHIVE_STORE_H_
