// H8 (A4 热线服务人员用语规范, A2 7.9, 7.10.1): calls in Chinese that follow and that break each of
// the seven situations, scored against A4's exact texts.
#include "services/hotline-registry/domain/phrase_scorer.h"

#include <limits>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::hotline {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

constexpr absl::string_view kGreeting =
    "您好，这里是上海电信公司宽带业务部门，工号1024号，请问您需要什么帮助吗？";

Turn Agent(double at, absl::string_view text) { return {Speaker::kAgent, at, std::string(text)}; }
Turn Caller(double at, absl::string_view text) { return {Speaker::kCaller, at, std::string(text)}; }
CallEvent Event(CallEventKind kind, double at) { return {kind, at}; }

PhraseConfig Config() {
  PhraseConfig config;
  config.suggestion_keywords = {"建议", "意见", "批评", "投诉"};
  return config;
}

PhraseScore Score(const std::vector<Turn>& turns, const std::vector<CallEvent>& events,
                  const PhraseConfig& config = Config()) {
  return ScoreCall(turns, events, "1024", config);
}

const SituationResult& Of(const PhraseScore& score, Situation situation) {
  for (const SituationResult& result : score.situations) {
    if (result.situation == situation) return result;
  }
  static const SituationResult kNone;
  ADD_FAILURE() << "no result for situation " << static_cast<int>(situation);
  return kNone;
}

std::vector<Situation> Required(const PhraseScore& score) {
  std::vector<Situation> required;
  for (const SituationResult& result : score.situations) {
    if (result.required) required.push_back(result.situation);
  }
  return required;
}

// A call with a lookup on hold, a suggestion and the whole etiquette.
std::vector<Turn> ExemplaryTurns() {
  return {Agent(1, kGreeting),
          Caller(5, "你好，我家宽带从昨天开始上不了网。"),
          Agent(10, "请稍候，我帮您查查。"),
          Agent(101, "对不起，让您久等了。您所在小区的线路正在抢修，预计今晚八点前恢复。"),
          Caller(120, "好的。另外我建议你们抢修前能先发个短信通知用户。"),
          Agent(125, "谢谢您的建议，我们会尽快向上级部门反映。请问还有其他问题吗？"),
          Caller(130, "没有了，谢谢。"),
          Agent(132, "谢谢您的来电！再见。")};
}

std::vector<CallEvent> ExemplaryEvents() {
  return {Event(CallEventKind::kAnswered, 0), Event(CallEventKind::kHold, 40),
          Event(CallEventKind::kResume, 100), Event(CallEventKind::kEnded, 140)};
}

TEST(PhraseScorerTest, H8_ACallThatFollowsEveryPhraseScoresOneHundred) {
  const PhraseScore score = Score(ExemplaryTurns(), ExemplaryEvents());
  ASSERT_EQ(score.situations.size(), 7u);
  EXPECT_EQ(score.situations[0].situation, Situation::kGreeting);
  EXPECT_EQ(score.situations[6].situation, Situation::kClosing);
  EXPECT_THAT(Required(score),
              ElementsAre(Situation::kGreeting, Situation::kLookup, Situation::kAfterWait,
                          Situation::kAnythingElse, Situation::kSuggestion, Situation::kClosing));
  EXPECT_EQ(score.required, 6);
  EXPECT_EQ(score.used, 6);
  EXPECT_DOUBLE_EQ(score.score_percent, 100);
  EXPECT_THAT(score.Missing(), IsEmpty());
  EXPECT_EQ(score.agent_staff_number, "1024");
  EXPECT_FALSE(Of(score, Situation::kSilentLine).required);
}

TEST(PhraseScorerTest, H8_PunctuationSpacesAndFullWidthFormsDoNotMatter) {
  std::vector<Turn> turns = ExemplaryTurns();
  turns[0].text = "您好 这里是上海电信公司宽带业务部门 工号１０２４号 请问您需要什么帮助吗";
  turns[2].text = "请稍候, 我帮您查查.";
  turns[3].text = "对不起!让您久等了……线路正在抢修。";
  turns[5].text = "「谢谢您的建议,我们会尽快向上级部门反映」 请问还有其他问题吗?";
  turns[7].text = "谢谢您的来电";
  EXPECT_DOUBLE_EQ(Score(turns, ExemplaryEvents()).score_percent, 100);
}

