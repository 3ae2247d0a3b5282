// Where the hotline registry keeps its hotlines and the CS center's department-wide notices (SPEC
// H1–H5, A2 7.1–7.4): one of the registry's four store interfaces, one per aggregate — hotlines and
// notices (this; a notice changes many hotlines in one transaction, so both live here), call
// records (call_record_store.h), staff and rosters (staff_store.h), operating reports and phrase
// scores (report_store.h); hotline_stores.h bundles them for the core. Two implementations:
// MySqlHotlineStore (schema cs_hotline_registry) and InMemoryHotlineStore (unit tests of the core
// only); hotline_store_contract.h holds both to the same behaviour. Implementations are
// thread-safe.
//
// The store keeps what the domain decided and owns three things itself: ids (hotline "HL-<n>",
// notice "NT-<n>"; a change left without an id is named NextChangeId, see
// hotline_store_support.h), the version (every saved change moves it up by one) and the due time
// the sweep claims by (an index of the DueRule's answer). It runs no business rule.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_STORE_HOTLINE_STORE_H_
#define CS_SERVICES_HOTLINE_REGISTRY_STORE_HOTLINE_STORE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/hotline-registry/domain/hotline.h"
#include "services/hotline-registry/store/request_key.h"

namespace cs::hotline {

// When the change sweep must next look at a hotline; nullopt: never, until it changes again. The
// store evaluates it on every hotline it saves and claims by its answer (ClaimDueChanges). Default:
// NextDueAt (hotline_store_support.h), the changes' times; the wiring passes the domain's rule when
// that knows more (e.g. transitions whose end must be recorded). Must be pure and thread-safe.
using DueRule = std::function<absl::optional<absl::Time>(const Hotline& hotline)>;

struct CreateHotlineResult {
  Hotline hotline;
  // True when the request_id had been answered before: this is that hotline as it is now, nothing
  // new was created.
  bool replayed = false;
};

// Changes one loaded hotline in place (a domain function: sign, decide, file or apply a change).
// Returning an error abandons the whole change. May run more than once (a retried transaction): no
// side effects outside `hotline`.
using HotlineMutation = std::function<absl::Status(Hotline& hotline)>;

struct MutationOptions {
  // When set: a repeat of this request_id with the same fingerprint returns the hotline without
  // running the mutation again; with another fingerprint, or for another hotline, INVALID_ARGUMENT
  // naming request_id. `scope` (the method, e.g. "FileChange") separates the ids of different
  // methods and is required with a key.
  absl::optional<RequestKey> request_key;
  std::string scope;
  // When set: the change applies only to this version of the hotline (optimistic concurrency, the
  // etag of AIP-154); another version is ABORTED naming both and nothing runs.
  absl::optional<int64_t> expected_version;
};

struct MutationResult {
  Hotline hotline;
  // True when the request_id had been answered before: nothing changed.
  bool replayed = false;
};

struct HotlineFilter {
  // Empty: every unit.
  std::string unit_id;
  // kUnspecified: every state.
  HotlineState state = HotlineState::kUnspecified;
  // Non-empty: hotlines whose current number is this, or that had it as the old number of any
  // number transition (H3: a hotline is found by its former number too).
  std::string number;
};

struct HotlinePage {
  // In id order, each complete (registration, changes, transitions, history).
  std::vector<Hotline> hotlines;
  // 0 when there is no further page; otherwise pass as `after_id`.
  int64_t next_after_id = 0;
};

// One hotline the due-change sweep claimed, and what its mutation made of it.
struct SweptHotline {
  int64_t hotline_id = 0;
  // The mutation's error (the hotline was then left as it was, still due), or OK.
  absl::Status status;
  // After the mutation when it succeeded; as loaded otherwise.
  Hotline hotline;
};

// An old number still serving on a voice prompt or transfer (H3), with whose it is.
struct ListedTransition {
  int64_t hotline_id = 0;
  std::string unit_id;
  NumberTransition transition;

  friend bool operator==(const ListedTransition&, const ListedTransition&) = default;
};

// Applies target `target_index` of a notice to the hotline it names (normally the domain's
// ApplyNotice: adds the HotlineChange carrying notice.notice_id, named NextChangeId(hotline)).
// `notice` has its notice_id; its targets' change_ids are empty. Same contract as HotlineMutation.
using NoticeApplication =
    std::function<absl::Status(const Notice& notice, size_t target_index, Hotline& hotline)>;

struct NoticeResult {
  // With notice_id and each target's change_id set.
  Notice notice;
  // The hotlines named, in the order of notice.targets, after the notice.
  std::vector<Hotline> hotlines;
  // True when the request_id had been answered before: this is that notice, nothing changed.
  bool replayed = false;
};

class HotlineStore {
 public:
  virtual ~HotlineStore() = default;

