// What every store of the assessment service shares, notices (notice, maintenance, launch review)
// and records (survey, partner, task, scorecard) alike, in-memory and MySQL alike, so they cannot
// drift apart: the request key and the options of a keyed change, how a kind of record is named in
// errors, the checks before a keyed or versioned change, and the rules of a record kind both
// implementations follow (its id, version and what a change saves). Pure functions (library
// assessment_store_support, no Connector/C++); thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_STORE_SUPPORT_H_
#define CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_STORE_SUPPORT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/optional.h"
#include "common/db/request_key.h"
#include "common/db/store_arguments.h"

namespace cs::assessment {

// The key of the service's idempotent writes is the suite's one RequestKey.
using RequestKey = common::db::RequestKey;

// The stores' argument checks are the suite's (common/db/store_arguments.h).
using common::db::CheckPageSize;
using common::db::CheckUnitId;

// The options of a keyed change of one stored record, the same for every store that has one
// (NoticeMutationOptions, RecordMutationOptions).
struct MutationOptions {
  // When set: a repeat of this request_id with the same fingerprint returns the record as it is
  // now without running the mutation again; with another fingerprint, or for another record,
  // INVALID_ARGUMENT naming request_id. `scope` (the method, e.g. "ReplyToNotice") separates the
  // ids of different methods and is required with a key (else INVALID_ARGUMENT naming scope).
  absl::optional<RequestKey> request_key;
  std::string scope;
  // When set: the change applies only to this version of the record (optimistic concurrency, the
  // etag of AIP-154); another version is ABORTED naming both, and nothing runs or is written.
  // Records without a version (tasks) refuse it.
  absl::optional<int64_t> expected_version;
};

// How the stores name one kind of record in their errors.
struct RecordKind {
  // NOT_FOUND says "no <missing> <printed id>" ("no partner or agent PA-3").
  const char* missing;
  // A request id answered for another record says "already used for another <another>".
  const char* another;
  // The printed id ("RN-3").
  std::string (*format_id)(int64_t id);
};

// NOT_FOUND naming the record: "no notice RN-3".
absl::Status NotFound(const RecordKind& kind, int64_t id);

// INVALID_ARGUMENT naming request_id: the id was answered before for another record of `what`.
absl::Status RequestIdForAnother(absl::string_view what);

// OK, or INVALID_ARGUMENT naming "request_id" (bad shape) or "scope" (a key without a scope): the
// checks of a keyed change before anything runs. `prefix` + `scope` is stored in *full_scope
// (empty without a key).
absl::Status CheckMutationKey(const MutationOptions& options, absl::string_view prefix,
                              std::string* full_scope);

// OK, or ABORTED naming `record` ("RN-3") and both versions when `expected` is set and differs.
absl::Status CheckExpectedVersion(const absl::optional<int64_t>& expected, int64_t stored,
                                  absl::string_view record);

// `stored` followed by the entries of `changed` past stored.size(): what an append-only list
// (history, replies, verifications) keeps of a change.
template <typename Entry>
std::vector<Entry> AppendOnly(const std::vector<Entry>& stored, const std::vector<Entry>& changed) {
  std::vector<Entry> kept = stored;
  for (size_t i = stored.size(); i < changed.size(); ++i) kept.push_back(changed[i]);
  return kept;
}

// The rules of one kind of record that both implementations of its store follow.
template <typename T>
struct RecordRules {
  RecordKind kind;
  int64_t (*id)(const T&);
  // Sets the id the store assigned on create (and what the id names inside, e.g. a late finding's
  // source).
  void (*set_id)(T&, int64_t id);
  // Readies a draft to be created: version 1 and what else the store owns. nullptr: nothing.
  void (*prepare)(T&);
  // The stored version. nullptr: the record has none (its store refuses expected_version).
  int64_t (*version)(const T&);
  // What a change saves: `changed` (the mutation's result on a copy of `loaded`) with what the
  // store owns kept or moved on. nullptr: the record is never changed.
  T (*to_save)(const T& loaded, T changed);
};

// The draft as created with `id`: prepared and numbered.
template <typename T>
T Created(const RecordRules<T>& rules, T draft, int64_t id) {
  if (rules.prepare != nullptr) rules.prepare(draft);
  rules.set_id(draft, id);
  return draft;
}

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_STORE_SUPPORT_H_
