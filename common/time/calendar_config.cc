#include "common/time/calendar_config.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "absl/types/optional.h"
#include "common/config/config_file.h"
#include "common/status/status_macros.h"
#include "google/protobuf/util/message_differencer.h"

namespace cs::common {
namespace {

using cs::config::v1::WorkingCalendarFile;
using cs::config::v1::WorkingCalendarVersion;
using cs::config::v1::WorkingPeriod;

// The value of `text[first, first + count)` when those are all decimal digits.
absl::optional<int> Digits(absl::string_view text, size_t first, size_t count) {
  int value = 0;
  for (size_t i = first; i < first + count; ++i) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(text[i]))) return absl::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

// Exactly "YYYY-MM-DD" naming a real day: "2026-02-30" is refused rather than rolled into March.
absl::optional<absl::CivilDay> ParseDate(absl::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return absl::nullopt;
  const absl::optional<int> year = Digits(text, 0, 4);
  const absl::optional<int> month = Digits(text, 5, 2);
  const absl::optional<int> day = Digits(text, 8, 2);
  if (!year || !month || !day) return absl::nullopt;
  const absl::CivilDay parsed(*year, *month, *day);
  if (parsed.year() != *year || parsed.month() != *month || parsed.day() != *day) {
    return absl::nullopt;
  }
  return parsed;
}

void ParseDateField(const std::string& text, const std::string& field, absl::CivilDay* out,
                    FieldViolations* violations) {
  if (text.empty()) {
    violations->Add(field, "is required (YYYY-MM-DD)");
  } else if (absl::optional<absl::CivilDay> day = ParseDate(text)) {
    *out = *day;
  } else {
    violations->Add(field, absl::StrCat("\"", text, "\" is not a date (YYYY-MM-DD)"));
  }
}

void ParseTimeField(const std::string& text, const std::string& field, int* out,
                    FieldViolations* violations) {
  if (text.empty()) {
    violations->Add(field, "is required (HH:MM)");
  } else if (absl::optional<int> minute = ParseMinuteOfDay(text)) {
    *out = *minute;
  } else {
    violations->Add(field,
                    absl::StrCat("\"", text, "\" is not a time of day (HH:MM, 00:00-24:00)"));
  }
}

std::vector<DailyPeriod> ParsePeriods(
    const google::protobuf::RepeatedPtrField<WorkingPeriod>& periods, const std::string& path,
    FieldViolations* violations) {
  std::vector<DailyPeriod> parsed;
  for (int j = 0; j < periods.size(); ++j) {
    const std::string item = absl::StrCat(path, "[", j, "]");
    DailyPeriod period;
    ParseTimeField(periods[j].start(), absl::StrCat(item, ".start"), &period.start_minute,
                   violations);
    ParseTimeField(periods[j].end(), absl::StrCat(item, ".end"), &period.end_minute, violations);
    parsed.push_back(period);
  }
  return parsed;
}

absl::Weekday ToWeekday(cs::config::v1::Weekday weekday) {
  return static_cast<absl::Weekday>(static_cast<int>(weekday) - 1);
}

bool IsWeekday(cs::config::v1::Weekday weekday) {
  return weekday >= cs::config::v1::MONDAY && weekday <= cs::config::v1::SUNDAY;
}

// Converts one version; every field that does not parse is a violation with a path inside the
// version. The entries keep the file's order, so the meaning checks name the same paths.
FieldViolations ConvertVersion(const WorkingCalendarVersion& proto, WorkingCalendarData* data) {
  FieldViolations violations;
  data->version = proto.version();
  data->source = proto.source();
  const std::string zone_name =
      proto.time_zone().empty() ? std::string(kDefaultCalendarTimeZone) : proto.time_zone();
  if (!absl::LoadTimeZone(zone_name, &data->time_zone)) {
    violations.Add("time_zone", absl::StrCat("\"", zone_name, "\" is not a known IANA time zone"));
  }
  for (int k = 0; k < proto.weekly_hours_size(); ++k) {
    const auto& hours = proto.weekly_hours(k);
    const std::string path = absl::StrCat("weekly_hours[", k, "]");
    WeekdayHours converted;
    if (IsWeekday(hours.weekday())) {
      converted.weekday = ToWeekday(hours.weekday());
    } else {
      violations.Add(absl::StrCat(path, ".weekday"), "must be MONDAY..SUNDAY");
    }
    converted.periods = ParsePeriods(hours.periods(), absl::StrCat(path, ".periods"), &violations);
    data->weekly_hours.push_back(std::move(converted));
  }
  for (int i = 0; i < proto.holidays_size(); ++i) {
    Holiday holiday;
    holiday.name = proto.holidays(i).name();
    ParseDateField(proto.holidays(i).date(), absl::StrCat("holidays[", i, "].date"), &holiday.date,
                   &violations);
    data->holidays.push_back(std::move(holiday));
  }
  for (int i = 0; i < proto.makeup_working_days_size(); ++i) {
    const auto& makeup = proto.makeup_working_days(i);
    const std::string path = absl::StrCat("makeup_working_days[", i, "]");
    MakeupWorkingDay converted;
    converted.name = makeup.name();
    ParseDateField(makeup.date(), absl::StrCat(path, ".date"), &converted.date, &violations);
    if (makeup.hours_like() == cs::config::v1::WEEKDAY_UNSPECIFIED) {
      converted.hours_like = absl::Weekday::monday;
    } else if (IsWeekday(makeup.hours_like())) {
      converted.hours_like = ToWeekday(makeup.hours_like());
    } else {
      violations.Add(absl::StrCat(path, ".hours_like"), "must be MONDAY..SUNDAY");
    }
    converted.periods = ParsePeriods(makeup.periods(), absl::StrCat(path, ".periods"), &violations);
    data->makeup_working_days.push_back(std::move(converted));
  }
  ParseDateField(proto.coverage_start(), "coverage_start", &data->coverage_start, &violations);
  ParseDateField(proto.horizon(), "horizon", &data->horizon, &violations);
  return violations;
}

// The entry a field path belongs to: "holidays[3]" for "holidays[3].date", "horizon" for "horizon".
absl::string_view EntryOf(absl::string_view field) {
  const size_t close = field.find(']');
  return close == absl::string_view::npos ? field : field.substr(0, close + 1);
}

// The meaning checks of one version whose parsing reported `parse_violations`. An entry that did
// not parse holds a placeholder, so what the checks say about it is noise and is left out; without
// both coverage dates nothing can be judged.
FieldViolations CheckMeaning(const WorkingCalendarData& data,
                             const FieldViolations& parse_violations) {
  absl::flat_hash_set<absl::string_view> unparsed;
  for (const FieldViolation& violation : parse_violations.violations()) {
    unparsed.insert(EntryOf(violation.field));
  }
  FieldViolations meaning;
  if (unparsed.contains("coverage_start") || unparsed.contains("horizon")) return meaning;
  const FieldViolations all = ValidateWorkingCalendarData(data);
  for (const FieldViolation& violation : all.violations()) {
    if (!unparsed.contains(EntryOf(violation.field))) {
      meaning.Add(violation.field, violation.description);
    }
  }
  return meaning;
}

// Records where two versions first differ, as a field path of the second ("holidays[3].date"), and
// how ("changed", "added", "removed").
class FirstDifference final : public google::protobuf::util::MessageDifferencer::Reporter {
 public:
  using SpecificField = google::protobuf::util::MessageDifferencer::SpecificField;

