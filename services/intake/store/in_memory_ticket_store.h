// TicketStore kept in process memory, for the fast unit tests of the intake core only (never in a
// deployed process: nothing survives a restart). Thread-safe: one mutex guards everything.
#ifndef CS_SERVICES_INTAKE_STORE_IN_MEMORY_TICKET_STORE_H_
#define CS_SERVICES_INTAKE_STORE_IN_MEMORY_TICKET_STORE_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"
#include "services/intake/store/ticket_store.h"

namespace cs::intake {

class InMemoryTicketStore final : public TicketStore {
 public:
  absl::StatusOr<CreateResult> Create(Ticket draft, const RequestKey& key) override;
  absl::StatusOr<Ticket> Get(int64_t id) override;
  absl::StatusOr<TicketPage> List(const TicketFilter& filter, int64_t after_id,
                                  int page_size) override;
  absl::StatusOr<MutationResult> Mutate(int64_t id, const MutationOptions& options,
                                        const TicketMutation& mutation) override;
  absl::StatusOr<std::vector<AwaitingConfirmationCount>> CountAwaitingConfirmation(
      absl::Time now) override;
  absl::StatusOr<std::vector<MissedConfirmation>> ClaimNewlyMissedConfirmations(absl::Time now,
                                                                                int limit) override;
  absl::StatusOr<ForwardingCounts> CountForwarding(const std::string& unit_id, absl::Time from,
                                                   absl::Time until, absl::Time as_of) override;

  // Every message enqueued so far, in order (what a relay would send).
  std::vector<OutboundMessage> outbox() const;

 private:
  struct StoredKey {
    std::string fingerprint;
    int64_t ticket_id = 0;
  };

  // OK, a replay (true), or INVALID_ARGUMENT for a reused request_id with another body.
  absl::StatusOr<bool> CheckKey(const std::string& scope, const RequestKey& key, int64_t* ticket_id)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  mutable absl::Mutex mutex_;
  std::map<int64_t, Ticket> tickets_ ABSL_GUARDED_BY(mutex_);
  // Every forward of each ticket, as it was last saved (the MySQL store's ticket_forwards): a
  // ticket keeps only its current forward.
  absl::flat_hash_map<int64_t, std::map<std::string, Forward>> forwards_ ABSL_GUARDED_BY(mutex_);
  int64_t next_id_ ABSL_GUARDED_BY(mutex_) = 1;
  absl::flat_hash_map<std::string, int64_t> last_overall_serial_ ABSL_GUARDED_BY(mutex_);
  absl::flat_hash_map<std::pair<std::string, std::string>, int64_t> last_month_serial_
      ABSL_GUARDED_BY(mutex_);
  absl::flat_hash_map<std::pair<std::string, std::string>, StoredKey> request_keys_
      ABSL_GUARDED_BY(mutex_);
  absl::flat_hash_set<std::string> inbox_ ABSL_GUARDED_BY(mutex_);
  std::vector<OutboundMessage> outbox_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace cs::intake

#endif  // CS_SERVICES_INTAKE_STORE_IN_MEMORY_TICKET_STORE_H_