TEST(PhraseScorerTest, H8_TheGreetingNamesTheDepartmentAndTheAgentsStaffNumber) {
  std::vector<Turn> turns = ExemplaryTurns();
  turns[0].text = "喂，您好，请问有什么可以帮您？";
  PhraseScore score = Score(turns, ExemplaryEvents());
  EXPECT_THAT(score.Missing(), ElementsAre(Situation::kGreeting));
  EXPECT_DOUBLE_EQ(score.score_percent, 500.0 / 6);
  EXPECT_THAT(
      Of(score, Situation::kGreeting).detail,
      AllOf(HasSubstr("「喂，您好，请问有什么可以帮您？」"), HasSubstr("is not the greeting")));

  // Another agent's staff number is not this agent's greeting.
  turns[0].text = "您好，这里是上海电信公司宽带业务部门，工号2048号，请问您需要什么帮助吗？";
  score = Score(turns, ExemplaryEvents());
  EXPECT_THAT(score.Missing(), ElementsAre(Situation::kGreeting));
  EXPECT_THAT(Of(score, Situation::kGreeting).detail,
              HasSubstr("the greeting named 工号2048, not the agent's 1024"));
  // With the staff number unknown, any is accepted; any department name too.
  EXPECT_THAT(ScoreCall(turns, ExemplaryEvents(), "", Config()).Missing(), IsEmpty());
  turns[0].text = "您好，这里是上海电信公司互联网部客服中心，工号1024号，请问您需要什么帮助吗？";
  EXPECT_THAT(Score(turns, ExemplaryEvents()).Missing(), IsEmpty());

  // The greeting must open the call, not come later.
  turns = ExemplaryTurns();
  turns.insert(turns.begin(), Agent(0.5, "喂？"));
  score = Score(turns, ExemplaryEvents());
  EXPECT_THAT(score.Missing(), ElementsAre(Situation::kGreeting));
  EXPECT_THAT(Of(score, Situation::kGreeting).detail, HasSubstr("it came only at 1 s"));
}

TEST(PhraseScorerTest, H8_TheConfigMayListTheDepartmentsTheGreetingNames) {
  PhraseConfig config = Config();
  config.department_names = {"宽带业务"};
  std::vector<Turn> turns = ExemplaryTurns();
  EXPECT_THAT(Score(turns, ExemplaryEvents(), config).Missing(), IsEmpty());  // 宽带业务 + 部门
  turns[0].text = "您好，这里是上海电信公司宽带业务，工号1024号，请问您需要什么帮助吗？";
  EXPECT_THAT(Score(turns, ExemplaryEvents(), config).Missing(), IsEmpty());
  turns[0].text = "您好，这里是上海电信公司数据中心部门，工号1024号，请问您需要什么帮助吗？";
  const PhraseScore score = Score(turns, ExemplaryEvents(), config);
  EXPECT_THAT(score.Missing(), ElementsAre(Situation::kGreeting));
  EXPECT_THAT(Of(score, Situation::kGreeting).detail, HasSubstr("数据中心部门"));
}

TEST(PhraseScorerTest, H8_ASilentLineWithTheGreetingThreeTimesThenTheCloseScoresOneHundred) {
  const std::vector<Turn> turns = {Agent(1, kGreeting), Agent(6, kGreeting), Agent(11, kGreeting),
                                   Agent(16, "对不起，我听不到您的回应，请重新拨打，谢谢。")};
  const std::vector<CallEvent> events = {Event(CallEventKind::kAnswered, 0),
                                         Event(CallEventKind::kNoCallerAudio, 3),
                                         Event(CallEventKind::kEnded, 18)};
  const PhraseScore score = Score(turns, events);
  // Nobody was heard: no question to follow up, and the close replaces the closing thanks.
  EXPECT_THAT(Required(score), ElementsAre(Situation::kGreeting, Situation::kSilentLine));
  EXPECT_DOUBLE_EQ(score.score_percent, 100);
  EXPECT_EQ(Of(score, Situation::kSilentLine).detail,
            "greeting heard 3 times, then 「对不起，我听不到您的回应，请重新拨打，谢谢。」");
  EXPECT_THAT(Of(score, Situation::kClosing).detail, HasSubstr("silent line"));
}

