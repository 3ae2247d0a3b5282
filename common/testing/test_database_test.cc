// The harness must fail — never skip — a test that needs MariaDB when the variables are missing.
#include "common/testing/test_database.h"

#include <cstdlib>
#include <string>

#include "gtest/gtest-spi.h"
#include "gtest/gtest.h"

namespace cs::common::testing {
namespace {

TEST(TestDatabaseTest, MissingVariablesFailTheTestAndPointToRunSh) {
  // Unset for the rest of this process only; this binary runs no database test.
  ::unsetenv("CS_TEST_MYSQL_HOST");
  EXPECT_NONFATAL_FAILURE((void)TestServerOptions(), "./tests/run.sh");
  EXPECT_NONFATAL_FAILURE((void)TestDatabase::Create(), "CS_TEST_MYSQL_HOST");
}

}  // namespace
}  // namespace cs::common::testing
