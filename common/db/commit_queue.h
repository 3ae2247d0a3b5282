// Commits many concurrent requests in one transaction (group commit), so a durable write path is
// not limited to one fsync per request. Callers Submit() a request and block until the transaction
// that carries it has COMMITTED — an answer is never given before the data is durable — or failed.
//
//   CommitQueue<NewRow, RowId> queue(pool, [](Transaction& tx, std::vector<NewRow>& batch,
//                                             std::vector<absl::StatusOr<RowId>>& results) {
//     ... one multi-row INSERT for the whole batch, results[i] = id of batch[i] ...
//     return absl::OkStatus();
//   });
//   absl::StatusOr<RowId> id = queue.Submit(row);
//
// The apply function gets the batch in submission order and must give every request a result (a
// value, or that request's own error — then it must have written nothing for it). Returning an
// error rolls the whole transaction back; the queue then retries each request of a multi-request
// batch alone, so one request that conflicts (say, a duplicate key written by another replica) does
// not fail its neighbours. Apply may run more than once for the same requests (RunInTransaction
// retries deadlocks; the split retry), so it must have no effects outside the transaction.
//
// Submit blocks the calling thread; SubmitAsync returns at once and calls `done` on the queue's
// answering thread after the commit (or the failure), so a server can answer from there without a
// thread parked per request — `done` must be quick and must not Submit to the same queue.
//
// A request submitted on a thread serving a call (CallDeadlineScope, common/time/call_deadline.h)
// carries that call's deadline: when it has passed by the time a worker forms the batch, the
// request is answered DEADLINE_EXCEEDED and never written — its caller has gone and will retry.
//
// Thread-safe. `workers` threads take batches of up to max_batch waiting requests; Stop() (also run
// by the destructor) finishes the waiting requests and joins the workers; a submission after Stop
// fails with UNAVAILABLE.
#ifndef CS_COMMON_DB_COMMIT_QUEUE_H_
#define CS_COMMON_DB_COMMIT_QUEUE_H_

#include <algorithm>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/auth/audit_subject.h"
#include "common/db/connection_pool.h"
#include "common/db/transaction.h"
#include "common/time/call_deadline.h"

namespace cs::common::db {

struct CommitQueueOptions {
  // Most requests one transaction carries.
  int max_batch = 128;
  // Transactions in flight at once: while one waits for its commit to reach the disk, the next
  // batch is already being written.
  int workers = 2;
  // How each batch runs (e.g. single_statement, when apply writes the batch with one statement).
  TransactionOptions transaction;
  // Called on the worker after each batch's transaction has ended — OK: committed — before its
  // answers go out: for state that may only move on once the batch is durable.
  std::function<void(const absl::Status& outcome)> after_transaction;
};

template <typename Request, typename Response>
class CommitQueue final {
 public:
  using ApplyBatch = std::function<absl::Status(Transaction& tx, std::vector<Request>& batch,
                                                std::vector<absl::StatusOr<Response>>& results)>;
  // What an audit row names for a request's result ("ticket 42"); nullopt when the result changed
  // nothing (a replayed request_id).
  using AuditTarget = std::function<std::optional<std::string>(const Response&)>;

  // With `audit_target`, a request submitted by a call with an audit subject (AccessGuard::Admit)
  // gets its audit row in the transaction that commits it — the batch then runs as a real
  // transaction even when options.transaction asks for single_statement.
  CommitQueue(ConnectionPool& pool, ApplyBatch apply, CommitQueueOptions options = {},
              AuditTarget audit_target = nullptr)
      : pool_(pool),
        apply_(std::move(apply)),
        options_(options),
        audit_target_(std::move(audit_target)) {
    for (int i = 0; i < std::max(1, options_.workers); ++i) {
      workers_.emplace_back([this] { WorkLoop(); });
    }
    answerer_ = std::thread([this] { AnswerLoop(); });
  }
  ~CommitQueue() { Stop(); }

  CommitQueue(const CommitQueue&) = delete;
  CommitQueue& operator=(const CommitQueue&) = delete;

  using Done = std::function<void(absl::StatusOr<Response>)>;

