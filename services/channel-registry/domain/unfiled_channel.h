// C1, A3 7.7.1 (所有网上服务渠道均应及时上报): a channel the CS center found in use but not filed.
// It counts against its unit from the report until the unit files a channel of that unit at that
// address. Pure functions over plain values; thread-safe.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_DOMAIN_UNFILED_CHANNEL_H_
#define CS_SERVICES_CHANNEL_REGISTRY_DOMAIN_UNFILED_CHANNEL_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/channel-registry/domain/channel.h"

namespace cs::channel {

struct UnfiledReportInput {
  std::string unit_id;
  ChannelKind kind = ChannelKind::kUnspecified;
  std::string address;
  std::string finding;
};

// The report (reported_by `actor` at `now`; id 0: the store assigns it). INVALID_ARGUMENT naming
// every bad field: unit_id, address and finding required; kind an online kind (EMAIL, WEB_FORM,
// GUESTBOOK); the address shaped for its kind as on form F3.
absl::StatusOr<UnfiledChannel> NewUnfiledReport(UnfiledReportInput input, absl::string_view actor,
                                                absl::Time now);

// Two spellings of one address: compared without surrounding spaces, without case, and (for URLs)
// without a trailing '/'.
bool SameChannelAddress(absl::string_view a, absl::string_view b);

// Whether `channel` files the channel `report` names: same unit, same address.
bool Files(const OnlineChannel& channel, const UnfiledChannel& report);

// Records that `channel` (filed at `filed_at`) files the reported channel. No-op when the report is
// already marked filed.
void MarkFiled(UnfiledChannel& report, int64_t channel_id, absl::Time filed_at);

// Open at some instant of [start, end): reported before `end`, and not filed or filed after
// `start`.
bool OpenDuring(const UnfiledChannel& report, absl::Time start, absl::Time end);

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_DOMAIN_UNFILED_CHANNEL_H_
