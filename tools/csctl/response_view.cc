#include "tools/csctl/response_view.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/duration.pb.h"
#include "google/protobuf/field_mask.pb.h"
#include "google/protobuf/timestamp.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/time_util.h"

namespace cs::tools::csctl {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// A table cell is cut here so one long text does not push the other columns off the screen
// (the key-value and JSON views show it whole).
constexpr size_t kMaxCellWidth = 48;

// Well-known types shown as one value rather than as their fields.
bool IsLeafMessage(const Descriptor& type) {
  const std::string& name = type.full_name();
  return name == "google.protobuf.Timestamp" || name == "google.protobuf.Duration" ||
         name == "google.protobuf.FieldMask";
}

bool IsLeaf(const FieldDescriptor& field) {
  return field.cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE ||
         IsLeafMessage(*field.message_type());
}

std::string LeafMessageText(const Message& message) {
  const std::string& name = message.GetDescriptor()->full_name();
  if (name == "google.protobuf.Timestamp") {
    return google::protobuf::util::TimeUtil::ToString(
        static_cast<const google::protobuf::Timestamp&>(message));
  }
  if (name == "google.protobuf.Duration") {
    return google::protobuf::util::TimeUtil::ToString(
        static_cast<const google::protobuf::Duration&>(message));
  }
  const auto& mask = static_cast<const google::protobuf::FieldMask&>(message);
  return absl::StrJoin(mask.paths(), ",");
}

// One value of a leaf field (element `index` of a repeated one, -1 for a singular one).
std::string ValueText(const Message& message, const FieldDescriptor& field, int index) {
  const Reflection& r = *message.GetReflection();
  const bool repeated = index >= 0;
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      return repeated ? r.GetRepeatedString(message, &field, index) : r.GetString(message, &field);
    case FieldDescriptor::CPPTYPE_INT32:
      return absl::StrCat(repeated ? r.GetRepeatedInt32(message, &field, index)
                                   : r.GetInt32(message, &field));
    case FieldDescriptor::CPPTYPE_INT64:
      return absl::StrCat(repeated ? r.GetRepeatedInt64(message, &field, index)
                                   : r.GetInt64(message, &field));
    case FieldDescriptor::CPPTYPE_UINT32:
      return absl::StrCat(repeated ? r.GetRepeatedUInt32(message, &field, index)
                                   : r.GetUInt32(message, &field));
    case FieldDescriptor::CPPTYPE_UINT64:
      return absl::StrCat(repeated ? r.GetRepeatedUInt64(message, &field, index)
                                   : r.GetUInt64(message, &field));
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return absl::StrCat(repeated ? r.GetRepeatedDouble(message, &field, index)
                                   : r.GetDouble(message, &field));
    case FieldDescriptor::CPPTYPE_FLOAT:
      return absl::StrCat(repeated ? r.GetRepeatedFloat(message, &field, index)
                                   : r.GetFloat(message, &field));
    case FieldDescriptor::CPPTYPE_BOOL:
      return (repeated ? r.GetRepeatedBool(message, &field, index) : r.GetBool(message, &field))
                 ? "true"
                 : "false";
    case FieldDescriptor::CPPTYPE_ENUM:
      return (repeated ? r.GetRepeatedEnum(message, &field, index) : r.GetEnum(message, &field))
          ->name();
    case FieldDescriptor::CPPTYPE_MESSAGE:
      return LeafMessageText(repeated ? r.GetRepeatedMessage(message, &field, index)
                                      : r.GetMessage(message, &field));
  }
  return "";
}

// Every set field as (path, value), in field order; repeated scalars joined by ", ".
void Flatten(const Message& message, const std::string& prefix,
             std::vector<std::pair<std::string, std::string>>& lines) {
  const Reflection& r = *message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  r.ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    const std::string path = absl::StrCat(prefix, field->name());
    if (IsLeaf(*field)) {
      if (field->is_repeated()) {
        std::vector<std::string> values;
        for (int i = 0; i < r.FieldSize(message, field); ++i) {
          values.push_back(ValueText(message, *field, i));
        }
        lines.emplace_back(path, absl::StrJoin(values, ", "));
      } else {
        lines.emplace_back(path, ValueText(message, *field, -1));
      }
    } else if (field->is_repeated()) {
      for (int i = 0; i < r.FieldSize(message, field); ++i) {
        Flatten(r.GetRepeatedMessage(message, field, i), absl::StrCat(path, "[", i, "]."), lines);
      }
    } else {
      Flatten(r.GetMessage(message, field), absl::StrCat(path, "."), lines);
    }
  }
}

