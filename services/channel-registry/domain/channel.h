// A unit's online service channel (SPEC §4, annex A3, form F3) as plain values: its filings (every
// version of form F3), the CS center's acknowledgement and findings, what it publishes, its checks,
// and everything that happened to it; faults, mailbox usage samples, reports of channels found in
// use but not filed, and requests for the superiors' help. No gRPC, no SQL; the enums keep the
// numbers of cs.channel.v1 (and cs.common.v1.Channel) so the api layer maps them one to one.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_DOMAIN_CHANNEL_H_
#define CS_SERVICES_CHANNEL_REGISTRY_DOMAIN_CHANNEL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"

namespace cs::channel {

// cs.common.v1.Channel; only the online kinds may be filed (kEmail, kWebForm, kGuestbook).
enum class ChannelKind {
  kUnspecified = 0,
  kHotline = 1,
  kEmail = 2,
  kWebForm = 3,
  kGuestbook = 4,
  kFax = 5,
  kWalkIn = 6,
};

enum class ChannelState {
  kUnspecified = 0,
  kFiled = 1,         // filed or corrected, not yet acknowledged
  kAcknowledged = 2,  // the CS center has it (报备)
  kInaccurate = 3,    // a finding is open; the unit must correct the filing
  kRetired = 4,
};

enum class ChannelPurpose {
  kUnspecified = 0,
  kConsultation = 1,  // 咨询
  kOrdering = 2,      // 网上业务受理: C4 applies
  kQuery = 3,         // 查询
  kComplaint = 4,     // 申诉: C5 applies
};

enum class Staffing {
  kUnspecified = 0,
  kDedicated = 1,  // 专人处理
  kRotating = 2,   // 轮流处理
};

enum class PublishedItem {
  kUnspecified = 0,
  kBusinessFunction = 1,          // 业务功能
  kScope = 2,                     // 使用范围
  kUsage = 3,                     // 使用方法
  kCharges = 4,                   // 收费标准
  kPayment = 5,                   // 交费方式
  kFaultReporting = 6,            // 障碍报修
  kConsultationAndComplaint = 7,  // 业务咨询、申告投诉的方式
  kStandardContract = 8,          // 格式合同
};

enum class FaultOrigin {
  kUnspecified = 0,
  kReported = 1,     // by a person
  kMailboxFull = 2,  // by the service, from a usage sample at capacity (C6)
};

// 联系人及联系方式.
struct ContactPerson {
  std::string person;
  std::string phone;
  std::string email;

  friend bool operator==(const ContactPerson&, const ContactPerson&) = default;
};

// 服务时间 parsed from the form's text (service_time.h): the hours the channel serves and how often
// it is looked at.
struct ServiceTime {
  bool around_the_clock = false;  // 7×24; otherwise the company's working hours on the calendar
  int checks_per_day = 0;         // 每天N次, >= 1

  friend bool operator==(const ServiceTime&, const ServiceTime&) = default;
};

// Form F3 (网上申诉渠道登记表), in the seed's order, with the structure the service needs.
struct FilingForm {
  std::string unit_id;         // 登记单位
  absl::Time filed_at;         // 登记日期
  std::string implementation;  // 实现方式 (e.g. "Webmaster 信箱", "留言簿")
  ChannelKind kind = ChannelKind::kUnspecified;
  std::vector<ChannelPurpose> purposes;
  std::string business_scope;  // 服务业务范围
  std::string address;         // 地址: mailbox address or URL
  std::string capacity;        // 容量大小, as written
  std::string service_time;    // 服务时间, as written (e.g. "7*24小时每天2次")
  Staffing staffing = Staffing::kUnspecified;  // 处理人员配备情况
  std::vector<std::string> assigned_staff;
  ContactPerson contact;  // 联系人及联系方式
  std::string remarks;    // 备注
  // C3: much used by foreign customers, and the languages offered ("zh", "en").
  bool foreign_use_heavy = false;
  std::vector<std::string> languages;

  friend bool operator==(const FilingForm&, const FilingForm&) = default;
};

// A CS-center finding that the filed content is not true, accurate or current (A3 7.4, 7.7.1).
struct Finding {
  std::string finding;
  std::string found_by;
  absl::Time found_at;
  absl::optional<absl::Time> corrected_at;  // set by the unit's correction

  friend bool operator==(const Finding&, const Finding&) = default;
};

// C4 (A3 7.3, 7.6): what the channel publishes.
struct Publication {
  std::vector<PublishedItem> items;
  bool service_standards_published = false;
  absl::optional<absl::Time> recorded_at;

  friend bool operator==(const Publication&, const Publication&) = default;
};

struct HistoryEntry {
  int sequence = 0;
  absl::Time at;
  std::string actor;
  // FILED, ACKNOWLEDGED, MARKED_INACCURATE, CORRECTED, RETIRED, FAULT_OPENED, FAULT_CLOSED,
  // PUBLICATION_RECORDED, ASSISTANCE_REQUESTED.
  std::string event;
  std::string detail;

