#include "services/channel-registry/store/mysql_store_support.h"

#include <cppconn/exception.h>

#include <memory>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace cs::channel::mysql_internal {

std::string EncodeNumbers(const std::vector<int>& numbers) { return absl::StrJoin(numbers, ","); }

std::vector<int> DecodeNumbers(const std::string& text, const char* column) {
  std::vector<int> numbers;
  if (text.empty()) return numbers;
  for (absl::string_view item : absl::StrSplit(text, ',')) {
    int n = 0;
    if (!absl::SimpleAtoi(item, &n)) {
      throw sql::SQLException(absl::StrCat("corrupt list of numbers in column ", column), "HY000",
                              0);
    }
    numbers.push_back(n);
  }
  return numbers;
}

int64_t InsertReturning(sql::PreparedStatement& insert, const char* column) {
  std::unique_ptr<sql::ResultSet> rs(insert.executeQuery());
  rs->next();
  return rs->getInt64(column);
}

}  // namespace cs::channel::mysql_internal
