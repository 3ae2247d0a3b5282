// The assessment service's own records against the in-memory stores and a ManualClock: who may
// record surveys and partners (a unit's roles, for their own unit), who assigns, judges and records
// tasks and attendance (CS_CENTER), who reads (the department-wide roles every unit, a unit's roles
// their own), unknown units and the CS center, replays by request_id — named after SPEC S4, S7 and
// M 7.15, M 7.16.
#include "services/assessment/core/record_core.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/status/error_reason.h"
#include "common/status/field_violations.h"
#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/assessment/store/assessment_record_store_test_support.h"
#include "services/assessment/store/assessment_record_stores_in_memory.h"

namespace cs::assessment {
namespace {

using ::cs::assessment::testing::Key;
using ::cs::common::Principal;
using ::cs::common::Role;
using ::cs::common::testing::FieldsOf;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::ShanghaiTimeZone;
using ::cs::common::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

const Principal kStaff{"bb-staff", Role::kUnitStaff, "broadband"};
const Principal kManager{"bb-manager", Role::kUnitManager, "broadband"};
const Principal kPortalStaff{"portal-staff", Role::kUnitStaff, "portal"};
const Principal kDeskStaff{"desk-staff", Role::kUnitStaff, "service-desk"};
const Principal kCenterStaff{"center-staff", Role::kUnitStaff, "cs-center"};
const Principal kCenter{"center", Role::kCsCenter, ""};
const Principal kOffice{"office", Role::kOffice, ""};
const Principal kService{"svc-assessment", Role::kService, ""};
const Principal kDesk{"desk", Role::kDesignatedUnit, "service-desk"};
const Principal kArchivist{"archivist", Role::kArchivist, "broadband"};

common::UnitInfo Unit(const std::string& id, bool designated = false, bool cs_center = false) {
  common::UnitInfo unit;
  unit.id = id;
  unit.name = id;
  unit.designated = designated;
  unit.cs_center = cs_center;
  return unit;
}

class RecordCoreTest : public ::testing::Test {
 protected:
  RecordCoreTest()
      : units_(*common::UnitDirectory::Create(
            {Unit("cs-center", false, true), Unit("service-desk", true), Unit("broadband"),
             Unit("portal")},
            {})),
        clock_(ShanghaiTime(2026, 4, 2, 9, 30) + absl::Nanoseconds(1500)),
        core_(stores_.stores(), units_, ShanghaiTimeZone(), clock_) {}

  // A phone survey of `unit` over March 2026, as a unit enters it.
  static SurveySummary Survey(const std::string& unit = "broadband") {
    SurveySummary survey;
    survey.unit_id = unit;
    survey.method = SurveyMethod::kPhone;
    survey.period_start = absl::CivilDay(2026, 3, 1);
    survey.period_end = absl::CivilDay(2026, 3, 31);
    survey.sample_size = 300;
    survey.score = 4.5;
    survey.scale = 5;
    return survey;
  }

  static PartnerForm Form(const std::string& unit = "broadband",
                          const std::string& name = "华信代理") {
    PartnerForm form;
    form.unit_id = unit;
    form.name = name;
    form.kind = PartnerKind::kAgent;
    form.service_standard = "受理时限与投诉处理办法同电信标准";
    form.meets_company_standard = true;
    return form;
  }

  SpecialTask Task(const std::string& unit = "broadband") const {
    SpecialTask task;
    task.unit_id = unit;
    task.title = "节前服务质量专项检查";
    task.description = "检查各营业厅";
    task.due_at = clock_.Now() + absl::Hours(48);
    return task;
  }

  AttendanceInput Attend(const std::string& unit, bool attended = true) const {
    AttendanceInput input;
    input.kind = SessionKind::kCaseStudy;
    input.title = "投诉升级案例学习";
    input.held_at = ShanghaiTime(2026, 4, 1, 14, 0);
    input.unit_id = unit;
    input.attended = attended;
    return input;
  }

  RequestKey NextKey() { return Key(absl::StrCat("req-", next_++)); }

