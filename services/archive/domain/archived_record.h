// The archive's records as plain values (SPEC §6): the closed ticket as the archive reads it
// (RecordContent), its non-personal classification (RecordSummary), and the record around it —
// versions, retention, legal hold and, once destroyed, the destruction certificate
// (ArchivedRecord). No gRPC, no SQL; plain structs, thread-compatible.
//
// The complete record of each version is kept as an opaque document (the bytes intake sent); the
// archive never rewrites it. RecordContent is what the archive reads out of a document to validate,
// classify, and render forms and CSV.
#ifndef CS_SERVICES_ARCHIVE_DOMAIN_ARCHIVED_RECORD_H_
#define CS_SERVICES_ARCHIVE_DOMAIN_ARCHIVED_RECORD_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/tickets/ticket_vocabulary.h"

namespace cs::archive {

// The archive's own error reasons (common/status/error_reason.h; domain "cs.archive"): states of a
// record that refuse a call with FAILED_PRECONDITION, which no retry changes.
namespace reason {
// The record's content was destroyed (V4): only its destruction certificate remains.
inline constexpr absl::string_view kRecordDestroyed = "RECORD_DESTROYED";
// The record is under legal hold: it cannot be destroyed until the hold is released.
inline constexpr absl::string_view kUnderLegalHold = "UNDER_LEGAL_HOLD";
// The record's retention has not expired (A1 7.3.4); the message says when it does.
inline constexpr absl::string_view kRetentionNotExpired = "RETENTION_NOT_EXPIRED";
}  // namespace reason

// SPEC I7; the numbers are those of cs.common.v1.TicketKind.
using TicketKind = common::TicketKind;

// SPEC I1; the numbers are those of cs.common.v1.Channel.
using Channel = common::Channel;
using common::kMaxChannel;
using common::kMaxTicketKind;

// The designated unit's decision (SPEC R1–R4); kUnspecified when the history records none.
enum class RoutingPath {
  kUnspecified = 0,
  kDirectReply = 1,
  kInternalDispatch = 2,
  kEscalateToTelecom = 3,
  kReturn = 4,
};
inline constexpr int kMaxRoutingPath = 4;

// What routing reported last (SPEC R1–R4; the numbers of cs.intake.v1.OutcomeKind).
using OutcomeKind = common::OutcomeKind;

// How the user wants to be answered (SPEC I6), and why a ticket was returned (R4).
using ReplyChannel = common::ReplyChannel;
using ReturnReason = common::ReturnReason;

// "CONSULTATION", "HOTLINE", "DIRECT_REPLY"…; "UNSPECIFIED" for 0 and unknown numbers.
absl::string_view TicketKindName(TicketKind kind);
absl::string_view ChannelName(Channel channel);
absl::string_view RoutingPathName(RoutingPath path);

struct HistoryEntry {
  int sequence = 0;
  absl::Time at;
  std::string actor;
  std::string event;
  std::string detail;
};

struct Reply {
  int sequence = 0;
  absl::Time at;
  ReplyChannel channel = ReplyChannel::kUnspecified;
  std::string replied_by;
  std::string text;
};

// The closed ticket of record as intake handed it over (cs.intake.v1.Ticket), in the archive's
// terms.
struct RecordContent {
  int64_t ticket_id = 0;
  // The ticket's status is CLOSED (cs.intake.v1.TicketStatus, read by api/): only closed tickets
  // are archived.
  bool closed = false;
  std::string unit_id;
  TicketKind kind = TicketKind::kUnspecified;
  Channel channel = Channel::kUnspecified;
  ReplyChannel reply_channel = ReplyChannel::kUnspecified;
  std::string business_line;
  bool special_request = false;
  std::string special_request_note;
  // Personal data and free text (removed by destruction).
  std::string problem;
  std::string device_number;
  std::string contact_phone;
  std::string contact_person;
  std::string user_number;
  std::string user_name;
  std::string company;
  std::string address;
  std::string postal_code;
  std::string email;
  std::string handler;
  std::string processor;
  std::string reviewer;
  absl::optional<absl::Time> complained_at;
  // Serials of form F4 (SPEC I3).
  int64_t overall_serial = 0;
  std::string serial_month;
  int64_t month_serial = 0;
  absl::optional<absl::Time> received_at;
  // The last forward to the designated unit (SPEC I4, I5).
  absl::optional<absl::Time> forwarded_at;
  absl::optional<absl::Time> confirm_deadline;
  absl::optional<absl::Time> confirmed_at;
  // Routing's outcomes (SPEC R1–R4).
  OutcomeKind last_outcome = OutcomeKind::kUnspecified;
  std::string handling_department;
  absl::optional<absl::Time> handling_deadline;
  absl::optional<absl::Time> replied_to_user_at;
  ReturnReason return_reason = ReturnReason::kUnspecified;
  std::string return_note;
  absl::optional<absl::Time> callback_at;
  absl::optional<absl::Time> closed_at;
  std::vector<HistoryEntry> history;
  std::vector<Reply> replies;
};

// A record's classification: no personal data, so it survives destruction and keeps the monthly
// statistics (V5) and the search by category valid.
struct RecordSummary {
  int64_t ticket_id = 0;
  std::string unit_id;
  TicketKind kind = TicketKind::kUnspecified;
  Channel channel = Channel::kUnspecified;
  std::string business_line;
  RoutingPath routing_path = RoutingPath::kUnspecified;
  int64_t overall_serial = 0;
  std::string serial_month;
  int64_t month_serial = 0;
  absl::Time received_at;
  absl::Time closed_at;
  // "YYYY-MM" of closed_at in the record's time zone: the month the record counts in.
  std::string closed_month;
  bool on_time = false;

