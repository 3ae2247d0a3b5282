#include "services/hotline-registry/api/proto_mapping.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/api/proto_deadline.h"
#include "common/api/proto_time.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"
#include "common/time/working_calendar_data.h"

namespace cs::hotline {
namespace {

using common::FieldViolations;
using google::protobuf::Timestamp;

std::string Path(absl::string_view prefix, absl::string_view field) {
  return prefix.empty() ? std::string(field) : absl::StrCat(prefix, ".", field);
}

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
  int64_t HotlineId(const std::string& text, const std::string& field) {
    if (text.empty()) return 0;  // the domain says it is required
    absl::StatusOr<int64_t> id = ParseHotlineId(text, field);
    if (!id.ok()) {
      for (const common::FieldViolation& v : common::ViolationsOf(id.status())) {
        violations_.Add(v.field, v.description);
      }
      if (common::ViolationsOf(id.status()).empty()) {
        violations_.Add(field, std::string(id.status().message()));
      }
      return 0;
    }
    return *id;
  }
  int MinuteOfDay(const std::string& text, const std::string& field) {
    if (text.empty()) {
      violations_.Add(field, "is required (HH:MM)");
      return -1;
    }
    absl::optional<int> minute = common::ParseMinuteOfDay(text);
    if (!minute.has_value()) {
      violations_.Add(field, "is not a time of day (HH:MM, 00:00-24:00)");
      return -1;
    }
    return *minute;
  }
  // `value` when it is one of the enum's numbers 0..`last`; otherwise a violation.
  int Enum(int value, int last, const std::string& field) {
    if (value < 0 || value > last) {
      violations_.Add(field, absl::StrCat(value, " is not a value of the enum"));
      return 0;
    }
    return value;
  }
  ServiceHours Hours(const v1::ServiceHours& proto, const std::string& prefix) {
    ServiceHours hours;
    hours.around_the_clock = proto.around_the_clock();
    for (int i = 0; i < proto.periods_size(); ++i) {
      const v1::WeeklyPeriod& p = proto.periods(i);
      const std::string item = absl::StrCat(prefix, ".periods[", i, "]");
      WeeklyPeriod period;
      period.weekday = p.weekday();
      period.start_minute = MinuteOfDay(p.start(), Path(item, "start"));
      period.end_minute = MinuteOfDay(p.end(), Path(item, "end"));
      hours.periods.push_back(period);
    }
    hours.on_public_holidays = static_cast<HolidayBehaviour>(
        Enum(proto.on_public_holidays(), 2, Path(prefix, "on_public_holidays")));
    return hours;
  }

  absl::Status Done(absl::string_view summary) const { return violations_.ToStatus(summary); }

