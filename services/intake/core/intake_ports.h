// What the intake core needs from the outside world besides its store, as small interfaces: turning
// a ticket into the bytes of an outgoing message (the gRPC layer does it with protobuf), and
// reporting SLA events (the metrics layer exports them). Implementations must be thread-safe.
#ifndef CS_SERVICES_INTAKE_CORE_INTAKE_PORTS_H_
#define CS_SERVICES_INTAKE_CORE_INTAKE_PORTS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/intake/domain/ticket.h"
#include "services/intake/store/ticket_store.h"

namespace cs::intake {

class MessageEncoder {
 public:
  virtual ~MessageEncoder() = default;
  // The forward of `ticket` (its current forward) to the designated unit's routing service.
  virtual std::string EncodeForward(const Ticket& ticket) = 0;
  // The complete record of a closed ticket for the archive (SPEC V1).
  virtual std::string EncodeArchiveRecord(const Ticket& ticket) = 0;
};

class SlaObserver {
 public:
  virtual ~SlaObserver() = default;
  // Receipt confirmed (SPEC I5). `working_time` is from intake (or return) to confirmation on the
  // calendar. `count_deadline` is false when the miss was already counted by the sweeper.
  virtual void ReceiptConfirmed(absl::string_view unit_id, bool special_request,
                                absl::Duration working_time, bool deadline_met,
                                bool count_deadline) = 0;
  // The deadline passed with no confirmation (counted once per deadline).
  virtual void ConfirmationMissed(absl::string_view unit_id, bool special_request) = 0;
  // The current picture of unconfirmed tickets.
  virtual void AwaitingConfirmation(const std::vector<AwaitingConfirmationCount>& counts) = 0;
};

}  // namespace cs::intake

#endif  // CS_SERVICES_INTAKE_CORE_INTAKE_PORTS_H_