  void ReportAdded(const google::protobuf::Message& /*message1*/,
                   const google::protobuf::Message& /*message2*/,
                   const std::vector<SpecificField>& field_path) override {
    Record(field_path, "added");
  }
  void ReportDeleted(const google::protobuf::Message& /*message1*/,
                     const google::protobuf::Message& /*message2*/,
                     const std::vector<SpecificField>& field_path) override {
    Record(field_path, "removed");
  }
  void ReportModified(const google::protobuf::Message& /*message1*/,
                      const google::protobuf::Message& /*message2*/,
                      const std::vector<SpecificField>& field_path) override {
    Record(field_path, "changed");
  }

  const std::string& path() const { return path_; }
  // "holidays[3].date changed"; "an entry changed" when the path is empty.
  std::string what() const {
    return path_.empty() ? absl::StrCat("an entry ", kind_) : absl::StrCat(path_, " ", kind_);
  }

 private:
  void Record(const std::vector<SpecificField>& field_path, absl::string_view kind) {
    if (recorded_) return;
    recorded_ = true;
    kind_ = std::string(kind);
    std::vector<std::string> steps;
    for (const SpecificField& step : field_path) {
      if (step.field == nullptr) break;  // unknown fields: the text parser never keeps any
      std::string name = step.field->name();
      // The index in the new file, so the loader finds its line; a removed entry has none there.
      if (step.field->is_repeated() && step.new_index >= 0) {
        absl::StrAppend(&name, "[", step.new_index, "]");
      }
      steps.push_back(std::move(name));
    }
    path_ = absl::StrJoin(steps, ".");
  }

  bool recorded_ = false;
  std::string path_;
  std::string kind_;
};

}  // namespace

