#include "services/assessment/api/notice_mapping.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/api/proto_deadline.h"
#include "common/api/proto_time.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"
#include "services/assessment/domain/records.h"

namespace cs::assessment {
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
  // An unset or unreadable timestamp is the epoch, which the domain reads as unset and names.
  absl::Time Unchecked(bool present, const Timestamp& timestamp, const std::string& field) {
    return Optional(present, timestamp, field).value_or(absl::UnixEpoch());
  }
  // `value` when it is one of the enum's numbers 0..`last`; otherwise a violation.
  int Enum(int value, int last, const std::string& field) {
    if (value < 0 || value > last) {
      violations_.Add(field, absl::StrCat(value, " is not a value of the enum"));
      return 0;
    }
    return value;
  }
  void Absorb(const absl::Status& status, const std::string& field) {
    const std::vector<common::FieldViolation> violations = common::ViolationsOf(status);
    for (const common::FieldViolation& v : violations) violations_.Add(v.field, v.description);
    if (violations.empty()) violations_.Add(field, std::string(status.message()));
  }
  void Add(const std::string& field, std::string description) {
    violations_.Add(field, std::move(description));
  }

  absl::Status Done(absl::string_view summary) const { return violations_.ToStatus(summary); }

 private:
  FieldViolations violations_;
};

constexpr int kLastNoticeState = v1::NOTICE_STATE_REOPENED;

}  // namespace

// --- wire -> domain -----------------------------------------------------------------------------

absl::StatusOr<NoticeDraft> FromProto(const v1::IssueRectificationNoticeRequest& request) {
  Reader read;
  NoticeDraft draft;
  draft.unit_id = request.unit_id();
  draft.finding = request.finding();
  draft.clause = request.clause();
  draft.evidence = request.evidence();
  if (!request.partner_id().empty()) {
    absl::StatusOr<int64_t> partner = ParsePartnerId(request.partner_id(), "partner_id");
    if (partner.ok()) {
      draft.partner_id = *partner;
    } else {
      read.Absorb(partner.status(), "partner_id");
    }
  }
  RETURN_IF_ERROR(read.Done("invalid rectification notice"));
  return draft;
}

absl::StatusOr<NoticeQuery> FromProto(const v1::ListRectificationNoticesRequest& request) {
  Reader read;
  NoticeQuery query;
  query.unit_id = request.unit_id();
  query.state = static_cast<NoticeState>(read.Enum(request.state(), kLastNoticeState, "state"));
  query.overdue_only = request.overdue_only();
  RETURN_IF_ERROR(read.Done("invalid notice filter"));
  return query;
}

absl::StatusOr<MaintenanceForm> FromProto(const v1::FileMaintenanceNoticeRequest& request) {
  Reader read;
  const v1::MaintenanceNotice& notice = request.notice();
  MaintenanceForm form;
  form.unit_id = notice.unit_id();
  form.kind = FromProto(notice.kind());
  form.description = notice.description();
  form.starts_at = read.Unchecked(notice.has_starts_at(), notice.starts_at(), "notice.starts_at");
  form.ends_at = read.Unchecked(notice.has_ends_at(), notice.ends_at(), "notice.ends_at");
  form.affected_users = notice.affected_users();
  form.affected_user_count = notice.affected_user_count();
  form.important_users_affected = notice.important_users_affected();
  form.windows_told.assign(notice.windows_told().begin(), notice.windows_told().end());
  form.users_notified_at = read.Unchecked(notice.has_users_notified_at(),
                                          notice.users_notified_at(), "notice.users_notified_at");
  form.emergency = notice.emergency();
  form.emergency_reason = notice.emergency_reason();
  RETURN_IF_ERROR(read.Done("invalid maintenance notice"));
  return form;
}

absl::StatusOr<SuperiorApprovalInput> FromProto(const v1::RecordSuperiorApprovalRequest& request) {
  Reader read;
  SuperiorApprovalInput approval;
  approval.reference = request.reference();
  approval.approved_by = request.approved_by();
  approval.approved_at =
      read.Optional(request.has_approved_at(), request.approved_at(), "approved_at");
  RETURN_IF_ERROR(read.Done("invalid superior approval"));
  return approval;
}

MaintenanceFilter FromProto(const v1::ListMaintenanceNoticesRequest& request) {
  MaintenanceFilter filter;
  filter.unit_id = request.unit_id();
  filter.late_only = request.late_only();
  return filter;
}

absl::StatusOr<LaunchReviewForm> FromProto(const v1::SubmitLaunchReviewRequest& request) {
  Reader read;
  const v1::LaunchReview& review = request.review();
  LaunchReviewForm form;
  form.unit_id = review.unit_id();
  form.change = review.change();
  // The domain names this field "planned_launch_at"; the wire calls it planned_launch, so it is
  // required here, under the wire's name.
  if (!review.has_planned_launch()) {
    read.Add("review.planned_launch", "is required: when the change goes live");
  } else {
    form.planned_launch_at = read.Unchecked(true, review.planned_launch(), "review.planned_launch");
  }
  form.window_training_needed = review.window_training_needed();
  RETURN_IF_ERROR(read.Done("invalid launch review"));
  return form;
}

