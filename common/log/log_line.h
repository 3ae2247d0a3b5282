// The structured log format of the suite: one JSON object per line,
//   {"ts":"2026-03-02T01:02:03.456Z","level":"INFO","event":"rpc","method":"/x.Y/Z","code":"OK",...}
// ts is UTC RFC 3339 with milliseconds, then level, then the event name, then the caller's fields
// in order. Strings are escaped per RFC 8259 (quote, backslash, every control character) and
// invalid UTF-8 is replaced byte by byte with U+FFFD, so every line is valid JSON whatever the
// input. A field whose key is "ts", "level" or "event" is written with a leading underscore ("_ts")
// so the line never has duplicate keys. Pure functions and value types: thread-safe.
//
// There is deliberately no way to log request metadata wholesale: fields are named one by one, so a
// bearer token can only reach a log by someone writing it out explicitly.
#ifndef CS_COMMON_LOG_LOG_LINE_H_
#define CS_COMMON_LOG_LOG_LINE_H_

#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace cs::common {

enum class LogLevel : int { kDebug = 0, kInfo = 1, kWarning = 2, kError = 3 };

// "DEBUG", "INFO", "WARNING", "ERROR".
absl::string_view LogLevelName(LogLevel level);

// Parses "debug", "info", "warning" (or "warn"), "error" in any case. INVALID_ARGUMENT otherwise.
absl::StatusOr<LogLevel> ParseLogLevel(absl::string_view text);

// One key and its value, already encoded as JSON. Non-finite doubles are written as null (JSON has
// no NaN or infinity).
class LogField {
 public:
  LogField(absl::string_view key, absl::string_view value);
  LogField(absl::string_view key, const char* value) : LogField(key, absl::string_view(value)) {}
  LogField(absl::string_view key, const std::string& value)
      : LogField(key, absl::string_view(value)) {}
  template <typename Integer>
  requires std::integral<Integer> &&
      (!std::same_as<Integer, bool>)LogField(absl::string_view key, Integer value)
      : key_(key), json_(std::to_string(value)) {}
  LogField(absl::string_view key, double value);
  LogField(absl::string_view key, bool value) : key_(key), json_(value ? "true" : "false") {}

  absl::string_view key() const { return key_; }
  // The value as JSON text (a quoted string, a number, true/false or null).
  absl::string_view json() const { return json_; }

 private:
  std::string key_;
  std::string json_;
};

// Appends `text` to `out` as a quoted JSON string (see the escaping rules at the top of this file).
void AppendJsonString(absl::string_view text, std::string* out);

// The log line for one event, without the trailing newline.
std::string FormatLogLine(absl::Time ts, LogLevel level, absl::string_view event,
                          std::initializer_list<LogField> fields);

}  // namespace cs::common

#endif  // CS_COMMON_LOG_LOG_LINE_H_
