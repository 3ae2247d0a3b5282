#include "services/channel-registry/domain/unfiled_channel.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/status/field_violations.h"
#include "common/status/quoted_value.h"
#include "common/status/text_checks.h"
#include "services/channel-registry/domain/channel_lifecycle.h"

namespace cs::channel {
namespace {

std::string NormalAddress(absl::string_view address) {
  std::string normal = absl::AsciiStrToLower(absl::StripAsciiWhitespace(address));
  while (!normal.empty() && normal.back() == '/') normal.pop_back();
  return normal;
}

}  // namespace

absl::StatusOr<UnfiledChannel> NewUnfiledReport(UnfiledReportInput input, absl::string_view actor,
                                                absl::Time now) {
  common::FieldViolations violations;
  if (common::IsBlankText(input.unit_id)) {
    violations.Add("unit_id", "is required");
  } else {
    common::CheckText(input.unit_id, "unit_id", FormLimits::kName, common::TextShape::kOneLine,
                      violations);
  }
  if (input.kind == ChannelKind::kUnspecified) {
    violations.Add("kind", "is required: EMAIL, WEB_FORM or GUESTBOOK");
  } else if (!IsOnlineKind(input.kind)) {
    violations.Add("kind", absl::StrCat("must be an online channel (EMAIL, WEB_FORM or "
                                        "GUESTBOOK), not ",
                                        ChannelKindName(input.kind)));
  }
  if (common::IsBlankText(input.address)) {
    violations.Add("address", "is required: the mailbox address or URL found in use");
  } else if (input.kind == ChannelKind::kEmail && !IsEmailAddressLike(input.address)) {
    violations.Add("address", absl::StrCat("must be a mailbox address, not ",
                                           common::QuotedValue(input.address)));
  } else if ((input.kind == ChannelKind::kWebForm || input.kind == ChannelKind::kGuestbook) &&
             !IsWebAddressLike(input.address)) {
    violations.Add("address", absl::StrCat("must be an http:// or https:// address, not ",
                                           common::QuotedValue(input.address)));
  }
  if (common::IsBlankText(input.finding)) {
    violations.Add("finding", "is required: where and how the channel was found in use");
  } else {
    common::CheckText(input.finding, "finding", FormLimits::kText, common::TextShape::kMultiLine,
                      violations);
  }
  if (!violations.empty()) return violations.ToStatus("invalid unfiled-channel report");
  UnfiledChannel report;
  report.unit_id = std::move(input.unit_id);
  report.kind = input.kind;
  report.address = std::move(input.address);
  report.finding = std::move(input.finding);
  report.reported_by = std::string(actor);
  report.reported_at = now;
  return report;
}

bool SameChannelAddress(absl::string_view a, absl::string_view b) {
  return NormalAddress(a) == NormalAddress(b);
}

bool Files(const OnlineChannel& channel, const UnfiledChannel& report) {
  return channel.unit_id == report.unit_id &&
         SameChannelAddress(channel.form().address, report.address);
}

void MarkFiled(UnfiledChannel& report, int64_t channel_id, absl::Time filed_at) {
  if (report.filed_as_channel_id != 0) return;
  report.filed_as_channel_id = channel_id;
  report.filed_at = filed_at;
}

bool OpenDuring(const UnfiledChannel& report, absl::Time start, absl::Time end) {
  if (report.reported_at >= end) return false;
  return !report.filed_at.has_value() || *report.filed_at > start;
}

}  // namespace cs::channel
