#include "services/hotline-registry/store/in_memory_staff_store.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/printable_id.h"
#include "common/status/field_violations.h"
#include "common/status/status_macros.h"
#include "services/hotline-registry/store/hotline_store_support.h"

namespace cs::hotline {
namespace {

absl::Status NoStaff(const std::string& unit_id, const std::string& staff_number) {
  return absl::NotFoundError(absl::StrCat("no staff member ", staff_number, " of ", unit_id));
}

}  // namespace

absl::StatusOr<absl::optional<InMemoryStaffStore::StaffKey>> InMemoryStaffStore::FindKey(
    const std::string& scope, const RequestKey& key) const {
  auto it = keys_.find(std::make_pair(scope, key.request_id));
  if (it == keys_.end()) return absl::optional<StaffKey>();
  if (it->second.fingerprint != key.fingerprint) {
    return common::RequestIdReused(
        "was already used for a different request; use a new request_id");
  }
  return absl::optional<StaffKey>(it->second.staff);
}

absl::StatusOr<StaffResult> InMemoryStaffStore::Register(StaffMember staff, const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  RETURN_IF_ERROR(CheckStaffKey(staff.unit_id, staff.staff_number));
  const std::string scope(kRegisterStaffScope);
  absl::MutexLock lock(&mutex_);
  ASSIGN_OR_RETURN(absl::optional<StaffKey> replay, FindKey(scope, key));
  if (replay.has_value()) return StaffResult{staff_.at(*replay), true};
  const StaffKey id{staff.unit_id, staff.staff_number};
  if (staff_.count(id) > 0) {
    return absl::AlreadyExistsError(absl::StrCat("staff number ", staff.staff_number, " of ",
                                                 staff.unit_id, " is registered already"));
  }
  staff_[id] = staff;
  keys_[{scope, key.request_id}] = {key.fingerprint, id};
  return StaffResult{std::move(staff), false};
}

absl::StatusOr<StaffResult> InMemoryStaffStore::AddTraining(const std::string& unit_id,
                                                            const std::string& staff_number,
                                                            const Training& training,
                                                            const RequestKey& key) {
  RETURN_IF_ERROR(common::db::ValidateRequestId(key.request_id));
  const std::string scope(kRecordTrainingScope);
  absl::MutexLock lock(&mutex_);
  ASSIGN_OR_RETURN(absl::optional<StaffKey> replay, FindKey(scope, key));
  const StaffKey id{unit_id, staff_number};
  if (replay.has_value()) {
    if (*replay != id) {
      return common::RequestIdReused(
          "was already used for another staff member; use a new request_id");
    }
    return StaffResult{staff_.at(id), true};
  }
  auto it = staff_.find(id);
  if (it == staff_.end()) return NoStaff(unit_id, staff_number);
  it->second.trainings.push_back(training);
  keys_[{scope, key.request_id}] = {key.fingerprint, id};
  return StaffResult{it->second, false};
}

absl::StatusOr<StaffMember> InMemoryStaffStore::Get(const std::string& unit_id,
                                                    const std::string& staff_number) {
  absl::MutexLock lock(&mutex_);
  auto it = staff_.find({unit_id, staff_number});
  if (it == staff_.end()) return NoStaff(unit_id, staff_number);
  return it->second;
}

absl::StatusOr<StaffPage> InMemoryStaffStore::List(const std::string& unit_id,
                                                   const std::string& after_staff_number,
                                                   int page_size) {
  RETURN_IF_ERROR(CheckPageSize(page_size));
  absl::MutexLock lock(&mutex_);
  StaffPage page;
  for (auto it = staff_.upper_bound({unit_id, after_staff_number});
       it != staff_.end() && it->first.first == unit_id; ++it) {
    if (static_cast<int>(page.staff.size()) == page_size) {
      page.next_after_staff_number = page.staff.back().staff_number;
      break;
    }
    page.staff.push_back(it->second);
  }
  return page;
}

absl::StatusOr<DutyRoster> InMemoryStaffStore::SetRoster(const DutyRoster& roster) {
  RETURN_IF_ERROR(CheckDay(roster.day));
  absl::MutexLock lock(&mutex_);
  rosters_[{roster.hotline_id, roster.day}] = roster;
  return roster;
}

absl::StatusOr<DutyRoster> InMemoryStaffStore::GetRoster(int64_t hotline_id,
                                                         const std::string& day) {
  absl::MutexLock lock(&mutex_);
  auto it = rosters_.find({hotline_id, day});
  if (it == rosters_.end()) {
    return absl::NotFoundError(
        absl::StrCat("no duty roster of ", FormatHotlineId(hotline_id), " on ", day));
  }
  return it->second;
}

absl::StatusOr<bool> InMemoryStaffStore::RecordRefusedRoster(const std::string& unit_id,
                                                             const std::string& month,
                                                             const std::string& refusal_id,
                                                             absl::Time /*at*/) {
  RETURN_IF_ERROR(CheckUnitId(unit_id));
  RETURN_IF_ERROR(CheckMonth(month));
  RETURN_IF_ERROR(
      common::db::CheckPrintableId("refusal_id", refusal_id, common::db::kMaxRequestIdLength));
  absl::MutexLock lock(&mutex_);
  return refusals_.insert({unit_id, month, refusal_id}).second;
}

absl::StatusOr<int64_t> InMemoryStaffStore::CountRefusedRosters(const std::string& unit_id,
                                                                const std::string& month) {
  absl::MutexLock lock(&mutex_);
  int64_t count = 0;
  for (auto it = refusals_.lower_bound({unit_id, month, ""});
       it != refusals_.end() && std::get<0>(*it) == unit_id && std::get<1>(*it) == month; ++it) {
    ++count;
  }
  return count;
}

}  // namespace cs::hotline
