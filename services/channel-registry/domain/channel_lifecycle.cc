#include "services/channel-registry/domain/channel_lifecycle.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/status/error_reason.h"
#include "common/status/quoted_value.h"
#include "common/status/text_checks.h"
#include "common/text/phone_number.h"
#include "services/channel-registry/domain/check_schedule.h"
#include "services/channel-registry/domain/service_time.h"

namespace cs::channel {
namespace {

using common::FieldViolations;
using common::TextShape;

std::string Path(absl::string_view prefix, absl::string_view field) {
  return prefix.empty() ? std::string(field) : absl::StrCat(prefix, ".", field);
}

std::string Instant(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", t, absl::UTCTimeZone());
}

void Record(OnlineChannel& channel, absl::Time at, absl::string_view actor, absl::string_view event,
            std::string detail) {
  HistoryEntry entry;
  entry.sequence = static_cast<int>(channel.history.size()) + 1;
  entry.at = at;
  entry.actor = std::string(actor);
  entry.event = std::string(event);
  entry.detail = std::move(detail);
  channel.history.push_back(std::move(entry));
  channel.updated_at = at;
  ++channel.version;
}

absl::Status StateForbids(std::string message) {
  return common::WithReason(absl::FailedPreconditionError(std::move(message)),
                            common::reason::kStateForbidsChange);
}

absl::Status WrongState(const OnlineChannel& channel, absl::string_view action,
                        absl::string_view allowed) {
  return StateForbids(absl::StrCat("channel ", FormatChannelId(channel.id), " is ",
                                   ChannelStateName(channel.state), ": cannot ", action,
                                   " (allowed when ", allowed, ")"));
}

absl::Status RetiredForbids(const OnlineChannel& channel, absl::string_view action) {
  if (channel.state != ChannelState::kRetired) return absl::OkStatus();
  return StateForbids(
      absl::StrCat("channel ", FormatChannelId(channel.id), " is RETIRED: cannot ", action));
}

// A required text field: present, then well-formed.
void RequiredText(absl::string_view value, const std::string& field, int max_chars, TextShape shape,
                  FieldViolations& violations) {
  if (common::IsBlankText(value)) {
    violations.Add(field, "is required");
  } else {
    common::CheckText(value, field, max_chars, shape, violations);
  }
}

bool IsLabelChar(char c) { return absl::ascii_isalnum(c) || c == '-'; }

bool IsDomainLike(absl::string_view domain) {
  if (domain.empty() || !absl::StrContains(domain, '.')) return false;
  for (absl::string_view label : absl::StrSplit(domain, '.')) {
    if (label.empty() || label.front() == '-' || label.back() == '-') return false;
    if (!std::all_of(label.begin(), label.end(), IsLabelChar)) return false;
  }
  return true;
}

bool KnownPurpose(ChannelPurpose purpose) {
  return purpose == ChannelPurpose::kConsultation || purpose == ChannelPurpose::kOrdering ||
         purpose == ChannelPurpose::kQuery || purpose == ChannelPurpose::kComplaint;
}

bool KnownItem(PublishedItem item) {
  return static_cast<int>(item) >= static_cast<int>(PublishedItem::kBusinessFunction) &&
         static_cast<int>(item) <= static_cast<int>(PublishedItem::kStandardContract);
}

void CheckLanguages(const std::vector<std::string>& languages, absl::string_view field,
                    FieldViolations& violations) {
  absl::flat_hash_set<std::string> seen;
  for (size_t i = 0; i < languages.size(); ++i) {
    const std::string path = absl::StrCat(field, "[", i, "]");
    if (static_cast<int>(languages[i].size()) > FormLimits::kLanguage ||
        !IsLanguageTagLike(languages[i])) {
      violations.Add(path, absl::StrCat("must be a lower-case language tag such as \"zh\" or "
                                        "\"en\", not ",
                                        common::QuotedValue(languages[i])));
    } else if (!seen.insert(languages[i]).second) {
      violations.Add(path, absl::StrCat("repeats ", common::QuotedValue(languages[i])));
    }
  }
}

void CheckAddress(const FilingForm& form, absl::string_view prefix, FieldViolations& violations) {
  const std::string field = Path(prefix, "address");
  if (common::IsBlankText(form.address)) {
    violations.Add(field, form.kind == ChannelKind::kEmail
                              ? "is required: the mailbox address (A3 F3 地址)"
                              : "is required: the mailbox address or URL (A3 F3 地址)");
    return;
  }
  const size_t before = violations.violations().size();
  common::CheckText(form.address, field, FormLimits::kAddress, TextShape::kOneLine, violations);
  if (violations.violations().size() != before) return;
  if (form.kind == ChannelKind::kEmail && !IsEmailAddressLike(form.address)) {
    violations.Add(field, absl::StrCat("must be a mailbox address for an EMAIL channel "
                                       "(webmaster@example.cn), not ",
                                       common::QuotedValue(form.address)));
  } else if ((form.kind == ChannelKind::kWebForm || form.kind == ChannelKind::kGuestbook) &&
             !IsWebAddressLike(form.address)) {
    violations.Add(field, absl::StrCat("must be an http:// or https:// address for a ",
                                       ChannelKindName(form.kind), " channel, not ",
                                       common::QuotedValue(form.address)));
  }
}

void CheckContact(const ContactPerson& contact, const std::string& field,
                  FieldViolations& violations) {
  RequiredText(contact.person, Path(field, "person"), FormLimits::kName, TextShape::kOneLine,
               violations);
  if (contact.phone.empty() && contact.email.empty()) {
    violations.Add(Path(field, "phone"), "is required unless contact.email is given");
    return;
  }
  if (!contact.phone.empty() && (contact.phone.size() > static_cast<size_t>(FormLimits::kNumber) ||
                                 !common::IsPhoneLike(contact.phone))) {
    violations.Add(Path(field, "phone"), absl::StrCat(common::DescribePhoneNumberRule(), ", not ",
                                                      common::QuotedValue(contact.phone)));
  }
  if (!contact.email.empty() && (contact.email.size() > static_cast<size_t>(FormLimits::kEmail) ||
                                 !IsEmailAddressLike(contact.email))) {
    violations.Add(Path(field, "email"), absl::StrCat("must be an email address, not ",
                                                      common::QuotedValue(contact.email)));
  }
}

Finding* OpenFinding(OnlineChannel& channel) {
  if (channel.findings.empty() || channel.findings.back().corrected_at.has_value()) return nullptr;
  return &channel.findings.back();
}

}  // namespace

bool IsEmailAddressLike(absl::string_view text) {
  const size_t at = text.find('@');
  if (at == absl::string_view::npos || at == 0 ||
      text.find('@', at + 1) != absl::string_view::npos) {
    return false;
  }
  const absl::string_view local = text.substr(0, at);
  for (char c : local) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7F) return false;
  }
  return IsDomainLike(text.substr(at + 1));
}

