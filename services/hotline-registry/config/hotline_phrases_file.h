// Loads the phrase-scoring data file (cs.config.v1.HotlinePhrases, text format,
// deploy/config/hotline_phrases.textproto; SPEC H8, annex A4) into the domain's PhraseConfig: the
// caller words that make a suggestion or criticism, and the departments the greeting may name. A
// file without keywords, with a blank or repeated one, or with an out-of-range department length
// stops the start with file, line and field. Thread-compatible; loaded once at start.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_CONFIG_HOTLINE_PHRASES_FILE_H_
#define CS_SERVICES_HOTLINE_REGISTRY_CONFIG_HOTLINE_PHRASES_FILE_H_

#include <string>

#include "absl/status/statusor.h"
#include "common/status/field_violations.h"
#include "cs/config/v1/hotline_phrases.pb.h"
#include "services/hotline-registry/domain/phrase_scorer.h"

namespace cs::hotline {

// The department length used when the file leaves max_chars unset, and the most it may set.
inline constexpr int kDefaultDepartmentMaxChars = 20;
inline constexpr int kMostDepartmentMaxChars = 50;

// Every problem of `file`, with field paths such as "suggestion_keywords[2]": no keyword; a keyword
// or department name that is empty once punctuation and spaces are dropped (it would match every
// turn), or that repeats another one so; max_chars below 0 or above kMostDepartmentMaxChars.
common::FieldViolations ValidateHotlinePhrases(const cs::config::v1::HotlinePhrases& file);

// `file` (valid) as the domain's config: max_chars defaulted, and raised to fit every listed name
// with 部门 after it (a listed name is accepted whatever its length).
PhraseConfig ToPhraseConfig(const cs::config::v1::HotlinePhrases& file);

// Reads and validates `path`. NOT_FOUND / INVALID_ARGUMENT naming file, line and field.
absl::StatusOr<PhraseConfig> LoadHotlinePhrases(const std::string& path);

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_CONFIG_HOTLINE_PHRASES_FILE_H_
