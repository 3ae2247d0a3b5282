// Pieces the hotline registry's MySQL stores share (library hotline_store_mysql; not for use
// outside services/hotline-registry/store): service hours as columns, id lists for IN (…), and the
// duplicate-key test. Stateless; thread-safe.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_STORE_MYSQL_STORE_SUPPORT_H_
#define CS_SERVICES_HOTLINE_REGISTRY_STORE_MYSQL_STORE_SUPPORT_H_

#include <cppconn/exception.h>
#include <cppconn/resultset.h>

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "common/db/statement_helpers.h"
#include "services/hotline-registry/domain/service_hours.h"

namespace cs::hotline::mysql_internal {

using Binder = common::db::ParameterBinder;

// MySQL's duplicate-key error.
inline constexpr int kDuplicateKey = 1062;
inline bool IsDuplicateKey(const sql::SQLException& e) { return e.getErrorCode() == kDuplicateKey; }

// Service hours are three columns: <prefix>around_the_clock, <prefix>periods ("1:540-1050,…":
// weekday, start and end minute of each period in order) and <prefix>on_public_holidays.
std::string EncodePeriods(const std::vector<WeeklyPeriod>& periods);
// Binds the three columns in that order.
void BindHours(Binder& b, const ServiceHours& hours);
// Reads them back. Throws sql::SQLException (mapped to INTERNAL by RunInTransaction) when the
// periods column is not what EncodePeriods writes: a corrupt row.
ServiceHours HoursColumns(sql::ResultSet& rs, const std::string& prefix);

// Binds a list of ids, one per placeholder.
void BindIds(Binder& b, const std::vector<int64_t>& ids);

// A double, at the binder's next placeholder (ParameterBinder has none); returns the binder for
// the placeholders after it.
Binder BindDouble(sql::PreparedStatement& statement, Binder& b, double value);

}  // namespace cs::hotline::mysql_internal

#endif  // CS_SERVICES_HOTLINE_REGISTRY_STORE_MYSQL_STORE_SUPPORT_H_
