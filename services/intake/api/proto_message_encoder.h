// Encodes intake's outgoing messages as the protobuf requests the receivers take: the forward for
// routing (cs.routing.v1.ReceiveForwardedTicketRequest) and the complete record for the archive
// (cs.archive.v1.ArchiveRecordRequest, without message_id: the relay's sender fills in the outbox
// id). Thread-safe (stateless but for the unit directory, which is immutable).
#ifndef CS_SERVICES_INTAKE_API_PROTO_MESSAGE_ENCODER_H_
#define CS_SERVICES_INTAKE_API_PROTO_MESSAGE_ENCODER_H_

#include <string>

#include "absl/time/time.h"
#include "common/units/unit_directory.h"
#include "services/intake/core/intake_ports.h"

namespace cs::intake {

class ProtoMessageEncoder final : public MessageEncoder {
 public:
  // `units` must outlive the encoder; `time_zone` is the company's (named in archived records).
  ProtoMessageEncoder(const common::UnitDirectory& units, std::string time_zone_name)
      : units_(units), time_zone_name_(std::move(time_zone_name)) {}

  std::string EncodeForward(const Ticket& ticket) override;
  std::string EncodeArchiveRecord(const Ticket& ticket) override;

 private:
  const common::UnitDirectory& units_;
  const std::string time_zone_name_;
};

}  // namespace cs::intake

#endif  // CS_SERVICES_INTAKE_API_PROTO_MESSAGE_ENCODER_H_
