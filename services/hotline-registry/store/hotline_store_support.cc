#include "services/hotline-registry/store/hotline_store_support.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "common/db/printable_id.h"
#include "common/status/field_violations.h"
#include "common/text/utf8.h"
#include "common/time/report_month.h"

namespace cs::hotline {
namespace {

// DATETIME(6) holds years 1000..9999; a time outside could not be stored.
bool StorableTime(absl::Time at) {
  if (at == absl::InfinitePast() || at == absl::InfiniteFuture()) return false;
  const int64_t year = absl::ToCivilYear(at, absl::UTCTimeZone()).year();
  return year >= 1000 && year <= 9998;  // 9998: a local month may end a day later in UTC+14
}

}  // namespace

std::string NoticeIdText(int64_t n) { return absl::StrCat("NT-", n); }

std::string NextChangeId(const Hotline& hotline) {
  int64_t largest = 0;
  for (const HotlineChange& change : hotline.changes) {
    int64_t n = 0;
    absl::string_view id = change.change_id;
    if (absl::ConsumePrefix(&id, "CH-") && absl::SimpleAtoi(id, &n) && n > largest) largest = n;
  }
  return absl::StrCat("CH-", largest + 1);
}

absl::optional<absl::Time> NextDueAt(const Hotline& hotline) {
  absl::optional<absl::Time> due;
  for (const HotlineChange& change : hotline.changes) {
    if (change.state != ChangeState::kPendingSignature &&
        change.state != ChangeState::kPendingApproval && change.state != ChangeState::kApproved) {
      continue;
    }
    if (!due.has_value() || change.form.change_at < *due) due = change.form.change_at;
  }
  return due;
}

absl::Status CheckMonth(absl::string_view month) {
  return common::ParseMonth(month, "month").status();
}

absl::StatusOr<MonthRange> LocalMonthRange(absl::string_view month, const absl::TimeZone& zone) {
  absl::StatusOr<absl::CivilMonth> first = common::ParseMonth(month, "month");
  if (!first.ok()) return first.status();
  return MonthRange{absl::FromCivil(*first, zone), absl::FromCivil(*first + 1, zone)};
}

absl::Status CheckCallId(absl::string_view field, absl::string_view call_id) {
  return common::db::CheckPrintableId(field, call_id, kMaxCallIdLength);
}

absl::Status CheckCallBatch(const std::vector<IncomingCall>& calls) {
  common::FieldViolations violations;
  for (size_t i = 0; i < calls.size(); ++i) {
    const CallRecord& r = calls[i].record;
    const std::string prefix = absl::StrCat("records[", i, "]");
    if (absl::Status id = CheckCallId("call_id", r.call_id); !id.ok()) {
      for (const common::FieldViolation& v : common::ViolationsOf(id)) {
        violations.Add(absl::StrCat(prefix, ".", v.field), v.description);
      }
    }
    if (!common::IsValidUtf8(r.agent_staff_number) ||
        common::Utf8Length(r.agent_staff_number) > kMaxStaffNumberLength) {
      violations.Add(
          absl::StrCat(prefix, ".agent_staff_number"),
          absl::StrCat("must be UTF-8 of at most ", kMaxStaffNumberLength, " characters"));
    }
    if (r.outcome != CallOutcome::kAnswered && r.outcome != CallOutcome::kAbandoned) {
      violations.Add(absl::StrCat(prefix, ".outcome"), "must be ANSWERED or ABANDONED");
    }
    if (r.wait_seconds < 0) {
      violations.Add(absl::StrCat(prefix, ".wait_seconds"), "must not be negative");
    }
    if (!StorableTime(r.offered_at)) {
      violations.Add(absl::StrCat(prefix, ".offered_at"), "must be in the years 1000 to 9998");
    }
  }
  return violations.ToStatus("call records the store cannot keep");
}

absl::Status CheckDay(absl::string_view day) {
  absl::CivilDay parsed;
  if (day.size() != 10 || !absl::ParseCivilTime(day, &parsed) ||
      absl::FormatCivilTime(parsed) != day) {
    return common::InvalidField("day", "must be YYYY-MM-DD");
  }
  return absl::OkStatus();
}

absl::Status CheckStaffKey(absl::string_view unit_id, absl::string_view staff_number) {
  common::FieldViolations violations;
  if (unit_id.empty() || !common::IsValidUtf8(unit_id) || common::Utf8Length(unit_id) > 64) {
    violations.Add("unit_id", "must be 1 to 64 characters of UTF-8");
  }
  if (staff_number.empty() || !common::IsValidUtf8(staff_number) ||
      common::Utf8Length(staff_number) > kMaxStaffNumberLength) {
    violations.Add("staff_number",
                   absl::StrCat("must be 1 to ", kMaxStaffNumberLength, " characters of UTF-8"));
  }
  return violations.ToStatus("staff the store cannot keep");
}

}  // namespace cs::hotline
