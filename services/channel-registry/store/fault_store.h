// Where the channel registry keeps the faults of channels and their repair (SPEC C2, A3 7.1; C6
// opens one when a mailbox is full): one of the registry's five store interfaces (see
// channel_store.h). The repair limit and whether a repair was in time are the core's; the store
// keeps the fault as decided, names it "FT-<n>" and finds faults by channel, unit, openness and
// month. Two implementations: MySqlFaultStore (schema cs_channel_registry) and InMemoryFaultStore
// (unit tests of the core only); fault_store_contract.h holds both to the same behaviour.
// Implementations are thread-safe.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_STORE_FAULT_STORE_H_
#define CS_SERVICES_CHANNEL_REGISTRY_STORE_FAULT_STORE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/channel-registry/domain/channel.h"
#include "services/channel-registry/store/request_key.h"

namespace cs::channel {

struct OpenFaultResult {
  Fault fault;
  // True when the request_id had been answered before: this is that fault as it is now.
  bool replayed = false;
};

// Changes one loaded fault in place (normally the domain's close: repaired_at, closed_by,
// repair_note). Returning an error abandons the change. May run more than once: no side effects
// outside `fault`.
using FaultMutation = std::function<absl::Status(Fault& fault)>;

struct FaultMutationOptions {
  // As MutationOptions (channel_store.h): a repeat of the request_id with the same fingerprint
  // returns the fault as it is now without running the mutation; with another fingerprint, or for
  // another fault, INVALID_ARGUMENT naming request_id. `scope` (e.g. "CloseFault") is required
  // with a key.
  absl::optional<RequestKey> request_key;
  std::string scope;
};

struct FaultMutationResult {
  Fault fault;
  // True when the request_id had been answered before: nothing changed.
  bool replayed = false;
};

struct FaultFilter {
  // Empty: every unit.
  std::string unit_id;
  // 0: every channel.
  int64_t channel_id = 0;
  // True: only faults not repaired (repaired_at unset).
  bool open_only = false;
};

struct FaultPage {
  // In id order.
  std::vector<Fault> faults;
  // 0 when there is no further page; otherwise pass as `after_id`.
  int64_t next_after_id = 0;
};

class FaultStore {
 public:
  virtual ~FaultStore() = default;

  // Stores a new fault: assigns its id ("FT-<n>"; fault.id ignored), every other field as given,
  // in one transaction. A repeated request_id with the same fingerprint returns that first fault
  // as it is now (replayed); with another fingerprint INVALID_ARGUMENT naming request_id, as for a
  // request_id that is not 1..64 printable ASCII.
  virtual absl::StatusOr<OpenFaultResult> Open(Fault fault, const RequestKey& key) = 0;

  // The fault; NOT_FOUND naming "FT-<id>".
  virtual absl::StatusOr<Fault> Get(int64_t id) = 0;

  // Loads the fault under its lock, checks the request key (see FaultMutationOptions), applies
  // `mutation` and saves every field but id, channel_id and unit_id (which cannot change), in one
  // transaction with the request key. NOT_FOUND naming the fault; the mutation's error unchanged
  // (nothing saved, the request key not used up).
  virtual absl::StatusOr<FaultMutationResult> Mutate(int64_t id,
                                                     const FaultMutationOptions& options,
                                                     const FaultMutation& mutation) = 0;

  // Faults matching `filter` with id > after_id (0: from the first), at most page_size (>= 1,
  // else INVALID_ARGUMENT naming page_size).
  virtual absl::StatusOr<FaultPage> List(const FaultFilter& filter, int64_t after_id,
                                         int page_size) = 0;

  // Faults open at `now`: opened_at <= now and not repaired, or repaired after now. In id order.
  virtual absl::StatusOr<std::vector<Fault>> ListOpen(absl::Time now) = 0;

  // The faults of `channel_id` opened, repaired or due (repair_due) in [start, end) (a month's
  // faults: its report counts the first two, its statistics those due and not repaired in time),
  // in id order, each once.
  virtual absl::StatusOr<std::vector<Fault>> ListForMonth(int64_t channel_id, absl::Time start,
                                                          absl::Time end) = 0;
};

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_STORE_FAULT_STORE_H_
