#include "common/testing/metrics_text.h"

#include <cmath>
#include <limits>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace cs::common::testing {
namespace {

bool IsNameChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ':';
}

absl::Status Malformed(absl::string_view line) {
  return absl::InvalidArgumentError(absl::StrCat("malformed metrics line: ", line));
}

bool ParseValue(absl::string_view text, double* value) {
  if (text == "+Inf" || text == "Inf") {
    *value = std::numeric_limits<double>::infinity();
    return true;
  }
  if (text == "-Inf") {
    *value = -std::numeric_limits<double>::infinity();
    return true;
  }
  if (text == "NaN") {
    *value = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  return absl::SimpleAtod(text, value);
}

absl::StatusOr<MetricSample> ParseLine(absl::string_view line) {
  MetricSample sample;
  size_t i = 0;
  while (i < line.size() && IsNameChar(line[i])) ++i;
  if (i == 0) return Malformed(line);
  sample.name = std::string(line.substr(0, i));
  if (i < line.size() && line[i] == '{') {
    ++i;
    while (true) {
      while (i < line.size() && (line[i] == ' ' || line[i] == ',')) ++i;
      if (i < line.size() && line[i] == '}') {
        ++i;
        break;
      }
      const size_t key_start = i;
      while (i < line.size() && IsNameChar(line[i])) ++i;
      if (i == key_start || i + 1 >= line.size() || line[i] != '=' || line[i + 1] != '"') {
        return Malformed(line);
      }
      std::string key(line.substr(key_start, i - key_start));
      i += 2;
      std::string value;
      while (i < line.size() && line[i] != '"') {
        if (line[i] == '\\' && i + 1 < line.size()) {
          ++i;
          value.push_back(line[i] == 'n' ? '\n' : line[i]);
        } else {
          value.push_back(line[i]);
        }
        ++i;
      }
      if (i >= line.size()) return Malformed(line);
      ++i;  // Closing quote.
      sample.labels[std::move(key)] = std::move(value);
    }
  }
  std::vector<absl::string_view> rest = absl::StrSplit(line.substr(i), ' ', absl::SkipEmpty());
  if (rest.empty() || rest.size() > 2 || !ParseValue(rest[0], &sample.value)) {
    return Malformed(line);
  }
  return sample;
}

}  // namespace

absl::StatusOr<std::vector<MetricSample>> ParseMetricsText(absl::string_view text) {
  std::vector<MetricSample> samples;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') continue;
    absl::StatusOr<MetricSample> sample = ParseLine(line);
    if (!sample.ok()) return sample.status();
    samples.push_back(*std::move(sample));
  }
  return samples;
}

absl::StatusOr<double> SumSamples(absl::string_view text, absl::string_view name,
                                  const std::map<std::string, std::string>& labels) {
  absl::StatusOr<std::vector<MetricSample>> samples = ParseMetricsText(text);
  if (!samples.ok()) return samples.status();
  double sum = 0;
  for (const MetricSample& sample : *samples) {
    if (sample.name != name) continue;
    bool matches = true;
    for (const auto& [key, value] : labels) {
      auto it = sample.labels.find(key);
      if (it == sample.labels.end() || it->second != value) {
        matches = false;
        break;
      }
    }
    if (matches) sum += sample.value;
  }
  return sum;
}

}  // namespace cs::common::testing
