// The scorecard use cases against the in-memory stores, a ManualClock, the official 2026 calendar
// and the shipped deploy/config/assessment_indicators.textproto: when a month may be scored, the
// assessment's own figures and the peers' as inputs, a peer that does not answer (incomplete,
// never a zero) and the recomputation that completes it, the blue-book sets, who may do what, the
// OFFICE's summary and feedback, and the sweep — named after SPEC S5, S6 and M 7.17.
//
// The peers stand in as a PeerFigureReader written here, returning the figures or the failures a
// test gives it: acceptable only because the real reader (api/peer_figure_reader.h) is tested
// against the real services in the e2e suite.
#include "services/assessment/core/scorecard_core.h"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/civil_time.h"
#include "common/status/error_reason.h"
#include "common/status/field_violations.h"
#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "common/time/report_month.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/assessment/config/indicator_definitions_from_proto.h"
#include "services/assessment/config/indicators_file.h"
#include "services/assessment/store/assessment_notice_store_test_support.h"
#include "services/assessment/store/assessment_notice_stores_in_memory.h"
#include "services/assessment/store/assessment_record_stores_in_memory.h"

namespace cs::assessment {
namespace {

using ::cs::assessment::testing::Key;
using ::cs::common::Principal;
using ::cs::common::Role;
using ::cs::common::testing::FieldsOf;
using ::cs::common::testing::IsOk;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Optional;
using ::testing::SizeIs;
using ::testing::UnorderedElementsAre;

constexpr char kShippedFile[] = CS_SOURCE_DIR "/deploy/config/assessment_indicators.textproto";

const Principal kCenter{"center", Role::kCsCenter, ""};
const Principal kService{"svc-scheduler", Role::kService, ""};
const Principal kOffice{"office-1", Role::kOffice, ""};
const Principal kBroadbandStaff{"bb-staff", Role::kUnitStaff, "broadband"};
const Principal kBroadbandManager{"bb-manager", Role::kUnitManager, "broadband"};
const Principal kPortalStaff{"portal-staff", Role::kUnitStaff, "portal"};

const absl::CivilMonth kMarch(2026, 3);

common::UnitInfo Unit(const std::string& id, bool designated = false, bool cs_center = false) {
  common::UnitInfo unit;
  unit.id = id;
  unit.name = id;
  unit.designated = designated;
  unit.cs_center = cs_center;
  return unit;
}

// The peers: each indicator's figure is `figures[id]` (10 of 10 unless told), from the service
// owning it, unless that service is `down`: then a MissingInput with its error, as the real reader
// reports a peer that did not answer.
class ScriptedPeers final : public PeerFigureReader {
 public:
  ScorecardInputs Read(const std::string& unit_id, absl::CivilMonth month,
                       absl::Span<const IndicatorDefinition> indicators) override {
    absl::MutexLock lock(&mutex_);
    ScorecardInputs out;
    std::vector<std::string> asked;
    for (const IndicatorDefinition& definition : indicators) {
      const std::string source(SourceService(definition.source));
      if (source == kSourceAssessment) continue;
      asked.push_back(definition.id);
      if (down.contains(source)) {
        out.missing.push_back({definition.id, source, "test/Read", read_at,
                               "UNAVAILABLE: failed to connect to all addresses"});
        continue;
      }
      IndicatorInput input;
      input.indicator_id = definition.id;
      auto it = figures.find(definition.id);
      input.numerator = it == figures.end() ? 10 : it->second.first;
      input.denominator = it == figures.end() ? 10 : it->second.second;
      input.source = source;
      input.rpc = "test/Read";
      input.read_at = read_at;
      input.note = absl::StrCat(unit_id, " ", absl::FormatCivilTime(month));
      out.inputs.push_back(std::move(input));
    }
    calls.push_back(asked);
    return out;
  }

  absl::Mutex mutex_;
  std::set<std::string> down;
  std::map<std::string, std::pair<double, double>> figures;
  absl::Time read_at = ShanghaiTime(2026, 4, 10, 9, 0);
  std::vector<std::vector<std::string>> calls;
};

class RecordingObserver final : public ScorecardObserver {
 public:
  void ScorecardComputed(absl::string_view set_name, bool complete) override {
    absl::MutexLock lock(&mutex_);
    computed.push_back(absl::StrCat(set_name, complete ? " complete" : " incomplete"));
  }
  void SourceRead(absl::string_view source, bool answered) override {
    absl::MutexLock lock(&mutex_);
    reads.push_back(absl::StrCat(source, answered ? " ok" : " failed"));
  }
  void Snapshot(const ScorecardSnapshot& s) override {
    absl::MutexLock lock(&mutex_);
    snapshot = s;
    ++snapshots;
  }

