// How an online channel moves from filing to retirement (SPEC C1–C5, annex A3, form F3): what form
// F3 must hold, which steps each state allows, what every step records in the channel's history,
// its checks (C5), publications (C3, C4) and faults (C2). Pure functions over plain values: the
// caller loads and stores them, allocates ids ("CN-<n>", "FT-<n>"), checks who may act (roles,
// unit scope, the unit being known) and takes the repair limit from the SLA targets
// (common/config FaultRepairPeriodFor). Thread-compatible.
//
// States: FILED -(AcknowledgeFiling)-> ACKNOWLEDGED; FILED or ACKNOWLEDGED
// -(MarkFilingInaccurate)-> INACCURATE; any but RETIRED -(CorrectFiling)-> FILED; any but RETIRED
// -(RetireChannel)-> RETIRED. 报备: the CS center is informed and acknowledges; it does not
// approve.
//
// History: every step on the channel appends one HistoryEntry (sequence numbers 1, 2, 3, … with no
// gap; events FILED, ACKNOWLEDGED, MARKED_INACCURATE, CORRECTED, RETIRED, FAULT_OPENED,
// FAULT_CLOSED, PUBLICATION_RECORDED, ASSISTANCE_REQUESTED) and sets updated_at and version + 1.
// RecordCheck appends no history (checks are their own log) but moves version and updated_at: the
// channel's last check and next due time changed.
//
// Time: every step takes `now` from the caller's injected clock. Errors: INVALID_ARGUMENT names
// every bad field (the violations travel in the status; paths as in the request: "form.address");
// FAILED_PRECONDITION (reason STATE_FORBIDS_CHANGE) names the state that forbids a step.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_DOMAIN_CHANNEL_LIFECYCLE_H_
#define CS_SERVICES_CHANNEL_REGISTRY_DOMAIN_CHANNEL_LIFECYCLE_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "common/status/field_violations.h"
#include "common/time/deadline.h"
#include "common/time/working_calendar.h"
#include "services/channel-registry/domain/channel.h"

