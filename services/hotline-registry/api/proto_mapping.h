// Conversions between the wire types of cs.hotline.v1 and the hotline registry's domain and core
// values. Reading a request collects every value the wire cannot carry into the domain (a
// timestamp out of range, a time of day that is not HH:MM, a hotline id that is not "HL-<n>", an
// enum number the proto does not define) as INVALID_ARGUMENT naming each field with its request
// path; what the values mean is the domain's to judge. Writing copies every field. Pure functions;
// thread-safe.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_API_PROTO_MAPPING_H_
#define CS_SERVICES_HOTLINE_REGISTRY_API_PROTO_MAPPING_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "cs/hotline/v1/hotline.pb.h"
#include "services/hotline-registry/core/hotline_core.h"
#include "services/hotline-registry/domain/hotline.h"
#include "services/hotline-registry/domain/operating_report.h"
#include "services/hotline-registry/domain/phrase_score.h"
#include "services/hotline-registry/domain/staff.h"
#include "services/hotline-registry/store/hotline_store.h"

namespace cs::hotline {

// --- wire -> domain
// -------------------------------------------------------------------------------

// Form F1 under `prefix` ("form"). filed_at and manager_signature are the service's and ignored.
absl::StatusOr<RegistrationForm> FromProto(const v1::RegistrationForm& form,
                                           absl::string_view prefix);
// Form F2 under "form". filed_at and manager_signature are ignored.
absl::StatusOr<ChangeForm> FromProto(const v1::ChangeForm& form);
// A notice under "notice"; notice_id, issued_by, issued_at and the targets' change_id are the
// service's and ignored.
absl::StatusOr<Notice> FromProto(const v1::Notice& notice);
// One call record of a stream: what cannot be read is kept as problems, never an error, so the
// record is refused with its index and the stream goes on.
IncomingCallRecord FromProto(const v1::CallRecord& record);
// A staff member under "staff".
absl::StatusOr<StaffMember> FromProto(const v1::StaffMember& staff);
// A training under `prefix` ("training").
absl::StatusOr<Training> FromProto(const v1::Training& training, absl::string_view prefix);
// A roster under "roster"; set_by and set_at are the service's and ignored.
absl::StatusOr<DutyRoster> FromProto(const v1::DutyRoster& roster);

struct Transcript {
  std::vector<Turn> turns;
  std::vector<CallEvent> events;
};
// The turns and events of a call to score.
absl::StatusOr<Transcript> TranscriptFromProto(const v1::ScoreCallRequest& request);

// The filter of ListHotlines (unit and number as given, state checked to be one of the enum).
absl::StatusOr<HotlineFilter> FromProto(const v1::ListHotlinesRequest& request);

// --- domain -> wire
// -------------------------------------------------------------------------------

v1::ServiceHours ToProto(const ServiceHours& hours);
v1::Hotline ToProto(const Hotline& hotline);
v1::NumberTransition ToProto(const ListedTransition& transition);
v1::Notice ToProto(const Notice& notice);
v1::OperatingReport ToProto(const OperatingReport& report);
v1::StaffMember ToProto(const StaffMember& staff);
v1::DutyRoster ToProto(const DutyRoster& roster);
v1::PhraseScore ToProto(const PhraseScore& score);
v1::MonthlyStatistics ToProto(const MonthlyStatistics& stats);
v1::IngestCallRecordsResponse ToProto(const IngestSummary& summary);

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_API_PROTO_MAPPING_H_
