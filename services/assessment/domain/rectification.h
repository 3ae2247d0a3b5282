// A rectification notice 《整改措施单》 (SPEC S1, S7; M 7.13): the CS center finds a non-conforming
// practice of a unit and issues the notice; the unit acknowledges receipt (or is deemed to have
// received it once a configurable grace has passed); within 5 working days of receipt (接到…后五个
// 工作日内: the `rectification` period of the SLA targets, on the calendar) it replies with the
// measures taken, signed by its department manager; the CS center verifies the result — passed, or
// failed and reopened with a new deadline (a configurable period from the verification). Late
// replies and failed verifications count against the unit (unit_month.h); a notice may name the
// partner or agent at fault (S7), and it still counts against the unit.
//
// Pure functions over plain values: the caller loads and stores them, allocates ids ("RN-<n>"),
// decides who may act (CS_CENTER issues and verifies; the unit's UNIT_MANAGER replies —
// PERMISSION_DENIED is the core's), checks the unit and partner are known, and takes the periods
// from configuration (common/config SLA targets `rectification`; the grace and the reopening period
// are the service's flags). Thread-compatible.
//
// States: ISSUED -(AcknowledgeReceipt | ApplyDeemedReceipt)-> RECEIVED -(ReplyToNotice)-> REPLIED
// -(VerifyRectification passed)-> VERIFIED_PASSED; REPLIED -(VerifyRectification failed)->
// REOPENED -(ReplyToNotice)-> REPLIED … A failed verification is recorded (a Verification with
// passed = false, history VERIFIED_FAILED) and reopens the notice in the same step: no notice rests
// in a "verified failed" state.
//
// History events: ISSUED, RECEIVED, DEEMED_RECEIVED, REPLIED, VERIFIED_PASSED, VERIFIED_FAILED
// (detail names the new deadline). Errors: INVALID_ARGUMENT names every bad field;
// FAILED_PRECONDITION (reason STATE_FORBIDS_CHANGE) names the state that forbids a step; an
// unsigned reply is FAILED_PRECONDITION naming "signature" (a reply without the manager's signature
// is not a reply; the notice stays as it was).
#ifndef CS_SERVICES_ASSESSMENT_DOMAIN_RECTIFICATION_H_
#define CS_SERVICES_ASSESSMENT_DOMAIN_RECTIFICATION_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/status/field_violations.h"
#include "common/time/deadline.h"
#include "common/time/working_calendar.h"
#include "services/assessment/domain/records.h"

namespace cs::assessment {

enum class NoticeState {
  kUnspecified = 0,
  kIssued = 1,          // sent; the unit has not acknowledged it
  kReceived = 2,        // acknowledged, or deemed received after the grace; reply due
  kReplied = 3,         // the measures, signed by the unit's manager; awaiting verification
  kVerifiedPassed = 4,  // closed
  kReopened = 5,        // the verification failed; a new reply is due
};

// What the CS center writes on the notice.
struct NoticeDraft {
  std::string unit_id;
  std::string finding;   // 存在问题: the non-conforming practice
  std::string clause;    // the regulation's clause it breaks, e.g. "A2 7.5" (IsClauseLike)
  std::string evidence;  // 事实依据
  absl::optional<int64_t> partner_id;  // S7: the partner or agent at fault ("PA-<n>"), if any
  std::string source_id;  // the record whose finding it turns into ("MN-3"), empty when none

  friend bool operator==(const NoticeDraft&, const NoticeDraft&) = default;
};

// The manager's signature on a reply (经部门经理签字). The core fills it from the caller's
// principal: `unit_manager` is true only when the signer holds UNIT_MANAGER of the notice's unit.
struct ReplySignature {
  std::string signer;
  bool unit_manager = false;

  friend bool operator==(const ReplySignature&, const ReplySignature&) = default;
};

struct NoticeReply {
  std::string measures;  // 整改措施
  std::string signed_by;
  std::string replied_by;
  absl::Time replied_at;
  absl::Time due;     // the deadline the reply answered
  bool late = false;  // replied_at > due

  friend bool operator==(const NoticeReply&, const NoticeReply&) = default;
};

struct Verification {
  bool passed = false;
  std::string note;  // required when failed: what is still wrong
  std::string verified_by;
  absl::Time verified_at;
  // When failed: the new reply deadline the notice was reopened with.
  absl::optional<common::Deadline> new_reply_due;

  friend bool operator==(const Verification&, const Verification&) = default;
};

struct RectificationNotice {
  int64_t id = 0;  // shown as "RN-<id>"
  std::string unit_id;
  std::string finding;
  std::string clause;
  std::string evidence;
  absl::optional<int64_t> partner_id;
  std::string source_id;
  std::string issued_by;
  absl::Time issued_at;
  NoticeState state = NoticeState::kUnspecified;
  absl::optional<absl::Time> received_at;
  std::string received_by;       // kServiceActor when deemed
  bool deemed_received = false;  // received by the grace, not by acknowledgement
  // The reply now due: receipt + the `rectification` period, or, after a failed verification, the
  // verification + the reopening period. nullopt while ISSUED.
  absl::optional<common::Deadline> reply_due;
  std::vector<NoticeReply> replies;         // oldest first
  std::vector<Verification> verifications;  // oldest first
  std::vector<HistoryEntry> history;
  absl::Time updated_at;
  int64_t version = 0;

