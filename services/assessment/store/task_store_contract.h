// The TaskStore contract (task_store.h) as a typed test suite: special tasks assigned idempotently
// as "ST-<n>" and completed under their lock (M 7.15); case studies and trainings as "TS-<n>" with
// each unit's attendance recorded and listed by the window the sessions were held in (M 7.16).
// Instantiated with the other record store contracts; see
// assessment_record_store_contract_fixture.h.
#ifndef CS_SERVICES_ASSESSMENT_STORE_TASK_STORE_CONTRACT_H_
#define CS_SERVICES_ASSESSMENT_STORE_TASK_STORE_CONTRACT_H_

#include <vector>

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/assessment/store/assessment_record_store_contract_fixture.h"

namespace cs::assessment::testing {

template <typename T>
class TaskStoreContractTest : public AssessmentRecordStoreContract<T> {};

TYPED_TEST_SUITE_P(TaskStoreContractTest);

TYPED_TEST_P(TaskStoreContractTest, M7_15_AssignIsIdempotentAndCompletionIsSaved) {
  using ::cs::common::testing::IsOkAndHolds;
  using ::cs::common::testing::StatusIs;
  using ::testing::HasSubstr;
  TaskStore& store = this->tasks();
  ASSERT_OK_AND_ASSIGN(TaskResult first, store.Assign(TaskOf("broadband"), Key("x", "a")));
  EXPECT_FALSE(first.replayed);
  EXPECT_GT(first.task.id, 0);
  SpecialTask expected = TaskOf("broadband");
  expected.id = first.task.id;
  EXPECT_EQ(first.task, expected);
  EXPECT_THAT(store.Get(expected.id), IsOkAndHolds(expected));
  ASSERT_OK_AND_ASSIGN(TaskResult again, store.Assign(TaskOf("broadband"), Key("x", "a")));
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.task, expected);
  EXPECT_THAT(store.Assign(TaskOf("broadband"), Key("x", "b")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  ASSERT_OK_AND_ASSIGN(TaskResult spaced, store.Assign(TaskOf("mobile"), Key("x ", "a")));
  EXPECT_FALSE(spaced.replayed);
  EXPECT_GT(spaced.task.id, expected.id);
  ASSERT_OK_AND_ASSIGN(TaskResult third, store.Assign(TaskOf("broadband"), Key("t-3")));
  EXPECT_THAT(store.List("broadband"),
              IsOkAndHolds(std::vector<SpecialTask>{expected, third.task}));
  EXPECT_THAT(store.Get(third.task.id + 100),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr(FormatTaskId(third.task.id + 100))));

  // Completion (M 7.15: on time and with quality, or not).
  const absl::Time done = expected.assigned_at + absl::Hours(30) + absl::Microseconds(5);
  RecordMutationOptions options;
  options.request_key = Key("x", "complete");
  options.scope = "RecordTaskCompletion";
  auto complete = [done](SpecialTask& t) {
    return RecordTaskCompletion(t, done, true, "按时按质", "cs-center-2", done + absl::Hours(1));
  };
  ASSERT_OK_AND_ASSIGN(TaskResult completed, store.Mutate(expected.id, options, complete));
  EXPECT_FALSE(completed.replayed);
  ASSERT_TRUE(completed.task.completion.has_value());
  EXPECT_EQ(completed.task.completion->done_at, done);
  EXPECT_TRUE(completed.task.completion->quality_ok);
  EXPECT_THAT(store.Get(expected.id), IsOkAndHolds(completed.task));
  ASSERT_OK_AND_ASSIGN(TaskResult replayed, store.Mutate(expected.id, options, complete));
  EXPECT_TRUE(replayed.replayed);
  EXPECT_EQ(replayed.task, completed.task);
  EXPECT_THAT(store.Mutate(third.task.id, options, complete),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  // The mutation's error: nothing saved.
  options.request_key = Key("again");
  EXPECT_THAT(store.Mutate(expected.id, options, complete),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  // Only the completion changes.
  auto retitle = [](SpecialTask& t) {
    t.title = "another";
    return absl::OkStatus();
  };
  ASSERT_OK_AND_ASSIGN(TaskResult unchanged, store.Mutate(third.task.id, {}, retitle));
  EXPECT_EQ(unchanged.task, third.task);
  RecordMutationOptions versioned;
  versioned.expected_version = 1;
  EXPECT_THAT(store.Mutate(third.task.id, versioned, retitle),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("expected_version")));
}

TYPED_TEST_P(TaskStoreContractTest, M7_16_SessionsKeepAttendanceListedByWindow) {
  using ::cs::common::testing::IsOkAndHolds;
  using ::cs::common::testing::StatusIs;
  using ::testing::HasSubstr;
  TaskStore& store = this->tasks();
  const absl::Time from = ShanghaiTime(2026, 3, 1, 0, 0);
  const absl::Time until = ShanghaiTime(2026, 4, 1, 0, 0);
  TrainingSession first = SessionAt(from, {"broadband", "mobile"});
  ASSERT_OK_AND_ASSIGN(SessionResult created, store.CreateSession(first, Key("x", "a")));
  EXPECT_FALSE(created.replayed);
  first.id = created.session.id;
  EXPECT_GT(first.id, 0);
  EXPECT_EQ(created.session, first);
  EXPECT_THAT(store.GetSession(first.id), IsOkAndHolds(first));
  ASSERT_OK_AND_ASSIGN(SessionResult again, store.CreateSession(first, Key("x", "a")));
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.session, first);
  EXPECT_THAT(store.CreateSession(first, Key("x", "b")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_THAT(store.CreateSession(SessionAt(from, {"a", "b", "a"}), Key("dup")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("attendance[2].unit_id")));
  EXPECT_THAT(store.GetSession(first.id + 100),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr(FormatSessionId(first.id + 100))));

  // Recorded: an expected unit's entry updated, a new one added at the end.
  ASSERT_OK_AND_ASSIGN(TrainingSession updated,
                       store.RecordAttendance(first.id, "broadband", true, "到场 3 人"));
  ASSERT_OK_AND_ASSIGN(updated, store.RecordAttendance(first.id, "retail", true, ""));
  ASSERT_OK_AND_ASSIGN(updated, store.RecordAttendance(first.id, "retail", true, ""));
  first.attendance[0] = {"broadband", true, "到场 3 人"};
  first.attendance.push_back({"retail", true, ""});
  EXPECT_EQ(updated, first);
  EXPECT_THAT(store.GetSession(first.id), IsOkAndHolds(first));
  EXPECT_THAT(store.RecordAttendance(first.id + 100, "retail", true, ""),
              StatusIs(absl::StatusCode::kNotFound));

  ASSERT_OK_AND_ASSIGN(
      SessionResult last_instant,
      store.CreateSession(SessionAt(until - absl::Microseconds(1), {"broadband"}), Key("x ", "a")));
  ASSERT_OK(store.CreateSession(SessionAt(until, {"broadband"}), Key("s-after")).status());
  ASSERT_OK(
      store.CreateSession(SessionAt(from - absl::Microseconds(1), {"broadband"}), Key("s-before"))
          .status());
  ASSERT_OK(
      store.CreateSession(SessionAt(from + absl::Hours(1), {"mobile"}), Key("s-other")).status());
  ASSERT_OK_AND_ASSIGN(std::vector<UnitAttendance> listed,
                       store.ListAttendance("broadband", from, until));
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(
      listed[0],
      (UnitAttendance{
          first.id, SessionKind::kTraining, first.title, from, {"broadband", true, "到场 3 人"}}));
  EXPECT_EQ(listed[1].session_id, last_instant.session.id);
  EXPECT_EQ(listed[1].held_at, until - absl::Microseconds(1));
  EXPECT_FALSE(listed[1].attendance.attended);
  ASSERT_OK_AND_ASSIGN(listed, store.ListAttendance("broadband ", from, until));
  EXPECT_TRUE(listed.empty());
}

REGISTER_TYPED_TEST_SUITE_P(TaskStoreContractTest, M7_15_AssignIsIdempotentAndCompletionIsSaved,
                            M7_16_SessionsKeepAttendanceListedByWindow);

}  // namespace cs::assessment::testing

#endif  // CS_SERVICES_ASSESSMENT_STORE_TASK_STORE_CONTRACT_H_
