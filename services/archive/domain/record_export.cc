#include "services/archive/domain/record_export.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/types/optional.h"

namespace cs::archive {
namespace {

std::string LocalTime(const absl::optional<absl::Time>& time, absl::TimeZone zone) {
  if (!time.has_value()) return "";
  return absl::FormatTime("%Y-%m-%d %H:%M:%S", *time, zone);
}

absl::TimeZone ZoneOf(const ArchivedRecord& record) {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(record.time_zone, &zone)) return absl::UTCTimeZone();
  return zone;
}

}  // namespace

common::F4Record ToF4Record(const RecordContent& content,
                            const std::string& handling_department_name) {
  common::F4Record record;
  record.overall_serial = content.overall_serial;
  record.month_serial = absl::StrCat(content.serial_month, " / ", content.month_serial);
  record.user_number = content.user_number;
  record.user_name = content.user_name;
  record.contact_phone = content.contact_phone;
  record.company = content.company;
  record.address = content.address;
  record.postal_code = content.postal_code;
  record.complained_at =
      content.complained_at.has_value() ? content.complained_at : content.received_at;
  record.forwarded_at = content.forwarded_at;
  record.handling_deadline = content.handling_deadline;
  record.handling_department =
      handling_department_name.empty() ? content.handling_department : handling_department_name;
  record.replied_to_user_at = content.replied_to_user_at;
  record.callback_at = content.callback_at;
  record.handler = content.handler;
  record.complaint_text = content.problem;
  record.processor = content.processor;
  record.reviewer = content.reviewer;
  return record;
}

std::vector<std::string> CsvHeader() {
  return {"record_id",
          "ticket_id",
          "version",
          "unit_id",
          "unit_name",
          "overall_serial",
          "month_serial",
          "kind",
          "channel",
          "business_line",
          "routing_path",
          "on_time",
          "received_at",
          "closed_at",
          "complained_at",
          "forwarded_at",
          "handling_department",
          "handling_deadline",
          "replied_to_user_at",
          "callback_at",
          "user_number",
          "user_name",
          "contact_person",
          "contact_phone",
          "device_number",
          "email",
          "company",
          "address",
          "postal_code",
          "problem",
          "replies",
          "handler",
          "processor",
          "reviewer",
          "legal_hold",
          "destroyed"};
}

std::vector<std::string> CsvRow(const ArchivedRecord& record, const RecordContent* content) {
  const absl::TimeZone zone = ZoneOf(record);
  const RecordSummary& s = record.summary;
  std::vector<std::string> row = {RecordIdText(record.record_id),
                                  absl::StrCat(s.ticket_id),
                                  absl::StrCat(record.current_version),
                                  s.unit_id,
                                  record.unit_name,
                                  absl::StrCat(s.overall_serial),
                                  absl::StrCat(s.serial_month, "/", s.month_serial),
                                  std::string(TicketKindName(s.kind)),
                                  std::string(ChannelName(s.channel)),
                                  s.business_line,
                                  std::string(RoutingPathName(s.routing_path)),
                                  s.on_time ? "true" : "false",
                                  LocalTime(s.received_at, zone),
                                  LocalTime(s.closed_at, zone)};
  if (content != nullptr) {
    std::vector<std::string> replies;
    for (const Reply& reply : content->replies) {
      replies.push_back(
          absl::StrCat(LocalTime(reply.at, zone), " ", reply.replied_by, ": ", reply.text));
    }
    for (std::string value : {LocalTime(content->complained_at, zone),
                              LocalTime(content->forwarded_at, zone),
                              content->handling_department,
                              LocalTime(content->handling_deadline, zone),
                              LocalTime(content->replied_to_user_at, zone),
                              LocalTime(content->callback_at, zone),
                              content->user_number,
                              content->user_name,
                              content->contact_person,
                              content->contact_phone,
                              content->device_number,
                              content->email,
                              content->company,
                              content->address,
                              content->postal_code,
                              content->problem,
                              absl::StrJoin(replies, "\n"),
                              content->handler,
                              content->processor,
                              content->reviewer}) {
      row.push_back(std::move(value));
    }
  } else {
    row.resize(CsvHeader().size() - 2);
  }
  row.push_back(record.hold.held ? "true" : "false");
  row.push_back(record.destroyed() ? "true" : "false");
  return row;
}

}  // namespace cs::archive
