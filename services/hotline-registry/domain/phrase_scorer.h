// Scores a hotline call against the standard phrases of annex A4 (热线服务人员用语规范; SPEC H8,
// A2 7.9, 7.10.1): which of the seven situations the call brought about, judged from the phone
// system's events and the caller's words, and whether the agent said the standard phrase of each.
// The standard is A4's exact text; a transcript matches it when the words agree after
// NormalizePhraseText (punctuation, spaces and full/half-width forms do not matter). Pure
// functions; thread-safe.
//
// When a situation is required, and when its phrase counts as used (turns are taken in order of
// time; a turn with no text or no speaker is ignored):
//   GREETING      every answered call (an ANSWERED event, or any agent turn). Used when the agent's
//                 first turn holds the greeting
//                 「您好，这里是上海电信公司***部门，工号**号，请问您需要 什么帮助吗？」: *** any
//                 department name of up to department_max_chars characters (one of
//                 department_names, with or without 部门, when the config lists them), ** the
//                 agent's staff number when known, else any letters and digits.
//   SILENT_LINE   a NO_CALLER_AUDIO event. When the caller is never heard after it: used when the
//                 greeting was heard at least three times in the call and
//                 「对不起，我听不到您的回应， 请重新拨打，谢谢。」 came after the third (two
//                 greetings are a miss). When the caller is heard again: used when the agent
//                 repeated the greeting between the event and the caller's next turn.
//   LOOKUP        each HOLD event: 「请稍候，我帮您查查。」 in an agent turn before the hold and
//   after
//                 the previous hold or resume.
//   AFTER_WAIT    each RESUME event: 「对不起，让您久等了。」 in the agent's first turn after it.
//   ANYTHING_ELSE a call in which the caller spoke (they raised something to explain):
//   「请问还有其他
//                 问题吗？」 in an agent turn after the caller's first turn.
//   SUGGESTION    a caller turn holding a keyword of the config (建议, 意见, 批评, 投诉 …):
//   「谢谢您的
//                 建议，我们会尽快向上级部门反映。」 in an agent turn after it and before the
//                 caller's next such turn that follows an agent turn (back-to-back caller turns are
//                 one suggestion).
//   CLOSING       every answered call except one that ended on a silent line (the caller never
//   heard;
//                 its own close ends it): 「谢谢您的来电！」 in an agent turn after which either
//                 the caller or the agent said nothing more (farewells of one side may follow).
// Score: used / required × 100, 100 when nothing was required.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_DOMAIN_PHRASE_SCORER_H_
#define CS_SERVICES_HOTLINE_REGISTRY_DOMAIN_PHRASE_SCORER_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "common/status/field_violations.h"
#include "services/hotline-registry/domain/phrase_score.h"

namespace cs::hotline {

// What the deployment decides about scoring (deploy/config/hotline_phrases.textproto, read by
// config/hotline_phrases_file.h); the phrases themselves are A4's and not configurable.
struct PhraseConfig {
  // A caller turn holding one of these (compared after NormalizePhraseText) is a suggestion or
  // criticism (A4: 客户对电信服务与管理提出建议或批评时).
  std::vector<std::string> suggestion_keywords;
  // The departments the greeting may name for "***部门"; empty: any name of up to
  // department_max_chars characters.
  std::vector<std::string> department_names;
  int department_max_chars = 20;
};

// How many times A4 has the greeting repeated on a silent line before the close (重复三次开头语):
// the regulation's number, not configuration.
inline constexpr int kSilentLineGreetings = 3;

// A4's text of each situation's phrase (the greeting with its *** and ** placeholders); "" for
// kUnspecified.
absl::string_view StandardPhrase(Situation situation);

// The situation's A4 heading ("接听用户来话时"); "" for kUnspecified.
absl::string_view SituationLabel(Situation situation);

// "GREETING", "SILENT_LINE" … as cs.hotline.v1 spells them.
absl::string_view SituationName(Situation situation);

// Longest transcript accepted, and longest turn.
inline constexpr size_t kMaxTurns = 2000;
inline constexpr size_t kMaxEvents = 500;
inline constexpr int kMaxTurnChars = 4000;

// Every problem of a transcript, each naming its field: "turns" / "events" too many;
// "turns[i].speaker" required; "turns[i].at_seconds" / "events[i].at_seconds" finite and not
// negative; "turns[i].text" valid UTF-8 of at most kMaxTurnChars characters; "events[i].kind"
// required and known.
common::FieldViolations ValidateTranscript(const std::vector<Turn>& turns,
                                           const std::vector<CallEvent>& events);

// Scores one call (see the top of this file). `agent_staff_number` may be empty (unknown). The
// result carries all seven situations in A4's order with why each was required or what was
// missing; hotline_id, call_id and scored_at are the caller's to fill.
PhraseScore ScoreCall(const std::vector<Turn>& turns, const std::vector<CallEvent>& events,
                      absl::string_view agent_staff_number, const PhraseConfig& config);

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_DOMAIN_PHRASE_SCORER_H_
