#include "tools/csctl/calendar_deadline.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/api/proto_time.h"
#include "common/time/calendar_config.h"
#include "google/protobuf/util/time_util.h"

namespace cs::tools::csctl {
namespace {

struct PeriodFlag {
  const char* name;
  common::PeriodUnit unit;
};

constexpr PeriodFlag kPeriodFlags[] = {
    {"hours", common::PeriodUnit::kWorkingHours},
    {"working_hours", common::PeriodUnit::kWorkingHours},
    {"working_minutes", common::PeriodUnit::kWorkingMinutes},
    {"working_days", common::PeriodUnit::kWorkingDays},
    {"months", common::PeriodUnit::kMonths},
    {"years", common::PeriodUnit::kYears},
    {"wall_hours", common::PeriodUnit::kWallHours},
    {"wall_minutes", common::PeriodUnit::kWallMinutes},
};

}  // namespace

absl::StatusOr<DeadlineQuestion> ParseDeadlineQuestion(
    const std::vector<std::pair<std::string, std::string>>& flags, const std::string& config_dir) {
  DeadlineQuestion question;
  question.start = absl::Now();
  question.period = {common::PeriodUnit::kWorkingHours, 1};
  question.calendar_file = absl::StrCat(config_dir, "/calendar.textproto");
  bool period_given = false;
  for (const auto& [name, value] : flags) {
    if (name == "start") {
      if (value == "now") continue;
      google::protobuf::Timestamp timestamp;
      if (!google::protobuf::util::TimeUtil::FromString(value, &timestamp)) {
        return absl::InvalidArgumentError(
            absl::StrCat("--start: \"", value, "\" is not an RFC 3339 instant"));
      }
      absl::StatusOr<absl::Time> start = common::FromProtoTimestamp(timestamp, "start");
      if (!start.ok()) return start.status();
      question.start = *start;
      continue;
    }
    if (name == "calendar_file") {
      question.calendar_file = value;
      continue;
    }
    if (name == "offline") {
      question.offline = value.empty() || value == "true";
      continue;
    }
    bool known = false;
    for (const PeriodFlag& flag : kPeriodFlags) {
      if (name != flag.name) continue;
      known = true;
      if (period_given) {
        return absl::InvalidArgumentError("give one period flag (--hours, --working_days, …)");
      }
      int64_t amount = 0;
      if (!absl::SimpleAtoi(value, &amount)) {
        return absl::InvalidArgumentError(
            absl::StrCat("--", name, ": \"", value, "\" is not a whole number"));
      }
      question.period = {flag.unit, amount};
      period_given = true;
    }
    if (!known) {
      return absl::InvalidArgumentError(
          absl::StrCat("--", name,
                       " is not a flag of calendar deadline (csctl calendar deadline "
                       "--help)"));
    }
  }
  if (absl::Status valid = common::ValidatePeriod(question.period); !valid.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("the period: ", valid.message()));
  }
  return question;
}

absl::StatusOr<cs::common::v1::Deadline> ComputeQuestion(const DeadlineQuestion& question) {
  absl::StatusOr<common::CalendarSet> calendars = common::LoadCalendarSet(question.calendar_file);
  if (!calendars.ok()) return calendars.status();
  absl::StatusOr<common::Deadline> deadline = calendars->Compute(question.start, question.period);
  if (!deadline.ok()) return deadline.status();
  cs::common::v1::Deadline answer;
  *answer.mutable_at() = common::ToProtoTimestamp(deadline->at);
  answer.set_calendar_version(deadline->calendar_version);
  answer.set_provisional(deadline->provisional);
  return answer;
}

}  // namespace cs::tools::csctl
