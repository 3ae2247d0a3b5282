#include "services/hotline-registry/domain/phrase_score.h"

namespace cs::hotline {

std::vector<Situation> PhraseScore::Missing() const {
  std::vector<Situation> missing;
  for (const SituationResult& result : situations) {
    if (result.required && !result.used) missing.push_back(result.situation);
  }
  return missing;
}

}  // namespace cs::hotline
