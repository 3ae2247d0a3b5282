// V6: CSV per RFC 4180.
#include "services/archive/domain/csv_writer.h"

#include "gtest/gtest.h"

namespace cs::archive {
namespace {

TEST(CsvWriterTest, V6_QuotesOnlyWhatMustBeQuoted) {
  EXPECT_EQ(CsvField("plain 文本"), "plain 文本");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvField("cr\r"), "\"cr\r\"");
  EXPECT_EQ(CsvField(""), "");
}

TEST(CsvWriterTest, V6_RecordsEndWithCrLf) {
  std::string out;
  AppendCsvRecord({"a", "b,c", ""}, &out);
  AppendCsvRecord({"\"x\""}, &out);
  EXPECT_EQ(out, "a,\"b,c\",\r\n\"\"\"x\"\"\"\r\n");
}

}  // namespace
}  // namespace cs::archive
