#include "services/archive/domain/monthly_statistics.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "common/time/report_month.h"

namespace cs::archive {
namespace {

void Add(Counts& counts, const StatisticsRow& row, bool current) {
  if (!current) {
    counts.previous_total += row.records;
    counts.previous_on_time += row.on_time;
    return;
  }
  counts.total += row.records;
  counts.on_time += row.on_time;
  switch (row.kind) {
    case TicketKind::kConsultation:
      counts.consultations += row.records;
      break;
    case TicketKind::kComplaint:
      counts.complaints += row.records;
      break;
    case TicketKind::kFaultReport:
      counts.fault_reports += row.records;
      break;
    case TicketKind::kUnspecified:
      break;
  }
}

template <typename Key>
std::vector<std::pair<Key, Counts>> Flatten(const std::map<Key, Counts>& buckets) {
  return std::vector<std::pair<Key, Counts>>(buckets.begin(), buckets.end());
}

double Rate(int64_t part, int64_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace

MonthlyStatistics BuildMonthlyStatistics(absl::CivilMonth month, std::string unit_id,
                                         const std::vector<StatisticsRow>& current,
                                         const std::vector<StatisticsRow>& previous) {
  MonthlyStatistics stats;
  stats.month = common::FormatMonth(month);
  stats.previous_month = common::FormatMonth(month - 1);
  stats.unit_id = std::move(unit_id);
  std::map<TicketKind, Counts> by_kind;
  std::map<Channel, Counts> by_channel;
  std::map<std::string, Counts> by_business_line;
  std::map<RoutingPath, Counts> by_routing_path;
  for (const auto* rows : {&current, &previous}) {
    const bool is_current = rows == &current;
    for (const StatisticsRow& row : *rows) {
      Add(stats.totals, row, is_current);
      Add(by_kind[row.kind], row, is_current);
      Add(by_channel[row.channel], row, is_current);
      Add(by_business_line[row.business_line], row, is_current);
      Add(by_routing_path[row.routing_path], row, is_current);
    }
  }
  stats.on_time_rate = Rate(stats.totals.on_time, stats.totals.total);
  stats.previous_on_time_rate = Rate(stats.totals.previous_on_time, stats.totals.previous_total);
  stats.by_kind = Flatten(by_kind);
  stats.by_channel = Flatten(by_channel);
  stats.by_business_line = Flatten(by_business_line);
  stats.by_routing_path = Flatten(by_routing_path);
  return stats;
}

}  // namespace cs::archive
