// Standard-phrase scoring of a hotline call (SPEC H8, annex A4 热线服务人员用语规范, A2 7.10.1):
// which of the seven situations the call required, which standard phrases the agent used, and the
// score. Standard Mandarin (A2 7.9) cannot be judged from text: it is a reviewer's mark kept beside
// the score. Plain values; thread-compatible.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_DOMAIN_PHRASE_SCORE_H_
#define CS_SERVICES_HOTLINE_REGISTRY_DOMAIN_PHRASE_SCORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "absl/types/optional.h"

namespace cs::hotline {

enum class Speaker { kUnspecified = 0, kAgent = 1, kCaller = 2 };

struct Turn {
  Speaker speaker = Speaker::kUnspecified;
  double at_seconds = 0;
  std::string text;
};

enum class CallEventKind {
  kUnspecified = 0,
  kAnswered = 1,
  kNoCallerAudio = 2,
  kHold = 3,
  kResume = 4,
  kEnded = 5,
};

struct CallEvent {
  CallEventKind kind = CallEventKind::kUnspecified;
  double at_seconds = 0;
};

// The situations of A4, in its order (numbers as cs.hotline.v1.Situation).
enum class Situation {
  kUnspecified = 0,
  kGreeting = 1,      // 接听用户来话时
  kSilentLine = 2,    // 摘机后听不见或听不清楚客户声音时
  kLookup = 3,        // 要通过查询方能解答时
  kAfterWait = 4,     // 在请用户等待了一段时间后回复时
  kAnythingElse = 5,  // 向客户解释清楚一个问题后
  kSuggestion = 6,    // 客户对电信服务与管理提出建议或批评时
  kClosing = 7,       // 服务结束后
};

struct SituationResult {
  Situation situation = Situation::kUnspecified;
  bool required = false;
  bool used = false;
  std::string detail;
};

struct MandarinReview {
  bool standard = false;
  std::string reviewer;
  absl::Time reviewed_at;
  std::string note;
};

struct PhraseScore {
  int64_t hotline_id = 0;
  std::string call_id;
  std::string agent_staff_number;
  std::vector<SituationResult> situations;  // all seven, in order
  int required = 0;
  int used = 0;  // required ones that were used
  double score_percent = 100;
  absl::Time scored_at;
  absl::optional<MandarinReview> mandarin;

  // The required situations not used, in order.
  std::vector<Situation> Missing() const;
};

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_DOMAIN_PHRASE_SCORE_H_
