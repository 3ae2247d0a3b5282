#include "services/hotline-registry/domain/hotline_lifecycle.h"

#include <algorithm>
#include <numeric>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/status/error_reason.h"
#include "common/status/quoted_value.h"
#include "common/status/text_checks.h"

namespace cs::hotline {
namespace {

using common::FieldViolations;
using common::TextShape;

std::string Path(absl::string_view prefix, absl::string_view field) {
  return prefix.empty() ? std::string(field) : absl::StrCat(prefix, ".", field);
}

// Instants in history details and in messages that have no calendar at hand: UTC, to the second.
std::string Instant(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", t, absl::UTCTimeZone());
}

// Instants in messages that have the calendar: local time with its offset.
std::string LocalInstant(absl::Time t, absl::TimeZone zone) {
  return absl::FormatTime("%Y-%m-%d %H:%M %Ez", t, zone);
}

// A required absl::Time field the api maps from an unset Timestamp arrives as the epoch.
bool Unset(absl::Time t) { return t == absl::UnixEpoch(); }

void Record(Hotline& hotline, absl::Time at, absl::string_view actor, absl::string_view event,
            std::string detail) {
  HistoryEntry entry;
  entry.sequence = static_cast<int>(hotline.history.size()) + 1;
  entry.at = at;
  entry.actor = std::string(actor);
  entry.event = std::string(event);
  entry.detail = std::move(detail);
  hotline.history.push_back(std::move(entry));
  hotline.updated_at = at;
  ++hotline.version;
}

absl::Status StateForbids(std::string message) {
  return common::WithReason(absl::FailedPreconditionError(std::move(message)),
                            common::reason::kStateForbidsChange);
}

absl::Status WrongHotlineState(const Hotline& hotline, absl::string_view action,
                               absl::string_view allowed) {
  return StateForbids(absl::StrCat("hotline ", FormatHotlineId(hotline.id), " is ",
                                   HotlineStateName(hotline.state), ": cannot ", action,
                                   " (allowed when ", allowed, ")"));
}

absl::Status WrongChangeState(const Hotline& hotline, const HotlineChange& change,
                              absl::string_view action, absl::string_view allowed) {
  return StateForbids(absl::StrCat(
      "change ", change.change_id, " of hotline ", FormatHotlineId(hotline.id), " is ",
      ChangeStateName(change.state), ": cannot ", action, " (allowed when ", allowed, ")"));
}

absl::Status UnknownChange(const Hotline& hotline, absl::string_view change_id) {
  return absl::NotFoundError(absl::StrCat("hotline ", FormatHotlineId(hotline.id),
                                          " has no change ", common::QuotedValue(change_id)));
}

HotlineChange* FindMutableChange(Hotline& hotline, absl::string_view change_id) {
  for (HotlineChange& change : hotline.changes) {
    if (change.change_id == change_id) return &change;
  }
  return nullptr;
}

void Require(absl::string_view value, const std::string& field, FieldViolations& violations) {
  if (common::IsBlankText(value)) violations.Add(field, "is required");
}

// A required text field: present, then well-formed.
void RequiredText(absl::string_view value, const std::string& field, int max_chars, TextShape shape,
                  FieldViolations& violations) {
  if (value.empty()) {
    violations.Add(field, "is required");
  } else {
    common::CheckText(value, field, max_chars, shape, violations);
  }
}

void CheckPhone(absl::string_view value, const std::string& field,
                const common::PhoneNumberRule& rule, FieldViolations& violations) {
  if (value.empty()) {
    violations.Add(field, "is required");
  } else if (value.size() > static_cast<size_t>(FormLimits::kNumber)) {
    violations.Add(field, absl::StrCat("is longer than ", FormLimits::kNumber, " characters"));
  } else if (!common::IsPhoneLike(value, rule)) {
    violations.Add(field, absl::StrCat(common::DescribePhoneNumberRule(rule), ", not ",
                                       common::QuotedValue(value)));
  }
}

void CheckContact(const ContactPerson& contact, const std::string& field,
                  FieldViolations& violations) {
  RequiredText(contact.person, Path(field, "person"), FormLimits::kName, TextShape::kOneLine,
               violations);
  CheckPhone(contact.phone, Path(field, "phone"), common::kContactPhoneRule, violations);
  common::CheckText(contact.email, Path(field, "email"), FormLimits::kEmail, TextShape::kOneLine,
                    violations);
}

bool SameNumber(absl::string_view a, absl::string_view b) {
  return common::PhoneDigits(a) == common::PhoneDigits(b);
}

// The planned end of a transition against the earliest allowed one (H3).
void CheckTransitionEnd(absl::Time change_at, const absl::optional<absl::Time>& ends_at,
                        const std::string& field, const common::Period& minimum,
                        const common::WorkingCalendar& calendar, FieldViolations& violations) {
  if (!ends_at.has_value() || Unset(*ends_at)) {
    violations.Add(field,
                   "is required for a number change: how long the old number keeps its "
                   "voice prompt or transfer (A2 7.2)");
    return;
  }
  absl::StatusOr<absl::Time> earliest = EarliestTransitionEnd(change_at, minimum, calendar);
  if (!earliest.ok()) return;  // change_at itself is reported
  if (*ends_at < *earliest) {
    const absl::TimeZone zone = calendar.time_zone();
    violations.Add(
        field,
        absl::StrCat("ends ", LocalInstant(*ends_at, zone), ", less than ",
                     common::PeriodToString(minimum),
                     " after the change time: the old number keeps a voice prompt or transfer for "
                     "at least ",
                     common::PeriodToString(minimum), " (A2 7.2, H3); the earliest allowed end is ",
                     LocalInstant(*earliest, zone)));
  }
}

void CheckTransitionKind(TransitionKind kind, const std::string& field,
                         FieldViolations& violations) {
  if (kind != TransitionKind::kVoicePrompt && kind != TransitionKind::kAutomaticTransfer) {
    violations.Add(field, kind == TransitionKind::kUnspecified
                              ? "is required for a number change (VOICE_PROMPT or "
                                "AUTOMATIC_TRANSFER)"
                              : "is not a known transition kind");
  }
}

bool IsOpen(const HotlineChange& change) {
  return change.state == ChangeState::kPendingSignature ||
         change.state == ChangeState::kPendingApproval || change.state == ChangeState::kApproved;
}

bool Conflicts(ChangeItem a, ChangeItem b) {
  if (a == ChangeItem::kCancellation || b == ChangeItem::kCancellation) return true;
  return a == b && a != ChangeItem::kOther;
}

std::string TransitionText(const NumberTransition& transition) {
  return absl::StrCat(transition.old_number, " -> ", transition.new_number, " (",
                      TransitionKindName(transition.kind), ") from ", Instant(transition.starts_at),
                      " until ", Instant(transition.ends_at));
}

std::string ChangeText(const HotlineChange& change) {
  const ChangeForm& form = change.form;
  std::string text = absl::StrCat(change.change_id, " ", ChangeItemName(form.item), " at ",
                                  Instant(form.change_at));
  if (form.item == ChangeItem::kNumberChange) {
    absl::StrAppend(&text, ": ", form.number, " -> ", form.new_number, ", old number on ",
                    TransitionKindName(form.transition_kind), " until ",
                    form.transition_ends_at ? Instant(*form.transition_ends_at) : "?");
  } else if (form.item == ChangeItem::kServiceHours && form.service_hours) {
    absl::StrAppend(&text, ": ", DescribeServiceHours(*form.service_hours));
  }
  return text;
}

// Fields of one item given for another: kept out so a form says one thing.
void CheckItemFieldsEmpty(const ChangeForm& form, absl::string_view prefix,
                          FieldViolations& violations) {
  const std::string why =
      absl::StrCat("must be empty for a ", ChangeItemName(form.item), " change");
  if (form.item != ChangeItem::kNumberChange) {
    if (!form.new_number.empty()) violations.Add(Path(prefix, "new_number"), why);
    if (form.transition_kind != TransitionKind::kUnspecified) {
      violations.Add(Path(prefix, "transition_kind"), why);
    }
    if (form.transition_ends_at.has_value()) {
      violations.Add(Path(prefix, "transition_ends_at"), why);
    }
  }
  if (form.item != ChangeItem::kServiceHours && form.service_hours.has_value()) {
    violations.Add(Path(prefix, "service_hours"), why);
  }
}

}  // namespace

// --- Registration -------------------------------------------------------------------------------

common::FieldViolations ValidateRegistrationForm(const RegistrationForm& form,
                                                 absl::string_view prefix) {
  FieldViolations violations;
  RequiredText(form.unit_id, Path(prefix, "unit_id"), FormLimits::kName, TextShape::kOneLine,
               violations);
  CheckPhone(form.number, Path(prefix, "number"), kHotlineNumberRule, violations);
  if (absl::Status hours = ValidateServiceHours(form.service_hours, Path(prefix, "service_hours"));
      !hours.ok()) {
    for (const common::FieldViolation& v : common::ViolationsOf(hours)) {
      violations.Add(v.field, v.description);
    }
  }
  if (!form.established_on.has_value() || Unset(*form.established_on)) {
    violations.Add(Path(prefix, "established_on"), "is required (热线设立时间)");
  }
  RequiredText(form.audience, Path(prefix, "audience"), FormLimits::kText, TextShape::kMultiLine,
               violations);
  RequiredText(form.description, Path(prefix, "description"), FormLimits::kText,
               TextShape::kMultiLine, violations);
  RequiredText(form.charges, Path(prefix, "charges"), FormLimits::kText, TextShape::kMultiLine,
               violations);
  RequiredText(form.staffing, Path(prefix, "staffing"), FormLimits::kText, TextShape::kMultiLine,
               violations);
  CheckContact(form.contact_a, Path(prefix, "contact_a"), violations);
  CheckContact(form.contact_b, Path(prefix, "contact_b"), violations);
  if (!form.contact_a.person.empty() && form.contact_a.person == form.contact_b.person) {
    violations.Add(Path(prefix, "contact_b.person"),
                   "must be another person than contact_a: A角 and B角 stand in for each other");
  }
  RequiredText(form.handler, Path(prefix, "handler"), FormLimits::kName, TextShape::kOneLine,
               violations);
  common::CheckText(form.remarks, Path(prefix, "remarks"), FormLimits::kText, TextShape::kMultiLine,
                    violations);
  return violations;
}

absl::StatusOr<Hotline> NewHotline(RegistrationForm form, absl::Time now, absl::string_view actor) {
  if (FieldViolations violations = ValidateRegistrationForm(form); !violations.empty()) {
    return violations.ToStatus("invalid hotline registration (form F1)");
  }
  form.filed_at = now;
  form.manager_signature.reset();
  Hotline hotline;
  hotline.unit_id = form.unit_id;
  hotline.state = HotlineState::kPendingSignature;
  hotline.number = form.number;
  hotline.service_hours = form.service_hours;
  hotline.registration = std::move(form);
  Record(hotline, now, actor, "FILED",
         absl::StrCat("F1: ", hotline.number, ", ", DescribeServiceHours(hotline.service_hours)));
  return hotline;
}

absl::Status SignRegistration(Hotline& hotline, absl::string_view signer, absl::Time now) {
  if (hotline.state != HotlineState::kPendingSignature) {
    return WrongHotlineState(hotline, "sign its registration", "PENDING_SIGNATURE");
  }
  if (common::IsBlankText(signer)) return common::InvalidField("signed_by", "is required");
  hotline.registration.manager_signature = Signature{std::string(signer), now};
  hotline.state = HotlineState::kPendingApproval;
  Record(hotline, now, signer, "SIGNED", "F1 signed by the unit's manager");
  return absl::OkStatus();
}

absl::Status DecideRegistration(Hotline& hotline, bool approve, absl::string_view reason,
                                absl::string_view decider, absl::Time now) {
  if (hotline.state != HotlineState::kPendingApproval) {
    return WrongHotlineState(hotline, approve ? "approve it" : "reject it", "PENDING_APPROVAL");
  }
  FieldViolations violations;
  if (!approve) Require(reason, "reason", violations);
  common::CheckText(reason, "reason", FormLimits::kText, TextShape::kMultiLine, violations);
  if (!violations.empty()) return violations.ToStatus("invalid registration decision");
  hotline.approval = Decision{approve, std::string(decider), now, std::string(reason)};
  hotline.state = approve ? HotlineState::kActive : HotlineState::kRejected;
  Record(hotline, now, decider, approve ? "APPROVED" : "REJECTED", std::string(reason));
  return absl::OkStatus();
}

// --- Changes ------------------------------------------------------------------------------------

absl::StatusOr<absl::Time> EarliestTransitionEnd(absl::Time change_at,
                                                 const common::Period& minimum,
                                                 const common::WorkingCalendar& calendar) {
  absl::StatusOr<common::Deadline> end = common::ComputeDeadline(calendar, change_at, minimum);
  if (!end.ok()) return end.status();
  return end->at;
}

absl::Status FileChange(Hotline& hotline, std::string change_id, ChangeForm form, absl::Time now,
                        absl::string_view actor, const common::Period& minimum_transition,
                        const common::WorkingCalendar& calendar) {
  if (hotline.state != HotlineState::kActive) {
    return WrongHotlineState(hotline, "file a change (form F2)", "ACTIVE");
  }
  for (const HotlineChange& open : hotline.changes) {
    if (IsOpen(open) && Conflicts(open.form.item, form.item)) {
      return StateForbids(
          absl::StrCat("hotline ", FormatHotlineId(hotline.id), " has change ", open.change_id,
                       " (", ChangeItemName(open.form.item), ", ", ChangeStateName(open.state),
                       ") still open: a ", ChangeItemName(form.item),
                       " change cannot be filed beside it until it is decided, applied or lapsed"));
    }
  }

  FieldViolations violations;
  if (form.unit_id.empty()) {
    form.unit_id = hotline.unit_id;
  } else if (form.unit_id != hotline.unit_id) {
    violations.Add("form.unit_id",
                   absl::StrCat("is not the unit of hotline ", FormatHotlineId(hotline.id), " (",
                                hotline.unit_id, ")"));
  }
  if (form.number.empty()) {
    form.number = hotline.number;
  } else if (!SameNumber(form.number, hotline.number)) {
    violations.Add("form.number",
                   absl::StrCat("is not the hotline's current number ", hotline.number));
  }
  bool change_at_ok = false;
  if (Unset(form.change_at)) {
    violations.Add("form.change_at", "is required (变更时间)");
  } else if (form.change_at <= now) {
    violations.Add(
        "form.change_at",
        absl::StrCat("must be after the filing time ", LocalInstant(now, calendar.time_zone()),
                     ": a change is filed and approved beforehand (A2 7.2: 事先)"));
  } else {
    change_at_ok = true;
  }
  switch (form.item) {
    case ChangeItem::kNumberChange:
      CheckPhone(form.new_number, "form.new_number", kHotlineNumberRule, violations);
      if (!form.new_number.empty() && SameNumber(form.new_number, hotline.number)) {
        violations.Add("form.new_number",
                       absl::StrCat("is the hotline's current number ", hotline.number));
      }
      CheckTransitionKind(form.transition_kind, "form.transition_kind", violations);
      if (change_at_ok) {
        CheckTransitionEnd(form.change_at, form.transition_ends_at, "form.transition_ends_at",
                           minimum_transition, calendar, violations);
      }
      break;
    case ChangeItem::kServiceHours:
      if (!form.service_hours.has_value()) {
        violations.Add("form.service_hours", "is required for a SERVICE_HOURS change");
      } else if (absl::Status hours =
                     ValidateServiceHours(*form.service_hours, "form.service_hours");
                 !hours.ok()) {
        for (const common::FieldViolation& v : common::ViolationsOf(hours)) {
          violations.Add(v.field, v.description);
        }
      }
      break;
    case ChangeItem::kCancellation:
    case ChangeItem::kOther:
      break;
    case ChangeItem::kUnspecified:
      violations.Add("form.item",
                     "is required (NUMBER_CHANGE, CANCELLATION, SERVICE_HOURS or OTHER)");
      break;
  }
  if (ChangeItemName(form.item) == "UNSPECIFIED" && form.item != ChangeItem::kUnspecified) {
    violations.Add("form.item", "is not a known change item");
  }
  CheckItemFieldsEmpty(form, "form", violations);
  RequiredText(form.reason, "form.reason", FormLimits::kText, TextShape::kMultiLine, violations);
  RequiredText(form.handler, "form.handler", FormLimits::kName, TextShape::kOneLine, violations);
  common::CheckText(form.remarks, "form.remarks", FormLimits::kText, TextShape::kMultiLine,
                    violations);
  if (!violations.empty()) return violations.ToStatus("invalid hotline change (form F2)");

  form.filed_at = now;
  form.manager_signature.reset();
  HotlineChange change;
  change.change_id = std::move(change_id);
  change.form = std::move(form);
  change.state = ChangeState::kPendingSignature;
  std::string detail = ChangeText(change);
  hotline.changes.push_back(std::move(change));
  Record(hotline, now, actor, "CHANGE_FILED", std::move(detail));
  return absl::OkStatus();
}

absl::Status SignChange(Hotline& hotline, absl::string_view change_id, absl::string_view signer,
                        absl::Time now) {
  HotlineChange* change = FindMutableChange(hotline, change_id);
  if (change == nullptr) return UnknownChange(hotline, change_id);
  if (change->state != ChangeState::kPendingSignature) {
    return WrongChangeState(hotline, *change, "sign it", "PENDING_SIGNATURE");
  }
  if (now >= change->form.change_at) {
    return StateForbids(absl::StrCat(
        "change ", change->change_id, " of hotline ", FormatHotlineId(hotline.id),
        " was to take effect at ", Instant(change->form.change_at),
        ": it can no longer be approved beforehand (A2 7.2) and lapses; file a new change form"));
  }
  if (common::IsBlankText(signer)) return common::InvalidField("signed_by", "is required");
  change->form.manager_signature = Signature{std::string(signer), now};
  change->state = ChangeState::kPendingApproval;
  Record(hotline, now, signer, "CHANGE_SIGNED", change->change_id);
  return absl::OkStatus();
}

absl::Status DecideChange(Hotline& hotline, absl::string_view change_id, bool approve,
                          absl::string_view reason, absl::string_view decider, absl::Time now) {
  HotlineChange* change = FindMutableChange(hotline, change_id);
  if (change == nullptr) return UnknownChange(hotline, change_id);
  if (change->state != ChangeState::kPendingApproval) {
    return WrongChangeState(hotline, *change, approve ? "approve it" : "disagree with it",
                            "PENDING_APPROVAL");
  }
  if (approve && now >= change->form.change_at) {
    return StateForbids(absl::StrCat(
        "change ", change->change_id, " of hotline ", FormatHotlineId(hotline.id),
        " was to take effect at ", Instant(change->form.change_at), "; an approval at ",
        Instant(now),
        " is too late: a change had to be approved beforehand (A2 7.2: 事先…审批通过后方可进行) — "
        "it lapses; file a new change form"));
  }
  if (approve && hotline.state != HotlineState::kActive) {
    return WrongHotlineState(hotline, absl::StrCat("approve change ", change->change_id), "ACTIVE");
  }
  FieldViolations violations;
  if (!approve) Require(reason, "reason", violations);
  common::CheckText(reason, "reason", FormLimits::kText, TextShape::kMultiLine, violations);
  if (!violations.empty()) return violations.ToStatus("invalid change decision");
  change->cs_center_opinion = Decision{approve, std::string(decider), now, std::string(reason)};
  change->state = approve ? ChangeState::kApproved : ChangeState::kDisagreed;
  Record(hotline, now, decider, approve ? "CHANGE_APPROVED" : "CHANGE_DISAGREED",
         reason.empty() ? change->change_id : absl::StrCat(change->change_id, ": ", reason));
  return absl::OkStatus();
}

SweepResult ApplyDueChanges(Hotline& hotline, absl::Time now) {
  SweepResult result;
  // By change time, and in filing order for equal times.
  std::vector<size_t> order(hotline.changes.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&hotline](size_t a, size_t b) {
    return hotline.changes[a].form.change_at < hotline.changes[b].form.change_at;
  });
  for (size_t index : order) {
    HotlineChange& change = hotline.changes[index];
    if (change.form.change_at > now) continue;
    if (change.state == ChangeState::kPendingSignature ||
        change.state == ChangeState::kPendingApproval) {
      const std::string state(ChangeStateName(change.state));
      change.state = ChangeState::kLapsed;
      result.lapsed.push_back(change.change_id);
      Record(hotline, now, kSweepActor, "CHANGE_LAPSED",
             absl::StrCat(change.change_id, " was still ", state, " at its change time ",
                          Instant(change.form.change_at),
                          ": not approved beforehand, it may not be made (A2 7.2)"));
      continue;
    }
    if (change.state != ChangeState::kApproved) continue;
    if (hotline.state != HotlineState::kActive) {
      change.state = ChangeState::kLapsed;
      result.lapsed.push_back(change.change_id);
      Record(hotline, now, kSweepActor, "CHANGE_LAPSED",
             absl::StrCat(change.change_id, ": the hotline is ", HotlineStateName(hotline.state),
                          " at its change time ", Instant(change.form.change_at)));
      continue;
    }
    const ChangeForm& form = change.form;
    std::string detail = absl::StrCat(change.change_id, " ", ChangeItemName(form.item),
                                      " in effect since ", Instant(form.change_at));
    switch (form.item) {
      case ChangeItem::kNumberChange: {
        NumberTransition transition;
        transition.old_number = hotline.number;
        transition.new_number = form.new_number;
        transition.kind = form.transition_kind;
        transition.starts_at = form.change_at;
        transition.ends_at = form.transition_ends_at.value_or(form.change_at);
        absl::StrAppend(&detail, ": ", TransitionText(transition));
        hotline.number = form.new_number;
        hotline.transitions.push_back(std::move(transition));
        break;
      }
      case ChangeItem::kServiceHours:
        if (form.service_hours.has_value()) {
          hotline.service_hours = *form.service_hours;
          absl::StrAppend(&detail, ": ", DescribeServiceHours(hotline.service_hours));
        }
        break;
      case ChangeItem::kCancellation:
        hotline.state = HotlineState::kCancelled;
        break;
      case ChangeItem::kOther:
      case ChangeItem::kUnspecified:
        break;
    }
    change.state = ChangeState::kApplied;
    result.applied.push_back(change.change_id);
    Record(hotline, now, kSweepActor, "CHANGE_APPLIED", std::move(detail));
  }
  // A transition's end is recorded once: its history entry is the mark (the detail names the
  // transition exactly), so the store needs no extra column and a re-run finds it.
  for (const NumberTransition& transition : hotline.transitions) {
    if (transition.ends_at > now) continue;
    const std::string detail = TransitionText(transition);
    const bool recorded = std::any_of(
        hotline.history.begin(), hotline.history.end(),
        [&](const HistoryEntry& e) { return e.event == "TRANSITION_ENDED" && e.detail == detail; });
    if (recorded) continue;
    result.transitions_ended.push_back(transition);
    Record(hotline, now, kSweepActor, "TRANSITION_ENDED", detail);
  }
  return result;
}

