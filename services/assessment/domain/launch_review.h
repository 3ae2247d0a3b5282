// A launch review (SPEC S3; M 7.7): any change of customer-facing content is submitted to the CS
// center before launch (按《互联网部业务资料审核管理办法》上报) and accepted by its
// customer-service staff, who also say whether window staff (e.g. 10000) must be trained on it; the
// unit records the training and the launch. A launch without an accepted review, or before the
// training it called for, is a Finding (clause "M 7.7"), returned by RecordLaunch like
// maintenance's.
//
// Pure functions over plain values: the caller stores them, allocates ids ("LR-<n>"), decides who
// may act (the unit submits, records training and launch; CS_CENTER accepts). Thread-compatible.
//
// States: SUBMITTED -(AcceptLaunchReview)-> ACCEPTED; SUBMITTED or ACCEPTED -(RecordLaunch)->
// LAUNCHED. History events: SUBMITTED, ACCEPTED, WINDOW_TRAINING_DONE, LAUNCHED.
#ifndef CS_SERVICES_ASSESSMENT_DOMAIN_LAUNCH_REVIEW_H_
#define CS_SERVICES_ASSESSMENT_DOMAIN_LAUNCH_REVIEW_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/status/field_violations.h"
#include "services/assessment/domain/records.h"

namespace cs::assessment {

enum class LaunchReviewState {
  kUnspecified = 0,
  kSubmitted = 1,
  kAccepted = 2,
  kLaunched = 3,
};

struct LaunchReviewForm {
  std::string unit_id;
  std::string change;  // what changes in the customer-facing content
  absl::Time planned_launch_at;
  bool window_training_needed = false;  // the unit's view; the CS center may change it on accepting

  friend bool operator==(const LaunchReviewForm&, const LaunchReviewForm&) = default;
};

struct LaunchReview {
  int64_t id = 0;  // shown as "LR-<id>"
  std::string unit_id;
  std::string change;
  absl::Time planned_launch_at;
  LaunchReviewState state = LaunchReviewState::kUnspecified;
  std::string submitted_by;
  absl::Time submitted_at;
  std::string accepted_by;  // CS_CENTER staff
  absl::optional<absl::Time> accepted_at;
  std::string acceptance_note;
  bool window_training_needed = false;
  absl::optional<absl::Time> window_training_done_at;
  absl::optional<absl::Time> launched_at;
  absl::optional<Finding> launch_finding;  // set by RecordLaunch when the launch was a finding
  std::vector<HistoryEntry> history;
  absl::Time updated_at;
  int64_t version = 0;

  friend bool operator==(const LaunchReview&, const LaunchReview&) = default;
};

absl::string_view LaunchReviewStateName(LaunchReviewState state);

// unit_id and change required and well-formed; planned_launch_at set. A review submitted after the
// change went live is accepted as a record: RecordLaunch makes the launch a finding all the same.
common::FieldViolations ValidateLaunchReviewForm(const LaunchReviewForm& form,
                                                 absl::string_view prefix = "review");

// SUBMITTED, history SUBMITTED, version 1; id 0. INVALID_ARGUMENT naming every bad field.
absl::StatusOr<LaunchReview> SubmitLaunchReview(LaunchReviewForm form, absl::string_view actor,
                                                absl::Time now);

// The CS center's staff accept the change: SUBMITTED -> ACCEPTED, accepted_by/at; when
// `window_training_needed` is given it replaces the unit's view. INVALID_ARGUMENT naming "note"
// when malformed; FAILED_PRECONDITION in any other state.
absl::Status AcceptLaunchReview(LaunchReview& review, absl::optional<bool> window_training_needed,
                                absl::string_view note, absl::string_view actor, absl::Time now);

// The window staff were trained at `done_at` (not after `now`). FAILED_PRECONDITION naming
// "window_training_needed" when none was needed, or STATE_FORBIDS_CHANGE when already recorded.
absl::Status RecordWindowTraining(LaunchReview& review, absl::Time done_at, absl::string_view actor,
                                  absl::Time now);

// The change went live at `launched_at` (not after `now`): SUBMITTED or ACCEPTED -> LAUNCHED.
// Returns the Finding (also kept in launch_finding) when the review was not accepted at or before
// the launch, or training was needed and not done at or before it; nullopt for a proper launch.
// FAILED_PRECONDITION when already LAUNCHED; INVALID_ARGUMENT naming "launched_at".
absl::StatusOr<absl::optional<Finding>> RecordLaunch(LaunchReview& review, absl::Time launched_at,
                                                     absl::string_view actor, absl::Time now);

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_DOMAIN_LAUNCH_REVIEW_H_