 private:
  FieldViolations violations_;
};

ContactPerson FromContact(const cs::common::v1::Contact& contact) {
  return {contact.person(), contact.phone(), contact.email()};
}

cs::common::v1::Contact ToContact(const ContactPerson& contact) {
  cs::common::v1::Contact proto;
  proto.set_person(contact.person);
  proto.set_phone(contact.phone);
  proto.set_email(contact.email);
  return proto;
}

v1::Signature ToProto(const Signature& signature) {
  v1::Signature proto;
  proto.set_signed_by(signature.signed_by);
  *proto.mutable_signed_at() = common::ToProtoTimestamp(signature.signed_at);
  return proto;
}

v1::Decision ToProto(const Decision& decision) {
  v1::Decision proto;
  proto.set_approved(decision.approved);
  proto.set_decided_by(decision.decided_by);
  *proto.mutable_decided_at() = common::ToProtoTimestamp(decision.decided_at);
  proto.set_reason(decision.reason);
  return proto;
}

v1::RegistrationForm ToProto(const RegistrationForm& form) {
  v1::RegistrationForm proto;
  proto.set_unit_id(form.unit_id);
  *proto.mutable_filed_at() = common::ToProtoTimestamp(form.filed_at);
  proto.set_number(form.number);
  *proto.mutable_service_hours() = ToProto(form.service_hours);
  common::SetOptionalTimestamp(form.established_on, [&] { return proto.mutable_established_on(); });
  proto.set_audience(form.audience);
  proto.set_description(form.description);
  proto.set_charges(form.charges);
  proto.set_staffing(form.staffing);
  *proto.mutable_contact_a() = ToContact(form.contact_a);
  *proto.mutable_contact_b() = ToContact(form.contact_b);
  proto.set_handler(form.handler);
  if (form.manager_signature.has_value()) {
    *proto.mutable_manager_signature() = ToProto(*form.manager_signature);
  }
  proto.set_remarks(form.remarks);
  return proto;
}

v1::ChangeForm ToProto(const ChangeForm& form) {
  v1::ChangeForm proto;
  proto.set_unit_id(form.unit_id);
  *proto.mutable_filed_at() = common::ToProtoTimestamp(form.filed_at);
  proto.set_number(form.number);
  *proto.mutable_change_at() = common::ToProtoTimestamp(form.change_at);
  proto.set_item(static_cast<v1::ChangeItem>(form.item));
  proto.set_reason(form.reason);
  proto.set_handler(form.handler);
  if (form.manager_signature.has_value()) {
    *proto.mutable_manager_signature() = ToProto(*form.manager_signature);
  }
  proto.set_remarks(form.remarks);
  proto.set_new_number(form.new_number);
  proto.set_transition_kind(static_cast<v1::TransitionKind>(form.transition_kind));
  common::SetOptionalTimestamp(form.transition_ends_at,
                               [&] { return proto.mutable_transition_ends_at(); });
  if (form.service_hours.has_value()) {
    *proto.mutable_service_hours() = ToProto(*form.service_hours);
  }
  return proto;
}

v1::NumberTransition ToProto(const NumberTransition& transition, int64_t hotline_id,
                             const std::string& unit_id) {
  v1::NumberTransition proto;
  proto.set_old_number(transition.old_number);
  proto.set_new_number(transition.new_number);
  proto.set_kind(static_cast<v1::TransitionKind>(transition.kind));
  *proto.mutable_starts_at() = common::ToProtoTimestamp(transition.starts_at);
  *proto.mutable_ends_at() = common::ToProtoTimestamp(transition.ends_at);
  proto.set_hotline_id(FormatHotlineId(hotline_id));
  proto.set_unit_id(unit_id);
  return proto;
}

v1::Training ToProto(const Training& training) {
  v1::Training proto;
  proto.set_subject(static_cast<v1::TrainingSubject>(training.subject));
  *proto.mutable_completed_on() = common::ToProtoTimestamp(training.completed_on);
  proto.set_trainer(training.trainer);
  return proto;
}

}  // namespace

// --- wire -> domain
// -------------------------------------------------------------------------------

absl::StatusOr<RegistrationForm> FromProto(const v1::RegistrationForm& proto,
                                           absl::string_view prefix) {
  Reader read;
  RegistrationForm form;
  form.unit_id = proto.unit_id();
  form.number = proto.number();
  form.service_hours = read.Hours(proto.service_hours(), Path(prefix, "service_hours"));
  form.established_on = read.Optional(proto.has_established_on(), proto.established_on(),
                                      Path(prefix, "established_on"));
  form.audience = proto.audience();
  form.description = proto.description();
  form.charges = proto.charges();
  form.staffing = proto.staffing();
  form.contact_a = FromContact(proto.contact_a());
  form.contact_b = FromContact(proto.contact_b());
  form.handler = proto.handler();
  form.remarks = proto.remarks();
  RETURN_IF_ERROR(read.Done("invalid hotline registration (form F1)"));
  return form;
}

absl::StatusOr<ChangeForm> FromProto(const v1::ChangeForm& proto) {
  Reader read;
  ChangeForm form;
  form.unit_id = proto.unit_id();
  form.number = proto.number();
  form.change_at = read.Required(proto.has_change_at(), proto.change_at(), "form.change_at");
  form.item = static_cast<ChangeItem>(proto.item());
  form.reason = proto.reason();
  form.handler = proto.handler();
  form.remarks = proto.remarks();
  form.new_number = proto.new_number();
  form.transition_kind = static_cast<TransitionKind>(proto.transition_kind());
  form.transition_ends_at = read.Optional(proto.has_transition_ends_at(),
                                          proto.transition_ends_at(), "form.transition_ends_at");
  if (proto.has_service_hours()) {
    form.service_hours = read.Hours(proto.service_hours(), "form.service_hours");
  }
  RETURN_IF_ERROR(read.Done("invalid hotline change (form F2)"));
  return form;
}

absl::StatusOr<Notice> FromProto(const v1::Notice& proto) {
  Reader read;
  Notice notice;
  notice.title = proto.title();
  notice.item = static_cast<ChangeItem>(proto.item());
  notice.change_at = read.Required(proto.has_change_at(), proto.change_at(), "notice.change_at");
  for (int i = 0; i < proto.targets_size(); ++i) {
    const v1::NoticeTarget& t = proto.targets(i);
    const std::string item = absl::StrCat("notice.targets[", i, "]");
    NoticeTarget target;
    target.hotline_id = read.HotlineId(t.hotline_id(), Path(item, "hotline_id"));
    target.new_number = t.new_number();
    target.transition_kind = static_cast<TransitionKind>(t.transition_kind());
    target.transition_ends_at = read.Optional(t.has_transition_ends_at(), t.transition_ends_at(),
                                              Path(item, "transition_ends_at"));
    notice.targets.push_back(std::move(target));
  }
  RETURN_IF_ERROR(read.Done("invalid department-wide notice (A2 7.3)"));
  return notice;
}

