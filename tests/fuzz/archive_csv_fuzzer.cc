// Fuzzes the archive's month CSV (services/archive/domain/record_export.h and csv_writer.h) as
// ExportMonth builds it: the header, then one row per record, live or destroyed, from arbitrary
// text and any instant a Timestamp can hold. The text must read back, by RFC 4180, as exactly the
// fields written — a comma, quote, CR or LF in a user's words may not shift a column or end a row.
#include <cstdint>
#include <string>
#include <vector>

#include "services/archive/domain/csv_writer.h"
#include "services/archive/domain/record_export.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

using cs::archive::ArchivedRecord;
using cs::archive::RecordContent;

// The records of RFC 4180 text (CRLF-terminated, fields quoted when they must be); nullopt when it
// is not well formed.
absl::optional<std::vector<std::vector<std::string>>> ReadCsv(absl::string_view text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> fields;
  std::string field;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '"') {
      for (++i;; ++i) {
        if (i >= text.size()) return absl::nullopt;
        if (text[i] != '"') {
          field += text[i];
        } else if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          ++i;
          break;
        }
      }
    } else {
      while (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '"') {
        if (text[i] == '\n') return absl::nullopt;
        field += text[i++];
      }
    }
    if (i < text.size() && text[i] == ',') {
      fields.push_back(std::move(field));
      field.clear();
      ++i;
    } else if (text.substr(i, 2) == "\r\n") {
      fields.push_back(std::move(field));
      field.clear();
      records.push_back(std::move(fields));
      fields.clear();
      i += 2;
    } else {
      return absl::nullopt;
    }
  }
  if (!fields.empty() || !field.empty()) return absl::nullopt;
  return records;
}

absl::optional<absl::Time> ConsumeOptionalTime(FuzzedDataProvider& fdp) {
  if (fdp.ConsumeBool()) return absl::nullopt;
  return cs::fuzz::ConsumeTime(fdp);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider fdp(data, size);
  static constexpr const char* kZones[] = {"Asia/Shanghai", "UTC", "Pacific/Kiritimati", "",
                                           "Not/A_Zone"};
  ArchivedRecord record;
  record.record_id = fdp.ConsumeIntegral<int64_t>();
  record.current_version = fdp.ConsumeIntegral<int>();
  record.time_zone = fdp.PickValueInArray(kZones);
  record.unit_name = cs::fuzz::ConsumeText(fdp, 32);
  record.hold.held = fdp.ConsumeBool();
  record.summary.ticket_id = fdp.ConsumeIntegral<int64_t>();
  record.summary.unit_id = cs::fuzz::ConsumeText(fdp, 32);
  record.summary.kind =
      static_cast<cs::archive::TicketKind>(fdp.ConsumeIntegralInRange<int>(-1, 5));
  record.summary.channel =
      static_cast<cs::archive::Channel>(fdp.ConsumeIntegralInRange<int>(-1, 8));
  record.summary.routing_path =
      static_cast<cs::archive::RoutingPath>(fdp.ConsumeIntegralInRange<int>(-1, 6));
  record.summary.business_line = cs::fuzz::ConsumeText(fdp, 32);
  record.summary.overall_serial = fdp.ConsumeIntegral<int64_t>();
  record.summary.serial_month = cs::fuzz::ConsumeText(fdp, 16);
  record.summary.month_serial = fdp.ConsumeIntegral<int64_t>();
  record.summary.received_at = cs::fuzz::ConsumeTime(fdp);
  record.summary.closed_at = cs::fuzz::ConsumeTime(fdp);
  record.summary.on_time = fdp.ConsumeBool();
  const bool destroyed = fdp.ConsumeBool();
  if (destroyed) record.destruction.emplace();

  RecordContent content;
  content.complained_at = ConsumeOptionalTime(fdp);
  content.forwarded_at = ConsumeOptionalTime(fdp);
  content.handling_deadline = ConsumeOptionalTime(fdp);
  content.replied_to_user_at = ConsumeOptionalTime(fdp);
  content.callback_at = ConsumeOptionalTime(fdp);
  content.replies.resize(fdp.ConsumeIntegralInRange<size_t>(0, 3));
  for (cs::archive::Reply& reply : content.replies) {
    reply.at = cs::fuzz::ConsumeTime(fdp);
    reply.replied_by = cs::fuzz::ConsumeText(fdp, 16);
    reply.text = cs::fuzz::ConsumeText(fdp);
  }
  for (std::string* field :
       {&content.handling_department, &content.user_number, &content.user_name,
        &content.contact_person, &content.contact_phone, &content.device_number, &content.email,
        &content.company, &content.address, &content.postal_code, &content.handler,
        &content.processor, &content.reviewer}) {
    *field = cs::fuzz::ConsumeText(fdp, 48);
  }
  content.problem = fdp.ConsumeRemainingBytesAsString();

  const std::vector<std::string> header = cs::archive::CsvHeader();
  const std::vector<std::string> row = cs::archive::CsvRow(record, destroyed ? nullptr : &content);
  cs::fuzz::Require(row.size() == header.size(), "a row has a value for every column");
  std::string csv;
  cs::archive::AppendCsvRecord(header, &csv);
  cs::archive::AppendCsvRecord(row, &csv);
  const absl::optional<std::vector<std::vector<std::string>>> read = ReadCsv(csv);
  cs::fuzz::Require(read.has_value(), "the CSV is well formed");
  cs::fuzz::Require(read->size() == 2 && (*read)[0] == header && (*read)[1] == row,
                    "the CSV reads back as the fields written");
  return 0;
}