// --- Notices ------------------------------------------------------------------------------------

common::FieldViolations ValidateNotice(const Notice& notice, absl::Time now,
                                       const common::Period& minimum_transition,
                                       const common::WorkingCalendar& calendar) {
  FieldViolations violations;
  RequiredText(notice.title, "notice.title", FormLimits::kTitle, TextShape::kOneLine, violations);
  const bool number_change = notice.item == ChangeItem::kNumberChange;
  if (!number_change && notice.item != ChangeItem::kCancellation) {
    violations.Add("notice.item",
                   "must be NUMBER_CHANGE or CANCELLATION (A2 7.3: 改号或取消服务热线)");
  }
  bool change_at_ok = false;
  if (Unset(notice.change_at)) {
    violations.Add("notice.change_at", "is required");
  } else if (notice.change_at < now) {
    violations.Add("notice.change_at", absl::StrCat("must not be before the notice is issued (",
                                                    LocalInstant(now, calendar.time_zone()), ")"));
  } else {
    change_at_ok = true;
  }
  if (notice.targets.empty()) {
    violations.Add("notice.targets", "must name at least one hotline");
  }
  absl::flat_hash_set<int64_t> hotlines;
  absl::flat_hash_set<std::string> numbers;
  for (size_t i = 0; i < notice.targets.size(); ++i) {
    const NoticeTarget& target = notice.targets[i];
    const std::string item = absl::StrCat("notice.targets[", i, "]");
    if (target.hotline_id <= 0) {
      violations.Add(Path(item, "hotline_id"), "is required");
    } else if (!hotlines.insert(target.hotline_id).second) {
      violations.Add(Path(item, "hotline_id"),
                     absl::StrCat("names ", FormatHotlineId(target.hotline_id), " twice"));
    }
    if (number_change) {
      CheckPhone(target.new_number, Path(item, "new_number"), kHotlineNumberRule, violations);
      if (!target.new_number.empty() &&
          !numbers.insert(common::PhoneDigits(target.new_number)).second) {
        violations.Add(Path(item, "new_number"),
                       "is given to another hotline of the notice too: one number, one hotline");
      }
      CheckTransitionKind(target.transition_kind, Path(item, "transition_kind"), violations);
      if (change_at_ok) {
        CheckTransitionEnd(notice.change_at, target.transition_ends_at,
                           Path(item, "transition_ends_at"), minimum_transition, calendar,
                           violations);
      }
    } else if (notice.item == ChangeItem::kCancellation) {
      const std::string why = "must be empty for a CANCELLATION notice";
      if (!target.new_number.empty()) violations.Add(Path(item, "new_number"), why);
      if (target.transition_kind != TransitionKind::kUnspecified) {
        violations.Add(Path(item, "transition_kind"), why);
      }
      if (target.transition_ends_at.has_value()) {
        violations.Add(Path(item, "transition_ends_at"), why);
      }
    }
  }
  return violations;
}

