// How a hotline moves from registration to cancellation (SPEC H1–H5, A2 7.1–7.4, forms F1 and F2):
// what each form must hold, which steps each state allows, what every step records in the hotline's
// history, and when an approved change takes effect. Pure functions over a Hotline value: the
// caller loads and stores it, allocates ids ("CH-<n>"), and checks who may act (roles, unit
// scope, the unit being known). Thread-compatible.
//
// Time: every step takes `now` from the caller's injected clock. A change takes effect at its
// change time, not when it is approved — ApplyDueChanges does that; callers run it before any other
// step on a loaded hotline so the steps see its current number, hours and state.
//
// Errors: INVALID_ARGUMENT names every bad field (the violations travel in the status, paths as in
// the request: "form.contact_a.phone"); FAILED_PRECONDITION (reason STATE_FORBIDS_CHANGE) names
// the state that forbids a step; NOT_FOUND names an unknown change id.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_DOMAIN_HOTLINE_LIFECYCLE_H_
#define CS_SERVICES_HOTLINE_REGISTRY_DOMAIN_HOTLINE_LIFECYCLE_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/status/field_violations.h"
#include "common/text/phone_number.h"
#include "common/time/deadline.h"
#include "common/time/working_calendar.h"
#include "services/hotline-registry/domain/hotline.h"

namespace cs::hotline {

// A hotline number: 5 to 20 digits with the usual separators and no extension — "021-5888 1234",
// "4008-888-888", "10000". Contact phones follow common::kContactPhoneRule (an extension allowed).
inline constexpr common::PhoneNumberRule kHotlineNumberRule{5, 20, false};

// Longest accepted text per field, in characters (code points).
struct FormLimits {
  static constexpr int kName = 100;   // handler, contact person, signer
  static constexpr int kNumber = 40;  // hotline number, contact phone
  static constexpr int kEmail = 254;
  static constexpr int kText = 2000;  // audience, description, charges, staffing, reason, remarks
  static constexpr int kTitle = 300;  // a notice's title
};

// The actor the history records for steps the service takes by itself (ApplyDueChanges).
inline constexpr absl::string_view kSweepActor = "system";

// --- Registration (H1, A2 7.1, form F1) ---------------------------------------------------------

// Every problem of form F1, each naming its field under `prefix`: unit_id, number (a hotline
// number), service_hours (ValidateServiceHours), established_on, audience, description, charges,
// staffing, handler, contact_a and contact_b (person and phone each; B a different person from A —
// the two stand in for each other) are required; text too long, blank or with control characters;
// a phone that is not a phone number. Remarks are optional. Whether unit_id names a known unit is
// the caller's check (it holds the unit directory).
common::FieldViolations ValidateRegistrationForm(const RegistrationForm& form,
                                                 absl::string_view prefix = "form");

// The hotline form F1 registers: PENDING_SIGNATURE, its number and hours those of the form,
// filed_at = `now`, any signature in `form` dropped (only SignRegistration signs), history FILED.
// id 0: the store assigns it. INVALID_ARGUMENT naming every bad field (ValidateRegistrationForm).
absl::StatusOr<Hotline> NewHotline(RegistrationForm form, absl::Time now, absl::string_view actor);

// 二级经理签字: records `signer` (the unit's UNIT_MANAGER, checked by the caller) and moves the
// hotline to PENDING_APPROVAL; history SIGNED. FAILED_PRECONDITION unless PENDING_SIGNATURE;
// INVALID_ARGUMENT naming "signed_by" when `signer` is empty.
absl::Status SignRegistration(Hotline& hotline, absl::string_view signer, absl::Time now);

// The CS center's decision (H1): approval makes the hotline ACTIVE — the only state in which it may
// serve; rejection (REJECTED) needs a reason (INVALID_ARGUMENT naming "reason"). History APPROVED
// or REJECTED. FAILED_PRECONDITION unless PENDING_APPROVAL.
absl::Status DecideRegistration(Hotline& hotline, bool approve, absl::string_view reason,
                                absl::string_view decider, absl::Time now);

// --- Changes (H2, H3, A2 7.2, form F2) ----------------------------------------------------------

// The earliest end a number change taking effect at `change_at` may plan for its old number's
// voice prompt or transfer (H3): `minimum` (SLA target old_number_transfer, 3 months) counted from
// `change_at` on `calendar` by common::ComputeDeadline — for months, 24:00 of the corresponding
// day, or of the last day of a month without one: a change on 30 Nov may end its transition at the
// end of 28 Feb at the earliest, one on 31 May at the end of 31 Aug. INVALID_ARGUMENT for an
// invalid period or an infinite `change_at`.
absl::StatusOr<absl::Time> EarliestTransitionEnd(absl::Time change_at,
                                                 const common::Period& minimum,
                                                 const common::WorkingCalendar& calendar);

// Files form F2 for `hotline` as change `change_id` (PENDING_SIGNATURE, filed_at = `now`; history
// CHANGE_FILED). The form's unit and number, when empty, are the hotline's; given, they must be.
// FAILED_PRECONDITION when the hotline is not ACTIVE, or another open change (pending or approved,
// not yet applied) conflicts with it: two of the same item other than OTHER, or any besides a
// cancellation. INVALID_ARGUMENT naming every bad field:
//   change_at required and after `now` — a change is filed beforehand (事先); item, reason and
//   handler required; NUMBER_CHANGE: new_number a hotline number other than the current one,
//   transition_kind, and transition_ends_at no earlier than EarliestTransitionEnd (the message
//   names that earliest end); SERVICE_HOURS: service_hours (ValidateServiceHours); the fields of
//   one item left empty for the others.
absl::Status FileChange(Hotline& hotline, std::string change_id, ChangeForm form, absl::Time now,
                        absl::string_view actor, const common::Period& minimum_transition,
                        const common::WorkingCalendar& calendar);

// 二级经理签字 on change `change_id`: PENDING_SIGNATURE -> PENDING_APPROVAL, history CHANGE_SIGNED.
// NOT_FOUND for an unknown change; FAILED_PRECONDITION in another state or once its change time
// has come (it can no longer be approved beforehand: it lapses); INVALID_ARGUMENT for an empty
// signer.
absl::Status SignChange(Hotline& hotline, absl::string_view change_id, absl::string_view signer,
                        absl::Time now);

// 客服中心意见 on change `change_id` (H2): agree -> APPROVED (applied at its change time by
// ApplyDueChanges, not before), history CHANGE_APPROVED; disagree -> DISAGREED with a reason
// (INVALID_ARGUMENT naming "reason" without one), history CHANGE_DISAGREED. NOT_FOUND for an
// unknown change; FAILED_PRECONDITION unless PENDING_APPROVAL, and for an approval at or after the
// change time — the change had to be approved beforehand (A2 7.2: 事先…审批通过后方可进行) — or of
// a hotline no longer ACTIVE.
absl::Status DecideChange(Hotline& hotline, absl::string_view change_id, bool approve,
                          absl::string_view reason, absl::string_view decider, absl::Time now);

// What ApplyDueChanges did.
struct SweepResult {
  std::vector<std::string> applied;  // change ids, in the order applied
  std::vector<std::string> lapsed;
  std::vector<NumberTransition> transitions_ended;

