// Form F4 of the regulation, the quality-supervision phone record (质量监督电话记录表, form
// HLWB/F/JL/D/0/SC-013-2009), rendered as plain text. Intake renders live tickets with it and the
// archive renders archived records (SPEC I3, V6), so both print the same form. Pure; thread-safe.
#ifndef CS_COMMON_FORMS_F4_FORM_H_
#define CS_COMMON_FORMS_F4_FORM_H_

#include <cstdint>
#include <string>

#include "absl/time/time.h"
#include "absl/types/optional.h"

namespace cs::common {

// The fields of the form. Times are rendered in `time_zone`; absent ones print as blanks.
struct F4Record {
  int64_t overall_serial = 0;
  std::string month_serial;  // e.g. "2026-11 / 42"
  std::string user_number;
  std::string user_name;
  std::string contact_phone;
  std::string company;
  std::string address;
  std::string postal_code;
  absl::optional<absl::Time> complained_at;
  absl::optional<absl::Time> forwarded_at;
  absl::optional<absl::Time> handling_deadline;
  std::string handling_department;
  absl::optional<absl::Time> replied_to_user_at;
  absl::optional<absl::Time> callback_at;
  std::string handler;
  std::string complaint_text;
  std::string processor;
  std::string reviewer;
};

// The form as UTF-8 text: Chinese labels with their English gloss, one field per line, the
// complaint text indented as a block. Deterministic for a given record and zone.
std::string RenderF4Form(const F4Record& record, absl::TimeZone time_zone);

}  // namespace cs::common

#endif  // CS_COMMON_FORMS_F4_FORM_H_
