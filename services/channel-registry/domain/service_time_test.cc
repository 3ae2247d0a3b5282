// 服务时间 of form F3 (C1, C5): the grammar the service reads.
#include "services/channel-registry/domain/service_time.h"

#include "common/status/field_violations.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::channel {
namespace {

using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::StatusIs;
using ::testing::HasSubstr;

ServiceTime AroundTheClock(int n) { return {true, n}; }
ServiceTime WorkingHours(int n) { return {false, n}; }

TEST(ParseServiceTimeTest, C5_TheSeedsExampleAndItsSpellings) {
  EXPECT_THAT(ParseServiceTime("7*24 小时每天 2 次", "form.service_time"),
              IsOkAndHolds(AroundTheClock(2)));
  EXPECT_THAT(ParseServiceTime("7*24小时每天2次", "f"), IsOkAndHolds(AroundTheClock(2)));
  EXPECT_THAT(ParseServiceTime("7×24小时，每天两次", "f"), IsOkAndHolds(AroundTheClock(2)));
  EXPECT_THAT(ParseServiceTime("7x24小时, 每天3次", "f"), IsOkAndHolds(AroundTheClock(3)));
  EXPECT_THAT(ParseServiceTime("7X24每天4次", "f"), IsOkAndHolds(AroundTheClock(4)));
  EXPECT_THAT(ParseServiceTime("７＊２４小时　每天２次", "f"), IsOkAndHolds(AroundTheClock(2)));
  EXPECT_THAT(ParseServiceTime("7*24每天十二次", "f"), IsOkAndHolds(AroundTheClock(12)));
  EXPECT_THAT(ParseServiceTime("7*24每天二十四次", "f"), IsOkAndHolds(AroundTheClock(24)));
  EXPECT_THAT(ParseServiceTime("7*24每天四十八次", "f"), IsOkAndHolds(AroundTheClock(48)));
  EXPECT_THAT(ParseServiceTime("7*24每天十次", "f"), IsOkAndHolds(AroundTheClock(10)));
}

TEST(ParseServiceTimeTest, C5_WorkingHours) {
  EXPECT_THAT(ParseServiceTime("工作时间每天3次", "f"), IsOkAndHolds(WorkingHours(3)));
  EXPECT_THAT(ParseServiceTime("工作日，每天一次。", "f"), IsOkAndHolds(WorkingHours(1)));
  EXPECT_THAT(ParseServiceTime("工作时间 每天 ４ 次", "f"), IsOkAndHolds(WorkingHours(4)));
}

TEST(ParseServiceTimeTest, C5_AnythingElseIsRefusedNamingTheFieldAndTheAcceptedForms) {
  for (const char* bad : {"", "7*24小时", "每天2次", "5*8小时每天2次", "7*24小时每周2次",
                          "7*24小时每天次", "工作时间每天2次以上", "7*24小时每天0次",
                          "7*24小时每天49次", "7*24小时每天五十次", "全天每天2次", "\xff\xfe"}) {
    const absl::Status status = ParseServiceTime(bad, "form.service_time").status();
    EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("每天"))) << bad;
    ASSERT_EQ(common::ViolationsOf(status).size(), 1u) << bad;
    EXPECT_EQ(common::ViolationsOf(status)[0].field, "form.service_time") << bad;
  }
}

TEST(DescribeServiceTimeTest, C5_TheCanonicalTextReadsBack) {
  EXPECT_EQ(DescribeServiceTime(AroundTheClock(2)), "7×24小时每天2次");
  EXPECT_EQ(DescribeServiceTime(WorkingHours(3)), "工作时间每天3次");
  for (const ServiceTime& st : {AroundTheClock(1), AroundTheClock(48), WorkingHours(7)}) {
    EXPECT_THAT(ParseServiceTime(DescribeServiceTime(st), "f"), IsOkAndHolds(st));
  }
}

}  // namespace
}  // namespace cs::channel
