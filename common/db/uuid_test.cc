#include "common/db/uuid.h"

#include <string>

#include "absl/container/flat_hash_set.h"
#include "gtest/gtest.h"

namespace cs::common::db {
namespace {

TEST(UuidTest, HasTheVersion4Shape) {
  for (int i = 0; i < 100; ++i) {
    const std::string id = NewUuidV4();
    ASSERT_TRUE(IsUuid(id)) << id;
    EXPECT_EQ(id[14], '4') << id;                                          // version
    EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos) << id;  // RFC 4122 variant
    for (char c : id) EXPECT_FALSE(c >= 'A' && c <= 'F') << id;            // lower case
  }
}

TEST(UuidTest, DoesNotRepeat) {
  absl::flat_hash_set<std::string> seen;
  for (int i = 0; i < 10000; ++i) ASSERT_TRUE(seen.insert(NewUuidV4()).second);
}

TEST(UuidTest, IsUuidRejectsOtherShapes) {
  EXPECT_TRUE(IsUuid("3F2B8C1E-5D4A-4F6B-9A7C-0E1D2C3B4A59"));
  EXPECT_FALSE(IsUuid(""));
  EXPECT_FALSE(IsUuid("3f2b8c1e5d4a4f6b9a7c0e1d2c3b4a59"));
  EXPECT_FALSE(IsUuid("3f2b8c1e-5d4a-4f6b-9a7c-0e1d2c3b4a5g"));
  EXPECT_FALSE(IsUuid("3f2b8c1e-5d4a-4f6b-9a7c0-e1d2c3b4a59"));
}

}  // namespace
}  // namespace cs::common::db
