// Fuzzes the phrase-scoring file (deploy/config/hotline_phrases.textproto) as LoadHotlinePhrases
// reads it: any text must become a PhraseConfig or be refused with INVALID_ARGUMENT. A config that
// loads then scores a call whose caller says every keyword and whose agent names every department.
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/hotline-registry/config/hotline_phrases_file.h"
#include "services/hotline-registry/domain/phrase_scorer.h"
#include "tests/fuzz/config_text.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using cs::config::v1::HotlinePhrases;
  absl::StatusOr<HotlinePhrases> file = cs::fuzz::ParseConfigFile<HotlinePhrases>(
      "hotline_phrases.textproto", cs::fuzz::AsText(data, size),
      [](const HotlinePhrases& f) { return cs::hotline::ValidateHotlinePhrases(f); });
  cs::fuzz::RequireOkOrInvalidArgument(file.status(), "hotline phrases file");
  if (!file.ok()) return 0;
  const cs::hotline::PhraseConfig config = cs::hotline::ToPhraseConfig(*file);
  std::vector<cs::hotline::Turn> turns;
  double at = 0;
  for (const std::string& name : config.department_names) {
    turns.push_back(
        {cs::hotline::Speaker::kAgent, at += 1,
         absl::StrCat("您好，这里是上海电信公司", name, "部门，工号1号，请问您需要什么帮助吗？")});
  }
  for (const std::string& keyword : config.suggestion_keywords) {
    turns.push_back({cs::hotline::Speaker::kCaller, at += 1, keyword});
  }
  if (cs::hotline::ValidateTranscript(turns, {}).empty()) {
    const cs::hotline::PhraseScore score = cs::hotline::ScoreCall(turns, {}, "1", config);
    cs::fuzz::Require(score.score_percent >= 0 && score.score_percent <= 100, "score in 0..100");
  }
  return 0;
}
