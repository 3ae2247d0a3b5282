// The cs.hotline.v1 mapping: values filled in every field reach the wire in every field
// (common/testing/proto_fields.h), so a field the mapping forgets cannot read 0 unnoticed; and what
// the wire cannot carry into the domain is named field by field.
#include "services/hotline-registry/api/proto_mapping.h"

#include "common/api/proto_time.h"
#include "common/testing/proto_fields.h"
#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/hotline-registry/store/hotline_store_test_support.h"

namespace cs::hotline {
namespace {

using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::StatusIs;
using ::cs::common::testing::UnsetFieldPaths;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

const absl::Time kT0 = ShanghaiTime(2026, 3, 2, 10, 0);

// The contact's address and postal code have no place on forms F1/F2; ServiceHours is either
// around the clock or periods.
const std::vector<std::string>& AlwaysUnset() {
  static const auto* const kPaths = new std::vector<std::string>{
      "registration.contact_a.address",        "registration.contact_a.postal_code",
      "registration.contact_b.address",        "registration.contact_b.postal_code",
      "service_hours.around_the_clock",        "registration.service_hours.around_the_clock",
      "changes[0].form.service_hours.periods", "changes[0].form.service_hours.on_public_holidays"};
  return *kPaths;
}

Hotline FilledHotline() {
  Hotline h = testing::Registered();
  h.id = 7;
  h.state = HotlineState::kActive;
  h.registration.remarks = "夜间转接值班电话";
  h.registration.contact_b.email = "li@example.com";
  h.registration.manager_signature = Signature{"bb-manager", kT0 + absl::Hours(1)};
  h.approval = Decision{true, "center", kT0 + absl::Hours(2), "同意"};
  HotlineChange change = testing::Change(ChangeItem::kNumberChange, kT0 + absl::Hours(48),
                                         ChangeState::kApproved, kT0 + absl::Hours(3));
  change.change_id = "CH-1";
  change.notice_id = "NT-1";
  change.form.remarks = "附件";
  change.form.manager_signature = Signature{"bb-manager", kT0 + absl::Hours(4)};
  change.cs_center_opinion = Decision{true, "center", kT0 + absl::Hours(5), "同意改号"};
  ServiceHours around;
  around.around_the_clock = true;
  change.form.service_hours = around;  // no item carries every field: the mapping copies anyway
  h.changes.push_back(change);
  h.transitions.push_back({"021-5888 1234", "021-6000 0000", TransitionKind::kVoicePrompt,
                           kT0 + absl::Hours(48), kT0 + absl::Hours(48 + 24 * 92)});
  testing::Record(h, kT0 + absl::Hours(2), "APPROVED", "同意");
  h.history[0].actor = "bb-staff";
  h.history[0].detail = "F1";
  h.updated_at = kT0 + absl::Hours(5);
  h.version = 6;
  return h;
}

TEST(ProtoMappingTest, EveryFieldOfAHotlineReachesTheWire) {
  EXPECT_THAT(UnsetFieldPaths(ToProto(FilledHotline()), AlwaysUnset()), IsEmpty());
}

TEST(ProtoMappingTest, H1_H3_ATimeNeverSetIsAbsentOnTheWireNotTheEpoch) {
  Hotline hotline = FilledHotline();
  hotline.registration.established_on.reset();
  hotline.changes[0].form.transition_ends_at.reset();
  const v1::Hotline proto = ToProto(hotline);
  EXPECT_FALSE(proto.registration().has_established_on());
  EXPECT_FALSE(proto.changes(0).form().has_transition_ends_at());
}

TEST(ProtoMappingTest, EveryFieldOfANoticeAndATransitionReachesTheWire) {
  Notice notice;
  notice.notice_id = "NT-3";
  notice.title = "互联网部〔2026〕3号";
  notice.item = ChangeItem::kNumberChange;
  notice.change_at = kT0;
  notice.targets.push_back(
      {7, "021-6100 0001", TransitionKind::kAutomaticTransfer, kT0 + absl::Hours(24 * 93), "CH-2"});
  notice.issued_by = "center";
  notice.issued_at = kT0 - absl::Hours(24);
  EXPECT_THAT(UnsetFieldPaths(ToProto(notice)), IsEmpty());
  ListedTransition listed{7, "broadband", FilledHotline().transitions[0]};
  EXPECT_THAT(UnsetFieldPaths(ToProto(listed)), IsEmpty());
}

TEST(ProtoMappingTest, EveryFieldOfAReportAndTheMonthlyStatisticsReachesTheWire) {
  OperatingReport report;
  report.hotline_id = 7;
  report.unit_id = "broadband";
  report.month = "2026-03";
  report.calls = {1000, 799, 12, 3};
  report.connection_rate_percent = 79.9;
  report.target_percent = 80;
  report.below_target = true;
  report.calls_scored = 4;
  report.calls_using_every_phrase = 3;
  report.phrase_use_percent = 75;
  report.due = {kT0 + absl::Hours(24 * 35), "cn-2026.1", true};
  ReportSubmission submission;
  submission.hotline_id = 7;
  submission.month = "2026-03";
  submission.submitted_by = "bb-staff";
  submission.submitted_at = kT0 + absl::Hours(24 * 36);
  submission.on_time = true;  // contradicts `late`: the mapping does not judge, it copies
  report.submission = submission;
  report.late = true;
  EXPECT_THAT(UnsetFieldPaths(ToProto(report)), IsEmpty());

  MonthlyStatistics stats;
  stats.unit_id = "broadband";
  stats.month = "2026-03";
  stats.hotlines.push_back({7, "021-5888 1234", report});
  stats.hotlines[0].report.below_target = true;
  stats.untrained_on_duty_refused = 2;
  stats.hotlines_active_without_approval = 1;
  const v1::MonthlyStatistics stats_proto = ToProto(stats);
  EXPECT_THAT(UnsetFieldPaths(stats_proto), IsEmpty());
  EXPECT_EQ(stats_proto.hotlines(0).calls_scored(), 4);
  EXPECT_EQ(stats_proto.hotlines(0).calls_using_every_phrase(), 3);
  EXPECT_TRUE(stats_proto.hotlines(0).report_overdue());
}

TEST(ProtoMappingTest, EveryFieldOfStaffRostersScoresAndIngestReachesTheWire) {
  StaffMember staff = testing::Staff("broadband", "1024",
                                     {TrainingSubject::kBusiness, TrainingSubject::kRules,
                                      TrainingSubject::kPhrases, TrainingSubject::kCommunication});
  const v1::StaffMember staff_proto = ToProto(staff);
  EXPECT_THAT(UnsetFieldPaths(staff_proto), IsEmpty());
  EXPECT_TRUE(staff_proto.fully_trained());

  DutyRoster roster{7, "2026-03-03", {{"1024", kT0, kT0 + absl::Hours(3)}}, "bb-staff", kT0};
  EXPECT_THAT(UnsetFieldPaths(ToProto(roster)), IsEmpty());

  PhraseScore score = testing::Score(7, "call-1", 6, 5, kT0);
  score.mandarin = MandarinReview{true, "bb-manager", kT0 + absl::Hours(1), "标准"};
  score.situations[0].detail = "greeting at 1 s";
  const v1::PhraseScore score_proto = ToProto(score);
  EXPECT_THAT(UnsetFieldPaths(score_proto), IsEmpty());
  EXPECT_THAT(score_proto.missing(), ElementsAre(v1::SITUATION_SUGGESTION));

  IngestSummary summary;
  summary.received = 10;
  summary.stored = 7;
  summary.duplicates = 2;
  summary.rejected_count = 1;
  summary.rejected.push_back({4, "c-4", {"hotline_id: names no hotline"}});
  EXPECT_THAT(UnsetFieldPaths(ToProto(summary)), IsEmpty());
}

TEST(ProtoMappingTest, H1_AFormReadFromTheWireKeepsEveryField) {
  const Hotline hotline = FilledHotline();
  v1::RegistrationForm wire = ToProto(hotline).registration();
  ASSERT_OK_AND_ASSIGN(RegistrationForm form, FromProto(wire, "form"));
  RegistrationForm expected = hotline.registration;
  expected.filed_at = absl::Time();    // the service's
  expected.manager_signature.reset();  // the service's
  form.filed_at = absl::Time();
  EXPECT_EQ(form, expected);
}

TEST(ProtoMappingTest, H5_TimesOfDayThatAreNotHhMmAreNamed) {
  v1::RegistrationForm wire = ToProto(FilledHotline()).registration();
  wire.mutable_service_hours()->mutable_periods(0)->set_start("9:00");
  wire.mutable_service_hours()->mutable_periods(1)->set_end("");
  wire.mutable_service_hours()->set_on_public_holidays(static_cast<v1::HolidayBehaviour>(9));
  wire.mutable_established_on()->set_seconds(-99999999999);
  const absl::Status status = FromProto(wire, "form").status();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  std::vector<std::string> fields;
  for (const common::FieldViolation& v : common::ViolationsOf(status)) fields.push_back(v.field);
  EXPECT_THAT(fields,
              UnorderedElementsAre("form.service_hours.periods[0].start",
                                   "form.service_hours.periods[1].end",
                                   "form.service_hours.on_public_holidays", "form.established_on"));
}

TEST(ProtoMappingTest, H6_ACallRecordThatCannotBeReadCarriesItsProblemsNotAnError) {
  v1::CallRecord wire;
  wire.set_hotline_id("HL-x");
  wire.set_call_id("c-1");
  wire.mutable_offered_at()->set_seconds(-99999999999);
  wire.set_outcome(v1::CALL_OUTCOME_ANSWERED);
  IncomingCallRecord in = FromProto(wire);
  std::vector<std::string> fields;
  for (const common::FieldViolation& v : in.problems) fields.push_back(v.field);
  EXPECT_THAT(fields, ElementsAre("hotline_id", "offered_at"));

  wire.set_hotline_id("HL-3");
  *wire.mutable_offered_at() = common::ToProtoTimestamp(kT0);
  in = FromProto(wire);
  EXPECT_THAT(in.problems, IsEmpty());
  EXPECT_EQ(in.record.hotline_id, 3);
  EXPECT_EQ(in.record.offered_at, kT0);
  EXPECT_EQ(in.record.outcome, CallOutcome::kAnswered);
  // Unset, the offered time is the epoch the domain reads as missing.
  wire.clear_offered_at();
  EXPECT_EQ(FromProto(wire).record.offered_at, absl::UnixEpoch());
}

TEST(ProtoMappingTest, H4_ANoticeTargetNamingNoHotlineIdIsNamed) {
  v1::Notice wire;
  wire.set_title("t");
  wire.add_targets()->set_hotline_id("7");
  wire.add_targets()->set_hotline_id("HL-8");
  const absl::Status status = FromProto(wire).status();
  ASSERT_THAT(common::ViolationsOf(status), ::testing::SizeIs(1));
  EXPECT_EQ(common::ViolationsOf(status)[0].field, "notice.targets[0].hotline_id");
}

}  // namespace
}  // namespace cs::hotline
