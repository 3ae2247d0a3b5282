#include "services/archive/domain/archive_completeness.h"

#include <algorithm>
#include <utility>

namespace cs::archive {

int64_t ArchiveCompleteness::missing_serials_total() const {
  int64_t total = 0;
  for (const SerialMonthGaps& gaps : counts.serial_months) total += gaps.missing_count;
  return total;
}

SerialMonthGaps GapsOf(std::string serial_month, std::vector<int64_t> serials, int max_listed) {
  std::sort(serials.begin(), serials.end());
  serials.erase(std::unique(serials.begin(), serials.end()), serials.end());
  SerialMonthGaps gaps;
  gaps.serial_month = std::move(serial_month);
  if (serials.empty()) return gaps;
  gaps.archived_serials = static_cast<int64_t>(serials.size());
  gaps.highest_archived_serial = serials.back();
  gaps.missing_count = gaps.highest_archived_serial - gaps.archived_serials;
  int64_t previous = 0;
  for (int64_t serial : serials) {
    for (int64_t missing = previous + 1;
         missing < serial && static_cast<int>(gaps.missing_serials.size()) < max_listed;
         ++missing) {
      gaps.missing_serials.push_back(missing);
    }
    previous = serial;
  }
  return gaps;
}

absl::Duration MedianOf(std::vector<absl::Duration> values) {
  if (values.empty()) return absl::ZeroDuration();
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  if (n % 2 == 1) return values[n / 2];
  return (values[n / 2 - 1] + values[n / 2]) / 2;
}

}  // namespace cs::archive
