#include "services/hotline-registry/domain/phrase_scorer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/types/optional.h"
#include "common/text/utf8.h"
#include "services/hotline-registry/domain/phrase_text.h"

namespace cs::hotline {
namespace {

constexpr Situation kSituations[] = {
    Situation::kGreeting,     Situation::kSilentLine, Situation::kLookup, Situation::kAfterWait,
    Situation::kAnythingElse, Situation::kSuggestion, Situation::kClosing};

// The greeting around its two blanks: 您好，这里是上海电信公司 *** 部门，工号 **
// 号，请问您需要什么帮助吗？ "部门" belongs to the department's blank: people name their unit as it
// is called.
constexpr absl::string_view kGreetingBefore = "您好，这里是上海电信公司";
constexpr absl::string_view kGreetingStaff = "工号";
constexpr absl::string_view kGreetingAfter = "号，请问您需要什么帮助吗？";
constexpr absl::string_view kDepartmentSuffix = "部门";

// One turn that counts, with its words as compared.
struct Utterance {
  Speaker speaker = Speaker::kUnspecified;
  double at = 0;
  absl::string_view raw;
  std::string text;  // NormalizePhraseText(raw)
};

// Where a phrase was heard: turn index (in time order) and byte offset in its normalized text.
struct Position {
  size_t turn = 0;
  size_t offset = 0;

  friend bool operator<(const Position& a, const Position& b) {
    return a.turn != b.turn ? a.turn < b.turn : a.offset < b.offset;
  }
};

std::string Seconds(double at) { return absl::StrCat(at, " s"); }

std::string Quote(absl::string_view raw) {
  constexpr size_t kQuoted = 60;
  const absl::string_view cut = common::TruncateUtf8(raw, kQuoted);
  return absl::StrCat("「", cut, cut.size() < raw.size() ? "…" : "", "」");
}

std::string Standard(Situation situation) {
  return absl::StrCat("「", StandardPhrase(situation), "」");
}

bool IsAlnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'); }

// Finds the greeting in normalized text.
class GreetingMatcher {
 public:
  GreetingMatcher(absl::string_view staff_number, const PhraseConfig& config)
      : before_(NormalizePhraseText(kGreetingBefore)),
        staff_label_(NormalizePhraseText(kGreetingStaff)),
        after_(NormalizePhraseText(kGreetingAfter)),
        staff_(NormalizePhraseText(staff_number)),
        max_chars_(std::max(1, config.department_max_chars)) {
    for (const std::string& name : config.department_names) {
      std::string normalized = NormalizePhraseText(name);
      if (!normalized.empty()) departments_.push_back(std::move(normalized));
    }
  }

  // Every greeting in `text`, in order, as [begin, end) byte ranges. `problem` gets why the first
  // greeting that had the standard's shape was not accepted (another staff number, an unlisted
  // department), when nothing else explains a miss better.
  std::vector<std::pair<size_t, size_t>> Find(const std::string& text, std::string* problem) const {
    std::vector<std::pair<size_t, size_t>> found;
    size_t from = 0;
    while (true) {
      const size_t begin = text.find(before_, from);
      if (begin == std::string::npos) break;
      from = begin + before_.size();
      // The department: one character at least, at most max_chars_, up to the first 工号.
      const size_t department_begin = begin + before_.size();
      size_t department_end = std::string::npos;
      size_t i = department_begin;
      for (int chars = 0; i < text.size() && chars < max_chars_;) {
        const size_t length = std::max<size_t>(1, common::Utf8SequenceLength(text, i));
        i += length;
        ++chars;
        if (text.compare(i, staff_label_.size(), staff_label_) == 0) {
          department_end = i;
          break;
        }
      }
      if (department_end == std::string::npos) continue;
      const size_t staff_begin = department_end + staff_label_.size();
      size_t staff_end = staff_begin;
      while (staff_end < text.size() && IsAlnum(text[staff_end])) ++staff_end;
      if (staff_end == staff_begin || text.compare(staff_end, after_.size(), after_) != 0) {
        continue;
      }
      const absl::string_view department(text.data() + department_begin,
                                         department_end - department_begin);
      const absl::string_view staff(text.data() + staff_begin, staff_end - staff_begin);
      if (!staff_.empty() && staff != staff_) {
        if (problem != nullptr && problem->empty()) {
          *problem = absl::StrCat("the greeting named 工号", staff, ", not the agent's ", staff_);
        }
        continue;
      }
      if (!DepartmentListed(department)) {
        if (problem != nullptr && problem->empty()) {
          *problem = absl::StrCat("the greeting named the department ", department,
                                  ", which the configuration does not list");
        }
        continue;
      }
      found.emplace_back(begin, staff_end + after_.size());
      from = staff_end + after_.size();
    }
    return found;
  }

