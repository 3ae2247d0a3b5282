#include "common/time/call_deadline.h"

#include <utility>

#include "absl/time/clock.h"

namespace cs::common {
namespace {

thread_local CallDeadlineScope* current_scope = nullptr;

}  // namespace

CallDeadlineScope::CallDeadlineScope(absl::Time deadline, std::function<bool()> is_cancelled)
    : deadline_(deadline), is_cancelled_(std::move(is_cancelled)), outer_(current_scope) {
  current_scope = this;
}

CallDeadlineScope::~CallDeadlineScope() { current_scope = outer_; }

absl::Status CheckCallStillWanted() {
  const CallDeadlineScope* scope = current_scope;
  if (scope == nullptr) return absl::OkStatus();
  // The deadline first: gRPC also marks a call cancelled once its deadline passed, and "deadline"
  // is then the more precise reason.
  if (scope->deadline_ <= absl::Now()) {
    return absl::DeadlineExceededError(
        "the caller's deadline has passed: its work was not done or was rolled back");
  }
  if (scope->is_cancelled_ && scope->is_cancelled_()) {
    return absl::CancelledError(
        "the caller cancelled the call: its work was not done or was rolled back");
  }
  return absl::OkStatus();
}

absl::Time CurrentCallDeadline() {
  const CallDeadlineScope* scope = current_scope;
  return scope == nullptr ? absl::InfiniteFuture() : scope->deadline_;
}

}  // namespace cs::common
