// S5: each answer of another service becomes the inputs of the indicators it carries — the figure
// counted as cs.config.v1.IndicatorSource says, its source, RPC and read time — and an answer about
// another unit or month, or an inconsistent one, is refused rather than scored.
#include "services/assessment/api/peer_figures.h"

#include <string>

#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"

namespace cs::assessment {
namespace {

using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::StatusIs;
using ::testing::AllOf;
using ::testing::Field;
using ::testing::HasSubstr;

const absl::CivilMonth kMay(2026, 5);
const absl::Time kReadAt = common::testing::ShanghaiTime(2026, 6, 10, 9, 0);

template <typename Message>
Message Parse(const std::string& text) {
  Message message;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &message)) << text;
  return message;
}

IndicatorDefinition Indicator(IndicatorSource source) {
  IndicatorDefinition indicator;
  indicator.id = "indicator_under_test";
  indicator.source = source;
  indicator.rule = ScoringRule::kPercentOfTarget;
  indicator.target_percent = 100;
  return indicator;
}

// numerator of denominator, from `source` through `rpc`, read at kReadAt.
auto Figure(double numerator, double denominator, absl::string_view source, absl::string_view rpc) {
  return AllOf(Field(&IndicatorInput::indicator_id, "indicator_under_test"),
               Field(&IndicatorInput::numerator, numerator),
               Field(&IndicatorInput::denominator, denominator),
               Field(&IndicatorInput::findings, 0), Field(&IndicatorInput::source, source),
               Field(&IndicatorInput::rpc, rpc), Field(&IndicatorInput::read_at, kReadAt));
}

auto NoteSays(absl::string_view text) { return Field(&IndicatorInput::note, HasSubstr(text)); }

TEST(PeerFigures, S5_EveryRpcNameIsAMethodOfThePeersContract) {
  const google::protobuf::DescriptorPool* pool = google::protobuf::DescriptorPool::generated_pool();
  for (absl::string_view rpc :
       {kIntakeForwardingStatisticsRpc, kRoutingMonthlyStatisticsRpc, kArchiveMonthlyReportsRpc,
        kArchiveCompletenessRpc, kHotlineMonthlyStatisticsRpc, kChannelMonthlyStatisticsRpc}) {
    ASSERT_EQ(rpc.substr(0, 1), "/") << rpc;
    std::string method(rpc.substr(1));
    method[method.rfind('/')] = '.';
    EXPECT_NE(pool->FindMethodByName(method), nullptr) << rpc;
  }
}

TEST(PeerFigures, S5_EveryPeerSourceHasItsRpcAndTheAssessmentsOwnNone) {
  for (int i = 0; i <= static_cast<int>(IndicatorSource::kPartnerFindings); ++i) {
    const auto source = static_cast<IndicatorSource>(i);
    EXPECT_EQ(PeerRpcOf(source).empty(), SourceService(source) == kSourceAssessment) << i;
  }
  EXPECT_EQ(PeerRpcOf(IndicatorSource::kArchiveCompleteness), kArchiveCompletenessRpc);
  EXPECT_EQ(PeerRpcOf(IndicatorSource::kChannelReportOnTime), kChannelMonthlyStatisticsRpc);
}

TEST(PeerFigures, S5_AFailedCallIsAMissingInputWithCodeAndMessage) {
  const MissingInput missing =
      MissingPeerInput(Indicator(IndicatorSource::kHotlinePhraseUse), kHotlineMonthlyStatisticsRpc,
                       kReadAt, absl::UnavailableError("failed to connect to all addresses"));
  EXPECT_EQ(missing, (MissingInput{"indicator_under_test", "hotline-registry",
                                   std::string(kHotlineMonthlyStatisticsRpc), kReadAt,
                                   "UNAVAILABLE: failed to connect to all addresses"}));
  EXPECT_EQ(PeerErrorText(absl::DeadlineExceededError("")), "DEADLINE_EXCEEDED");
}