absl::StatusOr<absl::optional<absl::Time>> LaunchedAtFromProto(
    const v1::RecordLaunchRequest& request) {
  Reader read;
  absl::optional<absl::Time> at =
      read.Optional(request.has_launched_at(), request.launched_at(), "launched_at");
  RETURN_IF_ERROR(read.Done("invalid launch"));
  return at;
}

NoticeState FromProto(v1::NoticeState state) { return static_cast<NoticeState>(state); }

MaintenanceKind FromProto(v1::WorkKind kind) { return static_cast<MaintenanceKind>(kind); }

// --- domain -> wire -----------------------------------------------------------------------------

// The numbers of the domain's enums are the wire's (NoticeState 0..5, MaintenanceKind 0..6 as
// WorkKind), so the casts are checked by the mapping test rather than by a table to keep in sync.
v1::NoticeState ToProto(NoticeState state) { return static_cast<v1::NoticeState>(state); }

v1::WorkKind ToProto(MaintenanceKind kind) { return static_cast<v1::WorkKind>(kind); }

v1::RectificationNotice ToProto(const RectificationNotice& notice) {
  v1::RectificationNotice out;
  out.set_notice_id(FormatNoticeId(notice.id));
  out.set_unit_id(notice.unit_id);
  out.set_finding(notice.finding);
  out.set_clause(notice.clause);
  out.set_evidence(notice.evidence);
  if (notice.partner_id.has_value()) out.set_partner_id(FormatPartnerId(*notice.partner_id));
  out.set_issued_by(notice.issued_by);
  *out.mutable_issued_at() = common::ToProtoTimestamp(notice.issued_at);
  out.set_state(ToProto(notice.state));
  common::SetOptionalTimestamp(notice.received_at, [&] { return out.mutable_received_at(); });
  out.set_deemed_received(notice.deemed_received);
  if (notice.reply_due.has_value()) {
    *out.mutable_reply_due() = common::ToProtoDeadline(*notice.reply_due);
  }
  for (const NoticeReply& reply : notice.replies) {
    v1::NoticeReply* r = out.add_replies();
    r->set_measures(reply.measures);
    r->set_signed_by(reply.signed_by);
    *r->mutable_replied_at() = common::ToProtoTimestamp(reply.replied_at);
    r->set_late(reply.late);
  }
  for (const Verification& verification : notice.verifications) {
    v1::Verification* v = out.add_verifications();
    v->set_passed(verification.passed);
    v->set_verified_by(verification.verified_by);
    *v->mutable_verified_at() = common::ToProtoTimestamp(verification.verified_at);
    v->set_note(verification.note);
  }
  out.set_raised_from(notice.source_id);
  return out;
}

v1::MaintenanceNotice ToProto(const MaintenanceRecord& record) {
  const MaintenanceNotice& notice = record.notice;
  const MaintenanceForm& form = notice.form;
  v1::MaintenanceNotice out;
  out.set_notice_id(FormatMaintenanceId(notice.id));
  out.set_unit_id(form.unit_id);
  out.set_kind(ToProto(form.kind));
  out.set_description(form.description);
  *out.mutable_starts_at() = common::ToProtoTimestamp(form.starts_at);
  *out.mutable_ends_at() = common::ToProtoTimestamp(form.ends_at);
  out.set_affected_users(form.affected_users);
  out.set_affected_user_count(form.affected_user_count);
  out.set_important_users_affected(form.important_users_affected);
  for (const std::string& window : form.windows_told) out.add_windows_told(window);
  *out.mutable_users_notified_at() = common::ToProtoTimestamp(form.users_notified_at);
  out.set_emergency(form.emergency);
  out.set_emergency_reason(form.emergency_reason);
  *out.mutable_filed_at() = common::ToProtoTimestamp(notice.filed_at);
  out.set_filed_by(notice.filed_by);
  out.set_late(notice.late);
  if (notice.approval.has_value()) {
    v1::SuperiorApproval* approval = out.mutable_superior_approval();
    approval->set_recorded_by(notice.approval->recorded_by);
    *approval->mutable_approved_at() = common::ToProtoTimestamp(notice.approval->approved_at);
    approval->set_reference(notice.approval->reference);
    approval->set_approved_by(notice.approval->approved_by);
  }
  if (record.raised_notice_id != 0) {
    out.set_raised_notice_id(FormatNoticeId(record.raised_notice_id));
  }
  return out;
}

v1::LaunchReview ToProto(const LaunchReview& review) {
  v1::LaunchReview out;
  out.set_review_id(FormatLaunchReviewId(review.id));
  out.set_unit_id(review.unit_id);
  out.set_change(review.change);
  *out.mutable_planned_launch() = common::ToProtoTimestamp(review.planned_launch_at);
  *out.mutable_submitted_at() = common::ToProtoTimestamp(review.submitted_at);
  out.set_accepted_by(review.accepted_by);
  common::SetOptionalTimestamp(review.accepted_at, [&] { return out.mutable_accepted_at(); });
  out.set_window_training_needed(review.window_training_needed);
  common::SetOptionalTimestamp(review.window_training_done_at,
                               [&] { return out.mutable_window_training_done_at(); });
  common::SetOptionalTimestamp(review.launched_at, [&] { return out.mutable_launched_at(); });
  out.set_finding(review.launch_finding.has_value());
  return out;
}

}  // namespace cs::assessment
