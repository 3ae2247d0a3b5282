#include "common/testing/wait_for.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace cs::common::testing {

absl::Status WaitFor(absl::string_view what, const std::function<bool()>& condition,
                     absl::Duration timeout) {
  const absl::Time give_up = absl::Now() + timeout;
  while (!condition()) {
    if (absl::Now() >= give_up) {
      return absl::DeadlineExceededError(
          absl::StrCat("waited ", absl::FormatDuration(timeout), " for ", what));
    }
    absl::SleepFor(absl::Milliseconds(10));
  }
  return absl::OkStatus();
}

absl::Status WaitForRounds(absl::string_view worker, const std::function<int64_t()>& rounds,
                           int64_t more, absl::Duration timeout) {
  const int64_t start = rounds();
  int64_t now = start;
  absl::Status waited = WaitFor(
      absl::StrCat(more, " more rounds of ", worker),
      [&] {
        now = rounds();
        return start >= 0 && now >= start + more;
      },
      timeout);
  if (waited.ok()) return waited;
  return absl::DeadlineExceededError(
      absl::StrCat(waited.message(), " (rounds went from ", start, " to ", now, ")"));
}

}  // namespace cs::common::testing
