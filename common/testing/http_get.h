// A tiny blocking HTTP/1.0 GET client for loopback, so tests can scrape a process's real /metrics
// endpoint. Test-only: no TLS, no redirects, no keep-alive. Thread-safe (no shared state).
#ifndef CS_COMMON_TESTING_HTTP_GET_H_
#define CS_COMMON_TESTING_HTTP_GET_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace cs::common::testing {

// GETs http://127.0.0.1:<port><path> and returns the body of a 200 response (chunked bodies are
// decoded). UNAVAILABLE when the connection fails or times out; INTERNAL naming the status line for
// any other status or a malformed response.
absl::StatusOr<std::string> HttpGet(int port, absl::string_view path,
                                    absl::Duration timeout = absl::Seconds(10));

}  // namespace cs::common::testing

#endif  // CS_COMMON_TESTING_HTTP_GET_H_
