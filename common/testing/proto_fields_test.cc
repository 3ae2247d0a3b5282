// UnsetFieldPaths on a message with a field of every shape (testdata/.../proto_fields_test.proto).
#include "common/testing/proto_fields.h"

#include "cs/testing/v1/proto_fields_test.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::common::testing {
namespace {

using ::cs::testing::v1::Sample;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// Every field set to something other than its default, `by_name` of the oneof.
Sample Filled() {
  Sample sample;
  sample.set_text("t");
  sample.set_number(-1);
  sample.set_flag(true);
  sample.set_ratio(0.5);
  sample.set_colour(cs::testing::v1::COLOUR_RED);
  sample.set_blob("\x01");
  sample.mutable_leaf()->set_name("leaf");
  sample.mutable_leaf()->set_count(2);
  cs::testing::v1::Leaf* first = sample.add_leaves();
  first->set_name("first");
  first->set_count(1);
  sample.add_tags("tag");
  sample.mutable_at()->set_seconds(1700000000);  // nanos stay 0: still set
  sample.set_by_name("name");
  sample.set_explicit_number(7);
  (*sample.mutable_by_key())["k"].set_name("v");
  return sample;
}

TEST(UnsetFieldPathsTest, AnEmptyMessageListsEveryFieldOnce) {
  EXPECT_THAT(UnsetFieldPaths(Sample()),
              ElementsAre("text", "number", "flag", "ratio", "colour", "blob", "leaf", "leaves",
                          "tags", "at", "by_name", "by_id", "explicit_number", "by_key"));
}

TEST(UnsetFieldPathsTest, AFilledMessageListsOnlyTheOtherMemberOfItsOneof) {
  EXPECT_THAT(UnsetFieldPaths(Filled()), ElementsAre("by_id"));
  EXPECT_THAT(UnsetFieldPaths(Filled(), {"by_id"}), IsEmpty());
}

TEST(UnsetFieldPathsTest, PresentSubMessagesAndTheFirstRepeatedElementAreSearched) {
  Sample sample = Filled();
  sample.mutable_leaf()->clear_count();
  sample.mutable_leaves(0)->clear_name();
  // Only the first element is searched.
  sample.add_leaves();
  EXPECT_THAT(UnsetFieldPaths(sample, {"by_id"}), ElementsAre("leaf.count", "leaves[0].name"));
  sample.mutable_leaf()->Clear();
  EXPECT_THAT(UnsetFieldPaths(sample, {"by_id"}),
              ElementsAre("leaf.name", "leaf.count", "leaves[0].name"));
}

TEST(UnsetFieldPathsTest, PresenceCountsForOptionalOneofAndWellKnownTypes) {
  Sample sample = Filled();
  // Explicitly present at the default value: set.
  sample.set_explicit_number(0);
  sample.set_by_id(0);
  sample.mutable_at()->Clear();
  EXPECT_THAT(UnsetFieldPaths(sample, {"by_name"}), IsEmpty());
  sample.clear_explicit_number();
  sample.clear_at();
  EXPECT_THAT(UnsetFieldPaths(sample, {"by_name"}), ElementsAre("at", "explicit_number"));
}

TEST(UnsetFieldPathsTest, AnAllowedPathHidesEverythingBeneathIt) {
  Sample sample = Filled();
  sample.mutable_leaf()->Clear();
  sample.mutable_leaves(0)->Clear();
  sample.clear_tags();
  EXPECT_THAT(UnsetFieldPaths(sample, {"by_id", "leaf", "leaves[0]", "tags"}), IsEmpty());
  EXPECT_THAT(UnsetFieldPaths(sample, {"by_id", "leaf.name", "leaves[0].count"}),
              ElementsAre("leaf.count", "leaves[0].name", "tags"));
}

TEST(UnsetFieldPathsTest, ScalarsAtTheirDefaultAreUnsetAndMapsCountWhenNonEmpty) {
  Sample sample = Filled();
  sample.set_number(0);
  sample.set_ratio(0.0);
  sample.set_text("");
  sample.set_colour(cs::testing::v1::COLOUR_UNSPECIFIED);
  // An entry whose value is empty: the map is set, its entries are not searched.
  sample.mutable_by_key()->clear();
  (*sample.mutable_by_key())["k"];
  EXPECT_THAT(UnsetFieldPaths(sample, {"by_id"}), ElementsAre("text", "number", "ratio", "colour"));
  sample.mutable_by_key()->clear();
  EXPECT_THAT(UnsetFieldPaths(sample, {"by_id"}),
              ElementsAre("text", "number", "ratio", "colour", "by_key"));
}

}  // namespace
}  // namespace cs::common::testing
