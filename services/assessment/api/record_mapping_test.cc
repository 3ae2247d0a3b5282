// The cs.assessment.v1 mapping of the service's own records (S4 surveys, S7 partners, M 7.15
// tasks, M 7.16 attendance): values filled in every field reach the wire in every field
// (common/testing/proto_fields.h), so a forgotten field cannot read 0 unnoticed; what the wire
// cannot carry into the domain is named by its request path; survey periods are whole local days.
#include "services/assessment/api/record_mapping.h"

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "common/api/proto_time.h"
#include "common/status/field_violations.h"
#include "common/testing/proto_fields.h"
#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::assessment {
namespace {

using ::cs::common::testing::FieldsOf;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::ShanghaiTimeZone;
using ::cs::common::testing::StatusIs;
using ::cs::common::testing::UnsetFieldPaths;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

SurveySummary FilledSurvey() {
  SurveySummary survey;
  survey.id = 12;
  survey.unit_id = "broadband";
  survey.method = SurveyMethod::kEmail;
  survey.period_start = absl::CivilDay(2026, 3, 1);
  survey.period_end = absl::CivilDay(2026, 3, 31);
  survey.sample_size = 420;
  survey.score = 8.6;
  survey.scale = 10;
  survey.recorded_by = "bb-staff";
  survey.recorded_at = ShanghaiTime(2026, 4, 2, 9, 30) + absl::Microseconds(7);
  return survey;
}

v1::Survey WireSurvey() {
  v1::Survey proto;
  proto.set_unit_id("broadband");
  proto.set_method(v1::SURVEY_METHOD_PHONE);
  *proto.mutable_period()->mutable_start() =
      common::ToProtoTimestamp(ShanghaiTime(2026, 3, 1, 0, 0));
  *proto.mutable_period()->mutable_end() = common::ToProtoTimestamp(ShanghaiTime(2026, 4, 1, 0, 0));
  proto.set_sample_size(300);
  proto.set_score(4.5);
  proto.set_scale(5);
  return proto;
}

// --- S4 ------------------------------------------------------------------------------------------

TEST(RecordMappingTest, S4_SurveyReachesTheWireInEveryField) {
  const v1::Survey proto = ToProto(FilledSurvey(), ShanghaiTimeZone());
  EXPECT_THAT(UnsetFieldPaths(proto), IsEmpty());
  EXPECT_EQ(proto.survey_id(), "SV-12");
  EXPECT_EQ(proto.method(), v1::SURVEY_METHOD_EMAIL);
  // The inclusive last day becomes the exclusive end: the start of the next day, in Shanghai.
  EXPECT_EQ(proto.period().start().seconds(), absl::ToUnixSeconds(ShanghaiTime(2026, 3, 1, 0, 0)));
  EXPECT_EQ(proto.period().end().seconds(), absl::ToUnixSeconds(ShanghaiTime(2026, 4, 1, 0, 0)));
  EXPECT_EQ(proto.recorded_at().nanos(), 7000);
}

TEST(RecordMappingTest, S4_SurveyRoundTripsThroughTheWire) {
  SurveySummary survey = FilledSurvey();
  ASSERT_OK_AND_ASSIGN(SurveySummary read,
                       SurveyFromProto(ToProto(survey, ShanghaiTimeZone()), ShanghaiTimeZone()));
  // What the service sets is not read back from a request.
  survey.id = 0;
  survey.recorded_by.clear();
  survey.recorded_at = absl::Time();
  EXPECT_EQ(read, survey);
}

TEST(RecordMappingTest, S4_PeriodIsWholeLocalDaysHalfOpen) {
  ASSERT_OK_AND_ASSIGN(SurveySummary survey, SurveyFromProto(WireSurvey(), ShanghaiTimeZone()));
  EXPECT_EQ(survey.period_start, absl::CivilDay(2026, 3, 1));
  EXPECT_EQ(survey.period_end, absl::CivilDay(2026, 3, 31));
  EXPECT_EQ(survey.method, SurveyMethod::kPhone);
  EXPECT_EQ(survey.sample_size, 300);
}

TEST(RecordMappingTest, S4_AMonthInUtcIsNotReadAsAMonthAndADayInShanghai) {
  v1::Survey proto = WireSurvey();
  *proto.mutable_period()->mutable_start() =
      common::ToProtoTimestamp(absl::FromCivil(absl::CivilDay(2026, 3, 1), absl::UTCTimeZone()));
  *proto.mutable_period()->mutable_end() =
      common::ToProtoTimestamp(absl::FromCivil(absl::CivilDay(2026, 4, 1), absl::UTCTimeZone()));
  absl::StatusOr<SurveySummary> survey = SurveyFromProto(proto, ShanghaiTimeZone());
  EXPECT_THAT(survey, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("Asia/Shanghai")));
  EXPECT_THAT(FieldsOf(survey.status()), ElementsAre("survey.period.start", "survey.period.end"));
}

