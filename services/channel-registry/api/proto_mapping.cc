#include "services/channel-registry/api/proto_mapping.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/api/proto_time.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"

namespace cs::channel {
namespace {

using common::FieldViolations;
using google::protobuf::Timestamp;

// Reads what the wire may carry but the domain cannot hold, collecting a violation for each.
class Reader {
 public:
  absl::optional<absl::Time> Optional(bool present, const Timestamp& timestamp,
                                      const std::string& field) {
    return common::ReadOptionalTimestamp(present, timestamp, field, violations_);
  }
  // An unset or unreadable timestamp is the epoch, which the domain reads as unset.
  absl::Time Required(bool present, const Timestamp& timestamp, const std::string& field) {
    return Optional(present, timestamp, field).value_or(absl::UnixEpoch());
  }
  // The id of "CN-<n>"; 0 for an empty text (no channel named).
  int64_t ChannelId(const std::string& text, const std::string& field) {
    if (text.empty()) return 0;
    absl::StatusOr<int64_t> id = ParseChannelId(text, field);
    if (!id.ok()) {
      Absorb(id.status(), field);
      return 0;
    }
    return *id;
  }
  // `value` when it is one of the enum's numbers 0..`last`; otherwise a violation.
  int Enum(int value, int last, const std::string& field) {
    if (value < 0 || value > last) {
      violations_.Add(field, absl::StrCat(value, " is not a value of the enum"));
      return 0;
    }
    return value;
  }

  absl::Status Done(absl::string_view summary) const { return violations_.ToStatus(summary); }

 private:
  void Absorb(const absl::Status& status, const std::string& field) {
    const std::vector<common::FieldViolation> violations = common::ViolationsOf(status);
    for (const common::FieldViolation& v : violations) violations_.Add(v.field, v.description);
    if (violations.empty()) violations_.Add(field, std::string(status.message()));
  }