absl::Status ApplyNotice(Hotline& hotline, const Notice& notice, size_t target_index,
                         std::string change_id, absl::Time now) {
  const std::string field = absl::StrCat("notice.targets[", target_index, "]");
  if (target_index >= notice.targets.size()) {
    return common::InvalidField(field, "does not exist");
  }
  const NoticeTarget& target = notice.targets[target_index];
  if (target.hotline_id != hotline.id) {
    return common::InvalidField(Path(field, "hotline_id"),
                                absl::StrCat("names ", FormatHotlineId(target.hotline_id), ", not ",
                                             FormatHotlineId(hotline.id)));
  }
  if (hotline.state != HotlineState::kActive) {
    return WrongHotlineState(hotline, absl::StrCat("take notice ", notice.notice_id), "ACTIVE");
  }
  if (notice.item == ChangeItem::kNumberChange && SameNumber(target.new_number, hotline.number)) {
    return common::InvalidField(
        Path(field, "new_number"),
        absl::StrCat("is the current number of ", FormatHotlineId(hotline.id), " already"));
  }
  HotlineChange change;
  change.change_id = std::move(change_id);
  change.notice_id = notice.notice_id;
  change.state = ChangeState::kApproved;
  change.cs_center_opinion = Decision{true, notice.issued_by, notice.issued_at, notice.title};
  ChangeForm& form = change.form;
  form.unit_id = hotline.unit_id;
  form.filed_at = notice.issued_at;
  form.number = hotline.number;
  form.change_at = notice.change_at;
  form.item = notice.item;
  form.reason = absl::StrCat("客服中心发文 ", notice.notice_id, ": ", notice.title);
  form.handler = notice.issued_by;
  if (notice.item == ChangeItem::kNumberChange) {
    form.new_number = target.new_number;
    form.transition_kind = target.transition_kind;
    form.transition_ends_at = target.transition_ends_at;
  }
  std::string detail =
      absl::StrCat(notice.notice_id, " 「", notice.title, "」: ", ChangeText(change));
  hotline.changes.push_back(std::move(change));
  Record(hotline, now, notice.issued_by, "NOTICE", std::move(detail));
  return absl::OkStatus();
}

// --- Reading ------------------------------------------------------------------------------------

const HotlineChange* FindChange(const Hotline& hotline, absl::string_view change_id) {
  for (const HotlineChange& change : hotline.changes) {
    if (change.change_id == change_id) return &change;
  }
  return nullptr;
}

std::vector<NumberTransition> TransitionsRunningAt(const Hotline& hotline, absl::Time at) {
  std::vector<NumberTransition> running;
  for (const NumberTransition& transition : hotline.transitions) {
    if (transition.starts_at <= at && at < transition.ends_at) running.push_back(transition);
  }
  return running;
}

}  // namespace cs::hotline
