// How csctl shows an answer: protobuf JSON for scripts (--output json) or a view for people
// (--output table, the default). Both keep UTF-8 text as it is, so Chinese reads as Chinese, and
// the table view pads by display width (a CJK character takes two terminal columns).
// Pure functions; thread-safe.
#ifndef CS_TOOLS_CSCTL_RESPONSE_VIEW_H_
#define CS_TOOLS_CSCTL_RESPONSE_VIEW_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace cs::tools::csctl {

// The message as protobuf JSON (proto field names, as the --field flags spell them; enums by
// name; Timestamps in RFC 3339), indented, UTF-8 unescaped, ending in a newline.
absl::StatusOr<std::string> FormatJson(const google::protobuf::Message& message);

struct TableViewOptions {
  // Set for a list answer: paths inside one row, shown as columns. Empty: the answer is one
  // resource (whose own repeated fields, e.g. a ticket's history, are no list to tabulate).
  std::vector<std::string> columns;
  // A top-level string field printed as it is (a rendered form, a CSV); empty: none.
  std::string raw_text_field;
};

// The view for people:
//   - with raw_text_field set and non-empty: that text, then the other set fields as key: value;
//   - with columns set (a list answer): one table row per element of the answer's first repeated
//     message field, then the other fields (e.g. page.next_page_token) as key: value;
//   - anything else: one "path  value" line per set field, nested paths dotted, repeated
//     elements indexed (history[0].event).
std::string FormatTable(const google::protobuf::Message& message, const TableViewOptions& options);

// How many terminal columns `text` takes: two for East Asian wide and full-width characters, one
// for the others (invalid UTF-8 bytes count one each).
size_t DisplayWidth(absl::string_view text);

}  // namespace cs::tools::csctl

#endif  // CS_TOOLS_CSCTL_RESPONSE_VIEW_H_
