#include "common/db/statement_helpers.h"

#include "gtest/gtest.h"

namespace cs::common::db {
namespace {

TEST(StatementHelpersTest, PlaceholderListsForMultiRowStatements) {
  EXPECT_EQ(Placeholders(1), "(?)");
  EXPECT_EQ(Placeholders(3), "(?,?,?)");
  EXPECT_EQ(RowsOfPlaceholders(2, 2), "(?,?),(?,?)");
  EXPECT_EQ(Assignments("a, b, c"), "a = ?, b = ?, c = ?");
  EXPECT_EQ(ColumnCount("a, b, c"), 3);
  EXPECT_EQ(ColumnCount("a"), 1);
}

}  // namespace
}  // namespace cs::common::db