  bool changed() const { return !applied.empty() || !lapsed.empty() || !transitions_ended.empty(); }
};

// Brings `hotline` up to `now`, changes in order of change time: an APPROVED change whose time has
// come is APPLIED (NUMBER_CHANGE: the number replaced and a NumberTransition recorded from the
// change time to the planned end; SERVICE_HOURS: the hours replaced; CANCELLATION: the hotline
// CANCELLED; OTHER: recorded) — or LAPSED when an earlier change already cancelled the hotline; a
// change still waiting for its signature or approval at its change time LAPSES (it may not be
// made). History CHANGE_APPLIED / CHANGE_LAPSED, and TRANSITION_ENDED once for each transition
// whose end has come. Idempotent: a second call at the same `now` changes nothing.
SweepResult ApplyDueChanges(Hotline& hotline, absl::Time now);

// --- Department-wide notices (H4, A2 7.3: 由客服中心发文)
// -------------------------------------------

// Every problem of a notice, each under "notice.": title required; item NUMBER_CHANGE or
// CANCELLATION (改号或取消); change_at required and not before `now`; at least one target, each
// hotline named once; NUMBER_CHANGE: each target's new_number a hotline number (no two targets the
// same), transition_kind, transition_ends_at no earlier than EarliestTransitionEnd; CANCELLATION:
// no new number or transition.
common::FieldViolations ValidateNotice(const Notice& notice, absl::Time now,
                                       const common::Period& minimum_transition,
                                       const common::WorkingCalendar& calendar);

// Puts target `target_index` of a validated `notice` on `hotline` as change `change_id`, already
// APPROVED by the CS center (the notice is its decision) and carrying the notice id; history
// NOTICE. It takes effect at the notice's change time through ApplyDueChanges. FAILED_PRECONDITION
// when the hotline is not ACTIVE; INVALID_ARGUMENT when the target names another hotline or the new
// number is the hotline's current one.
absl::Status ApplyNotice(Hotline& hotline, const Notice& notice, size_t target_index,
                         std::string change_id, absl::Time now);

// --- Reading ------------------------------------------------------------------------------------

// The change `change_id` of `hotline`; nullptr when it has none.
const HotlineChange* FindChange(const Hotline& hotline, absl::string_view change_id);

// H3: the number transitions of `hotline` running at `at` (starts_at <= at < ends_at).
std::vector<NumberTransition> TransitionsRunningAt(const Hotline& hotline, absl::Time at);

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_DOMAIN_HOTLINE_LIFECYCLE_H_
