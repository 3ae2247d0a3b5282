#include "services/assessment/domain/rectification.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/forms/form_text.h"
#include "common/status/quoted_value.h"
#include "common/status/text_checks.h"

namespace cs::assessment {
namespace {

using common::FieldViolations;
using common::TextShape;
using internal::Instant;
using internal::Path;
using internal::RequiredText;

void Record(RectificationNotice& notice, absl::Time at, absl::string_view actor,
            absl::string_view event, std::string detail) {
  internal::AppendHistory(notice.history, notice.updated_at, notice.version, at, actor, event,
                          std::move(detail));
}

absl::Status WrongState(const RectificationNotice& notice, absl::string_view action,
                        absl::string_view allowed) {
  return internal::StateForbids(absl::StrCat("rectification notice ", FormatNoticeId(notice.id),
                                             " is ", NoticeStateName(notice.state), ": cannot ",
                                             action, " (allowed when ", allowed, ")"));
}

// Receipt at `at`: RECEIVED and the reply due from it.
absl::Status Receive(RectificationNotice& notice, absl::Time at, absl::string_view actor,
                     bool deemed, const common::Period& rectification_period,
                     const common::WorkingCalendar& calendar) {
  absl::StatusOr<common::Deadline> due =
      common::ComputeDeadline(calendar, at, rectification_period);
  if (!due.ok()) return due.status();
  notice.state = NoticeState::kReceived;
  notice.received_at = at;
  notice.received_by = std::string(actor);
  notice.deemed_received = deemed;
  notice.reply_due = *due;
  Record(notice, at, actor, deemed ? "DEEMED_RECEIVED" : "RECEIVED",
         absl::StrCat("reply due ", Instant(due->at), " (",
                      common::PeriodToString(rectification_period), ", calendar ",
                      due->calendar_version, due->provisional ? ", provisional" : "", ")"));
  return absl::OkStatus();
}

void AppendText(std::string& out, absl::string_view label, absl::string_view text) {
  if (text.find('\n') != absl::string_view::npos) {
    common::forms::AppendBlock(out, label, text);
  } else {
    common::forms::AppendLine(out, label, text);
  }
}

absl::string_view StateLabel(NoticeState state) {
  switch (state) {
    case NoticeState::kIssued:
      return "已签发 ISSUED";
    case NoticeState::kReceived:
      return "已接收 RECEIVED";
    case NoticeState::kReplied:
      return "已回复 REPLIED";
    case NoticeState::kVerifiedPassed:
      return "验证通过 VERIFIED_PASSED";
    case NoticeState::kReopened:
      return "验证未通过，重新整改 REOPENED";
    case NoticeState::kUnspecified:
      break;
  }
  return "";
}

}  // namespace

absl::string_view NoticeStateName(NoticeState state) {
  switch (state) {
    case NoticeState::kIssued:
      return "ISSUED";
    case NoticeState::kReceived:
      return "RECEIVED";
    case NoticeState::kReplied:
      return "REPLIED";
    case NoticeState::kVerifiedPassed:
      return "VERIFIED_PASSED";
    case NoticeState::kReopened:
      return "REOPENED";
    case NoticeState::kUnspecified:
      break;
  }
  return "UNSPECIFIED";
}

common::FieldViolations ValidateNoticeDraft(const NoticeDraft& draft, absl::string_view prefix) {
  FieldViolations violations;
  RequiredText(draft.unit_id, Path(prefix, "unit_id"), FieldLimits::kName, TextShape::kOneLine,
               violations);
  RequiredText(draft.finding, Path(prefix, "finding"), FieldLimits::kText, TextShape::kMultiLine,
               violations);
  const std::string clause_field = Path(prefix, "clause");
  if (common::IsBlankText(draft.clause)) {
    violations.Add(clause_field,
                   "is required: the regulation's clause, e.g. \"M 7.13\" or "
                   "\"A2 7.5\"");
  } else if (static_cast<int>(draft.clause.size()) > FieldLimits::kClause ||
             !IsClauseLike(draft.clause)) {
    violations.Add(clause_field,
                   absl::StrCat("must be \"M\" or \"A1\"…\"A9\", a space and clause numbers "
                                "separated by \", \" (e.g. \"A2 7.5, 7.10\"), not ",
                                common::QuotedValue(draft.clause)));
  }
  RequiredText(draft.evidence, Path(prefix, "evidence"), FieldLimits::kText, TextShape::kMultiLine,
               violations);
  if (draft.partner_id.has_value() && *draft.partner_id < 1) {
    violations.Add(Path(prefix, "partner_id"), "must be a partner id such as \"PA-1\" when given");
  }
  common::CheckText(draft.source_id, Path(prefix, "source_id"), FieldLimits::kName,
                    TextShape::kOneLine, violations);
  return violations;
}

absl::StatusOr<RectificationNotice> IssueNotice(NoticeDraft draft, absl::string_view actor,
                                                absl::Time now) {
  const FieldViolations violations = ValidateNoticeDraft(draft);
  if (!violations.empty()) return violations.ToStatus("invalid rectification notice");
  RectificationNotice notice;
  notice.unit_id = std::move(draft.unit_id);
  notice.finding = std::move(draft.finding);
  notice.clause = std::move(draft.clause);
  notice.evidence = std::move(draft.evidence);
  notice.partner_id = draft.partner_id;
  notice.source_id = std::move(draft.source_id);
  notice.issued_by = std::string(actor);
  notice.issued_at = now;
  notice.state = NoticeState::kIssued;
  std::string detail = absl::StrCat("to ", notice.unit_id, ", clause ", notice.clause);
  if (notice.partner_id.has_value()) {
    absl::StrAppend(&detail, ", partner ", FormatPartnerId(*notice.partner_id));
  }
  if (!notice.source_id.empty()) absl::StrAppend(&detail, ", from ", notice.source_id);
  Record(notice, now, actor, "ISSUED", std::move(detail));
  return notice;
}

NoticeDraft DraftFromFinding(const Finding& finding) {
  NoticeDraft draft;
  draft.unit_id = finding.unit_id;
  draft.finding = finding.finding;
  draft.clause = finding.clause;
  draft.evidence = finding.evidence;
  draft.source_id = finding.source_id;
  return draft;
}

absl::Status AcknowledgeReceipt(RectificationNotice& notice, absl::string_view actor,
                                absl::Time now, const common::Period& rectification_period,
                                const common::WorkingCalendar& calendar) {
  if (notice.state != NoticeState::kIssued) {
    return WrongState(notice, "acknowledge receipt", "ISSUED");
  }
  return Receive(notice, now, actor, /*deemed=*/false, rectification_period, calendar);
}

absl::StatusOr<common::Deadline> DeemedReceivedAt(const common::WorkingCalendar& calendar,
                                                  absl::Time issued_at,
                                                  const common::Period& grace) {
  return common::ComputeDeadline(calendar, issued_at, grace);
}

absl::StatusOr<bool> ApplyDeemedReceipt(RectificationNotice& notice, absl::Time now,
                                        const common::Period& grace,
                                        const common::Period& rectification_period,
                                        const common::WorkingCalendar& calendar) {
  absl::StatusOr<common::Deadline> deemed = DeemedReceivedAt(calendar, notice.issued_at, grace);
  if (!deemed.ok()) return deemed.status();
  if (notice.state != NoticeState::kIssued || now < deemed->at) return false;
  absl::Status received =
      Receive(notice, deemed->at, kServiceActor, /*deemed=*/true, rectification_period, calendar);
  if (!received.ok()) return received;
  return true;
}

absl::Status ReplyToNotice(RectificationNotice& notice, absl::string_view measures,
                           const ReplySignature& signature, absl::string_view actor,
                           absl::Time now) {
  FieldViolations violations;
  RequiredText(measures, "measures", FieldLimits::kText, TextShape::kMultiLine, violations);
  if (!violations.empty()) return violations.ToStatus("invalid reply");
  if (notice.state != NoticeState::kReceived && notice.state != NoticeState::kReopened) {
    return WrongState(notice, "reply", "RECEIVED or REOPENED");
  }
  FieldViolations unsigned_reply;
  if (common::IsBlankText(signature.signer)) {
    unsigned_reply.Add("signature",
                       "is required: the reply must be signed by the unit's department manager "
                       "(M 7.13 经部门经理签字); an unsigned reply is not a reply");
  } else if (!signature.unit_manager) {
    unsigned_reply.Add("signature",
                       absl::StrCat("must be the unit's department manager's (M 7.13), not ",
                                    common::QuotedValue(signature.signer),
                                    "'s; an unsigned reply is not a reply"));
  } else {
    common::CheckText(signature.signer, "signature", FieldLimits::kName, TextShape::kOneLine,
                      unsigned_reply);
  }
  if (!unsigned_reply.empty()) {
    return unsigned_reply.ToStatus("the reply is not signed by the unit's manager",
                                   absl::StatusCode::kFailedPrecondition);
  }
  NoticeReply reply;
  reply.measures = std::string(measures);
  reply.signed_by = signature.signer;
  reply.replied_by = std::string(actor);
  reply.replied_at = now;
  reply.due = notice.reply_due.has_value() ? notice.reply_due->at : now;
  reply.late = now > reply.due;
  const std::string detail =
      absl::StrCat("signed by ", signature.signer, reply.late ? ", late: due " : ", on time: due ",
                   Instant(reply.due));
  notice.replies.push_back(std::move(reply));
  notice.state = NoticeState::kReplied;
  Record(notice, now, actor, "REPLIED", detail);
  return absl::OkStatus();
}

absl::Status VerifyRectification(RectificationNotice& notice, bool passed, absl::string_view note,
                                 absl::string_view actor, absl::Time now,
                                 const common::Period& reopen_period,
                                 const common::WorkingCalendar& calendar) {
  FieldViolations violations;
  if (passed) {
    common::CheckText(note, "note", FieldLimits::kText, TextShape::kMultiLine, violations);
  } else {
    RequiredText(note, "note", FieldLimits::kText, TextShape::kMultiLine, violations);
    if (const absl::Status period = common::ValidatePeriod(reopen_period); !period.ok()) {
      violations.Add("reopen_period", std::string(period.message()));
    }
  }
  if (!violations.empty()) return violations.ToStatus("invalid verification");
  if (notice.state != NoticeState::kReplied) {
    return WrongState(notice, "verify the rectification", "REPLIED");
  }
  Verification verification;
  verification.passed = passed;
  verification.note = std::string(note);
  verification.verified_by = std::string(actor);
  verification.verified_at = now;
  if (passed) {
    notice.verifications.push_back(std::move(verification));
    notice.state = NoticeState::kVerifiedPassed;
    Record(notice, now, actor, "VERIFIED_PASSED", std::string(note));
    return absl::OkStatus();
  }
  absl::StatusOr<common::Deadline> due = common::ComputeDeadline(calendar, now, reopen_period);
  if (!due.ok()) return due.status();
  verification.new_reply_due = *due;
  notice.verifications.push_back(std::move(verification));
  notice.state = NoticeState::kReopened;
  notice.reply_due = *due;
  Record(notice, now, actor, "VERIFIED_FAILED",
         absl::StrCat("reopened, reply due ", Instant(due->at), " (",
                      common::PeriodToString(reopen_period), "): ", note));
  return absl::OkStatus();
}

bool IsReplyOverdue(const RectificationNotice& notice, absl::Time now) {
  return (notice.state == NoticeState::kReceived || notice.state == NoticeState::kReopened) &&
         notice.reply_due.has_value() && now > notice.reply_due->at;
}

absl::optional<absl::Duration> WorkingTimeToFirstReply(const RectificationNotice& notice,
                                                       const common::WorkingCalendar& calendar) {
  if (!notice.received_at.has_value() || notice.replies.empty()) return absl::nullopt;
  return calendar.WorkingTimeBetween(*notice.received_at, notice.replies.front().replied_at);
}

std::string RenderNoticeForm(const RectificationNotice& notice, absl::string_view unit_name,
                             absl::TimeZone zone, absl::string_view partner_name) {
  using common::forms::AppendLine;
  using common::forms::FormatFormTime;
  std::string out;
  common::forms::AppendTitle(out, "整改措施单 Rectification notice");
  AppendLine(out, "编号 No.", FormatNoticeId(notice.id));
  AppendLine(out, "被整改单位 Unit",
             unit_name.empty() ? absl::string_view(notice.unit_id) : unit_name);
  std::string partner;
  if (!partner_name.empty()) {
    partner = std::string(partner_name);
  } else if (notice.partner_id.has_value()) {
    partner = FormatPartnerId(*notice.partner_id);
  }
  AppendLine(out, "责任合作商/代理商 Partner or agent", partner);
  AppendText(out, "存在问题 Finding", notice.finding);
  AppendLine(out, "依据条款 Clause", notice.clause);
  AppendText(out, "事实依据 Evidence", notice.evidence);
  AppendLine(out, "签发人 Issued by", notice.issued_by);
  AppendLine(out, "签发时间 Issued at", FormatFormTime(notice.issued_at, zone));
  std::string received = FormatFormTime(notice.received_at, zone);
  if (notice.deemed_received && !received.empty()) {
    absl::StrAppend(&received, " (视为已接收 deemed received)");
  }
  AppendLine(out, "接收时间 Received at", received);
  std::string due;
  if (notice.reply_due.has_value()) due = FormatFormTime(notice.reply_due->at, zone);
  AppendLine(out, "整改回复期限 Reply due", due);
  if (notice.replies.empty()) {
    AppendLine(out, "整改措施 Measures taken", "");
    AppendLine(out, "部门经理签字 Manager's signature", "");
    AppendLine(out, "回复时间 Replied at", "");
  }
  for (const NoticeReply& reply : notice.replies) {
    AppendText(out, "整改措施 Measures taken", reply.measures);
    AppendLine(out, "部门经理签字 Manager's signature", reply.signed_by);
    std::string replied = FormatFormTime(reply.replied_at, zone);
    if (reply.late) absl::StrAppend(&replied, " (逾期 late)");
    AppendLine(out, "回复时间 Replied at", replied);
  }
  for (const Verification& verification : notice.verifications) {
    AppendLine(out, "验证结果 Verification", verification.passed ? "通过 passed" : "未通过 failed");
    AppendLine(out, "验证人 Verified by", verification.verified_by);
    AppendLine(out, "验证时间 Verified at", FormatFormTime(verification.verified_at, zone));
    AppendText(out, "验证意见 Note", verification.note);
    if (verification.new_reply_due.has_value()) {
      AppendLine(out, "重新整改期限 New reply due",
                 FormatFormTime(verification.new_reply_due->at, zone));
    }
  }
  AppendLine(out, "状态 State", StateLabel(notice.state));
  return out;
}

}  // namespace cs::assessment