  friend bool operator==(const RectificationNotice&, const RectificationNotice&) = default;
};

// "ISSUED", "RECEIVED", …; "UNSPECIFIED" for a value outside the enum.
absl::string_view NoticeStateName(NoticeState state);

// Every problem of a draft, each naming its field under `prefix`: unit_id, finding, clause
// (IsClauseLike), evidence required and well-formed; partner_id >= 1 when given; source_id
// well-formed when given.
common::FieldViolations ValidateNoticeDraft(const NoticeDraft& draft,
                                            absl::string_view prefix = "notice");

// The notice the CS center issues: ISSUED, issued_by/at set, history ISSUED, version 1; id 0 (the
// store assigns it). INVALID_ARGUMENT naming every bad field.
absl::StatusOr<RectificationNotice> IssueNotice(NoticeDraft draft, absl::string_view actor,
                                                absl::Time now);

// The draft that turns `finding` into a notice (unit, finding, clause, evidence, source), so the
// core can issue it in one call: IssueNotice(DraftFromFinding(f), actor, now).
NoticeDraft DraftFromFinding(const Finding& finding);

// The unit acknowledges receipt: ISSUED -> RECEIVED at `now`, reply due
// ComputeDeadline(calendar, now, rectification_period) (5 working days: close of business of the
// 5th working day after the day of receipt). FAILED_PRECONDITION in any other state;
// INVALID_ARGUMENT for an invalid period.
absl::Status AcknowledgeReceipt(RectificationNotice& notice, absl::string_view actor,
                                absl::Time now, const common::Period& rectification_period,
                                const common::WorkingCalendar& calendar);

// When a notice issued at `issued_at` counts as received unacknowledged: ComputeDeadline(calendar,
// issued_at, grace). INVALID_ARGUMENT for an invalid grace.
absl::StatusOr<common::Deadline> DeemedReceivedAt(const common::WorkingCalendar& calendar,
                                                  absl::Time issued_at,
                                                  const common::Period& grace);

// When an ISSUED notice's grace has passed at `now` (now >= DeemedReceivedAt): RECEIVED with
// received_at = the deemed instant (not `now`, so a late sweep does not move the deadline),
// deemed_received, received_by kServiceActor, reply due from the deemed instant; history
// DEEMED_RECEIVED; returns true. Returns false and changes nothing otherwise (any other state, or
// the grace not yet over). INVALID_ARGUMENT for an invalid period.
absl::StatusOr<bool> ApplyDeemedReceipt(RectificationNotice& notice, absl::Time now,
                                        const common::Period& grace,
                                        const common::Period& rectification_period,
                                        const common::WorkingCalendar& calendar);

// The unit's reply: RECEIVED or REOPENED -> REPLIED, a NoticeReply appended (late when `now` is
// past reply_due). INVALID_ARGUMENT naming "measures" when blank or malformed; FAILED_PRECONDITION
// naming "signature" when the signer is blank or not the unit's manager (nothing recorded);
// FAILED_PRECONDITION (STATE_FORBIDS_CHANGE) in any other state.
absl::Status ReplyToNotice(RectificationNotice& notice, absl::string_view measures,
                           const ReplySignature& signature, absl::string_view actor,
                           absl::Time now);

// The CS center verifies the rectification: REPLIED -> VERIFIED_PASSED; or, when not `passed`,
// REPLIED -> REOPENED with reply due ComputeDeadline(calendar, now, reopen_period). A Verification
// is appended either way. INVALID_ARGUMENT naming "note" when failed without one (or malformed),
// or for an invalid reopen period (only read when failed); FAILED_PRECONDITION in any other state.
absl::Status VerifyRectification(RectificationNotice& notice, bool passed, absl::string_view note,
                                 absl::string_view actor, absl::Time now,
                                 const common::Period& reopen_period,
                                 const common::WorkingCalendar& calendar);

// Whether a reply is due and `now` is past it (RECEIVED or REOPENED, now > reply_due).
bool IsReplyOverdue(const RectificationNotice& notice, absl::Time now);

// The working time from receipt to the first reply (metric "working seconds to reply"); nullopt
// before the first reply or without a receipt.
absl::optional<absl::Duration> WorkingTimeToFirstReply(const RectificationNotice& notice,
                                                       const common::WorkingCalendar& calendar);

// The notice as plain text for printing (common/forms/form_text.h conventions): title 整改措施单,
// then 编号, 被整改单位 (`unit_name`, the unit id when empty), 责任合作商/代理商 (`partner_name`,
// else the partner id, blank when none), 存在问题, 依据条款, 事实依据, 签发人, 签发时间, 接收时间
// (marked 视为已接收 when deemed), 整改回复期限, then per reply 整改措施, 部门经理签字, 回复时间
// (逾期 when late), per verification 验证结果, 验证人, 验证时间, 验证意见, and 状态. Times in
// `zone`.
std::string RenderNoticeForm(const RectificationNotice& notice, absl::string_view unit_name,
                             absl::TimeZone zone, absl::string_view partner_name = {});

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_DOMAIN_RECTIFICATION_H_