// --- intake
// ---------------------------------------------------------------------------------------

constexpr char kForwarding[] = R"pb(
  unit_id: "broadband"
  month: "2026-05"
  recorded: 40
  forwarded: 20
  confirmed_on_time: 15
  confirmed_late: 2
  unconfirmed_deadline_passed: 1
  unconfirmed_deadline_not_passed: 2
  special_requests: 3
  special_requests_confirmed_on_time: 2
  closed: 30
  as_of { seconds: 1780000000 }
)pb";

TEST(PeerFigures, S5_ForwardingOnTimeCountsTheFirstForwardsWhoseDeadlinePassed) {
  const auto answer = Parse<intake::v1::MonthlyForwardingStatistics>(kForwarding);
  EXPECT_THAT(InputFromForwardingStatistics(Indicator(IndicatorSource::kIntakeForwardingOnTime),
                                            "broadband", kMay, answer, kReadAt),
              IsOkAndHolds(AllOf(Figure(15, 18, "intake", kIntakeForwardingStatisticsRpc),
                                 NoteSays("2 forwards still within the deadline not counted"))));
}

TEST(PeerFigures, S5_NoForwardIsNothingToCount) {
  const auto answer = Parse<intake::v1::MonthlyForwardingStatistics>(
      R"pb(unit_id: "broadband" month: "2026-05" recorded: 3 closed: 1)pb");
  EXPECT_THAT(InputFromForwardingStatistics(Indicator(IndicatorSource::kIntakeForwardingOnTime),
                                            "broadband", kMay, answer, kReadAt),
              IsOkAndHolds(Figure(0, 0, "intake", kIntakeForwardingStatisticsRpc)));
}

TEST(PeerFigures, S5_AForwardingAnswerAboutAnotherUnitOrMonthIsRefused) {
  const IndicatorDefinition indicator = Indicator(IndicatorSource::kIntakeForwardingOnTime);
  const auto answer = Parse<intake::v1::MonthlyForwardingStatistics>(kForwarding);
  EXPECT_THAT(InputFromForwardingStatistics(indicator, "portal", kMay, answer, kReadAt),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("\"portal\"")));
  EXPECT_THAT(InputFromForwardingStatistics(indicator, "broadband", absl::CivilMonth(2026, 4),
                                            answer, kReadAt),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("\"2026-04\"")));
}

TEST(PeerFigures, S5_ForwardingCountsThatDoNotAddUpAreRefused) {
  auto answer = Parse<intake::v1::MonthlyForwardingStatistics>(kForwarding);
  answer.set_forwarded(21);
  EXPECT_THAT(InputFromForwardingStatistics(Indicator(IndicatorSource::kIntakeForwardingOnTime),
                                            "broadband", kMay, answer, kReadAt),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("intake")));
  answer = Parse<intake::v1::MonthlyForwardingStatistics>(kForwarding);
  answer.set_confirmed_late(-1);
  answer.set_unconfirmed_deadline_passed(4);
  EXPECT_THAT(InputFromForwardingStatistics(Indicator(IndicatorSource::kIntakeForwardingOnTime),
                                            "broadband", kMay, answer, kReadAt),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("negative")));
}