IncomingCallRecord FromProto(const v1::CallRecord& proto) {
  IncomingCallRecord in;
  CallRecord& record = in.record;
  if (!proto.hotline_id().empty()) {
    absl::StatusOr<int64_t> id = ParseHotlineId(proto.hotline_id(), "hotline_id");
    if (id.ok()) {
      record.hotline_id = *id;
    } else {
      in.problems.push_back({"hotline_id", "is not a hotline id (HL-<n>)"});
    }
  }
  record.call_id = proto.call_id();
  if (proto.has_offered_at()) {
    absl::StatusOr<absl::Time> at = common::FromProtoTimestamp(proto.offered_at(), "offered_at");
    if (at.ok()) {
      record.offered_at = *at;
    } else {
      in.problems.push_back({"offered_at", "is not a valid timestamp"});
    }
  } else {
    record.offered_at = absl::UnixEpoch();
  }
  record.outcome = static_cast<CallOutcome>(proto.outcome());
  record.wait_seconds = proto.wait_seconds();
  record.agent_staff_number = proto.agent_staff_number();
  return in;
}

absl::StatusOr<Training> FromProto(const v1::Training& proto, absl::string_view prefix) {
  Reader read;
  Training training;
  training.subject = static_cast<TrainingSubject>(proto.subject());
  training.completed_on =
      read.Required(proto.has_completed_on(), proto.completed_on(), Path(prefix, "completed_on"));
  training.trainer = proto.trainer();
  RETURN_IF_ERROR(read.Done("invalid training record"));
  return training;
}

absl::StatusOr<StaffMember> FromProto(const v1::StaffMember& proto) {
  Reader read;
  StaffMember staff;
  staff.unit_id = proto.unit_id();
  staff.staff_number = proto.staff_number();
  staff.name = proto.name();
  for (int i = 0; i < proto.trainings_size(); ++i) {
    const v1::Training& t = proto.trainings(i);
    Training training;
    training.subject = static_cast<TrainingSubject>(t.subject());
    training.completed_on = read.Required(t.has_completed_on(), t.completed_on(),
                                          absl::StrCat("staff.trainings[", i, "].completed_on"));
    training.trainer = t.trainer();
    staff.trainings.push_back(std::move(training));
  }
  RETURN_IF_ERROR(read.Done("invalid staff member"));
  return staff;
}

absl::StatusOr<DutyRoster> FromProto(const v1::DutyRoster& proto) {
  Reader read;
  DutyRoster roster;
  roster.hotline_id = read.HotlineId(proto.hotline_id(), "roster.hotline_id");
  roster.day = proto.day();
  for (int i = 0; i < proto.shifts_size(); ++i) {
    const v1::DutyShift& s = proto.shifts(i);
    const std::string item = absl::StrCat("roster.shifts[", i, "]");
    DutyShift shift;
    shift.staff_number = s.staff_number();
    shift.starts_at = read.Required(s.has_starts_at(), s.starts_at(), Path(item, "starts_at"));
    shift.ends_at = read.Required(s.has_ends_at(), s.ends_at(), Path(item, "ends_at"));
    roster.shifts.push_back(std::move(shift));
  }
  RETURN_IF_ERROR(read.Done("invalid duty roster"));
  return roster;
}

absl::StatusOr<Transcript> TranscriptFromProto(const v1::ScoreCallRequest& request) {
  Reader read;
  Transcript transcript;
  for (int i = 0; i < request.turns_size(); ++i) {
    const v1::Turn& t = request.turns(i);
    transcript.turns.push_back(
        {static_cast<Speaker>(read.Enum(t.speaker(), 2, absl::StrCat("turns[", i, "].speaker"))),
         t.at_seconds(), t.text()});
  }
  for (int i = 0; i < request.events_size(); ++i) {
    const v1::CallEvent& e = request.events(i);
    // An unknown kind stays as it is: the domain names it.
    transcript.events.push_back({static_cast<CallEventKind>(e.kind()), e.at_seconds()});
  }
  RETURN_IF_ERROR(read.Done("invalid call transcript"));
  return transcript;
}

