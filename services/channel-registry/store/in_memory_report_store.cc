#include "services/channel-registry/store/in_memory_report_store.h"

#include "absl/strings/str_cat.h"
#include "common/db/printable_id.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"
#include "services/channel-registry/store/channel_store_support.h"

namespace cs::channel {

absl::StatusOr<SubmitReportResult> InMemoryReportStore::Submit(const std::string& unit_id,
                                                               const ReportSubmission& submission,
                                                               const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  RETURN_IF_ERROR(CheckMonth(submission.month));
  RETURN_IF_ERROR(CheckUnitId(unit_id));
  const std::string response = ReportResponse(submission.channel_id, submission.month);
  absl::MutexLock lock(&mutex_);
  auto known = keys_.find(key.request_id);
  if (known != keys_.end()) {
    if (known->second.fingerprint != key.fingerprint) {
      return common::RequestIdReused(
          "was already used for a different request; use a new request_id");
    }
    if (known->second.response != response) {
      return common::RequestIdReused("was already used for another report; use a new request_id");
    }
    return SubmitReportResult{submissions_.at({submission.channel_id, submission.month}).submission,
                              true};
  }
  const ReportKey report{submission.channel_id, submission.month};
  auto it = submissions_.find(report);
  if (it != submissions_.end()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the report of ", FormatChannelId(submission.channel_id), " on ", submission.month,
        " was submitted already by ", it->second.submission.submitted_by));
  }
  submissions_[report] = {unit_id, submission};
  keys_[key.request_id] = {key.fingerprint, response};
  return SubmitReportResult{submission, false};
}

absl::StatusOr<absl::optional<ReportSubmission>> InMemoryReportStore::Get(
    int64_t channel_id, const std::string& month) {
  absl::MutexLock lock(&mutex_);
  auto it = submissions_.find({channel_id, month});
  if (it == submissions_.end()) return absl::optional<ReportSubmission>();
  return absl::optional<ReportSubmission>(it->second.submission);
}

absl::StatusOr<std::vector<ReportSubmission>> InMemoryReportStore::ListForUnitMonth(
    const std::string& unit_id, const std::string& month) {
  absl::MutexLock lock(&mutex_);
  std::vector<ReportSubmission> listed;
  for (const auto& [key, submitted] : submissions_) {
    if (submitted.unit_id == unit_id && key.second == month) listed.push_back(submitted.submission);
  }
  return listed;
}

absl::StatusOr<bool> InMemoryReportStore::RecordMissed(const MissedReport& missed) {
  RETURN_IF_ERROR(CheckMonth(missed.month));
  RETURN_IF_ERROR(CheckUnitId(missed.unit_id));
  absl::MutexLock lock(&mutex_);
  return missed_.emplace(ReportKey{missed.channel_id, missed.month}, missed).second;
}

absl::StatusOr<std::vector<MissedReport>> InMemoryReportStore::ListMissed(
    const std::string& unit_id, const std::string& month) {
  absl::MutexLock lock(&mutex_);
  std::vector<MissedReport> listed;
  for (const auto& [key, missed] : missed_) {
    if (missed.unit_id == unit_id && key.second == month) listed.push_back(missed);
  }
  return listed;
}

}  // namespace cs::channel
