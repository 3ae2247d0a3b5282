// TicketStore on MySQL/MariaDB (schema cs_intake, migrations/): the store every deployed intake
// process uses. Creates go through a CommitQueue so concurrent CreateTicket calls share one durable
// commit (the intake speed target of issue 3); every other change is one transaction of its own.
// Thread-safe.
#ifndef CS_SERVICES_INTAKE_STORE_MYSQL_TICKET_STORE_H_
#define CS_SERVICES_INTAKE_STORE_MYSQL_TICKET_STORE_H_

#include <map>
#include <memory>

#include "common/db/commit_queue.h"
#include "common/db/connection_pool.h"
#include "common/time/clock.h"
#include "services/intake/store/serial_book.h"
#include "services/intake/store/ticket_store.h"

namespace cs::intake {

class MySqlTicketStore final : public TicketStore {
 public:
  // `pool` and `clock` must outlive the store. The clock stamps idempotency keys and outbox rows.
  // Of `create_queue` only max_batch counts: creates always run on one committer (serial_book.h),
  // each batch as one statement.
  MySqlTicketStore(common::db::ConnectionPool& pool, common::Clock& clock,
                   common::db::CommitQueueOptions create_queue = {});
  ~MySqlTicketStore() override;

  absl::StatusOr<CreateResult> Create(Ticket draft, const RequestKey& key) override;
  // `done` runs on the commit queue's answering thread once the batch has committed.
  void CreateAsync(Ticket draft, const RequestKey& key, CreateDone done) override;
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

 private:
  struct PendingCreate {
    Ticket draft;
    RequestKey key;
  };
  // The ticket id a create produced, and whether it was a replay of an earlier request.
  struct CreatedId {
    int64_t id = 0;
    bool replayed = false;
    Ticket ticket;
  };

  // A replayed request's ticket is read back; a new one is the draft as stored.
  absl::StatusOr<CreateResult> Answer(absl::StatusOr<CreatedId> created);

  // The ticket an earlier create with key.request_id made: replayed when the bodies match,
  // INVALID_ARGUMENT naming request_id when they differ.
  absl::StatusOr<CreatedId> AnswerBefore(common::db::Transaction& tx, const RequestKey& key);

  // The highest serial stored for the counter (0 when none).
  static int64_t LastStoredSerial(common::db::Transaction& tx, const SerialBook::Key& key);

  absl::Status ApplyCreates(common::db::Transaction& tx, std::vector<PendingCreate>& batch,
                            std::vector<absl::StatusOr<CreatedId>>& results);

  // The end of a batch's transaction: the serials it handed out become the book's only once it
  // committed (a batch that carries audit rows commits after the INSERT, and may fail there);
  // otherwise the book forgets those counters and reads them again.
  void AfterCreateTransaction(const absl::Status& outcome);

  common::db::ConnectionPool& pool_;
  common::Clock& clock_;
  SerialBook serials_;
  // The last serial per counter of the batch now in its transaction (its latest attempt).
  absl::Mutex pending_serials_mutex_;
  std::map<SerialBook::Key, int64_t> pending_serials_ ABSL_GUARDED_BY(pending_serials_mutex_);
  std::unique_ptr<common::db::CommitQueue<PendingCreate, CreatedId>> create_queue_;
};

}  // namespace cs::intake

#endif  // CS_SERVICES_INTAKE_STORE_MYSQL_TICKET_STORE_H_