bool IsWebAddressLike(absl::string_view text) {
  absl::string_view rest = text;
  if (!absl::ConsumePrefix(&rest, "http://") && !absl::ConsumePrefix(&rest, "https://")) {
    const std::string lower = absl::AsciiStrToLower(text.substr(0, 8));
    if (absl::StartsWith(lower, "http://")) {
      rest = text.substr(7);
    } else if (absl::StartsWith(lower, "https://")) {
      rest = text.substr(8);
    } else {
      return false;
    }
  }
  for (char c : rest) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7F) return false;
  }
  const absl::string_view host = rest.substr(0, rest.find_first_of("/?#:"));
  if (host.empty()) return false;
  for (absl::string_view label : absl::StrSplit(host, '.')) {
    if (label.empty() || !std::all_of(label.begin(), label.end(), IsLabelChar)) return false;
  }
  return true;
}

bool IsLanguageTagLike(absl::string_view text) {
  std::vector<absl::string_view> parts = absl::StrSplit(text, '-');
  for (size_t i = 0; i < parts.size(); ++i) {
    const absl::string_view part = parts[i];
    if (i == 0) {
      if (part.size() < 2 || part.size() > 3) return false;
      if (!std::all_of(part.begin(), part.end(), absl::ascii_islower)) return false;
    } else {
      if (part.size() < 2 || part.size() > 8) return false;
      for (char c : part) {
        if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c)) return false;
      }
    }
  }
  return true;
}