TEST(PhraseScorerTest, H8_ASilentLineWithOnlyTwoGreetingsIsAMiss) {
  const std::vector<Turn> turns = {Agent(1, kGreeting), Agent(6, kGreeting),
                                   Agent(11, "对不起，我听不到您的回应，请重新拨打，谢谢。")};
  const std::vector<CallEvent> events = {Event(CallEventKind::kAnswered, 0),
                                         Event(CallEventKind::kNoCallerAudio, 3)};
  const PhraseScore score = Score(turns, events);
  EXPECT_THAT(score.Missing(), ElementsAre(Situation::kSilentLine));
  EXPECT_EQ(score.required, 2);
  EXPECT_DOUBLE_EQ(score.score_percent, 50);
  EXPECT_EQ(
      Of(score, Situation::kSilentLine).detail,
      "greeting heard 2 times, 3 required before 「对不起，我听不到您的回应，请重新拨打，谢谢。」");

  // Three greetings but no close is a miss too; the close must follow the third.
  const PhraseScore no_close =
      Score({Agent(1, kGreeting), Agent(6, kGreeting), Agent(11, kGreeting)}, events);
  EXPECT_THAT(no_close.Missing(), ElementsAre(Situation::kSilentLine));
  EXPECT_THAT(Of(no_close, Situation::kSilentLine).detail, HasSubstr("did not follow the third"));
  const PhraseScore early_close =
      Score({Agent(1, kGreeting), Agent(3, "对不起，我听不到您的回应，请重新拨打，谢谢。"),
             Agent(6, kGreeting), Agent(11, kGreeting)},
            events);
  EXPECT_THAT(early_close.Missing(), ElementsAre(Situation::kSilentLine));
}

TEST(PhraseScorerTest, H8_ASilentLineWhereTheCallerComesBackNeedsTheGreetingRepeated) {
  std::vector<Turn> turns = ExemplaryTurns();
  turns.insert(turns.begin() + 1, Agent(4, kGreeting));
  std::vector<CallEvent> events = ExemplaryEvents();
  events.push_back(Event(CallEventKind::kNoCallerAudio, 3));
  PhraseScore score = Score(turns, events);
  EXPECT_TRUE(Of(score, Situation::kSilentLine).required);
  EXPECT_THAT(score.Missing(), IsEmpty());
  EXPECT_EQ(score.required, 7);

  turns[1].text = "喂？喂？";
  score = Score(turns, events);
  EXPECT_THAT(score.Missing(), ElementsAre(Situation::kSilentLine));
  EXPECT_THAT(Of(score, Situation::kSilentLine).detail,
              HasSubstr("did not repeat the greeting before the caller was heard at 5 s"));
}

TEST(PhraseScorerTest, H8_AHoldWithoutPleaseWaitIsAMiss) {
  std::vector<Turn> turns = ExemplaryTurns();
  turns[2].text = "您等一下。";
  const PhraseScore score = Score(turns, ExemplaryEvents());
  EXPECT_THAT(score.Missing(), ElementsAre(Situation::kLookup));
  EXPECT_EQ(Of(score, Situation::kLookup).detail,
            "before the hold at 40 s the agent did not say 「请稍候，我帮您查查。」");
  // Said after the hold began is not before it.
  turns[2] = Agent(41, "请稍候，我帮您查查。");
  EXPECT_THAT(Score(turns, ExemplaryEvents()).Missing(), ElementsAre(Situation::kLookup));
}

