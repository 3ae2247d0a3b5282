// The business catalog (SPEC R5): business lines with the words that suggest them, and who owns
// each — a unit of this department (which the designated unit may answer for itself, or dispatch
// to), the telecom company, or nobody in telecom at all. From it, a suggested decision for every
// received ticket; a person confirms or overrides it. Immutable after Create: thread-safe.
#ifndef CS_SERVICES_ROUTING_DOMAIN_BUSINESS_CATALOG_H_
#define CS_SERVICES_ROUTING_DOMAIN_BUSINESS_CATALOG_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/units/unit_directory.h"
#include "services/routing/domain/routed_ticket.h"

namespace cs::routing {

enum class BusinessOwner {
  // A unit of this department (`unit_id`).
  kDepartmentUnit = 1,
  // Telecom business outside the department: escalate (R3).
  kTelecomCompany = 2,
  // Not telecom business at all: return (R4).
  kOutsideTelecom = 3,
};

struct BusinessLine {
  std::string id;
  std::string name;
  std::string name_en;
  // Matched case-insensitively (ASCII letters) as substrings of the user's problem.
  std::vector<std::string> keywords;
  BusinessOwner owner = BusinessOwner::kDepartmentUnit;
  std::string unit_id;
  // The designated unit may answer it directly (R1) instead of dispatching it (R2).
  bool designated_unit_may_answer = false;
};

class BusinessCatalog final {
 public:
  // INVALID_ARGUMENT naming the line (lines[i].field) when an id is empty or repeated, a name is
  // missing, a keyword is blank, a department line names no known unit, or another line names one.
  static absl::StatusOr<BusinessCatalog> Create(std::vector<BusinessLine> lines,
                                                const common::UnitDirectory& units);

  // nullptr when there is no line `id`.
  const BusinessLine* Find(absl::string_view id) const;
  const std::vector<BusinessLine>& lines() const { return lines_; }

  // The suggestion for a ticket (R5), in this order of rules:
  //  1. a required element (A5 6.1: problem, device_number, contact_phone, contact_person) is
  //  blank:
  //     RETURN, CONTENT_INCORRECT, naming those fields;
  //  2. the ticket names a business line of the catalog: that line;
  //  3. the line with the most distinct keywords found in the problem (the first in the file on a
  //  tie);
  //  4. nothing matched: no suggestion (kUnspecified) — a person decides.
  // A line maps to DIRECT_REPLY (its unit is the designated unit, or it may be answered directly),
  // INTERNAL_DISPATCH to its unit, ESCALATE_TO_TELECOM, or RETURN (NOT_TELECOM_BUSINESS).
  Suggestion Suggest(const ForwardedTicket& ticket, absl::string_view designated_unit_id) const;

 private:
  BusinessCatalog() = default;

  std::vector<BusinessLine> lines_;
  absl::flat_hash_map<std::string, size_t> index_by_id_;
};

}  // namespace cs::routing

#endif  // CS_SERVICES_ROUTING_DOMAIN_BUSINESS_CATALOG_H_