common::FieldViolations ValidateFilingForm(const FilingForm& form, absl::string_view prefix) {
  FieldViolations violations;
  RequiredText(form.unit_id, Path(prefix, "unit_id"), FormLimits::kName, TextShape::kOneLine,
               violations);
  RequiredText(form.implementation, Path(prefix, "implementation"), FormLimits::kShort,
               TextShape::kOneLine, violations);
  if (form.kind == ChannelKind::kUnspecified) {
    violations.Add(Path(prefix, "kind"), "is required: EMAIL, WEB_FORM or GUESTBOOK");
  } else if (!IsOnlineKind(form.kind)) {
    violations.Add(Path(prefix, "kind"),
                   absl::StrCat("must be an online channel (EMAIL, WEB_FORM or GUESTBOOK: A3 4.3), "
                                "not ",
                                ChannelKindName(form.kind)));
  }
  if (form.purposes.empty()) {
    violations.Add(Path(prefix, "purposes"),
                   "is required: at least one of CONSULTATION, ORDERING, QUERY, COMPLAINT");
  }
  absl::flat_hash_set<int> purposes;
  for (size_t i = 0; i < form.purposes.size(); ++i) {
    const std::string path = absl::StrCat(Path(prefix, "purposes"), "[", i, "]");
    if (!KnownPurpose(form.purposes[i])) {
      violations.Add(path, "must be CONSULTATION, ORDERING, QUERY or COMPLAINT");
    } else if (!purposes.insert(static_cast<int>(form.purposes[i])).second) {
      violations.Add(path, absl::StrCat("repeats ", ChannelPurposeName(form.purposes[i])));
    }
  }
  RequiredText(form.business_scope, Path(prefix, "business_scope"), FormLimits::kText,
               TextShape::kMultiLine, violations);
  CheckAddress(form, prefix, violations);
  RequiredText(form.capacity, Path(prefix, "capacity"), FormLimits::kShort, TextShape::kOneLine,
               violations);
  const std::string service_time_field = Path(prefix, "service_time");
  if (common::IsBlankText(form.service_time)) {
    violations.Add(service_time_field,
                   "is required, e.g. \"7*24小时每天2次\" or \"工作时间每天2次\"");
  } else {
    const absl::StatusOr<ServiceTime> parsed =
        ParseServiceTime(form.service_time, service_time_field);
    if (!parsed.ok()) {
      for (const common::FieldViolation& v : common::ViolationsOf(parsed.status())) {
        violations.Add(v.field, v.description);
      }
    }
  }
  if (form.staffing == Staffing::kUnspecified) {
    violations.Add(Path(prefix, "staffing"),
                   "is required: DEDICATED (专人处理) or ROTATING (轮流处理)");
  } else if (form.staffing != Staffing::kDedicated && form.staffing != Staffing::kRotating) {
    violations.Add(Path(prefix, "staffing"), "must be DEDICATED or ROTATING");
  }
  const std::string staff_field = Path(prefix, "assigned_staff");
  if (form.assigned_staff.empty()) {
    violations.Add(staff_field,
                   "is required: at least one person who checks the channel (A3 7.5.3)");
  } else if (static_cast<int>(form.assigned_staff.size()) > FormLimits::kMaxAssignedStaff) {
    violations.Add(staff_field,
                   absl::StrCat("names more than ", FormLimits::kMaxAssignedStaff, " people"));
  }
  absl::flat_hash_set<std::string> staff;
  for (size_t i = 0; i < form.assigned_staff.size(); ++i) {
    const std::string path = absl::StrCat(staff_field, "[", i, "]");
    const std::string& name = form.assigned_staff[i];
    if (common::IsBlankText(name)) {
      violations.Add(path, "is required: a name or staff number, not blank");
      continue;
    }
    const size_t before = violations.violations().size();
    common::CheckText(name, path, FormLimits::kName, TextShape::kOneLine, violations);
    if (violations.violations().size() == before && !staff.insert(name).second) {
      violations.Add(path, absl::StrCat("repeats ", common::QuotedValue(name)));
    }
  }
  CheckContact(form.contact, Path(prefix, "contact"), violations);
  common::CheckText(form.remarks, Path(prefix, "remarks"), FormLimits::kText, TextShape::kMultiLine,
                    violations);
  CheckLanguages(form.languages, Path(prefix, "languages"), violations);
  return violations;
}

