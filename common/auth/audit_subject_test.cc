#include "common/auth/audit_subject.h"

#include <thread>

#include "gtest/gtest.h"

namespace cs::common {
namespace {

AuditSubject Subject(std::string principal) {
  return AuditSubject{std::move(principal), "UNIT_STAFF", "broadband", "ForwardTicket", "r-1"};
}

TEST(AuditSubjectTest, NothingWithoutAScopeAndSettingOutsideOneIsIgnored) {
  EXPECT_EQ(CurrentAuditSubject(), nullptr);
  SetCurrentAuditSubject(Subject("li.na"));
  EXPECT_EQ(CurrentAuditSubject(), nullptr);
}

TEST(AuditSubjectTest, AScopeHoldsItsSubjectUntilItEnds) {
  {
    const AuditSubjectScope scope;
    EXPECT_EQ(CurrentAuditSubject(), nullptr) << "nothing recorded yet";
    SetCurrentAuditSubject(Subject("li.na"));
    ASSERT_NE(CurrentAuditSubject(), nullptr);
    EXPECT_EQ(CurrentAuditSubject()->principal, "li.na");
    EXPECT_EQ(CurrentAuditSubject()->request_id, "r-1");
  }
  EXPECT_EQ(CurrentAuditSubject(), nullptr);
}

TEST(AuditSubjectTest, Audit_OnceTheCallsRowCommittedThereIsNoSubjectForAnotherRow) {
  const AuditSubjectScope scope;
  SetCurrentAuditSubject(Subject("li.na"));
  ASSERT_NE(CurrentAuditSubject(), nullptr);
  AuditRowCommitted();
  EXPECT_EQ(CurrentAuditSubject(), nullptr);
}

TEST(AuditSubjectTest, ScopesNestAndAnotherThreadSeesNone) {
  const AuditSubjectScope outer;
  SetCurrentAuditSubject(Subject("outer"));
  {
    const AuditSubjectScope inner;
    SetCurrentAuditSubject(Subject("inner"));
    EXPECT_EQ(CurrentAuditSubject()->principal, "inner");
    const AuditSubject* seen = &*CurrentAuditSubject();
    std::thread([&] { seen = CurrentAuditSubject(); }).join();
    EXPECT_EQ(seen, nullptr);
  }
  EXPECT_EQ(CurrentAuditSubject()->principal, "outer");
}

}  // namespace
}  // namespace cs::common
