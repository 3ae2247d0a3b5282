// Fuzzes form F4 (common/forms/f4_form.h), which intake and the archive print for any ticket: a
// record of arbitrary text and any instant a Timestamp can hold, in the zones a deployment uses.
// Every one-line field must appear on its own "label: value" line and every line of the complaint
// in the indented block: the form may not drop or cut what the ticket says.
#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/forms/f4_form.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

absl::optional<absl::Time> ConsumeOptionalTime(FuzzedDataProvider& fdp) {
  if (fdp.ConsumeBool()) return absl::nullopt;
  return cs::fuzz::ConsumeTime(fdp);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider fdp(data, size);
  cs::common::F4Record record;
  record.overall_serial = fdp.ConsumeIntegral<int64_t>();
  record.complained_at = ConsumeOptionalTime(fdp);
  record.forwarded_at = ConsumeOptionalTime(fdp);
  record.handling_deadline = ConsumeOptionalTime(fdp);
  record.replied_to_user_at = ConsumeOptionalTime(fdp);
  record.callback_at = ConsumeOptionalTime(fdp);
  const absl::TimeZone zone = cs::fuzz::ConsumeTimeZone(fdp);
  std::string* const one_line_fields[] = {
      &record.month_serial, &record.user_number, &record.user_name,   &record.contact_phone,
      &record.company,      &record.address,     &record.postal_code, &record.handling_department,
      &record.handler,      &record.processor,   &record.reviewer};
  for (std::string* field : one_line_fields) *field = cs::fuzz::ConsumeText(fdp, 64);
  record.complaint_text = fdp.ConsumeRemainingBytesAsString();

  const std::string form = cs::common::RenderF4Form(record, zone);
  for (const std::string* field : one_line_fields) {
    cs::fuzz::Require(form.find(absl::StrCat(": ", *field, "\n")) != std::string::npos,
                      "every one-line field is on the form");
  }
  for (absl::string_view line : absl::StrSplit(record.complaint_text, '\n')) {
    cs::fuzz::Require(form.find(absl::StrCat("    ", line, "\n")) != std::string::npos,
                      "every line of the complaint is on the form");
  }
  return 0;
}
