// Where the channel registry keeps the checks its channels' assigned staff make of their complaints
// (SPEC C5, A3 7.5.3): one of the registry's five store interfaces (see channel_store.h). The
// schedule (next_due, late) is the core's; the store keeps each check as decided, in time order.
// The channel's own last_checked_at and next_check_due are saved with the channel
// (ChannelStore::Mutate). Two implementations: MySqlCheckStore (schema cs_channel_registry) and
// InMemoryCheckStore (unit tests of the core only); check_store_contract.h holds both to the same
// behaviour. Implementations are thread-safe.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_STORE_CHECK_STORE_H_
#define CS_SERVICES_CHANNEL_REGISTRY_STORE_CHECK_STORE_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/channel-registry/domain/channel.h"
#include "services/channel-registry/store/request_key.h"

namespace cs::channel {

struct RecordCheckResult {
  Check check;
  // True when the request_id had been answered before: this is that check, nothing was added.
  bool replayed = false;
};

class CheckStore {
 public:
  virtual ~CheckStore() = default;

  // Stores `check` as given (several checks of a channel at one instant are kept apart). A
  // repeated request_id with the same fingerprint returns the first check (replayed); with another
  // fingerprint INVALID_ARGUMENT naming request_id, as for a request_id that is not 1..64
  // printable ASCII.
  virtual absl::StatusOr<RecordCheckResult> Record(const Check& check, const RequestKey& key) = 0;

  // The checks of `channel_id` with checked_at in [from, to), by checked_at, then in the order
  // recorded.
  virtual absl::StatusOr<std::vector<Check>> ListChecks(int64_t channel_id, absl::Time from,
                                                        absl::Time to) = 0;

  // The check of `channel_id` with the latest checked_at (of several at that instant, the last
  // recorded); nullopt when it has none.
  virtual absl::StatusOr<absl::optional<Check>> LastCheck(int64_t channel_id) = 0;
};

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_STORE_CHECK_STORE_H_
