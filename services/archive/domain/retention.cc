#include "services/archive/domain/retention.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/status/error_reason.h"
#include "common/status/field_violations.h"
#include "common/time/month_arithmetic.h"

namespace cs::archive {
namespace {

constexpr int kMaxRetentionMonths = 1200;

}  // namespace

absl::string_view RetentionSourceName(RetentionSource source) {
  switch (source) {
    case RetentionSource::kSlaTargets:
      return "sla_targets";
    case RetentionSource::kFileDefault:
      return "file_default";
    case RetentionSource::kFileUnit:
      return "file_unit";
    case RetentionSource::kRpc:
      return "rpc";
  }
  return "unknown";
}

std::string RetentionPeriodText(int months) {
  if (months % 12 == 0) return absl::StrCat(months / 12, months == 12 ? " year" : " years");
  return absl::StrCat(months, months == 1 ? " month" : " months");
}

absl::StatusOr<int> RetentionMonths(const common::Period& period, absl::string_view field) {
  int64_t months = 0;
  switch (period.unit) {
    case common::PeriodUnit::kMonths:
      months = period.amount;
      break;
    case common::PeriodUnit::kYears:
      months = period.amount * 12;
      break;
    default:
      return common::InvalidField(std::string(field),
                                  "must be counted in months or years (A1 7.3.1)");
  }
  if (months <= 0 || months > kMaxRetentionMonths) {
    return common::InvalidField(std::string(field),
                                absl::StrCat("must be 1 to ", kMaxRetentionMonths, " months"));
  }
  return static_cast<int>(months);
}

absl::Status CheckRetentionMonths(int months, int minimum_months, absl::string_view field) {
  const int minimum = std::max(minimum_months, kLegalMinimumRetentionMonths);
  if (months < minimum) {
    return common::InvalidField(
        std::string(field), absl::StrCat("may not be shorter than ", RetentionPeriodText(minimum),
                                         " (A1 7.3.1: records are kept at least 2 years); got ",
                                         RetentionPeriodText(months)));
  }
  return absl::OkStatus();
}

Retention DecideRetention(const RetentionPolicy& policy, absl::Time closed_at,
                          absl::TimeZone time_zone) {
  Retention retention;
  retention.months = policy.months;
  retention.retain_until = common::AddMonths(closed_at, policy.months, time_zone);
  const absl::Time last_day = retention.retain_until - absl::Seconds(1);
  retention.basis =
      absl::StrCat(RetentionPeriodText(policy.months), " (", RetentionSourceName(policy.source),
                   policy.unit_id.empty() ? "" : absl::StrCat(", unit ", policy.unit_id),
                   policy.note.empty() ? "" : absl::StrCat(": ", policy.note),
                   "; A1 7.3.1 minimum 2 years) from closing on ",
                   absl::FormatTime("%Y-%m-%d", closed_at, time_zone), ", kept to the end of ",
                   absl::FormatTime("%Y-%m-%d", last_day, time_zone), " (", time_zone.name(), ")");
  return retention;
}

absl::Status CheckDestroyable(const ArchivedRecord& record, absl::Time now) {
  const std::string id = RecordIdText(record.record_id);
  if (record.destroyed()) {
    return common::WithReason(absl::FailedPreconditionError(absl::StrCat(
                                  id, " was already destroyed (certificate ",
                                  CertificateIdText(record.destruction->certificate_id), ")")),
                              reason::kRecordDestroyed);
  }
  if (record.hold.held) {
    return common::WithReason(
        absl::FailedPreconditionError(absl::StrCat(
            id, " is under legal hold: it cannot be destroyed until the hold is released")),
        reason::kUnderLegalHold);
  }
  if (now < record.retention.retain_until) {
    return common::WithReason(
        absl::FailedPreconditionError(
            absl::StrCat(id, " is within its retention (", record.retention.basis,
                         "): it may be destroyed from ",
                         absl::FormatTime("%Y-%m-%d %H:%M:%S UTC", record.retention.retain_until,
                                          absl::UTCTimeZone()),
                         " (A1 7.3.4: nothing is destroyed before expiry)")),
        reason::kRetentionNotExpired);
  }
  return absl::OkStatus();
}

}  // namespace cs::archive
