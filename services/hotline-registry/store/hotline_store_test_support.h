// Values for the hotline registry's store tests: hotlines as form F1 files them, changes, call
// records, staff, scores, request keys and times in Shanghai, and field-by-field comparisons for
// the domain types without operator==. Header-only; tests only.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_STORE_HOTLINE_STORE_TEST_SUPPORT_H_
#define CS_SERVICES_HOTLINE_REGISTRY_STORE_HOTLINE_STORE_TEST_SUPPORT_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/hash/sha256.h"
#include "common/time/calendar_testing.h"
#include "gtest/gtest.h"
#include "services/hotline-registry/store/hotline_stores.h"

namespace cs::hotline::testing {

using common::testing::ShanghaiTime;
using common::testing::ShanghaiTimeZone;

// A request key whose fingerprint is the SHA-256 of `body`.
inline RequestKey Key(std::string request_id, const std::string& body = "body") {
  return {std::move(request_id), common::Sha256Hex(body)};
}

inline ServiceHours OfficeHours() {
  ServiceHours hours;
  for (int day = 1; day <= 5; ++day) {
    hours.periods.push_back({day, 9 * 60, 12 * 60});
    hours.periods.push_back({day, 13 * 60, 17 * 60 + 30});
  }
  hours.on_public_holidays = HolidayBehaviour::kClosed;
  return hours;
}

// A hotline as form F1 files it: PENDING_SIGNATURE, its number and hours those of the form, one
// FILED history entry.
inline Hotline Registered(const std::string& unit = "broadband",
                          const std::string& number = "021-5888 1234",
                          absl::Time filed = ShanghaiTime(2026, 3, 2, 10, 0)) {
  RegistrationForm form;
  form.unit_id = unit;
  form.filed_at = filed;
  form.number = number;
  form.service_hours = OfficeHours();
  form.established_on = ShanghaiTime(2020, 1, 6, 0, 0);
  form.audience = "宽带用户";
  form.description = "宽带故障报修与业务咨询";
  form.charges = "免费";
  form.staffing = "12 人, 两班";
  form.contact_a = {"张三", "021-5888 0001", "zhang@example.com"};
  form.contact_b = {"李四", "13800000002", ""};
  form.handler = "王五";
  form.remarks = "";
  Hotline hotline;
  hotline.unit_id = unit;
  hotline.state = HotlineState::kPendingSignature;
  hotline.number = number;
  hotline.service_hours = form.service_hours;
  hotline.registration = std::move(form);
  hotline.history.push_back({1, filed, "clerk-1", "FILED", ""});
  hotline.updated_at = filed;
  return hotline;
}

// Appends a history entry numbered after the last.
inline void Record(Hotline& hotline, absl::Time at, const std::string& event,
                   const std::string& detail = "") {
  hotline.history.push_back(
      {static_cast<int>(hotline.history.size()) + 1, at, "actor", event, detail});
  hotline.updated_at = at;
}

// A change of `item` taking effect at `change_at`, in `state`, without an id.
inline HotlineChange Change(ChangeItem item, absl::Time change_at, ChangeState state,
                            absl::Time filed = ShanghaiTime(2026, 3, 3, 9, 0)) {
  HotlineChange change;
  change.state = state;
  ChangeForm& form = change.form;
  form.unit_id = "broadband";
  form.filed_at = filed;
  form.number = "021-5888 1234";
  form.change_at = change_at;
  form.item = item;
  form.reason = "号段调整";
  form.handler = "王五";
  if (item == ChangeItem::kNumberChange) {
    form.new_number = "021-6000 0000";
    form.transition_kind = TransitionKind::kAutomaticTransfer;
    form.transition_ends_at = change_at + absl::Hours(24 * 92);
  }
  if (item == ChangeItem::kServiceHours) {
    ServiceHours hours;
    hours.around_the_clock = true;
    form.service_hours = hours;
  }
  return change;
}

inline CallRecord Call(int64_t hotline_id, std::string call_id, absl::Time offered_at,
                       bool answered = true, bool within_hours = true) {
  CallRecord record;
  record.hotline_id = hotline_id;
  record.call_id = std::move(call_id);
  record.offered_at = offered_at;
  record.outcome = answered ? CallOutcome::kAnswered : CallOutcome::kAbandoned;
  record.wait_seconds = answered ? 12 : 45;
  record.agent_staff_number = answered ? "A01" : "";
  record.within_service_hours = within_hours;
  return record;
}

inline IncomingCall Incoming(CallRecord record, bool hotline_active = true) {
  return {std::move(record), hotline_active};
}

inline StaffMember Staff(const std::string& unit, const std::string& number,
                         std::vector<TrainingSubject> subjects = {}) {
  StaffMember staff;
  staff.unit_id = unit;
  staff.staff_number = number;
  staff.name = absl::StrCat("话务员", number);
  for (TrainingSubject subject : subjects) {
    staff.trainings.push_back({subject, ShanghaiTime(2026, 1, 5, 9, 0), "培训中心"});
  }
  return staff;
}

inline PhraseScore Score(int64_t hotline_id, const std::string& call_id, int required, int used,
                         absl::Time scored_at) {
  PhraseScore score;
  score.hotline_id = hotline_id;
  score.call_id = call_id;
  score.agent_staff_number = "A01";
  for (int s = 1; s <= 7; ++s) {
    const bool is_required = s <= required;
    score.situations.push_back({static_cast<Situation>(s), is_required, is_required && s <= used,
                                is_required && s > used ? "未使用规范用语" : ""});
  }
  score.required = required;
  score.used = used;
  score.score_percent = required == 0 ? 100.0 : 100.0 * used / required;
  score.scored_at = scored_at;
  return score;
}

// --- comparisons --------------------------------------------------------------------------------

inline void ExpectSameHotline(const Hotline& actual, const Hotline& expected) {
  EXPECT_EQ(actual.id, expected.id);
  EXPECT_EQ(actual.unit_id, expected.unit_id);
  EXPECT_EQ(actual.state, expected.state);
  EXPECT_EQ(actual.number, expected.number);
  EXPECT_EQ(actual.service_hours, expected.service_hours);
  EXPECT_EQ(actual.registration, expected.registration);
  EXPECT_EQ(actual.approval, expected.approval);
  EXPECT_EQ(actual.changes, expected.changes);
  EXPECT_EQ(actual.transitions, expected.transitions);
  EXPECT_EQ(actual.history, expected.history);
  EXPECT_EQ(actual.updated_at, expected.updated_at);
  EXPECT_EQ(actual.version, expected.version);
}

inline void ExpectSameScore(const PhraseScore& actual, const PhraseScore& expected) {
  EXPECT_EQ(actual.hotline_id, expected.hotline_id);
  EXPECT_EQ(actual.call_id, expected.call_id);
  EXPECT_EQ(actual.agent_staff_number, expected.agent_staff_number);
  ASSERT_EQ(actual.situations.size(), expected.situations.size());
  for (size_t i = 0; i < actual.situations.size(); ++i) {
    EXPECT_EQ(actual.situations[i].situation, expected.situations[i].situation) << i;
    EXPECT_EQ(actual.situations[i].required, expected.situations[i].required) << i;
    EXPECT_EQ(actual.situations[i].used, expected.situations[i].used) << i;
    EXPECT_EQ(actual.situations[i].detail, expected.situations[i].detail) << i;
  }
  EXPECT_EQ(actual.required, expected.required);
  EXPECT_EQ(actual.used, expected.used);
  EXPECT_EQ(actual.score_percent, expected.score_percent);  // kept exactly
  EXPECT_EQ(actual.scored_at, expected.scored_at);
  ASSERT_EQ(actual.mandarin.has_value(), expected.mandarin.has_value());
  if (actual.mandarin.has_value()) {
    EXPECT_EQ(actual.mandarin->standard, expected.mandarin->standard);
    EXPECT_EQ(actual.mandarin->reviewer, expected.mandarin->reviewer);
    EXPECT_EQ(actual.mandarin->reviewed_at, expected.mandarin->reviewed_at);
    EXPECT_EQ(actual.mandarin->note, expected.mandarin->note);
  }
}

inline void ExpectSameSubmission(const ReportSubmission& actual, const ReportSubmission& expected) {
  EXPECT_EQ(actual.hotline_id, expected.hotline_id);
  EXPECT_EQ(actual.month, expected.month);
  EXPECT_EQ(actual.submitted_by, expected.submitted_by);
  EXPECT_EQ(actual.submitted_at, expected.submitted_at);
  EXPECT_EQ(actual.remarks, expected.remarks);
  EXPECT_EQ(actual.on_time, expected.on_time);
}

}  // namespace cs::hotline::testing

#endif  // CS_SERVICES_HOTLINE_REGISTRY_STORE_HOTLINE_STORE_TEST_SUPPORT_H_