namespace cs::channel {

// Longest accepted text per field, in characters (code points).
struct FormLimits {
  static constexpr int kName = 100;   // unit id, staff names, contact person, actors
  static constexpr int kNumber = 40;  // contact phone
  static constexpr int kEmail = 254;
  static constexpr int kAddress = 500;  // mailbox address or URL
  static constexpr int kShort = 200;    // implementation, capacity, service time
  static constexpr int kText = 2000;    // business scope, remarks, findings, reasons, notes
  static constexpr int kLanguage = 35;  // a BCP 47 tag
  static constexpr int kMaxAssignedStaff = 100;
};

// The actor the history records for steps the service takes by itself (a MAILBOX_FULL fault).
inline constexpr absl::string_view kServiceActor = "system";

// --- Shapes -------------------------------------------------------------------------------------

// A mailbox address: one '@', a local part without spaces, a domain of dot-separated labels of
// letters, digits and '-' with at least one dot ("webmaster@sh.example.cn").
bool IsEmailAddressLike(absl::string_view text);

// A web address: "http://" or "https://" (any case), then a host, with no spaces or control
// characters ("https://www.example.cn/guestbook").
bool IsWebAddressLike(absl::string_view text);

// A lower-case BCP 47-like language tag: 2–3 letters, then optional "-" subtags of 2–8 letters or
// digits ("zh", "en", "zh-hans", "en-gb").
bool IsLanguageTagLike(absl::string_view text);

// --- Filing (C1, A3 7.5.1, form F3) -------------------------------------------------------------

// Every problem of form F3, each naming its field under `prefix` ("form.address"): unit_id,
// implementation required; kind required and online (EMAIL, WEB_FORM or GUESTBOOK: A3 4.3);
// purposes at least one, each known, none twice; business_scope required; address required, an
// email address for EMAIL and an http(s) URL for WEB_FORM and GUESTBOOK; capacity required;
// service_time required and readable (service_time.h); staffing DEDICATED or ROTATING;
// assigned_staff at least one, no blank name, none twice; contact.person required and
// contact.phone or contact.email (each well-formed when given); languages lower-case tags
// (IsLanguageTagLike), none twice; every text well-formed and within FormLimits. filed_at is set by
// the service and not checked. Whether unit_id names a known unit is the caller's check.
common::FieldViolations ValidateFilingForm(const FilingForm& form,
                                           absl::string_view prefix = "form");

// The channel form F3 files: FILED, form version 1 with filed_at = `now`, unit and service time
// those of the form, next check due NextCheckDue(now), history FILED, version 1. id 0: the store
// assigns it. INVALID_ARGUMENT naming every bad field (ValidateFilingForm).
absl::StatusOr<OnlineChannel> NewChannel(FilingForm form, absl::string_view actor, absl::Time now,
                                         const common::WorkingCalendar& calendar);

// The CS center has the filing (报备): FILED -> ACKNOWLEDGED, acknowledged_at/by set, history
// ACKNOWLEDGED. FAILED_PRECONDITION in any other state.
absl::Status AcknowledgeFiling(OnlineChannel& channel, absl::string_view actor, absl::Time now);

// A3 7.4, 7.7.1: the CS center finds the filed content untrue, inaccurate or out of date: a Finding
// appended, FILED or ACKNOWLEDGED -> INACCURATE, history MARKED_INACCURATE. INVALID_ARGUMENT
// naming "finding" when it is blank or malformed; FAILED_PRECONDITION in any other state.
absl::Status MarkFilingInaccurate(OnlineChannel& channel, absl::string_view finding,
                                  absl::string_view actor, absl::Time now);

// The unit corrects or changes its filing: `form` (the whole form as it now stands) becomes a new
// version with filed_at = `now`; the open finding, if any, is answered (corrected_at = `now`); the
// channel is FILED again (acknowledged_at/by cleared until the CS center acknowledges this
// version); the service time is re-read and the next check due recomputed from the last check, or
// from `now` for a channel never checked. History CORRECTED. FAILED_PRECONDITION when RETIRED;
// INVALID_ARGUMENT naming every bad field, and "form.unit_id" when it is not the channel's unit.
absl::Status CorrectFiling(OnlineChannel& channel, FilingForm form, absl::string_view actor,
                           absl::Time now, const common::WorkingCalendar& calendar);

// The unit no longer runs the channel: RETIRED, nothing more due (next_check_due cleared), history
// RETIRED with the reason. INVALID_ARGUMENT naming "reason" when blank; FAILED_PRECONDITION when
// already RETIRED.
absl::Status RetireChannel(OnlineChannel& channel, absl::string_view reason,
                           absl::string_view actor, absl::Time now);

// When the channel was retired (its RETIRED history entry); nullopt while it runs.
absl::optional<absl::Time> RetiredAt(const OnlineChannel& channel);

// The channel's state at instant `at`, replayed from its history (FILED / CORRECTED -> FILED,
// ACKNOWLEDGED, MARKED_INACCURATE -> INACCURATE, RETIRED); UNSPECIFIED before it was filed.
ChannelState StateAt(const OnlineChannel& channel, absl::Time at);

// --- Publication (C3, C4: A3 7.2, 7.3, 7.6) -----------------------------------------------------

// What the channel publishes, replacing what was recorded: the items (each once, in enum order),
// whether service standards are published, and the languages offered (they replace the current
// form's languages; no new form version — the filing itself did not change). recorded_at = `now`,
// history PUBLICATION_RECORDED. INVALID_ARGUMENT naming "items[i]" for an unspecified or unknown
// item and "languages[i]" for a malformed or repeated tag; FAILED_PRECONDITION when RETIRED.
absl::Status RecordPublication(OnlineChannel& channel, const std::vector<PublishedItem>& items,
                               bool service_standards_published,
                               const std::vector<std::string>& languages, absl::string_view actor,
                               absl::Time now);

// --- Checks (C5, A3 7.5.3) ----------------------------------------------------------------------

struct CheckInput {
  absl::optional<absl::Time> checked_at;  // unset: now
  std::string checked_by;
  int new_complaints = 0;
};

// One look at the channel's complaints: the Check (late when made after the channel's
// next_check_due; next_due = NextCheckDue(checked_at)), and the channel's last_checked_at and
// next_check_due moved to it. INVALID_ARGUMENT naming every bad field: "checked_by" not one of the
// current form's assigned_staff (the message names who may); "checked_at" in the future or before
// the last check; "new_complaints" negative. FAILED_PRECONDITION when RETIRED.
absl::StatusOr<Check> RecordCheck(OnlineChannel& channel, const CheckInput& input,
                                  absl::string_view recorded_by, absl::Time now,
                                  const common::WorkingCalendar& calendar);

// The channel's next check is overdue at `now` (CheckOverdue of its next_check_due).
bool ChannelCheckOverdue(const OnlineChannel& channel, absl::Time now);

// --- Faults (C2, A3 7.1) ------------------------------------------------------------------------

struct FaultInput {
  FaultOrigin origin = FaultOrigin::kReported;
  std::string description;
  absl::optional<absl::Time> opened_at;  // unset: now
};

// A fault on `channel`, to be repaired by opened_at + `repair_period` (common::ComputeDeadline on
// `calendar`: wall or working time as the period says). id 0: the store assigns it. History
// FAULT_OPENED. INVALID_ARGUMENT naming "origin" (unspecified), "description" (required unless the
// origin is MAILBOX_FULL, where an empty one gets a standard text), "opened_at" (in the future);
// INVALID_ARGUMENT for an invalid period (a configuration error); FAILED_PRECONDITION when RETIRED.
absl::StatusOr<Fault> OpenFault(OnlineChannel& channel, FaultInput input, absl::string_view actor,
                                absl::Time now, const common::Period& repair_period,
                                const common::WorkingCalendar& calendar);

// Service restored: repaired_at (unset: now), closed_by, repair_note set; history FAULT_CLOSED on
// the channel. FAILED_PRECONDITION when the fault is already closed; INVALID_ARGUMENT naming
// "repaired_at" when before opened_at or in the future, "repair_note" when malformed, "fault_id"
// when the fault is not the channel's.
absl::Status CloseFault(OnlineChannel& channel, Fault& fault,
                        absl::optional<absl::Time> repaired_at, absl::string_view repair_note,
                        absl::string_view actor, absl::Time now);

// Open past repair_due at `now`, or repaired after it.
bool FaultOverdue(const Fault& fault, absl::Time now);

// Repaired at or before repair_due.
bool FaultRepairedInTime(const Fault& fault);

// --- Capacity (C6, A3 7.5.4) --------------------------------------------------------------------

// OK when the channel takes usage samples: an EMAIL channel not RETIRED. FAILED_PRECONDITION
// otherwise.
absl::Status CheckTakesUsageSamples(const OnlineChannel& channel);

// The unit's written request to its superiors for help with its mailbox (以书面形式提交申请):
// history ASSISTANCE_REQUESTED. INVALID_ARGUMENT naming "text" when blank or malformed;
// FAILED_PRECONDITION unless CheckTakesUsageSamples.
absl::StatusOr<AssistanceRequest> RequestAssistance(OnlineChannel& channel, absl::string_view text,
                                                    absl::string_view actor, absl::Time now);

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_DOMAIN_CHANNEL_LIFECYCLE_H_
