#include "common/time/calendar_config.h"

#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/civil_time.h"
#include "common/config/config_file.h"
#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

using ::cs::common::testing::Cn2026Calendar;
using ::cs::common::testing::IsOk;
using ::cs::common::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

TEST(CalendarConfigTest, DeployedCalendarFileIsValidAndIsTheOfficial2026Schedule) {
  ASSERT_OK_AND_ASSIGN(CalendarSet set, LoadCalendarSet(CS_CALENDAR_FILE));
  const WorkingCalendar& loaded = set.current();
  EXPECT_EQ(loaded.version(), "cn-2026.1");
  EXPECT_EQ(loaded.time_zone().name(), "Asia/Shanghai");
  EXPECT_EQ(loaded.coverage_start(), absl::CivilDay(2026, 1, 1));
  EXPECT_EQ(loaded.horizon(), absl::CivilDay(2026, 12, 31));
  EXPECT_THAT(loaded.source(), HasSubstr("2025-11-04"));
  // Day by day the same working days and hours as the facts in common/time/calendar_testing.cc.
  const WorkingCalendar expected = Cn2026Calendar();
  for (absl::CivilDay day(2025, 12, 1); day <= absl::CivilDay(2027, 1, 31); ++day) {
    ASSERT_EQ(loaded.IsWorkingDay(day), expected.IsWorkingDay(day)) << day;
    ASSERT_EQ(loaded.CloseOfBusiness(day), expected.CloseOfBusiness(day)) << day;
  }
  EXPECT_EQ(loaded.WorkingDaysBetween(absl::CivilDay(2025, 12, 31), absl::CivilDay(2026, 12, 31)),
            248);
}

// A small valid file; the tests below break one line of it at a time (line numbers matter).
constexpr absl::string_view kValid = R"pb(current_version: "v1"
                                          versions {
                                            version: "v1"
                                            coverage_start: "2026-01-01"
                                            horizon: "2026-12-31"
                                            weekly_hours {
                                              weekday: MONDAY
                                              periods { start: "09:00" end: "12:00" }
                                              periods { start: "13:00" end: "17:30" }
                                            }
                                            holidays { date: "2026-01-05" }
                                            makeup_working_days { date: "2026-01-04" }
                                          }
)pb";

absl::StatusOr<CalendarSet> ParseWith(absl::string_view from, absl::string_view to) {
  const std::string text = absl::StrReplaceAll(kValid, {{from, to}});
  EXPECT_NE(text, kValid) << "the replacement did not apply: " << from;
  return ParseCalendarSet("cal.textproto", text);
}

TEST(CalendarConfigTest, ValidTextBuildsTheSetWithTheDefaultTimeZone) {
  ASSERT_OK_AND_ASSIGN(CalendarSet set, ParseCalendarSet("cal.textproto", kValid));
  EXPECT_EQ(set.current().time_zone().name(), kDefaultCalendarTimeZone);
  EXPECT_FALSE(set.current().IsWorkingDay(absl::CivilDay(2026, 1, 5)));
  EXPECT_TRUE(set.current().IsWorkingDay(absl::CivilDay(2026, 1, 4)));
}

TEST(CalendarConfigTest, ImpossibleDateNamesLineAndField) {
  EXPECT_THAT(ParseWith("2026-01-05", "2026-02-30"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("cal.textproto:11: versions[0].holidays[0].date: \"2026-02-30\" "
                                 "is not a date")));
}

TEST(CalendarConfigTest, PeriodEndingBeforeItStartsNamesLineAndField) {
  EXPECT_THAT(ParseWith(R"(start: "09:00" end: "12:00")", R"(start: "12:00" end: "09:00")"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("cal.textproto:8: versions[0].weekly_hours[0].periods[0].end: "
                                 "must be after the start 12:00")));
}

TEST(CalendarConfigTest, OverlappingPeriodsNameLineAndField) {
  EXPECT_THAT(ParseWith(R"(start: "13:00")", R"(start: "11:00")"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("cal.textproto:9: versions[0].weekly_hours[0].periods[1].start: "
                                 "overlaps the period 09:00-12:00")));
}

TEST(CalendarConfigTest, MalformedTimeOfDayNamesLineAndField) {
  EXPECT_THAT(ParseWith(R"(end: "17:30")", R"(end: "5:30pm")"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("cal.textproto:9: versions[0].weekly_hours[0].periods[1].end: "
                                 "\"5:30pm\" is not a time of day")));
}