TEST(RecordMappingTest, S4_PeriodBoundsAreRequiredAndOrdered) {
  v1::Survey no_period = WireSurvey();
  no_period.clear_period();
  EXPECT_THAT(FieldsOf(SurveyFromProto(no_period, ShanghaiTimeZone()).status()),
              ElementsAre("survey.period"));

  v1::Survey no_bounds = WireSurvey();
  no_bounds.mutable_period()->clear_start();
  no_bounds.mutable_period()->clear_end();
  EXPECT_THAT(FieldsOf(SurveyFromProto(no_bounds, ShanghaiTimeZone()).status()),
              ElementsAre("survey.period.start", "survey.period.end"));

  v1::Survey empty = WireSurvey();
  *empty.mutable_period()->mutable_end() = empty.period().start();
  EXPECT_THAT(FieldsOf(SurveyFromProto(empty, ShanghaiTimeZone()).status()),
              ElementsAre("survey.period.end"));

  v1::Survey unreadable = WireSurvey();
  unreadable.mutable_period()->mutable_start()->set_nanos(-1);
  EXPECT_THAT(FieldsOf(SurveyFromProto(unreadable, ShanghaiTimeZone()).status()),
              ElementsAre("survey.period.start"));
}

TEST(RecordMappingTest, S4_ListRequestReadsThePageAndAnswersWithTheNextToken) {
  v1::ListSurveysRequest request;
  request.set_unit_id("broadband");
  ASSERT_OK_AND_ASSIGN(RecordListRequest first, FromProto(request));
  EXPECT_EQ(first.unit_id, "broadband");
  EXPECT_EQ(first.after_id, 0);
  EXPECT_EQ(first.page_size, kDefaultRecordPageSize);

  SurveyPage page;
  page.surveys.push_back(FilledSurvey());
  page.next_after_id = 12;
  const v1::ListSurveysResponse response = ToProto(page, first, ShanghaiTimeZone());
  ASSERT_EQ(response.surveys_size(), 1);
  EXPECT_EQ(response.surveys(0).survey_id(), "SV-12");
  ASSERT_FALSE(response.page().next_page_token().empty());

  request.mutable_page()->set_page_token(response.page().next_page_token());
  request.mutable_page()->set_page_size(10);
  ASSERT_OK_AND_ASSIGN(RecordListRequest second, FromProto(request));
  EXPECT_EQ(second.after_id, 12);
  EXPECT_EQ(second.page_size, 10);

  // The last page has no token; a token of another unit's listing is refused.
  page.next_after_id = 0;
  EXPECT_EQ(ToProto(page, first, ShanghaiTimeZone()).page().next_page_token(), "");
  request.set_unit_id("portal");
  EXPECT_THAT(FieldsOf(FromProto(request).status()), ElementsAre("page.page_token"));
  request.clear_page();
  request.mutable_page()->set_page_size(-1);
  EXPECT_THAT(FieldsOf(FromProto(request).status()), ElementsAre("page.page_size"));
}

// --- S7 ------------------------------------------------------------------------------------------

