#include "services/routing/domain/reply_letters.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace cs::routing {
namespace {

// The A6 wording. Chinese follows the seed word for word, with full-width punctuation (the seed's
// text mixes in half-width marks from its conversion) and "已" for the seed's typo "己".
constexpr absl::string_view kSubjectZh = "关于您所反映问题的回复";
constexpr absl::string_view kSubjectEn = "Reply to the problem you reported";
constexpr absl::string_view kGreetingZh = "亲爱的用户：";
constexpr absl::string_view kGreetingEn = "Dear Customer,";

constexpr absl::string_view kHandledOpeningZh = "您好！非常感谢您使用我公司提供的服务。";
constexpr absl::string_view kHandledOpeningEn =
    "Hello! Thank you very much for using the services of our company.";
constexpr absl::string_view kHandledClosingZh = "再次感谢您的配合，我们将尽力为您提供优质的服务。";
constexpr absl::string_view kHandledClosingEn =
    "Thank you again for your cooperation. We will do our best to provide you with quality "
    "service.";

constexpr absl::string_view kForwardedBodyZh =
    "您好！非常抱歉由于您反映的问题不属于我处处理范围，故我处已将您的情况转发至相关部门处理，"
    "请您等待相关部门的处理结果，如有需要欢迎再来信。";
constexpr absl::string_view kForwardedBodyEn =
    "Hello! We are very sorry, but the problem you reported is outside the scope of our office, so "
    "we have forwarded it to the relevant department for handling. Please wait for that "
    "department's response, and do write to us again if you need to.";
constexpr absl::string_view kClosingZh = "谢谢您的配合，我们将尽力为您提供优质的服务。";
constexpr absl::string_view kClosingEn =
    "Thank you for your cooperation. We will do our best to provide you with quality service.";

std::string Trimmed(absl::string_view text) {
  return std::string(absl::StripAsciiWhitespace(text));
}

// The sentence that tells the user who the relevant department is and how to reach it.
std::string ContactSentence(ReplyLanguage language, const ForwardedDepartment& department) {
  const std::string name = Trimmed(department.name);
  const std::string phone = Trimmed(department.phone);
  const std::string email = Trimmed(department.email);
  if (name.empty() && phone.empty() && email.empty()) return "";
  if (language == ReplyLanguage::kEnglish) {
    std::string sentence =
        absl::StrCat(" The relevant department is ", name.empty() ? "the department above" : name);
    if (!phone.empty() && !email.empty()) {
      absl::StrAppend(&sentence, ": you can call it on ", phone, " or write to ", email);
    } else if (!phone.empty()) {
      absl::StrAppend(&sentence, ": you can call it on ", phone);
    } else if (!email.empty()) {
      absl::StrAppend(&sentence, ": you can write to it at ", email);
    }
    return absl::StrCat(sentence, ".");
  }
  std::string sentence = absl::StrCat("相关部门为", name.empty() ? "上述部门" : name);
  if (!phone.empty()) absl::StrAppend(&sentence, "，对外咨询电话：", phone);
  if (!email.empty()) absl::StrAppend(&sentence, "，信箱：", email);
  return absl::StrCat(sentence, "。");
}

}  // namespace

Letter HandledLetter(ReplyLanguage language, absl::string_view signature,
                     absl::string_view handling_result) {
  const bool english = language == ReplyLanguage::kEnglish;
  Letter letter;
  letter.subject = std::string(english ? kSubjectEn : kSubjectZh);
  letter.text = absl::StrCat(
      english ? kGreetingEn : kGreetingZh, "\n\n", english ? kHandledOpeningEn : kHandledOpeningZh,
      "\n\n", Trimmed(handling_result), "\n\n", english ? kHandledClosingEn : kHandledClosingZh,
      "\n\n", Trimmed(signature), "\n");
  return letter;
}

Letter ForwardedLetter(ReplyLanguage language, const ForwardedDepartment& department) {
  const bool english = language == ReplyLanguage::kEnglish;
  Letter letter;
  letter.subject = std::string(english ? kSubjectEn : kSubjectZh);
  letter.text = absl::StrCat(
      english ? kGreetingEn : kGreetingZh, "\n\n", english ? kForwardedBodyEn : kForwardedBodyZh,
      ContactSentence(language, department), "\n\n", english ? kClosingEn : kClosingZh, "\n");
  return letter;
}

Letter CannotForwardLetter(ReplyLanguage language, absl::string_view hotline) {
  Letter letter;
  if (language == ReplyLanguage::kEnglish) {
    letter.subject = std::string(kSubjectEn);
    letter.text = absl::StrCat(
        kGreetingEn, "\n\n",
        "Hello! We are very sorry, but the problem you reported is outside the scope of our "
        "office, and as you did not provide the necessary details such as your device number and "
        "contact information, we are unable to pass it on to the relevant department. We suggest "
        "that you call China Telecom on ",
        hotline,
        " directly, or write to us again with your details; we will be very glad to pass your "
        "problem on for you. ",
        kClosingEn, "\n");
    return letter;
  }
  letter.subject = std::string(kSubjectZh);
  letter.text = absl::StrCat(
      kGreetingZh, "\n\n",
      "您好！非常抱歉由于您反映的问题不属于我处处理范围，而您也未提供设备号、联系方式等相关必要的"
      "资料，故我处无法将您的问题转至相关部门处理，建议您可直接拨打电信",
      hotline, "号咨询，或再来信告知您的详细资料，我处非常乐意为您转达您的问题。", kClosingZh,
      "\n");
  return letter;
}

absl::StatusOr<Letter> ReplyLetters::Handled(ReplyLanguage language, absl::string_view unit_id,
                                             absl::string_view handling_result) const {
  const common::UnitInfo* unit = units_.Find(unit_id);
  if (unit == nullptr) return absl::NotFoundError(absl::StrCat("no unit ", unit_id));
  const common::TelecomCompanyInfo& company = units_.telecom_company();
  std::string signature;
  if (language == ReplyLanguage::kEnglish) {
    const std::string& unit_name = unit->name_en.empty() ? unit->name : unit->name_en;
    const std::string& company_name = company.name_en.empty() ? company.name : company.name_en;
    signature = absl::StrCat(unit_name, ", ", company_name);
  } else {
    signature = absl::StrCat(company.name, unit->name);
  }
  return HandledLetter(language, signature, handling_result);
}

absl::StatusOr<Letter> ReplyLetters::Forwarded(ReplyLanguage language,
                                               absl::string_view department_id) const {
  const bool english = language == ReplyLanguage::kEnglish;
  ForwardedDepartment department;
  if (department_id == kTelecomUnitId) {
    const common::TelecomCompanyInfo& company = units_.telecom_company();
    department.name = english && !company.name_en.empty() ? company.name_en : company.name;
    department.phone = company.contact_phone;
    // The dispatch address is the company's internal intake, not a public mailbox: not for users.
  } else {
    const common::UnitInfo* unit = units_.Find(department_id);
    if (unit == nullptr) return absl::NotFoundError(absl::StrCat("no unit ", department_id));
    department.name = english && !unit->name_en.empty() ? unit->name_en : unit->name;
    for (const common::UnitContactInfo& contact : unit->contacts) {
      if (contact.phone.empty() && contact.email.empty()) continue;
      department.phone = contact.phone;
      department.email = contact.email;
      break;
    }
  }
  return ForwardedLetter(language, department);
}

Letter ReplyLetters::CannotForward(ReplyLanguage language) const {
  const std::string& phone = units_.telecom_company().contact_phone;
  return CannotForwardLetter(language, phone.empty() ? "10000" : phone);
}

}  // namespace cs::routing
