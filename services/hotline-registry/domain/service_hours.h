// The service hours a hotline publishes (SPEC H5, A2 7.4: 应向公众公布具体服务时间, 如 7*24 小时):
// around the clock, or periods per weekday in the company's time zone, with what happens on public
// holidays. Calls offered outside them are reported apart from the connection rate (H6). Plain
// values and pure functions; thread-safe.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_DOMAIN_SERVICE_HOURS_H_
#define CS_SERVICES_HOTLINE_REGISTRY_DOMAIN_SERVICE_HOURS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/time/working_calendar.h"

namespace cs::hotline {

enum class HolidayBehaviour {
  kUnspecified = 0,
  // The weekday's periods apply on public holidays too.
  kAsWeekday = 1,
  // Closed on public holidays; a make-up working day follows its weekday's periods.
  kClosed = 2,
};

struct WeeklyPeriod {
  int weekday = 0;       // 1 = Monday … 7 = Sunday (ISO 8601)
  int start_minute = 0;  // minutes after local midnight
  int end_minute = 0;    // > start_minute, at most 24 * 60

  friend bool operator==(const WeeklyPeriod&, const WeeklyPeriod&) = default;
};

struct ServiceHours {
  bool around_the_clock = false;
  std::vector<WeeklyPeriod> periods;
  HolidayBehaviour on_public_holidays = HolidayBehaviour::kUnspecified;

  friend bool operator==(const ServiceHours&, const ServiceHours&) = default;
};

// OK, or INVALID_ARGUMENT naming each bad field under `field` ("form.service_hours"): neither
// around the clock nor any period; periods beside around_the_clock; a weekday outside 1..7; a
// period that is empty or ends before it starts or past 24:00; periods of one weekday that
// overlap; no holiday behaviour for periods.
absl::Status ValidateServiceHours(const ServiceHours& hours, absl::string_view field);

// Whether `at` falls inside the published hours, in the calendar's time zone: a period is
// [start, end) to the second; on a public holiday the calendar lists, CLOSED hours are closed and
// AS_WEEKDAY hours keep the weekday's periods. A make-up working day is not a holiday: the hotline
// keeps the periods of its own weekday that day (a Monday-to-Friday hotline stays closed on a
// make-up Saturday). False for an infinite `at`.
bool WithinServiceHours(const ServiceHours& hours, absl::Time at,
                        const common::WorkingCalendar& calendar);

// "7×24", or the periods by weekday — consecutive weekdays with the same periods joined — then the
// holiday behaviour: "周一至周五 09:00–12:00, 13:00–17:30; 周六 09:00–12:00; 节假日休息" (照常 for
// AS_WEEKDAY), as forms F1 and F2 print it.
std::string DescribeServiceHours(const ServiceHours& hours);

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_DOMAIN_SERVICE_HOURS_H_