TEST(PeerFigures, S5_AnAnswerGivesNoFigureOfAnotherSource) {
  const auto answer = Parse<intake::v1::MonthlyForwardingStatistics>(kForwarding);
  EXPECT_THAT(InputFromForwardingStatistics(Indicator(IndicatorSource::kArchiveCompleteness),
                                            "broadband", kMay, answer, kReadAt),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("indicator_under_test")));
  EXPECT_THAT(
      InputFromHotlineStatistics(Indicator(IndicatorSource::kChannelReportOnTime), "broadband",
                                 kMay, hotline::v1::MonthlyStatistics(), kReadAt),
      StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(InputFromChannelStatistics(Indicator(IndicatorSource::kSatisfaction), "broadband",
                                         kMay, channel::v1::MonthlyStatistics(), kReadAt),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

// --- routing
// --------------------------------------------------------------------------------------

TEST(PeerFigures, S5_DispatchOnTimeIsASnapshotOfTheJudgedOrders) {
  const auto answer = Parse<routing::v1::MonthlyStatistics>(R"pb(
    month: "2026-05"
    time_zone: "Asia/Shanghai"
    units { unit_id: "broadband" dispatched: 12 replied: 9 replied_on_time: 7 overdue: 3 }
  )pb");
  // 12 dispatched: 7 on time, 3 late or open past the limit, 2 open within it.
  EXPECT_THAT(
      InputFromRoutingStatistics(Indicator(IndicatorSource::kRoutingDispatchOnTime), "broadband",
                                 kMay, answer, kReadAt),
      IsOkAndHolds(AllOf(Figure(7, 10, "routing", kRoutingMonthlyStatisticsRpc),
                         NoteSays("snapshot"), NoteSays("2 orders still open within the limit"))));
}

TEST(PeerFigures, S5_NoDispatchedOrderIsNothingToCount) {
  const auto answer =
      Parse<routing::v1::MonthlyStatistics>(R"pb(month: "2026-05"
                                                 units { unit_id: "broadband" })pb");
  EXPECT_THAT(InputFromRoutingStatistics(Indicator(IndicatorSource::kRoutingDispatchOnTime),
                                         "broadband", kMay, answer, kReadAt),
              IsOkAndHolds(Figure(0, 0, "routing", kRoutingMonthlyStatisticsRpc)));
}

TEST(PeerFigures, S5_ARoutingAnswerAboutAnotherUnitOrMonthIsRefused) {
  const IndicatorDefinition indicator = Indicator(IndicatorSource::kRoutingDispatchOnTime);
  EXPECT_THAT(InputFromRoutingStatistics(indicator, "broadband", kMay,
                                         Parse<routing::v1::MonthlyStatistics>(
                                             R"pb(month: "2026-05"
                                                  units { unit_id: "portal" dispatched: 1 })pb"),
                                         kReadAt),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("\"portal\"")));
  EXPECT_THAT(InputFromRoutingStatistics(indicator, "broadband", kMay,
                                         Parse<routing::v1::MonthlyStatistics>(
                                             R"pb(month: "2026-04"
                                                  units { unit_id: "broadband" })pb"),
                                         kReadAt),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("\"2026-04\"")));
  EXPECT_THAT(InputFromRoutingStatistics(
                  indicator, "broadband", kMay,
                  Parse<routing::v1::MonthlyStatistics>(R"pb(month: "2026-05")pb"), kReadAt),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("no entry")));
  EXPECT_THAT(
      InputFromRoutingStatistics(
          indicator, "broadband", kMay, Parse<routing::v1::MonthlyStatistics>(R"pb(
            month: "2026-05"
            units { unit_id: "broadband" dispatched: 2 replied: 2 replied_on_time: 2 overdue: 1 }
          )pb"),
          kReadAt),
      StatusIs(absl::StatusCode::kInternal, HasSubstr("exceed")));
}

// --- archive
// --------------------------------------------------------------------------------------

archive::v1::ListMonthlyReportsResponse Reports(const std::string& report) {
  return Parse<archive::v1::ListMonthlyReportsResponse>(
      "reports { unit_id: \"broadband\" month: \"2026-05\" due { at { seconds: 1780000000 } } " +
      report + " }");
}