TEST(CalendarConfigTest, DuplicateVersionNamesLineAndField) {
  EXPECT_THAT(
      ParseCalendarSet("cal.textproto", absl::StrCat(kValid, "versions { version: \"v1\" }\n")),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("cal.textproto:14: versions[1].version: \"v1\" is already the "
                         "name of versions[0]")));
}

TEST(CalendarConfigTest, UnknownCurrentVersionNamesLineAndField) {
  EXPECT_THAT(ParseWith(R"(current_version: "v1")", R"(current_version: "v2")"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("cal.textproto:1: current_version: \"v2\" is not among the "
                                 "versions (v1)")));
}

TEST(CalendarConfigTest, MakeupDayOnAWeekdayNamesLineAndField) {
  EXPECT_THAT(ParseWith(R"(makeup_working_days { date: "2026-01-04" })",
                        R"(makeup_working_days { date: "2026-01-12" })"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("cal.textproto:12: versions[0].makeup_working_days[0].date: "
                                 "2026-01-12 is a Monday")));
}

TEST(CalendarConfigTest, HolidayThatIsAlsoAMakeupDayNamesLineAndField) {
  EXPECT_THAT(ParseWith(R"(holidays { date: "2026-01-05" })", R"(holidays { date: "2026-01-04" })"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("cal.textproto:12: versions[0].makeup_working_days[0].date: "
                                 "2026-01-04 is also a holiday (holidays[0])")));
}

TEST(CalendarConfigTest, UnknownTimeZoneNamesLineAndField) {
  EXPECT_THAT(
      ParseWith("  version: \"v1\"\n", "  version: \"v1\"\n  time_zone: \"Mars/Olympus\"\n"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("cal.textproto:4: versions[0].time_zone: \"Mars/Olympus\" is not a "
                         "known IANA time zone")));
}

TEST(CalendarConfigTest, MissingHorizonIsNamed) {
  EXPECT_THAT(
      ParseWith("  horizon: \"2026-12-31\"\n", ""),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("versions[0].horizon: is required")));
}

TEST(CalendarConfigTest, EveryMistakeIsReportedAtOnce) {
  const std::string text = absl::StrReplaceAll(
      kValid,
      {{"2026-01-05", "2026-13-01"}, {R"(current_version: "v1")", R"(current_version: "x")"}});
  EXPECT_THAT(ParseCalendarSet("cal.textproto", text),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("cal.textproto:11: versions[0].holidays[0].date"),
                             HasSubstr("cal.textproto:1: current_version"))));
}

TEST(CalendarConfigTest, MeaningIsCheckedEvenWhenAnotherEntryDoesNotParse) {
  const std::string text = absl::StrReplaceAll(
      kValid, {{"2026-01-05", "2026-02-30"},
               {R"(start: "09:00" end: "12:00")", R"(start: "12:00" end: "09:00")"},
               {R"(makeup_working_days { date: "2026-01-04" })",
                R"(makeup_working_days { date: "2026-01-12" })"}});
  EXPECT_THAT(
      ParseCalendarSet("cal.textproto", text),
      StatusIs(absl::StatusCode::kInvalidArgument,
               AllOf(HasSubstr("cal.textproto:11: versions[0].holidays[0].date"),
                     HasSubstr("cal.textproto:8: versions[0].weekly_hours[0].periods[0].end"),
                     HasSubstr("cal.textproto:12: versions[0].makeup_working_days[0].date"),
                     ::testing::Not(HasSubstr("outside the coverage")))));
}

TEST(CalendarConfigTest, UnknownFieldIsASyntaxErrorWithItsLine) {
  EXPECT_THAT(ParseWith("  holidays {", "  holyday {"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("cal.textproto:11:"), HasSubstr("holyday"))));
}

TEST(CalendarConfigTest, MissingFileIsNotFound) {
  EXPECT_THAT(LoadCalendarSet("/nonexistent/calendar.textproto"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("/nonexistent/calendar.textproto")));
}

TEST(CalendarConfigTest, ValidatorAcceptsTheDeployedFile) {
  cs::config::v1::WorkingCalendarFile file;
  EXPECT_THAT(config::LoadConfigFile(
                  CS_CALENDAR_FILE, &file,
                  [](const google::protobuf::Message& message) {
                    return ValidateWorkingCalendarFile(
                        static_cast<const cs::config::v1::WorkingCalendarFile&>(message));
                  }),
              IsOk());
  EXPECT_EQ(file.versions(0).holidays_size(), 33);
  EXPECT_EQ(file.versions(0).makeup_working_days_size(), 6);
}

