// The units of the department and the telecom company, as configured (SPEC "Actors": units are
// data, not code). Immutable after Create, so it is safe to share between threads without locking.
#ifndef CS_COMMON_UNITS_UNIT_DIRECTORY_H_
#define CS_COMMON_UNITS_UNIT_DIRECTORY_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cs::common {

struct UnitContactInfo {
  std::string name;
  std::string phone;
  std::string email;
};

struct UnitInfo {
  enum class Kind { kCenter, kSubsidiary };

  std::string id;
  std::string name;
  // Used in bilingual replies.
  std::string name_en;
  Kind kind = Kind::kCenter;
  std::vector<std::string> business_lines;
  std::vector<UnitContactInfo> contacts;
  // The unit the CS center designates to receive first-contact tickets.
  bool designated = false;
  // The customer-service center itself.
  bool cs_center = false;
};

struct TelecomCompanyInfo {
  std::string name;
  std::string name_en;
  std::string dispatch_address;
  std::string contact_phone;
};

class UnitDirectory {
 public:
  // INVALID_ARGUMENT naming the unit when an id is empty or repeated, or when the number of
  // designated units is not exactly one or of CS centers more than one.
  static absl::StatusOr<UnitDirectory> Create(std::vector<UnitInfo> units,
                                              TelecomCompanyInfo telecom_company);

  // nullptr when no unit has this id.
  const UnitInfo* Find(absl::string_view id) const;
  bool Contains(absl::string_view id) const { return Find(id) != nullptr; }
  // The unit designated to receive first-contact tickets; never null.
  const UnitInfo& designated_unit() const { return units_[designated_index_]; }
  // nullptr when no unit is marked as the CS center.
  const UnitInfo* cs_center() const;
  const std::vector<UnitInfo>& units() const { return units_; }
  const TelecomCompanyInfo& telecom_company() const { return telecom_company_; }

 private:
  UnitDirectory() = default;

  std::vector<UnitInfo> units_;
  absl::flat_hash_map<std::string, size_t> index_by_id_;
  size_t designated_index_ = 0;
  int cs_center_index_ = -1;
  TelecomCompanyInfo telecom_company_;
};

}  // namespace cs::common

#endif  // CS_COMMON_UNITS_UNIT_DIRECTORY_H_
