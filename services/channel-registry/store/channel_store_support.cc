#include "services/channel-registry/store/channel_store_support.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/db/printable_id.h"
#include "common/status/field_violations.h"
#include "common/text/utf8.h"
#include "common/time/report_month.h"

namespace cs::channel {

absl::Status CheckMonth(absl::string_view month) {
  return common::ParseMonth(month, "month").status();
}

absl::Status CheckMutationKey(bool has_key, absl::string_view request_id, absl::string_view prefix,
                              absl::string_view scope, std::string* full_scope) {
  full_scope->clear();
  if (!has_key) return absl::OkStatus();
  if (absl::Status id = common::db::ValidateRequestId(request_id); !id.ok()) return id;
  if (scope.empty()) return common::InvalidField("scope", "a request key needs a scope");
  *full_scope = absl::StrCat(prefix, scope);
  return absl::OkStatus();
}

absl::Status CheckHasForm(const OnlineChannel& channel) {
  if (channel.form_versions.empty()) {
    return common::InvalidField("form_versions", "must hold at least the form as filed");
  }
  return absl::OkStatus();
}

absl::StatusOr<OnlineChannel> ChannelToSave(const OnlineChannel& loaded, OnlineChannel changed) {
  if (changed.form_versions.size() < loaded.form_versions.size()) {
    return common::InvalidField("form_versions",
                                "every version filed is kept; a change may only add versions");
  }
  changed.id = loaded.id;
  changed.version = loaded.version + 1;
  // History and form versions are append-only: what was stored stays as it was.
  std::vector<HistoryEntry> history = loaded.history;
  for (size_t i = loaded.history.size(); i < changed.history.size(); ++i) {
    history.push_back(changed.history[i]);
  }
  changed.history = std::move(history);
  // …except the languages of the current version when no version was added: RecordPublication
  // replaces the languages offered without filing a new form (channel_lifecycle.h).
  const bool added = changed.form_versions.size() > loaded.form_versions.size();
  for (size_t i = 0; i < loaded.form_versions.size(); ++i) {
    std::vector<std::string> languages = std::move(changed.form_versions[i].languages);
    changed.form_versions[i] = loaded.form_versions[i];
    if (!added && i + 1 == loaded.form_versions.size()) {
      changed.form_versions[i].languages = std::move(languages);
    }
  }
  return changed;
}

bool FiledNewVersion(const OnlineChannel& loaded, const OnlineChannel& saved) {
  return saved.form_versions.size() > loaded.form_versions.size();
}

std::string ReportResponse(int64_t channel_id, absl::string_view month) {
  return absl::StrCat(channel_id, "|", month);
}

}  // namespace cs::channel
