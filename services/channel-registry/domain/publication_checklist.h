// What a channel still lacks on its pages (SPEC C3, C4; A3 7.2, 7.3, 7.6): a channel that takes
// orders (purpose ORDERING) publishes the eight items of A3 7.3 — business function, scope, usage,
// charges, payment, fault reporting, the ways to ask and complain, and a standard contract; every
// channel publishes its service standards (A3 7.6); and a channel much used by foreign customers
// is advised — not required (有条件的应设置) — to offer English beside Chinese (A3 7.2). Pure;
// thread-safe.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_DOMAIN_PUBLICATION_CHECKLIST_H_
#define CS_SERVICES_CHANNEL_REGISTRY_DOMAIN_PUBLICATION_CHECKLIST_H_

#include <string>
#include <vector>

#include "services/channel-registry/domain/channel.h"

namespace cs::channel {

struct PublicationChecklist {
  bool takes_orders = false;                 // the current form's purposes include ORDERING
  std::vector<PublishedItem> missing_items;  // in enum order; empty unless takes_orders
  bool service_standards_missing = false;    // every channel (A3 7.6)
  bool english_advised = false;  // foreign_use_heavy and no "en" (or "en-…") among the languages
  bool complete = false;         // nothing required missing; the English advice does not count
  std::vector<std::string> notes;  // each gap in words, Chinese then English
};

// The eight items A3 7.3 requires of a channel that takes orders, in enum order.
const std::vector<PublishedItem>& RequiredOrderingItems();

// The checklist of `channel`'s current form and recorded publication.
PublicationChecklist BuildPublicationChecklist(const OnlineChannel& channel);

// 业务功能 … 格式合同: the Chinese words A3 7.3 uses for an item; "" for UNSPECIFIED.
absl::string_view PublishedItemLabel(PublishedItem item);

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_DOMAIN_PUBLICATION_CHECKLIST_H_
