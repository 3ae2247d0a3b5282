// A unit's monthly report on the previous month's consultations and complaints (A1 7.1.1, 7.2.1)
// and whether it reached the CS center on time (A1 7.4.1). A plain value; thread-compatible.
#ifndef CS_SERVICES_ARCHIVE_DOMAIN_MONTHLY_REPORT_H_
#define CS_SERVICES_ARCHIVE_DOMAIN_MONTHLY_REPORT_H_

#include <cstdint>
#include <string>

#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/time/deadline.h"

namespace cs::archive {

// Longest analysis text a unit may submit.
inline constexpr int kMaxAnalysisLength = 20000;

struct MonthlyReport {
  std::string unit_id;
  // "YYYY-MM": the month reported on.
  std::string month;
  common::Deadline due;
  absl::optional<absl::Time> submitted_at;
  std::string submitted_by;
  std::string analysis;
  // The month's record count of the unit when it was submitted.
  int64_t records = 0;
  // The sweeper already counted this report as missed (so a late submission is not counted again).
  bool miss_counted = false;

  bool submitted() const { return submitted_at.has_value(); }
  bool on_time() const { return submitted_at.has_value() && *submitted_at <= due.at; }
  bool overdue(absl::Time now) const { return !submitted_at.has_value() && now > due.at; }
};

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_DOMAIN_MONTHLY_REPORT_H_
