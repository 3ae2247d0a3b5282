// `csctl calendar deadline`: the deadline a start instant gets, computed with the suite's own
// calendar code (common/time ComputeDeadline) on the calendar file the services read. The
// services' CalendarAdmin says which version is in force but not its periods, so the file is read
// here and its current version is compared with the one a service reports. Stateless.
#ifndef CS_TOOLS_CSCTL_CALENDAR_DEADLINE_H_
#define CS_TOOLS_CSCTL_CALENDAR_DEADLINE_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/time/deadline.h"
#include "cs/common/v1/common.pb.h"

namespace cs::tools::csctl {

struct DeadlineQuestion {
  absl::Time start;
  common::Period period;
  std::string calendar_file;
  bool offline = false;
};

// Reads the command's flags: --start (RFC 3339 or "now"; default now), one period flag (--hours,
// --working_hours, --working_minutes, --working_days, --months, --years, --wall_hours,
// --wall_minutes; default 1 working hour), --calendar_file (default $CS_CONFIG_DIR/
// calendar.textproto, else deploy/config/calendar.textproto), --offline. INVALID_ARGUMENT naming
// the flag otherwise.
absl::StatusOr<DeadlineQuestion> ParseDeadlineQuestion(
    const std::vector<std::pair<std::string, std::string>>& flags, const std::string& config_dir);

// The deadline with the file's current version. NOT_FOUND when the file cannot be read;
// INVALID_ARGUMENT "<file>:<line>: …" for a bad file or period.
absl::StatusOr<cs::common::v1::Deadline> ComputeQuestion(const DeadlineQuestion& question);

}  // namespace cs::tools::csctl

#endif  // CS_TOOLS_CSCTL_CALENDAR_DEADLINE_H_
