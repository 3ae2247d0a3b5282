// Bad request bodies for any request message, derived from its descriptor alone (issue 16, "Bad
// input"): so a new RPC or a new field is covered without touching the test that sends them.
// Each body is the wire encoding of a base request (the empty one, or one filled with plausible
// values so that validation gets past the first missing field) with one field (top level, or one
// level into a sub-message: `ticket.problem`) holding one bad value. Bodies whose value a
// conforming serializer would not write (invalid UTF-8 in a string field) are written byte by
// byte. Pure functions; thread-safe.
#ifndef CS_TESTS_E2E_BAD_INPUT_REQUESTS_H_
#define CS_TESTS_E2E_BAD_INPUT_REQUESTS_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace cs::e2e {

struct BadRequest {
  // "<field path>=<what>", e.g. "ticket.problem=1MiB"; "(empty)" for the empty request.
  std::string name;
  // The serialized request message.
  std::string body;
};

// A `request` with every field at the top level and one level down set to a plausible value:
// strings "e2e" (a field named unit_id or ending in _unit_id: `unit_id`), integers 1, enums their
// first value after 0, booleans true, timestamps `now`, one element in every repeated field.
std::unique_ptr<google::protobuf::Message> FilledRequest(
    const google::protobuf::Descriptor& request, absl::string_view unit_id, int64_t now);

// `base` unchanged ("(base)"), then for every field reachable at the top level or one level down
// (into each singular, repeated or map message field; google.protobuf.Timestamp fields are values,
// not descended into):
//   - string: 1 MiB, invalid UTF-8, "'; DROP TABLE x; --", "\\", "%_"; a field named
//     page_token also a garbage token and a well-formed token of another listing;
//   - bytes: 1 MiB;
//   - every integer: -1 and the type's maximum (INT64_MAX for 64-bit);
//   - float/double: NaN, +infinity, -1e308;
//   - enum: the unknown number 999;
//   - google.protobuf.Timestamp: 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z (the proto
//     limits), one second beyond each, INT64_MAX seconds, and nanos of 1e9.
// A repeated field gets the bad value as its first element. A top-level string field named
// request_id or message_id that is not the one varied gets a value unique to the body, so that
// idempotency does not answer every body after the first.
std::vector<BadRequest> BadRequestsFor(const google::protobuf::Message& base);

// A body of more than `bytes` bytes that any request message parses (an unknown field 536870911
// carrying them): sent with `bytes` above a server's receive limit, it must be refused before any
// handler runs.
std::string OversizeBody(size_t bytes);

}  // namespace cs::e2e

#endif  // CS_TESTS_E2E_BAD_INPUT_REQUESTS_H_
