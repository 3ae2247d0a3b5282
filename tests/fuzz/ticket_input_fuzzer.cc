// Fuzzes the intake ticket validator (services/intake/domain/ticket_validation.h), which guards
// CreateTicket and UpdateTicket against whatever a client sends: fields of arbitrary bytes, enum
// numbers outside the enums, any Timestamp, the shipped units. A ticket it passes must keep the
// promises the rest of intake relies on — every text valid UTF-8 within its limit and one-line
// fields without line breaks (form F4 prints each on its own line), a phone-like device number —
// and CheckForwardable answers OK only with all four required elements present.
#include <cstdint>
#include <string>

#include "absl/strings/ascii.h"
#include "common/config/units_file.h"
#include "common/text/utf8.h"
#include "services/intake/domain/ticket_validation.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

using cs::intake::TextLimits;
using cs::intake::TicketInput;

const cs::common::UnitDirectory& ShippedUnits() {
  static const cs::common::UnitDirectory* const units = [] {
    absl::StatusOr<cs::common::UnitDirectory> loaded = cs::common::config::LoadUnitDirectory(
        cs::fuzz::SourcePath("deploy/config/units.textproto"));
    cs::fuzz::Require(loaded.ok(), "deploy/config/units.textproto loads");
    return new cs::common::UnitDirectory(*std::move(loaded));
  }();
  return *units;
}

// Text as clients send it: often a plausible value (so validation passes and the checks after it
// run), otherwise arbitrary bytes.
std::string ConsumeField(FuzzedDataProvider& fdp, size_t max_bytes) {
  static constexpr const char* kPlausible[] = {"",
                                               "张三",
                                               "021-5000 0000",
                                               "+86 (21) 50000000",
                                               "13800000000",
                                               "200000",
                                               "user@example.cn",
                                               "宽带无法上网，已重启光猫",
                                               "line one\nline two",
                                               "  ",
                                               "\t"};
  if (fdp.ConsumeBool()) return fdp.PickValueInArray(kPlausible);
  return cs::fuzz::ConsumeText(fdp, max_bytes);
}

bool FitsText(const std::string& value, int max_chars) {
  const int64_t length = cs::common::Utf8Length(value);
  return length >= 0 && length <= max_chars;
}

bool OneLine(const std::string& value) { return value.find_first_of("\r\n") == std::string::npos; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const cs::common::UnitDirectory& units = ShippedUnits();
  FuzzedDataProvider fdp(data, size);
  TicketInput input;
  input.unit_id =
      fdp.ConsumeBool()
          ? units.units()[fdp.ConsumeIntegralInRange<size_t>(0, units.units().size() - 1)].id
          : cs::fuzz::ConsumeText(fdp, 40);
  input.kind = static_cast<cs::intake::TicketKind>(fdp.ConsumeIntegralInRange<int>(-1, 5));
  input.channel = static_cast<cs::intake::Channel>(fdp.ConsumeIntegralInRange<int>(-1, 8));
  input.reply_channel =
      static_cast<cs::intake::ReplyChannel>(fdp.ConsumeIntegralInRange<int>(-1, 7));
  input.special_request = fdp.ConsumeBool();
  if (fdp.ConsumeBool()) input.complained_at = cs::fuzz::ConsumeTime(fdp);
  const absl::Time now = cs::fuzz::ConsumeTime(fdp);
  input.special_request_note = ConsumeField(fdp, 600);
  input.device_number = ConsumeField(fdp, 48);
  input.contact_phone = ConsumeField(fdp, 48);
  input.contact_person = ConsumeField(fdp, 120);
  input.user_number = ConsumeField(fdp, 48);
  input.user_name = ConsumeField(fdp, 120);
  input.company = ConsumeField(fdp, 120);
  input.address = ConsumeField(fdp, 320);
  input.postal_code = ConsumeField(fdp, 8);
  input.email = ConsumeField(fdp, 300);
  input.handler = ConsumeField(fdp, 120);
  input.processor = ConsumeField(fdp, 120);
  input.reviewer = ConsumeField(fdp, 120);
  input.business_line = ConsumeField(fdp, 48);
  input.problem = fdp.ConsumeRemainingBytesAsString();

  const cs::common::FieldViolations violations = cs::intake::ValidateTicketInput(input, units, now);
  if (violations.empty()) {
    cs::fuzz::Require(units.Contains(input.unit_id), "a valid ticket names a known unit");
    cs::fuzz::Require(FitsText(input.problem, TextLimits::kProblem) &&
                          FitsText(input.special_request_note, TextLimits::kNote),
                      "multi-line texts are UTF-8 within their limits");
    for (const std::string* one_line :
         {&input.contact_person, &input.user_number, &input.user_name, &input.company,
          &input.address, &input.handler, &input.processor, &input.reviewer, &input.business_line,
          &input.device_number, &input.contact_phone, &input.postal_code, &input.email}) {
      cs::fuzz::Require(FitsText(*one_line, TextLimits::kAddress) && OneLine(*one_line),
                        "one-line fields are UTF-8 without line breaks");
    }
  }
  const absl::Status forwardable = cs::intake::CheckForwardable(input);
  cs::fuzz::RequireOkOrInvalidArgument(forwardable, "CheckForwardable");
  if (forwardable.ok()) {
    for (const std::string* required :
         {&input.problem, &input.device_number, &input.contact_phone, &input.contact_person}) {
      cs::fuzz::Require(!absl::StripAsciiWhitespace(*required).empty(),
                        "a forwardable ticket has every required element");
    }
  }
  return 0;
}
