#include "services/routing/domain/business_catalog.h"

#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/field_violations.h"

namespace cs::routing {
namespace {

bool Blank(absl::string_view text) { return absl::StripAsciiWhitespace(text).empty(); }

}  // namespace

absl::StatusOr<BusinessCatalog> BusinessCatalog::Create(std::vector<BusinessLine> lines,
                                                        const common::UnitDirectory& units) {
  common::FieldViolations violations;
  BusinessCatalog catalog;
  for (size_t i = 0; i < lines.size(); ++i) {
    BusinessLine& line = lines[i];
    const std::string field = absl::StrCat("lines[", i, "]");
    if (Blank(line.id)) {
      violations.Add(absl::StrCat(field, ".id"), "must not be empty");
    } else if (!catalog.index_by_id_.emplace(line.id, i).second) {
      violations.Add(absl::StrCat(field, ".id"), absl::StrCat("repeats business line ", line.id));
    }
    if (Blank(line.name)) violations.Add(absl::StrCat(field, ".name"), "must not be empty");
    absl::flat_hash_set<std::string> seen;
    for (size_t k = 0; k < line.keywords.size(); ++k) {
      std::string keyword = absl::AsciiStrToLower(absl::StripAsciiWhitespace(line.keywords[k]));
      const std::string keyword_field = absl::StrCat(field, ".keywords[", k, "]");
      if (keyword.empty()) {
        violations.Add(keyword_field, "must not be blank");
      } else if (!seen.insert(keyword).second) {
        violations.Add(keyword_field, absl::StrCat("repeats keyword ", keyword));
      }
      line.keywords[k] = std::move(keyword);
    }
    if (line.owner == BusinessOwner::kDepartmentUnit) {
      if (!units.Contains(line.unit_id)) {
        violations.Add(
            absl::StrCat(field, ".unit_id"),
            absl::StrCat("must name a unit of units.textproto, not \"", line.unit_id, "\""));
      }
    } else {
      if (!line.unit_id.empty()) {
        violations.Add(absl::StrCat(field, ".unit_id"), "is only for DEPARTMENT_UNIT lines");
      }
      if (line.designated_unit_may_answer) {
        violations.Add(absl::StrCat(field, ".designated_unit_may_answer"),
                       "is only for DEPARTMENT_UNIT lines");
      }
    }
  }
  if (!violations.empty()) return violations.ToStatus("invalid business catalog");
  catalog.lines_ = std::move(lines);
  return catalog;
}

const BusinessLine* BusinessCatalog::Find(absl::string_view id) const {
  auto it = index_by_id_.find(id);
  return it == index_by_id_.end() ? nullptr : &lines_[it->second];
}

Suggestion BusinessCatalog::Suggest(const ForwardedTicket& ticket,
                                    absl::string_view designated_unit_id) const {
  Suggestion suggestion;
  // 1. Incomplete content goes back first: nobody can handle it (A5 6.1, 6.6).
  const std::pair<absl::string_view, const std::string*> required[] = {
      {"problem", &ticket.problem},
      {"device_number", &ticket.device_number},
      {"contact_phone", &ticket.contact_phone},
      {"contact_person", &ticket.contact_person}};
  for (const auto& [name, value] : required) {
    if (Blank(*value)) suggestion.fields_at_fault.emplace_back(name);
  }
  if (!suggestion.fields_at_fault.empty()) {
    suggestion.decision = Decision::kReturn;
    suggestion.return_reason = ReturnReason::kContentIncorrect;
    suggestion.basis = absl::StrCat("required elements missing (A5 6.1): ",
                                    absl::StrJoin(suggestion.fields_at_fault, ", "));
    return suggestion;
  }

  // 2. and 3. The line the unit named, else the line with the most keywords in the problem.
  const BusinessLine* chosen = Find(ticket.business_line);
  if (chosen != nullptr) {
    suggestion.basis = absl::StrCat("business line ", chosen->id, " named by the sending unit");
  } else {
    const std::string problem = absl::AsciiStrToLower(ticket.problem);
    size_t best_hits = 0;
    for (const BusinessLine& line : lines_) {
      std::vector<std::string> hits;
      for (const std::string& keyword : line.keywords) {
        if (absl::StrContains(problem, keyword)) hits.push_back(keyword);
      }
      if (hits.size() > best_hits) {
        best_hits = hits.size();
        chosen = &line;
        suggestion.matched_keywords = std::move(hits);
      }
    }
    if (chosen == nullptr) {
      suggestion.basis = "no business line of the catalog matched";
      return suggestion;
    }
    suggestion.basis = absl::StrCat("keywords ", absl::StrJoin(suggestion.matched_keywords, ", "),
                                    " of business line ", chosen->id);
  }
  suggestion.business_line = chosen->id;
  switch (chosen->owner) {
    case BusinessOwner::kDepartmentUnit:
      if (chosen->designated_unit_may_answer || chosen->unit_id == designated_unit_id) {
        suggestion.decision = Decision::kDirectReply;
        suggestion.unit_id = std::string(designated_unit_id);
      } else {
        suggestion.decision = Decision::kInternalDispatch;
        suggestion.unit_id = chosen->unit_id;
      }
      break;
    case BusinessOwner::kTelecomCompany:
      suggestion.decision = Decision::kEscalateToTelecom;
      suggestion.unit_id = std::string(kTelecomUnitId);
      break;
    case BusinessOwner::kOutsideTelecom:
      suggestion.decision = Decision::kReturn;
      suggestion.return_reason = ReturnReason::kNotTelecomBusiness;
      break;
  }
  return suggestion;
}

}  // namespace cs::routing
