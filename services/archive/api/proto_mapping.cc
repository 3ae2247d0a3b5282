#include "services/archive/api/proto_mapping.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/api/proto_deadline.h"
#include "common/api/proto_time.h"
#include "common/hash/sha256.h"
#include "common/status/field_violations.h"
#include "common/time/report_month.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "services/archive/domain/record_validation.h"

namespace cs::archive {
namespace {

using google::protobuf::Timestamp;

std::string Path(absl::string_view prefix, absl::string_view field) {
  return absl::StrCat(prefix, ".", field);
}

// Reads timestamps, collecting a violation for each one out of range.
class TimeReader {
 public:
  explicit TimeReader(absl::string_view prefix) : prefix_(prefix) {}

  absl::optional<absl::Time> Optional(bool present, const Timestamp& timestamp,
                                      absl::string_view field) {
    return common::ReadOptionalTimestamp(present, timestamp, Path(prefix_, field), violations_);
  }
  absl::Time Required(bool present, const Timestamp& timestamp, absl::string_view field) {
    return Optional(present, timestamp, field).value_or(absl::UnixEpoch());
  }
  common::FieldViolations& violations() { return violations_; }

 private:
  const std::string prefix_;
  common::FieldViolations violations_;
};

void SetTime(const absl::optional<absl::Time>& time, Timestamp* out) {
  if (time.has_value()) *out = common::ToProtoTimestamp(*time);
}

v1::Counts ToProto(const Counts& counts) {
  v1::Counts proto;
  proto.set_total(counts.total);
  proto.set_consultations(counts.consultations);
  proto.set_complaints(counts.complaints);
  proto.set_fault_reports(counts.fault_reports);
  proto.set_on_time(counts.on_time);
  proto.set_previous_total(counts.previous_total);
  proto.set_change(counts.change());
  return proto;
}

}  // namespace

absl::StatusOr<RecordContent> ContentFromTicket(const cs::intake::v1::Ticket& t,
                                                absl::string_view prefix) {
  TimeReader times(prefix);
  RecordContent c;
  c.ticket_id = t.ticket_id();
  c.closed = t.status() == cs::intake::v1::TICKET_STATUS_CLOSED;
  const cs::intake::v1::TicketInput& in = t.input();
  c.unit_id = in.unit_id();
  c.kind = static_cast<TicketKind>(in.kind());
  c.channel = static_cast<Channel>(in.channel());
  c.reply_channel = static_cast<ReplyChannel>(in.reply_channel());
  c.business_line = in.business_line();
  c.special_request = in.special_request();
  c.special_request_note = in.special_request_note();
  c.problem = in.problem();
  c.device_number = in.device_number();
  c.contact_phone = in.contact_phone();
  c.contact_person = in.contact_person();
  c.user_number = in.user_number();
  c.user_name = in.user_name();
  c.company = in.company();
  c.address = in.address();
  c.postal_code = in.postal_code();
  c.email = in.email();
  c.handler = in.handler();
  c.processor = in.processor();
  c.reviewer = in.reviewer();
  c.complained_at =
      times.Optional(in.has_complained_at(), in.complained_at(), "input.complained_at");
  c.overall_serial = t.overall_serial();
  c.serial_month = t.serial_month();
  c.month_serial = t.month_serial();
  c.received_at = times.Optional(t.has_received_at(), t.received_at(), "received_at");
  if (t.has_forward()) {
    const cs::intake::v1::Forward& f = t.forward();
    c.forwarded_at = times.Optional(f.has_forwarded_at(), f.forwarded_at(), "forward.forwarded_at");
    c.confirm_deadline = times.Optional(f.has_confirm_deadline() && f.confirm_deadline().has_at(),
                                        f.confirm_deadline().at(), "forward.confirm_deadline.at");
    c.confirmed_at = times.Optional(f.has_confirmed_at(), f.confirmed_at(), "forward.confirmed_at");
  }
  c.last_outcome = static_cast<OutcomeKind>(t.last_outcome());
  c.handling_department = t.handling_department();
  c.handling_deadline =
      times.Optional(t.has_handling_deadline(), t.handling_deadline(), "handling_deadline");
  c.replied_to_user_at =
      times.Optional(t.has_replied_to_user_at(), t.replied_to_user_at(), "replied_to_user_at");
  c.return_reason = static_cast<ReturnReason>(t.return_reason());
  c.return_note = t.return_note();
  c.callback_at = times.Optional(t.has_callback_at(), t.callback_at(), "callback_at");
  c.closed_at = times.Optional(t.has_closed_at(), t.closed_at(), "closed_at");
  for (int i = 0; i < t.history_size(); ++i) {
    const cs::intake::v1::HistoryEntry& h = t.history(i);
    c.history.push_back({h.sequence(),
                         times.Required(h.has_at(), h.at(), absl::StrCat("history[", i, "].at")),
                         h.actor(), h.event(), h.detail()});
  }
  for (int i = 0; i < t.replies_size(); ++i) {
    const cs::intake::v1::Reply& r = t.replies(i);
    c.replies.push_back({r.sequence(),
                         times.Required(r.has_at(), r.at(), absl::StrCat("replies[", i, "].at")),
                         static_cast<ReplyChannel>(r.channel()), r.replied_by(), r.text()});
  }
  if (!times.violations().empty()) return times.violations().ToStatus("invalid record");
  return c;
}

std::string DocumentOf(const cs::intake::v1::Ticket& ticket) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    ticket.SerializeToCodedStream(&coded);
  }
  return bytes;
}

