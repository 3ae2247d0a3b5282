#include "services/intake/api/proto_message_encoder.h"

#include "cs/archive/v1/archive_intake.pb.h"
#include "services/intake/api/proto_mapping.h"

namespace cs::intake {

std::string ProtoMessageEncoder::EncodeForward(const Ticket& ticket) {
  return ToForwardRequest(ticket).SerializeAsString();
}

std::string ProtoMessageEncoder::EncodeArchiveRecord(const Ticket& ticket) {
  cs::archive::v1::ArchiveRecordRequest request;
  *request.mutable_ticket() = ToProto(ticket, /*with_children=*/true);
  if (const common::UnitInfo* unit = units_.Find(ticket.input.unit_id)) {
    request.set_unit_name(unit->name);
  }
  request.set_time_zone(time_zone_name_);
  return request.SerializeAsString();
}

}  // namespace cs::intake
