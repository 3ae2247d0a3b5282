// Builds a request message from what a person types, by protobuf reflection, so one code path
// serves every RPC: a body in text format (--request), then "--field.path=value" settings, each
// converted by the field's type. Stateless functions; thread-safe on distinct messages.
#ifndef CS_TOOLS_CSCTL_REQUEST_FIELDS_H_
#define CS_TOOLS_CSCTL_REQUEST_FIELDS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace cs::tools::csctl {

// Merges `text` (protobuf text format) into `message`. INVALID_ARGUMENT naming each problem as
// "line:column: message" and the expected type.
absl::Status MergeTextFormat(absl::string_view text, google::protobuf::Message& message);

// Sets the field at `path` ("ticket.contact_phone"; "-" is read as "_") from `value`:
//   strings and bytes      as given (UTF-8 kept as it is);
//   integers, floats       decimal;
//   bools                  true/false, yes/no, 1/0 (an empty value — a bare --flag — is true);
//   enums                  the value's name ("TICKET_KIND_COMPLAINT"), the name without its
//                          enum's prefix, any case ("complaint"), or its number;
//   Timestamp              RFC 3339 ("2026-05-06T09:30:00+08:00"), or "now";
//   Duration               "90s", "1h30m" (absl::ParseDuration);
//   FieldMask              a comma-separated list of paths;
//   another message        its text format ("page_size: 10").
// A repeated field gets one element per call (repeat the flag). Every step of the path but the
// last must be a singular message field. INVALID_ARGUMENT naming the path and the problem (an
// unknown field lists the fields there are).
absl::Status SetField(google::protobuf::Message& message, absl::string_view path,
                      absl::string_view value);

// The field at `path` of `type`, or null (every step but the last a singular message).
const google::protobuf::FieldDescriptor* FindFieldPath(const google::protobuf::Descriptor& type,
                                                       absl::string_view path);

// Whether the field at `path` is set: a singular field differs from its default or, for a
// message, is present; a repeated one has an element.
bool IsFieldPathSet(const google::protobuf::Message& message, absl::string_view path);

// The top-level string field "request_id" of `type`, or null when the request has none (the RPC
// is not one that creates or changes under an idempotency key).
const google::protobuf::FieldDescriptor* RequestIdField(const google::protobuf::Descriptor& type);

// A fresh request id: "csctl-" and 20 random hex digits (within the suite's 64 printable
// characters).
std::string NewRequestId();

}  // namespace cs::tools::csctl

#endif  // CS_TOOLS_CSCTL_REQUEST_FIELDS_H_