TEST(PeerFigures, S5_TheMonthlyReportIsOneOfOneOnTimeOrNoneOfOne) {
  const IndicatorDefinition indicator = Indicator(IndicatorSource::kArchiveMonthlyReportOnTime);
  EXPECT_THAT(
      InputFromMonthlyReports(
          indicator, "broadband", kMay,
          Reports("submitted: true on_time: true submitted_at { seconds: 1779990000 }"), kReadAt),
      IsOkAndHolds(AllOf(Figure(1, 1, "archive", kArchiveMonthlyReportsRpc), NoteSays("on time"))));
  EXPECT_THAT(
      InputFromMonthlyReports(indicator, "broadband", kMay,
                              Reports("submitted: true submitted_at { seconds: 1780100000 }"),
                              kReadAt),
      IsOkAndHolds(AllOf(Figure(0, 1, "archive", kArchiveMonthlyReportsRpc), NoteSays("late"))));
  EXPECT_THAT(
      InputFromMonthlyReports(indicator, "broadband", kMay, Reports("overdue: true"), kReadAt),
      IsOkAndHolds(
          AllOf(Figure(0, 1, "archive", kArchiveMonthlyReportsRpc), NoteSays("not submitted"))));
}

TEST(PeerFigures, S5_AReportNotYetDueGivesNoFigure) {
  EXPECT_THAT(InputFromMonthlyReports(Indicator(IndicatorSource::kArchiveMonthlyReportOnTime),
                                      "broadband", kMay, Reports(""), kReadAt),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not due")));
}

TEST(PeerFigures, S5_AReportListAboutAnotherUnitOrMonthOrWithoutTheUnitIsRefused) {
  const IndicatorDefinition indicator = Indicator(IndicatorSource::kArchiveMonthlyReportOnTime);
  EXPECT_THAT(InputFromMonthlyReports(indicator, "portal", kMay, Reports("overdue: true"), kReadAt),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("\"portal\"")));
  EXPECT_THAT(InputFromMonthlyReports(indicator, "broadband", absl::CivilMonth(2026, 6),
                                      Reports("overdue: true"), kReadAt),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("\"2026-06\"")));
  EXPECT_THAT(InputFromMonthlyReports(indicator, "broadband", kMay,
                                      archive::v1::ListMonthlyReportsResponse(), kReadAt),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("\"broadband\"")));
}

constexpr char kCompleteness[] = R"pb(
  unit_id: "broadband"
  month: "2026-05"
  time_zone: "Asia/Shanghai"
  archived_closed_in_month: 27
  serial_months {
    serial_month: "2026-05"
    archived_serials: 27
    highest_archived_serial: 29
    missing_count: 2
    missing_serials: 4
    missing_serials: 9
  }
  missing_serials_total: 2
)pb";

TEST(PeerFigures, S5_CompletenessIsTheArchivedOfTheTicketsIntakeClosed) {
  const auto intake = Parse<intake::v1::MonthlyForwardingStatistics>(kForwarding);  // closed: 30
  EXPECT_THAT(InputFromArchiveCompleteness(
                  Indicator(IndicatorSource::kArchiveCompleteness), "broadband", kMay,
                  Parse<archive::v1::ArchiveCompleteness>(kCompleteness), intake, kReadAt),
              IsOkAndHolds(AllOf(Figure(27, 30, "archive", kArchiveCompletenessRpc),
                                 NoteSays("2 serials missing"))));
}

TEST(PeerFigures, S5_CompletenessWithNothingClosedOrMoreArchivedThanClosed) {
  const IndicatorDefinition indicator = Indicator(IndicatorSource::kArchiveCompleteness);
  const auto none = Parse<intake::v1::MonthlyForwardingStatistics>(R"pb(unit_id: "broadband"
                                                                        month: "2026-05")pb");
  EXPECT_THAT(InputFromArchiveCompleteness(
                  indicator, "broadband",
                  kMay, Parse<archive::v1::ArchiveCompleteness>(R"pb(unit_id: "broadband"
                                                                     month: "2026-05")pb"),
                  none, kReadAt),
              IsOkAndHolds(Figure(0, 0, "archive", kArchiveCompletenessRpc)));
  // A ticket closed between intake's read and the archive's.
  auto intake = Parse<intake::v1::MonthlyForwardingStatistics>(kForwarding);
  intake.set_closed(26);
  EXPECT_THAT(InputFromArchiveCompleteness(indicator, "broadband", kMay,
                                           Parse<archive::v1::ArchiveCompleteness>(kCompleteness),
                                           intake, kReadAt),
              IsOkAndHolds(AllOf(Figure(26, 26, "archive", kArchiveCompletenessRpc),
                                 NoteSays("more archived than intake counted"))));
}