  absl::Mutex mutex_;
  std::vector<std::string> computed;
  std::vector<std::string> reads;
  ScorecardSnapshot snapshot;
  int snapshots = 0;
};

const ScoredIndicator* Find(const Scorecard& card, const std::string& id) {
  for (const ScoredIndicator& indicator : card.indicators) {
    if (indicator.indicator_id == id) return &indicator;
  }
  return nullptr;
}

std::vector<std::string> MissingIds(const Scorecard& card) {
  std::vector<std::string> ids;
  for (const MissingIndicator& missing : card.missing) ids.push_back(missing.indicator_id);
  return ids;
}

class ScorecardCoreTest : public ::testing::Test {
 protected:
  ScorecardCoreTest()
      : units_(*common::UnitDirectory::Create(
            {Unit("cs-center", false, true), Unit("service-desk", true), Unit("broadband"),
             Unit("portal")},
            {})),
        calendars_(
            *common::CalendarSet::Create({common::testing::Cn2026CalendarData()}, "cn-2026.1")),
        clock_(ShanghaiTime(2026, 4, 20, 10, 0)) {
    absl::StatusOr<cs::config::v1::AssessmentIndicators> file =
        LoadAssessmentIndicators(kShippedFile);
    EXPECT_THAT(file, IsOk());
    absl::StatusOr<IndicatorDefinitions> definitions = IndicatorDefinitionsFromProto(*file);
    EXPECT_THAT(definitions, IsOk());
    definitions_ = *std::move(definitions);
    ScorecardSettings settings;
    settings.monthly_report_due_working_day = 5;
    core_ = std::make_unique<ScorecardCore>(notice_stores_.stores(), record_stores_.stores(),
                                            definitions_, units_, calendars_, settings, clock_,
                                            peers_, observer_);
  }

  // When March's last report is due: close of business of the 5th working day of April 2026.
  absl::Time MarchDue() {
    absl::StatusOr<common::Deadline> due =
        common::MonthlyReportDue(calendars_.Get().current(), kMarch, 5);
    EXPECT_THAT(due, IsOk());
    return due->at;
  }

  RequestKey NextKey() { return Key(absl::StrCat("req-", next_++)); }

  absl::StatusOr<StoredScorecard> Compute(const std::string& unit, const std::string& set = "",
                                          const Principal& caller = kCenter) {
    return core_->ComputeScorecard(caller, unit, "2026-03", set, NextKey());
  }

