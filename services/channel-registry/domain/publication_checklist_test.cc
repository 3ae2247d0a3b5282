// C3, C4 (A3 7.2, 7.3, 7.6): what a channel still has to publish, and the English advice.
#include "services/channel-registry/domain/publication_checklist.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::channel {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

OnlineChannel Channel(std::vector<ChannelPurpose> purposes) {
  OnlineChannel channel;
  FilingForm form;
  form.purposes = std::move(purposes);
  form.languages = {"zh"};
  channel.form_versions.push_back(form);
  return channel;
}

TEST(PublicationChecklistTest, C4_AChannelTakingOrdersMissesAllEightItemsUntilPublished) {
  OnlineChannel channel = Channel({ChannelPurpose::kOrdering, ChannelPurpose::kQuery});
  PublicationChecklist checklist = BuildPublicationChecklist(channel);
  EXPECT_TRUE(checklist.takes_orders);
  EXPECT_EQ(checklist.missing_items, RequiredOrderingItems());
  EXPECT_THAT(checklist.missing_items, SizeIs(8));
  EXPECT_TRUE(checklist.service_standards_missing);
  EXPECT_FALSE(checklist.complete);
  EXPECT_THAT(checklist.notes, Contains(HasSubstr("格式合同")));
  EXPECT_THAT(checklist.notes, Contains(HasSubstr("A3 7.6")));

  channel.publication.items = RequiredOrderingItems();
  channel.publication.items.erase(channel.publication.items.begin() + 3);  // CHARGES
  channel.publication.service_standards_published = true;
  checklist = BuildPublicationChecklist(channel);
  EXPECT_THAT(checklist.missing_items, ElementsAre(PublishedItem::kCharges));
  EXPECT_FALSE(checklist.complete);
  channel.publication.items = RequiredOrderingItems();
  checklist = BuildPublicationChecklist(channel);
  EXPECT_THAT(checklist.missing_items, IsEmpty());
  EXPECT_TRUE(checklist.complete);
  EXPECT_THAT(checklist.notes, IsEmpty());
}

TEST(PublicationChecklistTest, C4_EveryChannelPublishesItsServiceStandards) {
  OnlineChannel channel = Channel({ChannelPurpose::kComplaint});
  PublicationChecklist checklist = BuildPublicationChecklist(channel);
  EXPECT_FALSE(checklist.takes_orders);
  EXPECT_THAT(checklist.missing_items, IsEmpty());
  EXPECT_TRUE(checklist.service_standards_missing);
  EXPECT_FALSE(checklist.complete);
  channel.publication.service_standards_published = true;
  EXPECT_TRUE(BuildPublicationChecklist(channel).complete);
}

TEST(PublicationChecklistTest, C3_EnglishIsAdvisedNotRequiredForHeavyForeignUse) {
  OnlineChannel channel = Channel({ChannelPurpose::kComplaint});
  channel.publication.service_standards_published = true;
  channel.form_versions.back().foreign_use_heavy = true;
  PublicationChecklist checklist = BuildPublicationChecklist(channel);
  EXPECT_TRUE(checklist.english_advised);
  EXPECT_TRUE(checklist.complete);  // advice, not a refusal
  EXPECT_THAT(checklist.notes, ElementsAre(HasSubstr("英文")));
  channel.form_versions.back().languages = {"zh", "en-gb"};
  EXPECT_FALSE(BuildPublicationChecklist(channel).english_advised);
  channel.form_versions.back().languages = {"zh"};
  channel.form_versions.back().foreign_use_heavy = false;
  EXPECT_FALSE(BuildPublicationChecklist(channel).english_advised);
}

}  // namespace
}  // namespace cs::channel
