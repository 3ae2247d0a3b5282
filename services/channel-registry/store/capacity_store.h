// Where the channel registry keeps what it knows of its mailboxes' capacity (SPEC C6, A3 7.5.4):
// usage samples, the capacity warnings given, and the units' written requests to their superiors
// for help. One of the registry's five store interfaces (see channel_store.h). The forecast and
// when to warn are the core's. Two implementations: MySqlCapacityStore (schema
// cs_channel_registry) and InMemoryCapacityStore (unit tests of the core only);
// capacity_store_contract.h holds both to the same behaviour. Implementations are thread-safe.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_STORE_CAPACITY_STORE_H_
#define CS_SERVICES_CHANNEL_REGISTRY_STORE_CAPACITY_STORE_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/channel-registry/domain/channel.h"
#include "services/channel-registry/store/request_key.h"

namespace cs::channel {

struct RecordSampleResult {
  UsageSample sample;
  // True when the request_id had been answered before: this is that sample, nothing was added.
  bool replayed = false;
};

struct RecordAssistanceResult {
  AssistanceRequest request;
  // True when the request_id had been answered before: this is that request, nothing was added.
  bool replayed = false;
};

class CapacityStore {
 public:
  virtual ~CapacityStore() = default;

  // --- usage samples (C6)
  // ------------------------------------------------------------------------- Stores `sample` as
  // given (samples need not arrive in time order; two at one instant are both kept). A repeated
  // request_id with the same fingerprint returns the first sample (replayed); with another
  // fingerprint INVALID_ARGUMENT naming request_id, as for a request_id that is not 1..64 printable
  // ASCII.
  virtual absl::StatusOr<RecordSampleResult> RecordSample(const UsageSample& sample,
                                                          const RequestKey& key) = 0;

  // The sample of `channel_id` with the latest sampled_at (of several at that instant, the last
  // recorded); nullopt when it has none.
  virtual absl::StatusOr<absl::optional<UsageSample>> LatestSample(int64_t channel_id) = 0;

  // The samples of `channel_id` with sampled_at in [from, to], by sampled_at, then in the order
  // recorded (the window a forecast is fitted to).
  virtual absl::StatusOr<std::vector<UsageSample>> SampleWindow(int64_t channel_id, absl::Time from,
                                                                absl::Time to) = 0;

  // --- capacity warnings (C6, counted in the monthly report)
  // -------------------------------------- Records that `channel_id` was warned at `at`, once per
  // channel and instant (INSERT IGNORE semantics): true when it is new, false when it was recorded
  // before (nothing changes).
  virtual absl::StatusOr<bool> RecordWarning(int64_t channel_id, absl::Time at) = 0;

  // How many warnings of `channel_id` were recorded with `at` in [from, to).
  virtual absl::StatusOr<int64_t> CountWarnings(int64_t channel_id, absl::Time from,
                                                absl::Time to) = 0;

  // --- assistance requests (A3 7.5.4)
  // ------------------------------------------------------------- Stores `request` as given;
  // idempotent by request_id as RecordSample.
  virtual absl::StatusOr<RecordAssistanceResult> RecordAssistance(const AssistanceRequest& request,
                                                                  const RequestKey& key) = 0;

  // Every assistance request of `channel_id`, by requested_at, then in the order recorded.
  virtual absl::StatusOr<std::vector<AssistanceRequest>> ListAssistance(int64_t channel_id) = 0;
};

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_STORE_CAPACITY_STORE_H_
