// Issue 16, "Access": every declared access table (suite_access.h) against its proto service —
// each rpc has exactly one rule, each rule names an rpc, in the proto's order (the README's RPC
// tables list them so) — for the nine services the binaries serve. No process: the tables and the
// descriptors only. (OWN_UNIT on a rule without a unit-scoped role is refused by AccessTable
// itself, common/auth/access_table_test.cc.)
#include <string>
#include <vector>

#include "common/auth/access_table.h"
#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "gtest/gtest.h"
#include "tests/e2e/suite_access.h"

namespace cs::e2e {
namespace {

using ::google::protobuf::ServiceDescriptor;

std::vector<const ServiceDescriptor*> ServedServices() {
  std::vector<const ServiceDescriptor*> services;
  for (const char* name :
       {"intake", "routing", "hotline-registry", "channel-registry", "assessment", "archive"}) {
    services.push_back(MainServiceOf(name));
  }
  for (const ServiceDescriptor* shared : SharedServices()) services.push_back(shared);
  return services;
}

TEST(SuiteAccessTablesTest, Access_EveryRpcOfEveryServiceHasExactlyOneRuleInProtoOrder) {
  const std::vector<const ServiceDescriptor*> services = ServedServices();
  ASSERT_EQ(services.size(), AllAccessTables().size())
      << "a service without a table, or the reverse";
  for (const ServiceDescriptor* service : services) {
    ASSERT_NE(service, nullptr);
    const common::AccessTable* table = AccessTableOf(service->full_name());
    ASSERT_NE(table, nullptr) << service->full_name() << " has no declared access table";
    std::vector<std::string> declared;
    for (int i = 0; i < service->method_count(); ++i)
      declared.push_back(service->method(i)->name());
    std::vector<std::string> listed;
    for (const common::MethodRule& rule : table->rules()) listed.push_back(rule.method);
    EXPECT_THAT(listed, ::testing::ElementsAreArray(declared)) << service->full_name();
  }
}

}  // namespace
}  // namespace cs::e2e
