#include "common/time/clock.h"

namespace cs::common {
namespace {

class RealClock final : public Clock {
 public:
  absl::Time Now() const override { return absl::Now(); }
};

}  // namespace

absl::Time TruncateToMicroseconds(absl::Time time) {
  return absl::FromUnixMicros(absl::ToUnixMicros(time));
}

Clock& Clock::Real() {
  // Never destroyed, so it stays usable from other objects' destructors at exit.
  static RealClock* const clock = new RealClock();
  return *clock;
}

}  // namespace cs::common
