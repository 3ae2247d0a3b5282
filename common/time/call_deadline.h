// The call this thread is serving: how long its caller is still waiting, and whether it gave up.
// Deep layers (RunInTransaction, clients of other services) ask it without every signature in
// between carrying a context: a transaction is not started, nor committed, for a caller that has
// left (issue 16, "Deadlines"), and a call to another service gets no more time than the caller
// has left.
//
//   grpc::Status Handler(grpc::ServerContext* context, ...) {
//     const common::ServerCallScope call_scope(*context);  // common/grpc
//     ...  // RunInTransaction checks CheckCallStillWanted() before each attempt and before COMMIT
//   }
//
// The scope is thread-local: work handed to another thread does not see it (capture
// CurrentCallDeadline() on the serving thread and pass it on). Deadlines are instants of the real
// clock (absl::Now()), as gRPC's are, whatever clock the suite runs its business rules on.
#ifndef CS_COMMON_TIME_CALL_DEADLINE_H_
#define CS_COMMON_TIME_CALL_DEADLINE_H_

#include <functional>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace cs::common {

// Marks this thread as serving a call until destroyed. Scopes nest: the innermost wins and the
// outer one is back when it ends. Create and destroy it on the same thread, innermost first.
class CallDeadlineScope {
 public:
  // `deadline`: when the caller stops waiting (absl::InfiniteFuture() for never).
  // `is_cancelled`: whether the caller has gone (cancelled, disconnected); may be empty. Called
  // from this thread only, while the scope lives.
  CallDeadlineScope(absl::Time deadline, std::function<bool()> is_cancelled);
  ~CallDeadlineScope();

  CallDeadlineScope(const CallDeadlineScope&) = delete;
  CallDeadlineScope& operator=(const CallDeadlineScope&) = delete;

 private:
  friend absl::Status CheckCallStillWanted();
  friend absl::Time CurrentCallDeadline();

  const absl::Time deadline_;
  const std::function<bool()> is_cancelled_;
  CallDeadlineScope* const outer_;
};

// OK when no scope is active or its caller still waits; DEADLINE_EXCEEDED when the scope's
// deadline has passed, CANCELLED when the caller cancelled — each saying the work was not done
// (or rolled back) because the caller gave up.
absl::Status CheckCallStillWanted();

// The innermost scope's deadline; absl::InfiniteFuture() when no scope is active.
absl::Time CurrentCallDeadline();

}  // namespace cs::common

#endif  // CS_COMMON_TIME_CALL_DEADLINE_H_
