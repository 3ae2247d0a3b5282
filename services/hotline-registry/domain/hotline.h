// A unit's external service hotline (SPEC §3, annex A2) as plain values: its registration (form
// F1), the CS center's decision, its changes (form F2) and number transitions (H3), department-wide
// notices (H4) that reached it, and everything that happened to it. No gRPC, no SQL; the enums keep
// the numbers of cs.hotline.v1 so the api layer maps them one to one.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_DOMAIN_HOTLINE_H_
#define CS_SERVICES_HOTLINE_REGISTRY_DOMAIN_HOTLINE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/hotline-registry/domain/service_hours.h"

namespace cs::hotline {

enum class HotlineState {
  kUnspecified = 0,
  kPendingSignature = 1,
  kPendingApproval = 2,
  kRejected = 3,
  kActive = 4,
  kCancelled = 5,
};

enum class ChangeItem {
  kUnspecified = 0,
  kNumberChange = 1,
  kCancellation = 2,
  kServiceHours = 3,
  kOther = 4,
};

enum class ChangeState {
  kUnspecified = 0,
  kPendingSignature = 1,
  kPendingApproval = 2,
  kApproved = 3,
  kDisagreed = 4,
  kApplied = 5,
  kLapsed = 6,
};

enum class TransitionKind {
  kUnspecified = 0,
  kVoicePrompt = 1,
  kAutomaticTransfer = 2,
};

// A person of a unit and a way to reach them (联系人 / 联系方式).
struct ContactPerson {
  std::string person;
  std::string phone;
  std::string email;

  friend bool operator==(const ContactPerson&, const ContactPerson&) = default;
};

// 二级经理签字: the unit's UNIT_MANAGER who signed, and when.
struct Signature {
  std::string signed_by;
  absl::Time signed_at;

  friend bool operator==(const Signature&, const Signature&) = default;
};

// Form F1 (对外服务热线情况登记表), in the seed's order.
struct RegistrationForm {
  std::string unit_id;                        // 申报单位
  absl::Time filed_at;                        // 申报时间
  std::string number;                         // 热线号码
  ServiceHours service_hours;                 // 服务时间
  absl::optional<absl::Time> established_on;  // 热线设立时间
  std::string audience;                       // 服务对象
  std::string description;                    // 描述
  std::string charges;                        // 收费标准
  std::string staffing;                       // 服务人员配备情况
  ContactPerson contact_a;                    // 联系人(A角)
  ContactPerson contact_b;                    // 联系人(B角)
  std::string handler;                        // 经办人
  absl::optional<Signature> manager_signature;
  std::string remarks;  // 备注

  friend bool operator==(const RegistrationForm&, const RegistrationForm&) = default;
};

// The CS center's decision (审批 / 客服中心意见).
struct Decision {
  bool approved = false;
  std::string decided_by;
  absl::Time decided_at;
  std::string reason;

  friend bool operator==(const Decision&, const Decision&) = default;
};

// Form F2 (对外服务热线变更表), and what is changed.
struct ChangeForm {
  std::string unit_id;                         // 申报单位
  absl::Time filed_at;                         // 申报时间
  std::string number;                          // 热线号码: the hotline's number when filed
  absl::Time change_at;                        // 变更时间
  ChangeItem item = ChangeItem::kUnspecified;  // 变更项目
  std::string reason;                          // 变更原因
  std::string handler;                         // 经办人
  absl::optional<Signature> manager_signature;
  std::string remarks;  // 备注
  // NUMBER_CHANGE: the new number and how the old one keeps serving until when (H3).
  std::string new_number;
  TransitionKind transition_kind = TransitionKind::kUnspecified;
  absl::optional<absl::Time> transition_ends_at;
  // SERVICE_HOURS: the new hours.
  absl::optional<ServiceHours> service_hours;

  friend bool operator==(const ChangeForm&, const ChangeForm&) = default;
};

struct HotlineChange {
  std::string change_id;  // "CH-<n>"
  ChangeForm form;
  ChangeState state = ChangeState::kUnspecified;
  absl::optional<Decision> cs_center_opinion;
  // The department-wide notice (H4) this change comes from; empty for a unit's own form.
  std::string notice_id;

  friend bool operator==(const HotlineChange&, const HotlineChange&) = default;
};

// H3: the old number kept on a voice prompt or transfer after a number change.
struct NumberTransition {
  std::string old_number;
  std::string new_number;
  TransitionKind kind = TransitionKind::kUnspecified;
  absl::Time starts_at;
  absl::Time ends_at;

  friend bool operator==(const NumberTransition&, const NumberTransition&) = default;
};

struct HistoryEntry {
  int sequence = 0;
  absl::Time at;
  std::string actor;
  std::string event;
  std::string detail;

  friend bool operator==(const HistoryEntry&, const HistoryEntry&) = default;
};

struct Hotline {
  int64_t id = 0;  // shown as "HL-<id>"
  std::string unit_id;
  HotlineState state = HotlineState::kUnspecified;
  // Current number and hours: a change replaces them at its change time.
  std::string number;
  ServiceHours service_hours;
  RegistrationForm registration;
  absl::optional<Decision> approval;
  std::vector<HotlineChange> changes;
  std::vector<NumberTransition> transitions;
  std::vector<HistoryEntry> history;
  absl::Time updated_at;
  int64_t version = 0;
};

// A CS-center notice (H4, A2 7.3: 客服中心发文): one number change or cancellation for every
// hotline it names.
struct NoticeTarget {
  int64_t hotline_id = 0;
  std::string new_number;
  TransitionKind transition_kind = TransitionKind::kUnspecified;
  absl::optional<absl::Time> transition_ends_at;
  std::string change_id;  // set once the change exists on the hotline
};

struct Notice {
  std::string notice_id;  // "NT-<n>"
  std::string title;
  ChangeItem item = ChangeItem::kUnspecified;
  absl::Time change_at;
  std::vector<NoticeTarget> targets;
  std::string issued_by;
  absl::Time issued_at;
};

// The enum names as cs.hotline.v1 spells them without their prefix ("PENDING_APPROVAL",
// "NUMBER_CHANGE"), for messages and history; "UNSPECIFIED" for a value outside the enum.
absl::string_view HotlineStateName(HotlineState state);
absl::string_view ChangeStateName(ChangeState state);
absl::string_view ChangeItemName(ChangeItem item);
absl::string_view TransitionKindName(TransitionKind kind);

// "HL-<id>", as cs.hotline.v1 shows a hotline's id.
std::string FormatHotlineId(int64_t id);

// The id of "HL-<n>" (n >= 1, no sign, no leading zero). INVALID_ARGUMENT naming `field`
// otherwise.
absl::StatusOr<int64_t> ParseHotlineId(absl::string_view text, absl::string_view field);

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_DOMAIN_HOTLINE_H_
