#include "services/routing/config/business_catalog_file.h"

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/config/config_file.h"
#include "common/status/status_macros.h"

namespace cs::routing {
namespace {

using cs::config::v1::BusinessCatalogFile;

bool IsLineId(absl::string_view id) {
  if (id.empty() || id.size() > 40) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
  }
  return true;
}

}  // namespace

common::FieldViolations ValidateBusinessCatalogFile(const BusinessCatalogFile& file,
                                                    const common::UnitDirectory& units) {
  common::FieldViolations violations;
  absl::flat_hash_set<std::string> ids;
  if (file.lines_size() == 0) violations.Add("lines", "must list at least one business line");
  for (int i = 0; i < file.lines_size(); ++i) {
    const cs::config::v1::BusinessLine& line = file.lines(i);
    const std::string field = absl::StrCat("lines[", i, "]");
    if (!IsLineId(line.id())) {
      violations.Add(absl::StrCat(field, ".id"),
                     "must be 1-40 characters of a-z, 0-9, '-' and '_'");
    } else if (!ids.insert(line.id()).second) {
      violations.Add(absl::StrCat(field, ".id"), absl::StrCat("repeats business line ", line.id()));
    }
    if (absl::StripAsciiWhitespace(line.name()).empty()) {
      violations.Add(absl::StrCat(field, ".name"), "must not be empty");
    }
    absl::flat_hash_set<std::string> keywords;
    for (int k = 0; k < line.keywords_size(); ++k) {
      const std::string keyword =
          absl::AsciiStrToLower(absl::StripAsciiWhitespace(line.keywords(k)));
      if (keyword.empty()) {
        violations.Add(absl::StrCat(field, ".keywords[", k, "]"), "must not be blank");
      } else if (!keywords.insert(keyword).second) {
        violations.Add(absl::StrCat(field, ".keywords[", k, "]"),
                       absl::StrCat("repeats keyword ", keyword));
      }
    }
    switch (line.owner()) {
      case cs::config::v1::DEPARTMENT_UNIT:
        if (!units.Contains(line.unit_id())) {
          violations.Add(
              absl::StrCat(field, ".unit_id"),
              absl::StrCat("must name a unit of units.textproto, not \"", line.unit_id(), "\""));
        }
        break;
      case cs::config::v1::TELECOM_COMPANY:
      case cs::config::v1::OUTSIDE_TELECOM:
        if (!line.unit_id().empty()) {
          violations.Add(absl::StrCat(field, ".unit_id"), "is only for DEPARTMENT_UNIT lines");
        }
        if (line.designated_unit_may_answer()) {
          violations.Add(absl::StrCat(field, ".designated_unit_may_answer"),
                         "is only for DEPARTMENT_UNIT lines");
        }
        break;
      default:
        violations.Add(absl::StrCat(field, ".owner"),
                       "must be DEPARTMENT_UNIT, TELECOM_COMPANY or OUTSIDE_TELECOM");
    }
  }
  return violations;
}

absl::StatusOr<BusinessCatalog> ToBusinessCatalog(const BusinessCatalogFile& file,
                                                  const common::UnitDirectory& units) {
  std::vector<BusinessLine> lines;
  for (const cs::config::v1::BusinessLine& proto : file.lines()) {
    BusinessLine line;
    line.id = proto.id();
    line.name = proto.name();
    line.name_en = proto.name_en();
    line.keywords.assign(proto.keywords().begin(), proto.keywords().end());
    switch (proto.owner()) {
      case cs::config::v1::TELECOM_COMPANY:
        line.owner = BusinessOwner::kTelecomCompany;
        break;
      case cs::config::v1::OUTSIDE_TELECOM:
        line.owner = BusinessOwner::kOutsideTelecom;
        break;
      default:
        line.owner = BusinessOwner::kDepartmentUnit;
    }
    line.unit_id = proto.unit_id();
    line.designated_unit_may_answer = proto.designated_unit_may_answer();
    lines.push_back(std::move(line));
  }
  return BusinessCatalog::Create(std::move(lines), units);
}

absl::StatusOr<BusinessCatalog> LoadBusinessCatalog(const std::string& path,
                                                    const common::UnitDirectory& units) {
  ASSIGN_OR_RETURN(BusinessCatalogFile file, common::config::LoadConfigFile<BusinessCatalogFile>(
                                                 path, [&units](const BusinessCatalogFile& f) {
                                                   return ValidateBusinessCatalogFile(f, units);
                                                 }));
  return ToBusinessCatalog(file, units);
}

}  // namespace cs::routing