absl::StatusOr<HotlineFilter> FromProto(const v1::ListHotlinesRequest& request) {
  Reader read;
  HotlineFilter filter;
  filter.unit_id = request.unit_id();
  filter.state = static_cast<HotlineState>(read.Enum(request.state(), 5, "state"));
  filter.number = request.number();
  RETURN_IF_ERROR(read.Done("invalid hotline filter"));
  return filter;
}

// --- domain -> wire
// -------------------------------------------------------------------------------

v1::ServiceHours ToProto(const ServiceHours& hours) {
  v1::ServiceHours proto;
  proto.set_around_the_clock(hours.around_the_clock);
  for (const WeeklyPeriod& period : hours.periods) {
    v1::WeeklyPeriod* p = proto.add_periods();
    p->set_weekday(period.weekday);
    p->set_start(common::FormatMinuteOfDay(period.start_minute));
    p->set_end(common::FormatMinuteOfDay(period.end_minute));
  }
  proto.set_on_public_holidays(static_cast<v1::HolidayBehaviour>(hours.on_public_holidays));
  return proto;
}

v1::Hotline ToProto(const Hotline& hotline) {
  v1::Hotline proto;
  proto.set_hotline_id(FormatHotlineId(hotline.id));
  proto.set_unit_id(hotline.unit_id);
  proto.set_state(static_cast<v1::HotlineState>(hotline.state));
  proto.set_number(hotline.number);
  *proto.mutable_service_hours() = ToProto(hotline.service_hours);
  *proto.mutable_registration() = ToProto(hotline.registration);
  if (hotline.approval.has_value()) *proto.mutable_approval() = ToProto(*hotline.approval);
  for (const HotlineChange& change : hotline.changes) {
    v1::HotlineChange* c = proto.add_changes();
    c->set_change_id(change.change_id);
    *c->mutable_form() = ToProto(change.form);
    c->set_state(static_cast<v1::ChangeState>(change.state));
    if (change.cs_center_opinion.has_value()) {
      *c->mutable_cs_center_opinion() = ToProto(*change.cs_center_opinion);
    }
    c->set_notice_id(change.notice_id);
  }
  for (const NumberTransition& transition : hotline.transitions) {
    *proto.add_transitions() = ToProto(transition, hotline.id, hotline.unit_id);
  }
  for (const HistoryEntry& entry : hotline.history) {
    v1::HistoryEntry* h = proto.add_history();
    h->set_sequence(entry.sequence);
    *h->mutable_at() = common::ToProtoTimestamp(entry.at);
    h->set_actor(entry.actor);
    h->set_event(entry.event);
    h->set_detail(entry.detail);
  }
  *proto.mutable_updated_at() = common::ToProtoTimestamp(hotline.updated_at);
  proto.set_version(hotline.version);
  return proto;
}

v1::NumberTransition ToProto(const ListedTransition& transition) {
  return ToProto(transition.transition, transition.hotline_id, transition.unit_id);
}

v1::Notice ToProto(const Notice& notice) {
  v1::Notice proto;
  proto.set_notice_id(notice.notice_id);
  proto.set_title(notice.title);
  proto.set_item(static_cast<v1::ChangeItem>(notice.item));
  *proto.mutable_change_at() = common::ToProtoTimestamp(notice.change_at);
  for (const NoticeTarget& target : notice.targets) {
    v1::NoticeTarget* t = proto.add_targets();
    t->set_hotline_id(FormatHotlineId(target.hotline_id));
    t->set_new_number(target.new_number);
    t->set_transition_kind(static_cast<v1::TransitionKind>(target.transition_kind));
    common::SetOptionalTimestamp(target.transition_ends_at,
                                 [&] { return t->mutable_transition_ends_at(); });
    t->set_change_id(target.change_id);
  }
  proto.set_issued_by(notice.issued_by);
  *proto.mutable_issued_at() = common::ToProtoTimestamp(notice.issued_at);
  return proto;
}

v1::OperatingReport ToProto(const OperatingReport& report) {
  v1::OperatingReport proto;
  proto.set_hotline_id(FormatHotlineId(report.hotline_id));
  proto.set_unit_id(report.unit_id);
  proto.set_month(report.month);
  proto.set_offered(report.calls.offered);
  proto.set_answered(report.calls.answered);
  proto.set_connection_rate_percent(report.connection_rate_percent);
  proto.set_target_percent(report.target_percent);
  proto.set_below_target(report.below_target);
  proto.set_offered_outside_hours(report.calls.offered_outside_hours);
  proto.set_answered_outside_hours(report.calls.answered_outside_hours);
  proto.set_calls_scored(report.calls_scored);
  proto.set_phrase_use_percent(report.phrase_use_percent);
  *proto.mutable_due() = common::ToProtoDeadline(report.due);
  if (report.submission.has_value()) {
    *proto.mutable_submitted_at() = common::ToProtoTimestamp(report.submission->submitted_at);
    proto.set_submitted_by(report.submission->submitted_by);
    proto.set_submitted_on_time(report.submission->on_time);
  }
  proto.set_late(report.late);
  return proto;
}

