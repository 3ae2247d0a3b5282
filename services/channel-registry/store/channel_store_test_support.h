// Values for the channel registry's store tests: channels as form F3 files them, unfiled reports,
// faults, checks, samples, request keys and times in Shanghai, and a field-by-field comparison of
// OnlineChannel (which has no operator==). Header-only; tests only.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_STORE_CHANNEL_STORE_TEST_SUPPORT_H_
#define CS_SERVICES_CHANNEL_REGISTRY_STORE_CHANNEL_STORE_TEST_SUPPORT_H_

#include <cstdint>
#include <string>
#include <utility>

#include "absl/time/time.h"
#include "common/hash/sha256.h"
#include "common/time/calendar_testing.h"
#include "gtest/gtest.h"
#include "services/channel-registry/store/channel_stores.h"

namespace cs::channel::testing {

using common::testing::ShanghaiTime;

// A request key whose fingerprint is the SHA-256 of `body`.
inline RequestKey Key(std::string request_id, const std::string& body = "body") {
  return {std::move(request_id), common::Sha256Hex(body)};
}

// Form F3 of a webmaster mailbox of `unit` at `address`.
inline FilingForm Form(const std::string& unit = "broadband",
                       const std::string& address = "webmaster@broadband.example.cn",
                       absl::Time filed = ShanghaiTime(2026, 3, 2, 10, 0)) {
  FilingForm form;
  form.unit_id = unit;
  form.filed_at = filed;
  form.implementation = "Webmaster 信箱";
  form.kind = ChannelKind::kEmail;
  form.purposes = {ChannelPurpose::kConsultation, ChannelPurpose::kComplaint};
  form.business_scope = "宽带业务咨询与申诉";
  form.address = address;
  form.capacity = "2 GB";
  form.service_time = "7*24小时每天2次";
  form.staffing = Staffing::kDedicated;
  form.assigned_staff = {"张三", "S-002"};
  form.contact = {"李四", "021-5888 0001", "lisi@example.com"};
  form.remarks = "";
  form.foreign_use_heavy = false;
  form.languages = {"zh"};
  return form;
}

// A channel as filed: FILED, one form version, one FILED history entry.
inline OnlineChannel Filed(const std::string& unit = "broadband",
                           const std::string& address = "webmaster@broadband.example.cn",
                           absl::Time filed = ShanghaiTime(2026, 3, 2, 10, 0)) {
  OnlineChannel channel;
  channel.unit_id = unit;
  channel.state = ChannelState::kFiled;
  channel.form_versions.push_back(Form(unit, address, filed));
  channel.service_time = {true, 2};
  channel.next_check_due = filed + absl::Hours(12);
  channel.history.push_back({1, filed, "clerk-1", "FILED", ""});
  channel.updated_at = filed;
  return channel;
}

// Appends a history entry numbered after the last.
inline void Record(OnlineChannel& channel, absl::Time at, const std::string& event,
                   const std::string& detail = "") {
  channel.history.push_back(
      {static_cast<int>(channel.history.size()) + 1, at, "actor", event, detail});
  channel.updated_at = at;
}

inline UnfiledChannel Unfiled(const std::string& unit, const std::string& address,
                              absl::Time reported = ShanghaiTime(2026, 3, 1, 9, 0)) {
  UnfiledChannel report;
  report.unit_id = unit;
  report.kind = ChannelKind::kGuestbook;
  report.address = address;
  report.finding = "留言簿在用但未报备";
  report.reported_by = "cs-center-1";
  report.reported_at = reported;
  return report;
}

inline Fault FaultOf(int64_t channel_id, absl::Time opened, const std::string& unit = "broadband") {
  Fault fault;
  fault.channel_id = channel_id;
  fault.unit_id = unit;
  fault.origin = FaultOrigin::kReported;
  fault.description = "信箱无法登录";
  fault.opened_at = opened;
  fault.opened_by = "clerk-1";
  fault.repair_due = opened + absl::Hours(24);
  return fault;
}

inline Check CheckOf(int64_t channel_id, absl::Time at, int new_complaints = 1) {
  Check check;
  check.channel_id = channel_id;
  check.checked_at = at;
  check.checked_by = "张三";
  check.new_complaints = new_complaints;
  check.recorded_by = "clerk-1";
  check.next_due = at + absl::Hours(12);
  check.late = false;
  return check;
}

inline UsageSample Sample(int64_t channel_id, absl::Time at, int64_t used,
                          int64_t capacity = 1000) {
  return {channel_id, at, used, capacity};
}

inline void ExpectSameChannel(const OnlineChannel& actual, const OnlineChannel& expected) {
  EXPECT_EQ(actual.id, expected.id);
  EXPECT_EQ(actual.unit_id, expected.unit_id);
  EXPECT_EQ(actual.state, expected.state);
  EXPECT_EQ(actual.form_versions, expected.form_versions);
  EXPECT_EQ(actual.service_time, expected.service_time);
  EXPECT_EQ(actual.acknowledged_at, expected.acknowledged_at);
  EXPECT_EQ(actual.acknowledged_by, expected.acknowledged_by);
  EXPECT_EQ(actual.findings, expected.findings);
  EXPECT_EQ(actual.publication, expected.publication);
  EXPECT_EQ(actual.last_checked_at, expected.last_checked_at);
  EXPECT_EQ(actual.next_check_due, expected.next_check_due);
  EXPECT_EQ(actual.history, expected.history);
  EXPECT_EQ(actual.updated_at, expected.updated_at);
  EXPECT_EQ(actual.version, expected.version);
}

}  // namespace cs::channel::testing

#endif  // CS_SERVICES_CHANNEL_REGISTRY_STORE_CHANNEL_STORE_TEST_SUPPORT_H_
