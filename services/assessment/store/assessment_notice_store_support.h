// What both implementations of the assessment service's notice stores share, so they cannot drift
// apart: the idempotency scopes, the checks before a keyed or versioned mutation, and how a
// mutation's save is assembled from what was loaded and what the mutation left (id and version the
// store's, append-only parts kept). Pure functions (library assessment_notice_store, no
// Connector/C++); thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_NOTICE_STORE_SUPPORT_H_
#define CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_NOTICE_STORE_SUPPORT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/db/store_arguments.h"
#include "services/assessment/store/launch_review_store.h"
#include "services/assessment/store/maintenance_store.h"
#include "services/assessment/store/notice_store.h"

namespace cs::assessment {

// The stores' argument checks are the suite's (common/db/store_arguments.h).
using common::db::CheckPageSize;

// The idempotency scopes of the stores' keyed writes (common/db/idempotency.h). A Mutate's scope is
// its store's prefix + NoticeMutationOptions::scope, so a notice, a maintenance notice and a
// review with the same number never answer each other's request ids.
inline constexpr absl::string_view kIssueNoticeScope = "assessment.IssueRectificationNotice";
inline constexpr absl::string_view kNoticeMutationScopePrefix = "assessment.notice.";
inline constexpr absl::string_view kFileMaintenanceScope = "assessment.FileMaintenanceNotice";
inline constexpr absl::string_view kMaintenanceMutationScopePrefix = "assessment.maintenance.";
inline constexpr absl::string_view kSubmitLaunchReviewScope = "assessment.SubmitLaunchReview";
inline constexpr absl::string_view kLaunchReviewMutationScopePrefix = "assessment.launch_review.";

// OK, or INVALID_ARGUMENT naming "request_id" (bad shape) or "scope" (a key without a scope): the
// checks of a keyed mutation before anything runs. `prefix` + `scope` is stored in *full_scope.
absl::Status CheckMutationKey(const NoticeMutationOptions& options, absl::string_view prefix,
                              std::string* full_scope);

// OK, or ABORTED naming `record` ("RN-3") and both versions when `expected` is set and differs.
absl::Status CheckExpectedVersion(const absl::optional<int64_t>& expected, int64_t stored,
                                  absl::string_view record);

// INVALID_ARGUMENT naming request_id: the id was answered for another record.
absl::Status NoticeRequestIdForAnother(absl::string_view what);

// What Mutate saves: `changed` (the mutation's result on a copy of the stored `loaded`) with
// loaded's id, version loaded + 1, and the append-only parts (history; a notice's replies and
// verifications) as stored with what the mutation appended after them.
RectificationNotice NoticeToSave(const RectificationNotice& loaded, RectificationNotice changed);
// …and for a maintenance record also what was filed (form, filed_by/at, notice_lead, late,
// late_finding) as stored.
MaintenanceRecord MaintenanceToSave(const MaintenanceRecord& loaded, MaintenanceRecord changed);
LaunchReview LaunchReviewToSave(const LaunchReview& loaded, LaunchReview changed);

// `stored` followed by the entries of `changed` past stored.size().
template <typename Entry>
std::vector<Entry> AppendOnly(const std::vector<Entry>& stored, const std::vector<Entry>& changed) {
  std::vector<Entry> kept = stored;
  for (size_t i = stored.size(); i < changed.size(); ++i) kept.push_back(changed[i]);
  return kept;
}

// Matching of the list filters, the same in both implementations.
bool AwaitingReply(const RectificationNotice& notice);
bool MatchesNoticeFilter(const RectificationNotice& notice, const NoticeFilter& filter);
bool MatchesMaintenanceFilter(const MaintenanceRecord& record, const MaintenanceFilter& filter);

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_NOTICE_STORE_SUPPORT_H_