// The file in force is kValid; `text` is the file an operator wrote next, read through
// LoadCalendarFile as a reload reads it.
absl::StatusOr<CalendarFile> ReloadWith(const std::string& text) {
  const std::string dir = ::testing::TempDir();
  const std::string published_path = absl::StrCat(dir, "/published.textproto");
  const std::string path = absl::StrCat(dir, "/cal.textproto");
  std::ofstream(published_path) << kValid;
  std::ofstream(path) << text;
  absl::StatusOr<CalendarFile> published = LoadCalendarFile(published_path);
  EXPECT_THAT(published, IsOk());
  if (!published.ok()) return published.status();
  return LoadCalendarFile(path, &published->file);
}

// A second version, current: what an operator adds when next year's schedule is published.
constexpr absl::string_view kV2 = R"pb(versions {
                                         version: "v2"
                                         coverage_start: "2026-01-01"
                                         horizon: "2027-12-31"
                                         weekly_hours {
                                           weekday: MONDAY
                                           periods { start: "09:00" end: "17:00" }
                                         }
                                       }
)pb";

TEST(CalendarConfigTest, ANewVersionMayBeAddedAndMadeCurrent) {
  const std::string text = absl::StrCat(
      absl::StrReplaceAll(kValid, {{R"(current_version: "v1")", R"(current_version: "v2")"}}), kV2);
  ASSERT_OK_AND_ASSIGN(CalendarFile loaded, ReloadWith(text));
  EXPECT_EQ(loaded.set.current().version(), "v2");
  EXPECT_EQ(loaded.set.current().horizon(), absl::CivilDay(2027, 12, 31));
  EXPECT_EQ(loaded.file.versions_size(), 2);
}

TEST(CalendarConfigTest, CurrentVersionMayGoBackToAPublishedOne) {
  // Published: v1 and v2, v2 current; the operator goes back to v1 (e.g. v2 was a mistake).
  const std::string dir = ::testing::TempDir();
  const std::string published_path = absl::StrCat(dir, "/published_v2.textproto");
  std::ofstream(published_path) << absl::StrReplaceAll(kValid, {{R"(current_version: "v1")",
                                                                 R"(current_version: "v2")"}})
                                << kV2;
  ASSERT_OK_AND_ASSIGN(CalendarFile published, LoadCalendarFile(published_path));
  const std::string path = absl::StrCat(dir, "/back_to_v1.textproto");
  std::ofstream(path) << kValid << kV2;
  ASSERT_OK_AND_ASSIGN(CalendarFile loaded, LoadCalendarFile(path, &published.file));
  EXPECT_EQ(loaded.set.current().version(), "v1");
}

TEST(CalendarConfigTest, EditingAPublishedVersionIsRefusedNamingLineAndField) {
  const std::string text = absl::StrReplaceAll(kValid, {{"2026-01-05", "2026-01-06"}});
  EXPECT_THAT(ReloadWith(text),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("cal.textproto:11: versions[0].holidays[0].date: changes "
                                       "published version \"v1\""),
                             HasSubstr("put the change in a new version"))));
}

TEST(CalendarConfigTest, AddingAHolidayToAPublishedVersionIsRefused) {
  const std::string text = absl::StrReplaceAll(
      kValid, {{R"(holidays { date: "2026-01-05" })",
                R"(holidays { date: "2026-01-05" } holidays { date: "2026-01-06" })"}});
  EXPECT_THAT(ReloadWith(text), StatusIs(absl::StatusCode::kInvalidArgument,
                                         HasSubstr("cal.textproto:11: versions[0].holidays[1]: "
                                                   "changes published version \"v1\" "
                                                   "(holidays[1] added)")));
}

TEST(CalendarConfigTest, RemovingAPublishedVersionIsRefused) {
  // v1 renamed v2: deadlines recorded with v1 could no longer be recomputed.
  const std::string text =
      absl::StrReplaceAll(kValid, {{R"(current_version: "v1")", R"(current_version: "v2")"},
                                   {R"(version: "v1")", R"(version: "v2")"}});
  EXPECT_THAT(ReloadWith(text),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("cal.textproto:2: versions: published version \"v1\" is "
                                 "missing")));
}

TEST(CalendarConfigTest, CheckPublishedVersionsKeptIgnoresLayoutAndOrder) {
  cs::config::v1::WorkingCalendarFile published;
  ASSERT_OK(config::ParseConfigText("a", kValid, &published));
  cs::config::v1::WorkingCalendarFile candidate;
  // The same version written after a new one, on other lines, with comments.
  ASSERT_OK(
      config::ParseConfigText("b", absl::StrCat("# next year\n", kV2, "\n\n", kValid), &candidate));
  EXPECT_TRUE(CheckPublishedVersionsKept(published, candidate).empty());
}

}  // namespace
}  // namespace cs::common