TEST(RecordMappingTest, S7_PartnerReachesTheWireInEveryField) {
  Partner partner;
  partner.id = 3;
  partner.unit_id = "broadband";
  partner.name = "华信代理";
  partner.kind = PartnerKind::kAgent;
  partner.service_standard = "不低于电信服务标准";
  partner.meets_company_standard = true;
  partner.active = true;
  const v1::Partner proto = ToProto(partner);
  EXPECT_THAT(UnsetFieldPaths(proto), IsEmpty());
  EXPECT_EQ(proto.partner_id(), "PA-3");
  EXPECT_EQ(proto.kind(), v1::PARTNER_KIND_AGENT);

  const PartnerForm form = PartnerFormFromProto(proto);
  EXPECT_EQ(form, (PartnerForm{"broadband", "华信代理", PartnerKind::kAgent, "不低于电信服务标准",
                               true}));
}

TEST(RecordMappingTest, S7_ListPartnersPagesLikeSurveys) {
  v1::ListPartnersRequest request;
  request.set_unit_id("portal");
  ASSERT_OK_AND_ASSIGN(RecordListRequest list, FromProto(request));
  PartnerPage page;
  page.partners.resize(2);
  page.partners[0].id = 4;
  page.partners[1].id = 9;
  page.next_after_id = 9;
  const v1::ListPartnersResponse response = ToProto(page, list);
  ASSERT_EQ(response.partners_size(), 2);
  EXPECT_EQ(response.partners(1).partner_id(), "PA-9");
  request.mutable_page()->set_page_token(response.page().next_page_token());
  ASSERT_OK_AND_ASSIGN(RecordListRequest next, FromProto(request));
  EXPECT_EQ(next.after_id, 9);
}

// --- M 7.15 --------------------------------------------------------------------------------------

TEST(RecordMappingTest, M7_15_CompletedTaskReachesTheWireInEveryField) {
  SpecialTask task;
  task.id = 5;
  task.unit_id = "broadband";
  task.title = "节前服务质量专项检查";
  task.description = "not on the wire";
  task.assigned_by = "center";
  task.assigned_at = ShanghaiTime(2026, 4, 1, 9, 0);
  task.due_at = ShanghaiTime(2026, 4, 3, 17, 30);
  task.completion = TaskCompletion{ShanghaiTime(2026, 4, 4, 10, 0), true, "迟交一天", "center",
                                   ShanghaiTime(2026, 4, 4, 10, 0)};
  const v1::SpecialTask proto = ToProto(task);
  EXPECT_THAT(UnsetFieldPaths(proto), IsEmpty());
  EXPECT_EQ(proto.task_id(), "ST-5");
  EXPECT_EQ(proto.done_at().seconds(), absl::ToUnixSeconds(ShanghaiTime(2026, 4, 4, 10, 0)));
  EXPECT_EQ(proto.note(), "迟交一天");
}

TEST(RecordMappingTest, M7_15_OpenTaskHasNoDoneAt) {
  SpecialTask task;
  task.id = 6;
  task.due_at = ShanghaiTime(2026, 4, 3, 17, 30);
  const v1::SpecialTask proto = ToProto(task);
  EXPECT_FALSE(proto.has_done_at());
  EXPECT_FALSE(proto.quality_ok());
}

TEST(RecordMappingTest, M7_15_AssignReadsUnitTitleAndDueDate) {
  v1::SpecialTask proto;
  proto.set_task_id("ST-99");  // the service's: ignored
  proto.set_unit_id("portal");
  proto.set_title("投诉回访");
  *proto.mutable_due_at() = common::ToProtoTimestamp(ShanghaiTime(2026, 4, 10, 17, 30));
  ASSERT_OK_AND_ASSIGN(SpecialTask task, TaskFromProto(proto));
  EXPECT_EQ(task.id, 0);
  EXPECT_EQ(task.unit_id, "portal");
  EXPECT_EQ(task.title, "投诉回访");
  EXPECT_EQ(task.due_at, ShanghaiTime(2026, 4, 10, 17, 30));

  proto.clear_due_at();
  ASSERT_OK_AND_ASSIGN(SpecialTask undated, TaskFromProto(proto));
  EXPECT_EQ(undated.due_at, absl::UnixEpoch());  // the domain names it missing
  proto.mutable_due_at()->set_seconds(-70000000000);
  EXPECT_THAT(FieldsOf(TaskFromProto(proto).status()), ElementsAre("task.due_at"));
}

