#include "services/hotline-registry/domain/phrase_text.h"

#include <cstdint>

#include "common/text/utf8.h"

namespace cs::hotline {
namespace {

uint32_t Decode(absl::string_view text, size_t i, size_t length) {
  const auto byte = [&](size_t k) { return static_cast<uint32_t>(static_cast<uint8_t>(text[k])); };
  switch (length) {
    case 1:
      return byte(i);
    case 2:
      return ((byte(i) & 0x1f) << 6) | (byte(i + 1) & 0x3f);
    case 3:
      return ((byte(i) & 0x0f) << 12) | ((byte(i + 1) & 0x3f) << 6) | (byte(i + 2) & 0x3f);
    default:
      return ((byte(i) & 0x07) << 18) | ((byte(i + 1) & 0x3f) << 12) | ((byte(i + 2) & 0x3f) << 6) |
             (byte(i + 3) & 0x3f);
  }
}

void Encode(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else {
    out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  }
}

bool InRange(uint32_t cp, uint32_t first, uint32_t last) { return cp >= first && cp <= last; }

// Whitespace and punctuation: what a transcriber or a speech recogniser adds or leaves out.
bool Dropped(uint32_t cp) {
  if (cp < 0x80) {
    const bool letter_or_digit =
        InRange(cp, '0', '9') || InRange(cp, 'a', 'z') || InRange(cp, 'A', 'Z');
    return !letter_or_digit;  // ASCII whitespace, punctuation, symbols and controls
  }
  return cp == 0x00a0 ||                 // no-break space
         cp == 0x00b7 ||                 // middle dot
         InRange(cp, 0x2000, 0x206f) ||  // general punctuation and spaces (— … “ ” ‘ ’)
         InRange(cp, 0x3000, 0x303f) ||  // ideographic space, CJK punctuation (、。「」《》【】)
         InRange(cp, 0xfe10, 0xfe1f) ||  // vertical forms
         InRange(cp, 0xfe30, 0xfe6f) ||  // CJK compatibility and small forms
         cp == 0xfeff ||                 // zero-width no-break space
         InRange(cp, 0xff5f, 0xff65);    // full-width parentheses, half-width 。「」、・
}

}  // namespace

std::string NormalizePhraseText(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const size_t length = common::Utf8SequenceLength(text, i);
    if (length == 0) {
      ++i;
      continue;
    }
    uint32_t cp = Decode(text, i, length);
    i += length;
    // Full-width ASCII forms (！ … ～) are their ASCII characters.
    if (InRange(cp, 0xff01, 0xff5e)) cp -= 0xfee0;
    if (Dropped(cp)) continue;
    if (InRange(cp, 'A', 'Z')) cp += 'a' - 'A';
    Encode(cp, out);
  }
  return out;
}

}  // namespace cs::hotline
