// What the archive's store contracts share: the holder a traits type creates, and the fixture every
// contract suite derives from. Each suite — records (record_store_contract.h), access log
// (access_log_store_contract.h), retention (retention_store_contract.h), monthly statistics and
// reports (monthly_report_store_contract.h) — is a typed test suite instantiated for the in-memory
// stores (archive_store_in_memory_test, label unit) and the MySQL stores on a real MariaDB
// (archive_store_mysql_test, label integration), so both behave alike. A traits type `T` provides
//   static absl::StatusOr<std::unique_ptr<StoreHolder>> Create();
// where the StoreHolder owns one archive's four stores (and whatever they need, e.g. a database).
// The suites see all four because the guarantees cross aggregates: a read of records shows in the
// access log (V3), an archived record in the monthly statistics (V5). Tests only.
#ifndef CS_SERVICES_ARCHIVE_STORE_ARCHIVE_STORE_CONTRACT_FIXTURE_H_
#define CS_SERVICES_ARCHIVE_STORE_ARCHIVE_STORE_CONTRACT_FIXTURE_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/archive/store/archive_store_test_support.h"
#include "services/archive/store/archive_stores.h"

namespace cs::archive::testing {

class StoreHolder {
 public:
  virtual ~StoreHolder() = default;
  // One archive's stores, all over the same data.
  virtual ArchiveStores stores() = 0;
};

template <typename T>
class ArchiveStoreContract : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<StoreHolder>> holder = T::Create();
    ASSERT_TRUE(holder.ok()) << holder.status();
    holder_ = *std::move(holder);
  }
  RecordStore& records() { return holder_->stores().records; }
  AccessLogStore& access_log() { return holder_->stores().access_log; }
  RetentionStore& retention() { return holder_->stores().retention; }
  MonthlyReportStore& monthly_reports() { return holder_->stores().monthly_reports; }

  // Archives Draft(ticket_id, "doc-<ticket_id>") under message "m-<ticket_id>".
  int64_t Archive(int64_t ticket_id, const std::string& unit = "broadband",
                  absl::Time received = At(2026, 3, 2)) {
    const VersionDraft draft = Draft(ticket_id, absl::StrCat("doc-", ticket_id), unit, received);
    auto outcome = records().Archive(absl::StrCat("m-", ticket_id), "intake", draft,
                                     TwoYears(draft.summary.closed_at), received + absl::Hours(26));
    EXPECT_TRUE(outcome.ok()) << outcome.status();
    return outcome.ok() ? outcome->record_id : 0;
  }

  // The access log as CS_CENTER sees it (the listing itself is the newest entry).
  std::vector<AccessEntry> LogNewestFirst() {
    auto page = access_log().ListAccessLog({}, 0, 500, Entry(AccessAction::kListAccessLog, "all"));
    EXPECT_TRUE(page.ok()) << page.status();
    return page.ok() ? page->entries : std::vector<AccessEntry>{};
  }

  std::unique_ptr<StoreHolder> holder_;
};

}  // namespace cs::archive::testing

#endif  // CS_SERVICES_ARCHIVE_STORE_ARCHIVE_STORE_CONTRACT_FIXTURE_H_
