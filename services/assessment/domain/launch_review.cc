#include "services/assessment/domain/launch_review.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/error_reason.h"
#include "common/status/text_checks.h"

namespace cs::assessment {
namespace {

using common::FieldViolations;
using common::TextShape;
using internal::Instant;
using internal::Path;
using internal::RequiredText;

void Record(LaunchReview& review, absl::Time at, absl::string_view actor, absl::string_view event,
            std::string detail) {
  internal::AppendHistory(review.history, review.updated_at, review.version, at, actor, event,
                          std::move(detail));
}

bool IsSet(absl::Time t) {
  return t != absl::InfinitePast() && t != absl::InfiniteFuture() && t != absl::UnixEpoch();
}

absl::Status WrongState(const LaunchReview& review, absl::string_view action,
                        absl::string_view allowed) {
  return internal::StateForbids(absl::StrCat("launch review ", FormatLaunchReviewId(review.id),
                                             " is ", LaunchReviewStateName(review.state),
                                             ": cannot ", action, " (allowed when ", allowed, ")"));
}

}  // namespace

absl::string_view LaunchReviewStateName(LaunchReviewState state) {
  switch (state) {
    case LaunchReviewState::kSubmitted:
      return "SUBMITTED";
    case LaunchReviewState::kAccepted:
      return "ACCEPTED";
    case LaunchReviewState::kLaunched:
      return "LAUNCHED";
    case LaunchReviewState::kUnspecified:
      break;
  }
  return "UNSPECIFIED";
}

common::FieldViolations ValidateLaunchReviewForm(const LaunchReviewForm& form,
                                                 absl::string_view prefix) {
  FieldViolations violations;
  RequiredText(form.unit_id, Path(prefix, "unit_id"), FieldLimits::kName, TextShape::kOneLine,
               violations);
  RequiredText(form.change, Path(prefix, "change"), FieldLimits::kText, TextShape::kMultiLine,
               violations);
  if (!IsSet(form.planned_launch_at)) {
    violations.Add(Path(prefix, "planned_launch_at"), "is required: when the change goes live");
  }
  return violations;
}

absl::StatusOr<LaunchReview> SubmitLaunchReview(LaunchReviewForm form, absl::string_view actor,
                                                absl::Time now) {
  const FieldViolations violations = ValidateLaunchReviewForm(form);
  if (!violations.empty()) return violations.ToStatus("invalid launch review");
  LaunchReview review;
  review.unit_id = std::move(form.unit_id);
  review.change = std::move(form.change);
  review.planned_launch_at = form.planned_launch_at;
  review.window_training_needed = form.window_training_needed;
  review.state = LaunchReviewState::kSubmitted;
  review.submitted_by = std::string(actor);
  review.submitted_at = now;
  Record(review, now, actor, "SUBMITTED",
         absl::StrCat("planned launch ", Instant(review.planned_launch_at),
                      review.window_training_needed ? ", window training needed" : ""));
  return review;
}

absl::Status AcceptLaunchReview(LaunchReview& review, absl::optional<bool> window_training_needed,
                                absl::string_view note, absl::string_view actor, absl::Time now) {
  FieldViolations violations;
  common::CheckText(note, "note", FieldLimits::kText, TextShape::kMultiLine, violations);
  if (!violations.empty()) return violations.ToStatus("invalid acceptance");
  if (review.state != LaunchReviewState::kSubmitted) {
    return WrongState(review, "accept it", "SUBMITTED");
  }
  if (window_training_needed.has_value()) review.window_training_needed = *window_training_needed;
  review.state = LaunchReviewState::kAccepted;
  review.accepted_by = std::string(actor);
  review.accepted_at = now;
  review.acceptance_note = std::string(note);
  Record(review, now, actor, "ACCEPTED",
         review.window_training_needed ? "window training needed" : "no window training needed");
  return absl::OkStatus();
}

absl::Status RecordWindowTraining(LaunchReview& review, absl::Time done_at, absl::string_view actor,
                                  absl::Time now) {
  if (!IsSet(done_at))
    return common::InvalidField("done_at", "is required: when staff were trained");
  if (done_at > now) {
    return common::InvalidField("done_at",
                                absl::StrCat("must not be in the future (", Instant(done_at), ")"));
  }
  if (!review.window_training_needed) {
    FieldViolations needless;
    needless.Add("window_training_needed", "is false: this change called for no window training");
    return needless.ToStatus("no window training needed", absl::StatusCode::kFailedPrecondition,
                             common::reason::kStateForbidsChange);
  }
  if (review.window_training_done_at.has_value()) {
    return internal::StateForbids(absl::StrCat("launch review ", FormatLaunchReviewId(review.id),
                                               ": the window training was already recorded at ",
                                               Instant(*review.window_training_done_at)));
  }
  review.window_training_done_at = done_at;
  Record(review, now, actor, "WINDOW_TRAINING_DONE", Instant(done_at));
  return absl::OkStatus();
}

absl::StatusOr<absl::optional<Finding>> RecordLaunch(LaunchReview& review, absl::Time launched_at,
                                                     absl::string_view actor, absl::Time now) {
  if (!IsSet(launched_at)) {
    return common::InvalidField("launched_at", "is required: when the change went live");
  }
  if (launched_at > now) {
    return common::InvalidField(
        "launched_at", absl::StrCat("must not be in the future (", Instant(launched_at), ")"));
  }
  if (review.state == LaunchReviewState::kLaunched) {
    return WrongState(review, "record a launch again", "SUBMITTED or ACCEPTED");
  }
  std::vector<std::string> problems;
  const bool accepted = review.accepted_at.has_value() && *review.accepted_at <= launched_at;
  if (!accepted) {
    problems.push_back("未经客服中心审核认可即推出 (launched without an accepted review)");
  }
  if (review.window_training_needed && (!review.window_training_done_at.has_value() ||
                                        *review.window_training_done_at > launched_at)) {
    problems.push_back("对外窗口人员未经培训即推出 (launched before the window staff's training)");
  }
  review.state = LaunchReviewState::kLaunched;
  review.launched_at = launched_at;
  absl::optional<Finding> finding;
  if (!problems.empty()) {
    Finding f;
    f.unit_id = review.unit_id;
    f.source_id = review.id > 0 ? FormatLaunchReviewId(review.id) : "";
    f.clause = "M 7.7";
    f.finding = absl::StrCat("涉及用户界面的客户服务内容变动：", absl::StrJoin(problems, "；"));
    f.evidence = absl::StrCat(
        "change: ", review.change, "; submitted ", Instant(review.submitted_at), "; accepted ",
        review.accepted_at.has_value() ? Instant(*review.accepted_at) : "never",
        "; window training ",
        !review.window_training_needed
            ? "not needed"
            : (review.window_training_done_at.has_value() ? Instant(*review.window_training_done_at)
                                                          : "not done"),
        "; launched ", Instant(launched_at));
    f.found_at = launched_at;
    finding = f;
  }
  review.launch_finding = finding;
  Record(review, now, actor, "LAUNCHED",
         absl::StrCat(Instant(launched_at), finding.has_value() ? ", a finding (M 7.7)" : ""));
  return finding;
}

}  // namespace cs::assessment
