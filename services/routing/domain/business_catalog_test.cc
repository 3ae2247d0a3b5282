// SPEC R5: the business catalog suggests a decision for every ticket.
#include "services/routing/domain/business_catalog.h"

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/routing/domain/routing_test_support.h"

namespace cs::routing {
namespace {

using ::cs::common::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<BusinessLine> Lines() {
  return {
      {"general",
       "互联网部业务咨询",
       "",
       {"资费", "套餐"},
       BusinessOwner::kDepartmentUnit,
       "service-desk",
       true},
      {"broadband",
       "宽带接入",
       "",
       {"宽带", "断网", "网速", "ADSL"},
       BusinessOwner::kDepartmentUnit,
       "broadband",
       false},
      {"idc", "数据中心", "", {"机房", "宽带租用"}, BusinessOwner::kDepartmentUnit, "idc", false},
      {"faq", "常见问题", "", {"密码"}, BusinessOwner::kDepartmentUnit, "broadband", true},
      {"mobile", "移动通信", "", {"手机", "信号"}, BusinessOwner::kTelecomCompany, "", false},
      {"utilities", "非电信业务", "", {"电费", "燃气"}, BusinessOwner::kOutsideTelecom, "", false},
  };
}

class BusinessCatalogTest : public ::testing::Test {
 protected:
  Suggestion Suggest(const std::string& problem, const std::string& business_line = "") {
    ForwardedTicket ticket = testing::CompleteForward();
    ticket.problem = problem;
    ticket.business_line = business_line;
    return catalog_.Suggest(ticket, "service-desk");
  }

  common::UnitDirectory units_ = testing::TestUnits();
  BusinessCatalog catalog_ = *BusinessCatalog::Create(Lines(), units_);
};

TEST_F(BusinessCatalogTest, R5_TheLineWithMostKeywordsSuggestsDispatchToItsUnit) {
  // "宽带" matches both broadband and idc ("宽带租用" does not occur); broadband has two hits.
  Suggestion s = Suggest("家里宽带经常断网");
  EXPECT_EQ(s.decision, Decision::kInternalDispatch);
  EXPECT_EQ(s.unit_id, "broadband");
  EXPECT_EQ(s.business_line, "broadband");
  EXPECT_THAT(s.matched_keywords, ElementsAre("宽带", "断网"));
  EXPECT_EQ(s.basis, "keywords 宽带, 断网 of business line broadband");
}

TEST_F(BusinessCatalogTest, R5_KeywordsMatchIgnoringAsciiCase) {
  EXPECT_EQ(Suggest("my adsl is down").unit_id, "broadband");
}

TEST_F(BusinessCatalogTest, R5_TheSendingUnitsBusinessLineWins) {
  Suggestion s = Suggest("家里宽带经常断网", "idc");
  EXPECT_EQ(s.decision, Decision::kInternalDispatch);
  EXPECT_EQ(s.unit_id, "idc");
  EXPECT_THAT(s.matched_keywords, IsEmpty());
  EXPECT_EQ(s.basis, "business line idc named by the sending unit");
}

TEST_F(BusinessCatalogTest, R1_LinesTheDesignatedUnitMayAnswerSuggestDirectReply) {
  Suggestion own = Suggest("请问套餐资费是多少");
  EXPECT_EQ(own.decision, Decision::kDirectReply);
  EXPECT_EQ(own.unit_id, "service-desk");
  Suggestion may_answer = Suggest("忘记密码了");
  EXPECT_EQ(may_answer.decision, Decision::kDirectReply);
  EXPECT_EQ(may_answer.unit_id, "service-desk");
}

TEST_F(BusinessCatalogTest, R3_TelecomBusinessSuggestsEscalation) {
  Suggestion s = Suggest("手机没有信号");
  EXPECT_EQ(s.decision, Decision::kEscalateToTelecom);
  EXPECT_EQ(s.unit_id, "telecom");
}

TEST_F(BusinessCatalogTest, R4_NotTelecomBusinessSuggestsReturn) {
  Suggestion s = Suggest("这个月电费太高");
  EXPECT_EQ(s.decision, Decision::kReturn);
  EXPECT_EQ(s.return_reason, ReturnReason::kNotTelecomBusiness);
}

TEST_F(BusinessCatalogTest, R4_MissingRequiredElementsSuggestReturnNamingThem) {
  ForwardedTicket ticket = testing::CompleteForward();
  ticket.device_number = " ";
  ticket.contact_person.clear();
  Suggestion s = catalog_.Suggest(ticket, "service-desk");
  EXPECT_EQ(s.decision, Decision::kReturn);
  EXPECT_EQ(s.return_reason, ReturnReason::kContentIncorrect);
  EXPECT_THAT(s.fields_at_fault, ElementsAre("device_number", "contact_person"));
}

TEST_F(BusinessCatalogTest, R5_NothingMatchedMeansNoSuggestion) {
  Suggestion s = Suggest("我想表扬你们的工作人员");
  EXPECT_EQ(s.decision, Decision::kUnspecified);
  EXPECT_EQ(s.basis, "no business line of the catalog matched");
}

TEST(BusinessCatalogCreateTest, R5_NamesEveryBadLine) {
  std::vector<BusinessLine> lines = Lines();
  lines[1].id = "general";
  lines[2].unit_id = "nowhere";
  lines[4].unit_id = "broadband";
  lines[5].keywords = {"电费", " 电费 ", ""};
  lines[0].name = "";
  EXPECT_THAT(BusinessCatalog::Create(lines, testing::TestUnits()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("lines[1].id"), HasSubstr("lines[2].unit_id"),
                             HasSubstr("lines[4].unit_id"), HasSubstr("lines[5].keywords[1]"),
                             HasSubstr("lines[5].keywords[2]"), HasSubstr("lines[0].name"))));
}

}  // namespace
}  // namespace cs::routing
