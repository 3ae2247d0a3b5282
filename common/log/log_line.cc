#include "common/log/log_line.h"

#include <cmath>
#include <cstdio>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace cs::common {
namespace {

constexpr absl::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD in UTF-8.

// Length of the well-formed UTF-8 sequence starting at text[i] (Unicode 15, table 3-7), or 0 when
// the bytes there are not one (overlong forms, surrogates and code points above U+10FFFF are not).
size_t ValidSequenceLength(absl::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  const size_t left = text.size() - i;
  const auto continuation = [&](size_t k, unsigned char low = 0x80, unsigned char high = 0xBF) {
    return k < text.size() && byte(k) >= low && byte(k) <= high;
  };
  if (b0 < 0x80) return 1;
  if (b0 >= 0xC2 && b0 <= 0xDF) return left >= 2 && continuation(i + 1) ? 2 : 0;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    const unsigned char low = b0 == 0xE0 ? 0xA0 : 0x80;
    const unsigned char high = b0 == 0xED ? 0x9F : 0xBF;
    return left >= 3 && continuation(i + 1, low, high) && continuation(i + 2) ? 3 : 0;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    const unsigned char low = b0 == 0xF0 ? 0x90 : 0x80;
    const unsigned char high = b0 == 0xF4 ? 0x8F : 0xBF;
    return left >= 4 && continuation(i + 1, low, high) && continuation(i + 2) && continuation(i + 3)
               ? 4
               : 0;
  }
  return 0;
}

void AppendField(absl::string_view key, absl::string_view json, std::string* out) {
  out->push_back(',');
  if (key == "ts" || key == "level" || key == "event") {
    AppendJsonString(absl::StrCat("_", key), out);
  } else {
    AppendJsonString(key, out);
  }
  out->push_back(':');
  out->append(json.data(), json.size());
}

}  // namespace

absl::string_view LogLevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "DEBUG";
    case LogLevel::kInfo:
      return "INFO";
    case LogLevel::kWarning:
      return "WARNING";
    case LogLevel::kError:
      return "ERROR";
  }
  return "ERROR";
}

absl::StatusOr<LogLevel> ParseLogLevel(absl::string_view text) {
  const std::string lower = absl::AsciiStrToLower(text);
  if (lower == "debug") return LogLevel::kDebug;
  if (lower == "info") return LogLevel::kInfo;
  if (lower == "warning" || lower == "warn") return LogLevel::kWarning;
  if (lower == "error") return LogLevel::kError;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown log level \"", text, "\"; expected debug, info, warning or error"));
}

LogField::LogField(absl::string_view key, absl::string_view value) : key_(key) {
  AppendJsonString(value, &json_);
}

LogField::LogField(absl::string_view key, double value) : key_(key) {
  if (!std::isfinite(value)) {
    json_ = "null";
    return;
  }
  // %.17g round-trips every double; JSON accepts its output for finite values.
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.17g", value);
  json_ = buffer;
}

void AppendJsonString(absl::string_view text, std::string* out) {
  out->push_back('"');
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '"':
        out->append("\\\"");
        ++i;
        continue;
      case '\\':
        out->append("\\\\");
        ++i;
        continue;
      case '\b':
        out->append("\\b");
        ++i;
        continue;
      case '\f':
        out->append("\\f");
        ++i;
        continue;
      case '\n':
        out->append("\\n");
        ++i;
        continue;
      case '\r':
        out->append("\\r");
        ++i;
        continue;
      case '\t':
        out->append("\\t");
        ++i;
        continue;
      default:
        break;
    }
    if (c < 0x20 || c == 0x7F) {
      char escaped[8];
      std::snprintf(escaped, sizeof(escaped), "\\u%04x", c);
      out->append(escaped);
      ++i;
      continue;
    }
    const size_t length = ValidSequenceLength(text, i);
    if (length == 0) {
      out->append(kReplacementCharacter.data(), kReplacementCharacter.size());
      ++i;
      continue;
    }
    out->append(text.data() + i, length);
    i += length;
  }
  out->push_back('"');
}

std::string FormatLogLine(absl::Time ts, LogLevel level, absl::string_view event,
                          std::initializer_list<LogField> fields) {
  std::string line = "{\"ts\":\"";
  line.append(absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", ts, absl::UTCTimeZone()));
  line.append("\",\"level\":\"");
  line.append(LogLevelName(level).data(), LogLevelName(level).size());
  line.append("\",\"event\":");
  AppendJsonString(event, &line);
  for (const LogField& field : fields) AppendField(field.key(), field.json(), &line);
  line.push_back('}');
  return line;
}

}  // namespace cs::common
