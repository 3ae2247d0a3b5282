// A unit's hotline in end-to-end tests, through the hotline registry's public RPCs: the F1 form of
// a broadband hotline, its registration signed and approved, and a day's calls streamed in as
// broadband's staff. Thread-compatible: each call its own stub calls.
#ifndef CS_TESTS_E2E_HOTLINE_AS_UNIT_H_
#define CS_TESTS_E2E_HOTLINE_AS_UNIT_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "cs/hotline/v1/hotline.grpc.pb.h"

namespace cs::e2e {

// Form F1 of a broadband hotline with `number`, staffed around the clock since `established_on`.
cs::hotline::v1::RegistrationForm BroadbandHotlineForm(absl::string_view number,
                                                       absl::Time established_on);

// `form` registered by broadband's staff under `request_id`, signed by its manager and approved by
// the CS center: the hotline as approved; the first refusal otherwise, naming its step.
absl::StatusOr<cs::hotline::v1::Hotline> RegisterApprovedHotline(
    cs::hotline::v1::HotlineRegistryService::Stub& stub,
    const cs::hotline::v1::RegistrationForm& form, absl::string_view request_id);

// `offered` calls of `hotline_id` with ids `call_id_prefix`0, 1, …, the i-th offered at
// `first_offered_at` + i × `spacing`; the first `answered` answered, the others abandoned.
cs::hotline::v1::IngestCallRecordsRequest CallRecords(absl::string_view hotline_id,
                                                      absl::string_view call_id_prefix,
                                                      absl::Time first_offered_at,
                                                      absl::Duration spacing, int offered,
                                                      int answered);

// `records` streamed to IngestCallRecords in one message as broadband's staff: the registry's
// answer, or the stream's failure.
absl::StatusOr<cs::hotline::v1::IngestCallRecordsResponse> StreamCallRecords(
    cs::hotline::v1::HotlineRegistryService::Stub& stub,
    const cs::hotline::v1::IngestCallRecordsRequest& records);

}  // namespace cs::e2e

#endif  // CS_TESTS_E2E_HOTLINE_AS_UNIT_H_
