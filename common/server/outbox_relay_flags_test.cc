#include "common/server/outbox_relay_flags.h"

#include <cstdio>
#include <fstream>
#include <string>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/time/time.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

ABSL_DECLARE_FLAG(std::string, service_token_file);
ABSL_DECLARE_FLAG(absl::Duration, relay_poll_interval);
ABSL_DECLARE_FLAG(absl::Duration, relay_initial_backoff);
ABSL_DECLARE_FLAG(absl::Duration, relay_max_backoff);
ABSL_DECLARE_FLAG(int, relay_max_permanent_failures);

namespace cs::common {
namespace {

using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::StatusIs;
using ::testing::HasSubstr;

TEST(OutboxRelayFlagsTest, DefaultsAreTheServiceDefaults) {
  const db::OutboxRelayOptions options = OutboxRelayOptionsFromFlags();
  EXPECT_EQ(options.poll_interval, absl::Seconds(1));
  EXPECT_EQ(options.backoff.initial, absl::Milliseconds(500));
  EXPECT_EQ(options.backoff.max, absl::Seconds(60));
  EXPECT_EQ(options.send_timeout, absl::Seconds(5));
  EXPECT_EQ(options.max_permanent_failures, 3);
  EXPECT_EQ(options.observer, nullptr);
}

TEST(OutboxRelayFlagsTest, FlagsSetTheRelay) {
  absl::SetFlag(&FLAGS_relay_poll_interval, absl::Milliseconds(50));
  absl::SetFlag(&FLAGS_relay_initial_backoff, absl::Milliseconds(20));
  absl::SetFlag(&FLAGS_relay_max_backoff, absl::Seconds(3));
  absl::SetFlag(&FLAGS_relay_max_permanent_failures, 7);
  db::OutboxRelayOptions options = OutboxRelayOptionsFromFlags();
  EXPECT_EQ(options.poll_interval, absl::Milliseconds(50));
  EXPECT_EQ(options.backoff.initial, absl::Milliseconds(20));
  EXPECT_EQ(options.backoff.max, absl::Seconds(3));
  EXPECT_EQ(options.max_permanent_failures, 7);
  // Zero or less would mean "dead-letter before the first refusal": it counts as one.
  absl::SetFlag(&FLAGS_relay_max_permanent_failures, 0);
  options = OutboxRelayOptionsFromFlags();
  EXPECT_EQ(options.max_permanent_failures, 1);
  absl::SetFlag(&FLAGS_relay_max_permanent_failures, 3);
  absl::SetFlag(&FLAGS_relay_poll_interval, absl::Seconds(1));
  absl::SetFlag(&FLAGS_relay_initial_backoff, absl::Milliseconds(500));
  absl::SetFlag(&FLAGS_relay_max_backoff, absl::Seconds(60));
}

TEST(OutboxRelayFlagsTest, EveryFlagIsNamedForTheEnvironmentFallback) {
  EXPECT_THAT(OutboxRelayFlagNames(),
              ::testing::UnorderedElementsAre("service_token_file", "relay_poll_interval",
                                              "relay_initial_backoff", "relay_max_backoff",
                                              "relay_max_permanent_failures"));
}

TEST(OutboxRelayFlagsTest, ServiceTokenIsReadWithoutSurroundingWhiteSpace) {
  absl::SetFlag(&FLAGS_service_token_file, "");
  EXPECT_THAT(ServiceTokenFromFlags(), IsOkAndHolds(""));

  const std::string path = ::testing::TempDir() + "/service-token";
  std::ofstream(path) << "  secret-token\n";
  absl::SetFlag(&FLAGS_service_token_file, path);
  EXPECT_THAT(ServiceTokenFromFlags(), IsOkAndHolds("secret-token"));

  std::remove(path.c_str());
  EXPECT_THAT(ServiceTokenFromFlags(), StatusIs(absl::StatusCode::kNotFound, HasSubstr(path)));
  absl::SetFlag(&FLAGS_service_token_file, "");
}

}  // namespace
}  // namespace cs::common