 private:
  bool DepartmentListed(absl::string_view department) const {
    if (departments_.empty()) return true;
    const std::string suffix = NormalizePhraseText(kDepartmentSuffix);
    for (const std::string& name : departments_) {
      if (department == name || department == absl::StrCat(name, suffix)) return true;
    }
    return false;
  }

  std::string before_;
  std::string staff_label_;
  std::string after_;
  std::string staff_;
  int max_chars_;
  std::vector<std::string> departments_;
};

// The call as the rules read it: turns that count in time order, events in time order.
class Call {
 public:
  Call(const std::vector<Turn>& turns, const std::vector<CallEvent>& events) {
    for (const Turn& turn : turns) {
      if (turn.speaker != Speaker::kAgent && turn.speaker != Speaker::kCaller) continue;
      std::string text = NormalizePhraseText(turn.text);
      if (text.empty()) continue;
      utterances_.push_back({turn.speaker, turn.at_seconds, turn.text, std::move(text)});
    }
    std::stable_sort(utterances_.begin(), utterances_.end(),
                     [](const Utterance& a, const Utterance& b) { return a.at < b.at; });
    events_ = events;
    std::stable_sort(events_.begin(), events_.end(), [](const CallEvent& a, const CallEvent& b) {
      return a.at_seconds < b.at_seconds;
    });
  }

  const std::vector<Utterance>& utterances() const { return utterances_; }
  const std::vector<CallEvent>& events() const { return events_; }

  std::vector<double> EventTimes(CallEventKind kind) const {
    std::vector<double> times;
    for (const CallEvent& event : events_) {
      if (event.kind == kind) times.push_back(event.at_seconds);
    }
    return times;
  }

  bool Has(CallEventKind kind) const { return !EventTimes(kind).empty(); }

  // The first turn of `speaker` at or after index `from`; nullopt when none.
  absl::optional<size_t> Next(Speaker speaker, size_t from) const {
    for (size_t i = from; i < utterances_.size(); ++i) {
      if (utterances_[i].speaker == speaker) return i;
    }
    return absl::nullopt;
  }

  // The first turn of `speaker` at or after `at` seconds.
  absl::optional<size_t> NextAt(Speaker speaker, double at) const {
    for (size_t i = 0; i < utterances_.size(); ++i) {
      if (utterances_[i].speaker == speaker && utterances_[i].at >= at) return i;
    }
    return absl::nullopt;
  }

  bool Contains(size_t turn, const std::string& phrase) const {
    return utterances_[turn].text.find(phrase) != std::string::npos;
  }

  // Every occurrence of `phrase` in the agent's turns, in order.
  std::vector<Position> AgentSays(const std::string& phrase) const {
    std::vector<Position> found;
    for (size_t i = 0; i < utterances_.size(); ++i) {
      if (utterances_[i].speaker != Speaker::kAgent) continue;
      for (size_t at = utterances_[i].text.find(phrase); at != std::string::npos;
           at = utterances_[i].text.find(phrase, at + phrase.size())) {
        found.push_back({i, at});
      }
    }
    return found;
  }

  // Every greeting in the agent's turns, in order (their starts).
  std::vector<Position> AgentGreetings(const GreetingMatcher& matcher) const {
    std::vector<Position> found;
    for (size_t i = 0; i < utterances_.size(); ++i) {
      if (utterances_[i].speaker != Speaker::kAgent) continue;
      for (const auto& [begin, end] : matcher.Find(utterances_[i].text, nullptr)) {
        found.push_back({i, begin});
      }
    }
    return found;
  }

