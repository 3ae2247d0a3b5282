#include "common/log/log_line.h"

#include <cmath>
#include <cstdio>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/text/utf8.h"

namespace cs::common {
namespace {

constexpr absl::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD in UTF-8.

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
    const size_t length = Utf8SequenceLength(text, i);
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
