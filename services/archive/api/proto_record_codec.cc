#include "services/archive/api/proto_record_codec.h"

#include "absl/strings/str_cat.h"
#include "cs/intake/v1/intake.pb.h"
#include "services/archive/api/proto_mapping.h"

namespace cs::archive {

absl::StatusOr<RecordContent> ProtoRecordCodec::Decode(absl::string_view document) const {
  cs::intake::v1::Ticket ticket;
  if (!ticket.ParseFromArray(document.data(), static_cast<int>(document.size()))) {
    return absl::DataLossError("a stored record document is not a ticket");
  }
  absl::StatusOr<RecordContent> content = ContentFromTicket(ticket, "ticket");
  if (!content.ok()) {
    return absl::DataLossError(
        absl::StrCat("a stored record document does not read back: ", content.status().message()));
  }
  return content;
}

}  // namespace cs::archive
