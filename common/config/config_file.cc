#include "common/config/config_file.h"

#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"

namespace cs::common::config {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::TextFormat;

class CollectingErrors final : public google::protobuf::io::ErrorCollector {
 public:
  explicit CollectingErrors(std::string file_name) : file_name_(std::move(file_name)) {}

  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string& message) override {
    // The parser counts from 0; editors count from 1.
    errors_.push_back(absl::StrCat(file_name_, ":", line + 1, ":", column + 1, ": ", message));
  }
  void AddWarning(int line, google::protobuf::io::ColumnNumber column,
                  const std::string& message) override {
    AddError(line, column, message);
  }
  const std::vector<std::string>& errors() const { return errors_; }

 private:
  std::string file_name_;
  std::vector<std::string> errors_;
};

// The 1-based line of `field_path` ("a[0].b.c[2]") in the parsed text, or 0 when it is not there.
int LineOf(absl::string_view field_path, const Descriptor* descriptor,
           const TextFormat::ParseInfoTree* tree) {
  int line = 0;
  std::vector<absl::string_view> steps = absl::StrSplit(field_path, '.');
  for (size_t i = 0; i < steps.size() && descriptor != nullptr && tree != nullptr; ++i) {
    absl::string_view step = steps[i];
    int index = -1;
    if (size_t open = step.find('['); open != absl::string_view::npos && step.back() == ']') {
      if (!absl::SimpleAtoi(step.substr(open + 1, step.size() - open - 2), &index)) return line;
      step = step.substr(0, open);
    }
    const FieldDescriptor* field = descriptor->FindFieldByName(std::string(step));
    if (field == nullptr) return line;
    if (field->is_repeated() && index < 0) index = 0;
    if (!field->is_repeated()) index = -1;
    auto location = tree->GetLocation(field, index);
    if (location.line < 0) return line;
    line = location.line + 1;
    if (field->type() != FieldDescriptor::TYPE_MESSAGE) return line;
    descriptor = field->message_type();
    tree = tree->GetTreeForNested(field, index);
  }
  return line;
}

}  // namespace

absl::Status ParseConfigText(absl::string_view file_name, absl::string_view text,
                             google::protobuf::Message* message, const Validator& validator) {
  CollectingErrors errors{std::string(file_name)};
  TextFormat::ParseInfoTree tree;
  TextFormat::Parser parser;
  parser.RecordErrorsTo(&errors);
  parser.WriteLocationsTo(&tree);
  if (!parser.ParseFromString(std::string(text), message)) {
    return absl::InvalidArgumentError(errors.errors().empty()
                                          ? absl::StrCat(file_name, ": cannot parse")
                                          : absl::StrJoin(errors.errors(), "\n"));
  }
  if (!validator) return absl::OkStatus();
  FieldViolations violations = validator(*message);
  if (violations.empty()) return absl::OkStatus();
  std::vector<std::string> lines;
  FieldViolations located;
  for (const FieldViolation& violation : violations.violations()) {
    const int line = LineOf(violation.field, message->GetDescriptor(), &tree);
    lines.push_back(
        absl::StrCat(file_name, ":", line, ": ", violation.field, ": ", violation.description));
    located.Add(violation.field, absl::StrCat("line ", line, ": ", violation.description));
  }
  absl::Status status = located.ToStatus(absl::StrCat(file_name, " is invalid"));
  return absl::Status(status.code(), absl::StrJoin(lines, "\n"));
}

absl::Status LoadConfigFile(const std::string& path, google::protobuf::Message* message,
                            const Validator& validator) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open the file"));
  std::ostringstream text;
  text << in.rdbuf();
  return ParseConfigText(path, text.str(), message, validator);
}

}  // namespace cs::common::config