FieldViolations ValidateWorkingCalendarFile(const WorkingCalendarFile& file) {
  FieldViolations violations;
  if (file.versions_size() == 0) violations.Add("versions", "at least one version is required");
  absl::flat_hash_map<std::string, int> index_by_name;
  for (int i = 0; i < file.versions_size(); ++i) {
    const std::string prefix = absl::StrCat("versions[", i, "]");
    const std::string& name = file.versions(i).version();
    if (!name.empty()) {
      auto [it, inserted] = index_by_name.emplace(name, i);
      if (!inserted) {
        violations.Add(absl::StrCat(prefix, ".version"),
                       absl::StrCat("\"", name, "\" is already the name of versions[", it->second,
                                    "]; a changed calendar is a new version"));
      }
    }
    WorkingCalendarData data;
    const FieldViolations parse_violations = ConvertVersion(file.versions(i), &data);
    violations.Merge(parse_violations, prefix);
    violations.Merge(CheckMeaning(data, parse_violations), prefix);
  }
  if (file.current_version().empty()) {
    violations.Add("current_version", "is required");
  } else if (!index_by_name.contains(file.current_version())) {
    std::vector<std::string> names;
    for (const auto& version : file.versions()) names.push_back(version.version());
    violations.Add("current_version",
                   absl::StrCat("\"", file.current_version(), "\" is not among the versions (",
                                absl::StrJoin(names, ", "), ")"));
  }
  return violations;
}

absl::StatusOr<WorkingCalendarData> WorkingCalendarDataFromProto(
    const WorkingCalendarVersion& version) {
  WorkingCalendarData data;
  const FieldViolations violations = ConvertVersion(version, &data);
  if (!violations.empty()) {
    return violations.ToStatus(
        absl::StrCat("calendar version \"", version.version(), "\" does not parse"));
  }
  return data;
}

absl::StatusOr<CalendarSet> CalendarSetFromProto(const WorkingCalendarFile& file) {
  RETURN_IF_ERROR(ValidateWorkingCalendarFile(file).ToStatus("the calendar file is invalid"));
  std::vector<WorkingCalendarData> versions;
  for (const WorkingCalendarVersion& version : file.versions()) {
    ASSIGN_OR_RETURN(WorkingCalendarData data, WorkingCalendarDataFromProto(version));
    versions.push_back(std::move(data));
  }
  return CalendarSet::Create(std::move(versions), file.current_version());
}

absl::StatusOr<CalendarSet> ParseCalendarSet(absl::string_view file_name, absl::string_view text) {
  WorkingCalendarFile file;
  RETURN_IF_ERROR(
      config::ParseConfigText(file_name, text, &file, [](const google::protobuf::Message& message) {
        return ValidateWorkingCalendarFile(static_cast<const WorkingCalendarFile&>(message));
      }));
  return CalendarSetFromProto(file);
}

absl::StatusOr<CalendarSet> LoadCalendarSet(const std::string& path) {
  ASSIGN_OR_RETURN(CalendarFile loaded, LoadCalendarFile(path));
  return std::move(loaded.set);
}

FieldViolations CheckPublishedVersionsKept(const WorkingCalendarFile& published,
                                           const WorkingCalendarFile& candidate) {
  FieldViolations violations;
  absl::flat_hash_map<std::string, int> candidate_index;
  for (int i = 0; i < candidate.versions_size(); ++i) {
    candidate_index.emplace(candidate.versions(i).version(), i);
  }
  for (const WorkingCalendarVersion& version : published.versions()) {
    auto found = candidate_index.find(version.version());
    if (found == candidate_index.end()) {
      violations.Add(
          "versions",
          absl::StrCat("published version \"", version.version(),
                       "\" is missing: deadlines computed with it are recomputed with it, "
                       "so it stays in the file unchanged"));
      continue;
    }
    FirstDifference difference;
    google::protobuf::util::MessageDifferencer differencer;
    differencer.ReportDifferencesTo(&difference);
    if (differencer.Compare(version, candidate.versions(found->second))) continue;
    const std::string prefix = absl::StrCat("versions[", found->second, "]");
    violations.Add(
        difference.path().empty() ? prefix : absl::StrCat(prefix, ".", difference.path()),
        absl::StrCat("changes published version \"", version.version(), "\" (", difference.what(),
                     "): a published version never changes; put the change in a new "
                     "version and name it in current_version"));
  }
  return violations;
}

absl::StatusOr<CalendarFile> LoadCalendarFile(const std::string& path,
                                              const WorkingCalendarFile* published) {
  ASSIGN_OR_RETURN(WorkingCalendarFile file,
                   config::LoadConfigFile<WorkingCalendarFile>(
                       path, [published](const WorkingCalendarFile& candidate) {
                         FieldViolations violations = ValidateWorkingCalendarFile(candidate);
                         if (published != nullptr) {
                           violations.Merge(CheckPublishedVersionsKept(*published, candidate), "");
                         }
                         return violations;
                       }));
  ASSIGN_OR_RETURN(CalendarSet set, CalendarSetFromProto(file));
  return CalendarFile{std::move(file), std::move(set)};
}

}  // namespace cs::common