std::string PadRight(absl::string_view text, size_t width) {
  const size_t used = DisplayWidth(text);
  return absl::StrCat(text, std::string(width > used ? width - used : 0, ' '));
}

// "path  value" lines, the values aligned; a value of several lines continues under itself.
std::string KeyValueLines(const std::vector<std::pair<std::string, std::string>>& lines) {
  size_t width = 0;
  for (const auto& [path, value] : lines) width = std::max(width, DisplayWidth(path));
  std::string out;
  for (const auto& [path, value] : lines) {
    const std::string indent(width + 2, ' ');
    absl::StrAppend(&out, PadRight(path, width), "  ",
                    absl::StrReplaceAll(value, {{"\n", absl::StrCat("\n", indent)}}), "\n");
  }
  return out;
}

// The value at `path` inside `row` ("input.kind"), empty when unset; repeated values joined.
std::string CellText(const Message& row, absl::string_view path) {
  const Message* current = &row;
  const std::vector<std::string> steps = absl::StrSplit(path, '.');
  for (size_t i = 0; i < steps.size(); ++i) {
    const FieldDescriptor* field = current->GetDescriptor()->FindFieldByName(steps[i]);
    if (field == nullptr) return "";
    const Reflection& r = *current->GetReflection();
    const bool last = i + 1 == steps.size();
    if (field->is_repeated()) {
      if (!last || !IsLeaf(*field)) return absl::StrCat("(", r.FieldSize(*current, field), ")");
      std::vector<std::string> values;
      for (int j = 0; j < r.FieldSize(*current, field); ++j) {
        values.push_back(ValueText(*current, *field, j));
      }
      return absl::StrJoin(values, ", ");
    }
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && !r.HasField(*current, field)) {
      return "";
    }
    if (last) return IsLeaf(*field) ? ValueText(*current, *field, -1) : "…";
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) return "";
    current = &r.GetMessage(*current, field);
  }
  return "";
}

// Cuts `text` to at most `width` display columns, marking a cut with "…".
std::string FitCell(const std::string& text) {
  std::string flat = absl::StrReplaceAll(text, {{"\r\n", " "}, {"\n", " "}, {"\t", " "}});
  if (DisplayWidth(flat) <= kMaxCellWidth) return flat;
  std::string out;
  size_t used = 0;
  for (size_t i = 0; i < flat.size();) {
    size_t length = 1;
    const unsigned char lead = static_cast<unsigned char>(flat[i]);
    if (lead >= 0xF0) {
      length = 4;
    } else if (lead >= 0xE0) {
      length = 3;
    } else if (lead >= 0xC0) {
      length = 2;
    }
    length = std::min(length, flat.size() - i);
    const std::string one = flat.substr(i, length);
    const size_t width = DisplayWidth(one);
    if (used + width > kMaxCellWidth - 1) break;
    out += one;
    used += width;
    i += length;
  }
  return absl::StrCat(out, "…");
}

std::string Table(const Message& list, const FieldDescriptor& rows,
                  const std::vector<std::string>& columns) {
  const Reflection& r = *list.GetReflection();
  const int count = r.FieldSize(list, &rows);
  if (count == 0) return absl::StrCat("(no ", rows.name(), ")\n");
  std::vector<std::vector<std::string>> cells;
  std::vector<size_t> widths;
  for (const std::string& column : columns) widths.push_back(DisplayWidth(column));
  for (int i = 0; i < count; ++i) {
    std::vector<std::string> line;
    for (size_t c = 0; c < columns.size(); ++c) {
      line.push_back(FitCell(CellText(r.GetRepeatedMessage(list, &rows, i), columns[c])));
      widths[c] = std::max(widths[c], DisplayWidth(line.back()));
    }
    cells.push_back(std::move(line));
  }
  auto render = [&widths](const std::vector<std::string>& line) {
    std::string out;
    for (size_t c = 0; c < line.size(); ++c) {
      // The last column is not padded: no trailing blanks.
      absl::StrAppend(&out, c + 1 == line.size() ? line[c] : PadRight(line[c], widths[c]),
                      c + 1 == line.size() ? "" : "  ");
    }
    return absl::StrCat(out, "\n");
  };
  std::string out = render(columns);
  for (const std::vector<std::string>& line : cells) out += render(line);
  return out;
}

}  // namespace

