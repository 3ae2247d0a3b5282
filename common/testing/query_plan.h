// What MariaDB did to answer one SELECT, from ANALYZE FORMAT=JSON: the statement really runs, so
// the rows each table read are counted, not the optimizer's estimates. Tests use it to prove a list
// query reads one index range and stops after a page however large the table (issue 17, target 6):
// a full scan, or a sort of every matching row before the LIMIT, shows up as rows read.
//
//   ASSERT_OK_AND_ASSIGN(QueryPlan plan, AnalyzeSelect(connection, sql, bind));
//   EXPECT_LE(plan.RowsRead(), 2 * page) << plan.Describe();
#ifndef CS_COMMON_TESTING_QUERY_PLAN_H_
#define CS_COMMON_TESTING_QUERY_PLAN_H_

#include <cppconn/connection.h>

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/db/statement_helpers.h"

namespace cs::common::testing {

// One table the statement read.
struct TableRead {
  std::string table;
  std::string access_type;  // ALL (a full scan), index (a whole index), range, ref, eq_ref, const…
  std::string key;          // the index used, empty for none
  double rows_read = 0;     // over every loop
};

struct QueryPlan {
  std::vector<TableRead> reads;
  // A filesort: every matching row was read and sorted before the LIMIT applied.
  bool sorted_after_reading = false;

  double RowsRead() const;
  // One line per table, for failure messages.
  std::string Describe() const;
};

// Runs ANALYZE FORMAT=JSON on `select_sql` (a SELECT with ? placeholders) as a prepared statement,
// `bind` binding its parameters, on `connection`.
absl::StatusOr<QueryPlan> AnalyzeSelect(sql::Connection& connection, absl::string_view select_sql,
                                        const std::function<void(db::ParameterBinder&)>& bind);

}  // namespace cs::common::testing

#endif  // CS_COMMON_TESTING_QUERY_PLAN_H_
