// What both implementations of the channel registry's stores share, so they cannot drift apart: the
// idempotency scopes, the shape checks of values kept in key columns, and how a channel's save is
// assembled from what was loaded and what the mutation left. Pure functions (library
// channel_store, no Connector/C++); thread-safe.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_STORE_CHANNEL_STORE_SUPPORT_H_
#define CS_SERVICES_CHANNEL_REGISTRY_STORE_CHANNEL_STORE_SUPPORT_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/db/store_arguments.h"
#include "services/channel-registry/domain/channel.h"

namespace cs::channel {

// The stores' argument checks are the suite's (common/db/store_arguments.h).
using common::db::CheckLimit;
using common::db::CheckPageSize;
using common::db::CheckUnitId;

// The idempotency scopes of the stores' keyed writes (common/db/idempotency.h); ChannelStore::
// Mutate's are kMutationScopePrefix + MutationOptions::scope, FaultStore::Mutate's
// kFaultMutationScopePrefix + FaultMutationOptions::scope (so a channel and a fault with the same
// number never answer each other's request ids).
inline constexpr absl::string_view kFileChannelScope = "channel.FileChannel";
inline constexpr absl::string_view kReportUnfiledScope = "channel.ReportUnfiledChannel";
inline constexpr absl::string_view kMutationScopePrefix = "channel.";
inline constexpr absl::string_view kOpenFaultScope = "channel.OpenFault";
inline constexpr absl::string_view kFaultMutationScopePrefix = "channel.fault.";
inline constexpr absl::string_view kRecordCheckScope = "channel.RecordCheck";
inline constexpr absl::string_view kRecordSampleScope = "channel.RecordUsageSample";
inline constexpr absl::string_view kRecordAssistanceScope = "channel.RequestCapacityAssistance";
inline constexpr absl::string_view kSubmitReportScope = "channel.SubmitMonthlyReport";

// OK, or INVALID_ARGUMENT naming "month" unless it is "YYYY-MM" (common::ParseMonth).
absl::Status CheckMonth(absl::string_view month);

// OK, or INVALID_ARGUMENT naming "request_id" (bad shape) or "scope" (a key without a scope): the
// checks of a keyed mutation before anything runs. `prefix` + `scope` is stored in *full_scope.
absl::Status CheckMutationKey(bool has_key, absl::string_view request_id, absl::string_view prefix,
                              absl::string_view scope, std::string* full_scope);

// INVALID_ARGUMENT naming form_versions unless `channel` has at least one form version.
absl::Status CheckHasForm(const OnlineChannel& channel);

// What Mutate saves: `changed` (the mutation's result on a copy of the stored `loaded`) with the
// id and version the store owns (loaded.id, loaded.version + 1) and the append-only parts taken
// from `loaded` (history and form versions already stored stay as they were; what the mutation
// appended after them is kept) — but when no version was added, the current version's languages
// are the mutation's (RecordPublication replaces them in place). INVALID_ARGUMENT naming
// form_versions, when the mutation removed a form version.
absl::StatusOr<OnlineChannel> ChannelToSave(const OnlineChannel& loaded, OnlineChannel changed);

// True when saving `saved` over `loaded` filed a new form version, so the unit's open unfiled
// reports at its current address are marked filed.
bool FiledNewVersion(const OnlineChannel& loaded, const OnlineChannel& saved);

// The response recorded for a keyed write of the report of (channel_id, month):
// "<channel_id>|<month>".
std::string ReportResponse(int64_t channel_id, absl::string_view month);

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_STORE_CHANNEL_STORE_SUPPORT_H_
