// Where the hotline registry keeps hotline staff with their trainings and the duty rosters (SPEC
// H7, A2 7.6), and counts the rosters refused for naming untrained staff: one of the registry's
// four store interfaces (see hotline_store.h). Whether a roster may be set is the domain's
// CheckRoster; the store keeps what was decided. Two implementations: MySqlStaffStore (schema
// cs_hotline_registry) and InMemoryStaffStore (unit tests of the core only);
// staff_store_contract.h holds both to the same behaviour. Implementations are thread-safe.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_STORE_STAFF_STORE_H_
#define CS_SERVICES_HOTLINE_REGISTRY_STORE_STAFF_STORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/hotline-registry/domain/staff.h"
#include "services/hotline-registry/store/request_key.h"

namespace cs::hotline {

struct StaffResult {
  // With every training, in the order recorded.
  StaffMember staff;
  // True when the request_id had been answered before: nothing changed.
  bool replayed = false;
};

struct StaffPage {
  // In staff number order (byte order of the UTF-8 text).
  std::vector<StaffMember> staff;
  // Empty when there is no further page; otherwise pass as `after_staff_number`.
  std::string next_after_staff_number;
};

class StaffStore {
 public:
  virtual ~StaffStore() = default;

  // Registers a staff member of staff.unit_id (with the trainings the draft carries);
  // INVALID_ARGUMENT naming "unit_id" or "staff_number" when they do not fit the key
  // (CheckStaffKey). ALREADY_EXISTS naming the staff number when the unit has it already (under
  // another request_id). A repeated request_id with the same fingerprint returns the member as it
  // is now (replayed); with another, INVALID_ARGUMENT naming request_id.
  virtual absl::StatusOr<StaffResult> Register(StaffMember staff, const RequestKey& key) = 0;

  // Appends `training` to the member's record. NOT_FOUND naming the member. Idempotent by key as
  // Register: a replay does not append again.
  virtual absl::StatusOr<StaffResult> AddTraining(const std::string& unit_id,
                                                  const std::string& staff_number,
                                                  const Training& training,
                                                  const RequestKey& key) = 0;

  // NOT_FOUND naming the member.
  virtual absl::StatusOr<StaffMember> Get(const std::string& unit_id,
                                          const std::string& staff_number) = 0;

  // The unit's staff with staff_number > after_staff_number (empty: from the first), at most
  // page_size (>= 1, else INVALID_ARGUMENT naming page_size).
  virtual absl::StatusOr<StaffPage> List(const std::string& unit_id,
                                         const std::string& after_staff_number, int page_size) = 0;

  // Sets the roster of (roster.hotline_id, roster.day), replacing any earlier one whole, in one
  // transaction. Returns the roster as stored. Setting the same roster again is harmless.
  virtual absl::StatusOr<DutyRoster> SetRoster(const DutyRoster& roster) = 0;

  // NOT_FOUND naming the hotline and day when none was set.
  virtual absl::StatusOr<DutyRoster> GetRoster(int64_t hotline_id, const std::string& day) = 0;

  // Counts one roster refused in `month` ("YYYY-MM") of `unit_id` because it named untrained staff
  // (H7). `refusal_id` (the refused request's request_id) makes it idempotent: returns false, and
  // counts nothing, when that id was counted for the unit and month before. INVALID_ARGUMENT naming
  // "refusal_id" when it is not 1..64 printable ASCII, "month" when not YYYY-MM, "unit_id" when not
  // 1..64 characters.
  virtual absl::StatusOr<bool> RecordRefusedRoster(const std::string& unit_id,
                                                   const std::string& month,
                                                   const std::string& refusal_id,
                                                   absl::Time at) = 0;

  // The rosters counted by RecordRefusedRoster for the unit and month (0 when none).
  virtual absl::StatusOr<int64_t> CountRefusedRosters(const std::string& unit_id,
                                                      const std::string& month) = 0;
};

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_STORE_STAFF_STORE_H_