absl::StatusOr<std::string> FormatJson(const Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  std::string json;
  const auto status = google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) {
    return absl::InternalError(
        absl::StrCat("cannot print the answer as JSON: ", status.ToString()));
  }
  if (json.empty() || json.back() != '\n') json += '\n';
  return json;
}

std::string FormatTable(const Message& message, const TableViewOptions& options) {
  const Reflection& r = *message.GetReflection();
  const Descriptor& type = *message.GetDescriptor();
  std::string out;
  const FieldDescriptor* skipped = nullptr;
  if (!options.raw_text_field.empty()) {
    const FieldDescriptor* raw = type.FindFieldByName(options.raw_text_field);
    if (raw != nullptr && raw->cpp_type() == FieldDescriptor::CPPTYPE_STRING &&
        !raw->is_repeated()) {
      out = r.GetString(message, raw);
      if (!out.empty() && out.back() != '\n') out += '\n';
      skipped = raw;
    }
  } else if (!options.columns.empty()) {
    for (int f = 0; f < type.field_count(); ++f) {
      const FieldDescriptor* field = type.field(f);
      if (field->is_repeated() && !IsLeaf(*field)) {
        out = Table(message, *field, options.columns);
        skipped = field;
        break;
      }
    }
  }
  std::vector<std::pair<std::string, std::string>> lines;
  Flatten(message, "", lines);
  if (skipped != nullptr) {
    std::erase_if(lines, [skipped](const auto& line) {
      return line.first == skipped->name() ||
             absl::StartsWith(line.first, absl::StrCat(skipped->name(), "["));
    });
    if (!out.empty() && !lines.empty()) out += "\n";
  } else if (lines.empty()) {
    return "(empty answer)\n";
  }
  return out + KeyValueLines(lines);
}

size_t DisplayWidth(absl::string_view text) {
  size_t width = 0;
  for (size_t i = 0; i < text.size();) {
    const unsigned char lead = static_cast<unsigned char>(text[i]);
    uint32_t code = lead;
    size_t length = 1;
    if (lead >= 0xF0 && i + 3 < text.size()) {
      length = 4;
      code = ((lead & 0x07u) << 18) | ((text[i + 1] & 0x3Fu) << 12) | ((text[i + 2] & 0x3Fu) << 6) |
             (text[i + 3] & 0x3Fu);
    } else if (lead >= 0xE0 && i + 2 < text.size()) {
      length = 3;
      code = ((lead & 0x0Fu) << 12) | ((text[i + 1] & 0x3Fu) << 6) | (text[i + 2] & 0x3Fu);
    } else if (lead >= 0xC0 && i + 1 < text.size()) {
      length = 2;
      code = ((lead & 0x1Fu) << 6) | (text[i + 1] & 0x3Fu);
    }
    i += length;
    // East Asian Wide and Fullwidth blocks (Unicode UAX #11), the ones a ticket's text uses:
    // Hangul Jamo, CJK radicals to Yi, Hangul syllables, CJK compatibility, vertical and small
    // forms, full-width forms, and the supplementary ideographic planes.
    const bool wide = (code >= 0x1100 && code <= 0x115F) || (code >= 0x2E80 && code <= 0xA4CF) ||
                      (code >= 0xAC00 && code <= 0xD7A3) || (code >= 0xF900 && code <= 0xFAFF) ||
                      (code >= 0xFE30 && code <= 0xFE4F) || (code >= 0xFF00 && code <= 0xFF60) ||
                      (code >= 0xFFE0 && code <= 0xFFE6) || (code >= 0x20000 && code <= 0x3FFFD);
    width += wide ? 2 : 1;
  }
  return width;
}

}  // namespace cs::tools::csctl
