// V2 and V4: how long records are kept and when one may be destroyed. A retention is a number of
// calendar months (a period of years counts as 12 months each), never under 2 years (A1 7.3.1),
// counted from the ticket's closing to the end of the corresponding day (PRC Civil Code arts.
// 202–203, via common::AddMonths). Pure functions and plain values; thread-safe.
#ifndef CS_SERVICES_ARCHIVE_DOMAIN_RETENTION_H_
#define CS_SERVICES_ARCHIVE_DOMAIN_RETENTION_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/time/deadline.h"
#include "services/archive/domain/archived_record.h"

namespace cs::archive {

// A1 7.3.1: "保存期限不得少于2年".
inline constexpr int kLegalMinimumRetentionMonths = 24;

// Where a unit's retention comes from, strongest last: the suite's SLA file, the archive retention
// file's default, the file's entry for the unit, a change made through SetUnitRetention.
enum class RetentionSource { kSlaTargets, kFileDefault, kFileUnit, kRpc };

// "sla_targets", "file_default", "file_unit", "rpc".
absl::string_view RetentionSourceName(RetentionSource source);

struct RetentionPolicy {
  std::string unit_id;
  int months = kLegalMinimumRetentionMonths;
  RetentionSource source = RetentionSource::kSlaTargets;
  // For kRpc: who set it and when.
  std::string set_by;
  absl::optional<absl::Time> set_at;
  // The file's note, or the reason given to SetUnitRetention.
  std::string note;
};

// "2 years", "30 months".
std::string RetentionPeriodText(int months);

// The months of a period counted in months or years. INVALID_ARGUMENT naming `field` for any other
// unit (a retention in working days or hours means nothing) or an amount beyond 1200 months.
absl::StatusOr<int> RetentionMonths(const common::Period& period, absl::string_view field);

// OK when `months` >= `minimum_months`; INVALID_ARGUMENT naming `field` otherwise, citing A1 7.3.1.
// The minimum itself is never taken below kLegalMinimumRetentionMonths.
absl::Status CheckRetentionMonths(int months, int minimum_months, absl::string_view field);

// The retention of a record closed at `closed_at` under `policy`: destroyable from the end of the
// corresponding day `policy.months` months later in `time_zone`, with a basis that says so.
Retention DecideRetention(const RetentionPolicy& policy, absl::Time closed_at,
                          absl::TimeZone time_zone);

// V4: OK when `record` may be destroyed at `now`. FAILED_PRECONDITION naming the state otherwise,
// with its reason: already destroyed (RECORD_DESTROYED), under legal hold (UNDER_LEGAL_HOLD), or
// retention not yet expired, with the instant it expires (RETENTION_NOT_EXPIRED).
absl::Status CheckDestroyable(const ArchivedRecord& record, absl::Time now);

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_DOMAIN_RETENTION_H_
