// Call detail records of a hotline (SPEC H6, A2 7.5) and the month's counts the connection rate is
// computed from. Plain values; thread-compatible.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_DOMAIN_CALL_RECORD_H_
#define CS_SERVICES_HOTLINE_REGISTRY_DOMAIN_CALL_RECORD_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace cs::hotline {

enum class CallOutcome {
  kUnspecified = 0,
  kAnswered = 1,
  kAbandoned = 2,
};

struct CallRecord {
  int64_t hotline_id = 0;
  std::string call_id;  // unique per hotline
  absl::Time offered_at;
  CallOutcome outcome = CallOutcome::kUnspecified;
  int wait_seconds = 0;
  std::string agent_staff_number;
  // Decided at ingest against the hours the hotline published then (H5).
  bool within_service_hours = true;

  friend bool operator==(const CallRecord&, const CallRecord&) = default;
};

// A hotline's calls of one month ("YYYY-MM" in the company's time zone).
struct CallCounts {
  int64_t offered = 0;
  int64_t answered = 0;
  int64_t offered_outside_hours = 0;
  int64_t answered_outside_hours = 0;

  friend bool operator==(const CallCounts&, const CallCounts&) = default;
};

// OK, or INVALID_ARGUMENT naming each bad field of one record: "call_id" (required, 1-64
// printable ASCII), "offered_at" (required: the epoch, where an unset Timestamp lands, counts as
// unset), "outcome" (ANSWERED or ABANDONED), "wait_seconds" (not negative), "agent_staff_number"
// (optional — a phone system may not know it — at most 32 printable ASCII); `hotline_known` false
// or an id below 1 adds "hotline_id: names no hotline". Whether the hotline may serve (ACTIVE) is
// not a property of the record: the caller counts calls of a hotline not ACTIVE (H1).
absl::Status ValidateCallRecord(const CallRecord& record, bool hotline_known);

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_DOMAIN_CALL_RECORD_H_
