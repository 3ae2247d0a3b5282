#include "services/routing/domain/routed_ticket.h"

#include "absl/strings/str_cat.h"

namespace cs::routing {

std::string ReceiptId(int64_t routed_ticket_id) {
  return absl::StrCat("receipt-", routed_ticket_id);
}

absl::string_view DecisionName(Decision decision) {
  switch (decision) {
    case Decision::kDirectReply:
      return "DIRECT_REPLY";
    case Decision::kInternalDispatch:
      return "INTERNAL_DISPATCH";
    case Decision::kEscalateToTelecom:
      return "ESCALATE_TO_TELECOM";
    case Decision::kReturn:
      return "RETURN";
    case Decision::kUnspecified:
      break;
  }
  return "UNSPECIFIED";
}

absl::string_view ReturnReasonName(ReturnReason reason) {
  switch (reason) {
    case ReturnReason::kNotTelecomBusiness:
      return "NOT_TELECOM_BUSINESS";
    case ReturnReason::kContentIncorrect:
      return "CONTENT_INCORRECT";
    case ReturnReason::kUnspecified:
      break;
  }
  return "UNSPECIFIED";
}

absl::string_view RoutedStatusName(RoutedStatus status) {
  switch (status) {
    case RoutedStatus::kReceived:
      return "RECEIVED";
    case RoutedStatus::kInHandling:
      return "IN_HANDLING";
    case RoutedStatus::kReplied:
      return "REPLIED";
    case RoutedStatus::kReturned:
      return "RETURNED";
  }
  return "UNKNOWN";
}

absl::string_view OrderStatusName(OrderStatus status) {
  switch (status) {
    case OrderStatus::kOpen:
      return "OPEN";
    case OrderStatus::kAccepted:
      return "ACCEPTED";
    case OrderStatus::kReplied:
      return "REPLIED";
    case OrderStatus::kAcknowledged:
      return "ACKNOWLEDGED";
  }
  return "UNKNOWN";
}

absl::string_view DispatchKindName(DispatchKind kind) {
  switch (kind) {
    case DispatchKind::kInternal:
      return "internal_dispatch";
    case DispatchKind::kTelecom:
      return "escalate_to_telecom";
  }
  return "unknown";
}

absl::string_view ReplyChannelName(ReplyChannel channel) {
  switch (channel) {
    case ReplyChannel::kEmail:
      return "email";
    case ReplyChannel::kSms:
      return "sms";
    case ReplyChannel::kPhoneCallback:
      return "phone_callback";
    case ReplyChannel::kFax:
      return "fax";
    case ReplyChannel::kPost:
      return "post";
    case ReplyChannel::kUnspecified:
      break;
  }
  return "unspecified";
}

absl::string_view DeliveryPurposeName(DeliveryPurpose purpose) {
  switch (purpose) {
    case DeliveryPurpose::kUserReply:
      return "user_reply";
    case DeliveryPurpose::kTelecomDispatch:
      return "telecom_dispatch";
    case DeliveryPurpose::kOverdueReminder:
      return "overdue_reminder";
  }
  return "unknown";
}

bool IsOpen(const DispatchOrder& order) {
  return order.status == OrderStatus::kOpen || order.status == OrderStatus::kAccepted;
}

absl::optional<absl::Time> ClosedAt(const DispatchOrder& order) {
  if (order.status == OrderStatus::kReplied) return order.replied_at;
  if (order.status == OrderStatus::kAcknowledged) return order.acknowledged_at;
  return absl::nullopt;
}

bool IsOverdue(const DispatchOrder& order, absl::Time now) {
  const absl::optional<absl::Time> closed = ClosedAt(order);
  if (closed.has_value()) return *closed > order.deadline.at;
  return now > order.deadline.at;
}

DeliveryState DeliveryStateAt(const Delivery& delivery, absl::Time now) {
  switch (delivery.status) {
    case DeliveryStatus::kDelivered:
      return DeliveryState::kDelivered;
    case DeliveryStatus::kFailed:
      return DeliveryState::kFailed;
    case DeliveryStatus::kPending:
      break;
  }
  if (delivery.lease_expires_at.has_value() && *delivery.lease_expires_at > now) {
    return DeliveryState::kLeased;
  }
  return DeliveryState::kPending;
}

std::string LeaseToken(const Delivery& delivery) {
  return absl::StrCat(delivery.id, ".", delivery.offers);
}

}  // namespace cs::routing
