#include "common/log/log_line.h"

#include <cstdint>
#include <limits>
#include <map>
#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/types/optional.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common {
namespace {

using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::Pair;

// A deliberately strict reader for the one shape we write: a flat JSON object whose values are
// strings, numbers, true/false or null. Returns the decoded members (strings unescaped, other
// values as their raw text), or nullopt if the text is not valid JSON of that shape. Written
// independently of the formatter so a formatter bug cannot hide behind a matching reader bug.
class FlatJsonReader {
 public:
  explicit FlatJsonReader(std::string text) : text_(std::move(text)) {}

  absl::optional<std::vector<std::pair<std::string, std::string>>> Read() {
    std::vector<std::pair<std::string, std::string>> members;
    if (!Consume('{')) return absl::nullopt;
    if (Consume('}')) return pos_ == text_.size() ? absl::make_optional(members) : absl::nullopt;
    while (true) {
      absl::optional<std::string> key = String();
      if (!key || !Consume(':')) return absl::nullopt;
      absl::optional<std::string> value = Value();
      if (!value) return absl::nullopt;
      members.emplace_back(*key, *value);
      if (Consume(',')) continue;
      if (Consume('}')) break;
      return absl::nullopt;
    }
    if (pos_ != text_.size()) return absl::nullopt;
    return members;
  }