  // Blocks until the request's transaction committed (its value) or failed (its error, or the
  // transaction's: UNAVAILABLE when the database could not be reached, and then nothing was
  // written).
  absl::StatusOr<Response> Submit(Request request) {
    absl::StatusOr<Response> result = absl::UnknownError("not committed");
    absl::Notification committed;
    SubmitAsync(std::move(request), [&](absl::StatusOr<Response> outcome) {
      result = std::move(outcome);
      committed.Notify();
    });
    committed.WaitForNotification();
    return result;
  }

  // The same outcome as Submit, handed to `done` exactly once: on the answering thread, or on this
  // one when the queue is already stopped.
  void SubmitAsync(Request request, Done done) {
    auto pending = std::make_unique<Pending>(std::move(request), std::move(done));
    {
      absl::MutexLock lock(&mutex_);
      if (!stopping_) {
        queue_.push_back(std::move(pending));
        return;
      }
    }
    pending->done(absl::UnavailableError("the commit queue is shutting down"));
  }

  // Lets the queued requests commit, then ends the threads. Idempotent; the threads are taken out
  // under the lock, so of two concurrent calls only one joins them.
  void Stop() {
    std::vector<std::thread> workers;
    std::thread answerer;
    {
      absl::MutexLock lock(&mutex_);
      stopping_ = true;
      workers.swap(workers_);
      answerer = std::move(answerer_);
    }
    // Joined outside the lock: the workers take it to drain the queue.
    for (std::thread& worker : workers) worker.join();
    if (!answerer.joinable()) return;
    {
      absl::MutexLock lock(&answers_mutex_);
      answers_closed_ = true;
    }
    answerer.join();
  }

 private:
  struct Pending {
    Pending(Request r, Done d) : request(std::move(r)), done(std::move(d)) {}
    Request request;
    Done done;
    // The deadline of the call the submitting thread served (CallDeadlineScope): a request whose
    // caller has given up before its batch is formed is answered without being written.
    absl::Time caller_deadline = CurrentCallDeadline();
    // Who asked, for the audit row (the submitting thread's call; none from a background thread).
    std::optional<AuditSubject> subject = CopyOfCurrentAuditSubject();
  };

  static std::optional<AuditSubject> CopyOfCurrentAuditSubject() {
    const AuditSubject* subject = CurrentAuditSubject();
    if (subject == nullptr) return std::nullopt;
    return *subject;
  }

  using Answer = std::pair<std::unique_ptr<Pending>, absl::StatusOr<Response>>;

  bool HasWorkOrStopping() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    return !queue_.empty() || stopping_;
  }

  bool HasAnswersOrClosed() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(answers_mutex_) {
    return !answers_.empty() || answers_closed_;
  }

  // Calls `done` for committed batches on a thread of its own, so a worker starts on the next batch
  // while the answers of the last one go out (the profile showed answering a batch of 4 creates
  // over gRPC taking a quarter of the worker's cycle).
  void AnswerLoop() {
    while (true) {
      std::vector<Answer> answers;
      {
        absl::MutexLock lock(&answers_mutex_);
        answers_mutex_.Await(absl::Condition(this, &CommitQueue::HasAnswersOrClosed));
        if (answers_.empty()) return;  // closed, and every answer given
        answers.swap(answers_);
      }
      for (Answer& answer : answers) answer.first->done(std::move(answer.second));
    }
  }

  void HandOver(std::vector<Answer> answers) {
    absl::MutexLock lock(&answers_mutex_);
    for (Answer& answer : answers) answers_.push_back(std::move(answer));
  }

  void WorkLoop() {
    while (true) {
      std::vector<std::unique_ptr<Pending>> batch;
      {
        absl::MutexLock lock(&mutex_);
        mutex_.Await(absl::Condition(this, &CommitQueue::HasWorkOrStopping));
        if (queue_.empty()) return;  // stopping, and nothing left to commit
        while (!queue_.empty() && static_cast<int>(batch.size()) < options_.max_batch) {
          batch.push_back(std::move(queue_.front()));
          queue_.pop_front();
        }
      }
      std::vector<Answer> abandoned;
      const absl::Time now = absl::Now();
      for (std::unique_ptr<Pending>& pending : batch) {
        if (now < pending->caller_deadline) continue;
        abandoned.emplace_back(std::move(pending),
                               absl::DeadlineExceededError(
                                   "the caller's deadline passed before the request was written; "
                                   "nothing was stored"));
      }
      if (!abandoned.empty()) {
        batch.erase(std::remove(batch.begin(), batch.end(), nullptr), batch.end());
        HandOver(std::move(abandoned));
      }
      if (!batch.empty()) Commit(batch);
    }
  }

