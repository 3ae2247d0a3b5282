// Where the channel registry keeps its online channels (SPEC C1, C3–C5; A3 7.4–7.7, form F3) and
// the CS center's reports of channels found in use but not filed (C1, A3 7.7.1): one of the
// registry's five store interfaces, one per aggregate — channels and unfiled reports (this; filing
// a channel closes the unit's open reports at its address in the same transaction, so both live
// here), faults (fault_store.h), checks (check_store.h), mailbox capacity (capacity_store.h) and
// monthly reports (report_store.h); channel_stores.h bundles them for the core. Two
// implementations: MySqlChannelStore (schema cs_channel_registry) and InMemoryChannelStore (unit
// tests of the core only); channel_store_contract.h holds both to the same behaviour.
// Implementations are thread-safe.
//
// The store keeps what the domain decided and owns three things itself: ids (channel "CN-<n>",
// unfiled report "UF-<n>"), the version (every saved change moves it up by one) and the marking of
// unfiled reports as filed. It runs no other business rule.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_STORE_CHANNEL_STORE_H_
#define CS_SERVICES_CHANNEL_REGISTRY_STORE_CHANNEL_STORE_H_

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

// Changes one loaded channel in place (a domain function: acknowledge, mark inaccurate, correct,
// retire, record a publication or a check). Returning an error abandons the whole change. May run
// more than once (a retried transaction): no side effects outside `channel`.
using ChannelMutation = std::function<absl::Status(OnlineChannel& channel)>;

struct MutationOptions {
  // When set: a repeat of this request_id with the same fingerprint returns the channel as it is
  // now without running the mutation again; with another fingerprint, or for another channel,
  // INVALID_ARGUMENT naming request_id. `scope` (the method, e.g. "AcknowledgeFiling") separates
  // the ids of different methods and is required with a key (else INVALID_ARGUMENT).
  absl::optional<RequestKey> request_key;
  std::string scope;
  // When set: the change applies only to this version of the channel (optimistic concurrency, the
  // etag of AIP-154); another version is ABORTED naming both and nothing runs or is written.
  absl::optional<int64_t> expected_version;
};

struct CreateChannelResult {
  OnlineChannel channel;
  // True when the request_id had been answered before: this is that channel as it is now, nothing
  // new was created (and `filed_reports` is empty).
  bool replayed = false;
  // The open unfiled reports this call marked filed as the new channel, in id order.
  std::vector<UnfiledChannel> filed_reports;
};

struct MutationResult {
  OnlineChannel channel;
  // True when the request_id had been answered before: nothing changed (`filed_reports` empty).
  bool replayed = false;
  // The open unfiled reports this call marked filed as the channel (a new form version at their
  // address), in id order.
  std::vector<UnfiledChannel> filed_reports;
};

struct ChannelFilter {
  // Empty: every unit.
  std::string unit_id;
  // kUnspecified: every state.
  ChannelState state = ChannelState::kUnspecified;
  // kUnspecified: every kind; otherwise the current form's kind.
  ChannelKind kind = ChannelKind::kUnspecified;
  // Non-empty: channels whose current form has exactly this address (byte for byte).
  std::string address;
};

struct ChannelPage {
  // In id order, each complete (every form version, findings, publication, history).
  std::vector<OnlineChannel> channels;
  // 0 when there is no further page; otherwise pass as `after_id`.
  int64_t next_after_id = 0;
};

struct CreateUnfiledResult {
  UnfiledChannel report;
  // True when the request_id had been answered before: this is that report as it is now.
  bool replayed = false;
};

struct UnfiledPage {
  // In id order.
  std::vector<UnfiledChannel> reports;
  // 0 when there is no further page; otherwise pass as `after_id`.
  int64_t next_after_id = 0;
};

class ChannelStore {
 public:
  virtual ~ChannelStore() = default;

  // --- channels (C1, C3–C5) ---------------------------------------------------------------------
  // Stores a new channel as filed on form F3: assigns its id (draft.id is ignored), version 1, in
  // one transaction. `draft.form_versions` must hold at least one form (else INVALID_ARGUMENT
  // naming form_versions). In the same transaction every open unfiled report of draft.unit_id
  // whose address equals the current form's address byte for byte is marked filed
  // (filed_as_channel_id = the new id, filed_at = the current form's filed_at) and returned in
  // filed_reports. A repeated request_id with the same fingerprint returns that first channel as
  // it is now (replayed); with another fingerprint INVALID_ARGUMENT naming request_id, as for a
  // request_id that is not 1..64 printable ASCII. Returns only after the commit; UNAVAILABLE when
  // the database is unreachable (nothing stored).
  virtual absl::StatusOr<CreateChannelResult> Create(OnlineChannel draft,
                                                     const RequestKey& key) = 0;

  // The complete channel; NOT_FOUND naming "CN-<id>".
  virtual absl::StatusOr<OnlineChannel> Get(int64_t id) = 0;

  // Channels matching `filter` with id > after_id (0: from the first), at most page_size (>= 1,
  // else INVALID_ARGUMENT naming page_size).
  virtual absl::StatusOr<ChannelPage> List(const ChannelFilter& filter, int64_t after_id,
                                           int page_size) = 0;

  // Loads the channel under its lock, checks options (see MutationOptions), applies `mutation`,
  // and saves the result in one transaction with the request key: the channel's own fields and
  // findings as the mutation left them; form versions beyond the loaded ones appended (versions
  // already stored are never rewritten, and the mutation must not remove any: INVALID_ARGUMENT
  // naming form_versions, nothing saved); history entries appended after the loaded ones (entries
  // already stored are never rewritten); version = loaded version + 1 whatever the mutation set;
  // the id cannot change. When the mutation added a form version (a correction or change), the
  // unit's open unfiled reports at the new current form's address are marked filed as for Create
  // (filed_at = that form's filed_at), in the same transaction. NOT_FOUND naming the channel; the
  // mutation's error unchanged (nothing saved, the request key not used up).
  virtual absl::StatusOr<MutationResult> Mutate(int64_t id, const MutationOptions& options,
                                                const ChannelMutation& mutation) = 0;

  // C5: channels not retired whose next_check_due is before `now` (strictly), earliest due first
  // then by id, at most `limit` (>= 1, else INVALID_ARGUMENT naming limit). Each complete. Reads
  // only; claims nothing.
  virtual absl::StatusOr<std::vector<OnlineChannel>> ListCheckOverdue(absl::Time now,
                                                                      int limit) = 0;

  // --- unfiled channels (C1, A3 7.7.1) ----------------------------------------------------------
  // Stores a report of a channel found in use but not filed: assigns its id ("UF-<n>";
  // report.id ignored); filed_as_channel_id and filed_at are stored as given (normally 0 and
  // unset: open). Idempotent by request_id as Create.
  virtual absl::StatusOr<CreateUnfiledResult> CreateUnfiled(UnfiledChannel report,
                                                            const RequestKey& key) = 0;

  // The report; NOT_FOUND naming "UF-<id>".
  virtual absl::StatusOr<UnfiledChannel> GetUnfiled(int64_t id) = 0;

  // Reports of `unit_id` (empty: every unit), only the open ones (filed_as_channel_id 0) when
  // `open_only`, with id > after_id, at most page_size (>= 1, else INVALID_ARGUMENT naming
  // page_size).
  virtual absl::StatusOr<UnfiledPage> ListUnfiled(const std::string& unit_id, bool open_only,
                                                  int64_t after_id, int page_size) = 0;
};

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_STORE_CHANNEL_STORE_H_
