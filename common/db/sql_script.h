// Splitting a migration file into the statements to send one by one (Connector runs one statement
// per call; multi-statement mode would hide which statement failed). Stateless; thread-safe.
#ifndef CS_COMMON_DB_SQL_SCRIPT_H_
#define CS_COMMON_DB_SQL_SCRIPT_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace cs::common::db {

// Splits `script` at every ';' that ends a line (only spaces, tabs or a comment may follow it on
// that line) and is not inside a '...', "..." or `...` literal, a -- or # comment, or a /* */
// block. Each statement is returned without the ';' and trimmed; pieces that hold only comments or
// white space are dropped. A last statement without ';' is kept. Never fails: a malformed script
// fails at the server, which names the statement.
std::vector<std::string> SplitSqlStatements(absl::string_view script);

}  // namespace cs::common::db

#endif  // CS_COMMON_DB_SQL_SCRIPT_H_