absl::StatusOr<IncomingRecord> IncomingFromTicket(bool has_ticket,
                                                  const cs::intake::v1::Ticket& ticket,
                                                  std::string unit_name, std::string time_zone) {
  if (!has_ticket) {
    return common::InvalidField("ticket", "is required: the complete closed ticket (V1)");
  }
  IncomingRecord record;
  absl::StatusOr<RecordContent> content = ContentFromTicket(ticket, "ticket");
  if (!content.ok()) return content.status();
  record.content = *std::move(content);
  record.document = DocumentOf(ticket);
  record.unit_name = std::move(unit_name);
  record.time_zone = std::move(time_zone);
  return record;
}

v1::RecordSummary ToSummaryProto(const ArchivedRecord& record) {
  const RecordSummary& s = record.summary;
  v1::RecordSummary proto;
  proto.set_record_id(RecordIdText(record.record_id));
  proto.set_ticket_id(s.ticket_id);
  proto.set_unit_id(s.unit_id);
  proto.set_unit_name(record.unit_name);
  proto.set_kind(static_cast<cs::common::v1::TicketKind>(s.kind));
  proto.set_channel(static_cast<cs::common::v1::Channel>(s.channel));
  proto.set_business_line(s.business_line);
  proto.set_routing_path(static_cast<v1::RoutingPath>(s.routing_path));
  proto.set_overall_serial(s.overall_serial);
  proto.set_serial_month(s.serial_month);
  proto.set_month_serial(s.month_serial);
  *proto.mutable_received_at() = common::ToProtoTimestamp(s.received_at);
  *proto.mutable_closed_at() = common::ToProtoTimestamp(s.closed_at);
  proto.set_closed_month(s.closed_month);
  proto.set_on_time(s.on_time);
  proto.set_current_version(record.current_version);
  *proto.mutable_archived_at() = common::ToProtoTimestamp(record.archived_at);
  *proto.mutable_retain_until() = common::ToProtoTimestamp(record.retention.retain_until);
  proto.set_legal_hold(record.hold.held);
  proto.set_destroyed(record.destroyed());
  return proto;
}

v1::DestructionCertificate ToProto(const DestructionCertificate& c) {
  v1::DestructionCertificate proto;
  proto.set_certificate_id(CertificateIdText(c.certificate_id));
  proto.set_record_id(RecordIdText(c.record_id));
  proto.set_ticket_id(c.ticket_id);
  proto.set_unit_id(c.unit_id);
  proto.set_destroyed_by(c.destroyed_by);
  *proto.mutable_destroyed_at() = common::ToProtoTimestamp(c.destroyed_at);
  proto.set_reason(c.reason);
  proto.set_retention_basis(c.retention_basis);
  *proto.mutable_retain_until() = common::ToProtoTimestamp(c.retain_until);
  *proto.mutable_closed_at() = common::ToProtoTimestamp(c.closed_at);
  *proto.mutable_archived_at() = common::ToProtoTimestamp(c.archived_at);
  proto.set_content_sha256(c.content_sha256);
  proto.set_versions(c.versions);
  return proto;
}

