#include "services/assessment/store/scorecard_store_in_memory.h"

#include <utility>

#include "common/status/status_macros.h"

namespace cs::assessment {

absl::StatusOr<ScorecardResult> InMemoryScorecardStore::KeyedWrite(
    absl::string_view scope, const RequestKey& key, const std::string& unit_id,
    absl::CivilMonth month, const std::string& set_name,
    const std::function<absl::StatusOr<StoredScorecard>(const StoredScorecard* stored)>& write) {
  RETURN_IF_ERROR(CheckScorecardKey(key, unit_id, set_name));
  const std::string response = ScorecardResponse(unit_id, month, set_name);
  const CardKey card{MonthText(month), set_name, unit_id};
  absl::MutexLock lock(&mutex_);
  auto it = cards_.find(card);
  ASSIGN_OR_RETURN(absl::optional<std::string> replay, keys_.Find(scope, key));
  if (replay.has_value()) {
    if (*replay != response) return RequestIdForAnother("scorecard");
    if (it == cards_.end()) return absl::InternalError("the replayed scorecard is missing");
    return ScorecardResult{it->second, true};
  }
  ASSIGN_OR_RETURN(StoredScorecard stored, write(it == cards_.end() ? nullptr : &it->second));
  cards_[card] = stored;
  keys_.Record(scope, key, response);
  return ScorecardResult{std::move(stored), false};
}

absl::StatusOr<ScorecardResult> InMemoryScorecardStore::Save(const Scorecard& scorecard,
                                                             const RequestKey& key) {
  return KeyedWrite(kSaveScorecardScope, key, scorecard.unit_id, scorecard.month,
                    scorecard.set_name,
                    [&](const StoredScorecard* stored) -> absl::StatusOr<StoredScorecard> {
                      if (stored != nullptr) return ScorecardStoredAlready(scorecard);
                      return StoredScorecard{scorecard, 1, absl::nullopt};
                    });
}

absl::StatusOr<absl::optional<StoredScorecard>> InMemoryScorecardStore::Get(
    const std::string& unit_id, absl::CivilMonth month, const std::string& set_name) {
  absl::MutexLock lock(&mutex_);
  auto it = cards_.find({MonthText(month), set_name, unit_id});
  if (it == cards_.end()) return absl::optional<StoredScorecard>();
  return absl::optional<StoredScorecard>(it->second);
}

absl::StatusOr<std::vector<StoredScorecard>> InMemoryScorecardStore::ListForMonth(
    absl::CivilMonth month, const std::string& set_name) {
  absl::MutexLock lock(&mutex_);
  std::vector<StoredScorecard> listed;
  const std::string month_text = MonthText(month);
  for (const auto& [card, stored] : cards_) {
    if (std::get<0>(card) == month_text && std::get<1>(card) == set_name) listed.push_back(stored);
  }
  return listed;
}

absl::StatusOr<ScorecardResult> InMemoryScorecardStore::Replace(const Scorecard& scorecard,
                                                                const RequestKey& key) {
  return KeyedWrite(kReplaceScorecardScope, key, scorecard.unit_id, scorecard.month,
                    scorecard.set_name,
                    [&](const StoredScorecard* stored) -> absl::StatusOr<StoredScorecard> {
                      if (stored == nullptr) {
                        return NoScorecard(scorecard.unit_id, scorecard.month, scorecard.set_name);
                      }
                      return StoredScorecard{scorecard, stored->revision + 1, stored->feedback};
                    });
}

absl::StatusOr<ScorecardResult> InMemoryScorecardStore::RecordFeedback(
    const std::string& unit_id, absl::CivilMonth month, const std::string& set_name,
    const std::string& feedback, const std::string& by, absl::Time at, const RequestKey& key) {
  return KeyedWrite(kScorecardFeedbackScope, key, unit_id, month, set_name,
                    [&](const StoredScorecard* stored) -> absl::StatusOr<StoredScorecard> {
                      if (stored == nullptr) return NoScorecard(unit_id, month, set_name);
                      StoredScorecard changed = *stored;
                      changed.feedback = ScorecardFeedback{feedback, by, at};
                      return changed;
                    });
}

}  // namespace cs::assessment