absl::StatusOr<OnlineChannel> NewChannel(FilingForm form, absl::string_view actor, absl::Time now,
                                         const common::WorkingCalendar& calendar) {
  const FieldViolations violations = ValidateFilingForm(form);
  if (!violations.empty()) return violations.ToStatus("invalid filing form F3");
  absl::StatusOr<ServiceTime> service_time =
      ParseServiceTime(form.service_time, "form.service_time");
  if (!service_time.ok()) return service_time.status();
  absl::StatusOr<absl::Time> next_due = NextCheckDue(now, *service_time, calendar);
  if (!next_due.ok()) return next_due.status();
  form.filed_at = now;
  OnlineChannel channel;
  channel.unit_id = form.unit_id;
  channel.state = ChannelState::kFiled;
  channel.service_time = *service_time;
  channel.next_check_due = *next_due;
  const std::string detail = absl::StrCat("form version 1: ", ChannelKindName(form.kind), " ",
                                          form.address, ", ", form.service_time);
  channel.form_versions.push_back(std::move(form));
  Record(channel, now, actor, "FILED", detail);
  return channel;
}

absl::Status AcknowledgeFiling(OnlineChannel& channel, absl::string_view actor, absl::Time now) {
  if (channel.state != ChannelState::kFiled) {
    return WrongState(channel, "acknowledge the filing", "FILED");
  }
  channel.state = ChannelState::kAcknowledged;
  channel.acknowledged_at = now;
  channel.acknowledged_by = std::string(actor);
  Record(channel, now, actor, "ACKNOWLEDGED",
         absl::StrCat("form version ", channel.form_versions.size()));
  return absl::OkStatus();
}

absl::Status MarkFilingInaccurate(OnlineChannel& channel, absl::string_view finding,
                                  absl::string_view actor, absl::Time now) {
  FieldViolations violations;
  RequiredText(finding, "finding", FormLimits::kText, TextShape::kMultiLine, violations);
  if (!violations.empty()) return violations.ToStatus("invalid finding");
  if (channel.state != ChannelState::kFiled && channel.state != ChannelState::kAcknowledged) {
    return WrongState(channel, "mark the filing inaccurate", "FILED or ACKNOWLEDGED");
  }
  Finding entry;
  entry.finding = std::string(finding);
  entry.found_by = std::string(actor);
  entry.found_at = now;
  channel.findings.push_back(std::move(entry));
  channel.state = ChannelState::kInaccurate;
  Record(channel, now, actor, "MARKED_INACCURATE", std::string(finding));
  return absl::OkStatus();
}

