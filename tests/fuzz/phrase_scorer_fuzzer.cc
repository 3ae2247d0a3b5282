// Fuzzes the hotline transcript scorer (services/hotline-registry/domain/phrase_scorer.h) as
// ScoreCall RPCs reach it: a transcript of fuzzed turns and phone-system events is validated, and
// one that passes is scored with the shipped phrase config. Turns are drawn from A4's standard
// phrases, the config's keywords and arbitrary bytes, so the matchers see near-misses as well as
// noise. The score must cover all seven situations and stay within 0..100.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "services/hotline-registry/config/hotline_phrases_file.h"
#include "services/hotline-registry/domain/phrase_scorer.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

using cs::hotline::CallEvent;
using cs::hotline::CallEventKind;
using cs::hotline::Situation;
using cs::hotline::Speaker;
using cs::hotline::Turn;

const cs::hotline::PhraseConfig& ShippedConfig() {
  static const cs::hotline::PhraseConfig* const config = [] {
    absl::StatusOr<cs::hotline::PhraseConfig> loaded = cs::hotline::LoadHotlinePhrases(
        cs::fuzz::SourcePath("deploy/config/hotline_phrases.textproto"));
    cs::fuzz::Require(loaded.ok(), "deploy/config/hotline_phrases.textproto loads");
    return new cs::hotline::PhraseConfig(*std::move(loaded));
  }();
  return *config;
}

// Seconds into the call: mostly small whole numbers (ties and reorderings), sometimes what the
// validator must refuse (negative, NaN, infinite).
double ConsumeSeconds(FuzzedDataProvider& fdp) {
  switch (fdp.ConsumeIntegralInRange<int>(0, 15)) {
    case 0:
      return -1;
    case 1:
      return std::numeric_limits<double>::quiet_NaN();
    case 2:
      return std::numeric_limits<double>::infinity();
    case 3:
      return fdp.ConsumeFloatingPoint<double>();
    default:
      return fdp.ConsumeIntegralInRange<int>(0, 30);
  }
}

std::string ConsumeTurnText(FuzzedDataProvider& fdp, const cs::hotline::PhraseConfig& config) {
  switch (fdp.ConsumeIntegralInRange<int>(0, 4)) {
    case 0:
    case 1: {
      // A standard phrase, whole or cut at any byte (a cut may split a UTF-8 sequence).
      std::string phrase(cs::hotline::StandardPhrase(
          static_cast<Situation>(fdp.ConsumeIntegralInRange<int>(0, 8))));
      return phrase.substr(0, fdp.ConsumeIntegralInRange<size_t>(0, phrase.size()));
    }
    case 2:
      if (!config.suggestion_keywords.empty()) {
        return config.suggestion_keywords[fdp.ConsumeIntegralInRange<size_t>(
            0, config.suggestion_keywords.size() - 1)];
      }
      return "";
    case 3: {
      std::string name = config.department_names.empty()
                             ? cs::fuzz::ConsumeText(fdp, 30)
                             : config.department_names[fdp.ConsumeIntegralInRange<size_t>(
                                   0, config.department_names.size() - 1)];
      return "您好，这里是上海电信公司" + name + "部门，工号" + cs::fuzz::ConsumeText(fdp, 8) +
             "号，请问您需要什么帮助吗？";
    }
    default:
      return cs::fuzz::ConsumeText(fdp);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const cs::hotline::PhraseConfig& config = ShippedConfig();
  FuzzedDataProvider fdp(data, size);
  const std::string staff_number = fdp.ConsumeBool() ? "" : cs::fuzz::ConsumeText(fdp, 8);
  std::vector<CallEvent> events(fdp.ConsumeIntegralInRange<size_t>(0, 12));
  for (CallEvent& event : events) {
    event.kind = static_cast<CallEventKind>(fdp.ConsumeIntegralInRange<int>(0, 6));
    event.at_seconds = ConsumeSeconds(fdp);
  }
  std::vector<Turn> turns;
  while (fdp.remaining_bytes() > 0 && turns.size() < 64) {
    Turn turn;
    turn.speaker = static_cast<Speaker>(fdp.ConsumeIntegralInRange<int>(0, 3));
    turn.at_seconds = ConsumeSeconds(fdp);
    turn.text = ConsumeTurnText(fdp, config);
    turns.push_back(std::move(turn));
  }
  if (!cs::hotline::ValidateTranscript(turns, events).empty()) return 0;
  const cs::hotline::PhraseScore score =
      cs::hotline::ScoreCall(turns, events, staff_number, config);
  cs::fuzz::Require(score.situations.size() == 7, "a score covers the seven situations");
  cs::fuzz::Require(score.used <= score.required, "no more phrases used than required");
  cs::fuzz::Require(score.score_percent >= 0 && score.score_percent <= 100, "a score in 0..100");
  return 0;
}
