// A unit's partner or agent (SPEC S7; M 7.12): each unit keeps a management regime for its
// partners (合作商) and agents (代理商) with their product and service standards, never below the
// company's (不得低于电信的服务标准). A rectification notice may name one (rectification.h
// partner_id); it still counts against the unit, which leads the handling and assesses the partner
// (unit_month.h partner findings). Pure functions over plain values; ids "PA-<n>" are the store's;
// the caller checks who may act (the unit's staff) and that the unit is known. Thread-compatible.
//
// History events: REGISTERED, STANDARD_CHANGED, DEACTIVATED, REACTIVATED.
#ifndef CS_SERVICES_ASSESSMENT_DOMAIN_PARTNER_H_
#define CS_SERVICES_ASSESSMENT_DOMAIN_PARTNER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/status/field_violations.h"
#include "services/assessment/domain/records.h"

namespace cs::assessment {

enum class PartnerKind {
  kUnspecified = 0,
  kPartner = 1,  // 合作商
  kAgent = 2,    // 代理商
};

struct PartnerForm {
  std::string unit_id;
  std::string name;
  PartnerKind kind = PartnerKind::kUnspecified;
  std::string service_standard;  // 产品质量要求、服务标准和责任处理办法
  // The unit's statement that the standard is no lower than the company's (M 7.12).
  bool meets_company_standard = false;

  friend bool operator==(const PartnerForm&, const PartnerForm&) = default;
};

struct Partner {
  int64_t id = 0;  // shown as "PA-<id>"
  std::string unit_id;
  std::string name;
  PartnerKind kind = PartnerKind::kUnspecified;
  std::string service_standard;
  bool meets_company_standard = false;
  bool active = false;
  std::string registered_by;
  absl::Time registered_at;
  std::vector<HistoryEntry> history;
  absl::Time updated_at;
  int64_t version = 0;

  friend bool operator==(const Partner&, const Partner&) = default;
};

absl::string_view PartnerKindName(PartnerKind kind);

// INVALID_ARGUMENT-style problems under `prefix`: unit_id, name, service_standard required and
// well-formed; kind PARTNER or AGENT. (A standard below the company's is not malformed input but a
// refused state of affairs: RegisterPartner says FAILED_PRECONDITION.)
common::FieldViolations ValidatePartnerForm(const PartnerForm& form,
                                            absl::string_view prefix = "partner");

// An active partner; history REGISTERED, version 1; id 0. INVALID_ARGUMENT naming every bad field;
// FAILED_PRECONDITION naming "service_standard" when it does not meet the company's.
absl::StatusOr<Partner> RegisterPartner(PartnerForm form, absl::string_view actor, absl::Time now);

// A new standard text (same rules); history STANDARD_CHANGED.
absl::Status ChangePartnerStandard(Partner& partner, absl::string_view service_standard,
                                   bool meets_company_standard, absl::string_view actor,
                                   absl::Time now);

// active -> inactive (DEACTIVATED, "reason" required) and back (REACTIVATED); FAILED_PRECONDITION
// (STATE_FORBIDS_CHANGE) when already so.
absl::Status DeactivatePartner(Partner& partner, absl::string_view reason, absl::string_view actor,
                               absl::Time now);
absl::Status ReactivatePartner(Partner& partner, absl::string_view actor, absl::Time now);

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_DOMAIN_PARTNER_H_