TEST(PhraseScorerTest, H8_NoApologyAfterTheWaitIsAMiss) {
  std::vector<Turn> turns = ExemplaryTurns();
  turns[3].text = "查到了，您所在小区的线路正在抢修。";
  const PhraseScore score = Score(turns, ExemplaryEvents());
  EXPECT_THAT(score.Missing(), ElementsAre(Situation::kAfterWait));
  EXPECT_EQ(Of(score, Situation::kAfterWait).detail,
            "after the wait ending at 100 s the agent's first turn "
            "「查到了，您所在小区的线路正在抢修。」 "
            "lacked 「对不起，让您久等了。」");
}

TEST(PhraseScorerTest, H8_HangingUpWithoutAskingForAnythingElseIsAMiss) {
  std::vector<Turn> turns = ExemplaryTurns();
  turns[5].text = "谢谢您的建议，我们会尽快向上级部门反映。";
  const PhraseScore score = Score(turns, ExemplaryEvents());
  EXPECT_THAT(score.Missing(), ElementsAre(Situation::kAnythingElse));
  EXPECT_THAT(Of(score, Situation::kAnythingElse).detail,
              HasSubstr("「请问还有其他问题吗？」 was not asked before the call ended"));
}

TEST(PhraseScorerTest, H8_ASuggestionOrCriticismNotThankedIsAMiss) {
  std::vector<Turn> turns = ExemplaryTurns();
  turns[4].text = "你们的服务态度太差了，我要投诉！";
  turns[5].text = "非常抱歉给您带来不便。请问还有其他问题吗？";
  const PhraseScore score = Score(turns, ExemplaryEvents());
  EXPECT_THAT(score.Missing(), ElementsAre(Situation::kSuggestion));
  EXPECT_THAT(Of(score, Situation::kSuggestion).detail,
              AllOf(HasSubstr("「你们的服务态度太差了，我要投诉！」 at 120 s (投诉)"),
                    HasSubstr("「谢谢您的建议，我们会尽快向上级部门反映。」")));
  // The keywords are configuration: without 投诉 in the list, nothing was required.
  PhraseConfig config = Config();
  config.suggestion_keywords = {"建议"};
  EXPECT_FALSE(Of(Score(turns, ExemplaryEvents(), config), Situation::kSuggestion).required);
}

TEST(PhraseScorerTest, H8_EachSuggestionIsAnsweredButBackToBackTurnsAreOne) {
  std::vector<Turn> turns = ExemplaryTurns();
  // The caller adds a criticism after the first was answered: it needs its own thanks.
  turns.insert(turns.begin() + 6, Caller(128, "还有，我对你们的报修流程有意见。"));
  turns.insert(turns.begin() + 7, Agent(129, "好的，我记下了。"));
  EXPECT_THAT(Score(turns, ExemplaryEvents()).Missing(), ElementsAre(Situation::kSuggestion));
  // Two caller turns in a row, one thanks after both.
  turns = ExemplaryTurns();
  turns.insert(turns.begin() + 5, Caller(121, "还有，我对你们的报修流程也有意见。"));
  EXPECT_THAT(Score(turns, ExemplaryEvents()).Missing(), IsEmpty());
}

TEST(PhraseScorerTest, H8_ACallWithoutTheClosingThanksIsAMiss) {
  std::vector<Turn> turns = ExemplaryTurns();
  turns[7].text = "好的，再见。";
  PhraseScore score = Score(turns, ExemplaryEvents());
  EXPECT_THAT(score.Missing(), ElementsAre(Situation::kClosing));
  EXPECT_EQ(score.used, 5);
  EXPECT_EQ(
      Of(score, Situation::kClosing).detail,
      "the call ended without 「谢谢您的来电！」; the agent's last turn was 「好的，再见。」");
  // Thanks in the middle of the call, with both sides talking on, is not the closing.
  turns = ExemplaryTurns();
  turns[7].text = "好的，再见。";
  turns[5].text = "谢谢您的来电！谢谢您的建议，我们会尽快向上级部门反映。请问还有其他问题吗？";
  score = Score(turns, ExemplaryEvents());
  EXPECT_THAT(score.Missing(), ElementsAre(Situation::kClosing));
  EXPECT_THAT(Of(score, Situation::kClosing).detail, HasSubstr("the call went on"));
  // The caller's own goodbye after the thanks is fine.
  turns = ExemplaryTurns();
  turns.push_back(Caller(133, "再见。"));
  EXPECT_THAT(Score(turns, ExemplaryEvents()).Missing(), IsEmpty());
}

