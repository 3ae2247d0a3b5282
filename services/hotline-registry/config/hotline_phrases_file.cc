#include "services/hotline-registry/config/hotline_phrases_file.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "common/config/config_file.h"
#include "common/status/status_macros.h"
#include "common/text/utf8.h"
#include "services/hotline-registry/domain/phrase_text.h"

namespace cs::hotline {
namespace {

// Checks one list of words compared after NormalizePhraseText: none empty so, none repeated so.
void CheckWords(const google::protobuf::RepeatedPtrField<std::string>& words,
                const std::string& field, absl::string_view what,
                common::FieldViolations& violations) {
  absl::flat_hash_map<std::string, int> seen;
  for (int i = 0; i < words.size(); ++i) {
    const std::string item = absl::StrCat(field, "[", i, "]");
    if (!common::IsValidUtf8(words[i])) {
      violations.Add(item, "is not valid UTF-8");
      continue;
    }
    const std::string normalized = NormalizePhraseText(words[i]);
    if (normalized.empty()) {
      violations.Add(item, absl::StrCat("must hold a letter, digit or character: ", what,
                                        " are compared without punctuation and spaces"));
    } else if (auto [it, inserted] = seen.emplace(normalized, i); !inserted) {
      violations.Add(item,
                     absl::StrCat("repeats ", field, "[", it->second, "] (\"", words[it->second],
                                  "\") once punctuation, spaces and "
                                  "full-width forms are ignored"));
    }
  }
}

int DepartmentMaxChars(const cs::config::v1::HotlinePhrases& file) {
  const int max_chars = file.greeting_department().max_chars();
  return max_chars == 0 ? kDefaultDepartmentMaxChars : max_chars;
}

}  // namespace

common::FieldViolations ValidateHotlinePhrases(const cs::config::v1::HotlinePhrases& file) {
  common::FieldViolations violations;
  if (file.suggestion_keywords().empty()) {
    violations.Add("suggestion_keywords",
                   "is required: at least one word by which a caller's suggestion or criticism "
                   "is recognised (A4)");
  }
  CheckWords(file.suggestion_keywords(), "suggestion_keywords", "keywords", violations);
  const int max_chars = file.greeting_department().max_chars();
  if (max_chars < 0 || max_chars > kMostDepartmentMaxChars) {
    violations.Add("greeting_department.max_chars",
                   absl::StrCat("must be 1 to ", kMostDepartmentMaxChars,
                                " (0 or unset: ", kDefaultDepartmentMaxChars, ")"));
  }
  CheckWords(file.greeting_department().names(), "greeting_department.names", "names", violations);
  return violations;
}

PhraseConfig ToPhraseConfig(const cs::config::v1::HotlinePhrases& file) {
  PhraseConfig config;
  config.suggestion_keywords.assign(file.suggestion_keywords().begin(),
                                    file.suggestion_keywords().end());
  config.department_names.assign(file.greeting_department().names().begin(),
                                 file.greeting_department().names().end());
  config.department_max_chars = DepartmentMaxChars(file);
  // Listed names are accepted whatever their length.
  for (const std::string& name : config.department_names) {
    const int chars =
        static_cast<int>(common::Utf8Length(NormalizePhraseText(name))) + 2;  // and 部门 after it
    config.department_max_chars = std::max(config.department_max_chars, chars);
  }
  return config;
}

absl::StatusOr<PhraseConfig> LoadHotlinePhrases(const std::string& path) {
  ASSIGN_OR_RETURN(cs::config::v1::HotlinePhrases file,
                   common::config::LoadConfigFile<cs::config::v1::HotlinePhrases>(
                       path, &ValidateHotlinePhrases));
  return ToPhraseConfig(file);
}

}  // namespace cs::hotline