absl::Status CorrectFiling(OnlineChannel& channel, FilingForm form, absl::string_view actor,
                           absl::Time now, const common::WorkingCalendar& calendar) {
  if (absl::Status retired = RetiredForbids(channel, "correct its filing"); !retired.ok()) {
    return retired;
  }
  FieldViolations violations = ValidateFilingForm(form);
  if (!common::IsBlankText(form.unit_id) && form.unit_id != channel.unit_id) {
    violations.Add("form.unit_id", absl::StrCat("must stay the channel's unit ",
                                                common::QuotedValue(channel.unit_id), ", not ",
                                                common::QuotedValue(form.unit_id)));
  }
  if (!violations.empty()) return violations.ToStatus("invalid filing form F3");
  absl::StatusOr<ServiceTime> service_time =
      ParseServiceTime(form.service_time, "form.service_time");
  if (!service_time.ok()) return service_time.status();
  absl::StatusOr<absl::Time> next_due =
      NextCheckDue(channel.last_checked_at.value_or(now), *service_time, calendar);
  if (!next_due.ok()) return next_due.status();
  form.filed_at = now;
  channel.form_versions.push_back(std::move(form));
  channel.service_time = *service_time;
  channel.next_check_due = *next_due;
  std::string detail = absl::StrCat("form version ", channel.form_versions.size());
  if (Finding* open = OpenFinding(channel); open != nullptr) {
    open->corrected_at = now;
    absl::StrAppend(&detail, ", answers the finding of ", Instant(open->found_at));
  }
  channel.state = ChannelState::kFiled;
  channel.acknowledged_at.reset();
  channel.acknowledged_by.clear();
  Record(channel, now, actor, "CORRECTED", std::move(detail));
  return absl::OkStatus();
}

absl::Status RetireChannel(OnlineChannel& channel, absl::string_view reason,
                           absl::string_view actor, absl::Time now) {
  FieldViolations violations;
  RequiredText(reason, "reason", FormLimits::kText, TextShape::kMultiLine, violations);
  if (!violations.empty()) return violations.ToStatus("invalid retirement");
  if (absl::Status retired = RetiredForbids(channel, "retire it again"); !retired.ok()) {
    return retired;
  }
  channel.state = ChannelState::kRetired;
  channel.next_check_due.reset();
  Record(channel, now, actor, "RETIRED", std::string(reason));
  return absl::OkStatus();
}

absl::optional<absl::Time> RetiredAt(const OnlineChannel& channel) {
  for (auto it = channel.history.rbegin(); it != channel.history.rend(); ++it) {
    if (it->event == "RETIRED") return it->at;
  }
  return absl::nullopt;
}

ChannelState StateAt(const OnlineChannel& channel, absl::Time at) {
  ChannelState state = ChannelState::kUnspecified;
  for (const HistoryEntry& entry : channel.history) {
    if (entry.at > at) break;
    if (entry.event == "FILED" || entry.event == "CORRECTED") {
      state = ChannelState::kFiled;
    } else if (entry.event == "ACKNOWLEDGED") {
      state = ChannelState::kAcknowledged;
    } else if (entry.event == "MARKED_INACCURATE") {
      state = ChannelState::kInaccurate;
    } else if (entry.event == "RETIRED") {
      state = ChannelState::kRetired;
    }
  }
  return state;
}

absl::Status RecordPublication(OnlineChannel& channel, const std::vector<PublishedItem>& items,
                               bool service_standards_published,
                               const std::vector<std::string>& languages, absl::string_view actor,
                               absl::Time now) {
  FieldViolations violations;
  for (size_t i = 0; i < items.size(); ++i) {
    if (!KnownItem(items[i])) {
      violations.Add(absl::StrCat("items[", i, "]"),
                     items[i] == PublishedItem::kUnspecified
                         ? "must name a published item, not UNSPECIFIED"
                         : "is not a known published item");
    }
  }
  CheckLanguages(languages, "languages", violations);
  if (!violations.empty()) return violations.ToStatus("invalid publication");
  if (absl::Status retired = RetiredForbids(channel, "record what it publishes"); !retired.ok()) {
    return retired;
  }
  std::vector<PublishedItem> deduplicated = items;
  std::sort(deduplicated.begin(), deduplicated.end());
  deduplicated.erase(std::unique(deduplicated.begin(), deduplicated.end()), deduplicated.end());
  channel.publication.items = std::move(deduplicated);
  channel.publication.service_standards_published = service_standards_published;
  channel.publication.recorded_at = now;
  channel.form_versions.back().languages = languages;
  std::vector<std::string> names;
  for (PublishedItem item : channel.publication.items) {
    names.emplace_back(PublishedItemName(item));
  }
  Record(channel, now, actor, "PUBLICATION_RECORDED",
         absl::StrCat("items [", absl::StrJoin(names, ", "), "], service standards ",
                      service_standards_published ? "published" : "not published", ", languages [",
                      absl::StrJoin(languages, ", "), "]"));
  return absl::OkStatus();
}