  InMemoryAssessmentRecordStores stores_;
  common::UnitDirectory units_;
  common::ManualClock clock_;
  RecordCore core_;
  int next_ = 1;
};

// --- S4 surveys ----------------------------------------------------------------------------------

TEST_F(RecordCoreTest, S4_UnitStaffRecordsItsSurveyRecordedByAndAtNowInMicroseconds) {
  ASSERT_OK_AND_ASSIGN(SurveySummary survey, core_.RecordSurvey(kStaff, Survey(), NextKey()));
  EXPECT_EQ(survey.id, 1);
  EXPECT_EQ(survey.unit_id, "broadband");
  EXPECT_EQ(survey.recorded_by, "bb-staff");
  EXPECT_EQ(survey.recorded_at, ShanghaiTime(2026, 4, 2, 9, 30) + absl::Microseconds(1));
  EXPECT_EQ(survey.score, 4.5);
}

TEST_F(RecordCoreTest, S4_ManagerRecordsWithoutNamingTheUnit) {
  SurveySummary draft = Survey();
  draft.unit_id.clear();
  ASSERT_OK_AND_ASSIGN(SurveySummary survey, core_.RecordSurvey(kManager, draft, NextKey()));
  EXPECT_EQ(survey.unit_id, "broadband");
}

TEST_F(RecordCoreTest, S4_AnotherUnitsSurveyIsPermissionDenied) {
  EXPECT_THAT(core_.RecordSurvey(kPortalStaff, Survey("broadband"), NextKey()),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST_F(RecordCoreTest, S4_OnlyTheUnitsOwnRolesRecordItsSurveys) {
  for (const Principal& caller : {kCenter, kOffice, kService, kDesk, kArchivist}) {
    EXPECT_THAT(core_.RecordSurvey(caller, Survey(), NextKey()),
                StatusIs(absl::StatusCode::kPermissionDenied))
        << caller.user;
  }
}

TEST_F(RecordCoreTest, S4_UnknownUnitIsInvalidArgumentNamingUnitId) {
  const Principal stranger{"x", Role::kUnitStaff, "nowhere"};
  absl::StatusOr<SurveySummary> recorded =
      core_.RecordSurvey(stranger, Survey("nowhere"), NextKey());
  EXPECT_THAT(recorded, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("nowhere")));
  EXPECT_THAT(FieldsOf(recorded.status()), ElementsAre("survey.unit_id"));
}

TEST_F(RecordCoreTest, S4_TheCsCenterKeepsNoSurveysHereButTheDesignatedUnitDoes) {
  absl::StatusOr<SurveySummary> recorded =
      core_.RecordSurvey(kCenterStaff, Survey("cs-center"), NextKey());
  EXPECT_THAT(recorded, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("CS center")));
  EXPECT_THAT(FieldsOf(recorded.status()), ElementsAre("survey.unit_id"));
  EXPECT_OK(core_.RecordSurvey(kDeskStaff, Survey("service-desk"), NextKey()).status());
}

TEST_F(RecordCoreTest, S4_TheDomainNamesEveryBadField) {
  SurveySummary draft = Survey();
  draft.method = SurveyMethod::kUnspecified;
  draft.sample_size = 0;
  draft.period_end = absl::CivilDay(2026, 4, 3);  // tomorrow in Shanghai
  absl::StatusOr<SurveySummary> recorded = core_.RecordSurvey(kStaff, draft, NextKey());
  EXPECT_THAT(recorded, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(FieldsOf(recorded.status()),
              ElementsAre("survey.method", "survey.period_end", "survey.sample_size"));
}

TEST_F(RecordCoreTest, S4_ReplayByRequestIdGivesTheSameSurvey) {
  ASSERT_OK_AND_ASSIGN(SurveySummary first, core_.RecordSurvey(kStaff, Survey(), Key("s-1")));
  clock_.Advance(absl::Hours(1));
  ASSERT_OK_AND_ASSIGN(SurveySummary again, core_.RecordSurvey(kStaff, Survey(), Key("s-1")));
  EXPECT_EQ(again, first);
  ASSERT_OK_AND_ASSIGN(SurveyPage page, core_.ListSurveys(kStaff, "", 0, 10));
  EXPECT_THAT(page.surveys, SizeIs(1));
  // The same request_id with another body is another request.
  absl::StatusOr<SurveySummary> other =
      core_.RecordSurvey(kStaff, Survey(), Key("s-1", "another body"));
  EXPECT_THAT(other, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(FieldsOf(other.status()), ElementsAre("request_id"));
}

TEST_F(RecordCoreTest, S4_ARequestIdIsRequired) {
  absl::StatusOr<SurveySummary> recorded = core_.RecordSurvey(kStaff, Survey(), Key(""));
  EXPECT_THAT(recorded, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(FieldsOf(recorded.status()), ElementsAre("request_id"));
}

TEST_F(RecordCoreTest, S4_ReadersSeeAUnitsSurveysTheUnitsOwnRolesOnlyTheirs) {
  ASSERT_OK(core_.RecordSurvey(kStaff, Survey(), NextKey()).status());
  ASSERT_OK(core_.RecordSurvey(kPortalStaff, Survey("portal"), NextKey()).status());
  for (const Principal& reader : {kCenter, kOffice, kService, kManager, kStaff}) {
    ASSERT_OK_AND_ASSIGN(SurveyPage page, core_.ListSurveys(reader, "broadband", 0, 10));
    ASSERT_THAT(page.surveys, SizeIs(1)) << reader.user;
    EXPECT_EQ(page.surveys[0].unit_id, "broadband");
  }
  // Another unit's records stay that unit's.
  EXPECT_THAT(core_.ListSurveys(kStaff, "portal", 0, 10),
              StatusIs(absl::StatusCode::kPermissionDenied));
  // Roles that are not readers of these records.
  EXPECT_THAT(core_.ListSurveys(kDesk, "", 0, 10), StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(core_.ListSurveys(kArchivist, "", 0, 10),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST_F(RecordCoreTest, S4_DepartmentWideReadersNameTheUnit) {
  absl::StatusOr<SurveyPage> page = core_.ListSurveys(kCenter, "", 0, 10);
  EXPECT_THAT(page, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(FieldsOf(page.status()), ElementsAre("unit_id"));
  absl::StatusOr<SurveyPage> unknown = core_.ListSurveys(kOffice, "nowhere", 0, 10);
  EXPECT_THAT(unknown, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(FieldsOf(unknown.status()), ElementsAre("unit_id"));
  absl::StatusOr<SurveyPage> center = core_.ListSurveys(kOffice, "cs-center", 0, 10);
  EXPECT_THAT(center, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("CS center")));
}

TEST_F(RecordCoreTest, S4_ListPagesByIdAfterTheLastOneSeen) {
  for (int i = 0; i < 3; ++i) {
    ASSERT_OK(core_.RecordSurvey(kStaff, Survey(), NextKey()).status());
  }
  ASSERT_OK_AND_ASSIGN(SurveyPage first, core_.ListSurveys(kCenter, "broadband", 0, 2));
  ASSERT_THAT(first.surveys, SizeIs(2));
  EXPECT_EQ(first.surveys[1].id, 2);
  EXPECT_EQ(first.next_after_id, 2);
  ASSERT_OK_AND_ASSIGN(SurveyPage second,
                       core_.ListSurveys(kCenter, "broadband", first.next_after_id, 2));
  ASSERT_THAT(second.surveys, SizeIs(1));
  EXPECT_EQ(second.surveys[0].id, 3);
  EXPECT_EQ(second.next_after_id, 0);
}

// --- S7 partners and agents ----------------------------------------------------------------------

TEST_F(RecordCoreTest, S7_UnitManagerRegistersAPartnerActiveWithItsHistory) {
  ASSERT_OK_AND_ASSIGN(Partner partner, core_.RegisterPartner(kManager, Form(), NextKey()));
  EXPECT_EQ(partner.id, 1);
  EXPECT_EQ(partner.unit_id, "broadband");
  EXPECT_TRUE(partner.active);
  EXPECT_TRUE(partner.meets_company_standard);
  EXPECT_EQ(partner.registered_by, "bb-manager");
  EXPECT_EQ(partner.registered_at, ShanghaiTime(2026, 4, 2, 9, 30) + absl::Microseconds(1));
  EXPECT_EQ(partner.version, 1);
  ASSERT_THAT(partner.history, SizeIs(1));
  EXPECT_EQ(partner.history[0].event, "REGISTERED");
}

TEST_F(RecordCoreTest, S7_AStandardNotStatedToMeetTheCompanysIsInvalidArgument) {
  PartnerForm form = Form();
  form.meets_company_standard = false;
  absl::StatusOr<Partner> partner = core_.RegisterPartner(kStaff, form, NextKey());
  EXPECT_THAT(partner, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("M 7.12")));
  EXPECT_THAT(FieldsOf(partner.status()), ElementsAre("partner.meets_company_standard"));
  ASSERT_OK_AND_ASSIGN(PartnerPage page, core_.ListPartners(kStaff, "", 0, 10));
  EXPECT_THAT(page.partners, IsEmpty());
}

TEST_F(RecordCoreTest, S7_EveryBadFieldIsNamedAtOnce) {
  PartnerForm form = Form();
  form.name.clear();
  form.kind = PartnerKind::kUnspecified;
  form.meets_company_standard = false;
  absl::StatusOr<Partner> partner = core_.RegisterPartner(kStaff, form, NextKey());
  EXPECT_THAT(partner, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(FieldsOf(partner.status()),
              ElementsAre("partner.name", "partner.kind", "partner.meets_company_standard"));
}

TEST_F(RecordCoreTest, S7_AnotherUnitsPartnerIsPermissionDenied) {
  EXPECT_THAT(core_.RegisterPartner(kPortalStaff, Form("broadband"), NextKey()),
              StatusIs(absl::StatusCode::kPermissionDenied));
  for (const Principal& caller : {kCenter, kOffice, kService, kDesk}) {
    EXPECT_THAT(core_.RegisterPartner(caller, Form(), NextKey()),
                StatusIs(absl::StatusCode::kPermissionDenied))
        << caller.user;
  }
}

TEST_F(RecordCoreTest, S7_UnknownUnitOrTheCsCenterIsInvalidArgumentNamingUnitId) {
  const Principal stranger{"x", Role::kUnitManager, "nowhere"};
  absl::StatusOr<Partner> unknown = core_.RegisterPartner(stranger, Form("nowhere"), NextKey());
  EXPECT_THAT(unknown, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(FieldsOf(unknown.status()), ElementsAre("partner.unit_id"));
  absl::StatusOr<Partner> center =
      core_.RegisterPartner(kCenterStaff, Form("cs-center"), NextKey());
  EXPECT_THAT(center, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("CS center")));
  EXPECT_THAT(FieldsOf(center.status()), ElementsAre("partner.unit_id"));
}

TEST_F(RecordCoreTest, S7_ReplayByRequestIdGivesTheSamePartner) {
  ASSERT_OK_AND_ASSIGN(Partner first, core_.RegisterPartner(kStaff, Form(), Key("p-1")));
  clock_.Advance(absl::Minutes(5));
  ASSERT_OK_AND_ASSIGN(Partner again, core_.RegisterPartner(kStaff, Form(), Key("p-1")));
  EXPECT_EQ(again, first);
  ASSERT_OK_AND_ASSIGN(PartnerPage page, core_.ListPartners(kCenter, "broadband", 0, 10));
  EXPECT_THAT(page.partners, SizeIs(1));
}

TEST_F(RecordCoreTest, S7_ReadersListAUnitsPartnersPagedById) {
  for (const char* name : {"甲代理", "乙合作", "丙代理"}) {
    ASSERT_OK(core_.RegisterPartner(kStaff, Form("broadband", name), NextKey()).status());
  }
  ASSERT_OK(core_.RegisterPartner(kPortalStaff, Form("portal"), NextKey()).status());
  ASSERT_OK_AND_ASSIGN(PartnerPage first, core_.ListPartners(kOffice, "broadband", 0, 2));
  ASSERT_THAT(first.partners, SizeIs(2));
  EXPECT_EQ(first.partners[0].name, "甲代理");
  EXPECT_EQ(first.next_after_id, first.partners[1].id);
  ASSERT_OK_AND_ASSIGN(PartnerPage second,
                       core_.ListPartners(kService, "broadband", first.next_after_id, 2));
  ASSERT_THAT(second.partners, SizeIs(1));
  EXPECT_EQ(second.partners[0].name, "丙代理");
  EXPECT_EQ(second.next_after_id, 0);
  // Exactly a page left: no further page.
  ASSERT_OK_AND_ASSIGN(PartnerPage exact, core_.ListPartners(kManager, "", 0, 3));
  EXPECT_THAT(exact.partners, SizeIs(3));
  EXPECT_EQ(exact.next_after_id, 0);
  EXPECT_THAT(core_.ListPartners(kPortalStaff, "broadband", 0, 10),
              StatusIs(absl::StatusCode::kPermissionDenied));
  absl::StatusOr<PartnerPage> bad_size = core_.ListPartners(kCenter, "broadband", 0, 0);
  EXPECT_THAT(FieldsOf(bad_size.status()), ElementsAre("page_size"));
}

// --- M 7.15 special tasks -----------------------------------------------------------------------

TEST_F(RecordCoreTest, M7_15_CsCenterAssignsATaskWithItsDueDate) {
  const SpecialTask draft = Task();
  ASSERT_OK_AND_ASSIGN(SpecialTask task, core_.AssignTask(kCenter, draft, NextKey()));
  EXPECT_EQ(task.id, 1);
  EXPECT_EQ(task.unit_id, "broadband");
  EXPECT_EQ(task.assigned_by, "center");
  EXPECT_EQ(task.due_at, draft.due_at);
  EXPECT_FALSE(task.completion.has_value());
  EXPECT_EQ(OutcomeOf(task, core_.Now()), TaskOutcome::kOpen);
}

TEST_F(RecordCoreTest, M7_15_OnlyCsCenterAssignsJudgesAndRecords) {
  ASSERT_OK_AND_ASSIGN(SpecialTask task, core_.AssignTask(kCenter, Task(), NextKey()));
  for (const Principal& caller : {kStaff, kManager, kOffice, kService, kDesk}) {
    EXPECT_THAT(core_.AssignTask(caller, Task(), NextKey()),
                StatusIs(absl::StatusCode::kPermissionDenied))
        << caller.user;
    EXPECT_THAT(core_.CompleteTask(caller, task.id, true, "", NextKey()),
                StatusIs(absl::StatusCode::kPermissionDenied))
        << caller.user;
    EXPECT_THAT(core_.RecordAttendance(caller, Attend("broadband"), NextKey()),
                StatusIs(absl::StatusCode::kPermissionDenied))
        << caller.user;
  }
}

TEST_F(RecordCoreTest, M7_15_UnknownUnitOrTheCsCenterIsInvalidArgumentNamingUnitId) {
  for (const std::string unit : {"nowhere", "cs-center"}) {
    absl::StatusOr<SpecialTask> task = core_.AssignTask(kCenter, Task(unit), NextKey());
    EXPECT_THAT(task, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(unit)));
    EXPECT_THAT(FieldsOf(task.status()), ElementsAre("task.unit_id"));
  }
}

TEST_F(RecordCoreTest, M7_15_ADueDateNotAfterNowIsNamed) {
  SpecialTask draft = Task();
  draft.due_at = clock_.Now() - absl::Hours(1);
  absl::StatusOr<SpecialTask> task = core_.AssignTask(kCenter, draft, NextKey());
  EXPECT_THAT(task, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(FieldsOf(task.status()), ElementsAre("task.due_at"));
}

TEST_F(RecordCoreTest, M7_15_ReplayByRequestIdGivesTheSameTask) {
  const SpecialTask draft = Task();
  ASSERT_OK_AND_ASSIGN(SpecialTask first, core_.AssignTask(kCenter, draft, Key("t-1")));
  clock_.Advance(absl::Minutes(1));
  ASSERT_OK_AND_ASSIGN(SpecialTask again, core_.AssignTask(kCenter, draft, Key("t-1")));
  EXPECT_EQ(again, first);
}

TEST_F(RecordCoreTest, M7_15_DoneOnTimeWithQuality) {
  ASSERT_OK_AND_ASSIGN(SpecialTask task, core_.AssignTask(kCenter, Task(), NextKey()));
  clock_.Advance(absl::Hours(24));
  ASSERT_OK_AND_ASSIGN(SpecialTask done,
                       core_.CompleteTask(kCenter, task.id, true, "按时完成", NextKey()));
  ASSERT_TRUE(done.completion.has_value());
  EXPECT_EQ(done.completion->done_at, core_.Now());
  EXPECT_TRUE(done.completion->quality_ok);
  EXPECT_EQ(done.completion->recorded_by, "center");
  EXPECT_EQ(OutcomeOf(done, core_.Now()), TaskOutcome::kDoneOnTimeWithQuality);
}

TEST_F(RecordCoreTest, M7_15_CompletedLateIsRecordedLate) {
  ASSERT_OK_AND_ASSIGN(SpecialTask task, core_.AssignTask(kCenter, Task(), NextKey()));
  clock_.Advance(absl::Hours(48) + absl::Minutes(1));
  ASSERT_OK_AND_ASSIGN(SpecialTask done, core_.CompleteTask(kCenter, task.id, true, "", NextKey()));
  ASSERT_TRUE(done.completion.has_value());
  EXPECT_GT(done.completion->done_at, done.due_at);
  EXPECT_EQ(OutcomeOf(done, core_.Now()), TaskOutcome::kDoneLate);
  // As the store keeps it.
  ASSERT_OK_AND_ASSIGN(SpecialTask stored, stores_.tasks().Get(task.id));
  EXPECT_EQ(OutcomeOf(stored, core_.Now() + absl::Hours(100)), TaskOutcome::kDoneLate);
}

TEST_F(RecordCoreTest, M7_15_DoneOnTimeWithoutQuality) {
  ASSERT_OK_AND_ASSIGN(SpecialTask task, core_.AssignTask(kCenter, Task(), NextKey()));
  ASSERT_OK_AND_ASSIGN(SpecialTask done,
                       core_.CompleteTask(kCenter, task.id, false, "报告不完整", NextKey()));
  EXPECT_EQ(OutcomeOf(done, core_.Now()), TaskOutcome::kDoneWithoutQuality);
}

TEST_F(RecordCoreTest, M7_15_CompletionIsRecordedOnceReplayedByItsRequestId) {
  ASSERT_OK_AND_ASSIGN(SpecialTask task, core_.AssignTask(kCenter, Task(), NextKey()));
  ASSERT_OK_AND_ASSIGN(SpecialTask done, core_.CompleteTask(kCenter, task.id, true, "", Key("c")));
  clock_.Advance(absl::Hours(1));
  ASSERT_OK_AND_ASSIGN(SpecialTask again, core_.CompleteTask(kCenter, task.id, true, "", Key("c")));
  EXPECT_EQ(again, done);
  absl::Status twice = core_.CompleteTask(kCenter, task.id, false, "", Key("d")).status();
  EXPECT_THAT(twice, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(common::ReasonOf(twice), common::reason::kStateForbidsChange);
  EXPECT_THAT(core_.CompleteTask(kCenter, task.id, false, "", Key("")),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(RecordCoreTest, M7_15_UnknownTaskIsNotFound) {
  EXPECT_THAT(core_.CompleteTask(kCenter, 99, true, "", NextKey()),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("ST-99")));
}

// --- M 7.16 case studies and trainings ----------------------------------------------------------

TEST_F(RecordCoreTest, M7_16_AttendanceOfEveryUnitLandsOnOneSession) {
  ASSERT_OK_AND_ASSIGN(UnitAttendance broadband,
                       core_.RecordAttendance(kCenter, Attend("broadband"), NextKey()));
  ASSERT_OK_AND_ASSIGN(UnitAttendance portal,
                       core_.RecordAttendance(kCenter, Attend("portal", false), NextKey()));
  EXPECT_EQ(portal.session_id, broadband.session_id);
  EXPECT_EQ(broadband.kind, SessionKind::kCaseStudy);
  EXPECT_EQ(broadband.title, "投诉升级案例学习");
  EXPECT_EQ(broadband.held_at, ShanghaiTime(2026, 4, 1, 14, 0));
  EXPECT_EQ(broadband.attendance, (Attendance{"broadband", true, ""}));
  EXPECT_EQ(portal.attendance, (Attendance{"portal", false, ""}));
  ASSERT_OK_AND_ASSIGN(TrainingSession session, stores_.tasks().GetSession(portal.session_id));
  EXPECT_EQ(session.organised_by, "center");
  EXPECT_THAT(session.attendance, SizeIs(2));
  // Another session (another time) is another record.
  AttendanceInput later = Attend("broadband");
  later.held_at += absl::Hours(24);
  ASSERT_OK_AND_ASSIGN(UnitAttendance other, core_.RecordAttendance(kCenter, later, NextKey()));
  EXPECT_NE(other.session_id, broadband.session_id);
}

TEST_F(RecordCoreTest, M7_16_ARepeatOrACorrectionSetsTheUnitsEntry) {
  ASSERT_OK_AND_ASSIGN(UnitAttendance first,
                       core_.RecordAttendance(kCenter, Attend("broadband", false), Key("a")));
  ASSERT_OK_AND_ASSIGN(UnitAttendance again,
                       core_.RecordAttendance(kCenter, Attend("broadband", false), Key("a")));
  EXPECT_EQ(again, first);
  AttendanceInput corrected = Attend("broadband", true);
  corrected.note = "迟到十分钟";
  ASSERT_OK_AND_ASSIGN(UnitAttendance fixed, core_.RecordAttendance(kCenter, corrected, NextKey()));
  EXPECT_EQ(fixed.session_id, first.session_id);
  EXPECT_EQ(fixed.attendance, (Attendance{"broadband", true, "迟到十分钟"}));
  ASSERT_OK_AND_ASSIGN(TrainingSession session, stores_.tasks().GetSession(first.session_id));
  EXPECT_THAT(session.attendance, ElementsAre(Attendance{"broadband", true, "迟到十分钟"}));
}

TEST_F(RecordCoreTest, M7_16_ASessionRecordedBeforeIsNamedById) {
  ASSERT_OK_AND_ASSIGN(UnitAttendance first,
                       core_.RecordAttendance(kCenter, Attend("broadband"), NextKey()));
  AttendanceInput by_id;
  by_id.session_id = first.session_id;
  by_id.unit_id = "portal";
  by_id.attended = true;
  ASSERT_OK_AND_ASSIGN(UnitAttendance portal, core_.RecordAttendance(kCenter, by_id, NextKey()));
  EXPECT_EQ(portal.session_id, first.session_id);
  EXPECT_EQ(portal.title, "投诉升级案例学习");
  by_id.held_at = first.held_at + absl::Hours(1);
  absl::StatusOr<UnitAttendance> disagrees = core_.RecordAttendance(kCenter, by_id, NextKey());
  EXPECT_THAT(FieldsOf(disagrees.status()), ElementsAre("attendance.held_at"));
  by_id.session_id = 42;
  by_id.held_at = absl::InfinitePast();
  EXPECT_THAT(core_.RecordAttendance(kCenter, by_id, NextKey()),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("TS-42")));
}

TEST_F(RecordCoreTest, M7_16_UnknownUnitOrTheCsCenterIsInvalidArgumentNamingUnitId) {
  for (const std::string unit : {"nowhere", "cs-center"}) {
    absl::StatusOr<UnitAttendance> recorded =
        core_.RecordAttendance(kCenter, Attend(unit), NextKey());
    EXPECT_THAT(recorded, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(unit)));
    EXPECT_THAT(FieldsOf(recorded.status()), ElementsAre("attendance.unit_id"));
  }
}

TEST_F(RecordCoreTest, M7_16_ANewSessionIsCheckedByTheDomain) {
  AttendanceInput input = Attend("broadband");
  input.kind = SessionKind::kUnspecified;
  input.title.clear();
  input.held_at = absl::InfinitePast();
  absl::StatusOr<UnitAttendance> recorded = core_.RecordAttendance(kCenter, input, NextKey());
  EXPECT_THAT(recorded, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(FieldsOf(recorded.status()),
              ElementsAre("session.kind", "session.title", "session.held_at"));
  EXPECT_THAT(core_.RecordAttendance(kCenter, Attend("broadband"), Key("")),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(RecordCoreTest, M7_16_AttendanceCountsForTheUnitsMonth) {
  ASSERT_OK(core_.RecordAttendance(kCenter, Attend("broadband"), NextKey()).status());
  ASSERT_OK(core_.RecordAttendance(kCenter, Attend("portal", false), NextKey()).status());
  ASSERT_OK_AND_ASSIGN(std::vector<UnitAttendance> april,
                       stores_.tasks().ListAttendance("portal", ShanghaiTime(2026, 4, 1, 0, 0),
                                                      ShanghaiTime(2026, 5, 1, 0, 0)));
  ASSERT_THAT(april, SizeIs(1));
  EXPECT_FALSE(april[0].attendance.attended);
}

}  // namespace
}  // namespace cs::assessment