TEST(PeerFigures, S5_CompletenessAnswersAboutAnotherUnitOrMonthAreRefused) {
  const IndicatorDefinition indicator = Indicator(IndicatorSource::kArchiveCompleteness);
  const auto intake = Parse<intake::v1::MonthlyForwardingStatistics>(kForwarding);
  auto archive = Parse<archive::v1::ArchiveCompleteness>(kCompleteness);
  archive.set_unit_id("portal");
  EXPECT_THAT(InputFromArchiveCompleteness(indicator, "broadband", kMay, archive, intake, kReadAt),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("archive answered about")));
  archive = Parse<archive::v1::ArchiveCompleteness>(kCompleteness);
  auto other_month = intake;
  other_month.set_month("2026-04");
  EXPECT_THAT(
      InputFromArchiveCompleteness(indicator, "broadband", kMay, archive, other_month, kReadAt),
      StatusIs(absl::StatusCode::kInternal, HasSubstr("intake answered about")));
}

// --- hotline-registry
// -----------------------------------------------------------------------------

constexpr char kHotlines[] = R"pb(
  unit_id: "broadband"
  month: "2026-05"
  hotlines {
    hotline_id: "HL-1"
    offered: 600
    answered: 450
    phrase_use_percent: 90
    calls_scored: 50
    calls_using_every_phrase: 45
    report_submitted_on_time: true
  }
  hotlines {
    hotline_id: "HL-2"
    offered: 400
    answered: 310
    phrase_use_percent: 70
    calls_scored: 150
    calls_using_every_phrase: 105
    report_overdue: true
  }
)pb";

TEST(PeerFigures, S5_HotlineFiguresSumTheUnitsHotlines) {
  const auto answer = Parse<hotline::v1::MonthlyStatistics>(kHotlines);
  EXPECT_THAT(InputFromHotlineStatistics(Indicator(IndicatorSource::kHotlineConnectionRate),
                                         "broadband", kMay, answer, kReadAt),
              IsOkAndHolds(Figure(760, 1000, "hotline-registry", kHotlineMonthlyStatisticsRpc)));
  // Weighted by the scored calls: 150 of 200 (75 %), not the mean of 90 % and 70 %.
  EXPECT_THAT(InputFromHotlineStatistics(Indicator(IndicatorSource::kHotlinePhraseUse), "broadband",
                                         kMay, answer, kReadAt),
              IsOkAndHolds(AllOf(Figure(150, 200, "hotline-registry", kHotlineMonthlyStatisticsRpc),
                                 NoteSays("150 of 200 scored calls"))));
  EXPECT_THAT(InputFromHotlineStatistics(Indicator(IndicatorSource::kHotlineReportOnTime),
                                         "broadband", kMay, answer, kReadAt),
              IsOkAndHolds(AllOf(Figure(1, 2, "hotline-registry", kHotlineMonthlyStatisticsRpc),
                                 NoteSays("1 overdue"))));
}

TEST(PeerFigures, S5_NoScoredCallIsNothingToCountForPhraseUse) {
  auto answer = Parse<hotline::v1::MonthlyStatistics>(kHotlines);
  for (hotline::v1::HotlineMonth& hotline : *answer.mutable_hotlines()) {
    hotline.set_calls_scored(0);
    hotline.set_calls_using_every_phrase(0);
    hotline.set_phrase_use_percent(100);
  }
  EXPECT_THAT(InputFromHotlineStatistics(Indicator(IndicatorSource::kHotlinePhraseUse), "broadband",
                                         kMay, answer, kReadAt),
              IsOkAndHolds(Figure(0, 0, "hotline-registry", kHotlineMonthlyStatisticsRpc)));
}

