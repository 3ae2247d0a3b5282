#include "services/hotline-registry/store/in_memory_call_record_store.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "common/status/status_macros.h"
#include "services/hotline-registry/store/hotline_store_support.h"

namespace cs::hotline {

absl::StatusOr<std::vector<InsertOutcome>> InMemoryCallRecordStore::InsertBatch(
    const std::vector<IncomingCall>& calls) {
  RETURN_IF_ERROR(CheckCallBatch(calls));
  absl::MutexLock lock(&mutex_);
  std::vector<InsertOutcome> outcomes;
  outcomes.reserve(calls.size());
  for (const IncomingCall& call : calls) {
    auto [it, inserted] =
        calls_.emplace(std::make_pair(call.record.hotline_id, call.record.call_id),
                       StoredCall{call.record, call.hotline_active});
    outcomes.push_back(inserted ? InsertOutcome::kStored : InsertOutcome::kDuplicate);
  }
  return outcomes;
}

absl::StatusOr<StoredCall> InMemoryCallRecordStore::Get(int64_t hotline_id,
                                                        const std::string& call_id) {
  absl::MutexLock lock(&mutex_);
  auto it = calls_.find({hotline_id, call_id});
  if (it == calls_.end()) {
    return absl::NotFoundError(
        absl::StrCat("no call record ", call_id, " of ", FormatHotlineId(hotline_id)));
  }
  return it->second;
}

absl::StatusOr<CallCounts> InMemoryCallRecordStore::MonthCounts(int64_t hotline_id,
                                                                const std::string& month,
                                                                const absl::TimeZone& zone) {
  ASSIGN_OR_RETURN(MonthRange range, LocalMonthRange(month, zone));
  absl::MutexLock lock(&mutex_);
  CallCounts counts;
  for (auto it = calls_.lower_bound({hotline_id, ""});
       it != calls_.end() && it->first.first == hotline_id; ++it) {
    const CallRecord& r = it->second.record;
    if (r.offered_at < range.start || r.offered_at >= range.end) continue;
    const bool answered = r.outcome == CallOutcome::kAnswered;
    if (r.within_service_hours) {
      ++counts.offered;
      if (answered) ++counts.answered;
    } else {
      ++counts.offered_outside_hours;
      if (answered) ++counts.answered_outside_hours;
    }
  }
  return counts;
}

absl::StatusOr<std::vector<int64_t>> InMemoryCallRecordStore::HotlinesWithCallsWhileNotActive(
    const std::string& month, const absl::TimeZone& zone) {
  ASSIGN_OR_RETURN(MonthRange range, LocalMonthRange(month, zone));
  absl::MutexLock lock(&mutex_);
  std::set<int64_t> hotlines;
  for (const auto& [key, call] : calls_) {
    if (!call.hotline_active && call.record.offered_at >= range.start &&
        call.record.offered_at < range.end) {
      hotlines.insert(key.first);
    }
  }
  return std::vector<int64_t>(hotlines.begin(), hotlines.end());
}

}  // namespace cs::hotline