  FieldViolations violations_;
};

}  // namespace

// --- wire -> domain -----------------------------------------------------------------------------

FilingForm FromProto(const v1::FilingForm& proto) {
  FilingForm form;
  form.unit_id = proto.unit_id();
  form.implementation = proto.implementation();
  form.kind = static_cast<ChannelKind>(proto.kind());
  for (int purpose : proto.purposes())
    form.purposes.push_back(static_cast<ChannelPurpose>(purpose));
  form.business_scope = proto.business_scope();
  form.address = proto.address();
  form.capacity = proto.capacity();
  form.service_time = proto.service_time();
  form.staffing = static_cast<Staffing>(proto.staffing());
  form.assigned_staff.assign(proto.assigned_staff().begin(), proto.assigned_staff().end());
  form.contact = {proto.contact().person(), proto.contact().phone(), proto.contact().email()};
  form.remarks = proto.remarks();
  form.foreign_use_heavy = proto.foreign_use_heavy();
  form.languages.assign(proto.languages().begin(), proto.languages().end());
  return form;
}

absl::StatusOr<absl::optional<absl::Time>> OptionalTimeFromProto(bool present,
                                                                 const Timestamp& timestamp,
                                                                 absl::string_view field) {
  Reader read;
  absl::optional<absl::Time> time = read.Optional(present, timestamp, std::string(field));
  RETURN_IF_ERROR(read.Done("invalid timestamp"));
  return time;
}

UnfiledReportInput FromProto(const v1::ReportUnfiledChannelRequest& request) {
  UnfiledReportInput input;
  input.unit_id = request.unit_id();
  input.kind = static_cast<ChannelKind>(request.kind());
  input.address = request.address();
  input.finding = request.finding();
  return input;
}

absl::StatusOr<ChannelFilter> FromProto(const v1::ListChannelsRequest& request) {
  Reader read;
  ChannelFilter filter;
  filter.unit_id = request.unit_id();
  filter.state = static_cast<ChannelState>(read.Enum(request.state(), 4, "state"));
  filter.kind = static_cast<ChannelKind>(read.Enum(request.kind(), 6, "kind"));
  RETURN_IF_ERROR(read.Done("invalid channel filter"));
  return filter;
}

absl::StatusOr<FaultFilter> FromProto(const v1::ListFaultsRequest& request) {
  Reader read;
  FaultFilter filter;
  filter.unit_id = request.unit_id();
  filter.channel_id = read.ChannelId(request.channel_id(), "channel_id");
  filter.open_only = request.open_only();
  RETURN_IF_ERROR(read.Done("invalid fault filter"));
  return filter;
}

absl::StatusOr<FaultInput> FromProto(const v1::OpenFaultRequest& request) {
  Reader read;
  FaultInput input;
  input.origin = FaultOrigin::kReported;
  input.description = request.description();
  input.opened_at = read.Optional(request.has_opened_at(), request.opened_at(), "opened_at");
  RETURN_IF_ERROR(read.Done("invalid fault"));
  return input;
}

absl::StatusOr<CheckInput> FromProto(const v1::RecordCheckRequest& request) {
  Reader read;
  CheckInput input;
  input.checked_at = read.Optional(request.has_checked_at(), request.checked_at(), "checked_at");
  input.checked_by = request.checked_by();
  input.new_complaints = request.new_complaints();
  RETURN_IF_ERROR(read.Done("invalid check"));
  return input;
}

absl::StatusOr<UsageSample> FromProto(const v1::UsageSample& proto, int64_t channel_id) {
  Reader read;
  UsageSample sample;
  sample.channel_id = channel_id;
  sample.sampled_at =
      read.Required(proto.has_sampled_at(), proto.sampled_at(), "sample.sampled_at");
  sample.used = proto.used();
  sample.capacity = proto.capacity();
  RETURN_IF_ERROR(read.Done("invalid usage sample"));
  return sample;
}

std::vector<PublishedItem> ItemsFromProto(const v1::RecordPublicationRequest& request) {
  std::vector<PublishedItem> items;
  for (int item : request.items()) items.push_back(static_cast<PublishedItem>(item));
  return items;
}

// --- domain -> wire -----------------------------------------------------------------------------

v1::FilingForm ToProto(const FilingForm& form) {
  v1::FilingForm proto;
  proto.set_unit_id(form.unit_id);
  *proto.mutable_filed_at() = common::ToProtoTimestamp(form.filed_at);
  proto.set_implementation(form.implementation);
  proto.set_kind(static_cast<cs::common::v1::Channel>(form.kind));
  for (ChannelPurpose purpose : form.purposes) {
    proto.add_purposes(static_cast<v1::ChannelPurpose>(purpose));
  }
  proto.set_business_scope(form.business_scope);
  proto.set_address(form.address);
  proto.set_capacity(form.capacity);
  proto.set_service_time(form.service_time);
  proto.set_staffing(static_cast<v1::Staffing>(form.staffing));
  for (const std::string& staff : form.assigned_staff) proto.add_assigned_staff(staff);
  cs::common::v1::Contact* contact = proto.mutable_contact();
  contact->set_person(form.contact.person);
  contact->set_phone(form.contact.phone);
  contact->set_email(form.contact.email);
  proto.set_remarks(form.remarks);
  proto.set_foreign_use_heavy(form.foreign_use_heavy);
  for (const std::string& language : form.languages) proto.add_languages(language);
  return proto;
}

v1::ServiceTime ToProto(const ServiceTime& service_time) {
  v1::ServiceTime proto;
  proto.set_around_the_clock(service_time.around_the_clock);
  proto.set_checks_per_day(service_time.checks_per_day);
  return proto;
}

v1::OnlineChannel ToProto(const OnlineChannel& channel, absl::Time now) {
  v1::OnlineChannel proto;
  proto.set_channel_id(FormatChannelId(channel.id));
  proto.set_unit_id(channel.unit_id);
  proto.set_state(static_cast<v1::ChannelState>(channel.state));
  if (!channel.form_versions.empty()) *proto.mutable_form() = ToProto(channel.form());
  proto.set_form_version(static_cast<int32_t>(channel.form_versions.size()));
  *proto.mutable_service_time() = ToProto(channel.service_time);
  common::SetOptionalTimestamp(channel.acknowledged_at,
                               [&] { return proto.mutable_acknowledged_at(); });
  proto.set_acknowledged_by(channel.acknowledged_by);
  for (const Finding& finding : channel.findings) {
    v1::Finding* f = proto.add_findings();
    f->set_finding(finding.finding);
    f->set_found_by(finding.found_by);
    *f->mutable_found_at() = common::ToProtoTimestamp(finding.found_at);
    common::SetOptionalTimestamp(finding.corrected_at, [&] { return f->mutable_corrected_at(); });
  }
  v1::Publication* publication = proto.mutable_publication();
  for (PublishedItem item : channel.publication.items) {
    publication->add_items(static_cast<v1::PublishedItem>(item));
  }
  publication->set_service_standards_published(channel.publication.service_standards_published);
  common::SetOptionalTimestamp(channel.publication.recorded_at,
                               [&] { return publication->mutable_recorded_at(); });
  common::SetOptionalTimestamp(channel.last_checked_at,
                               [&] { return proto.mutable_last_checked_at(); });
  common::SetOptionalTimestamp(channel.next_check_due,
                               [&] { return proto.mutable_next_check_due(); });
  proto.set_check_overdue(ChannelCheckOverdue(channel, now));
  for (const FilingForm& form : channel.form_versions) *proto.add_form_versions() = ToProto(form);
  for (const HistoryEntry& entry : channel.history) {
    v1::HistoryEntry* h = proto.add_history();
    h->set_sequence(entry.sequence);
    *h->mutable_at() = common::ToProtoTimestamp(entry.at);
    h->set_actor(entry.actor);
    h->set_event(entry.event);
    h->set_detail(entry.detail);
  }
  proto.set_version(channel.version);
  return proto;
}

v1::UnfiledChannel ToProto(const UnfiledChannel& report) {
  v1::UnfiledChannel proto;
  proto.set_report_id(FormatUnfiledId(report.id));
  proto.set_unit_id(report.unit_id);
  proto.set_kind(static_cast<cs::common::v1::Channel>(report.kind));
  proto.set_address(report.address);
  proto.set_finding(report.finding);
  proto.set_reported_by(report.reported_by);
  *proto.mutable_reported_at() = common::ToProtoTimestamp(report.reported_at);
  if (report.filed_as_channel_id > 0) {
    proto.set_filed_as_channel_id(FormatChannelId(report.filed_as_channel_id));
  }
  common::SetOptionalTimestamp(report.filed_at, [&] { return proto.mutable_filed_at(); });
  return proto;
}

v1::Fault ToProto(const Fault& fault, absl::Time now) {
  v1::Fault proto;
  proto.set_fault_id(FormatFaultId(fault.id));
  proto.set_channel_id(FormatChannelId(fault.channel_id));
  proto.set_unit_id(fault.unit_id);
  proto.set_origin(static_cast<v1::FaultOrigin>(fault.origin));
  proto.set_description(fault.description);
  *proto.mutable_opened_at() = common::ToProtoTimestamp(fault.opened_at);
  proto.set_opened_by(fault.opened_by);
  *proto.mutable_repair_due() = common::ToProtoTimestamp(fault.repair_due);
  common::SetOptionalTimestamp(fault.repaired_at, [&] { return proto.mutable_repaired_at(); });
  proto.set_closed_by(fault.closed_by);
  proto.set_repair_note(fault.repair_note);
  proto.set_overdue(FaultOverdue(fault, now));
  return proto;
}

v1::Check ToProto(const Check& check) {
  v1::Check proto;
  proto.set_channel_id(FormatChannelId(check.channel_id));
  *proto.mutable_checked_at() = common::ToProtoTimestamp(check.checked_at);
  proto.set_checked_by(check.checked_by);
  proto.set_new_complaints(check.new_complaints);
  proto.set_recorded_by(check.recorded_by);
  *proto.mutable_next_due() = common::ToProtoTimestamp(check.next_due);
  proto.set_late(check.late);
  return proto;
}

v1::PublicationChecklist ToProto(const PublicationChecklist& checklist, int64_t channel_id) {
  v1::PublicationChecklist proto;
  proto.set_channel_id(FormatChannelId(channel_id));
  proto.set_takes_orders(checklist.takes_orders);
  for (PublishedItem item : checklist.missing_items) {
    proto.add_missing_items(static_cast<v1::PublishedItem>(item));
  }
  proto.set_service_standards_missing(checklist.service_standards_missing);
  proto.set_english_advised(checklist.english_advised);
  proto.set_complete(checklist.complete);
  for (const std::string& note : checklist.notes) proto.add_notes(note);
  return proto;
}

v1::UsageSample ToProto(const UsageSample& sample) {
  v1::UsageSample proto;
  *proto.mutable_sampled_at() = common::ToProtoTimestamp(sample.sampled_at);
  proto.set_used(sample.used);
  proto.set_capacity(sample.capacity);
  return proto;
}

v1::CapacityForecast ToProto(const ForecastResult& result) {
  const CapacityForecast& forecast = result.forecast;
  v1::CapacityForecast proto;
  proto.set_channel_id(FormatChannelId(result.channel_id));
  if (forecast.latest.has_value()) *proto.mutable_latest() = ToProto(*forecast.latest);
  proto.set_usage_ratio(forecast.usage_ratio);
  proto.set_growth_per_day(forecast.growth_per_day);
  common::SetOptionalTimestamp(forecast.full_at, [&] { return proto.mutable_full_at(); });
  proto.set_samples_used(forecast.samples_used);
  proto.set_warning(forecast.warning);
  proto.set_advice(forecast.advice);
  if (result.opened_fault_id > 0) proto.set_opened_fault_id(FormatFaultId(result.opened_fault_id));
  return proto;
}

v1::AssistanceRequest ToProto(const AssistanceRequest& request) {
  v1::AssistanceRequest proto;
  proto.set_channel_id(FormatChannelId(request.channel_id));
  proto.set_text(request.text);
  proto.set_requested_by(request.requested_by);
  *proto.mutable_requested_at() = common::ToProtoTimestamp(request.requested_at);
  return proto;
}

v1::ChannelMonthlyReport ToProto(const ChannelMonthlyReport& report) {
  v1::ChannelMonthlyReport proto;
  proto.set_channel_id(FormatChannelId(report.channel_id));
  proto.set_unit_id(report.unit_id);
  proto.set_month(report.month);
  proto.set_complaints_received(report.complaints_received);
  proto.set_checks_made(report.checks_made);
  proto.set_checks_missed(report.checks_missed);
  proto.set_faults_opened(report.faults_opened);
  proto.set_faults_repaired(report.faults_repaired);
  proto.set_faults_repaired_in_time(report.faults_repaired_in_time);
  proto.set_mean_repair_hours(report.mean_repair_hours);
  proto.set_longest_repair_hours(report.longest_repair_hours);
  proto.set_capacity_warnings(report.capacity_warnings);
  proto.set_english_advised(report.english_advised);
  for (PublishedItem item : report.missing_items) {
    proto.add_missing_items(static_cast<v1::PublishedItem>(item));
  }
  proto.set_service_standards_missing(report.service_standards_missing);
  *proto.mutable_due_at() = common::ToProtoTimestamp(report.due.at);
  if (report.submission.has_value()) {
    *proto.mutable_submitted_at() = common::ToProtoTimestamp(report.submission->submitted_at);
    proto.set_submitted_by(report.submission->submitted_by);
  }
  proto.set_late(report.late);
  return proto;
}

v1::MonthlyStatistics ToProto(const MonthlyStatistics& stats) {
  v1::MonthlyStatistics proto;
  proto.set_unit_id(stats.unit_id);
  proto.set_month(stats.month);
  for (const ChannelMonth& month : stats.channels) {
    v1::ChannelMonth* c = proto.add_channels();
    c->set_channel_id(FormatChannelId(month.channel_id));
    c->set_kind(static_cast<cs::common::v1::Channel>(month.kind));
    c->set_address(month.address);
    c->set_checks_made(month.checks_made);
    c->set_checks_missed(month.checks_missed);
    c->set_faults_repaired(month.faults_repaired);
    c->set_faults_repaired_in_time(month.faults_repaired_in_time);
    c->set_report_submitted_on_time(month.report_submitted_on_time);
    c->set_faults_overdue(month.faults_overdue);
    c->set_report_overdue(month.report_overdue);
  }
  proto.set_channels_in_use(stats.channels_in_use);
  proto.set_filings_complete_and_accurate(stats.filings_complete_and_accurate);
  proto.set_inaccurate_findings(stats.inaccurate_findings);
  proto.set_unfiled_channels(stats.unfiled_channels);
  return proto;
}

v1::CheckSchedule ToProto(const CheckSchedule& schedule) {
  v1::CheckSchedule proto;
  proto.set_channel_id(FormatChannelId(schedule.channel_id));
  *proto.mutable_service_time() = ToProto(schedule.service_time);
  proto.set_interval_seconds(absl::ToInt64Seconds(schedule.interval));
  common::SetOptionalTimestamp(schedule.last_checked_at,
                               [&] { return proto.mutable_last_checked_at(); });
  common::SetOptionalTimestamp(schedule.next_due, [&] { return proto.mutable_next_due(); });
  proto.set_overdue(schedule.overdue);
  for (absl::Time due : schedule.upcoming) *proto.add_upcoming() = common::ToProtoTimestamp(due);
  return proto;
}

}  // namespace cs::channel