  friend bool operator==(const RecordSummary&, const RecordSummary&) = default;
};

// One archived version of a record's content.
struct RecordVersion {
  int version = 0;
  absl::Time archived_at;
  // The service principal for what intake sent, or the person who corrected it.
  std::string archived_by;
  std::string reason;
  // SHA-256 hex of the document; kept after destruction.
  std::string content_sha256;
  // The intake outbox message the version came in (empty for corrections).
  std::string source_message_id;
};

// The retention a record got when it was archived (V2). Fixed then: a later policy change applies
// to records archived after it (a longer keep of an existing record is a legal hold).
struct Retention {
  int months = 0;
  // The record may be destroyed from this instant on (end of the corresponding day, art. 202/203).
  absl::Time retain_until;
  std::string basis;
};

struct LegalHold {
  bool held = false;
  std::string reason;
  std::string set_by;
  absl::optional<absl::Time> set_at;
};

// What remains of a destroyed record (V4, A1 7.3.4).
struct DestructionCertificate {
  int64_t certificate_id = 0;
  int64_t record_id = 0;
  int64_t ticket_id = 0;
  std::string unit_id;
  std::string destroyed_by;
  absl::Time destroyed_at;
  std::string reason;
  std::string retention_basis;
  int retention_months = 0;
  absl::Time retain_until;
  absl::Time closed_at;
  absl::Time archived_at;
  // SHA-256 hex of the current version's document before destruction.
  std::string content_sha256;
  int versions = 0;
};

struct ArchivedRecord {
  int64_t record_id = 0;
  RecordSummary summary;
  std::string unit_name;
  // IANA name of the zone the record's local dates refer to.
  std::string time_zone;
  int current_version = 0;
  // When version 1 was archived.
  absl::Time archived_at;
  Retention retention;
  LegalHold hold;
  absl::optional<DestructionCertificate> destruction;
  // Every version, in order.
  std::vector<RecordVersion> versions;

  bool destroyed() const { return destruction.has_value(); }
};

// "AR-42".
std::string RecordIdText(int64_t record_id);
// The number of "AR-<n>" (n > 0). INVALID_ARGUMENT naming `field` otherwise.
absl::StatusOr<int64_t> ParseRecordId(absl::string_view text, absl::string_view field);

// "DC-7".
std::string CertificateIdText(int64_t certificate_id);

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_DOMAIN_ARCHIVED_RECORD_H_
