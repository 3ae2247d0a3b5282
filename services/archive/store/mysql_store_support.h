// Pieces the archive's MySQL stores share (library archive_store_mysql; not for use outside
// services/archive/store): texts cut to fit their column, WHERE conditions with their binders, and
// reading one page of rows. Stateless; thread-safe.
#ifndef CS_SERVICES_ARCHIVE_STORE_MYSQL_STORE_SUPPORT_H_
#define CS_SERVICES_ARCHIVE_STORE_MYSQL_STORE_SUPPORT_H_

#include <cppconn/resultset.h>

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "common/db/statement_helpers.h"

namespace cs::archive::mysql_internal {

using Binder = common::db::ParameterBinder;

// At most `max_chars` bytes, cut at a UTF-8 boundary: an access-log row must never fail on length.
inline std::string Fit(absl::string_view text, size_t max_chars) {
  if (text.size() <= max_chars) return std::string(text);
  size_t cut = max_chars;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut));
}

// WHERE conditions and the binders of their parameters, in order.
struct Conditions {
  std::vector<std::string> sql;
  std::vector<std::function<void(Binder&)>> binds;

  void Add(std::string condition, std::function<void(Binder&)> bind) {
    sql.push_back(std::move(condition));
    if (bind) binds.push_back(std::move(bind));
  }
  std::string Where() const {
    return sql.empty() ? "" : absl::StrCat(" WHERE ", absl::StrJoin(sql, " AND "));
  }
  void Bind(Binder& b) const {
    for (const auto& bind : binds) bind(b);
  }
};

// Reads at most page_size rows of `rs` (queried with LIMIT page_size + 1) into `items`. Returns the
// cursor of the last item kept when a further row exists, 0 when this is the last page.
template <typename Item, typename ReadRow, typename CursorOf>
int64_t ReadPage(sql::ResultSet& rs, int page_size, std::vector<Item>& items, ReadRow read_row,
                 CursorOf cursor_of) {
  while (rs.next()) {
    if (static_cast<int>(items.size()) == page_size) return cursor_of(items.back());
    items.push_back(read_row(rs));
  }
  return 0;
}

}  // namespace cs::archive::mysql_internal

#endif  // CS_SERVICES_ARCHIVE_STORE_MYSQL_STORE_SUPPORT_H_
