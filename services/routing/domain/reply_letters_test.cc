// SPEC R7: the three A6 email formats, in Chinese and English, compared as whole texts.
#include "services/routing/domain/reply_letters.h"

#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/routing/domain/routing_test_support.h"

namespace cs::routing {

// Whole texts on failure, so a wrong character is easy to find.
void PrintTo(const Letter& letter, std::ostream* os) {
  *os << "{subject: \"" << letter.subject << "\", text:\n" << letter.text << "}";
}

namespace {

using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::StatusIs;
using ::testing::Field;

class ReplyLettersTest : public ::testing::Test {
 protected:
  common::UnitDirectory units_ = testing::TestUnits();
  ReplyLetters letters_{units_};
};

TEST_F(ReplyLettersTest, R7_HandledChineseIsTheSeedFormatSignedByCompanyAndUnit) {
  EXPECT_THAT(
      letters_.Handled(ReplyLanguage::kChinese, "broadband",
                       "  您反映的宽带断网问题已于今日修复，如仍有问题请致电021-50000010。\n"),
      IsOkAndHolds(Letter{"关于您所反映问题的回复",
                          "亲爱的用户：\n"
                          "\n"
                          "您好！非常感谢您使用我公司提供的服务。\n"
                          "\n"
                          "您反映的宽带断网问题已于今日修复，如仍有问题请致电021-50000010。\n"
                          "\n"
                          "再次感谢您的配合，我们将尽力为您提供优质的服务。\n"
                          "\n"
                          "中国电信上海公司宽带业务中心\n"}));
}

TEST_F(ReplyLettersTest, R7_HandledEnglishUsesEnglishNames) {
  EXPECT_THAT(letters_.Handled(ReplyLanguage::kEnglish, "broadband",
                               "Your broadband line was repaired today."),
              IsOkAndHolds(Letter{"Reply to the problem you reported",
                                  "Dear Customer,\n"
                                  "\n"
                                  "Hello! Thank you very much for using the services of our "
                                  "company.\n"
                                  "\n"
                                  "Your broadband line was repaired today.\n"
                                  "\n"
                                  "Thank you again for your cooperation. We will do our best to "
                                  "provide you with quality service.\n"
                                  "\n"
                                  "Broadband Business Center, China Telecom Shanghai\n"}));
}

TEST_F(ReplyLettersTest, R7_HandledEnglishFallsBackToTheChineseUnitName) {
  // "portal" has no English name.
  EXPECT_THAT(
      letters_.Handled(ReplyLanguage::kEnglish, "portal", "Done."),
      IsOkAndHolds(
          Field(&Letter::text, ::testing::EndsWith("\n\n信息港子公司, China Telecom Shanghai\n"))));
  EXPECT_THAT(letters_.Handled(ReplyLanguage::kChinese, "nowhere", "x"),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(ReplyLettersTest, R7_ForwardedChineseNamesTheTelecomCompanyAndItsNumber) {
  EXPECT_THAT(letters_.Forwarded(ReplyLanguage::kChinese, "telecom"),
              IsOkAndHolds(Letter{"关于您所反映问题的回复",
                                  "亲爱的用户：\n"
                                  "\n"
                                  "您好！非常抱歉由于您反映的问题不属于我处处理范围，故我处已将您的"
                                  "情况转发至相关部门处理，请您等待相关部门的处理结果，如有需要欢迎"
                                  "再来信。相关部门为中国电信上海公司，对外咨询电话：10000。\n"
                                  "\n"
                                  "谢谢您的配合，我们将尽力为您提供优质的服务。\n"}));
}

TEST_F(ReplyLettersTest, R7_ForwardedEnglishNamesTheTelecomCompanyAndItsNumber) {
  EXPECT_THAT(letters_.Forwarded(ReplyLanguage::kEnglish, "telecom"),
              IsOkAndHolds(Letter{"Reply to the problem you reported",
                                  "Dear Customer,\n"
                                  "\n"
                                  "Hello! We are very sorry, but the problem you reported is "
                                  "outside the scope of our office, so we have forwarded it to the "
                                  "relevant department for handling. Please wait for that "
                                  "department's response, and do write to us again if you need to. "
                                  "The relevant department is China Telecom Shanghai: you can call "
                                  "it on 10000.\n"
                                  "\n"
                                  "Thank you for your cooperation. We will do our best to provide "
                                  "you with quality service.\n"}));
}

TEST_F(ReplyLettersTest, R7_ForwardedToAUnitGivesItsPhoneAndMailbox) {
  EXPECT_THAT(letters_.Forwarded(ReplyLanguage::kChinese, "broadband"),
              IsOkAndHolds(Field(
                  &Letter::text,
                  ::testing::HasSubstr("如有需要欢迎再来信。相关部门为宽带业务中心，对外咨询电话："
                                       "021-50000010，信箱：broadband@internet.example.cn。\n"))));
  EXPECT_THAT(letters_.Forwarded(ReplyLanguage::kEnglish, "broadband"),
              IsOkAndHolds(Field(
                  &Letter::text,
                  ::testing::HasSubstr("if you need to. The relevant department is Broadband "
                                       "Business Center: you can call it on 021-50000010 or write "
                                       "to broadband@internet.example.cn.\n"))));
  // Without a mailbox, only the phone.
  EXPECT_THAT(letters_.Forwarded(ReplyLanguage::kChinese, "portal"),
              IsOkAndHolds(
                  Field(&Letter::text, ::testing::HasSubstr("相关部门为信息港子公司，对外咨询电话："
                                                            "021-50000030。\n"))));
  EXPECT_THAT(letters_.Forwarded(ReplyLanguage::kChinese, "nowhere"),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(ReplyLettersTest, R7_ForwardedWithoutAnyKnownContactLeavesTheSentenceOut) {
  EXPECT_EQ(
      ForwardedLetter(ReplyLanguage::kChinese, {}).text,
      "亲爱的用户：\n"
      "\n"
      "您好！非常抱歉由于您反映的问题不属于我处处理范围，故我处已将您的情况转发至相关部门处理，"
      "请您等待相关部门的处理结果，如有需要欢迎再来信。\n"
      "\n"
      "谢谢您的配合，我们将尽力为您提供优质的服务。\n");
  EXPECT_EQ(ForwardedLetter(ReplyLanguage::kEnglish, {"Billing", "", "bills@example.cn"}).text,
            "Dear Customer,\n"
            "\n"
            "Hello! We are very sorry, but the problem you reported is outside the scope of our "
            "office, so we have forwarded it to the relevant department for handling. Please wait "
            "for that department's response, and do write to us again if you need to. The "
            "relevant department is Billing: you can write to it at bills@example.cn.\n"
            "\n"
            "Thank you for your cooperation. We will do our best to provide you with quality "
            "service.\n");
}

TEST_F(ReplyLettersTest, R7_CannotForwardChineseAdvisesCalling10000OrWritingAgain) {
  EXPECT_EQ(letters_.CannotForward(ReplyLanguage::kChinese),
            (Letter{"关于您所反映问题的回复",
                    "亲爱的用户：\n"
                    "\n"
                    "您好！非常抱歉由于您反映的问题不属于我处处理范围，而您也未提供设备号、联系方式"
                    "等相关必要的资料，故我处无法将您的问题转至相关部门处理，建议您可直接拨打电信"
                    "10000号咨询，或再来信告知您的详细资料，我处非常乐意为您转达您的问题。谢谢您的"
                    "配合，我们将尽力为您提供优质的服务。\n"}));
}

TEST_F(ReplyLettersTest, R7_CannotForwardEnglish) {
  EXPECT_EQ(
      letters_.CannotForward(ReplyLanguage::kEnglish),
      (Letter{"Reply to the problem you reported",
              "Dear Customer,\n"
              "\n"
              "Hello! We are very sorry, but the problem you reported is outside the scope of "
              "our office, and as you did not provide the necessary details such as your "
              "device number and contact information, we are unable to pass it on to the "
              "relevant department. We suggest that you call China Telecom on 10000 "
              "directly, or write to us again with your details; we will be very glad to "
              "pass your problem on for you. Thank you for your cooperation. We will do our "
              "best to provide you with quality service.\n"}));
}

TEST_F(ReplyLettersTest, R7_CannotForwardUsesTheConfiguredNumberOr10000) {
  EXPECT_THAT(CannotForwardLetter(ReplyLanguage::kChinese, "10001").text,
              ::testing::HasSubstr("拨打电信10001号咨询"));
  common::UnitInfo desk;
  desk.id = "desk";
  desk.name = "desk";
  desk.designated = true;
  common::UnitDirectory no_number = *common::UnitDirectory::Create(
      {desk}, {"中国电信上海公司", "", "dispatch@telecom.example.cn", ""});
  EXPECT_THAT(ReplyLetters(no_number).CannotForward(ReplyLanguage::kChinese).text,
              ::testing::HasSubstr("拨打电信10000号咨询"));
}

}  // namespace
}  // namespace cs::routing
