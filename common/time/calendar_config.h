// Reads the working-time calendar data file (cs.config.v1.WorkingCalendarFile, protobuf text
// format, e.g. deploy/config/calendar.textproto) into a CalendarSet. The validator plugs into
// cs::common::config::LoadConfigFile, so every mistake — a date "2026-02-30", a period
// "12:00"–"09:00", overlapping periods, a duplicate version, an unknown current_version, a make-up
// day that is not a weekend, a holiday that is also a make-up day, an unknown time zone — is
// reported with file, line and field. Pure functions; thread-safe. Loaded at start, and again
// whenever the file is reloaded (common/calendar/calendar_reloader.h).
#ifndef CS_COMMON_TIME_CALENDAR_CONFIG_H_
#define CS_COMMON_TIME_CALENDAR_CONFIG_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/status/field_violations.h"
#include "common/time/calendar_set.h"
#include "common/time/working_calendar_data.h"
#include "cs/config/v1/calendar.pb.h"

namespace cs::common {

// Time zone of a version that names none (SPEC "Working time").
inline constexpr absl::string_view kDefaultCalendarTimeZone = "Asia/Shanghai";

// Every violation in `file`, each naming its field path ("versions[0].holidays[3].date"); empty
// when the file is valid. Use it as the validator of LoadConfigFile / ParseConfigText.
FieldViolations ValidateWorkingCalendarFile(const cs::config::v1::WorkingCalendarFile& file);

// One version as plain data. INVALID_ARGUMENT naming every field that does not parse (dates, times
// of day, weekdays, time zone); the meaning is checked by WorkingCalendar::Create.
absl::StatusOr<WorkingCalendarData> WorkingCalendarDataFromProto(
    const cs::config::v1::WorkingCalendarVersion& version);

// Validates `file` and builds all its versions. INVALID_ARGUMENT naming every bad field.
absl::StatusOr<CalendarSet> CalendarSetFromProto(const cs::config::v1::WorkingCalendarFile& file);

// Parses `text` (called `file_name` in errors) as a calendar file and builds it. INVALID_ARGUMENT
// "<file>:<line>: <field>: <problem>" for each mistake.
absl::StatusOr<CalendarSet> ParseCalendarSet(absl::string_view file_name, absl::string_view text);

// Reads the calendar file at `path` and builds it. NOT_FOUND when it cannot be read;
// INVALID_ARGUMENT
// "<path>:<line>: <field>: <problem>" for each mistake.
absl::StatusOr<CalendarSet> LoadCalendarSet(const std::string& path);

// Every version of `published` (the file in force) that `candidate` removes or edits, as
// violations of `candidate`'s fields: "versions" for a removed version, the first differing field
// ("versions[1].holidays[3].date") for an edited one. Deadlines recorded with a version are
// recomputed with it for as long as they live (SPEC "Working time"), so a published version never
// changes: a change is a new version, named in current_version. Adding versions and naming any
// version current are allowed. Empty when every published version is there unchanged.
FieldViolations CheckPublishedVersionsKept(const cs::config::v1::WorkingCalendarFile& published,
                                           const cs::config::v1::WorkingCalendarFile& candidate);

// A calendar file as read: its message (what a later file is checked against) and the set built
// from it.
struct CalendarFile {
  cs::config::v1::WorkingCalendarFile file;
  CalendarSet set;
};

// Reads the calendar file at `path` and builds it, as LoadCalendarSet; when `published` is given,
// the file must also keep each of its versions (CheckPublishedVersionsKept), and a violation of
// that is reported like any other mistake: INVALID_ARGUMENT "<path>:<line>: <field>: <problem>".
// NOT_FOUND when the file cannot be read.
absl::StatusOr<CalendarFile> LoadCalendarFile(
    const std::string& path, const cs::config::v1::WorkingCalendarFile* published = nullptr);

}  // namespace cs::common

#endif  // CS_COMMON_TIME_CALENDAR_CONFIG_H_
