#include "common/testing/query_plan.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <memory>

#include "absl/strings/str_cat.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace cs::common::testing {
namespace {

using google::protobuf::Value;

double NumberOr(const google::protobuf::Struct& object, const std::string& name, double fallback) {
  auto it = object.fields().find(name);
  return it != object.fields().end() && it->second.has_number_value() ? it->second.number_value()
                                                                      : fallback;
}

std::string StringOr(const google::protobuf::Struct& object, const std::string& name) {
  auto it = object.fields().find(name);
  return it != object.fields().end() ? it->second.string_value() : "";
}

// ANALYZE nests tables under query blocks, nested loops, filesorts and subqueries in many shapes;
// every "table" object at any depth is one read, every "filesort" object one sort.
void Collect(const Value& value, QueryPlan& plan) {
  if (value.has_list_value()) {
    for (const Value& item : value.list_value().values()) Collect(item, plan);
    return;
  }
  if (!value.has_struct_value()) return;
  for (const auto& [name, child] : value.struct_value().fields()) {
    if (name == "filesort") plan.sorted_after_reading = true;
    if (name == "table" && child.has_struct_value()) {
      const google::protobuf::Struct& table = child.struct_value();
      plan.reads.push_back(TableRead{StringOr(table, "table_name"), StringOr(table, "access_type"),
                                     StringOr(table, "key"),
                                     NumberOr(table, "r_rows", 0) * NumberOr(table, "r_loops", 1)});
    }
    Collect(child, plan);
  }
}

}  // namespace

double QueryPlan::RowsRead() const {
  double rows = 0;
  for (const TableRead& read : reads) rows += read.rows_read;
  return rows;
}

std::string QueryPlan::Describe() const {
  std::string text;
  for (const TableRead& read : reads) {
    absl::StrAppend(&text, read.table, ": ", read.access_type, " on ",
                    read.key.empty() ? "no index" : read.key, ", ", read.rows_read, " rows read\n");
  }
  if (sorted_after_reading) absl::StrAppend(&text, "then a filesort of the rows read\n");
  return text;
}

absl::StatusOr<QueryPlan> AnalyzeSelect(sql::Connection& connection, absl::string_view select_sql,
                                        const std::function<void(db::ParameterBinder&)>& bind) {
  std::string json;
  try {
    std::unique_ptr<sql::PreparedStatement> statement(
        connection.prepareStatement(absl::StrCat("ANALYZE FORMAT=JSON ", select_sql)));
    db::ParameterBinder binder(*statement);
    bind(binder);
    std::unique_ptr<sql::ResultSet> result(statement->executeQuery());
    if (!result->next()) return absl::InternalError("ANALYZE returned no row");
    json = result->getString(1);
  } catch (const sql::SQLException& e) {
    return absl::InternalError(absl::StrCat("ANALYZE failed: ", e.what()));
  }
  Value root;
  const auto parsed = google::protobuf::util::JsonStringToMessage(json, &root);
  if (!parsed.ok()) {
    return absl::InternalError(absl::StrCat("ANALYZE output is not JSON: ", parsed.ToString()));
  }
  QueryPlan plan;
  Collect(root, plan);
  if (plan.reads.empty()) return absl::InternalError(absl::StrCat("no table in: ", json));
  return plan;
}

}  // namespace cs::common::testing