absl::StatusOr<v1::ArchivedRecord> ToRecordProto(const ArchivedRecord& record, int version,
                                                 const std::string& document) {
  v1::ArchivedRecord proto;
  *proto.mutable_summary() = ToSummaryProto(record);
  proto.set_version(version);
  if (!document.empty() && !proto.mutable_ticket()->ParseFromString(document)) {
    return absl::DataLossError(absl::StrCat("the stored document of ",
                                            RecordIdText(record.record_id), " v", version,
                                            " is not a ticket"));
  }
  for (const RecordVersion& v : record.versions) {
    v1::RecordVersion* out = proto.add_versions();
    out->set_version(v.version);
    *out->mutable_archived_at() = common::ToProtoTimestamp(v.archived_at);
    out->set_archived_by(v.archived_by);
    out->set_reason(v.reason);
    out->set_content_sha256(v.content_sha256);
  }
  *proto.mutable_retention()->mutable_period() = ToPeriodProto(record.retention.months);
  *proto.mutable_retention()->mutable_retain_until() =
      common::ToProtoTimestamp(record.retention.retain_until);
  proto.mutable_retention()->set_basis(record.retention.basis);
  proto.mutable_legal_hold()->set_held(record.hold.held);
  proto.mutable_legal_hold()->set_reason(record.hold.reason);
  proto.mutable_legal_hold()->set_set_by(record.hold.set_by);
  SetTime(record.hold.set_at, proto.mutable_legal_hold()->mutable_set_at());
  if (record.destruction.has_value()) *proto.mutable_destruction() = ToProto(*record.destruction);
  proto.set_time_zone(record.time_zone);
  return proto;
}

v1::AccessLogEntry ToProto(const AccessEntry& e) {
  v1::AccessLogEntry proto;
  proto.set_id(e.id);
  *proto.mutable_at() = common::ToProtoTimestamp(e.at);
  proto.set_user(e.user);
  proto.set_role(static_cast<cs::common::v1::Role>(e.role));
  proto.set_caller_unit_id(e.caller_unit_id);
  proto.set_action(std::string(AccessActionName(e.action)));
  proto.set_target(e.target);
  proto.set_record_unit_id(e.record_unit_id);
  proto.set_reason(e.reason);
  proto.set_outcome(std::string(AccessOutcomeName(e.outcome)));
  proto.set_result_count(e.result_count);
  proto.set_detail(e.detail);
  return proto;
}

cs::config::v1::Period ToPeriodProto(int months) {
  cs::config::v1::Period period;
  if (months % 12 == 0) {
    period.set_years(months / 12);
  } else {
    period.set_months(months);
  }
  return period;
}

v1::UnitRetentionPolicy ToProto(const RetentionPolicy& policy) {
  v1::UnitRetentionPolicy proto;
  proto.set_unit_id(policy.unit_id);
  *proto.mutable_retention() = ToPeriodProto(policy.months);
  proto.set_source(std::string(RetentionSourceName(policy.source)));
  proto.set_set_by(policy.set_by);
  SetTime(policy.set_at, proto.mutable_set_at());
  proto.set_note(policy.note);
  return proto;
}

v1::MonthlyStatistics ToProto(const MonthlyStatistics& stats) {
  v1::MonthlyStatistics proto;
  proto.set_month(stats.month);
  proto.set_previous_month(stats.previous_month);
  proto.set_unit_id(stats.unit_id);
  *proto.mutable_totals() = ToProto(stats.totals);
  proto.set_on_time_rate(stats.on_time_rate);
  proto.set_previous_on_time_rate(stats.previous_on_time_rate);
  for (const auto& [kind, counts] : stats.by_kind) {
    v1::KindCounts* out = proto.add_by_kind();
    out->set_kind(static_cast<cs::common::v1::TicketKind>(kind));
    *out->mutable_counts() = ToProto(counts);
  }
  for (const auto& [channel, counts] : stats.by_channel) {
    v1::ChannelCounts* out = proto.add_by_channel();
    out->set_channel(static_cast<cs::common::v1::Channel>(channel));
    *out->mutable_counts() = ToProto(counts);
  }
  for (const auto& [line, counts] : stats.by_business_line) {
    v1::BusinessLineCounts* out = proto.add_by_business_line();
    out->set_business_line(line);
    *out->mutable_counts() = ToProto(counts);
  }
  for (const auto& [path, counts] : stats.by_routing_path) {
    v1::RoutingPathCounts* out = proto.add_by_routing_path();
    out->set_routing_path(static_cast<v1::RoutingPath>(path));
    *out->mutable_counts() = ToProto(counts);
  }
  *proto.mutable_report_due() = common::ToProtoDeadline(stats.report_due);
  return proto;
}