 private:
  bool Consume(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  absl::optional<std::string> Value() {
    if (pos_ < text_.size() && text_[pos_] == '"') return String();
    const size_t start = pos_;
    while (pos_ < text_.size() &&
           std::string("-+.eE0123456789truefalsn").find(text_[pos_]) != std::string::npos) {
      ++pos_;
    }
    if (pos_ == start) return absl::nullopt;
    return text_.substr(start, pos_ - start);
  }

  static void AppendUtf8(uint32_t cp, std::string* out) {
    if (cp < 0x80) {
      out->push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  absl::optional<uint32_t> Hex4() {
    if (pos_ + 4 > text_.size()) return absl::nullopt;
    uint32_t value = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = text_[pos_++];
      value <<= 4;
      if (c >= '0' && c <= '9') {
        value |= c - '0';
      } else if (c >= 'a' && c <= 'f') {
        value |= c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        value |= c - 'A' + 10;
      } else {
        return absl::nullopt;
      }
    }
    return value;
  }

  absl::optional<std::string> String() {
    if (!Consume('"')) return absl::nullopt;
    std::string out;
    while (pos_ < text_.size()) {
      const unsigned char c = static_cast<unsigned char>(text_[pos_++]);
      if (c == '"') return out;
      if (c < 0x20) return absl::nullopt;  // Raw control characters are not JSON.
      if (c != '\\') {
        out.push_back(static_cast<char>(c));
        continue;
      }
      if (pos_ >= text_.size()) return absl::nullopt;
      const char escape = text_[pos_++];
      switch (escape) {
        case '"':
        case '\\':
        case '/':
          out.push_back(escape);
          break;
        case 'b':
          out.push_back('\b');
          break;
        case 'f':
          out.push_back('\f');
          break;
        case 'n':
          out.push_back('\n');
          break;
        case 'r':
          out.push_back('\r');
          break;
        case 't':
          out.push_back('\t');
          break;
        case 'u': {
          absl::optional<uint32_t> cp = Hex4();
          if (!cp) return absl::nullopt;
          AppendUtf8(*cp, &out);
          break;
        }
        default:
          return absl::nullopt;
      }
    }
    return absl::nullopt;
  }

  std::string text_;
  size_t pos_ = 0;
};

// True when `text` is well-formed UTF-8 (checked with a different method from the formatter's:
// decode and re-check the code point range).
bool IsValidUtf8(absl::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    int length;
    uint32_t cp;
    if (c < 0x80) {
      length = 1;
      cp = c;
    } else if ((c & 0xE0) == 0xC0) {
      length = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      length = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (int k = 1; k < length; ++k) {
      const unsigned char d = static_cast<unsigned char>(text[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    const uint32_t minimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < minimum[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += length;
  }
  return true;
}

const absl::Time kTs = absl::FromUnixMillis(1772413323456);  // 2026-03-02T01:02:03.456Z

std::string Encode(absl::string_view text) {
  std::string out;
  AppendJsonString(text, &out);
  return out;
}

TEST(FormatLogLineTest, ExactLine) {
  EXPECT_EQ(FormatLogLine(kTs, LogLevel::kInfo, "rpc",
                          {{"method", "/cs.common.v1.TestClock/GetTime"},
                           {"code", "OK"},
                           {"latency_ms", 1.5},
                           {"attempt", 3},
                           {"cached", false}}),
            "{\"ts\":\"2026-03-02T01:02:03.456Z\",\"level\":\"INFO\",\"event\":\"rpc\","
            "\"method\":\"/cs.common.v1.TestClock/GetTime\",\"code\":\"OK\",\"latency_ms\":1.5,"
            "\"attempt\":3,\"cached\":false}");
}

TEST(FormatLogLineTest, TimestampIsUtcWithMilliseconds) {
  EXPECT_EQ(FormatLogLine(absl::FromUnixSeconds(0), LogLevel::kError, "e", {}),
            "{\"ts\":\"1970-01-01T00:00:00.000Z\",\"level\":\"ERROR\",\"event\":\"e\"}");
  // Sub-millisecond digits are truncated, never rounded into the next second.
  EXPECT_THAT(FormatLogLine(absl::FromUnixMicros(999999), LogLevel::kWarning, "e", {}),
              ::testing::HasSubstr("\"ts\":\"1970-01-01T00:00:00.999Z\",\"level\":\"WARNING\""));
}

TEST(FormatLogLineTest, ReservedKeysAreRenamed) {
  EXPECT_EQ(
      FormatLogLine(kTs, LogLevel::kDebug, "x", {{"ts", "a"}, {"level", "b"}, {"event", "c"}}),
      "{\"ts\":\"2026-03-02T01:02:03.456Z\",\"level\":\"DEBUG\",\"event\":\"x\","
      "\"_ts\":\"a\",\"_level\":\"b\",\"_event\":\"c\"}");
}

TEST(JsonStringTest, EscapesQuotesBackslashAndControlCharacters) {
  EXPECT_EQ(Encode("plain"), "\"plain\"");
  EXPECT_EQ(Encode("a\"b\\c/d"), "\"a\\\"b\\\\c/d\"");
  EXPECT_EQ(Encode("\b\f\n\r\t"), "\"\\b\\f\\n\\r\\t\"");
  EXPECT_EQ(Encode(absl::string_view("\0\x01\x1f\x7f", 4)), "\"\\u0000\\u0001\\u001f\\u007f\"");
}

TEST(JsonStringTest, KeepsValidUtf8) {
  EXPECT_EQ(Encode("客服中心"), "\"客服中心\"");
  EXPECT_EQ(Encode("\xF0\x9F\x98\x80"), "\"\xF0\x9F\x98\x80\"");  // U+1F600, 4 bytes.
  EXPECT_EQ(Encode("\xEF\xBF\xBF"), "\"\xEF\xBF\xBF\"");          // U+FFFF.
  EXPECT_EQ(Encode("\xF4\x8F\xBF\xBF"), "\"\xF4\x8F\xBF\xBF\"");  // U+10FFFF.
}

TEST(JsonStringTest, ReplacesInvalidUtf8ByteByByte) {
  const std::string r = "\xEF\xBF\xBD";
  EXPECT_EQ(Encode("a\xFFz"), "\"a" + r + "z\"");                      // Never a valid byte.
  EXPECT_EQ(Encode("\x80"), "\"" + r + "\"");                          // Lone continuation.
  EXPECT_EQ(Encode("\xC0\xAF"), "\"" + r + r + "\"");                  // Overlong '/'.
  EXPECT_EQ(Encode("\xE0\x80\xAF"), "\"" + r + r + r + "\"");          // Overlong 3-byte form.
  EXPECT_EQ(Encode("\xED\xA0\x80"), "\"" + r + r + r + "\"");          // Surrogate U+D800.
  EXPECT_EQ(Encode("\xF4\x90\x80\x80"), "\"" + r + r + r + r + "\"");  // Above U+10FFFF.
  EXPECT_EQ(Encode("\xE5\xAE"), "\"" + r + r + "\"");                  // Truncated at the end.
  EXPECT_EQ(Encode("\xE5\xAE\"x"), "\"" + r + r + "\\\"x\"");          // Truncated before a quote.
}

TEST(JsonStringTest, EveryByteStringBecomesValidJsonThatDecodesBack) {
  // All 256 single bytes, then every pair of bytes from an interesting set, each inside a field.
  std::vector<std::string> inputs;
  for (int b = 0; b < 256; ++b) inputs.push_back(std::string(1, static_cast<char>(b)));
  const std::string interesting =
      std::string("\0\x01\x1f \"\\/a\x7f\x80\xbf\xc2\xdf\xe0\xed\xf0\xf4\xf5\xff", 19);
  for (char a : interesting) {
    for (char b : interesting) inputs.push_back(std::string{a, b});
  }
  inputs.push_back("客服\n\"中心\"\t\\");
  for (const std::string& input : inputs) {
    const std::string line = FormatLogLine(kTs, LogLevel::kInfo, input, {{input, input}});
    ASSERT_TRUE(IsValidUtf8(line)) << absl::CEscape(input);
    absl::optional<std::vector<std::pair<std::string, std::string>>> members =
        FlatJsonReader(line).Read();
    ASSERT_TRUE(members.has_value()) << line;
    ASSERT_EQ(members->size(), 4u) << line;
    EXPECT_EQ((*members)[2].second, (*members)[3].first);
    EXPECT_EQ((*members)[3].first, (*members)[3].second);
    // Valid UTF-8 without the replaced bytes decodes back to exactly the input.
    if (IsValidUtf8(input)) {
      EXPECT_EQ((*members)[3].second, input) << absl::CEscape(input);
    }
  }
}

TEST(LogFieldTest, Numbers) {
  EXPECT_EQ(LogField("k", 0).json(), "0");
  EXPECT_EQ(LogField("k", -42).json(), "-42");
  EXPECT_EQ(LogField("k", std::numeric_limits<int64_t>::min()).json(), "-9223372036854775808");
  EXPECT_EQ(LogField("k", std::numeric_limits<uint64_t>::max()).json(), "18446744073709551615");
  EXPECT_EQ(LogField("k", 0.25).json(), "0.25");
  EXPECT_EQ(LogField("k", std::numeric_limits<double>::quiet_NaN()).json(), "null");
  EXPECT_EQ(LogField("k", std::numeric_limits<double>::infinity()).json(), "null");
  EXPECT_EQ(LogField("k", true).json(), "true");
  EXPECT_EQ(LogField("k", "true").json(), "\"true\"");
}

TEST(LogLevelTest, ParseAndName) {
  EXPECT_THAT(ParseLogLevel("debug"), IsOkAndHolds(LogLevel::kDebug));
  EXPECT_THAT(ParseLogLevel("INFO"), IsOkAndHolds(LogLevel::kInfo));
  EXPECT_THAT(ParseLogLevel("Warn"), IsOkAndHolds(LogLevel::kWarning));
  EXPECT_THAT(ParseLogLevel("warning"), IsOkAndHolds(LogLevel::kWarning));
  EXPECT_THAT(ParseLogLevel("error"), IsOkAndHolds(LogLevel::kError));
  EXPECT_THAT(ParseLogLevel("verbose"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(LogLevelName(LogLevel::kWarning), "WARNING");
}

TEST(FlatJsonReaderTest, RejectsWhatIsNotJson) {
  // The checker itself must be able to fail, or the round-trip test above proves nothing.
  EXPECT_FALSE(FlatJsonReader("{\"a\":\"x\ny\"}").Read().has_value());
  EXPECT_FALSE(FlatJsonReader("{\"a\":\"\\q\"}").Read().has_value());
  EXPECT_FALSE(FlatJsonReader("{\"a\":\"x\"").Read().has_value());
  EXPECT_FALSE(FlatJsonReader("{\"a\":\"x\"}}").Read().has_value());
  EXPECT_THAT(*FlatJsonReader("{\"a\":\"\\u00e9\",\"b\":1}").Read(),
              ElementsAre(Pair("a", "\xC3\xA9"), Pair("b", "1")));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));
}

}  // namespace
}  // namespace cs::common