TEST(PeerFigures, S5_AHotlineReportNotYetDueGivesNoFigure) {
  auto answer = Parse<hotline::v1::MonthlyStatistics>(kHotlines);
  answer.mutable_hotlines(1)->set_report_overdue(false);
  EXPECT_THAT(InputFromHotlineStatistics(Indicator(IndicatorSource::kHotlineReportOnTime),
                                         "broadband", kMay, answer, kReadAt),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("1 hotline"), HasSubstr("not due yet"))));
  // The other figures of the answer do not wait for the report.
  EXPECT_THAT(InputFromHotlineStatistics(Indicator(IndicatorSource::kHotlineConnectionRate),
                                         "broadband", kMay, answer, kReadAt),
              IsOkAndHolds(Figure(760, 1000, "hotline-registry", kHotlineMonthlyStatisticsRpc)));
}

TEST(PeerFigures, S5_AUnitWithoutHotlinesHasNothingToCount) {
  const auto answer = Parse<hotline::v1::MonthlyStatistics>(R"pb(unit_id: "broadband"
                                                                 month: "2026-05")pb");
  for (IndicatorSource source :
       {IndicatorSource::kHotlineConnectionRate, IndicatorSource::kHotlinePhraseUse,
        IndicatorSource::kHotlineReportOnTime}) {
    EXPECT_THAT(InputFromHotlineStatistics(Indicator(source), "broadband", kMay, answer, kReadAt),
                IsOkAndHolds(Figure(0, 0, "hotline-registry", kHotlineMonthlyStatisticsRpc)));
  }
}

TEST(PeerFigures, S5_AHotlineAnswerAboutAnotherUnitOrInconsistentIsRefused) {
  const IndicatorDefinition indicator = Indicator(IndicatorSource::kHotlineConnectionRate);
  auto answer = Parse<hotline::v1::MonthlyStatistics>(kHotlines);
  EXPECT_THAT(InputFromHotlineStatistics(indicator, "portal", kMay, answer, kReadAt),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("hotline-registry answered about")));
  answer.set_month("2026-06");
  EXPECT_THAT(InputFromHotlineStatistics(indicator, "broadband", kMay, answer, kReadAt),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("\"2026-06\"")));
  answer = Parse<hotline::v1::MonthlyStatistics>(kHotlines);
  answer.mutable_hotlines(1)->set_answered(401);
  EXPECT_THAT(InputFromHotlineStatistics(indicator, "broadband", kMay, answer, kReadAt),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("HL-2")));
  answer = Parse<hotline::v1::MonthlyStatistics>(kHotlines);
  answer.mutable_hotlines(0)->set_phrase_use_percent(101);
  EXPECT_THAT(InputFromHotlineStatistics(Indicator(IndicatorSource::kHotlinePhraseUse), "broadband",
                                         kMay, answer, kReadAt),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("HL-1")));
  answer = Parse<hotline::v1::MonthlyStatistics>(kHotlines);
  answer.mutable_hotlines(1)->set_calls_using_every_phrase(151);
  EXPECT_THAT(InputFromHotlineStatistics(Indicator(IndicatorSource::kHotlinePhraseUse), "broadband",
                                         kMay, answer, kReadAt),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("HL-2")));
  // A percent without the counts it is the ratio of (a registry that does not send them).
  answer = Parse<hotline::v1::MonthlyStatistics>(kHotlines);
  answer.mutable_hotlines(1)->clear_calls_scored();
  answer.mutable_hotlines(1)->clear_calls_using_every_phrase();
  EXPECT_THAT(InputFromHotlineStatistics(Indicator(IndicatorSource::kHotlinePhraseUse), "broadband",
                                         kMay, answer, kReadAt),
              StatusIs(absl::StatusCode::kInternal, AllOf(HasSubstr("HL-2"), HasSubstr("0 of 0"))));
  answer = Parse<hotline::v1::MonthlyStatistics>(kHotlines);
  answer.mutable_hotlines(0)->set_report_overdue(true);
  EXPECT_THAT(InputFromHotlineStatistics(Indicator(IndicatorSource::kHotlineReportOnTime),
                                         "broadband", kMay, answer, kReadAt),
              StatusIs(absl::StatusCode::kInternal,
                       AllOf(HasSubstr("HL-1"), HasSubstr("on time and overdue"))));
}

