// Where the assessment service keeps each unit's partners and agents (SPEC S7; M 7.12): one of its
// record store interfaces (assessment_record_stores.h bundles them). The store keeps what the
// domain decided (partner.h) and owns the id ("PA-<n>") and the version (every saved change moves
// it up by one); history is append-only. Two implementations: MySqlPartnerStore (schema
// cs_assessment) and InMemoryPartnerStore (unit tests of the core only); partner_store_contract.h
// holds both to the same behaviour. Implementations are thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_STORE_PARTNER_STORE_H_
#define CS_SERVICES_ASSESSMENT_STORE_PARTNER_STORE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/assessment/domain/partner.h"
#include "services/assessment/store/assessment_record_store_support.h"

namespace cs::assessment {

// Changes one loaded partner in place (ChangePartnerStandard, DeactivatePartner,
// ReactivatePartner). Returning an error abandons the change. May run more than once (a retried
// transaction): no side effects outside `partner`.
using PartnerMutation = std::function<absl::Status(Partner& partner)>;

struct PartnerResult {
  Partner partner;
  // True when the request_id had been answered before: this is that partner as it is now.
  bool replayed = false;
};

class PartnerStore {
 public:
  virtual ~PartnerStore() = default;

  // Stores a new partner as registered: assigns its id (partner.id ignored), version 1.
  // INVALID_ARGUMENT naming unit_id unless 1..64 characters of UTF-8. A repeated request_id with
  // the same fingerprint returns the first partner as it is now (replayed); with another
  // fingerprint INVALID_ARGUMENT naming request_id, as for a malformed request_id.
  virtual absl::StatusOr<PartnerResult> Register(Partner partner, const RequestKey& key) = 0;

  // The partner with its history; NOT_FOUND naming "PA-<id>".
  virtual absl::StatusOr<Partner> Get(int64_t id) = 0;

  // The partners of `unit_id`, active and not, in id order, each with its history.
  virtual absl::StatusOr<std::vector<Partner>> List(const std::string& unit_id) = 0;

  // Loads the partner under its lock, checks `options`, applies `mutation` and saves its fields in
  // one transaction with the request key: history entries after the loaded ones appended (those
  // stored are never rewritten); version = loaded + 1; id and unit_id cannot change. NOT_FOUND
  // naming the partner; the mutation's error unchanged (nothing saved, the key not used up).
  virtual absl::StatusOr<PartnerResult> Mutate(int64_t id, const RecordMutationOptions& options,
                                               const PartnerMutation& mutation) = 0;
};

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_STORE_PARTNER_STORE_H_
