// The reply texts of SPEC R7: the three standard email formats of A6 (《EMAIL 申诉回复标准格式》),
// in Chinese (the seed's wording) and English, filled from the ticket and the units directory. The
// free functions render one format from plain values; ReplyLetters looks the names and contacts up.
// Pure and immutable: thread-safe.
#ifndef CS_SERVICES_ROUTING_DOMAIN_REPLY_LETTERS_H_
#define CS_SERVICES_ROUTING_DOMAIN_REPLY_LETTERS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/units/unit_directory.h"
#include "services/routing/domain/routed_ticket.h"

namespace cs::routing {

struct Letter {
  std::string subject;
  std::string text;

  friend bool operator==(const Letter&, const Letter&) = default;
};

// The department a format-2 letter says the problem was forwarded to, and its public contact where
// known (A6: "如知道相关部门的对外咨询电话或信箱应主动告知用户"). Empty parts are left out.
struct ForwardedDepartment {
  std::string name;
  std::string phone;
  std::string email;
};

// Format 1, in the unit's scope (属本单位处理范围): greeting, thanks, the handling result, closing,
// and the signature (e.g. "中国电信上海公司宽带业务中心").
Letter HandledLetter(ReplyLanguage language, absl::string_view signature,
                     absl::string_view handling_result);

// Format 2, out of scope, forwarded (不属本单位处理范围，资料齐全), naming the department and its
// contact when known.
Letter ForwardedLetter(ReplyLanguage language, const ForwardedDepartment& department);

// Format 3, out of scope and no device number or contact given (用户未提供任何相关资料): advise
// calling `hotline` (10000) or writing again.
Letter CannotForwardLetter(ReplyLanguage language, absl::string_view hotline);

// The letters of one deployment, with names and contacts from the units directory and the telecom
// company's entry.
class ReplyLetters final {
 public:
  // `units` must outlive this object.
  explicit ReplyLetters(const common::UnitDirectory& units) : units_(units) {}

  // Format 1 signed by the company and unit `unit_id` (English names in English, falling back to
  // the Chinese ones). NOT_FOUND naming the unit when it is unknown.
  absl::StatusOr<Letter> Handled(ReplyLanguage language, absl::string_view unit_id,
                                 absl::string_view handling_result) const;

  // Format 2 naming `department_id` — a unit id (its first contact with a phone or email) or
  // "telecom" (the telecom company and its public number). NOT_FOUND naming it when it is unknown.
  absl::StatusOr<Letter> Forwarded(ReplyLanguage language, absl::string_view department_id) const;

  // Format 3 with the telecom company's public number ("10000" when none is configured).
  Letter CannotForward(ReplyLanguage language) const;

 private:
  const common::UnitDirectory& units_;
};

}  // namespace cs::routing

#endif  // CS_SERVICES_ROUTING_DOMAIN_REPLY_LETTERS_H_
