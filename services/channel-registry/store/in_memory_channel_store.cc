#include "services/channel-registry/store/in_memory_channel_store.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/printable_id.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"
#include "services/channel-registry/store/channel_store_support.h"

namespace cs::channel {
namespace {

absl::Status NoChannel(int64_t id) {
  return absl::NotFoundError(absl::StrCat("no channel ", FormatChannelId(id)));
}

}  // namespace

absl::StatusOr<absl::optional<int64_t>> InMemoryChannelStore::FindKey(const std::string& scope,
                                                                      const RequestKey& key) const {
  auto it = keys_.find(std::make_pair(scope, key.request_id));
  if (it == keys_.end()) return absl::optional<int64_t>();
  if (it->second.fingerprint != key.fingerprint) {
    return common::RequestIdReused(
        "was already used for a different request; use a new request_id");
  }
  return absl::optional<int64_t>(it->second.response);
}

std::vector<UnfiledChannel> InMemoryChannelStore::FileReports(const OnlineChannel& channel) {
  std::vector<UnfiledChannel> filed;
  const FilingForm& form = channel.form();
  for (auto& [id, report] : unfiled_) {
    if (report.filed_as_channel_id != 0 || report.unit_id != channel.unit_id ||
        report.address != form.address) {
      continue;
    }
    report.filed_as_channel_id = channel.id;
    report.filed_at = form.filed_at;
    filed.push_back(report);
  }
  return filed;
}

bool InMemoryChannelStore::Matches(const OnlineChannel& channel, const ChannelFilter& filter) {
  if (!filter.unit_id.empty() && channel.unit_id != filter.unit_id) return false;
  if (filter.state != ChannelState::kUnspecified && channel.state != filter.state) return false;
  if (filter.kind != ChannelKind::kUnspecified && channel.form().kind != filter.kind) return false;
  if (!filter.address.empty() && channel.form().address != filter.address) return false;
  return true;
}

absl::StatusOr<CreateChannelResult> InMemoryChannelStore::Create(OnlineChannel draft,
                                                                 const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  RETURN_IF_ERROR(CheckHasForm(draft));
  const std::string scope(kFileChannelScope);
  absl::MutexLock lock(&mutex_);
  ASSIGN_OR_RETURN(absl::optional<int64_t> replay, FindKey(scope, key));
  if (replay.has_value()) {
    auto it = channels_.find(*replay);
    if (it == channels_.end())
      return absl::InternalError("the replayed filing's channel is missing");
    return CreateChannelResult{it->second, true, {}};
  }
  draft.id = next_channel_id_++;
  draft.version = 1;
  channels_[draft.id] = draft;
  keys_[{scope, key.request_id}] = {key.fingerprint, draft.id};
  std::vector<UnfiledChannel> filed = FileReports(draft);
  return CreateChannelResult{std::move(draft), false, std::move(filed)};
}

absl::StatusOr<OnlineChannel> InMemoryChannelStore::Get(int64_t id) {
  absl::MutexLock lock(&mutex_);
  auto it = channels_.find(id);
  if (it == channels_.end()) return NoChannel(id);
  return it->second;
}

absl::StatusOr<ChannelPage> InMemoryChannelStore::List(const ChannelFilter& filter,
                                                       int64_t after_id, int page_size) {
  RETURN_IF_ERROR(CheckPageSize(page_size));
  absl::MutexLock lock(&mutex_);
  ChannelPage page;
  for (auto it = channels_.upper_bound(after_id); it != channels_.end(); ++it) {
    if (!Matches(it->second, filter)) continue;
    if (static_cast<int>(page.channels.size()) == page_size) {
      page.next_after_id = page.channels.back().id;
      break;
    }
    page.channels.push_back(it->second);
  }
  return page;
}

absl::StatusOr<MutationResult> InMemoryChannelStore::Mutate(int64_t id,
                                                            const MutationOptions& options,
                                                            const ChannelMutation& mutation) {
  std::string scope;
  const bool keyed = options.request_key.has_value();
  RETURN_IF_ERROR(CheckMutationKey(keyed, keyed ? options.request_key->request_id : "",
                                   kMutationScopePrefix, options.scope, &scope));
  absl::MutexLock lock(&mutex_);
  if (keyed) {
    ASSIGN_OR_RETURN(absl::optional<int64_t> replay, FindKey(scope, *options.request_key));
    if (replay.has_value()) {
      if (*replay != id) {
        return common::RequestIdReused(
            "was already used for another channel; use a new request_id");
      }
      auto it = channels_.find(id);
      if (it == channels_.end()) return NoChannel(id);
      return MutationResult{it->second, true, {}};
    }
  }
  auto it = channels_.find(id);
  if (it == channels_.end()) return NoChannel(id);
  const OnlineChannel& loaded = it->second;
  if (options.expected_version.has_value() && *options.expected_version != loaded.version) {
    return absl::AbortedError(absl::StrCat(FormatChannelId(id), " is at version ", loaded.version,
                                           ", not ", *options.expected_version,
                                           "; read it again and retry"));
  }
  OnlineChannel changed = loaded;
  RETURN_IF_ERROR(mutation(changed));
  RETURN_IF_ERROR(CheckHasForm(changed));
  ASSIGN_OR_RETURN(OnlineChannel saved, ChannelToSave(loaded, std::move(changed)));
  std::vector<UnfiledChannel> filed;
  if (FiledNewVersion(loaded, saved)) filed = FileReports(saved);
  it->second = std::move(saved);
  if (keyed)
    keys_[{scope, options.request_key->request_id}] = {options.request_key->fingerprint, id};
  return MutationResult{it->second, false, std::move(filed)};
}

absl::StatusOr<std::vector<OnlineChannel>> InMemoryChannelStore::ListCheckOverdue(absl::Time now,
                                                                                  int limit) {
  RETURN_IF_ERROR(CheckLimit(limit));
  absl::MutexLock lock(&mutex_);
  std::vector<std::pair<absl::Time, int64_t>> due;
  for (const auto& [id, channel] : channels_) {
    if (channel.state == ChannelState::kRetired || !channel.next_check_due.has_value()) continue;
    if (*channel.next_check_due < now) due.emplace_back(*channel.next_check_due, id);
  }
  std::sort(due.begin(), due.end());
  if (static_cast<int>(due.size()) > limit) due.resize(limit);
  std::vector<OnlineChannel> overdue;
  for (const auto& [at, id] : due) overdue.push_back(channels_.at(id));
  return overdue;
}

absl::StatusOr<CreateUnfiledResult> InMemoryChannelStore::CreateUnfiled(UnfiledChannel report,
                                                                        const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  const std::string scope(kReportUnfiledScope);
  absl::MutexLock lock(&mutex_);
  ASSIGN_OR_RETURN(absl::optional<int64_t> replay, FindKey(scope, key));
  if (replay.has_value()) {
    auto it = unfiled_.find(*replay);
    if (it == unfiled_.end()) return absl::InternalError("the replayed report is missing");
    return CreateUnfiledResult{it->second, true};
  }
  report.id = next_unfiled_id_++;
  unfiled_[report.id] = report;
  keys_[{scope, key.request_id}] = {key.fingerprint, report.id};
  return CreateUnfiledResult{std::move(report), false};
}

absl::StatusOr<UnfiledChannel> InMemoryChannelStore::GetUnfiled(int64_t id) {
  absl::MutexLock lock(&mutex_);
  auto it = unfiled_.find(id);
  if (it == unfiled_.end()) {
    return absl::NotFoundError(absl::StrCat("no unfiled channel report ", FormatUnfiledId(id)));
  }
  return it->second;
}

absl::StatusOr<UnfiledPage> InMemoryChannelStore::ListUnfiled(const std::string& unit_id,
                                                              bool open_only, int64_t after_id,
                                                              int page_size) {
  RETURN_IF_ERROR(CheckPageSize(page_size));
  absl::MutexLock lock(&mutex_);
  UnfiledPage page;
  for (auto it = unfiled_.upper_bound(after_id); it != unfiled_.end(); ++it) {
    const UnfiledChannel& report = it->second;
    if (!unit_id.empty() && report.unit_id != unit_id) continue;
    if (open_only && report.filed_as_channel_id != 0) continue;
    if (static_cast<int>(page.reports.size()) == page_size) {
      page.next_after_id = page.reports.back().id;
      break;
    }
    page.reports.push_back(report);
  }
  return page;
}

}  // namespace cs::channel