TEST(PhraseScorerTest, H8_EverySituationBrokenAtOnceScoresZero) {
  const std::vector<Turn> turns = {Agent(1, "喂？"), Caller(5, "我要投诉，网速太慢。"),
                                   Agent(10, "等一下。"), Agent(101, "查到了，正在抢修。"),
                                   Agent(130, "拜拜。")};
  std::vector<CallEvent> events = ExemplaryEvents();
  const PhraseScore score = Score(turns, events);
  EXPECT_THAT(score.Missing(),
              ElementsAre(Situation::kGreeting, Situation::kLookup, Situation::kAfterWait,
                          Situation::kAnythingElse, Situation::kSuggestion, Situation::kClosing));
  EXPECT_DOUBLE_EQ(score.score_percent, 0);
}

TEST(PhraseScorerTest, H8_AnUnansweredCallRequiresNothing) {
  const PhraseScore score = Score({Caller(1, "喂？有人吗？")}, {});
  EXPECT_EQ(score.required, 0);
  EXPECT_DOUBLE_EQ(score.score_percent, 100);
  EXPECT_THAT(score.Missing(), IsEmpty());
  ASSERT_EQ(score.situations.size(), 7u);
  EXPECT_EQ(score.situations[3].detail, "the call was not answered");
}

TEST(PhraseScorerTest, H8_TheStandardIsTheTextOfA4) {
  EXPECT_EQ(StandardPhrase(Situation::kGreeting),
            "您好，这里是上海电信公司***部门，工号**号，请问您需要什么帮助吗？");
  EXPECT_EQ(StandardPhrase(Situation::kSilentLine), "对不起，我听不到您的回应，请重新拨打，谢谢。");
  EXPECT_EQ(StandardPhrase(Situation::kLookup), "请稍候，我帮您查查。");
  EXPECT_EQ(StandardPhrase(Situation::kAfterWait), "对不起，让您久等了。");
  EXPECT_EQ(StandardPhrase(Situation::kAnythingElse), "请问还有其他问题吗？");
  EXPECT_EQ(StandardPhrase(Situation::kSuggestion), "谢谢您的建议，我们会尽快向上级部门反映。");
  EXPECT_EQ(StandardPhrase(Situation::kClosing), "谢谢您的来电！");
  EXPECT_EQ(SituationLabel(Situation::kClosing), "服务结束后");
  EXPECT_EQ(SituationName(Situation::kAnythingElse), "ANYTHING_ELSE");
}

TEST(PhraseScorerTest, H8_ATranscriptNamesEveryBadField) {
  std::vector<Turn> turns = {Turn{Speaker::kUnspecified, -1, "x"}, Agent(2, "\xff")};
  std::vector<CallEvent> events = {
      Event(CallEventKind::kUnspecified, 1),
      Event(static_cast<CallEventKind>(42), std::numeric_limits<double>::infinity())};
  const common::FieldViolations violations = ValidateTranscript(turns, events);
  std::vector<std::string> fields;
  for (const common::FieldViolation& v : violations.violations()) {
    fields.push_back(v.field);
  }
  EXPECT_THAT(fields,
              UnorderedElementsAre("turns[0].speaker", "turns[0].at_seconds", "turns[1].text",
                                   "events[0].kind", "events[1].kind", "events[1].at_seconds"));
  EXPECT_TRUE(ValidateTranscript(ExemplaryTurns(), ExemplaryEvents()).empty());
}

}  // namespace
}  // namespace cs::hotline
