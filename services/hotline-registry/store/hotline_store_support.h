// What both implementations of the hotline registry's stores share, so they cannot drift apart: the
// due time the change sweep claims by, local month ranges, and the shape checks of values kept in
// key columns. Pure functions (library hotline_store, no Connector/C++); thread-safe.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_STORE_HOTLINE_STORE_SUPPORT_H_
#define CS_SERVICES_HOTLINE_REGISTRY_STORE_HOTLINE_STORE_SUPPORT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/db/store_arguments.h"
#include "services/hotline-registry/domain/hotline.h"
#include "services/hotline-registry/store/call_record_store.h"

namespace cs::hotline {

// The stores' argument checks are the suite's (common/db/store_arguments.h).
using common::db::CheckPageSize;
using common::db::CheckUnitId;

// The idempotency scopes of the stores' keyed writes (common/db/idempotency.h); Mutate's are
// kMutationScopePrefix + MutationOptions::scope.
inline constexpr absl::string_view kRegisterHotlineScope = "hotline.RegisterHotline";
inline constexpr absl::string_view kIssueNoticeScope = "hotline.IssueNotice";
inline constexpr absl::string_view kMutationScopePrefix = "hotline.";
inline constexpr absl::string_view kRegisterStaffScope = "hotline.RegisterStaff";
inline constexpr absl::string_view kRecordTrainingScope = "hotline.RecordTraining";
inline constexpr absl::string_view kSubmitReportScope = "hotline.SubmitOperatingReport";

// "NT-<n>": the id the store gives the n-th notice.
std::string NoticeIdText(int64_t n);

// The id of the next change filed on `hotline`: "CH-<k>", k one more than the largest n of its
// changes named "CH-<n>" (1 for the first). Change ids are unique per hotline (every request names
// the hotline beside the change), and every change of a hotline is made under its lock, so the
// core names a new change with this inside its mutation (the domain records the id in the
// history); the store names a change left without an id the same way.
std::string NextChangeId(const Hotline& hotline);

// When the change sweep must next look at `hotline` (the default DueRule, hotline_store.h): the
// earliest change_at of its changes that are PENDING_SIGNATURE or PENDING_APPROVAL (they lapse
// then) or APPROVED (it takes effect then); nullopt when it has none.
absl::optional<absl::Time> NextDueAt(const Hotline& hotline);

// The instants [start, end) of `month` ("YYYY-MM", common::ParseMonth) as a local month in `zone`.
// INVALID_ARGUMENT naming "month" otherwise.
struct MonthRange {
  absl::Time start;
  absl::Time end;
};
absl::StatusOr<MonthRange> LocalMonthRange(absl::string_view month, const absl::TimeZone& zone);

// INVALID_ARGUMENT naming "month" unless it is "YYYY-MM" (common::ParseMonth: years 2000-2999).
absl::Status CheckMonth(absl::string_view month);

// Longest call_id (and phrase-score call_id) the store keeps: printable ASCII, compared byte for
// byte.
inline constexpr size_t kMaxCallIdLength = 64;
// Longest agent staff number, in characters.
inline constexpr int64_t kMaxStaffNumberLength = 32;

// OK, or INVALID_ARGUMENT naming `field` when `call_id` is not 1..64 printable ASCII.
absl::Status CheckCallId(absl::string_view field, absl::string_view call_id);

// OK, or INVALID_ARGUMENT naming every field of every call that does not fit the store's columns
// ("records[i].call_id", "records[i].agent_staff_number", "records[i].outcome",
// "records[i].wait_seconds", "records[i].offered_at"; see CallRecordStore::InsertBatch).
absl::Status CheckCallBatch(const std::vector<IncomingCall>& calls);

// OK, or INVALID_ARGUMENT naming "day" unless it is "YYYY-MM-DD" (a real date).
absl::Status CheckDay(absl::string_view day);

// OK, or INVALID_ARGUMENT naming "unit_id" (1..64 characters of UTF-8) and "staff_number" (1..32
// characters of UTF-8): the key columns of staff.
absl::Status CheckStaffKey(absl::string_view unit_id, absl::string_view staff_number);

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_STORE_HOTLINE_STORE_SUPPORT_H_
