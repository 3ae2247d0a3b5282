#include "services/channel-registry/domain/service_time.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/status/field_violations.h"
#include "common/status/quoted_value.h"
#include "common/text/utf8.h"

namespace cs::channel {
namespace {

constexpr absl::string_view kAcceptedForms =
    "\"7*24小时每天2次\", \"7×24小时，每天两次\" or \"工作时间每天3次\" (7*24 / 7×24 / 7x24 "
    "[小时] or 工作时间 / 工作日, then 每天N次 with N from 1 to 48 in digits or Chinese numerals)";

// The code point of the well-formed sequence of `length` bytes at text[i].
char32_t Decode(absl::string_view text, size_t i, size_t length) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
  switch (length) {
    case 1:
      return byte(0);
    case 2:
      return ((byte(0) & 0x1Fu) << 6) | (byte(1) & 0x3Fu);
    case 3:
      return ((byte(0) & 0x0Fu) << 12) | ((byte(1) & 0x3Fu) << 6) | (byte(2) & 0x3Fu);
    default:
      return ((byte(0) & 0x07u) << 18) | ((byte(1) & 0x3Fu) << 12) | ((byte(2) & 0x3Fu) << 6) |
             (byte(3) & 0x3Fu);
  }
}

void Encode(char32_t c, std::string& out) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

bool Ignored(char32_t c) {
  switch (c) {
    case ' ':
    case '\t':
    case ',':
    case ';':
    case U'、':
    case U'。':
      return true;
    default:
      return false;
  }
}

// The text normalised as the header says; nullopt for invalid UTF-8.
absl::optional<std::string> Normalise(absl::string_view text) {
  if (!common::IsValidUtf8(text)) return absl::nullopt;
  std::string out;
  for (size_t i = 0; i < text.size();) {
    const size_t length = common::Utf8SequenceLength(text, i);
    char32_t c = Decode(text, i, length);
    i += length;
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full-width ASCII forms
    if (c == 0x3000) c = ' ';                     // ideographic space
    if (c == U'×' || c == 'x' || c == 'X') c = '*';
    if (Ignored(c)) continue;
    Encode(c, out);
  }
  return out;
}

bool Consume(absl::string_view& rest, absl::string_view prefix) {
  return absl::ConsumePrefix(&rest, prefix);
}

// The value of one Chinese digit numeral (一 … 九, 两), or -1.
int ChineseDigit(absl::string_view& rest) {
  static constexpr absl::string_view kDigits[] = {"一", "二", "三", "四", "五",
                                                  "六", "七", "八", "九"};
  for (int d = 0; d < 9; ++d) {
    if (Consume(rest, kDigits[d])) return d + 1;
  }
  if (Consume(rest, "两")) return 2;
  return -1;
}

// The count at the front of `rest` (consumed), or -1 when there is none.
int ParseCount(absl::string_view& rest) {
  size_t digits = 0;
  while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
  if (digits > 0) {
    if (digits > 3) return 1000;  // out of range, reported as such
    int value = 0;
    for (size_t k = 0; k < digits; ++k) value = value * 10 + (rest[k] - '0');
    rest.remove_prefix(digits);
    return value;
  }
  // [tens]十[units] or a single digit.
  absl::string_view probe = rest;
  const int first = ChineseDigit(probe);
  if (Consume(probe, "十")) {
    const int tens = first < 0 ? 1 : first;
    absl::string_view after = probe;
    const int units = ChineseDigit(after);
    if (units > 0) probe = after;
    rest = probe;
    return tens * 10 + (units > 0 ? units : 0);
  }
  if (first < 0) return -1;
  rest = probe;
  return first;
}

absl::Status Malformed(absl::string_view field, absl::string_view text) {
  return common::InvalidField(
      std::string(field),
      absl::StrCat("must read like ", kAcceptedForms, ", not ", common::QuotedValue(text)));
}

}  // namespace

absl::StatusOr<ServiceTime> ParseServiceTime(absl::string_view text, absl::string_view field) {
  if (text.empty()) {
    return common::InvalidField(std::string(field),
                                absl::StrCat("is required, e.g. ", kAcceptedForms));
  }
  const absl::optional<std::string> normal = Normalise(text);
  if (!normal.has_value()) return Malformed(field, text);
  absl::string_view rest = *normal;
  ServiceTime service_time;
  if (Consume(rest, "7*24")) {
    service_time.around_the_clock = true;
    Consume(rest, "小时");
  } else if (Consume(rest, "工作时间") || Consume(rest, "工作日")) {
    service_time.around_the_clock = false;
  } else {
    return Malformed(field, text);
  }
  if (!Consume(rest, "每天")) return Malformed(field, text);
  const int count = ParseCount(rest);
  if (count < 0 || !Consume(rest, "次") || !rest.empty()) return Malformed(field, text);
  if (count < 1 || count > kMaxChecksPerDay) {
    return common::InvalidField(std::string(field),
                                absl::StrCat("names ", count, " checks a day; it must be 1 to ",
                                             kMaxChecksPerDay, ", as in ", kAcceptedForms));
  }
  service_time.checks_per_day = count;
  return service_time;
}

std::string DescribeServiceTime(const ServiceTime& service_time) {
  return absl::StrCat(service_time.around_the_clock ? "7×24小时" : "工作时间", "每天",
                      service_time.checks_per_day, "次");
}

}  // namespace cs::channel