v1::StaffMember ToProto(const StaffMember& staff) {
  v1::StaffMember proto;
  proto.set_unit_id(staff.unit_id);
  proto.set_staff_number(staff.staff_number);
  proto.set_name(staff.name);
  for (const Training& training : staff.trainings) *proto.add_trainings() = ToProto(training);
  proto.set_fully_trained(FullyTrained(staff));
  return proto;
}

v1::DutyRoster ToProto(const DutyRoster& roster) {
  v1::DutyRoster proto;
  proto.set_hotline_id(FormatHotlineId(roster.hotline_id));
  proto.set_day(roster.day);
  for (const DutyShift& shift : roster.shifts) {
    v1::DutyShift* s = proto.add_shifts();
    s->set_staff_number(shift.staff_number);
    *s->mutable_starts_at() = common::ToProtoTimestamp(shift.starts_at);
    *s->mutable_ends_at() = common::ToProtoTimestamp(shift.ends_at);
  }
  proto.set_set_by(roster.set_by);
  *proto.mutable_set_at() = common::ToProtoTimestamp(roster.set_at);
  return proto;
}

v1::PhraseScore ToProto(const PhraseScore& score) {
  v1::PhraseScore proto;
  proto.set_hotline_id(FormatHotlineId(score.hotline_id));
  proto.set_call_id(score.call_id);
  proto.set_agent_staff_number(score.agent_staff_number);
  for (const SituationResult& result : score.situations) {
    v1::SituationResult* r = proto.add_situations();
    r->set_situation(static_cast<v1::Situation>(result.situation));
    r->set_required(result.required);
    r->set_used(result.used);
    r->set_detail(result.detail);
  }
  proto.set_required(score.required);
  proto.set_used(score.used);
  proto.set_score_percent(score.score_percent);
  for (Situation missing : score.Missing()) {
    proto.add_missing(static_cast<v1::Situation>(missing));
  }
  if (score.mandarin.has_value()) {
    v1::MandarinReview* m = proto.mutable_mandarin();
    m->set_standard(score.mandarin->standard);
    m->set_reviewer(score.mandarin->reviewer);
    *m->mutable_reviewed_at() = common::ToProtoTimestamp(score.mandarin->reviewed_at);
    m->set_note(score.mandarin->note);
  }
  *proto.mutable_scored_at() = common::ToProtoTimestamp(score.scored_at);
  return proto;
}

v1::MonthlyStatistics ToProto(const MonthlyStatistics& stats) {
  v1::MonthlyStatistics proto;
  proto.set_unit_id(stats.unit_id);
  proto.set_month(stats.month);
  for (const HotlineMonth& month : stats.hotlines) {
    v1::HotlineMonth* h = proto.add_hotlines();
    const OperatingReport& report = month.report;
    h->set_hotline_id(FormatHotlineId(month.hotline_id));
    h->set_number(month.number);
    h->set_offered(report.calls.offered);
    h->set_answered(report.calls.answered);
    h->set_connection_rate_percent(report.connection_rate_percent);
    h->set_target_percent(report.target_percent);
    h->set_below_target(report.below_target);
    h->set_phrase_use_percent(report.phrase_use_percent);
    h->set_report_submitted_on_time(report.submission.has_value() && report.submission->on_time);
    h->set_calls_scored(report.calls_scored);
    h->set_calls_using_every_phrase(report.calls_using_every_phrase);
    // late is exactly "no submission by the due time, which has passed" (BuildReport).
    h->set_report_overdue(report.late);
  }
  proto.set_untrained_on_duty_refused(stats.untrained_on_duty_refused);
  proto.set_hotlines_active_without_approval(stats.hotlines_active_without_approval);
  return proto;
}

v1::IngestCallRecordsResponse ToProto(const IngestSummary& summary) {
  v1::IngestCallRecordsResponse proto;
  proto.set_received(summary.received);
  proto.set_stored(summary.stored);
  proto.set_duplicates(summary.duplicates);
  for (const RejectedCall& rejected : summary.rejected) {
    v1::RejectedRecord* r = proto.add_rejected();
    r->set_index(rejected.index);
    r->set_call_id(rejected.call_id);
    for (const std::string& problem : rejected.problems) r->add_problems(problem);
  }
  return proto;
}

}  // namespace cs::hotline
