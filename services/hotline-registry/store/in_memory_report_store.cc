#include "services/hotline-registry/store/in_memory_report_store.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/printable_id.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"
#include "services/hotline-registry/store/hotline_store_support.h"

namespace cs::hotline {
namespace {

absl::Status NoScore(int64_t hotline_id, const std::string& call_id) {
  return absl::NotFoundError(
      absl::StrCat("call ", call_id, " of ", FormatHotlineId(hotline_id), " was never scored"));
}

}  // namespace

absl::Status InMemoryReportStore::ExpectReports(const std::string& month,
                                                const std::vector<int64_t>& hotline_ids,
                                                const common::Deadline& due) {
  RETURN_IF_ERROR(CheckMonth(month));
  absl::MutexLock lock(&mutex_);
  for (int64_t id : hotline_ids) {
    ReportRecord& report = reports_[{month, id}];
    report.hotline_id = id;
    report.month = month;
    if (!report.due.has_value()) report.due = due;
  }
  return absl::OkStatus();
}

absl::StatusOr<SubmitReportResult> InMemoryReportStore::Submit(const ReportSubmission& submission,
                                                               const common::Deadline& due,
                                                               const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  RETURN_IF_ERROR(CheckMonth(submission.month));
  absl::MutexLock lock(&mutex_);
  const std::pair<int64_t, std::string> id{submission.hotline_id, submission.month};
  auto known = keys_.find(key.request_id);
  if (known != keys_.end()) {
    if (known->second.fingerprint != key.fingerprint || known->second.report != id) {
      return common::RequestIdReused(
          "was already used for a different request; use a new request_id");
    }
    return SubmitReportResult{*reports_.at({id.second, id.first}).submission, true};
  }
  ReportRecord& report = reports_[{submission.month, submission.hotline_id}];
  if (report.submission.has_value()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the report of ", FormatHotlineId(submission.hotline_id), " on ", submission.month,
        " was submitted already by ", report.submission->submitted_by));
  }
  report.hotline_id = submission.hotline_id;
  report.month = submission.month;
  if (!report.due.has_value()) report.due = due;
  report.submission = submission;
  keys_[key.request_id] = {key.fingerprint, id};
  return SubmitReportResult{submission, false};
}

absl::StatusOr<ReportRecord> InMemoryReportStore::GetReport(int64_t hotline_id,
                                                            const std::string& month) {
  absl::MutexLock lock(&mutex_);
  auto it = reports_.find({month, hotline_id});
  if (it != reports_.end()) return it->second;
  ReportRecord none;
  none.hotline_id = hotline_id;
  none.month = month;
  return none;
}

absl::StatusOr<std::vector<ReportRecord>> InMemoryReportStore::ListReports(
    const std::string& month) {
  absl::MutexLock lock(&mutex_);
  std::vector<ReportRecord> reports;
  for (auto it = reports_.lower_bound({month, 0}); it != reports_.end() && it->first.first == month;
       ++it) {
    reports.push_back(it->second);
  }
  return reports;
}

absl::StatusOr<std::vector<MissedReport>> InMemoryReportStore::ClaimMissedReports(absl::Time now,
                                                                                  int limit) {
  if (limit < 1) return common::InvalidField("limit", "must be at least 1");
  absl::MutexLock lock(&mutex_);
  std::vector<ReportRecord*> missed;
  for (auto& [key, report] : reports_) {
    if (report.due.has_value() && report.due->at < now && !report.submission.has_value() &&
        !report.miss_counted) {
      missed.push_back(&report);
    }
  }
  std::sort(missed.begin(), missed.end(), [](const ReportRecord* a, const ReportRecord* b) {
    return std::tie(a->due->at, a->hotline_id, a->month) <
           std::tie(b->due->at, b->hotline_id, b->month);
  });
  if (static_cast<int>(missed.size()) > limit) missed.resize(limit);
  std::vector<MissedReport> claimed;
  for (ReportRecord* report : missed) {
    report->miss_counted = true;
    claimed.push_back({report->hotline_id, report->month, *report->due});
  }
  return claimed;
}

absl::StatusOr<PhraseScore> InMemoryReportStore::SaveScore(const PhraseScore& score) {
  RETURN_IF_ERROR(CheckCallId("call_id", score.call_id));
  absl::MutexLock lock(&mutex_);
  PhraseScore stored = score;
  auto it = scores_.find({score.hotline_id, score.call_id});
  if (it != scores_.end() && !stored.mandarin.has_value()) stored.mandarin = it->second.mandarin;
  scores_[{score.hotline_id, score.call_id}] = stored;
  return stored;
}

absl::StatusOr<PhraseScore> InMemoryReportStore::GetScore(int64_t hotline_id,
                                                          const std::string& call_id) {
  absl::MutexLock lock(&mutex_);
  auto it = scores_.find({hotline_id, call_id});
  if (it == scores_.end()) return NoScore(hotline_id, call_id);
  return it->second;
}

absl::StatusOr<PhraseScore> InMemoryReportStore::SetMandarinReview(int64_t hotline_id,
                                                                   const std::string& call_id,
                                                                   const MandarinReview& review) {
  absl::MutexLock lock(&mutex_);
  auto it = scores_.find({hotline_id, call_id});
  if (it == scores_.end()) return NoScore(hotline_id, call_id);
  it->second.mandarin = review;
  return it->second;
}

absl::StatusOr<PhraseUse> InMemoryReportStore::MonthPhraseUse(int64_t hotline_id,
                                                              const std::string& month,
                                                              const absl::TimeZone& zone) {
  ASSIGN_OR_RETURN(MonthRange range, LocalMonthRange(month, zone));
  absl::MutexLock lock(&mutex_);
  PhraseUse use;
  for (auto it = scores_.lower_bound({hotline_id, ""});
       it != scores_.end() && it->first.first == hotline_id; ++it) {
    const PhraseScore& score = it->second;
    if (score.scored_at < range.start || score.scored_at >= range.end) continue;
    ++use.scored;
    if (score.used == score.required) ++use.fully_used;
  }
  return use;
}

}  // namespace cs::hotline
