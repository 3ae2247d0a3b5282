#include "services/archive/store/in_memory_archive_store.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status/error_reason.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"

namespace cs::archive {
namespace {

constexpr absl::string_view kCorrectScope = "archive.CorrectRecord";
constexpr absl::string_view kDestroyScope = "archive.DestroyRecord";
constexpr absl::string_view kSubmitScope = "archive.SubmitMonthlyReport";

absl::Status NoRecord(int64_t record_id) {
  return absl::NotFoundError(absl::StrCat("no archived record ", RecordIdText(record_id)));
}

bool IsDue(const ArchivedRecord& record, absl::Time now) {
  return !record.destroyed() && !record.hold.held && record.retention.retain_until <= now;
}

}  // namespace

absl::StatusOr<absl::optional<std::string>> InMemoryArchiveStore::ClaimKey(const std::string& scope,
                                                                           const RequestKey& key) {
  auto it = keys_.find(std::make_pair(scope, key.request_id));
  if (it == keys_.end()) return absl::optional<std::string>();
  if (it->second.fingerprint != key.fingerprint) {
    return common::RequestIdReused(
        "was already used for a different request; use a new request_id");
  }
  return absl::optional<std::string>(it->second.response);
}

void InMemoryArchiveStore::AppendAccess(AccessEntry entry) {
  entry.id = static_cast<int64_t>(access_log_.size()) + 1;
  access_log_.push_back(std::move(entry));
}

void InMemoryArchiveStore::CountInStatistics(const RecordSummary& s, int delta) {
  auto& [records, on_time] =
      statistics_[{s.closed_month, s.unit_id, static_cast<int>(s.kind), static_cast<int>(s.channel),
                   s.business_line, static_cast<int>(s.routing_path)}];
  records += delta;
  on_time += s.on_time ? delta : 0;
}

void InMemoryArchiveStore::AddVersion(StoredRecord& stored, const VersionDraft& draft,
                                      absl::Time now) {
  ArchivedRecord& record = stored.record;
  if (record.current_version > 0) CountInStatistics(record.summary, -1);
  record.current_version += 1;
  record.summary = draft.summary;
  record.unit_name = draft.unit_name;
  record.time_zone = draft.time_zone;
  CountInStatistics(record.summary, +1);
  record.versions.push_back({record.current_version, now, draft.archived_by, draft.reason,
                             draft.content_sha256, draft.source_message_id});
  stored.documents[record.current_version] = draft.document;
}

bool InMemoryArchiveStore::Matches(const ArchivedRecord& record, const RecordFilter& filter) {
  const RecordSummary& s = record.summary;
  if (!filter.unit_id.empty() && s.unit_id != filter.unit_id) return false;
  if (!filter.closed_month.empty() && s.closed_month != filter.closed_month) return false;
  if (filter.kind != TicketKind::kUnspecified && s.kind != filter.kind) return false;
  if (filter.channel != Channel::kUnspecified && s.channel != filter.channel) return false;
  if (!filter.business_line.empty() && s.business_line != filter.business_line) return false;
  if (filter.routing_path != RoutingPath::kUnspecified && s.routing_path != filter.routing_path) {
    return false;
  }
  if (filter.ticket_id != 0 && s.ticket_id != filter.ticket_id) return false;
  if (filter.closed_from.has_value() && s.closed_at < *filter.closed_from) return false;
  if (filter.closed_until.has_value() && s.closed_at >= *filter.closed_until) return false;
  if (!filter.include_destroyed && record.destroyed()) return false;
  return true;
}

absl::StatusOr<ArchiveOutcome> InMemoryArchiveStore::Archive(const std::string& message_id,
                                                             const std::string& source,
                                                             const VersionDraft& draft,
                                                             const Retention& retention,
                                                             absl::Time now) {
  (void)source;
  absl::MutexLock lock(&mutex_);
  const auto existing = record_by_ticket_.find(draft.summary.ticket_id);
  if (inbox_.contains(message_id)) {
    ArchiveOutcome outcome;
    outcome.duplicate = true;
    if (existing != record_by_ticket_.end()) {
      outcome.record_id = existing->second;
      outcome.version = records_[existing->second].record.current_version;
    }
    return outcome;
  }
  if (existing != record_by_ticket_.end()) {
    StoredRecord& stored = records_[existing->second];
    const ArchivedRecord& record = stored.record;
    if (record.versions.back().content_sha256 == draft.content_sha256) {
      inbox_.insert(message_id);
      return ArchiveOutcome{record.record_id, record.current_version, true, false};
    }
    if (record.destroyed()) {
      return common::WithReason(
          absl::FailedPreconditionError(
              absl::StrCat(RecordIdText(record.record_id),
                           " was destroyed: new content for its ticket cannot be archived")),
          reason::kRecordDestroyed);
    }
    AddVersion(stored, draft, now);
    inbox_.insert(message_id);
    return ArchiveOutcome{record.record_id, record.current_version, false, false};
  }
  const int64_t id = next_record_id_++;
  StoredRecord& stored = records_[id];
  stored.record.record_id = id;
  stored.record.archived_at = now;
  stored.record.retention = retention;
  AddVersion(stored, draft, now);
  record_by_ticket_[draft.summary.ticket_id] = id;
  inbox_.insert(message_id);
  return ArchiveOutcome{id, 1, false, true};
}

absl::StatusOr<ArchiveOutcome> InMemoryArchiveStore::AppendVersion(int64_t record_id,
                                                                   const RequestKey& key,
                                                                   const VersionDraft& draft,
                                                                   const RecordCheck& check,
                                                                   absl::Time now) {
  absl::MutexLock lock(&mutex_);
  const std::string scope(kCorrectScope);
  ASSIGN_OR_RETURN(absl::optional<std::string> replay, ClaimKey(scope, key));
  auto it = records_.find(record_id);
  if (replay.has_value()) {
    std::pair<std::string, std::string> parts = absl::StrSplit(*replay, ':');
    int version = 0;
    if (parts.first != absl::StrCat(record_id) || !absl::SimpleAtoi(parts.second, &version)) {
      return common::RequestIdReused("was already used for another record; use a new request_id");
    }
    return ArchiveOutcome{record_id, version, true, false};
  }
  if (it == records_.end()) return NoRecord(record_id);
  RETURN_IF_ERROR(check(it->second.record));
  AddVersion(it->second, draft, now);
  keys_[{scope, key.request_id}] = {
      key.fingerprint, absl::StrCat(record_id, ":", it->second.record.current_version)};
  return ArchiveOutcome{record_id, it->second.record.current_version, false, false};
}

absl::StatusOr<RecordRead> InMemoryArchiveStore::ReadRecord(int64_t record_id, int version,
                                                            const RecordCheck& authorize,
                                                            AccessEntry entry) {
  absl::MutexLock lock(&mutex_);
  auto it = records_.find(record_id);
  absl::Status status = it == records_.end() ? NoRecord(record_id) : absl::OkStatus();
  if (status.ok()) {
    entry.record_unit_id = it->second.record.summary.unit_id;
    status = authorize(it->second.record);
  }
  RecordRead read;
  if (status.ok()) {
    read.record = it->second.record;
    read.version = version == 0 ? read.record.current_version : version;
    if (read.version < 1 || read.version > read.record.current_version) {
      status =
          absl::NotFoundError(absl::StrCat(RecordIdText(record_id), " has no version ", version));
    } else if (auto doc = it->second.documents.find(read.version);
               doc != it->second.documents.end()) {
      read.document = doc->second;
    }
  }
  SetOutcome(entry, status);
  entry.result_count = status.ok() ? 1 : 0;
  AppendAccess(std::move(entry));
  if (!status.ok()) return status;
  return read;
}

absl::StatusOr<RecordPage> InMemoryArchiveStore::Search(const RecordFilter& filter, int64_t cursor,
                                                        int page_size, AccessEntry entry) {
  absl::MutexLock lock(&mutex_);
  RecordPage page;
  for (auto it = records_.rbegin(); it != records_.rend(); ++it) {
    if (cursor > 0 && it->first >= cursor) continue;
    if (!Matches(it->second.record, filter)) continue;
    if (static_cast<int>(page.records.size()) == page_size) {
      page.next_cursor = page.records.back().record_id;
      break;
    }
    page.records.push_back(it->second.record);
  }
  entry.result_count = static_cast<int>(page.records.size());
  AppendAccess(std::move(entry));
  return page;
}

absl::StatusOr<DocumentPage> InMemoryArchiveStore::ReadDocuments(const RecordFilter& filter,
                                                                 int64_t cursor, int page_size,
                                                                 AccessEntry entry) {
  absl::MutexLock lock(&mutex_);
  DocumentPage page;
  for (auto it = records_.upper_bound(cursor); it != records_.end(); ++it) {
    if (!Matches(it->second.record, filter)) continue;
    if (static_cast<int>(page.records.size()) == page_size) {
      page.next_cursor = page.records.back().record.record_id;
      break;
    }
    RecordRead read;
    read.record = it->second.record;
    read.version = read.record.current_version;
    if (auto doc = it->second.documents.find(read.version); doc != it->second.documents.end()) {
      read.document = doc->second;
    }
    page.records.push_back(std::move(read));
  }
  entry.result_count = static_cast<int>(page.records.size());
  AppendAccess(std::move(entry));
  return page;
}

absl::StatusOr<RecordPage> InMemoryArchiveStore::ListDue(const std::string& unit_id, absl::Time now,
                                                         int64_t cursor, int page_size,
                                                         AccessEntry entry) {
  absl::MutexLock lock(&mutex_);
  RecordPage page;
  for (auto it = records_.upper_bound(cursor); it != records_.end(); ++it) {
    const ArchivedRecord& record = it->second.record;
    if (!unit_id.empty() && record.summary.unit_id != unit_id) continue;
    if (!IsDue(record, now)) continue;
    if (static_cast<int>(page.records.size()) == page_size) {
      page.next_cursor = page.records.back().record_id;
      break;
    }
    page.records.push_back(record);
  }
  entry.result_count = static_cast<int>(page.records.size());
  AppendAccess(std::move(entry));
  return page;
}

absl::StatusOr<AccessLogPage> InMemoryArchiveStore::ListAccessLog(const AccessLogFilter& filter,
                                                                  int64_t cursor, int page_size,
                                                                  AccessEntry entry) {
  absl::MutexLock lock(&mutex_);
  AccessLogPage page;
  // The read is logged before the page is taken, so the page shows it; its count is unknown then.
  AppendAccess(std::move(entry));
  for (auto it = access_log_.rbegin(); it != access_log_.rend(); ++it) {
    if (cursor > 0 && it->id >= cursor) continue;
    if (!filter.user.empty() && it->user != filter.user) continue;
    if (!filter.record_unit_id.empty() && it->record_unit_id != filter.record_unit_id) continue;
    if (!filter.target.empty() && it->target != filter.target) continue;
    if (filter.from.has_value() && it->at < *filter.from) continue;
    if (filter.until.has_value() && it->at >= *filter.until) continue;
    if (static_cast<int>(page.entries.size()) == page_size) {
      page.next_cursor = page.entries.back().id;
      break;
    }
    page.entries.push_back(*it);
  }
  return page;
}

absl::Status InMemoryArchiveStore::LogAccess(const AccessEntry& entry) {
  absl::MutexLock lock(&mutex_);
  AppendAccess(entry);
  return absl::OkStatus();
}

std::vector<AccessEntry> InMemoryArchiveStore::access_log() const {
  absl::MutexLock lock(&mutex_);
  return access_log_;
}

absl::StatusOr<ArchivedRecord> InMemoryArchiveStore::SetLegalHold(int64_t record_id, bool hold,
                                                                  const std::string& reason,
                                                                  const std::string& actor,
                                                                  absl::Time now) {
  absl::MutexLock lock(&mutex_);
  auto it = records_.find(record_id);
  if (it == records_.end()) return NoRecord(record_id);
  ArchivedRecord& record = it->second.record;
  if (record.destroyed()) {
    return common::WithReason(
        absl::FailedPreconditionError(
            absl::StrCat(RecordIdText(record_id), " was destroyed: there is nothing left to hold")),
        reason::kRecordDestroyed);
  }
  record.hold = {hold, reason, actor, now};
  return record;
}

absl::StatusOr<DestructionCertificate> InMemoryArchiveStore::Destroy(
    int64_t record_id, const RequestKey& key, const DestructionDecision& decide) {
  absl::MutexLock lock(&mutex_);
  const std::string scope(kDestroyScope);
  ASSIGN_OR_RETURN(absl::optional<std::string> replay, ClaimKey(scope, key));
  if (replay.has_value()) {
    int64_t first_record = 0;
    if (!absl::SimpleAtoi(*replay, &first_record)) {
      return absl::InternalError("bad stored response");
    }
    if (first_record != record_id) {
      return common::RequestIdReused("was already used for another record; use a new request_id");
    }
    return *records_[record_id].record.destruction;
  }
  auto it = records_.find(record_id);
  if (it == records_.end()) return NoRecord(record_id);
  ASSIGN_OR_RETURN(DestructionCertificate certificate, decide(it->second.record));
  certificate.certificate_id = next_certificate_id_++;
  it->second.record.destruction = certificate;
  // The personal content goes: the documents and the correction reasons (free text that may quote
  // them). Hashes, dates and the classification stay.
  it->second.documents.clear();
  for (RecordVersion& version : it->second.record.versions) version.reason.clear();
  keys_[{scope, key.request_id}] = {key.fingerprint, absl::StrCat(record_id)};
  return certificate;
}

absl::StatusOr<std::vector<UnitCount>> InMemoryArchiveStore::CountDueForDestruction(
    absl::Time now) {
  absl::MutexLock lock(&mutex_);
  std::map<std::string, int64_t> counts;
  for (const auto& [id, stored] : records_) {
    if (IsDue(stored.record, now)) ++counts[stored.record.summary.unit_id];
  }
  std::vector<UnitCount> result;
  for (const auto& [unit, count] : counts) result.push_back({unit, count});
  return result;
}

absl::StatusOr<std::vector<StatisticsRow>> InMemoryArchiveStore::MonthlyCounts(
    const std::string& month, const std::string& unit_id) {
  absl::MutexLock lock(&mutex_);
  std::vector<StatisticsRow> rows;
  for (const auto& [key, counts] : statistics_) {
    const auto& [row_month, unit, kind, channel, business_line, path] = key;
    if (row_month != month || (!unit_id.empty() && unit != unit_id) || counts.first == 0) continue;
    rows.push_back({unit, static_cast<TicketKind>(kind), static_cast<Channel>(channel),
                    business_line, static_cast<RoutingPath>(path), counts.first, counts.second});
  }
  return rows;
}

absl::StatusOr<CompletenessCounts> InMemoryArchiveStore::CountCompleteness(
    const std::string& unit_id, absl::Time closed_from, absl::Time closed_until, int max_listed) {
  absl::MutexLock lock(&mutex_);
  CompletenessCounts counts;
  std::vector<absl::Duration> lags;
  // Every month serial of the unit by serial month, and the serial months the span's records touch.
  std::map<std::string, std::vector<int64_t>> serials;
  std::set<std::string> touched;
  for (const auto& [id, stored] : records_) {
    const RecordSummary& summary = stored.record.summary;
    if (summary.unit_id != unit_id) continue;
    serials[summary.serial_month].push_back(summary.month_serial);
    if (summary.closed_at < closed_from || summary.closed_at >= closed_until) continue;
    ++counts.archived;
    lags.push_back(stored.record.archived_at - summary.closed_at);
    touched.insert(summary.serial_month);
  }
  for (const std::string& month : touched) {
    counts.serial_months.push_back(GapsOf(month, serials[month], max_listed));
  }
  if (!lags.empty()) counts.max_lag = *std::max_element(lags.begin(), lags.end());
  counts.median_lag = MedianOf(std::move(lags));
  return counts;
}

absl::Status InMemoryArchiveStore::RebuildMonthlyStatistics() {
  absl::MutexLock lock(&mutex_);
  statistics_.clear();
  for (const auto& [id, stored] : records_) CountInStatistics(stored.record.summary, +1);
  return absl::OkStatus();
}

absl::StatusOr<SubmitOutcome> InMemoryArchiveStore::SubmitMonthlyReport(const MonthlyReport& report,
                                                                        const RequestKey& key) {
  absl::MutexLock lock(&mutex_);
  const std::string scope(kSubmitScope);
  ASSIGN_OR_RETURN(absl::optional<std::string> replay, ClaimKey(scope, key));
  const std::pair<std::string, std::string> id{report.month, report.unit_id};
  if (replay.has_value()) {
    if (*replay != absl::StrCat(report.unit_id, "|", report.month)) {
      return common::RequestIdReused("was already used for another report; use a new request_id");
    }
    return SubmitOutcome{reports_[id], true};
  }
  auto it = reports_.find(id);
  bool miss_counted = false;
  if (it != reports_.end()) {
    if (it->second.submitted()) {
      return absl::FailedPreconditionError(absl::StrCat(
          "the report of ", report.unit_id, " on ", report.month, " was already submitted at ",
          absl::FormatTime(*it->second.submitted_at), " by ", it->second.submitted_by));
    }
    miss_counted = it->second.miss_counted;
  }
  MonthlyReport stored = report;
  stored.miss_counted = miss_counted;
  reports_[id] = stored;
  keys_[{scope, key.request_id}] = {key.fingerprint,
                                    absl::StrCat(report.unit_id, "|", report.month)};
  return SubmitOutcome{stored, false};
}

absl::StatusOr<std::vector<MonthlyReport>> InMemoryArchiveStore::ListMonthlyReports(
    const std::string& month) {
  absl::MutexLock lock(&mutex_);
  std::vector<MonthlyReport> reports;
  for (const auto& [id, report] : reports_) {
    if (id.first == month) reports.push_back(report);
  }
  return reports;
}

absl::StatusOr<std::vector<std::string>> InMemoryArchiveStore::ClaimMissedMonthlyReports(
    const std::string& month, const std::vector<std::string>& unit_ids,
    const common::Deadline& due) {
  absl::MutexLock lock(&mutex_);
  std::vector<std::string> missed;
  for (const std::string& unit : unit_ids) {
    if (reports_.contains({month, unit})) continue;
    MonthlyReport report;
    report.unit_id = unit;
    report.month = month;
    report.due = due;
    report.miss_counted = true;
    reports_[{month, unit}] = report;
    missed.push_back(unit);
  }
  return missed;
}

}  // namespace cs::archive
