#include "common/db/inbox.h"

#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "common/db/printable_id.h"
#include "common/db/sql_error.h"
#include "common/db/sql_time.h"
#include "common/status/status_macros.h"

namespace cs::common::db {

absl::StatusOr<bool> MarkProcessed(Transaction& tx, absl::string_view message_id,
                                   absl::string_view source, absl::Time received_at) {
  RETURN_IF_ERROR(CheckPrintableId("message_id", message_id, 64));
  RETURN_IF_ERROR(CheckPrintableId("source", source, 64));
  try {
    // 1 row affected: inserted (first delivery). 0: the id exists; the no-op update still took its
    // row lock, so a concurrent first delivery is waited for instead of both seeing "new".
    auto insert = tx.Prepare(
        "INSERT INTO inbox_processed (message_id, source, received_at) VALUES (?, ?, ?) "
        "ON DUPLICATE KEY UPDATE message_id = message_id");
    insert->setString(1, std::string(message_id));
    insert->setString(2, std::string(source));
    insert->setDateTime(3, FormatSqlTime(received_at));
    return insert->executeUpdate() == 1;
  } catch (const sql::SQLException& e) {
    return FromSqlException(e, absl::StrCat("recording inbox message from ", source));
  }
}

}  // namespace cs::common::db
