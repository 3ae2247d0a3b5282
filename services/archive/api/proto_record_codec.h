// RecordCodec over protobuf: a stored document is a serialized cs.intake.v1.Ticket. Stateless;
// thread-safe.
#ifndef CS_SERVICES_ARCHIVE_API_PROTO_RECORD_CODEC_H_
#define CS_SERVICES_ARCHIVE_API_PROTO_RECORD_CODEC_H_

#include "services/archive/core/archive_ports.h"

namespace cs::archive {

class ProtoRecordCodec final : public RecordCodec {
 public:
  absl::StatusOr<RecordContent> Decode(absl::string_view document) const override;
};

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_API_PROTO_RECORD_CODEC_H_
