#include "common/db/sql_script.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common::db {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(SqlScriptTest, SplitsAtSemicolonsEndingALine) {
  EXPECT_THAT(SplitSqlStatements("CREATE TABLE a (x INT);\nCREATE TABLE b (y INT);\n"),
              ElementsAre("CREATE TABLE a (x INT)", "CREATE TABLE b (y INT)"));
}

TEST(SqlScriptTest, KeepsALastStatementWithoutSemicolon) {
  EXPECT_THAT(SplitSqlStatements("SELECT 1;\nSELECT 2"), ElementsAre("SELECT 1", "SELECT 2"));
}

TEST(SqlScriptTest, SemicolonInsideALineDoesNotSplit) {
  EXPECT_THAT(SplitSqlStatements("SELECT 1; SELECT 2;\n"), ElementsAre("SELECT 1; SELECT 2"));
}

TEST(SqlScriptTest, IgnoresSemicolonsInQuotes) {
  EXPECT_THAT(SplitSqlStatements("INSERT INTO t VALUES ('a;\n', \"b;\n\", 'it''s;\n');\n"
                                 "CREATE TABLE `odd;\n` (x INT);\n"),
              ElementsAre("INSERT INTO t VALUES ('a;\n', \"b;\n\", 'it''s;\n')",
                          "CREATE TABLE `odd;\n` (x INT)"));
  EXPECT_THAT(SplitSqlStatements("INSERT INTO t VALUES ('back\\';\n');\nSELECT 1;"),
              ElementsAre("INSERT INTO t VALUES ('back\\';\n')", "SELECT 1"));
}

TEST(SqlScriptTest, IgnoresSemicolonsAndQuotesInComments) {
  EXPECT_THAT(SplitSqlStatements("-- the sender's table;\n"
                                 "CREATE TABLE a ( -- it's fine;\n"
                                 "  x INT # another;\n"
                                 ") /* block;\n still; */;\n"),
              ElementsAre("-- the sender's table;\n"
                          "CREATE TABLE a ( -- it's fine;\n"
                          "  x INT # another;\n"
                          ") /* block;\n still; */"));
}

TEST(SqlScriptTest, SemicolonFollowedByACommentEndsTheStatement) {
  EXPECT_THAT(SplitSqlStatements("SELECT 1; -- one\nSELECT 2;\t\n"),
              ElementsAre("SELECT 1", "-- one\nSELECT 2"));
}

TEST(SqlScriptTest, DropsPiecesWithOnlyCommentsOrSpace) {
  EXPECT_THAT(SplitSqlStatements("-- nothing here\n\n/* nor here */\n;\n  \n"), IsEmpty());
  EXPECT_THAT(SplitSqlStatements("SELECT 1;\n-- trailing comment\n"), ElementsAre("SELECT 1"));
}

TEST(SqlScriptTest, DashesWithoutSpaceAreNotAComment) {
  EXPECT_THAT(SplitSqlStatements("SELECT 1--1;\nSELECT 2;\n"),
              ElementsAre("SELECT 1--1", "SELECT 2"));
}

}  // namespace
}  // namespace cs::common::db