 private:
  std::vector<Utterance> utterances_;
  std::vector<CallEvent> events_;
};

std::string Phrase(Situation situation) { return NormalizePhraseText(StandardPhrase(situation)); }

SituationResult NotRequired(Situation situation, std::string why) {
  return {situation, false, false, std::move(why)};
}

SituationResult Result(Situation situation, bool used, std::string detail) {
  return {situation, true, used, std::move(detail)};
}

SituationResult ScoreGreeting(const Call& call, const GreetingMatcher& matcher) {
  const absl::optional<size_t> first = call.Next(Speaker::kAgent, 0);
  if (!first) return Result(Situation::kGreeting, false, "the agent said nothing");
  const Utterance& turn = call.utterances()[*first];
  std::string problem;
  if (!matcher.Find(turn.text, &problem).empty()) {
    return Result(Situation::kGreeting, true, "heard in the agent's first turn");
  }
  std::string detail =
      absl::StrCat("the agent's first turn ", Quote(turn.raw), " at ", Seconds(turn.at),
                   " is not the greeting ", Standard(Situation::kGreeting));
  if (!problem.empty()) absl::StrAppend(&detail, ": ", problem);
  const std::vector<Position> later = call.AgentGreetings(matcher);
  if (!later.empty()) {
    absl::StrAppend(&detail, "; it came only at ", Seconds(call.utterances()[later[0].turn].at));
  }
  return Result(Situation::kGreeting, false, std::move(detail));
}

// The silent line; `ended_silent` is set when the caller was never heard after the last
// NO_CALLER_AUDIO event (the call ended on its own close).
SituationResult ScoreSilentLine(const Call& call, const GreetingMatcher& matcher,
                                bool* ended_silent) {
  *ended_silent = false;
  const std::vector<double> silences = call.EventTimes(CallEventKind::kNoCallerAudio);
  if (silences.empty()) return NotRequired(Situation::kSilentLine, "the caller was heard");
  const std::vector<Position> greetings = call.AgentGreetings(matcher);
  const std::string close = Phrase(Situation::kSilentLine);
  for (double silence : silences) {
    const absl::optional<size_t> heard = call.NextAt(Speaker::kCaller, silence);
    if (!heard) continue;
    // The caller came back: the agent should have repeated the greeting until then.
    const bool repeated = std::any_of(greetings.begin(), greetings.end(), [&](const Position& g) {
      return call.utterances()[g.turn].at >= silence && g.turn < *heard;
    });
    if (!repeated) {
      return Result(Situation::kSilentLine, false,
                    absl::StrCat("no audio from the caller at ", Seconds(silence),
                                 "; the agent did not repeat the greeting before the caller was "
                                 "heard at ",
                                 Seconds(call.utterances()[*heard].at)));
    }
  }
  const double last = silences.back();
  if (call.NextAt(Speaker::kCaller, last)) {
    return Result(Situation::kSilentLine, true,
                  absl::StrCat("no audio from the caller at ", Seconds(silences.front()),
                               "; the agent repeated the greeting until the caller was heard"));
  }
  *ended_silent = true;
  const std::vector<Position> closes = call.AgentSays(close);
  const int heard = static_cast<int>(greetings.size());
  const std::string heard_text =
      absl::StrCat("greeting heard ", heard, heard == 1 ? " time" : " times");
  if (heard < kSilentLineGreetings) {
    return Result(Situation::kSilentLine, false,
                  absl::StrCat(heard_text, ", ", kSilentLineGreetings, " required before ",
                               Standard(Situation::kSilentLine),
                               closes.empty() ? ", which was not said either" : ""));
  }
  const Position third = greetings[kSilentLineGreetings - 1];
  const bool closed_after =
      std::any_of(closes.begin(), closes.end(), [&](const Position& c) { return third < c; });
  if (!closed_after) {
    return Result(Situation::kSilentLine, false,
                  absl::StrCat(heard_text, ", but ", Standard(Situation::kSilentLine),
                               " did not follow the third"));
  }
  return Result(Situation::kSilentLine, true,
                absl::StrCat(heard_text, ", then ", Standard(Situation::kSilentLine)));
}

SituationResult ScoreLookup(const Call& call) {
  std::vector<double> holds;
  const std::string phrase = Phrase(Situation::kLookup);
  double window_start = -std::numeric_limits<double>::infinity();
  for (const CallEvent& event : call.events()) {
    if (event.kind == CallEventKind::kResume) window_start = event.at_seconds;
    if (event.kind != CallEventKind::kHold) continue;
    holds.push_back(event.at_seconds);
    bool said = false;
    for (size_t i = 0; i < call.utterances().size(); ++i) {
      const Utterance& turn = call.utterances()[i];
      if (turn.speaker == Speaker::kAgent && turn.at >= window_start &&
          turn.at <= event.at_seconds && call.Contains(i, phrase)) {
        said = true;
      }
    }
    if (!said) {
      return Result(Situation::kLookup, false,
                    absl::StrCat("before the hold at ", Seconds(event.at_seconds),
                                 " the agent did not say ", Standard(Situation::kLookup)));
    }
    window_start = event.at_seconds;
  }
  if (holds.empty()) return NotRequired(Situation::kLookup, "the caller was not put on hold");
  return Result(Situation::kLookup, true,
                absl::StrCat(holds.size(), holds.size() == 1 ? " hold" : " holds", ", ",
                             Standard(Situation::kLookup), " before each"));
}

SituationResult ScoreAfterWait(const Call& call) {
  const std::vector<double> resumes = call.EventTimes(CallEventKind::kResume);
  if (resumes.empty()) return NotRequired(Situation::kAfterWait, "the caller did not wait");
  const std::string phrase = Phrase(Situation::kAfterWait);
  for (double resume : resumes) {
    const absl::optional<size_t> first = call.NextAt(Speaker::kAgent, resume);
    if (!first) {
      return Result(
          Situation::kAfterWait, false,
          absl::StrCat("after the wait ending at ", Seconds(resume), " the agent said nothing"));
    }
    if (!call.Contains(*first, phrase)) {
      return Result(Situation::kAfterWait, false,
                    absl::StrCat("after the wait ending at ", Seconds(resume),
                                 " the agent's first turn ", Quote(call.utterances()[*first].raw),
                                 " lacked ", Standard(Situation::kAfterWait)));
    }
  }
  return Result(Situation::kAfterWait, true,
                absl::StrCat(Standard(Situation::kAfterWait), " after ",
                             resumes.size() == 1 ? "the wait" : "every wait"));
}

SituationResult ScoreAnythingElse(const Call& call, bool ended_silent) {
  const absl::optional<size_t> first = call.Next(Speaker::kCaller, 0);
  if (!first) return NotRequired(Situation::kAnythingElse, "the caller raised nothing");
  if (ended_silent) {
    return NotRequired(Situation::kAnythingElse, "the call ended on a silent line");
  }
  for (const Position& asked : call.AgentSays(Phrase(Situation::kAnythingElse))) {
    if (asked.turn > *first) {
      return Result(Situation::kAnythingElse, true,
                    absl::StrCat("asked at ", Seconds(call.utterances()[asked.turn].at)));
    }
  }
  return Result(
      Situation::kAnythingElse, false,
      absl::StrCat("the caller spoke at ", Seconds(call.utterances()[*first].at), "; ",
                   Standard(Situation::kAnythingElse), " was not asked before the call ended"));
}

SituationResult ScoreSuggestion(const Call& call, const PhraseConfig& config) {
  std::vector<std::pair<std::string, std::string>> keywords;  // normalized, as configured
  for (const std::string& keyword : config.suggestion_keywords) {
    std::string normalized = NormalizePhraseText(keyword);
    if (!normalized.empty()) keywords.emplace_back(std::move(normalized), keyword);
  }
  // Caller turns holding a keyword, and the keyword.
  std::vector<std::pair<size_t, std::string>> raised;
  for (size_t i = 0; i < call.utterances().size(); ++i) {
    if (call.utterances()[i].speaker != Speaker::kCaller) continue;
    for (const auto& [normalized, keyword] : keywords) {
      if (call.Contains(i, normalized)) {
        raised.emplace_back(i, keyword);
        break;
      }
    }
  }
  if (raised.empty()) {
    return NotRequired(Situation::kSuggestion, "the caller made no suggestion or criticism");
  }
  const std::string phrase = Phrase(Situation::kSuggestion);
  const auto thanked = [&](size_t after, size_t before) {
    for (size_t i = after + 1; i < before; ++i) {
      if (call.utterances()[i].speaker == Speaker::kAgent && call.Contains(i, phrase)) {
        return true;
      }
    }
    return false;
  };
  // Back-to-back caller turns (no agent turn between them) are one suggestion, answered once.
  for (size_t k = 0; k < raised.size();) {
    size_t last = k;
    while (last + 1 < raised.size()) {
      const absl::optional<size_t> agent = call.Next(Speaker::kAgent, raised[last].first + 1);
      if (agent && *agent < raised[last + 1].first) break;
      ++last;
    }
    const size_t end = last + 1 < raised.size() ? raised[last + 1].first : call.utterances().size();
    if (!thanked(raised[last].first, end)) {
      const Utterance& turn = call.utterances()[raised[k].first];
      return Result(Situation::kSuggestion, false,
                    absl::StrCat("the caller's ", Quote(turn.raw), " at ", Seconds(turn.at), " (",
                                 raised[k].second, ") was not answered with ",
                                 Standard(Situation::kSuggestion)));
    }
    k = last + 1;
  }
  return Result(Situation::kSuggestion, true,
                absl::StrCat("the caller's ", raised.front().second, " was answered with ",
                             Standard(Situation::kSuggestion)));
}

SituationResult ScoreClosing(const Call& call, bool ended_silent) {
  if (ended_silent) return NotRequired(Situation::kClosing, "the call ended on a silent line");
  const std::vector<Position> said = call.AgentSays(Phrase(Situation::kClosing));
  for (const Position& p : said) {
    const bool caller_after = call.Next(Speaker::kCaller, p.turn + 1).has_value();
    const bool agent_after = call.Next(Speaker::kAgent, p.turn + 1).has_value();
    if (!caller_after || !agent_after) {
      return Result(Situation::kClosing, true,
                    absl::StrCat("said at ", Seconds(call.utterances()[p.turn].at)));
    }
  }
  if (!said.empty()) {
    return Result(Situation::kClosing, false,
                  absl::StrCat(Standard(Situation::kClosing), " came at ",
                               Seconds(call.utterances()[said.back().turn].at),
                               " and the call went on; it belongs at the end"));
  }
  std::string detail = absl::StrCat("the call ended without ", Standard(Situation::kClosing));
  std::vector<size_t> agent_turns;
  for (size_t i = 0; i < call.utterances().size(); ++i) {
    if (call.utterances()[i].speaker == Speaker::kAgent) agent_turns.push_back(i);
  }
  if (!agent_turns.empty()) {
    absl::StrAppend(&detail, "; the agent's last turn was ",
                    Quote(call.utterances()[agent_turns.back()].raw));
  }
  return Result(Situation::kClosing, false, std::move(detail));
}

}  // namespace

absl::string_view StandardPhrase(Situation situation) {
  switch (situation) {
    case Situation::kGreeting:
      return "您好，这里是上海电信公司***部门，工号**号，请问您需要什么帮助吗？";
    case Situation::kSilentLine:
      return "对不起，我听不到您的回应，请重新拨打，谢谢。";
    case Situation::kLookup:
      return "请稍候，我帮您查查。";
    case Situation::kAfterWait:
      return "对不起，让您久等了。";
    case Situation::kAnythingElse:
      return "请问还有其他问题吗？";
    case Situation::kSuggestion:
      return "谢谢您的建议，我们会尽快向上级部门反映。";
    case Situation::kClosing:
      return "谢谢您的来电！";
    case Situation::kUnspecified:
      break;
  }
  return "";
}

absl::string_view SituationLabel(Situation situation) {
  switch (situation) {
    case Situation::kGreeting:
      return "接听用户来话时";
    case Situation::kSilentLine:
      return "摘机后听不见或听不清楚客户声音时";
    case Situation::kLookup:
      return "对客户提出的问题，要通过查询方能解答时";
    case Situation::kAfterWait:
      return "在请用户等待了一段时间后回复时";
    case Situation::kAnythingElse:
      return "向客户解释清楚一个问题后，不应马上挂机，而应询问";
    case Situation::kSuggestion:
      return "客户对电信服务与管理提出建议或批评时";
    case Situation::kClosing:
      return "服务结束后";
    case Situation::kUnspecified:
      break;
  }
  return "";
}

absl::string_view SituationName(Situation situation) {
  switch (situation) {
    case Situation::kGreeting:
      return "GREETING";
    case Situation::kSilentLine:
      return "SILENT_LINE";
    case Situation::kLookup:
      return "LOOKUP";
    case Situation::kAfterWait:
      return "AFTER_WAIT";
    case Situation::kAnythingElse:
      return "ANYTHING_ELSE";
    case Situation::kSuggestion:
      return "SUGGESTION";
    case Situation::kClosing:
      return "CLOSING";
    case Situation::kUnspecified:
      break;
  }
  return "UNSPECIFIED";
}

common::FieldViolations ValidateTranscript(const std::vector<Turn>& turns,
                                           const std::vector<CallEvent>& events) {
  common::FieldViolations violations;
  if (turns.size() > kMaxTurns) {
    violations.Add("turns", absl::StrCat("has ", turns.size(), " turns; at most ", kMaxTurns));
    return violations;
  }
  if (events.size() > kMaxEvents) {
    violations.Add("events", absl::StrCat("has ", events.size(), " events; at most ", kMaxEvents));
    return violations;
  }
  const auto check_time = [&violations](double at, const std::string& field) {
    if (!std::isfinite(at) || at < 0) {
      violations.Add(field, "must be a number of seconds from the start of the call, not negative");
    }
  };
  for (size_t i = 0; i < turns.size(); ++i) {
    const std::string item = absl::StrCat("turns[", i, "]");
    if (turns[i].speaker != Speaker::kAgent && turns[i].speaker != Speaker::kCaller) {
      violations.Add(absl::StrCat(item, ".speaker"), "is required (AGENT or CALLER)");
    }
    check_time(turns[i].at_seconds, absl::StrCat(item, ".at_seconds"));
    const int64_t length = common::Utf8Length(turns[i].text);
    if (length < 0) {
      violations.Add(absl::StrCat(item, ".text"), "is not valid UTF-8");
    } else if (length > kMaxTurnChars) {
      violations.Add(
          absl::StrCat(item, ".text"),
          absl::StrCat("is ", length, " characters long; at most ", kMaxTurnChars, " allowed"));
    }
  }
  for (size_t i = 0; i < events.size(); ++i) {
    const std::string item = absl::StrCat("events[", i, "]");
    const CallEventKind kind = events[i].kind;
    if (kind == CallEventKind::kUnspecified) {
      violations.Add(absl::StrCat(item, ".kind"), "is required");
    } else if (kind != CallEventKind::kAnswered && kind != CallEventKind::kNoCallerAudio &&
               kind != CallEventKind::kHold && kind != CallEventKind::kResume &&
               kind != CallEventKind::kEnded) {
      violations.Add(absl::StrCat(item, ".kind"), "is not a known call event");
    }
    check_time(events[i].at_seconds, absl::StrCat(item, ".at_seconds"));
  }
  return violations;
}

PhraseScore ScoreCall(const std::vector<Turn>& turns, const std::vector<CallEvent>& events,
                      absl::string_view agent_staff_number, const PhraseConfig& config) {
  const Call call(turns, events);
  const GreetingMatcher greeting(agent_staff_number, config);
  PhraseScore score;
  score.agent_staff_number = std::string(agent_staff_number);

  const bool answered =
      call.Has(CallEventKind::kAnswered) || call.Next(Speaker::kAgent, 0).has_value();
  if (!answered) {
    for (Situation situation : kSituations) {
      score.situations.push_back(NotRequired(situation, "the call was not answered"));
    }
  } else {
    bool ended_silent = false;
    SituationResult silent = ScoreSilentLine(call, greeting, &ended_silent);
    score.situations.push_back(ScoreGreeting(call, greeting));
    score.situations.push_back(std::move(silent));
    score.situations.push_back(ScoreLookup(call));
    score.situations.push_back(ScoreAfterWait(call));
    score.situations.push_back(ScoreAnythingElse(call, ended_silent));
    score.situations.push_back(ScoreSuggestion(call, config));
    score.situations.push_back(ScoreClosing(call, ended_silent));
  }
  for (const SituationResult& result : score.situations) {
    if (!result.required) continue;
    ++score.required;
    if (result.used) ++score.used;
  }
  score.score_percent = score.required == 0 ? 100.0
                                            : static_cast<double>(score.used) * 100.0 /
                                                  static_cast<double>(score.required);
  return score;
}

}  // namespace cs::hotline
