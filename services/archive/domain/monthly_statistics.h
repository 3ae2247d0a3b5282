// V5 (A1 7.1–7.2): the classified monthly statistics of a unit (or of all units) — counts of
// consultations, complaints and fault reports by kind, channel, business line and routing path, the
// on-time rate, and the change against the previous month — built from per-bucket counts the store
// keeps. Also the month arithmetic of the monthly report's due date (A1 7.4.1). Pure functions and
// plain values; thread-safe.
#ifndef CS_SERVICES_ARCHIVE_DOMAIN_MONTHLY_STATISTICS_H_
#define CS_SERVICES_ARCHIVE_DOMAIN_MONTHLY_STATISTICS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "common/time/deadline.h"
#include "common/time/working_calendar.h"
#include "services/archive/domain/archived_record.h"

namespace cs::archive {

// "YYYY-MM" (years 2000–2999). INVALID_ARGUMENT naming `field` otherwise.
absl::StatusOr<absl::CivilMonth> ParseMonth(absl::string_view text, absl::string_view field);
std::string FormatMonth(absl::CivilMonth month);

// The records of one month and unit that share a classification (one row of the summary table).
struct StatisticsRow {
  std::string unit_id;
  TicketKind kind = TicketKind::kUnspecified;
  Channel channel = Channel::kUnspecified;
  std::string business_line;
  RoutingPath routing_path = RoutingPath::kUnspecified;
  int64_t records = 0;
  int64_t on_time = 0;
};

struct Counts {
  int64_t total = 0;
  int64_t consultations = 0;
  int64_t complaints = 0;
  int64_t fault_reports = 0;
  int64_t on_time = 0;
  int64_t previous_total = 0;
  int64_t previous_on_time = 0;

  int64_t change() const { return total - previous_total; }
  friend bool operator==(const Counts&, const Counts&) = default;
};

struct MonthlyStatistics {
  std::string month;
  std::string previous_month;
  // Empty: every unit.
  std::string unit_id;
  Counts totals;
  // on_time / total; 0 when there is no record.
  double on_time_rate = 0;
  double previous_on_time_rate = 0;
  // Every bucket that has a record in either month, in enum / name order.
  std::vector<std::pair<TicketKind, Counts>> by_kind;
  std::vector<std::pair<Channel, Counts>> by_channel;
  std::vector<std::pair<std::string, Counts>> by_business_line;
  std::vector<std::pair<RoutingPath, Counts>> by_routing_path;
  // When the month's report is due (MonthlyReportDue).
  common::Deadline report_due;
};

// Adds up `current` (rows of `month`) and `previous` (rows of the month before) into the
// statistics. Rows of other units are not filtered here: pass only the rows wanted.
MonthlyStatistics BuildMonthlyStatistics(absl::CivilMonth month, std::string unit_id,
                                         const std::vector<StatisticsRow>& current,
                                         const std::vector<StatisticsRow>& previous);

// When the report on `month` is due (A1 7.4.1): close of business of the `due_working_day`th
// working day of the following month on `calendar`, naming its version; provisional when that day
// lies past the calendar's horizon. INVALID_ARGUMENT for a day < 1.
absl::StatusOr<common::Deadline> MonthlyReportDue(const common::WorkingCalendar& calendar,
                                                  absl::CivilMonth month, int due_working_day);

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_DOMAIN_MONTHLY_STATISTICS_H_
