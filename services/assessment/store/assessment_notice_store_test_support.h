// Values for the assessment service's notice store tests: rectification notices as issued and the
// steps of their life as plain mutations, maintenance notices and launch reviews as the domain
// files and submits them (request keys, options and times: assessment_store_test_support.h).
// Header-only; tests only.
#ifndef CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_NOTICE_STORE_TEST_SUPPORT_H_
#define CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_NOTICE_STORE_TEST_SUPPORT_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "services/assessment/store/assessment_notice_stores.h"
#include "services/assessment/store/assessment_store_test_support.h"

namespace cs::assessment::testing {

// Appends a history entry numbered after the last, moving updated_at (not the version: the store
// owns it).
template <typename R>
void Record(R& record, std::vector<HistoryEntry>& history, absl::Time at, const std::string& actor,
            const std::string& event, const std::string& detail = "") {
  history.push_back({static_cast<int>(history.size()) + 1, at, actor, event, detail});
  record.updated_at = at;
}

// A notice as IssueNotice leaves it (id 0, version 1), issued at `issued`.
inline RectificationNotice Issued(const std::string& unit = "broadband",
                                  absl::Time issued = ShanghaiTime(2026, 3, 2, 10, 0)) {
  RectificationNotice n;
  n.unit_id = unit;
  n.finding = "网站留言未在规定时限内答复";
  n.clause = "A2 7.5";
  n.evidence = "3 月 1 日抽查 20 条留言, 4 条超过 24 小时未答复";
  n.partner_id = 4;
  n.source_id = "MN-9";
  n.issued_by = "cs-center-1";
  n.issued_at = issued;
  n.state = NoticeState::kIssued;
  n.history.push_back({1, issued, "cs-center-1", "ISSUED", "A2 7.5"});
  n.updated_at = issued;
  n.version = 1;
  return n;
}

inline common::Deadline Due(absl::Time at) { return {at, "2026.1", false}; }

// The unit acknowledges at `at`; the reply is due at `due`.
inline NoticeMutation ReceiveAt(absl::Time at, absl::Time due, int* runs = nullptr) {
  return [=](RectificationNotice& n) {
    if (runs != nullptr) ++*runs;
    n.state = NoticeState::kReceived;
    n.received_at = at;
    n.received_by = "unit-clerk";
    n.reply_due = Due(due);
    Record(n, n.history, at, "unit-clerk", "RECEIVED");
    return absl::OkStatus();
  };
}

inline NoticeMutation ReplyAt(absl::Time at, const std::string& measures = "已安排专人每日答复") {
  return [=](RectificationNotice& n) {
    n.state = NoticeState::kReplied;
    n.replies.push_back(
        {measures, "王经理", "unit-clerk", at, n.reply_due->at, at > n.reply_due->at});
    Record(n, n.history, at, "unit-clerk", "REPLIED");
    return absl::OkStatus();
  };
}

// Verified at `at`: passed, or failed and reopened with the reply due at `new_due`.
inline NoticeMutation VerifyAt(absl::Time at, bool passed, absl::Time new_due = absl::Time()) {
  return [=](RectificationNotice& n) {
    Verification v{passed, passed ? "" : "仍有超时", "cs-center-2", at, absl::nullopt};
    if (!passed) {
      v.new_reply_due = Due(new_due);
      n.reply_due = Due(new_due);
    }
    n.verifications.push_back(v);
    n.state = passed ? NoticeState::kVerifiedPassed : NoticeState::kReopened;
    Record(n, n.history, at, "cs-center-2", passed ? "VERIFIED_PASSED" : "VERIFIED_FAILED");
    return absl::OkStatus();
  };
}

inline common::Period PlannedWorkNotice() { return {common::PeriodUnit::kWallHours, 72}; }

// A maintenance form of `unit` for work starting at `starts`, the users told `lead` before.
inline MaintenanceForm MaintenanceFormOf(const std::string& unit, absl::Time starts,
                                         absl::Duration lead, bool important = false) {
  MaintenanceForm form;
  form.unit_id = unit;
  form.kind = MaintenanceKind::kCutOver;
  form.description = "核心网割接";
  form.starts_at = starts;
  form.ends_at = starts + absl::Hours(4);
  form.affected_users = "浦东新区 ADSL 用户";
  form.affected_user_count = 1200;
  form.important_users_affected = important;
  form.windows_told = {"10000", "mobile"};
  form.users_notified_at = starts - lead;
  return form;
}

// The notice FileMaintenance makes of it, filed when the users were told; fails the test when the
// domain refuses it.
inline MaintenanceNotice Filed(const std::string& unit, absl::Time starts, absl::Duration lead,
                               bool important = false) {
  MaintenanceForm form = MaintenanceFormOf(unit, starts, lead, important);
  const absl::Time filed = form.users_notified_at;
  absl::StatusOr<MaintenanceNotice> notice =
      FileMaintenance(std::move(form), "unit-clerk", filed, PlannedWorkNotice());
  EXPECT_TRUE(notice.ok()) << notice.status();
  return notice.ok() ? *std::move(notice) : MaintenanceNotice{};
}

// A review SubmitLaunchReview makes; fails the test when the domain refuses it.
inline LaunchReview Submitted(const std::string& unit = "broadband",
                              absl::Time at = ShanghaiTime(2026, 3, 2, 10, 0),
                              bool training = true) {
  LaunchReviewForm form{unit, "宽带资费页面改版", at + absl::Hours(72), training};
  absl::StatusOr<LaunchReview> review = SubmitLaunchReview(std::move(form), "unit-clerk", at);
  EXPECT_TRUE(review.ok()) << review.status();
  return review.ok() ? *std::move(review) : LaunchReview{};
}

inline std::vector<int64_t> NoticeIds(const std::vector<RectificationNotice>& notices) {
  return IdsOf(notices, [](const RectificationNotice& n) { return n.id; });
}
inline std::vector<int64_t> MaintenanceIds(const std::vector<MaintenanceRecord>& records) {
  return IdsOf(records, [](const MaintenanceRecord& r) { return r.notice.id; });
}
inline std::vector<int64_t> ReviewIds(const std::vector<LaunchReview>& reviews) {
  return IdsOf(reviews, [](const LaunchReview& r) { return r.id; });
}

}  // namespace cs::assessment::testing

#endif  // CS_SERVICES_ASSESSMENT_STORE_ASSESSMENT_NOTICE_STORE_TEST_SUPPORT_H_
