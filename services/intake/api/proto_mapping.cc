#include "services/intake/api/proto_mapping.h"

#include "absl/strings/str_cat.h"
#include "common/api/proto_deadline.h"
#include "common/api/proto_time.h"
#include "common/status/field_violations.h"
#include "common/status/quoted_value.h"
#include "google/protobuf/descriptor.h"

namespace cs::intake {

absl::StatusOr<TicketInput> FromProto(const v1::TicketInput& proto, absl::string_view prefix) {
  TicketInput input;
  input.unit_id = proto.unit_id();
  input.kind = static_cast<TicketKind>(proto.kind());
  input.channel = static_cast<Channel>(proto.channel());
  input.reply_channel = static_cast<ReplyChannel>(proto.reply_channel());
  input.special_request = proto.special_request();
  input.special_request_note = proto.special_request_note();
  input.problem = proto.problem();
  input.device_number = proto.device_number();
  input.contact_phone = proto.contact_phone();
  input.contact_person = proto.contact_person();
  input.user_number = proto.user_number();
  input.user_name = proto.user_name();
  input.company = proto.company();
  input.address = proto.address();
  input.postal_code = proto.postal_code();
  input.email = proto.email();
  if (proto.has_complained_at()) {
    absl::StatusOr<absl::Time> complained =
        common::FromProtoTimestamp(proto.complained_at(), absl::StrCat(prefix, ".complained_at"));
    if (!complained.ok()) return complained.status();
    input.complained_at = *complained;
  }
  input.handler = proto.handler();
  input.processor = proto.processor();
  input.reviewer = proto.reviewer();
  input.business_line = proto.business_line();
  return input;
}

v1::TicketInput ToProto(const TicketInput& input) {
  v1::TicketInput proto;
  proto.set_unit_id(input.unit_id);
  proto.set_kind(static_cast<cs::common::v1::TicketKind>(input.kind));
  proto.set_channel(static_cast<cs::common::v1::Channel>(input.channel));
  proto.set_reply_channel(static_cast<cs::common::v1::ReplyChannel>(input.reply_channel));
  proto.set_special_request(input.special_request);
  proto.set_special_request_note(input.special_request_note);
  proto.set_problem(input.problem);
  proto.set_device_number(input.device_number);
  proto.set_contact_phone(input.contact_phone);
  proto.set_contact_person(input.contact_person);
  proto.set_user_number(input.user_number);
  proto.set_user_name(input.user_name);
  proto.set_company(input.company);
  proto.set_address(input.address);
  proto.set_postal_code(input.postal_code);
  proto.set_email(input.email);
  if (input.complained_at.has_value())
    *proto.mutable_complained_at() = common::ToProtoTimestamp(*input.complained_at);
  proto.set_handler(input.handler);
  proto.set_processor(input.processor);
  proto.set_reviewer(input.reviewer);
  proto.set_business_line(input.business_line);
  return proto;
}

v1::Ticket ToProto(const Ticket& ticket, bool with_children) {
  v1::Ticket proto;
  proto.set_ticket_id(ticket.id);
  *proto.mutable_input() = ToProto(ticket.input);
  proto.set_status(static_cast<v1::TicketStatus>(ticket.status));
  proto.set_overall_serial(ticket.overall_serial);
  proto.set_serial_month(ticket.serial_month);
  proto.set_month_serial(ticket.month_serial);
  *proto.mutable_received_at() = common::ToProtoTimestamp(ticket.received_at);
  *proto.mutable_confirm_deadline() = common::ToProtoDeadline(ticket.confirm_deadline);
  if (ticket.forward.has_value()) {
    const Forward& f = *ticket.forward;
    v1::Forward* out = proto.mutable_forward();
    out->set_forward_id(f.forward_id);
    *out->mutable_forwarded_at() = common::ToProtoTimestamp(f.forwarded_at);
    *out->mutable_confirm_deadline() = common::ToProtoDeadline(f.confirm_deadline);
    if (f.confirmed_at.has_value()) {
      *out->mutable_confirmed_at() = common::ToProtoTimestamp(*f.confirmed_at);
      out->set_deadline_met(ConfirmedOnTime(f));
    }
    if (f.working_time_to_confirm.has_value()) {
      out->set_working_seconds_to_confirm(absl::ToInt64Seconds(*f.working_time_to_confirm));
    }
    out->set_attempts(f.attempts);
  }
  proto.set_last_outcome(static_cast<v1::OutcomeKind>(ticket.last_outcome));
  proto.set_handling_department(ticket.handling_department);
  if (ticket.handling_deadline.has_value())
    *proto.mutable_handling_deadline() = common::ToProtoTimestamp(*ticket.handling_deadline);
  if (ticket.replied_to_user_at.has_value())
    *proto.mutable_replied_to_user_at() = common::ToProtoTimestamp(*ticket.replied_to_user_at);
  proto.set_return_reason(static_cast<v1::ReturnReason>(ticket.return_reason));
  proto.set_return_note(ticket.return_note);
  for (const std::string& field : ticket.fields_at_fault) proto.add_fields_at_fault(field);
  if (ticket.callback_at.has_value())
    *proto.mutable_callback_at() = common::ToProtoTimestamp(*ticket.callback_at);
  if (ticket.closed_at.has_value())
    *proto.mutable_closed_at() = common::ToProtoTimestamp(*ticket.closed_at);
  if (with_children) {
    for (const HistoryEntry& entry : ticket.history) {
      v1::HistoryEntry* out = proto.add_history();
      out->set_sequence(entry.sequence);
      *out->mutable_at() = common::ToProtoTimestamp(entry.at);
      out->set_actor(entry.actor);
      out->set_event(entry.event);
      out->set_detail(entry.detail);
    }
    for (const Reply& reply : ticket.replies) {
      v1::Reply* out = proto.add_replies();
      out->set_sequence(reply.sequence);
      *out->mutable_at() = common::ToProtoTimestamp(reply.at);
      out->set_channel(static_cast<cs::common::v1::ReplyChannel>(reply.channel));
      out->set_replied_by(reply.replied_by);
      out->set_text(reply.text);
    }
  }
  *proto.mutable_updated_at() = common::ToProtoTimestamp(ticket.updated_at);
  proto.set_version(ticket.version);
  return proto;
}

v1::MonthlyForwardingStatistics ToProto(const MonthlyForwardingStatistics& stats) {
  v1::MonthlyForwardingStatistics proto;
  proto.set_unit_id(stats.unit_id);
  proto.set_month(stats.month);
  const ForwardingCounts& c = stats.counts;
  proto.set_recorded(c.recorded);
  proto.set_forwarded(c.forwarded);
  proto.set_confirmed_on_time(c.confirmed_on_time);
  proto.set_confirmed_late(c.confirmed_late);
  proto.set_unconfirmed_deadline_passed(c.unconfirmed_deadline_passed);
  proto.set_unconfirmed_deadline_not_passed(c.unconfirmed_deadline_not_passed);
  proto.set_special_requests(c.special_requests);
  proto.set_special_requests_confirmed_on_time(c.special_requests_confirmed_on_time);
  proto.set_closed(c.closed);
  *proto.mutable_as_of() = common::ToProtoTimestamp(stats.as_of);
  return proto;
}

absl::StatusOr<Outcome> FromProto(const v1::ReportTicketOutcomeRequest& request) {
  Outcome outcome;
  outcome.message_id = request.message_id();
  outcome.forward_id = request.forward_id();
  outcome.kind = static_cast<OutcomeKind>(request.outcome());
  if (request.has_at()) {
    absl::StatusOr<absl::Time> at = common::FromProtoTimestamp(request.at(), "at");
    if (!at.ok()) return at.status();
    outcome.at = *at;
  }
  outcome.actor = request.actor();
  outcome.handling_department = request.handling_department();
  if (request.has_handling_deadline()) {
    absl::StatusOr<absl::Time> deadline =
        common::FromProtoTimestamp(request.handling_deadline(), "handling_deadline");
    if (!deadline.ok()) return deadline.status();
    outcome.handling_deadline = *deadline;
  }
  outcome.return_reason = static_cast<ReturnReason>(request.return_reason());
  outcome.return_note = request.return_note();
  outcome.fields_at_fault.assign(request.fields_at_fault().begin(),
                                 request.fields_at_fault().end());
  outcome.reply_text = request.reply_text();
  outcome.reply_channel = static_cast<ReplyChannel>(request.reply_channel());
  outcome.replied_by = request.replied_by();
  return outcome;
}

absl::StatusOr<TicketFilter> FromProto(const v1::ListTicketsRequest& request) {
  TicketFilter filter;
  filter.unit_id = request.unit_id();
  if (request.status() != v1::TICKET_STATUS_UNSPECIFIED) {
    filter.status = static_cast<TicketStatus>(request.status());
  }
  filter.kind = static_cast<TicketKind>(request.kind());
  filter.channel = static_cast<Channel>(request.channel());
  common::FieldViolations violations;
  filter.received_from = common::ReadOptionalTimestamp(
      request.received().has_start(), request.received().start(), "received.start", violations);
  filter.received_until = common::ReadOptionalTimestamp(
      request.received().has_end(), request.received().end(), "received.end", violations);
  if (filter.received_from.has_value() && filter.received_until.has_value() &&
      *filter.received_until < *filter.received_from) {
    violations.Add("received.end", "is before received.start");
  }
  if (request.status() < 0 || request.status() > v1::TICKET_STATUS_CLOSED) {
    violations.Add("status", "is not a known ticket status");
  }
  if (request.kind() < 0 || request.kind() > cs::common::v1::TICKET_KIND_FAULT_REPORT) {
    violations.Add("kind", "is not a known ticket kind");
  }
  if (request.channel() < 0 || request.channel() > cs::common::v1::CHANNEL_WALK_IN) {
    violations.Add("channel", "is not a known channel");
  }
  filter.awaiting_confirmation = request.awaiting_confirmation() || request.confirm_overdue();
  if (!violations.empty()) return violations.ToStatus("invalid list request");
  return filter;
}

cs::routing::v1::ReceiveForwardedTicketRequest ToForwardRequest(const Ticket& ticket) {
  cs::routing::v1::ReceiveForwardedTicketRequest request;
  request.set_forward_id(ticket.forward.has_value() ? ticket.forward->forward_id : "");
  cs::routing::v1::ForwardedTicket* out = request.mutable_ticket();
  const TicketInput& in = ticket.input;
  out->set_ticket_id(ticket.id);
  out->set_origin_unit_id(in.unit_id);
  out->set_kind(static_cast<cs::common::v1::TicketKind>(in.kind));
  out->set_channel(static_cast<cs::common::v1::Channel>(in.channel));
  out->set_reply_channel(static_cast<cs::common::v1::ReplyChannel>(in.reply_channel));
  out->set_special_request(in.special_request);
  out->set_special_request_note(in.special_request_note);
  out->set_problem(in.problem);
  out->set_device_number(in.device_number);
  out->set_contact_phone(in.contact_phone);
  out->set_contact_person(in.contact_person);
  out->set_user_number(in.user_number);
  out->set_user_name(in.user_name);
  out->set_company(in.company);
  out->set_address(in.address);
  out->set_postal_code(in.postal_code);
  out->set_email(in.email);
  out->set_business_line(in.business_line);
  *out->mutable_received_at() = common::ToProtoTimestamp(ticket.received_at);
  if (ticket.forward.has_value()) {
    *out->mutable_forwarded_at() = common::ToProtoTimestamp(ticket.forward->forwarded_at);
  }
  out->set_overall_serial(ticket.overall_serial);
  out->set_serial_month(ticket.serial_month);
  out->set_month_serial(ticket.month_serial);
  return request;
}

absl::StatusOr<std::vector<std::string>> ApplyFieldMask(const v1::TicketInput& patch,
                                                        const google::protobuf::FieldMask& mask,
                                                        v1::TicketInput& base) {
  const google::protobuf::Descriptor* descriptor = v1::TicketInput::descriptor();
  const google::protobuf::Reflection* reflection = v1::TicketInput::GetReflection();
  common::FieldViolations violations;
  std::vector<std::string> changed;
  if (mask.paths_size() == 0) violations.Add("update_mask", "must name at least one field");
  for (const std::string& path : mask.paths()) {
    const google::protobuf::FieldDescriptor* field = descriptor->FindFieldByName(path);
    if (field == nullptr) {
      violations.Add("update_mask",
                     absl::StrCat("names no field of TicketInput: ", common::QuotedValue(path)));
    } else if (path == "unit_id") {
      violations.Add("update_mask",
                     "unit_id cannot change: the unit of first contact stays responsible (M 7.3)");
    } else {
      if (field->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE &&
          !reflection->HasField(patch, field)) {
        reflection->ClearField(&base, field);
      } else if (field->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) {
        reflection->MutableMessage(&base, field)->CopyFrom(reflection->GetMessage(patch, field));
      } else {
        switch (field->cpp_type()) {
          case google::protobuf::FieldDescriptor::CPPTYPE_STRING:
            reflection->SetString(&base, field, reflection->GetString(patch, field));
            break;
          case google::protobuf::FieldDescriptor::CPPTYPE_BOOL:
            reflection->SetBool(&base, field, reflection->GetBool(patch, field));
            break;
          case google::protobuf::FieldDescriptor::CPPTYPE_ENUM:
            reflection->SetEnumValue(&base, field, reflection->GetEnumValue(patch, field));
            break;
          default:
            violations.Add("update_mask", absl::StrCat("cannot update ", path));
            continue;
        }
      }
      changed.push_back(path);
    }
  }
  if (!violations.empty()) return violations.ToStatus("invalid update");
  return changed;
}

}  // namespace cs::intake
