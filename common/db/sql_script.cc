#include "common/db/sql_script.h"

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/string_view.h"

namespace cs::common::db {
namespace {

// True when `text` from `pos` holds only a comment or white space up to the end of the line (or
// script).
bool OnlyTriviaToLineEnd(absl::string_view text, size_t pos) {
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\r')) ++pos;
  if (pos >= text.size() || text[pos] == '\n') return true;
  if (text[pos] == '#') return true;
  if (text.substr(pos, 2) == "--" &&
      (pos + 2 >= text.size() || absl::ascii_isspace(static_cast<unsigned char>(text[pos + 2])))) {
    return true;
  }
  return false;
}

// True when `statement` holds nothing but comments and white space.
bool IsOnlyTrivia(absl::string_view statement) {
  size_t pos = 0;
  while (pos < statement.size()) {
    const char c = statement[pos];
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
      ++pos;
    } else if (c == '#' ||
               (statement.substr(pos, 2) == "--" &&
                (pos + 2 >= statement.size() ||
                 absl::ascii_isspace(static_cast<unsigned char>(statement[pos + 2]))))) {
      const size_t end = statement.find('\n', pos);
      if (end == absl::string_view::npos) return true;
      pos = end + 1;
    } else if (statement.substr(pos, 2) == "/*") {
      const size_t end = statement.find("*/", pos + 2);
      if (end == absl::string_view::npos) return true;
      pos = end + 2;
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace

std::vector<std::string> SplitSqlStatements(absl::string_view script) {
  enum class State { kCode, kQuoted, kLineComment, kBlockComment };
  std::vector<std::string> statements;
  State state = State::kCode;
  char quote = 0;
  size_t start = 0;
  auto emit = [&](size_t end) {
    absl::string_view piece = absl::StripAsciiWhitespace(script.substr(start, end - start));
    if (!IsOnlyTrivia(piece)) statements.emplace_back(piece);
  };
  for (size_t i = 0; i < script.size(); ++i) {
    const char c = script[i];
    switch (state) {
      case State::kCode:
        if (c == '\'' || c == '"' || c == '`') {
          state = State::kQuoted;
          quote = c;
        } else if (c == '#' || (c == '-' && script.substr(i, 2) == "--" &&
                                (i + 2 >= script.size() ||
                                 absl::ascii_isspace(static_cast<unsigned char>(script[i + 2]))))) {
          state = State::kLineComment;
        } else if (c == '/' && script.substr(i, 2) == "/*") {
          state = State::kBlockComment;
          ++i;
        } else if (c == ';' && OnlyTriviaToLineEnd(script, i + 1)) {
          emit(i);
          start = i + 1;
        }
        break;
      case State::kQuoted:
        // MySQL's default sql_mode lets a backslash escape the next character inside strings; a
        // doubled quote simply closes and reopens the literal, which this scan handles as two
        // toggles.
        if (c == '\\' && quote != '`') {
          ++i;
        } else if (c == quote) {
          state = State::kCode;
        }
        break;
      case State::kLineComment:
        if (c == '\n') state = State::kCode;
        break;
      case State::kBlockComment:
        if (c == '*' && script.substr(i, 2) == "*/") {
          state = State::kCode;
          ++i;
        }
        break;
    }
  }
  emit(script.size());
  return statements;
}

}  // namespace cs::common::db