absl::StatusOr<Check> RecordCheck(OnlineChannel& channel, const CheckInput& input,
                                  absl::string_view recorded_by, absl::Time now,
                                  const common::WorkingCalendar& calendar) {
  if (absl::Status retired = RetiredForbids(channel, "record a check"); !retired.ok()) {
    return retired;
  }
  const absl::Time checked_at = input.checked_at.value_or(now);
  FieldViolations violations;
  const std::vector<std::string>& staff = channel.form().assigned_staff;
  if (common::IsBlankText(input.checked_by)) {
    violations.Add("checked_by", absl::StrCat("is required: one of the channel's assigned staff (",
                                              absl::StrJoin(staff, ", "), ")"));
  } else if (std::find(staff.begin(), staff.end(), input.checked_by) == staff.end()) {
    violations.Add("checked_by",
                   absl::StrCat(common::QuotedValue(input.checked_by),
                                " is not assigned to the channel; checks are made by its assigned "
                                "staff (A3 7.5.3): ",
                                absl::StrJoin(staff, ", ")));
  }
  if (checked_at > now) {
    violations.Add("checked_at", absl::StrCat("is in the future (", Instant(checked_at),
                                              " is after now, ", Instant(now), ")"));
  } else if (channel.last_checked_at.has_value() && checked_at < *channel.last_checked_at) {
    violations.Add("checked_at", absl::StrCat("is before the last recorded check, ",
                                              Instant(*channel.last_checked_at)));
  }
  if (input.new_complaints < 0) {
    violations.Add("new_complaints",
                   absl::StrCat("must not be negative, not ", input.new_complaints));
  }
  if (!violations.empty()) return violations.ToStatus("invalid check");
  absl::StatusOr<absl::Time> next_due = NextCheckDue(checked_at, channel.service_time, calendar);
  if (!next_due.ok()) return next_due.status();
  Check check;
  check.channel_id = channel.id;
  check.checked_at = checked_at;
  check.checked_by = input.checked_by;
  check.new_complaints = input.new_complaints;
  check.recorded_by = std::string(recorded_by);
  check.next_due = *next_due;
  check.late = CheckOverdue(channel.next_check_due, checked_at);
  channel.last_checked_at = checked_at;
  channel.next_check_due = *next_due;
  channel.updated_at = now;
  ++channel.version;
  return check;
}

bool ChannelCheckOverdue(const OnlineChannel& channel, absl::Time now) {
  return CheckOverdue(channel.next_check_due, now);
}

absl::StatusOr<Fault> OpenFault(OnlineChannel& channel, FaultInput input, absl::string_view actor,
                                absl::Time now, const common::Period& repair_period,
                                const common::WorkingCalendar& calendar) {
  if (absl::Status retired = RetiredForbids(channel, "open a fault"); !retired.ok()) {
    return retired;
  }
  const absl::Time opened_at = input.opened_at.value_or(now);
  FieldViolations violations;
  if (input.origin != FaultOrigin::kReported && input.origin != FaultOrigin::kMailboxFull) {
    violations.Add("origin", "must be REPORTED or MAILBOX_FULL");
  }
  if (input.origin == FaultOrigin::kMailboxFull && common::IsBlankText(input.description)) {
    input.description = "信箱已满 The mailbox is full (A3 7.5.4)";
  }
  RequiredText(input.description, "description", FormLimits::kText, TextShape::kMultiLine,
               violations);
  if (opened_at > now) {
    violations.Add("opened_at", absl::StrCat("is in the future (", Instant(opened_at),
                                             " is after now, ", Instant(now), ")"));
  }
  if (!violations.empty()) return violations.ToStatus("invalid fault");
  absl::StatusOr<common::Deadline> due =
      common::ComputeDeadline(calendar, opened_at, repair_period);
  if (!due.ok()) return due.status();
  Fault fault;
  fault.channel_id = channel.id;
  fault.unit_id = channel.unit_id;
  fault.origin = input.origin;
  fault.description = std::move(input.description);
  fault.opened_at = opened_at;
  fault.opened_by = std::string(actor);
  fault.repair_due = due->at;
  Record(channel, now, actor, "FAULT_OPENED",
         absl::StrCat(FaultOriginName(fault.origin), " at ", Instant(opened_at), ", repair due ",
                      Instant(fault.repair_due), " (", common::PeriodToString(repair_period),
                      "): ", fault.description));
  return fault;
}

