// Issue 16, "Access": the README's RPC tables are checked against the declared access tables
// (suite_access.h). Every `| RPC | who | what |` table belongs to the service named in the nearest
// heading above it (`cs.<package>.v1.<Service>` in backquotes); each row's "who" cell must be the
// rendering of the rule of every RPC the row names (RenderWho), and every RPC of every declared
// table must have a row.
//
// When the tables change: CS_UPDATE_README=1 rewrites the "who" cells in place (run the test
// binary from the build tree), then review the diff.
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/auth/access_table.h"
#include "common/auth/principal.h"
#include "gtest/gtest.h"
#include "tests/e2e/suite_access.h"

namespace cs::e2e {
namespace {

using ::cs::common::AccessTable;
using ::cs::common::MethodRule;
using ::cs::common::Role;

// "CS_CENTER, SERVICE; UNIT_STAFF, UNIT_MANAGER of their own unit — note": roles that are not
// unit-scoped first, then the unit-scoped ones, limited to their own unit on an OWN_UNIT rule.
std::string RenderWho(const MethodRule& rule) {
  std::vector<std::string> wide;
  std::vector<std::string> scoped;
  for (Role role : rule.roles) {
    (common::IsUnitScoped(role) ? scoped : wide).push_back(common::RoleName(role));
  }
  std::string who = absl::StrJoin(wide, ", ");
  if (!scoped.empty()) {
    absl::StrAppend(&who, who.empty() ? "" : "; ", absl::StrJoin(scoped, ", "),
                    rule.scope == common::UnitScope::kOwnUnit ? " of their own unit" : "");
  }
  if (!rule.note.empty()) absl::StrAppend(&who, " — ", rule.note);
  return who;
}

std::vector<std::string> ReadLines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(ReadmeAccessTest, Access_ReadmeRpcTablesMatchTheDeclaredTables) {
  const std::string path = absl::StrCat(CS_SOURCE_DIR, "/README.md");
  std::vector<std::string> lines = ReadLines(path);
  ASSERT_FALSE(lines.empty()) << path;
  const bool update = std::getenv("CS_UPDATE_README") != nullptr;

  const std::regex service_heading(R"(^#+ .*`(cs\.[a-z]+\.v1\.[A-Za-z]+)`)");
  const std::regex rpc_name(R"(`([A-Z][A-Za-z]+)`)");
  std::string service;
  bool in_rpc_table = false;
  std::map<std::string, std::set<std::string>> documented;
  std::vector<std::string> problems;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string& line = lines[i];
    std::smatch heading;
    if (std::regex_search(line, heading, service_heading)) {
      service = heading[1].str();
      in_rpc_table = false;
      continue;
    }
    if (line == "| RPC | who | what |") {
      in_rpc_table = true;
      continue;
    }
    if (!in_rpc_table) continue;
    if (!absl::StartsWith(line, "|")) {
      in_rpc_table = false;
      continue;
    }
    if (absl::StartsWith(line, "|---")) continue;
    std::vector<std::string> cells = absl::StrSplit(line, '|');
    // "", rpc, who, what..., "" — the what cell never holds a '|'.
    if (cells.size() < 4) {
      problems.push_back(absl::StrCat("README.md:", i + 1, ": not a three-column row"));
      continue;
    }
    const AccessTable* table = AccessTableOf(service);
    if (table == nullptr) {
      problems.push_back(absl::StrCat("README.md:", i + 1, ": an RPC table under \"", service,
                                      "\", which has no declared access table"));
      continue;
    }
    std::vector<const MethodRule*> rules;
    const std::string& names = cells[1];
    for (auto match = std::sregex_iterator(names.begin(), names.end(), rpc_name);
         match != std::sregex_iterator(); ++match) {
      const std::string name = (*match)[1].str();
      const MethodRule* rule = table->Find(name);
      if (rule == nullptr) {
        problems.push_back(absl::StrCat("README.md:", i + 1, ": ", service, " has no RPC ", name));
        continue;
      }
      documented[service].insert(name);
      rules.push_back(rule);
    }
    if (rules.empty()) continue;
    const std::string want = RenderWho(*rules.front());
    // Rows of RPCs with different rules: one row per rule, in the order the RPCs were named.
    std::vector<std::pair<std::string, std::vector<std::string>>> groups;
    for (const MethodRule* rule : rules) {
      const std::string who = RenderWho(*rule);
      auto group =
          std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == who; });
      if (group == groups.end()) group = groups.insert(groups.end(), {who, {}});
      group->second.push_back(absl::StrCat("`", rule->method, "`"));
    }
    if (groups.size() > 1) {
      if (update) {
        std::vector<std::string> rows;
        for (const auto& [who, methods] : groups) {
          std::vector<std::string> row = cells;
          row[1] = absl::StrCat(" ", absl::StrJoin(methods, ", "), " ");
          row[2] = absl::StrCat(" ", who, " ");
          rows.push_back(absl::StrJoin(row, "|"));
        }
        line = absl::StrJoin(rows, "\n");
        continue;
      }
      problems.push_back(absl::StrCat("README.md:", i + 1, ": ", cells[1],
                                      "have different rules; give each rule its own row"));
      continue;
    }
    const std::string got(absl::StripAsciiWhitespace(cells[2]));
    if (got != want) {
      if (update) {
        cells[2] = absl::StrCat(" ", want, " ");
        line = absl::StrJoin(cells, "|");
      } else {
        problems.push_back(absl::StrCat("README.md:", i + 1, ": who of ", cells[1], "is \"", got,
                                        "\"; the declared table says \"", want, "\""));
      }
    }
  }
  for (const AccessTable* table : AllAccessTables()) {
    for (const MethodRule& rule : table->rules()) {
      if (!documented[table->service()].count(rule.method)) {
        problems.push_back(absl::StrCat(table->service(), "/", rule.method,
                                        " has no row in the README's RPC tables"));
      }
    }
  }
  if (update) {
    std::ofstream out(path);
    for (const std::string& line : lines) out << line << "\n";
  }
  EXPECT_TRUE(problems.empty()) << absl::StrJoin(problems, "\n")
                                << "\n(CS_UPDATE_README=1 rewrites the who cells)";
}

}  // namespace
}  // namespace cs::e2e