  // Runs one transaction for `batch`; on failure of a multi-request batch, one per request.
  // GCC 12 reports moving an absl::StatusOr holding a struct as "maybe uninitialized" (a known
  // false positive of its -Wmaybe-uninitialized with optional-like storage); every result here is
  // assigned.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
  void Commit(std::vector<std::unique_ptr<Pending>>& batch) {
    std::vector<absl::StatusOr<Response>> results;
    absl::Status status = RunOnce(batch, results);
    std::vector<Answer> answers;
    answers.reserve(batch.size());
    if (status.ok()) {
      for (size_t i = 0; i < batch.size(); ++i) {
        answers.emplace_back(std::move(batch[i]), std::move(results[i]));
      }
      HandOver(std::move(answers));
      return;
    }
    if (status.code() == absl::StatusCode::kUnavailable) {
      for (std::unique_ptr<Pending>& pending : batch)
        answers.emplace_back(std::move(pending), status);
      HandOver(std::move(answers));
      return;
    }
    // Also a batch of one is tried once more: a duplicate-key conflict with another transaction is
    // only reported after that transaction committed, so the second try sees what it wrote (e.g.
    // the first answer to a request_id) and can answer from it.
    for (std::unique_ptr<Pending>& pending : batch) {
      std::vector<absl::StatusOr<Response>> single;
      absl::Status alone = RunOnce({pending.get()}, single);
      if (alone.ok()) {
        answers.emplace_back(std::move(pending), std::move(single[0]));
      } else {
        answers.emplace_back(std::move(pending), alone);
      }
    }
    HandOver(std::move(answers));
  }

#pragma GCC diagnostic pop

  absl::Status RunOnce(const std::vector<std::unique_ptr<Pending>>& batch,
                       std::vector<absl::StatusOr<Response>>& results) {
    std::vector<const Pending*> view;
    view.reserve(batch.size());
    for (const std::unique_ptr<Pending>& pending : batch) view.push_back(pending.get());
    return RunOnce(view, results);
  }

  absl::Status RunOnce(const std::vector<const Pending*>& batch,
                       std::vector<absl::StatusOr<Response>>& results) {
    TransactionOptions transaction = options_.transaction;
    const bool audited = audit_target_ != nullptr &&
                         std::any_of(batch.begin(), batch.end(),
                                     [](const Pending* p) { return p->subject.has_value(); });
    if (audited) transaction.single_statement = false;
    const absl::Status status = RunInTransaction(
        pool_,
        [&](Transaction& tx) -> absl::Status {
          std::vector<Request> requests;
          requests.reserve(batch.size());
          for (const Pending* pending : batch) requests.push_back(pending->request);
          results.assign(batch.size(), absl::StatusOr<Response>(absl::UnknownError("no result")));
          if (absl::Status applied = apply_(tx, requests, results); !applied.ok()) return applied;
          if (!audited) return absl::OkStatus();
          for (size_t i = 0; i < batch.size(); ++i) {
            if (!batch[i]->subject.has_value() || !results[i].ok()) continue;
            if (std::optional<std::string> target = audit_target_(*results[i])) {
              tx.AppendAudit(*batch[i]->subject, *std::move(target));
            }
          }
          return absl::OkStatus();
        },
        transaction);
    if (options_.after_transaction) options_.after_transaction(status);
    return status;
  }

  ConnectionPool& pool_;
  const ApplyBatch apply_;
  const CommitQueueOptions options_;
  const AuditTarget audit_target_;
  absl::Mutex mutex_;
  std::deque<std::unique_ptr<Pending>> queue_ ABSL_GUARDED_BY(mutex_);
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  std::vector<std::thread> workers_ ABSL_GUARDED_BY(mutex_);
  absl::Mutex answers_mutex_;
  std::vector<Answer> answers_ ABSL_GUARDED_BY(answers_mutex_);
  bool answers_closed_ ABSL_GUARDED_BY(answers_mutex_) = false;
  std::thread answerer_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace cs::common::db

#endif  // CS_COMMON_DB_COMMIT_QUEUE_H_
