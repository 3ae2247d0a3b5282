#include "services/channel-registry/domain/publication_checklist.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace cs::channel {

const std::vector<PublishedItem>& RequiredOrderingItems() {
  static const auto* const kItems =
      new std::vector<PublishedItem>{PublishedItem::kBusinessFunction,
                                     PublishedItem::kScope,
                                     PublishedItem::kUsage,
                                     PublishedItem::kCharges,
                                     PublishedItem::kPayment,
                                     PublishedItem::kFaultReporting,
                                     PublishedItem::kConsultationAndComplaint,
                                     PublishedItem::kStandardContract};
  return *kItems;
}

absl::string_view PublishedItemLabel(PublishedItem item) {
  switch (item) {
    case PublishedItem::kBusinessFunction:
      return "业务功能";
    case PublishedItem::kScope:
      return "使用范围";
    case PublishedItem::kUsage:
      return "使用方法";
    case PublishedItem::kCharges:
      return "收费标准";
    case PublishedItem::kPayment:
      return "交费方式";
    case PublishedItem::kFaultReporting:
      return "障碍报修";
    case PublishedItem::kConsultationAndComplaint:
      return "业务咨询、申告投诉的方式";
    case PublishedItem::kStandardContract:
      return "格式合同";
    case PublishedItem::kUnspecified:
      break;
  }
  return "";
}

PublicationChecklist BuildPublicationChecklist(const OnlineChannel& channel) {
  PublicationChecklist checklist;
  const FilingForm& form = channel.form();
  checklist.takes_orders = std::find(form.purposes.begin(), form.purposes.end(),
                                     ChannelPurpose::kOrdering) != form.purposes.end();
  const std::vector<PublishedItem>& published = channel.publication.items;
  if (checklist.takes_orders) {
    for (PublishedItem item : RequiredOrderingItems()) {
      if (std::find(published.begin(), published.end(), item) == published.end()) {
        checklist.missing_items.push_back(item);
        checklist.notes.push_back(absl::StrCat("未公布", PublishedItemLabel(item), " ",
                                               PublishedItemName(item),
                                               " is not published (A3 7.3)"));
      }
    }
  }
  checklist.service_standards_missing = !channel.publication.service_standards_published;
  if (checklist.service_standards_missing) {
    checklist.notes.push_back("未公布服务标准 Service standards are not published (A3 7.6)");
  }
  const bool offers_english = std::any_of(
      form.languages.begin(), form.languages.end(),
      [](const std::string& tag) { return tag == "en" || absl::StartsWith(tag, "en-"); });
  checklist.english_advised = form.foreign_use_heavy && !offers_english;
  if (checklist.english_advised) {
    checklist.notes.push_back(
        "建议设置中、英文双语服务 Much used by foreign customers: offering English beside Chinese "
        "is advised where conditions permit (A3 7.2)");
  }
  checklist.complete = checklist.missing_items.empty() && !checklist.service_standards_missing;
  return checklist;
}

}  // namespace cs::channel
