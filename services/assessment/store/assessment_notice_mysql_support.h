// Pieces the assessment service's MySQL notice stores share (library assessment_notice_store_mysql;
// not for use outside services/assessment/store): the binder, the idempotent response of a row id,
// the history tables, IN lists of ids, and the one transaction shape of every keyed create and
// Mutate (claim the key or replay it; load under lock; check the version; mutate; save; record the
// response). Stateless; thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_NOTICE_MYSQL_SUPPORT_H_
#define CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_NOTICE_MYSQL_SUPPORT_H_

#include <cppconn/prepared_statement.h>

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/db/connection_pool.h"
#include "common/db/idempotency.h"
#include "common/db/statement_helpers.h"
#include "common/db/transaction.h"
#include "common/status/status_macros.h"
#include "services/assessment/domain/records.h"
#include "services/assessment/store/assessment_notice_store_support.h"

namespace cs::assessment::notice_mysql_internal {

using Binder = common::db::ParameterBinder;
using common::db::Transaction;

// The row id an idempotent write recorded as its response; INTERNAL when it is not one.
absl::StatusOr<int64_t> ParseIdResponse(const std::string& response);

// "(?,?,?)" for as many ids, and their binding.
std::string IdList(const std::vector<int64_t>& ids);
void BindIds(Binder& b, const std::vector<int64_t>& ids);

// The history of the records `ids` from `table` (columns <owner>, position, sequence, at, actor,
// event, detail), by owner id, in position order.
absl::flat_hash_map<int64_t, std::vector<HistoryEntry>> LoadHistory(
    Transaction& tx, absl::string_view table, absl::string_view owner,
    const std::vector<int64_t>& ids);

// Inserts history[from..] of record `id` after the `from` entries stored (append-only).
void AppendHistory(Transaction& tx, absl::string_view table, absl::string_view owner, int64_t id,
                   const std::vector<HistoryEntry>& history, size_t from);

// A record type's MySQL steps for KeyedCreate and KeyedMutate.
template <typename T>
struct MySqlRecordSteps {
  // The complete record; NOT_FOUND when absent; `for_update` locks its row.
  std::function<absl::StatusOr<T>(Transaction&, int64_t id, bool for_update)> load;
  // Inserts the new record and its children; returns its id (and sets it in the record).
  std::function<int64_t(Transaction&, T&)> insert;
  // Writes `saved` over `loaded` (row update, appended children).
  std::function<void(Transaction&, const T& loaded, const T& saved)> update;
  int64_t (*version)(const T&);
  T (*to_save)(const T& loaded, T changed);
  std::string (*format_id)(int64_t id);
  const char* what;
};

// Create in one transaction, idempotent by `key` under `scope`; `prepare` readies a copy of the
// draft before its insert (version 1, …). Returns the record and whether it was replayed.
template <typename T>
absl::StatusOr<std::pair<T, bool>> KeyedCreate(common::db::ConnectionPool& pool, absl::Time now,
                                               const MySqlRecordSteps<T>& steps, const T& draft,
                                               const RequestKey& key, absl::string_view scope) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  return common::db::RunInTransaction(
      pool, [&](Transaction& tx) -> absl::StatusOr<std::pair<T, bool>> {
        ASSIGN_OR_RETURN(absl::optional<std::string> replay,
                         common::db::ClaimRequest(tx, scope, key.request_id, key.fingerprint, now));
        if (replay.has_value()) {
          ASSIGN_OR_RETURN(int64_t id, ParseIdResponse(*replay));
          ASSIGN_OR_RETURN(T first, steps.load(tx, id, /*for_update=*/false));
          return std::pair<T, bool>(std::move(first), true);
        }
        T stored = draft;  // a retried transaction starts from the draft again
        const int64_t id = steps.insert(tx, stored);
        RETURN_IF_ERROR(common::db::RecordResponse(tx, scope, key.request_id, absl::StrCat(id)));
        return std::pair<T, bool>(std::move(stored), false);
      });
}

// Mutate in one transaction (see NoticeStore::Mutate).
template <typename T>
absl::StatusOr<std::pair<T, bool>> KeyedMutate(common::db::ConnectionPool& pool, absl::Time now,
                                               const MySqlRecordSteps<T>& steps, int64_t id,
                                               const NoticeMutationOptions& options,
                                               absl::string_view prefix,
                                               const std::function<absl::Status(T&)>& mutation) {
  std::string scope;
  RETURN_IF_ERROR(CheckMutationKey(options, prefix, &scope));
  const bool keyed = options.request_key.has_value();
  // A stale expected_version must roll back (the request key may be claimed already) without being
  // retried as ABORTED would be: it leaves the transaction as CANCELLED and is returned after.
  absl::Status conflict;
  absl::StatusOr<std::pair<T, bool>> result = common::db::RunInTransaction(
      pool, [&](Transaction& tx) -> absl::StatusOr<std::pair<T, bool>> {
        conflict = absl::OkStatus();
        if (keyed) {
          ASSIGN_OR_RETURN(absl::optional<std::string> replay,
                           common::db::ClaimRequest(tx, scope, options.request_key->request_id,
                                                    options.request_key->fingerprint, now));
          if (replay.has_value()) {
            ASSIGN_OR_RETURN(int64_t first_id, ParseIdResponse(*replay));
            if (first_id != id) return NoticeRequestIdForAnother(steps.what);
            ASSIGN_OR_RETURN(T seen, steps.load(tx, id, /*for_update=*/false));
            return std::pair<T, bool>(std::move(seen), true);
          }
        }
        ASSIGN_OR_RETURN(T loaded, steps.load(tx, id, /*for_update=*/true));
        conflict = CheckExpectedVersion(options.expected_version, steps.version(loaded),
                                        steps.format_id(id));
        if (!conflict.ok()) return absl::CancelledError("version conflict");
        T changed = loaded;
        RETURN_IF_ERROR(mutation(changed));
        T saved = steps.to_save(loaded, std::move(changed));
        steps.update(tx, loaded, saved);
        if (keyed) {
          RETURN_IF_ERROR(common::db::RecordResponse(tx, scope, options.request_key->request_id,
                                                     absl::StrCat(id)));
        }
        return std::pair<T, bool>(std::move(saved), false);
      });
  if (!conflict.ok()) return conflict;
  return result;
}

}  // namespace cs::assessment::notice_mysql_internal

#endif  // CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_NOTICE_MYSQL_SUPPORT_H_
