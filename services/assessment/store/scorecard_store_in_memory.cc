#include "services/assessment/store/scorecard_store_in_memory.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/printable_id.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"

namespace cs::assessment {

absl::StatusOr<absl::optional<ScorecardResult>> InMemoryScorecardStore::Replay(
    const std::string& scope, const RequestKey& key, const std::string& response,
    const CardKey& card) {
  auto known = keys_.find({scope, key.request_id});
  if (known == keys_.end()) return absl::optional<ScorecardResult>();
  if (known->second.fingerprint != key.fingerprint) {
    return common::RequestIdReused(
        "was already used for a different request; use a new request_id");
  }
  if (known->second.response != response) return RequestIdForAnother("scorecard");
  auto it = cards_.find(card);
  if (it == cards_.end()) return absl::InternalError("the replayed scorecard is missing");
  return absl::optional<ScorecardResult>(ScorecardResult{it->second, true});
}

absl::StatusOr<ScorecardResult> InMemoryScorecardStore::Save(const Scorecard& scorecard,
                                                             const RequestKey& key) {
  RETURN_IF_ERROR(CheckScorecardKey(key, scorecard.unit_id, scorecard.set_name));
  const std::string scope(kSaveScorecardScope);
  const std::string response =
      ScorecardResponse(scorecard.unit_id, scorecard.month, scorecard.set_name);
  const CardKey card{MonthText(scorecard.month), scorecard.set_name, scorecard.unit_id};
  absl::MutexLock lock(&mutex_);
  ASSIGN_OR_RETURN(absl::optional<ScorecardResult> replay, Replay(scope, key, response, card));
  if (replay.has_value()) return *std::move(replay);
  if (cards_.contains(card)) return ScorecardStoredAlready(scorecard);
  StoredScorecard stored{scorecard, 1, absl::nullopt};
  cards_[card] = stored;
  keys_[{scope, key.request_id}] = {key.fingerprint, response};
  return ScorecardResult{std::move(stored), false};
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
  RETURN_IF_ERROR(CheckScorecardKey(key, scorecard.unit_id, scorecard.set_name));
  const std::string scope(kReplaceScorecardScope);
  const std::string response =
      ScorecardResponse(scorecard.unit_id, scorecard.month, scorecard.set_name);
  const CardKey card{MonthText(scorecard.month), scorecard.set_name, scorecard.unit_id};
  absl::MutexLock lock(&mutex_);
  ASSIGN_OR_RETURN(absl::optional<ScorecardResult> replay, Replay(scope, key, response, card));
  if (replay.has_value()) return *std::move(replay);
  auto it = cards_.find(card);
  if (it == cards_.end()) {
    return NoScorecard(scorecard.unit_id, scorecard.month, scorecard.set_name);
  }
  it->second.scorecard = scorecard;
  ++it->second.revision;
  keys_[{scope, key.request_id}] = {key.fingerprint, response};
  return ScorecardResult{it->second, false};
}

absl::StatusOr<ScorecardResult> InMemoryScorecardStore::RecordFeedback(
    const std::string& unit_id, absl::CivilMonth month, const std::string& set_name,
    const std::string& feedback, const std::string& by, absl::Time at, const RequestKey& key) {
  RETURN_IF_ERROR(CheckScorecardKey(key, unit_id, set_name));
  const std::string scope(kScorecardFeedbackScope);
  const std::string response = ScorecardResponse(unit_id, month, set_name);
  const CardKey card{MonthText(month), set_name, unit_id};
  absl::MutexLock lock(&mutex_);
  ASSIGN_OR_RETURN(absl::optional<ScorecardResult> replay, Replay(scope, key, response, card));
  if (replay.has_value()) return *std::move(replay);
  auto it = cards_.find(card);
  if (it == cards_.end()) return NoScorecard(unit_id, month, set_name);
  it->second.feedback = ScorecardFeedback{feedback, by, at};
  keys_[{scope, key.request_id}] = {key.fingerprint, response};
  return ScorecardResult{it->second, false};
}

}  // namespace cs::assessment
