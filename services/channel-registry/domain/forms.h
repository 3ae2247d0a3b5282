// Form F3 (网上申诉渠道登记表) of the regulation as plain text, with the seed's labels in the
// seed's order — 登记单位, 登记日期, 实现方式, 服务业务范围, 地址, 容量大小, 服务时间,
// 处理人员配备情况, 联系人及联系方式, 备注 — and the conventions of every form of the suite
// (common/forms/form_text.h): a title, then "<Chinese label> <English gloss>: <value>" per field,
// absent values blank, dates in the company's zone, multi-line text as an indented block.
// Deterministic; pure; thread-safe.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_DOMAIN_FORMS_H_
#define CS_SERVICES_CHANNEL_REGISTRY_DOMAIN_FORMS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/channel-registry/domain/channel.h"

namespace cs::channel {

// Form F3 as filed in version `form_version` of `channel` (1 = the first; 0 = the current one).
// `unit_name` is printed for 登记单位 (the unit id when empty). 实现方式 is the implementation with
// the kind; 服务时间 the text as written; 处理人员配备情况 专人处理 / 轮流处理 with the assigned
// staff; 联系人及联系方式 the person, phone and email. INVALID_ARGUMENT naming "form_version" when
// the channel has no such version.
absl::StatusOr<std::string> RenderFilingForm(const OnlineChannel& channel, int form_version,
                                             absl::string_view unit_name, absl::TimeZone time_zone);

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_DOMAIN_FORMS_H_
