// V6: form F4 and CSV rows of a record.
#include "services/archive/domain/record_export.h"

#include "absl/strings/match.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/archive/domain/csv_writer.h"
#include "services/archive/domain/record_classification.h"
#include "services/archive/domain/record_test_support.h"

namespace cs::archive {
namespace {

using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::ShanghaiTimeZone;
using ::testing::HasSubstr;

ArchivedRecord RecordOf(const RecordContent& content) {
  ArchivedRecord record;
  record.record_id = 12;
  record.summary = Summarize(content, ShanghaiTimeZone());
  record.unit_name = "宽带业务中心";
  record.time_zone = "Asia/Shanghai";
  record.current_version = 1;
  return record;
}

TEST(RecordExportTest, V6_F4HasEveryFieldOfTheRecord) {
  const RecordContent content = testing::ClosedRecord(42, ShanghaiTime(2026, 3, 2, 10, 0));
  const common::F4Record form = ToF4Record(content, "数据中心");
  EXPECT_EQ(form.overall_serial, 42);
  EXPECT_EQ(form.month_serial, "2026-03 / 42");
  EXPECT_EQ(form.handling_department, "数据中心");
  EXPECT_EQ(form.complaint_text, content.problem);
  EXPECT_EQ(form.complained_at, content.received_at);  // no complaint date: the intake time
  const std::string text = common::RenderF4Form(form, ShanghaiTimeZone());
  for (const std::string& expected : {content.user_name, content.user_number, content.contact_phone,
                                      content.address, content.postal_code, content.company,
                                      content.handler, content.processor, content.reviewer}) {
    EXPECT_THAT(text, HasSubstr(expected));
  }
  EXPECT_EQ(ToF4Record(content, "").handling_department, "idc");
}

TEST(RecordExportTest, V6_CsvRowMatchesTheHeaderAndKeepsPersonalFieldsUntilDestroyed) {
  const RecordContent content = testing::ClosedRecord(42, ShanghaiTime(2026, 3, 2, 10, 0));
  ArchivedRecord record = RecordOf(content);
  const std::vector<std::string> header = CsvHeader();
  std::vector<std::string> row = CsvRow(record, &content);
  ASSERT_EQ(row.size(), header.size());
  auto column = [&](const std::vector<std::string>& r, absl::string_view name) {
    return r[std::find(header.begin(), header.end(), name) - header.begin()];
  };
  EXPECT_EQ(column(row, "record_id"), "AR-12");
  EXPECT_EQ(column(row, "kind"), "COMPLAINT");
  EXPECT_EQ(column(row, "routing_path"), "INTERNAL_DISPATCH");
  EXPECT_EQ(column(row, "received_at"), "2026-03-02 10:00:00");
  EXPECT_EQ(column(row, "user_name"), "张三");
  EXPECT_EQ(column(row, "problem"), content.problem);
  EXPECT_THAT(column(row, "replies"), HasSubstr("line repaired"));
  EXPECT_EQ(column(row, "destroyed"), "false");

  record.destruction = DestructionCertificate{};
  row = CsvRow(record, nullptr);
  ASSERT_EQ(row.size(), header.size());
  EXPECT_EQ(column(row, "user_name"), "");
  EXPECT_EQ(column(row, "problem"), "");
  EXPECT_EQ(column(row, "kind"), "COMPLAINT");
  EXPECT_EQ(column(row, "destroyed"), "true");
}

TEST(RecordExportTest, V6_TheProblemTextIsQuotedInCsv) {
  const RecordContent content = testing::ClosedRecord(42, ShanghaiTime(2026, 3, 2, 10, 0));
  std::string csv;
  AppendCsvRecord(CsvRow(RecordOf(content), &content), &csv);
  // The problem holds a comma, quotes and a line break.
  EXPECT_THAT(csv, HasSubstr("\"宽带每天晚上断线三次, \"\"急\"\"\nbroadband"));
  EXPECT_TRUE(absl::EndsWith(csv, "\r\n"));
}

}  // namespace
}  // namespace cs::archive
