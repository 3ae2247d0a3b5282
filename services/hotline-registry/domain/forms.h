// Forms F1 (对外服务热线情况登记表) and F2 (对外服务热线变更表) of the regulation as plain text,
// with the seed's labels in the seed's order and the conventions of every form of the suite
// (common/forms/form_text.h, as F4): a title, then "<Chinese label> <English gloss>: <value>" per
// field, absent values blank, times in the company's zone, multi-line text as an indented block.
// Deterministic for a given hotline and zone. Pure; thread-safe.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_DOMAIN_FORMS_H_
#define CS_SERVICES_HOTLINE_REGISTRY_DOMAIN_FORMS_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/hotline-registry/domain/hotline.h"

namespace cs::hotline {

// Form F1 of `hotline`'s registration. `unit_name` is printed for 申报单位 (the unit id when
// empty).
std::string RenderRegistrationForm(const Hotline& hotline, absl::string_view unit_name,
                                   absl::TimeZone time_zone);

// Form F2 of `change`, with the CS center's opinion (同意 / 不同意) ticked once decided.
std::string RenderChangeForm(const HotlineChange& change, absl::string_view unit_name,
                             absl::TimeZone time_zone);

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_DOMAIN_FORMS_H_
