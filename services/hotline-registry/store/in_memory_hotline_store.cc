#include "services/hotline-registry/store/in_memory_hotline_store.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/db/printable_id.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"
#include "services/hotline-registry/store/hotline_store_support.h"

namespace cs::hotline {
namespace {

absl::Status NoHotline(int64_t id) {
  return absl::NotFoundError(absl::StrCat("no hotline ", FormatHotlineId(id)));
}

}  // namespace

absl::StatusOr<absl::optional<std::string>> InMemoryHotlineStore::FindKey(
    const std::string& scope, const RequestKey& key) const {
  auto it = keys_.find(std::make_pair(scope, key.request_id));
  if (it == keys_.end()) return absl::optional<std::string>();
  if (it->second.fingerprint != key.fingerprint) {
    return common::RequestIdReused(
        "was already used for a different request; use a new request_id");
  }
  return absl::optional<std::string>(it->second.response);
}

void InMemoryHotlineStore::NameChanges(Hotline& hotline) {
  for (HotlineChange& change : hotline.changes) {
    if (change.change_id.empty()) change.change_id = NextChangeId(hotline);
  }
}

void InMemoryHotlineStore::Save(const Hotline& loaded, Hotline changed) {
  changed.id = loaded.id;
  changed.version = loaded.version + 1;
  // History is append-only: what was stored stays as it was.
  std::vector<HistoryEntry> history = loaded.history;
  for (size_t i = loaded.history.size(); i < changed.history.size(); ++i) {
    history.push_back(changed.history[i]);
  }
  changed.history = std::move(history);
  NameChanges(changed);
  hotlines_[loaded.id] = std::move(changed);
}

bool InMemoryHotlineStore::Matches(const Hotline& hotline, const HotlineFilter& filter) {
  if (!filter.unit_id.empty() && hotline.unit_id != filter.unit_id) return false;
  if (filter.state != HotlineState::kUnspecified && hotline.state != filter.state) return false;
  if (!filter.number.empty() && hotline.number != filter.number &&
      std::none_of(hotline.transitions.begin(), hotline.transitions.end(),
                   [&](const NumberTransition& t) { return t.old_number == filter.number; })) {
    return false;
  }
  return true;
}

absl::StatusOr<CreateHotlineResult> InMemoryHotlineStore::Create(Hotline draft,
                                                                 const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  const std::string scope(kRegisterHotlineScope);
  absl::MutexLock lock(&mutex_);
  ASSIGN_OR_RETURN(absl::optional<std::string> replay, FindKey(scope, key));
  if (replay.has_value()) {
    int64_t id = 0;
    if (!absl::SimpleAtoi(*replay, &id) || hotlines_.count(id) == 0) {
      return absl::InternalError("the replayed registration's hotline is missing");
    }
    return CreateHotlineResult{hotlines_.at(id), true};
  }
  draft.id = next_hotline_id_++;
  draft.version = 1;
  NameChanges(draft);
  hotlines_[draft.id] = draft;
  keys_[{scope, key.request_id}] = {key.fingerprint, absl::StrCat(draft.id)};
  return CreateHotlineResult{std::move(draft), false};
}

absl::StatusOr<Hotline> InMemoryHotlineStore::Get(int64_t id) {
  absl::MutexLock lock(&mutex_);
  auto it = hotlines_.find(id);
  if (it == hotlines_.end()) return NoHotline(id);
  return it->second;
}

absl::StatusOr<HotlinePage> InMemoryHotlineStore::List(const HotlineFilter& filter,
                                                       int64_t after_id, int page_size) {
  RETURN_IF_ERROR(CheckPageSize(page_size));
  absl::MutexLock lock(&mutex_);
  HotlinePage page;
  for (auto it = hotlines_.upper_bound(after_id); it != hotlines_.end(); ++it) {
    if (!Matches(it->second, filter)) continue;
    if (static_cast<int>(page.hotlines.size()) == page_size) {
      page.next_after_id = page.hotlines.back().id;
      break;
    }
    page.hotlines.push_back(it->second);
  }
  return page;
}

absl::StatusOr<MutationResult> InMemoryHotlineStore::Mutate(int64_t id,
                                                            const MutationOptions& options,
                                                            const HotlineMutation& mutation) {
  std::string scope;
  if (options.request_key.has_value()) {
    RETURN_IF_ERROR(common::db::ValidateRequestId(options.request_key->request_id));
    if (options.scope.empty()) return absl::InvalidArgumentError("a request key needs a scope");
    scope = absl::StrCat(kMutationScopePrefix, options.scope);
  }
  absl::MutexLock lock(&mutex_);
  if (options.request_key.has_value()) {
    ASSIGN_OR_RETURN(absl::optional<std::string> replay, FindKey(scope, *options.request_key));
    if (replay.has_value()) {
      if (*replay != absl::StrCat(id)) {
        return common::RequestIdReused(
            "was already used for another hotline; use a new request_id");
      }
      auto it = hotlines_.find(id);
      if (it == hotlines_.end()) return NoHotline(id);
      return MutationResult{it->second, true};
    }
  }
  auto it = hotlines_.find(id);
  if (it == hotlines_.end()) return NoHotline(id);
  const Hotline& loaded = it->second;
  if (options.expected_version.has_value() && *options.expected_version != loaded.version) {
    return absl::AbortedError(absl::StrCat(FormatHotlineId(id), " is at version ", loaded.version,
                                           ", not ", *options.expected_version,
                                           "; read it again and retry"));
  }
  Hotline changed = loaded;
  RETURN_IF_ERROR(mutation(changed));
  Save(loaded, std::move(changed));
  if (options.request_key.has_value()) {
    keys_[{scope, options.request_key->request_id}] = {options.request_key->fingerprint,
                                                       absl::StrCat(id)};
  }
  return MutationResult{hotlines_.at(id), false};
}

absl::StatusOr<std::vector<SweptHotline>> InMemoryHotlineStore::ClaimDueChanges(
    absl::Time now, int limit, const HotlineMutation& mutation) {
  if (limit < 1) return common::InvalidField("limit", "must be at least 1");
  absl::MutexLock lock(&mutex_);
  std::vector<std::pair<absl::Time, int64_t>> due;
  for (const auto& [id, hotline] : hotlines_) {
    absl::optional<absl::Time> at = due_rule_(hotline);
    if (at.has_value() && *at <= now) due.emplace_back(*at, id);
  }
  std::sort(due.begin(), due.end());
  if (static_cast<int>(due.size()) > limit) due.resize(limit);
  std::vector<SweptHotline> swept;
  for (const auto& [at, id] : due) {
    const Hotline& loaded = hotlines_.at(id);
    Hotline changed = loaded;
    absl::Status status = mutation(changed);
    if (status.ok()) {
      Save(loaded, std::move(changed));
      swept.push_back({id, status, hotlines_.at(id)});
    } else {
      swept.push_back({id, std::move(status), loaded});
    }
  }
  return swept;
}

absl::StatusOr<std::vector<ListedTransition>> InMemoryHotlineStore::ListTransitions(
    absl::Time active_at, const std::string& unit_id) {
  absl::MutexLock lock(&mutex_);
  std::vector<ListedTransition> listed;
  for (const auto& [id, hotline] : hotlines_) {
    if (!unit_id.empty() && hotline.unit_id != unit_id) continue;
    for (const NumberTransition& t : hotline.transitions) {
      if (t.starts_at <= active_at && active_at < t.ends_at) {
        listed.push_back({id, hotline.unit_id, t});
      }
    }
  }
  std::stable_sort(listed.begin(), listed.end(),
                   [](const ListedTransition& a, const ListedTransition& b) {
                     return std::tie(a.transition.ends_at, a.hotline_id, a.transition.old_number) <
                            std::tie(b.transition.ends_at, b.hotline_id, b.transition.old_number);
                   });
  return listed;
}

absl::StatusOr<NoticeResult> InMemoryHotlineStore::CreateNotice(Notice draft, const RequestKey& key,
                                                                const NoticeApplication& apply) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  const std::string scope(kIssueNoticeScope);
  absl::MutexLock lock(&mutex_);
  ASSIGN_OR_RETURN(absl::optional<std::string> replay, FindKey(scope, key));
  if (replay.has_value()) {
    auto it = notices_.find(*replay);
    if (it == notices_.end()) return absl::InternalError("the replayed notice is missing");
    NoticeResult result{it->second, {}, true};
    for (const NoticeTarget& target : it->second.targets) {
      result.hotlines.push_back(hotlines_.at(target.hotline_id));
    }
    return result;
  }
  common::FieldViolations violations;
  if (draft.targets.empty()) violations.Add("notice.targets", "must name at least one hotline");
  absl::flat_hash_set<int64_t> named;
  for (size_t i = 0; i < draft.targets.size(); ++i) {
    const int64_t id = draft.targets[i].hotline_id;
    const std::string field = absl::StrCat("notice.targets[", i, "].hotline_id");
    if (hotlines_.count(id) == 0) {
      violations.Add(field, absl::StrCat("names no hotline (", FormatHotlineId(id), ")"));
    } else if (!named.insert(id).second) {
      violations.Add(field, absl::StrCat("names ", FormatHotlineId(id), " twice"));
    }
  }
  RETURN_IF_ERROR(violations.ToStatus("the notice cannot be issued"));

