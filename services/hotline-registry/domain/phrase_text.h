// The text form standard phrases are compared in (SPEC H8, annex A4): a transcript says
// 「您好, 这里是…」 or "您好，这里是…" or "您好 这里是…" — the same words. NormalizePhraseText
// folds full-width ASCII forms to half-width (an NFKC-like fold for U+FF01–U+FF5E), lowercases
// ASCII letters, and drops whitespace (the ideographic space U+3000 included) and punctuation —
// ASCII, general (—…“”‘’·), CJK (、。「」《》【】…), and their full-width, half-width, small and
// vertical forms — so only the words are left. Bytes that are not UTF-8 are dropped too. Pure;
// thread-safe.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_DOMAIN_PHRASE_TEXT_H_
#define CS_SERVICES_HOTLINE_REGISTRY_DOMAIN_PHRASE_TEXT_H_

#include <string>

#include "absl/strings/string_view.h"

namespace cs::hotline {

// "您好，这里是 上海电信公司！" -> "您好这里是上海电信公司"; "ＡＢＣ１２３" -> "abc123".
std::string NormalizePhraseText(absl::string_view text);

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_DOMAIN_PHRASE_TEXT_H_