absl::Status CloseFault(OnlineChannel& channel, Fault& fault,
                        absl::optional<absl::Time> repaired_at, absl::string_view repair_note,
                        absl::string_view actor, absl::Time now) {
  if (fault.channel_id != channel.id) {
    return common::InvalidField(
        "fault_id",
        absl::StrCat(FormatFaultId(fault.id), " is not a fault of ", FormatChannelId(channel.id)));
  }
  if (fault.repaired_at.has_value()) {
    return StateForbids(absl::StrCat("fault ", FormatFaultId(fault.id),
                                     " is already closed (repaired ", Instant(*fault.repaired_at),
                                     ")"));
  }
  const absl::Time at = repaired_at.value_or(now);
  FieldViolations violations;
  if (at < fault.opened_at) {
    violations.Add("repaired_at",
                   absl::StrCat("is before the fault was opened, ", Instant(fault.opened_at)));
  } else if (at > now) {
    violations.Add("repaired_at", absl::StrCat("is in the future (", Instant(at), " is after now, ",
                                               Instant(now), ")"));
  }
  common::CheckText(repair_note, "repair_note", FormLimits::kText, TextShape::kMultiLine,
                    violations);
  if (!violations.empty()) return violations.ToStatus("invalid fault repair");
  fault.repaired_at = at;
  fault.closed_by = std::string(actor);
  fault.repair_note = std::string(repair_note);
  Record(channel, now, actor, "FAULT_CLOSED",
         absl::StrCat(FormatFaultId(fault.id), " repaired at ", Instant(at),
                      FaultRepairedInTime(fault) ? ", in time" : ", after its repair due time ",
                      FaultRepairedInTime(fault) ? "" : Instant(fault.repair_due)));
  return absl::OkStatus();
}

bool FaultOverdue(const Fault& fault, absl::Time now) {
  if (fault.repaired_at.has_value()) return *fault.repaired_at > fault.repair_due;
  return now > fault.repair_due;
}

bool FaultRepairedInTime(const Fault& fault) {
  return fault.repaired_at.has_value() && *fault.repaired_at <= fault.repair_due;
}

absl::Status CheckTakesUsageSamples(const OnlineChannel& channel) {
  if (absl::Status retired = RetiredForbids(channel, "watch its mailbox"); !retired.ok()) {
    return retired;
  }
  if (channel.form().kind != ChannelKind::kEmail) {
    return StateForbids(absl::StrCat("channel ", FormatChannelId(channel.id), " is a ",
                                     ChannelKindName(channel.form().kind),
                                     " channel: only an EMAIL mailbox has a capacity to watch "
                                     "(A3 7.5.4)"));
  }
  return absl::OkStatus();
}

absl::StatusOr<AssistanceRequest> RequestAssistance(OnlineChannel& channel, absl::string_view text,
                                                    absl::string_view actor, absl::Time now) {
  FieldViolations violations;
  RequiredText(text, "text", FormLimits::kText, TextShape::kMultiLine, violations);
  if (!violations.empty()) return violations.ToStatus("invalid assistance request");
  if (absl::Status takes = CheckTakesUsageSamples(channel); !takes.ok()) return takes;
  AssistanceRequest request;
  request.channel_id = channel.id;
  request.text = std::string(text);
  request.requested_by = std::string(actor);
  request.requested_at = now;
  Record(channel, now, actor, "ASSISTANCE_REQUESTED", std::string(text));
  return request;
}

}  // namespace cs::channel