TEST(PeerFigures, S5_TheMappedInputsAreWhatTheScorecardAccepts) {
  IndicatorDefinition phrase = Indicator(IndicatorSource::kHotlinePhraseUse);
  phrase.target_percent = 90;
  IndicatorSetDefinition set;
  set.name = "monthly";
  set.indicators = {{phrase.id, kSetWeightTotalPoints}};
  ASSERT_OK_AND_ASSIGN(
      IndicatorInput input,
      InputFromHotlineStatistics(phrase, "broadband", kMay,
                                 Parse<hotline::v1::MonthlyStatistics>(kHotlines), kReadAt));
  ScorecardInputs gathered;
  gathered.inputs.push_back(input);
  const IndicatorDefinition definitions[] = {phrase};
  // 75 % of a 90 % target: 83.33 of 100 points.
  EXPECT_THAT(ComputeScorecard("broadband", kMay, set, definitions, gathered),
              IsOkAndHolds(Field(&Scorecard::total_hundredths, 8333)));
}

// --- channel-registry
// -----------------------------------------------------------------------------

constexpr char kChannels[] = R"pb(
  unit_id: "broadband"
  month: "2026-05"
  channels {
    channel_id: "CH-1"
    checks_made: 28
    checks_missed: 2
    faults_repaired: 3
    faults_repaired_in_time: 2
    faults_overdue: 1
    report_submitted_on_time: true
  }
  channels {
    channel_id: "CH-2"
    checks_made: 30
    faults_repaired: 2
    faults_repaired_in_time: 1
    report_overdue: true
  }
  channels {
    channel_id: "CH-3"
    checks_made: 15
    checks_missed: 5
    faults_overdue: 2
    report_submitted_on_time: true
  }
  channels_in_use: 3
  filings_complete_and_accurate: 2
  inaccurate_findings: 1
  unfiled_channels: 1
)pb";

TEST(PeerFigures, S5_ChannelFiguresSumTheUnitsChannels) {
  const auto answer = Parse<channel::v1::MonthlyStatistics>(kChannels);
  // The unfiled channel is in use and not filed.
  EXPECT_THAT(InputFromChannelStatistics(Indicator(IndicatorSource::kChannelFilingsAccurate),
                                         "broadband", kMay, answer, kReadAt),
              IsOkAndHolds(Figure(2, 4, "channel-registry", kChannelMonthlyStatisticsRpc)));
  EXPECT_THAT(InputFromChannelStatistics(Indicator(IndicatorSource::kChannelChecksOnSchedule),
                                         "broadband", kMay, answer, kReadAt),
              IsOkAndHolds(Figure(73, 80, "channel-registry", kChannelMonthlyStatisticsRpc)));
  // Repaired in time, of those plus the faults due in the month not repaired by it; CH-2's late
  // repair was judged in its due month and counts in neither.
  EXPECT_THAT(InputFromChannelStatistics(Indicator(IndicatorSource::kChannelFaultsRepairedInTime),
                                         "broadband", kMay, answer, kReadAt),
              IsOkAndHolds(AllOf(Figure(3, 6, "channel-registry", kChannelMonthlyStatisticsRpc),
                                 NoteSays("3 faults due in the month not repaired by it"))));
  EXPECT_THAT(InputFromChannelStatistics(Indicator(IndicatorSource::kChannelReportOnTime),
                                         "broadband", kMay, answer, kReadAt),
              IsOkAndHolds(AllOf(Figure(2, 3, "channel-registry", kChannelMonthlyStatisticsRpc),
                                 NoteSays("1 overdue"))));
}