  draft.notice_id = NoticeIdText(next_notice_number_++);
  for (NoticeTarget& target : draft.targets) target.change_id.clear();
  // Every hotline is changed on a copy first, so a refusal anywhere leaves all of them as they
  // were.
  std::vector<Hotline> changed;
  for (size_t i = 0; i < draft.targets.size(); ++i) {
    Hotline copy = hotlines_.at(draft.targets[i].hotline_id);
    RETURN_IF_ERROR(apply(draft, i, copy));
    changed.push_back(std::move(copy));
  }
  NoticeResult result;
  for (size_t i = 0; i < changed.size(); ++i) {
    const int64_t id = draft.targets[i].hotline_id;
    Save(hotlines_.at(id), std::move(changed[i]));
    const Hotline& saved = hotlines_.at(id);
    for (const HotlineChange& change : saved.changes) {
      if (change.notice_id == draft.notice_id) draft.targets[i].change_id = change.change_id;
    }
    result.hotlines.push_back(saved);
  }
  notices_[draft.notice_id] = draft;
  keys_[{scope, key.request_id}] = {key.fingerprint, draft.notice_id};
  result.notice = std::move(draft);
  return result;
}

absl::StatusOr<Notice> InMemoryHotlineStore::GetNotice(const std::string& notice_id) {
  absl::MutexLock lock(&mutex_);
  auto it = notices_.find(notice_id);
  if (it == notices_.end()) return absl::NotFoundError(absl::StrCat("no notice ", notice_id));
  return it->second;
}

}  // namespace cs::hotline
