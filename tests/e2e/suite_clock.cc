#include "tests/e2e/suite_clock.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "common/testclock/test_clock_client.h"

namespace cs::e2e {

absl::Status SetEveryClock(RunningSuite& suite, absl::Time at) {
  for (const std::string& name : RunningSuite::ServiceNames()) {
    common::TestClockClient clock(suite.service(name).channel, std::string(kCsCenterToken));
    if (absl::StatusOr<absl::Time> set = clock.SetTime(at, /*allow_backwards=*/true); !set.ok()) {
      return absl::Status(set.status().code(),
                          absl::StrCat(name, "'s clock: ", set.status().message()));
    }
  }
  return absl::OkStatus();
}

}  // namespace cs::e2e