TEST(RecordMappingTest, M7_15_CompleteReadsTheTaskId) {
  v1::CompleteTaskRequest request;
  request.set_task_id("ST-7");
  request.set_quality_ok(true);
  request.set_note("合格");
  ASSERT_OK_AND_ASSIGN(TaskCompletionRequest completion, FromProto(request));
  EXPECT_EQ(completion.task_id, 7);
  EXPECT_TRUE(completion.quality_ok);
  EXPECT_EQ(completion.note, "合格");
  for (const char* bad : {"", "TK-7", "ST-0", "7"}) {
    request.set_task_id(bad);
    absl::StatusOr<TaskCompletionRequest> read = FromProto(request);
    EXPECT_THAT(read, StatusIs(absl::StatusCode::kInvalidArgument)) << bad;
    EXPECT_THAT(FieldsOf(read.status()), ElementsAre("task_id")) << bad;
  }
}

// --- M 7.16 --------------------------------------------------------------------------------------

TEST(RecordMappingTest, M7_16_AttendanceReachesTheWireInEveryField) {
  UnitAttendance attendance;
  attendance.session_id = 4;
  attendance.kind = SessionKind::kCaseStudy;
  attendance.title = "投诉升级案例学习";
  attendance.held_at = ShanghaiTime(2026, 4, 1, 14, 0);
  attendance.attendance = {"portal", true, "准时到场"};
  const v1::Attendance proto = ToProto(attendance);
  EXPECT_THAT(UnsetFieldPaths(proto), IsEmpty());
  EXPECT_EQ(proto.session(), "TS-4");
  EXPECT_EQ(proto.unit_id(), "portal");
  EXPECT_EQ(proto.kind(), v1::SESSION_KIND_CASE_STUDY);
  EXPECT_EQ(proto.note(), "准时到场");
}

TEST(RecordMappingTest, M7_16_ATitleNamesANewSessionHeldAtATime) {
  v1::Attendance proto;
  proto.set_session("投诉升级案例学习");
  proto.set_unit_id("broadband");
  proto.set_attended(true);
  *proto.mutable_held_at() = common::ToProtoTimestamp(ShanghaiTime(2026, 4, 1, 14, 0));
  ASSERT_OK_AND_ASSIGN(AttendanceInput input, AttendanceFromProto(proto));
  EXPECT_EQ(input.session_id, 0);
  EXPECT_EQ(input.kind, kWireSessionKind);
  EXPECT_EQ(input.title, "投诉升级案例学习");
  EXPECT_EQ(input.held_at, ShanghaiTime(2026, 4, 1, 14, 0));
  EXPECT_EQ(input.unit_id, "broadband");
  EXPECT_TRUE(input.attended);

  proto.set_kind(v1::SESSION_KIND_CASE_STUDY);
  proto.set_note("请假一人");
  ASSERT_OK_AND_ASSIGN(input, AttendanceFromProto(proto));
  EXPECT_EQ(input.kind, SessionKind::kCaseStudy);
  EXPECT_EQ(input.note, "请假一人");

  proto.set_kind(static_cast<v1::SessionKind>(9));
  EXPECT_THAT(FieldsOf(AttendanceFromProto(proto).status()), ElementsAre("attendance.kind"));
  proto.set_kind(v1::SESSION_KIND_TRAINING);
  proto.clear_held_at();
  EXPECT_THAT(FieldsOf(AttendanceFromProto(proto).status()), ElementsAre("attendance.held_at"));
}

TEST(RecordMappingTest, M7_16_AnIdNamesASessionRecordedBefore) {
  v1::Attendance proto;
  proto.set_session("TS-4");
  proto.set_unit_id("portal");
  ASSERT_OK_AND_ASSIGN(AttendanceInput input, AttendanceFromProto(proto));
  EXPECT_EQ(input.session_id, 4);
  EXPECT_EQ(input.held_at, absl::InfinitePast());
  EXPECT_TRUE(input.title.empty());

  proto.set_session("TS-x");
  EXPECT_THAT(FieldsOf(AttendanceFromProto(proto).status()), ElementsAre("attendance.session"));
  proto.set_session("");
  EXPECT_THAT(FieldsOf(AttendanceFromProto(proto).status()), ElementsAre("attendance.session"));
}

}  // namespace
}  // namespace cs::assessment
