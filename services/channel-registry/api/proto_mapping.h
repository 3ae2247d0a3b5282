// Conversions between the wire types of cs.channel.v1 and the channel registry's domain values.
// Reading a request collects every value the wire cannot carry into the domain (a timestamp out of
// range, a channel or fault id that is not "CN-<n>" / "FT-<n>", an enum number the proto does not
// define in a filter) as INVALID_ARGUMENT naming each field with its request path; what the values
// mean is the domain's to judge (an unknown kind, purpose, staffing or published item on a form is
// passed on for the domain to name). Writing copies every field; the fields the wire computes at
// read time (check_overdue, a fault's overdue) are judged at `now`. Pure functions; thread-safe.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_API_PROTO_MAPPING_H_
#define CS_SERVICES_CHANNEL_REGISTRY_API_PROTO_MAPPING_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "cs/channel/v1/channel.pb.h"
#include "google/protobuf/timestamp.pb.h"
#include "services/channel-registry/core/channel_core.h"
#include "services/channel-registry/domain/capacity_forecast.h"
#include "services/channel-registry/domain/channel.h"
#include "services/channel-registry/domain/channel_lifecycle.h"
#include "services/channel-registry/domain/monthly_report.h"
#include "services/channel-registry/domain/publication_checklist.h"
#include "services/channel-registry/domain/unfiled_channel.h"
#include "services/channel-registry/store/channel_store.h"
#include "services/channel-registry/store/fault_store.h"

namespace cs::channel {

// --- wire -> domain -----------------------------------------------------------------------------

// Form F3. filed_at is the service's and ignored; every other value goes on to the domain, which
// names what is wrong (ValidateFilingForm).
FilingForm FromProto(const v1::FilingForm& form);

// An optional instant: nullopt when not `present`; INVALID_ARGUMENT naming `field` when the
// timestamp is out of range.
absl::StatusOr<absl::optional<absl::Time>> OptionalTimeFromProto(
    bool present, const google::protobuf::Timestamp& timestamp, absl::string_view field);

// The report of a channel in use but not filed (unit, kind, address, finding as given).
UnfiledReportInput FromProto(const v1::ReportUnfiledChannelRequest& request);

// The filter of ListChannels: unit as given, state and kind checked to be numbers of their enums.
absl::StatusOr<ChannelFilter> FromProto(const v1::ListChannelsRequest& request);

// The filter of ListFaults: unit as given, channel_id "CN-<n>" or empty (every channel).
absl::StatusOr<FaultFilter> FromProto(const v1::ListFaultsRequest& request);

// A fault reported by a person (origin REPORTED): description, opened_at (unset: now).
absl::StatusOr<FaultInput> FromProto(const v1::OpenFaultRequest& request);

// A check: checked_at (unset: now), checked_by, new_complaints.
absl::StatusOr<CheckInput> FromProto(const v1::RecordCheckRequest& request);

// A usage sample of channel `channel_id` under "sample"; an unset sampled_at is the epoch, which
// the domain refuses naming sample.sampled_at.
absl::StatusOr<UsageSample> FromProto(const v1::UsageSample& sample, int64_t channel_id);

// The published items as given (the domain names an unknown one by its index).
std::vector<PublishedItem> ItemsFromProto(const v1::RecordPublicationRequest& request);

// --- domain -> wire -----------------------------------------------------------------------------

v1::FilingForm ToProto(const FilingForm& form);
v1::ServiceTime ToProto(const ServiceTime& service_time);
// check_overdue as ChannelCheckOverdue(channel, now).
v1::OnlineChannel ToProto(const OnlineChannel& channel, absl::Time now);
v1::UnfiledChannel ToProto(const UnfiledChannel& report);
// overdue as FaultOverdue(fault, now).
v1::Fault ToProto(const Fault& fault, absl::Time now);
v1::Check ToProto(const Check& check);
v1::PublicationChecklist ToProto(const PublicationChecklist& checklist, int64_t channel_id);
v1::UsageSample ToProto(const UsageSample& sample);
v1::CapacityForecast ToProto(const ForecastResult& result);
v1::AssistanceRequest ToProto(const AssistanceRequest& request);
v1::ChannelMonthlyReport ToProto(const ChannelMonthlyReport& report);
v1::MonthlyStatistics ToProto(const MonthlyStatistics& stats);

v1::CheckSchedule ToProto(const CheckSchedule& schedule);

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_API_PROTO_MAPPING_H_
