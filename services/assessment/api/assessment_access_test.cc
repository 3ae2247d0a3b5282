#include "services/assessment/api/assessment_access.h"

#include <string>
#include <vector>

#include "common/auth/principal.h"
#include "cs/assessment/v1/assessment.pb.h"
#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "gtest/gtest.h"

namespace cs::assessment {
namespace {

const google::protobuf::ServiceDescriptor* ServiceOfProto() {
  return v1::GetScorecardRequest::descriptor()->file()->FindServiceByName("AssessmentService");
}

TEST(AssessmentAccessTable, EveryRpcHasExactlyOneRule) {
  const common::AccessTable& table = AssessmentAccessTable();
  const google::protobuf::ServiceDescriptor* service = ServiceOfProto();
  ASSERT_NE(service, nullptr);
  EXPECT_EQ(table.service(), service->full_name());
  for (int i = 0; i < service->method_count(); ++i) {
    const std::string& method = service->method(i)->name();
    int rules = 0;
    for (const common::MethodRule& rule : table.rules()) rules += rule.method == method ? 1 : 0;
    EXPECT_EQ(rules, 1) << "rpc " << method << " of " << service->full_name();
  }
  for (const common::MethodRule& rule : table.rules()) {
    EXPECT_NE(service->FindMethodByName(rule.method), nullptr)
        << "the rule for " << rule.method << " names no rpc of " << service->full_name();
  }
}

// The README's access matrix lists the RPCs as the proto declares them.
TEST(AssessmentAccessTable, RulesFollowTheProtoOrder) {
  const google::protobuf::ServiceDescriptor* service = ServiceOfProto();
  ASSERT_NE(service, nullptr);
  std::vector<std::string> declared;
  for (int i = 0; i < service->method_count(); ++i) declared.push_back(service->method(i)->name());
  std::vector<std::string> listed;
  for (const common::MethodRule& rule : AssessmentAccessTable().rules())
    listed.push_back(rule.method);
  EXPECT_THAT(listed, ::testing::ElementsAreArray(declared));
}

// OWN_UNIT limits unit-scoped roles only: on a rule that allows none it would promise a check no
// caller is subject to.
TEST(AssessmentAccessTable, OwnUnitOnlyWhereAUnitScopedRoleMayCall) {
  for (const common::MethodRule& rule : AssessmentAccessTable().rules()) {
    if (rule.scope != common::UnitScope::kOwnUnit) continue;
    bool unit_scoped = false;
    for (common::Role role : rule.roles) unit_scoped = unit_scoped || common::IsUnitScoped(role);
    EXPECT_TRUE(unit_scoped) << rule.method;
  }
}

}  // namespace
}  // namespace cs::assessment
