// V5 (A1 7.1–7.2): the classified monthly statistics of a unit (or of all units) — counts of
// consultations, complaints and fault reports by kind, channel, business line and routing path, the
// on-time rate, and the change against the previous month — built from per-bucket counts the store
// keeps. The month's text form and the report's due date (A1 7.4.1) are common rules
// (common/time/report_month.h). Pure functions and plain values; thread-safe.
#ifndef CS_SERVICES_ARCHIVE_DOMAIN_MONTHLY_STATISTICS_H_
#define CS_SERVICES_ARCHIVE_DOMAIN_MONTHLY_STATISTICS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "common/time/deadline.h"
#include "services/archive/domain/archived_record.h"

namespace cs::archive {

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
  // When the month's report is due (common::MonthlyReportDue).
  common::Deadline report_due;
};

// Adds up `current` (rows of `month`) and `previous` (rows of the month before) into the
// statistics. Rows of other units are not filtered here: pass only the rows wanted.
MonthlyStatistics BuildMonthlyStatistics(absl::CivilMonth month, std::string unit_id,
                                         const std::vector<StatisticsRow>& current,
                                         const std::vector<StatisticsRow>& previous);

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_DOMAIN_MONTHLY_STATISTICS_H_