  friend bool operator==(const HistoryEntry&, const HistoryEntry&) = default;
};

struct OnlineChannel {
  int64_t id = 0;  // shown as "CN-<id>"
  std::string unit_id;
  ChannelState state = ChannelState::kUnspecified;
  // Every version of form F3, oldest first; the current one is the last (version = index + 1).
  std::vector<FilingForm> form_versions;
  ServiceTime service_time;  // parsed from the current form
  absl::optional<absl::Time> acknowledged_at;
  std::string acknowledged_by;
  std::vector<Finding> findings;  // the open one, if any, last
  Publication publication;
  // C5: the last check and when the next is due (nullopt for a retired channel).
  absl::optional<absl::Time> last_checked_at;
  absl::optional<absl::Time> next_check_due;
  std::vector<HistoryEntry> history;
  absl::Time updated_at;
  int64_t version = 0;

  const FilingForm& form() const { return form_versions.back(); }
};

// C5: one look at the channel's complaints by one of its assigned staff.
struct Check {
  int64_t channel_id = 0;
  absl::Time checked_at;
  std::string checked_by;
  int new_complaints = 0;
  std::string recorded_by;
  absl::Time next_due;  // when the check after this one is due
  bool late = false;    // made after the due time of the check it followed

  friend bool operator==(const Check&, const Check&) = default;
};

// C2: a fault on a channel and its repair.
struct Fault {
  int64_t id = 0;  // shown as "FT-<id>"
  int64_t channel_id = 0;
  std::string unit_id;
  FaultOrigin origin = FaultOrigin::kUnspecified;
  std::string description;
  absl::Time opened_at;
  std::string opened_by;
  absl::Time repair_due;
  absl::optional<absl::Time> repaired_at;
  std::string closed_by;
  std::string repair_note;

  friend bool operator==(const Fault&, const Fault&) = default;
};

// C6: one reading of a mailbox's usage; used and capacity in the same unit (messages or bytes).
struct UsageSample {
  int64_t channel_id = 0;
  absl::Time sampled_at;
  int64_t used = 0;
  int64_t capacity = 0;

  friend bool operator==(const UsageSample&, const UsageSample&) = default;
};

// A3 7.5.4: the unit's written request to its superiors for help with a mailbox.
struct AssistanceRequest {
  int64_t channel_id = 0;
  std::string text;
  std::string requested_by;
  absl::Time requested_at;

  friend bool operator==(const AssistanceRequest&, const AssistanceRequest&) = default;
};

// C1, A3 7.7.1: a channel the CS center found in use but not filed.
struct UnfiledChannel {
  int64_t id = 0;  // shown as "UF-<id>"
  std::string unit_id;
  ChannelKind kind = ChannelKind::kUnspecified;
  std::string address;
  std::string finding;
  std::string reported_by;
  absl::Time reported_at;
  int64_t filed_as_channel_id = 0;  // 0 until the unit files a channel at that address
  absl::optional<absl::Time> filed_at;

  friend bool operator==(const UnfiledChannel&, const UnfiledChannel&) = default;
};

// C7: the unit's submission of a channel's monthly report (A3 7.5.2).
struct ReportSubmission {
  int64_t channel_id = 0;
  std::string month;  // "YYYY-MM"
  absl::Time submitted_at;
  std::string submitted_by;
  bool late = false;

  friend bool operator==(const ReportSubmission&, const ReportSubmission&) = default;
};

// The enum names as cs.channel.v1 spells them without their prefix ("ACKNOWLEDGED", "ORDERING");
// "UNSPECIFIED" for a value outside the enum.
absl::string_view ChannelStateName(ChannelState state);
absl::string_view ChannelKindName(ChannelKind kind);
absl::string_view ChannelPurposeName(ChannelPurpose purpose);
absl::string_view StaffingName(Staffing staffing);
absl::string_view PublishedItemName(PublishedItem item);
absl::string_view FaultOriginName(FaultOrigin origin);

// True for the kinds a unit files here (A3 4.3: reached over the Internet).
bool IsOnlineKind(ChannelKind kind);

// "CN-<id>", "FT-<id>", "UF-<id>" as cs.channel.v1 shows the ids.
std::string FormatChannelId(int64_t id);
std::string FormatFaultId(int64_t id);
std::string FormatUnfiledId(int64_t id);

// The id of "CN-<n>" / "FT-<n>" / "UF-<n>" (n >= 1, no sign, no leading zero); INVALID_ARGUMENT
// naming `field` otherwise.
absl::StatusOr<int64_t> ParseChannelId(absl::string_view text, absl::string_view field);
absl::StatusOr<int64_t> ParseFaultId(absl::string_view text, absl::string_view field);
absl::StatusOr<int64_t> ParseUnfiledId(absl::string_view text, absl::string_view field);

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_DOMAIN_CHANNEL_H_
