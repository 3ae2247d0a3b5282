#include "common/time/calendar_holder.h"

#include <atomic>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

using ::cs::common::testing::Cn2026CalendarData;
using ::testing::ElementsAre;

// A set whose versions are `names` (each the 2026 calendar renamed), the last one current.
CalendarSet SetOf(std::vector<std::string> names) {
  std::vector<WorkingCalendarData> versions;
  for (const std::string& name : names) {
    WorkingCalendarData data = Cn2026CalendarData();
    data.version = name;
    versions.push_back(std::move(data));
  }
  absl::StatusOr<CalendarSet> set = CalendarSet::Create(std::move(versions), names.back());
  EXPECT_TRUE(set.ok()) << set.status();
  return *std::move(set);
}

TEST(CalendarHolderTest, ReplaceSwapsTheSetNewCallsSee) {
  CalendarHolder holder(SetOf({"v1"}));
  EXPECT_EQ(holder.Get().current().version(), "v1");
  holder.Replace(SetOf({"v1", "v2"}));
  EXPECT_EQ(holder.Get().current().version(), "v2");
  EXPECT_THAT(holder.Get().versions(), ElementsAre("v1", "v2"));
}

// A request that took the set before a reload finishes on it: what it holds is not freed.
TEST(CalendarHolderTest, ASnapshotTakenBeforeAReplaceStaysValid) {
  CalendarHolder holder(SetOf({"v1"}));
  const CalendarSet& before = holder.Get();
  const WorkingCalendar& calendar = before.current();
  holder.Replace(SetOf({"v1", "v2"}));
  holder.Replace(SetOf({"v1", "v2", "v3"}));
  EXPECT_EQ(before.current().version(), "v1");
  EXPECT_EQ(calendar.version(), "v1");
  EXPECT_THAT(before.versions(), ElementsAre("v1"));
}

// Readers on other threads see either set whole, never a torn one, while a writer replaces it.
TEST(CalendarHolderTest, ReadersDuringReplacesSeeWholeSets) {
  CalendarHolder holder(SetOf({"v0"}));
  std::atomic<bool> done{false};
  std::atomic<int> bad{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r) {
    readers.emplace_back([&] {
      while (!done.load()) {
        const CalendarSet& set = holder.Get();
        // Every set's current version is its last one, and names how many there are.
        const std::vector<std::string> names = set.versions();
        if (set.current().version() != names.back() ||
            names.back() != absl::StrCat("v", names.size() - 1)) {
          bad.fetch_add(1);
        }
      }
    });
  }
  std::vector<std::string> names = {"v0"};
  for (int i = 1; i <= 20; ++i) {
    names.push_back(absl::StrCat("v", i));
    holder.Replace(SetOf(names));
  }
  done.store(true);
  for (std::thread& reader : readers) reader.join();
  EXPECT_EQ(bad.load(), 0);
  EXPECT_EQ(holder.Get().current().version(), "v20");
}

}  // namespace
}  // namespace cs::common