TEST(PeerFigures, S5_AChannelReportNotYetDueGivesNoFigure) {
  auto answer = Parse<channel::v1::MonthlyStatistics>(kChannels);
  answer.mutable_channels(1)->set_report_overdue(false);
  EXPECT_THAT(InputFromChannelStatistics(Indicator(IndicatorSource::kChannelReportOnTime),
                                         "broadband", kMay, answer, kReadAt),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("1 channel"), HasSubstr("not due yet"))));
  EXPECT_THAT(InputFromChannelStatistics(Indicator(IndicatorSource::kChannelChecksOnSchedule),
                                         "broadband", kMay, answer, kReadAt),
              IsOkAndHolds(Figure(73, 80, "channel-registry", kChannelMonthlyStatisticsRpc)));
}

TEST(PeerFigures, S5_AUnitWithoutChannelsHasNothingToCount) {
  const auto answer = Parse<channel::v1::MonthlyStatistics>(R"pb(unit_id: "broadband"
                                                                 month: "2026-05")pb");
  for (IndicatorSource source :
       {IndicatorSource::kChannelFilingsAccurate, IndicatorSource::kChannelChecksOnSchedule,
        IndicatorSource::kChannelFaultsRepairedInTime, IndicatorSource::kChannelReportOnTime}) {
    EXPECT_THAT(InputFromChannelStatistics(Indicator(source), "broadband", kMay, answer, kReadAt),
                IsOkAndHolds(Figure(0, 0, "channel-registry", kChannelMonthlyStatisticsRpc)));
  }
}

TEST(PeerFigures, S5_AChannelAnswerAboutAnotherUnitOrInconsistentIsRefused) {
  const IndicatorDefinition indicator = Indicator(IndicatorSource::kChannelReportOnTime);
  auto answer = Parse<channel::v1::MonthlyStatistics>(kChannels);
  EXPECT_THAT(InputFromChannelStatistics(indicator, "portal", kMay, answer, kReadAt),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("channel-registry answered about")));
  answer.set_month("2026-04");
  EXPECT_THAT(InputFromChannelStatistics(indicator, "broadband", kMay, answer, kReadAt),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("\"2026-04\"")));
  answer = Parse<channel::v1::MonthlyStatistics>(kChannels);
  answer.mutable_channels(1)->set_faults_repaired_in_time(3);
  EXPECT_THAT(InputFromChannelStatistics(indicator, "broadband", kMay, answer, kReadAt),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("CH-2")));
  answer = Parse<channel::v1::MonthlyStatistics>(kChannels);
  answer.mutable_channels(2)->set_faults_overdue(-1);
  EXPECT_THAT(InputFromChannelStatistics(indicator, "broadband", kMay, answer, kReadAt),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("negative")));
  answer = Parse<channel::v1::MonthlyStatistics>(kChannels);
  answer.mutable_channels(2)->set_report_overdue(true);
  EXPECT_THAT(InputFromChannelStatistics(indicator, "broadband", kMay, answer, kReadAt),
              StatusIs(absl::StatusCode::kInternal,
                       AllOf(HasSubstr("CH-3"), HasSubstr("on time and overdue"))));
  answer = Parse<channel::v1::MonthlyStatistics>(kChannels);
  answer.set_filings_complete_and_accurate(4);
  EXPECT_THAT(InputFromChannelStatistics(indicator, "broadband", kMay, answer, kReadAt),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("accurate filings")));
}

}  // namespace
}  // namespace cs::assessment