  // Stores a new hotline (form F1 as filed): assigns its id (draft.id is ignored), version 1, and
  // NextChangeId to any change without an id, in one transaction. A repeated request_id with the
  // same fingerprint returns that first hotline as it is now (replayed); with another fingerprint
  // INVALID_ARGUMENT naming request_id, as for a request_id that is not 1..64 printable ASCII.
  // Returns only after the commit; UNAVAILABLE when the database is unreachable (nothing stored).
  virtual absl::StatusOr<CreateHotlineResult> Create(Hotline draft, const RequestKey& key) = 0;

  // The complete hotline; NOT_FOUND naming "HL-<id>".
  virtual absl::StatusOr<Hotline> Get(int64_t id) = 0;

  // Hotlines matching `filter` with id > after_id (0: from the first), at most page_size (>= 1,
  // else INVALID_ARGUMENT naming page_size).
  virtual absl::StatusOr<HotlinePage> List(const HotlineFilter& filter, int64_t after_id,
                                           int page_size) = 0;

  // Loads the hotline under its lock, checks options (see MutationOptions), applies `mutation`, and
  // saves the result in one transaction with the request key: the hotline's own fields; changes
  // that are new (one without an id is named NextChangeId) or differ from the loaded ones (matched
  // by change_id; a change the mutation removed is deleted); the transitions
  // when they differ; history entries appended after the loaded ones (entries already stored are
  // never rewritten); version = loaded version + 1 whatever the mutation set; the id cannot change.
  // NOT_FOUND naming the hotline; the mutation's error unchanged (nothing saved).
  virtual absl::StatusOr<MutationResult> Mutate(int64_t id, const MutationOptions& options,
                                                const HotlineMutation& mutation) = 0;

  // The sweep of changes whose time came (H2): claims up to `limit` (>= 1, else INVALID_ARGUMENT
  // naming limit) hotlines due at `now` — the DueRule's time <= now (by default: a change
  // PENDING_SIGNATURE, PENDING_APPROVAL or APPROVED whose change_at has come) — earliest due first,
  // and runs `mutation` on each (normally the domain's ApplyDueChanges: apply the approved changes,
  // lapse the pending ones), saving each like Mutate, all in one transaction.
  // A hotline locked by someone else (another replica's sweep, a Mutate in flight) is skipped, not
  // waited for (SELECT … FOR UPDATE SKIP LOCKED), so two replicas never run the mutation on the
  // same hotline for the same due change. A failing mutation leaves its hotline unsaved and still
  // due; it is reported in the result and the others are saved. An empty result: nothing is due.
  virtual absl::StatusOr<std::vector<SweptHotline>> ClaimDueChanges(
      absl::Time now, int limit, const HotlineMutation& mutation) = 0;

  // Transitions running at `active_at` (starts_at <= active_at < ends_at) of the hotlines of
  // `unit_id` (empty: every unit), by end, then hotline id, then old number.
  virtual absl::StatusOr<std::vector<ListedTransition>> ListTransitions(
      absl::Time active_at, const std::string& unit_id) = 0;

  // H4: stores `draft` as a new notice ("NT-<n>") and applies it to every hotline it names, all in
  // one transaction — all or nothing. Locks the named hotlines in id order, runs `apply` for each
  // target (in target order) and saves each hotline like Mutate; a target's change_id becomes the
  // id of that hotline's change carrying the new notice_id (empty when `apply` added none).
  // INVALID_ARGUMENT, nothing written: no targets ("notice.targets"), a target naming no hotline or
  // a hotline named twice ("notice.targets[i].hotline_id"), a bad request_id. `apply`'s error
  // unchanged, nothing written. A repeated request_id with the same fingerprint returns that notice
  // and its hotlines as they are now (replayed); with another, INVALID_ARGUMENT naming request_id.
  virtual absl::StatusOr<NoticeResult> CreateNotice(Notice draft, const RequestKey& key,
                                                    const NoticeApplication& apply) = 0;

  // The notice with its targets; NOT_FOUND naming it.
  virtual absl::StatusOr<Notice> GetNotice(const std::string& notice_id) = 0;
};

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_STORE_HOTLINE_STORE_H_
