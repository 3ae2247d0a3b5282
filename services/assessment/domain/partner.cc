#include "services/assessment/domain/partner.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status/text_checks.h"

namespace cs::assessment {
namespace {

using common::FieldViolations;
using common::TextShape;
using internal::Path;
using internal::RequiredText;

void Record(Partner& partner, absl::Time at, absl::string_view actor, absl::string_view event,
            std::string detail) {
  internal::AppendHistory(partner.history, partner.updated_at, partner.version, at, actor, event,
                          std::move(detail));
}

absl::Status BelowStandard(absl::string_view field) {
  FieldViolations violations;
  violations.Add(std::string(field),
                 "must be no lower than the company's service standard (M 7.12 "
                 "不得低于电信的服务标准): raise it before registering the partner or agent");
  return violations.ToStatus("service standard below the company's",
                             absl::StatusCode::kFailedPrecondition);
}

}  // namespace

absl::string_view PartnerKindName(PartnerKind kind) {
  switch (kind) {
    case PartnerKind::kPartner:
      return "PARTNER";
    case PartnerKind::kAgent:
      return "AGENT";
    case PartnerKind::kUnspecified:
      break;
  }
  return "UNSPECIFIED";
}

common::FieldViolations ValidatePartnerForm(const PartnerForm& form, absl::string_view prefix) {
  FieldViolations violations;
  RequiredText(form.unit_id, Path(prefix, "unit_id"), FieldLimits::kName, TextShape::kOneLine,
               violations);
  RequiredText(form.name, Path(prefix, "name"), FieldLimits::kName, TextShape::kOneLine,
               violations);
  if (form.kind == PartnerKind::kUnspecified) {
    violations.Add(Path(prefix, "kind"), "is required: PARTNER (合作商) or AGENT (代理商)");
  } else if (form.kind != PartnerKind::kPartner && form.kind != PartnerKind::kAgent) {
    violations.Add(Path(prefix, "kind"), "must be PARTNER or AGENT");
  }
  RequiredText(form.service_standard, Path(prefix, "service_standard"), FieldLimits::kText,
               TextShape::kMultiLine, violations);
  return violations;
}

absl::StatusOr<Partner> RegisterPartner(PartnerForm form, absl::string_view actor, absl::Time now) {
  const FieldViolations violations = ValidatePartnerForm(form);
  if (!violations.empty()) return violations.ToStatus("invalid partner or agent");
  if (!form.meets_company_standard) return BelowStandard("partner.service_standard");
  Partner partner;
  partner.unit_id = std::move(form.unit_id);
  partner.name = std::move(form.name);
  partner.kind = form.kind;
  partner.service_standard = std::move(form.service_standard);
  partner.meets_company_standard = true;
  partner.active = true;
  partner.registered_by = std::string(actor);
  partner.registered_at = now;
  Record(partner, now, actor, "REGISTERED",
         absl::StrCat(PartnerKindName(partner.kind), " ", partner.name));
  return partner;
}

absl::Status ChangePartnerStandard(Partner& partner, absl::string_view service_standard,
                                   bool meets_company_standard, absl::string_view actor,
                                   absl::Time now) {
  FieldViolations violations;
  RequiredText(service_standard, "service_standard", FieldLimits::kText, TextShape::kMultiLine,
               violations);
  if (!violations.empty()) return violations.ToStatus("invalid service standard");
  if (!meets_company_standard) return BelowStandard("service_standard");
  partner.service_standard = std::string(service_standard);
  partner.meets_company_standard = true;
  Record(partner, now, actor, "STANDARD_CHANGED", "");
  return absl::OkStatus();
}

absl::Status DeactivatePartner(Partner& partner, absl::string_view reason, absl::string_view actor,
                               absl::Time now) {
  FieldViolations violations;
  RequiredText(reason, "reason", FieldLimits::kText, TextShape::kMultiLine, violations);
  if (!violations.empty()) return violations.ToStatus("invalid deactivation");
  if (!partner.active) {
    return internal::StateForbids(
        absl::StrCat("partner ", FormatPartnerId(partner.id), " is already inactive"));
  }
  partner.active = false;
  Record(partner, now, actor, "DEACTIVATED", std::string(reason));
  return absl::OkStatus();
}

absl::Status ReactivatePartner(Partner& partner, absl::string_view actor, absl::Time now) {
  if (partner.active) {
    return internal::StateForbids(
        absl::StrCat("partner ", FormatPartnerId(partner.id), " is already active"));
  }
  partner.active = true;
  Record(partner, now, actor, "REACTIVATED", "");
  return absl::OkStatus();
}

}  // namespace cs::assessment