v1::MonthlyReportStatus ToProto(const MonthlyReportStatus& status) {
  const MonthlyReport& r = status.report;
  v1::MonthlyReportStatus proto;
  proto.set_unit_id(r.unit_id);
  proto.set_month(r.month);
  *proto.mutable_due() = common::ToProtoDeadline(r.due);
  proto.set_submitted(r.submitted());
  SetTime(r.submitted_at, proto.mutable_submitted_at());
  proto.set_submitted_by(r.submitted_by);
  proto.set_on_time(r.on_time());
  proto.set_overdue(status.overdue);
  proto.set_analysis(r.analysis);
  proto.set_records(r.records);
  return proto;
}

v1::ArchiveCompleteness ToProto(const ArchiveCompleteness& completeness) {
  v1::ArchiveCompleteness proto;
  proto.set_unit_id(completeness.unit_id);
  proto.set_month(completeness.month);
  proto.set_time_zone(completeness.time_zone);
  *proto.mutable_closed()->mutable_start() = common::ToProtoTimestamp(completeness.closed_from);
  *proto.mutable_closed()->mutable_end() = common::ToProtoTimestamp(completeness.closed_until);
  proto.set_archived_closed_in_month(completeness.counts.archived);
  for (const SerialMonthGaps& gaps : completeness.counts.serial_months) {
    v1::SerialMonthGaps* out = proto.add_serial_months();
    out->set_serial_month(gaps.serial_month);
    out->set_archived_serials(gaps.archived_serials);
    out->set_highest_archived_serial(gaps.highest_archived_serial);
    out->set_missing_count(gaps.missing_count);
    for (int64_t serial : gaps.missing_serials) out->add_missing_serials(serial);
    out->set_missing_truncated(gaps.missing_truncated());
  }
  proto.set_missing_serials_total(completeness.missing_serials_total());
  proto.set_max_archive_lag_seconds(absl::ToDoubleSeconds(completeness.counts.max_lag));
  proto.set_median_archive_lag_seconds(absl::ToDoubleSeconds(completeness.counts.median_lag));
  *proto.mutable_as_of() = common::ToProtoTimestamp(completeness.as_of);
  return proto;
}

absl::StatusOr<RecordFilter> FromProto(const v1::SearchRecordsRequest& request) {
  common::FieldViolations violations;
  RecordFilter filter;
  filter.unit_id = request.unit_id();
  filter.closed_month = request.closed_month();
  if (!filter.closed_month.empty() &&
      !common::ParseMonth(filter.closed_month, "closed_month").ok()) {
    violations.Add("closed_month", "must be a month YYYY-MM");
  }
  if (request.kind() != 0 &&
      !common::IsKnownTicketKind(static_cast<common::TicketKind>(request.kind()))) {
    violations.Add("kind", "is not a known ticket kind");
  }
  filter.kind = static_cast<TicketKind>(request.kind());
  if (request.channel() != 0 &&
      !common::IsKnownChannel(static_cast<common::Channel>(request.channel()))) {
    violations.Add("channel", "is not a known channel");
  }
  filter.channel = static_cast<Channel>(request.channel());
  filter.business_line = request.business_line();
  if (request.routing_path() != 0 && !IsKnownRoutingPath(request.routing_path())) {
    violations.Add("routing_path", "is not a known routing path");
  }
  filter.routing_path = static_cast<RoutingPath>(request.routing_path());
  if (request.ticket_id() < 0) violations.Add("ticket_id", "must not be negative");
  filter.ticket_id = request.ticket_id();
  filter.closed_from = common::ReadOptionalTimestamp(
      request.closed().has_start(), request.closed().start(), "closed.start", violations);
  filter.closed_until = common::ReadOptionalTimestamp(
      request.closed().has_end(), request.closed().end(), "closed.end", violations);
  if (filter.closed_from.has_value() && filter.closed_until.has_value() &&
      *filter.closed_until < *filter.closed_from) {
    violations.Add("closed.end", "is before closed.start");
  }
  filter.include_destroyed = request.include_destroyed();
  if (!violations.empty()) return violations.ToStatus("invalid search");
  return filter;
}

absl::StatusOr<AccessLogFilter> FromProto(const v1::ListAccessLogRequest& request) {
  common::FieldViolations violations;
  AccessLogFilter filter;
  filter.user = request.user();
  filter.record_unit_id = request.record_unit_id();
  filter.target = request.target();
  filter.from = common::ReadOptionalTimestamp(request.at().has_start(), request.at().start(),
                                              "at.start", violations);
  filter.until = common::ReadOptionalTimestamp(request.at().has_end(), request.at().end(), "at.end",
                                               violations);
  if (!violations.empty()) return violations.ToStatus("invalid access log request");
  return filter;
}

}  // namespace cs::archive
