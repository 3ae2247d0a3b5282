// 服务时间 of form F3 (SPEC C1, C5; A3 7.5.3): the text a unit writes for the hours its channel
// serves and how often its staff look at it — the seed's example is "7*24 小时每天 2 次" — read
// into a ServiceTime. Pure functions; thread-safe.
//
// Grammar (after normalisation):
//   service_time := hours frequency
//   hours        := "7*24" ["小时"]             around the clock (7×24)
//                 | "工作时间" | "工作日"          the company's working hours on the calendar
//   frequency    := "每天" count "次"
//   count        := ASCII digits, value 1..48
//                 | Chinese numerals 一 二 两 三 四 五 六 七 八 九 十 ("两", "十二", "二十四"),
//                   value 1..48
// Normalisation: full-width forms become their ASCII letters and digits ("７＊２４" is "7*24"), the
// multiplication sign "×" and the letters "x" / "X" read as "*", and spaces (ASCII or ideographic),
// tabs and the punctuation , ， 、 。 ; ； are ignored wherever they stand. So "7*24小时每天2次",
// "7×24小时，每天两次", "7x24 每天 2 次" and "工作时间每天3次" are accepted; anything else is not.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_DOMAIN_SERVICE_TIME_H_
#define CS_SERVICES_CHANNEL_REGISTRY_DOMAIN_SERVICE_TIME_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/channel-registry/domain/channel.h"

namespace cs::channel {

// The most checks a day a form may name (every half hour around the clock).
inline constexpr int kMaxChecksPerDay = 48;

// The ServiceTime `text` names (grammar above). INVALID_ARGUMENT naming `field` (the caller's path,
// e.g. "form.service_time") with a message showing the accepted forms for empty, malformed or
// non-UTF-8 text, or a count outside 1..kMaxChecksPerDay.
absl::StatusOr<ServiceTime> ParseServiceTime(absl::string_view text, absl::string_view field);

// The canonical text of `service_time`: "7×24小时每天2次" or "工作时间每天3次"; ParseServiceTime
// reads it back to the same value.
std::string DescribeServiceTime(const ServiceTime& service_time);

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_DOMAIN_SERVICE_TIME_H_