  InMemoryAssessmentNoticeStores notice_stores_;
  InMemoryAssessmentRecordStores record_stores_;
  IndicatorDefinitions definitions_;
  common::UnitDirectory units_;
  common::CalendarHolder calendars_;
  common::ManualClock clock_;
  ScriptedPeers peers_;
  RecordingObserver observer_;
  std::unique_ptr<ScorecardCore> core_;
  int next_ = 1;
};

TEST(ScorecardSettingsTest, TheDueWorkingDayIsAtLeastOne) {
  EXPECT_OK(ValidateScorecardSettings({5}));
  EXPECT_THAT(FieldsOf(ValidateScorecardSettings({0})),
              ElementsAre("monthly_report_due_working_day"));
}

TEST_F(ScorecardCoreTest, S5_NotComputedBeforeTheMonthsLastReportIsDue) {
  // 2026-04-01 .. 04-03, then the Qingming days off, 04-07, 04-08: the 5th working day is the 8th.
  EXPECT_EQ(absl::ToCivilDay(MarchDue(), common::testing::ShanghaiTimeZone()),
            absl::CivilDay(2026, 4, 8));
  clock_.SetTime(MarchDue() - absl::Seconds(1));
  const absl::Status early = Compute("broadband").status();
  EXPECT_THAT(early, StatusIs(absl::StatusCode::kFailedPrecondition,
                              AllOf(HasSubstr("month"), HasSubstr("2026-03"))));
  EXPECT_EQ(common::ReasonOf(early), common::reason::kStateForbidsChange);
  EXPECT_THAT(observer_.computed, IsEmpty());
  EXPECT_THAT(peers_.calls, IsEmpty());

  clock_.SetTime(MarchDue());
  ASSERT_OK_AND_ASSIGN(StoredScorecard stored, Compute("broadband"));
  EXPECT_EQ(stored.revision, 1);
  EXPECT_EQ(stored.scorecard.month, kMarch);
  EXPECT_EQ(stored.scorecard.set_name, "monthly");
  EXPECT_TRUE(stored.scorecard.complete);
  EXPECT_THAT(stored.scorecard.total_hundredths, Optional(10000));
  EXPECT_THAT(observer_.computed, ElementsAre("monthly complete"));
}

TEST_F(ScorecardCoreTest, S5_APeerThatDoesNotAnswerLeavesItIncompleteUntilItAnswers) {
  peers_.down = {"hotline-registry"};
  ASSERT_OK_AND_ASSIGN(StoredScorecard first, Compute("broadband"));
  EXPECT_FALSE(first.scorecard.complete);
  EXPECT_EQ(first.scorecard.total_hundredths, absl::nullopt);
  EXPECT_THAT(
      MissingIds(first.scorecard),
      ElementsAre("hotline_connection_rate", "hotline_phrase_use", "hotline_report_on_time"));
  const ScoredIndicator* connection = Find(first.scorecard, "hotline_connection_rate");
  ASSERT_NE(connection, nullptr);
  EXPECT_EQ(connection->points_hundredths, absl::nullopt);  // never a silent zero
  ASSERT_TRUE(connection->missing.has_value());
  EXPECT_THAT(connection->missing->error, HasSubstr("UNAVAILABLE"));
  EXPECT_THAT(observer_.reads,
              UnorderedElementsAre("intake ok", "routing ok", "archive ok",
                                   "hotline-registry failed", "channel-registry ok"));
  EXPECT_EQ(first.revision, 1);

  peers_.down.clear();
  observer_.reads.clear();
  ASSERT_OK_AND_ASSIGN(StoredScorecard second, Compute("broadband"));
  EXPECT_TRUE(second.scorecard.complete);
  EXPECT_THAT(second.scorecard.missing, IsEmpty());
  EXPECT_THAT(second.scorecard.total_hundredths, Optional(10000));
  EXPECT_EQ(second.revision, 2);
  EXPECT_THAT(observer_.reads, ::testing::Contains("hotline-registry ok"));
  EXPECT_THAT(observer_.computed, ElementsAre("monthly incomplete", "monthly complete"));
  ASSERT_OK_AND_ASSIGN(StoredScorecard read,
                       core_->GetScorecard(kCenter, "broadband", "2026-03", ""));
  EXPECT_EQ(read, second);
}

TEST_F(ScorecardCoreTest, S5_TheCsCenterAndBadRequestsAreRefusedNamingTheField) {
  EXPECT_THAT(FieldsOf(Compute("cs-center").status()), ElementsAre("unit_id"));
  EXPECT_THAT(Compute("cs-center").status(),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not scored")));
  EXPECT_THAT(FieldsOf(Compute("nowhere").status()), ElementsAre("unit_id"));
  EXPECT_THAT(FieldsOf(Compute("").status()), ElementsAre("unit_id"));
  EXPECT_THAT(FieldsOf(Compute("broadband", "no_such_set").status()), ElementsAre("set"));
  EXPECT_THAT(
      FieldsOf(core_->ComputeScorecard(kCenter, "nowhere", "2026-3", "x", NextKey()).status()),
      ElementsAre("unit_id", "month", "set"));
  EXPECT_THAT(
      FieldsOf(core_->ComputeScorecard(kCenter, "broadband", "2026-03", "", Key("")).status()),
      ElementsAre("request_id"));
  EXPECT_THAT(FieldsOf(core_->GetScorecard(kCenter, "cs-center", "2026-03", "").status()),
              ElementsAre("unit_id"));
  EXPECT_THAT(peers_.calls, IsEmpty());
  EXPECT_THAT(observer_.computed, IsEmpty());
}

TEST_F(ScorecardCoreTest, S5_TheAssessmentsOwnFiguresAreInputsFromTheAssessment) {
  NoticeStore& notices = notice_stores_.stores().notices;
  // RN-1: received 03-02, reply due 03-09, replied late on 03-12. RN-2: due 03-20, never replied.
  ASSERT_OK_AND_ASSIGN(NoticeWriteResult one,
                       notices.Create(testing::Issued("broadband"), Key("n-1")));
  ASSERT_OK(notices
                .Mutate(one.notice.id, {},
                        testing::ReceiveAt(ShanghaiTime(2026, 3, 2, 11, 0),
                                           ShanghaiTime(2026, 3, 9, 17, 30)))
                .status());
  ASSERT_OK(notices.Mutate(one.notice.id, {}, testing::ReplyAt(ShanghaiTime(2026, 3, 12, 10, 0)))
                .status());
  ASSERT_OK_AND_ASSIGN(
      NoticeWriteResult two,
      notices.Create(testing::Issued("broadband", ShanghaiTime(2026, 3, 13, 10, 0)), Key("n-2")));
  ASSERT_OK(notices
                .Mutate(two.notice.id, {},
                        testing::ReceiveAt(ShanghaiTime(2026, 3, 13, 11, 0),
                                           ShanghaiTime(2026, 3, 20, 17, 30)))
                .status());
  // Another unit's notice counts for that unit only.
  ASSERT_OK(notices.Create(testing::Issued("portal"), Key("n-3")).status());
  SurveySummary survey;
  survey.unit_id = "broadband";
  survey.method = SurveyMethod::kPhone;
  survey.period_start = absl::CivilDay(2026, 3, 1);
  survey.period_end = absl::CivilDay(2026, 3, 20);
  survey.sample_size = 200;
  survey.score = 4.3;
  survey.scale = 5;
  survey.recorded_by = "bb-staff";
  survey.recorded_at = ShanghaiTime(2026, 3, 21, 9, 0);
  ASSERT_OK(record_stores_.surveys().Record(survey, Key("sv-1")).status());

  const absl::Time now = clock_.Now();
  ASSERT_OK_AND_ASSIGN(StoredScorecard stored, Compute("broadband"));
  const ScoredIndicator* rectification = Find(stored.scorecard, "rectification_on_time");
  ASSERT_NE(rectification, nullptr);
  ASSERT_TRUE(rectification->input.has_value());
  EXPECT_EQ(rectification->input->source, "assessment");
  EXPECT_EQ(rectification->input->read_at, now);
  EXPECT_EQ(rectification->input->findings, 2);  // partner 4 named too, counted elsewhere
  EXPECT_THAT(rectification->input->note, AllOf(HasSubstr("RN-1"), HasSubstr("came late"),
                                                HasSubstr("RN-2"), HasSubstr("not received")));
  // 8 points, 25 % each finding: 8 × (1 − 0.5) = 4.
  EXPECT_THAT(rectification->points_hundredths, Optional(400));
  // Both notices name partner PA-4 (S7): two partner findings, 3 × (1 − 0.4) = 1.8.
  const ScoredIndicator* partner = Find(stored.scorecard, "partner_findings");
  ASSERT_NE(partner, nullptr);
  ASSERT_TRUE(partner->input.has_value());
  EXPECT_EQ(partner->input->findings, 2);
  EXPECT_THAT(partner->points_hundredths, Optional(180));

  const ScoredIndicator* satisfaction = Find(stored.scorecard, "satisfaction");
  ASSERT_NE(satisfaction, nullptr);
  ASSERT_TRUE(satisfaction->input.has_value());
  EXPECT_EQ(satisfaction->input->numerator, 4.3);
  EXPECT_EQ(satisfaction->input->denominator, 5);
  EXPECT_THAT(satisfaction->input->note, HasSubstr("SV-1"));
  // 86 % of a 90 % target: 6 × 86 / 90 = 5.73.
  EXPECT_THAT(satisfaction->points_hundredths, Optional(573));

  // Nothing else recorded: no findings, and no tasks is nothing to count.
  const ScoredIndicator* tasks = Find(stored.scorecard, "special_tasks_on_time");
  ASSERT_NE(tasks, nullptr);
  EXPECT_TRUE(tasks->nothing_to_count);
  EXPECT_EQ(tasks->input->source, "assessment");

  // The peers were asked for their figures only.
  ASSERT_THAT(peers_.calls, SizeIs(1));
  EXPECT_THAT(peers_.calls[0], SizeIs(11));
  EXPECT_THAT(peers_.calls[0], ::testing::Not(::testing::Contains("rectification_on_time")));
  // 100 − (8 − 4) − (3 − 1.8) − (6 − 5.73) = 94.53.
  EXPECT_THAT(stored.scorecard.total_hundredths, Optional(9453));
}

TEST_F(ScorecardCoreTest, S5_TheScorecardKeepsEveryInputAndRecomputesTheSame) {
  peers_.figures["hotline_connection_rate"] = {760, 1000};
  peers_.down = {"archive"};
  ASSERT_OK_AND_ASSIGN(StoredScorecard stored, Compute("portal"));
  const Scorecard& card = stored.scorecard;
  ASSERT_THAT(card.indicators, SizeIs(17));
  for (const ScoredIndicator& indicator : card.indicators) {
    EXPECT_NE(indicator.input.has_value(), indicator.missing.has_value()) << indicator.indicator_id;
  }
  const ScorecardInputs inputs = InputsOf(card);
  EXPECT_THAT(inputs.inputs, SizeIs(15));
  EXPECT_THAT(inputs.missing, SizeIs(2));
  const IndicatorSetDefinition* monthly = FindIndicatorSetDefinition(definitions_.sets, "monthly");
  ASSERT_NE(monthly, nullptr);
  ASSERT_OK_AND_ASSIGN(Scorecard again, ComputeScorecard("portal", kMarch, *monthly,
                                                         definitions_.indicators, inputs));
  EXPECT_EQ(again, card);
  EXPECT_EQ(Find(card, "hotline_connection_rate")->input->numerator, 760);
  EXPECT_EQ(Find(card, "hotline_connection_rate")->input->rpc, "test/Read");
}

TEST_F(ScorecardCoreTest, S6_ABlueBookSetIsScoredOnItsOwnIndicatorsAndWeights) {
  peers_.figures["hotline_connection_rate"] = {700, 1000};
  ASSERT_OK_AND_ASSIGN(StoredScorecard blue, Compute("broadband", "blue_book_service_quality"));
  EXPECT_EQ(blue.scorecard.set_name, "blue_book_service_quality");
  EXPECT_EQ(blue.scorecard.set_title, "蓝皮书指标专项考核：服务质量");
  ASSERT_THAT(blue.scorecard.indicators, SizeIs(5));
  ASSERT_THAT(peers_.calls, SizeIs(1));
  EXPECT_THAT(peers_.calls[0], ElementsAre("hotline_connection_rate", "hotline_phrase_use",
                                           "channel_faults_repaired_in_time"));
  // 70 % of 80 %: 25 × 70 / 80 = 21.875 -> 21.88; everything else full: 96.88.
  EXPECT_THAT(Find(blue.scorecard, "hotline_connection_rate")->points_hundredths, Optional(2188));
  EXPECT_THAT(blue.scorecard.total_hundredths, Optional(9688));
  EXPECT_THAT(observer_.computed, ElementsAre("blue_book_service_quality complete"));
  // The monthly set of the same unit and month is another scorecard, not computed.
  EXPECT_THAT(core_->GetScorecard(kCenter, "broadband", "2026-03", "monthly"),
              StatusIs(absl::StatusCode::kNotFound));
  ASSERT_OK_AND_ASSIGN(StoredScorecard read, core_->GetScorecard(kCenter, "broadband", "2026-03",
                                                                 "blue_book_service_quality"));
  EXPECT_EQ(read, blue);
}

TEST_F(ScorecardCoreTest, M7_17_RolesAUnitReadsItsOwnTheOfficeSummarizesAndFeedsBack) {
  EXPECT_THAT(Compute("broadband", "", kBroadbandManager),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Compute("broadband", "", kOffice), StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK(Compute("broadband", "", kService).status());
  peers_.figures["dispatch_on_time"] = {9, 10};
  ASSERT_OK(Compute("portal").status());
  peers_.figures.clear();
  peers_.down = {"intake"};
  ASSERT_OK(Compute("service-desk").status());

  // Feedback: OFFICE only, on a computed scorecard.
  EXPECT_THAT(core_->RecordFeedback(kCenter, "broadband", "2026-03", "", "好", NextKey()),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(core_->RecordFeedback(kOffice, "broadband", "2026-03", "blue_book_service_quality",
                                    "好", NextKey()),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(
      FieldsOf(core_->RecordFeedback(kOffice, "broadband", "2026-3", "", " ", NextKey()).status()),
      ElementsAre("month", "feedback"));
  clock_.SetTime(ShanghaiTime(2026, 4, 21, 15, 0));
  ASSERT_OK_AND_ASSIGN(StoredScorecard with_feedback,
                       core_->RecordFeedback(kOffice, "broadband", "2026-03", "",
                                             "转派工单处理及时，请保持。", NextKey()));
  ASSERT_TRUE(with_feedback.feedback.has_value());
  EXPECT_EQ(with_feedback.feedback->by, "office-1");
  EXPECT_EQ(with_feedback.feedback->at, ShanghaiTime(2026, 4, 21, 15, 0));

  // The unit reads its own, feedback included; not another unit's.
  ASSERT_OK_AND_ASSIGN(StoredScorecard own,
                       core_->GetScorecard(kBroadbandStaff, "", "2026-03", ""));
  EXPECT_EQ(own.scorecard.unit_id, "broadband");
  ASSERT_TRUE(own.feedback.has_value());
  EXPECT_EQ(own.feedback->text, "转派工单处理及时，请保持。");
  EXPECT_THAT(core_->GetScorecard(kBroadbandStaff, "portal", "2026-03", ""),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK(core_->GetScorecard(kPortalStaff, "portal", "2026-03", "").status());
  ASSERT_OK(core_->GetScorecard(kOffice, "portal", "2026-03", "").status());

  // The summary: OFFICE and CS_CENTER; complete ones ranked, then the incomplete.
  EXPECT_THAT(core_->GetScorecardSummary(kBroadbandManager, "2026-03", ""),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK(core_->GetScorecardSummary(kCenter, "2026-03", "").status());
  ASSERT_OK_AND_ASSIGN(ScorecardSummaryResult summary,
                       core_->GetScorecardSummary(kOffice, "2026-03", ""));
  ASSERT_THAT(summary.summary.ranked, SizeIs(2));
  EXPECT_EQ(summary.summary.ranked[0].unit_id, "broadband");
  EXPECT_EQ(summary.summary.ranked[1].unit_id, "portal");
  ASSERT_THAT(summary.summary.incomplete, SizeIs(1));
  EXPECT_EQ(summary.summary.incomplete[0].unit_id, "service-desk");
  ASSERT_THAT(summary.scorecards, SizeIs(3));
  EXPECT_EQ(summary.scorecards[0].scorecard.unit_id, "broadband");
  EXPECT_TRUE(summary.scorecards[0].feedback.has_value());
  EXPECT_EQ(summary.scorecards[1].scorecard.unit_id, "portal");
  EXPECT_EQ(summary.scorecards[2].scorecard.unit_id, "service-desk");
  EXPECT_FALSE(summary.scorecards[2].scorecard.complete);

  // A recomputation keeps the feedback.
  peers_.down.clear();
  ASSERT_OK_AND_ASSIGN(StoredScorecard recomputed, Compute("broadband"));
  EXPECT_EQ(recomputed.revision, 2);
  EXPECT_EQ(recomputed.feedback, with_feedback.feedback);
}

TEST_F(ScorecardCoreTest, S5_AReplayedRequestIsNotComputedOrCountedTwice) {
  const RequestKey first = Key("compute-1");
  ASSERT_OK_AND_ASSIGN(StoredScorecard a,
                       core_->ComputeScorecard(kCenter, "broadband", "2026-03", "", first));
  ASSERT_OK_AND_ASSIGN(StoredScorecard again,
                       core_->ComputeScorecard(kCenter, "broadband", "2026-03", "", first));
  EXPECT_EQ(again, a);
  EXPECT_EQ(again.revision, 1);
  EXPECT_THAT(observer_.computed, SizeIs(1));

  const RequestKey second = Key("compute-2");
  ASSERT_OK_AND_ASSIGN(StoredScorecard b,
                       core_->ComputeScorecard(kCenter, "broadband", "2026-03", "", second));
  EXPECT_EQ(b.revision, 2);
  // Both keys answer with the scorecard as it is now, neither recomputes.
  for (const RequestKey& key : {first, second}) {
    ASSERT_OK_AND_ASSIGN(StoredScorecard replayed,
                         core_->ComputeScorecard(kCenter, "broadband", "2026-03", "", key));
    EXPECT_EQ(replayed.revision, 2);
  }
  EXPECT_THAT(observer_.computed, SizeIs(2));
  // The same request_id with another body is another request.
  EXPECT_THAT(FieldsOf(core_
                           ->ComputeScorecard(kCenter, "broadband", "2026-03", "",
                                              Key("compute-1", "another body"))
                           .status()),
              ElementsAre("request_id"));
}

TEST_F(ScorecardCoreTest, S5_TheSweepScoresEveryUnitButTheCsCenterAndCompletesLater) {
  // Before March's last report is due (04-08), the latest month due is February.
  EXPECT_THAT(core_->LatestDueMonth(ShanghaiTime(2026, 4, 3, 9, 0)),
              ::cs::common::testing::IsOkAndHolds(absl::CivilMonth(2026, 2)));
  EXPECT_THAT(core_->LatestDueMonth(MarchDue()), ::cs::common::testing::IsOkAndHolds(kMarch));

  clock_.SetTime(MarchDue() + absl::Minutes(1));
  peers_.down = {"routing"};
  ASSERT_OK(core_->Sweep());
  EXPECT_THAT(observer_.computed,
              ElementsAre("monthly incomplete", "monthly incomplete", "monthly incomplete"));
  for (const std::string unit : {"service-desk", "broadband", "portal"}) {
    ASSERT_OK_AND_ASSIGN(StoredScorecard stored, core_->GetScorecard(kCenter, unit, "2026-03", ""));
    EXPECT_EQ(stored.revision, 1) << unit;
    EXPECT_THAT(MissingIds(stored.scorecard), ElementsAre("dispatch_on_time")) << unit;
  }
  ASSERT_OK_AND_ASSIGN(std::vector<StoredScorecard> desk,
                       record_stores_.scorecards().ListForMonth(kMarch, "monthly"));
  EXPECT_THAT(desk, SizeIs(3));
  EXPECT_EQ(observer_.snapshot.month, kMarch);
  ASSERT_THAT(observer_.snapshot.scorecards, SizeIs(2));
  EXPECT_EQ(observer_.snapshot.scorecards[0].set_name, "monthly");
  EXPECT_EQ(observer_.snapshot.scorecards[0].complete, 0);
  EXPECT_EQ(observer_.snapshot.scorecards[0].incomplete, 3);
  EXPECT_EQ(observer_.snapshot.scorecards[1].set_name, "blue_book_service_quality");

  // Still away: the stored scorecards say so already; no new revision, nothing counted again.
  clock_.SetTime(MarchDue() + absl::Minutes(3));
  ASSERT_OK(core_->Sweep());
  EXPECT_THAT(observer_.computed, SizeIs(3));
  ASSERT_OK_AND_ASSIGN(StoredScorecard waiting,
                       core_->GetScorecard(kCenter, "portal", "2026-03", ""));
  EXPECT_EQ(waiting.revision, 1);

  // The source comes back: the next round completes every one.
  peers_.down.clear();
  clock_.SetTime(MarchDue() + absl::Minutes(6));
  ASSERT_OK(core_->Sweep());
  EXPECT_THAT(observer_.computed, SizeIs(6));
  EXPECT_EQ(observer_.snapshot.scorecards[0].complete, 3);
  EXPECT_EQ(observer_.snapshot.scorecards[0].incomplete, 0);
  ASSERT_OK_AND_ASSIGN(StoredScorecard portal,
                       core_->GetScorecard(kCenter, "portal", "2026-03", ""));
  EXPECT_EQ(portal.revision, 2);
  EXPECT_TRUE(portal.scorecard.complete);

  // Complete ones are left alone; the counts are not doubled.
  ASSERT_OK(core_->Sweep());
  EXPECT_THAT(observer_.computed, SizeIs(6));
  EXPECT_EQ(observer_.snapshots, 4);
  EXPECT_EQ(observer_.snapshot.scorecards[0].complete, 3);
}

}  // namespace
}  // namespace cs::assessment
