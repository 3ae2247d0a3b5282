// The words every service uses about a user's ticket, from SPEC §1–2: its kind (I7), the channel it
// came through (I1), the channel the user wants the answer on (I6), what the designated unit did
// with it (R1–R4, and a reply reaching the user) and why it returns one (R4). The numbers are those
// of the wire enums (cs.common.v1 TicketKind, Channel, ReplyChannel; cs.intake.v1 OutcomeKind,
// ReturnReason), so the api layers convert with a checked cast. Plain enums; no state.
#ifndef CS_COMMON_TICKETS_TICKET_VOCABULARY_H_
#define CS_COMMON_TICKETS_TICKET_VOCABULARY_H_

namespace cs::common {

// SPEC I7 (M 7.4 names fault reporting and enquiries).
enum class TicketKind { kUnspecified = 0, kConsultation = 1, kComplaint = 2, kFaultReport = 3 };
inline constexpr int kMaxTicketKind = 3;

// SPEC I1: how the user reached the unit of first contact.
enum class Channel {
  kUnspecified = 0,
  kHotline = 1,
  kEmail = 2,
  kWebForm = 3,
  kGuestbook = 4,
  kFax = 5,
  kWalkIn = 6,
};
inline constexpr int kMaxChannel = 6;

// SPEC I6 (A3 7.5.5): how the user wants to be answered; kUnspecified means the way they came.
enum class ReplyChannel {
  kUnspecified = 0,
  kEmail = 1,
  kSms = 2,
  kPhoneCallback = 3,
  kFax = 4,
  kPost = 5,
};
inline constexpr int kMaxReplyChannel = 5;

// SPEC R1–R4: what the designated unit reports to the unit of first contact — the path it took, or
// that a reply reached the user. Routing reports it, intake records it, the archive classifies by
// it.
enum class OutcomeKind {
  kUnspecified = 0,
  kDirectReply = 1,
  kInternalDispatch = 2,
  kEscalateToTelecom = 3,
  kReturn = 4,
  kReplied = 5,
};

// SPEC R4 (A5 6.6): why a forwarded ticket goes back to its unit.
enum class ReturnReason { kUnspecified = 0, kNotTelecomBusiness = 1, kContentIncorrect = 2 };

inline bool IsKnownTicketKind(TicketKind kind) {
  return static_cast<int>(kind) >= 1 && static_cast<int>(kind) <= kMaxTicketKind;
}
inline bool IsKnownChannel(Channel channel) {
  return static_cast<int>(channel) >= 1 && static_cast<int>(channel) <= kMaxChannel;
}
// kUnspecified is a valid preference ("as they came").
inline bool IsKnownReplyChannel(ReplyChannel channel) {
  return static_cast<int>(channel) >= 0 && static_cast<int>(channel) <= kMaxReplyChannel;
}

}  // namespace cs::common

#endif  // CS_COMMON_TICKETS_TICKET_VOCABULARY_H_
