#include "services/hotline-registry/store/mysql_store_support.h"

#include <cppconn/prepared_statement.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace cs::hotline::mysql_internal {

std::string EncodePeriods(const std::vector<WeeklyPeriod>& periods) {
  return absl::StrJoin(periods, ",", [](std::string* out, const WeeklyPeriod& p) {
    absl::StrAppend(out, p.weekday, ":", p.start_minute, "-", p.end_minute);
  });
}

void BindHours(Binder& b, const ServiceHours& hours) {
  b.Bool(hours.around_the_clock);
  b.String(EncodePeriods(hours.periods));
  b.Int(static_cast<int>(hours.on_public_holidays));
}

ServiceHours HoursColumns(sql::ResultSet& rs, const std::string& prefix) {
  ServiceHours hours;
  hours.around_the_clock = rs.getBoolean(prefix + "around_the_clock");
  hours.on_public_holidays =
      static_cast<HolidayBehaviour>(rs.getInt(prefix + "on_public_holidays"));
  const std::string text = rs.getString(prefix + "periods");
  if (text.empty()) return hours;
  for (absl::string_view item : absl::StrSplit(text, ',')) {
    std::vector<absl::string_view> parts = absl::StrSplit(item, absl::ByAnyChar(":-"));
    WeeklyPeriod period;
    if (parts.size() != 3 || !absl::SimpleAtoi(parts[0], &period.weekday) ||
        !absl::SimpleAtoi(parts[1], &period.start_minute) ||
        !absl::SimpleAtoi(parts[2], &period.end_minute)) {
      throw sql::SQLException(absl::StrCat("corrupt service hours in column ", prefix, "periods"),
                              "HY000", 0);
    }
    hours.periods.push_back(period);
  }
  return hours;
}

void BindIds(Binder& b, const std::vector<int64_t>& ids) {
  for (int64_t id : ids) b.Int(id);
}

Binder BindDouble(sql::PreparedStatement& statement, Binder& b, double value) {
  statement.setDouble(b.next(), value);
  return Binder(statement, b.next() + 1);
}

}  // namespace cs::hotline::mysql_internal
