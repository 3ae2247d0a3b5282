// Values for archive store tests: drafts of closed records, retentions, access entries and times in
// Shanghai. Header-only; tests only.
#ifndef CS_SERVICES_ARCHIVE_STORE_ARCHIVE_STORE_TEST_SUPPORT_H_
#define CS_SERVICES_ARCHIVE_STORE_ARCHIVE_STORE_TEST_SUPPORT_H_

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/hash/sha256.h"
#include "services/archive/domain/record_classification.h"
#include "services/archive/domain/record_test_support.h"
#include "services/archive/domain/retention.h"
#include "services/archive/store/record_store.h"

namespace cs::archive::testing {

inline const absl::TimeZone& Shanghai() {
  static const absl::TimeZone* const kZone = [] {
    auto* zone = new absl::TimeZone;
    absl::LoadTimeZone("Asia/Shanghai", zone);
    return zone;
  }();
  return *kZone;
}

inline absl::Time At(int y, int m, int d, int hh = 10) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, 0, 0), Shanghai());
}

// A version of ClosedRecord(ticket_id) for unit `unit`, whose document is `document`.
inline VersionDraft Draft(int64_t ticket_id, const std::string& document,
                          const std::string& unit = "broadband",
                          absl::Time received = At(2026, 3, 2)) {
  RecordContent content = ClosedRecord(ticket_id, received);
  content.unit_id = unit;
  VersionDraft draft;
  draft.summary = Summarize(content, Shanghai());
  draft.unit_name = "宽带业务中心";
  draft.time_zone = "Asia/Shanghai";
  draft.document = document;
  draft.content_sha256 = common::Sha256Hex(document);
  draft.archived_by = "svc-intake";
  draft.reason = "closed";
  return draft;
}

inline Retention TwoYears(absl::Time closed) {
  RetentionPolicy policy;
  policy.months = 24;
  return DecideRetention(policy, closed, Shanghai());
}

inline AccessEntry Entry(AccessAction action, std::string target, std::string user = "reader") {
  return NewAccessEntry({user, common::Role::kCsCenter, ""}, action, std::move(target), "audit",
                        At(2026, 4, 1));
}

inline absl::Status Allow(const ArchivedRecord&) { return absl::OkStatus(); }

}  // namespace cs::archive::testing

#endif  // CS_SERVICES_ARCHIVE_STORE_ARCHIVE_STORE_TEST_SUPPORT_H_
