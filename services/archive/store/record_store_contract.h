// The RecordStore contract (record_store.h) as a typed test suite: archiving and versions (V1),
// reads that log themselves (V3), legal hold and destruction (V2, V4) and the CSV export's pages
// (V6). Instantiated with the other store contracts; see archive_store_contract_fixture.h.
#ifndef CS_SERVICES_ARCHIVE_STORE_RECORD_STORE_CONTRACT_H_
#define CS_SERVICES_ARCHIVE_STORE_RECORD_STORE_CONTRACT_H_

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/hash/sha256.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/archive/store/archive_store_contract_fixture.h"

namespace cs::archive::testing {

template <typename T>
class RecordStoreContractTest : public ArchiveStoreContract<T> {};

TYPED_TEST_SUITE_P(RecordStoreContractTest);

using ::cs::common::testing::IsOk;
using ::cs::common::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

TYPED_TEST_P(RecordStoreContractTest, V1_ArchiveCreatesDedupesAndVersions) {
  RecordStore& store = this->records();
  const VersionDraft draft = Draft(7, std::string("doc\0with nul", 12));
  const Retention retention = TwoYears(draft.summary.closed_at);
  ASSERT_OK_AND_ASSIGN(ArchiveOutcome first,
                       store.Archive("m-1", "intake", draft, retention, At(2026, 3, 4)));
  EXPECT_TRUE(first.created);
  EXPECT_GT(first.record_id, 0);
  EXPECT_EQ(first.version, 1);
  ASSERT_OK_AND_ASSIGN(ArchiveOutcome again,
                       store.Archive("m-1", "intake", draft, retention, At(2026, 3, 5)));
  EXPECT_TRUE(again.duplicate);
  EXPECT_EQ(again.record_id, first.record_id);
  ASSERT_OK_AND_ASSIGN(ArchiveOutcome same,
                       store.Archive("m-2", "intake", draft, retention, At(2026, 3, 5)));
  EXPECT_TRUE(same.duplicate);
  EXPECT_EQ(same.version, 1);
  VersionDraft changed = Draft(7, "doc-v2");
  changed.summary.kind = TicketKind::kConsultation;
  ASSERT_OK_AND_ASSIGN(ArchiveOutcome second,
                       store.Archive("m-3", "intake", changed, retention, At(2026, 3, 6)));
  EXPECT_FALSE(second.duplicate);
  EXPECT_FALSE(second.created);
  EXPECT_EQ(second.version, 2);

  ASSERT_OK_AND_ASSIGN(RecordRead v1, store.ReadRecord(first.record_id, 1, Allow,
                                                       Entry(AccessAction::kGetRecord, "x")));
  EXPECT_EQ(v1.document, draft.document);  // bytes kept exactly, NUL included
  EXPECT_EQ(v1.record.current_version, 2);
  EXPECT_EQ(v1.record.summary.kind, TicketKind::kConsultation);
  EXPECT_EQ(v1.record.archived_at, At(2026, 3, 4));
  EXPECT_EQ(v1.record.retention.retain_until, retention.retain_until);
  EXPECT_EQ(v1.record.retention.basis, retention.basis);
  EXPECT_EQ(v1.record.unit_name, "宽带业务中心");
  EXPECT_EQ(v1.record.summary, changed.summary);
  ASSERT_THAT(v1.record.versions, SizeIs(2));
  EXPECT_EQ(v1.record.versions[0].content_sha256, draft.content_sha256);
  EXPECT_EQ(v1.record.versions[0].source_message_id, "");  // the draft set none
  EXPECT_EQ(v1.record.versions[1].archived_at, At(2026, 3, 6));
  ASSERT_OK_AND_ASSIGN(RecordRead current, store.ReadRecord(first.record_id, 0, Allow,
                                                            Entry(AccessAction::kGetRecord, "x")));
  EXPECT_EQ(current.version, 2);
  EXPECT_EQ(current.document, "doc-v2");

  // The statistics moved with the classification.
  ASSERT_OK_AND_ASSIGN(std::vector<StatisticsRow> rows,
                       this->monthly_reports().MonthlyCounts("2026-03", ""));
  ASSERT_THAT(rows, SizeIs(1));
  EXPECT_EQ(rows[0].kind, TicketKind::kConsultation);
  EXPECT_EQ(rows[0].records, 1);
  EXPECT_EQ(rows[0].on_time, 1);
}

TYPED_TEST_P(RecordStoreContractTest, V1_ConcurrentRedeliveriesStoreOnce) {
  RecordStore& store = this->records();
  const VersionDraft draft = Draft(9, "doc-9");
  std::atomic<int> created{0};
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      auto outcome = store.Archive("m-same", "intake", draft, TwoYears(draft.summary.closed_at),
                                   At(2026, 3, 4));
      if (!outcome.ok()) {
        ++failed;
      } else if (outcome->created) {
        ++created;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(created.load(), 1);
  ASSERT_OK_AND_ASSIGN(RecordPage page,
                       store.Search({}, 0, 10, Entry(AccessAction::kSearchRecords, "all")));
  EXPECT_THAT(page.records, SizeIs(1));
}

TYPED_TEST_P(RecordStoreContractTest, V3_ReadRecordLogsGrantedDeniedAndRefused) {
  RecordStore& store = this->records();
  const int64_t id = this->Archive(1);
  ASSERT_THAT(store.ReadRecord(id, 0, Allow, Entry(AccessAction::kGetRecord, "a", "alice")),
              IsOk());
  EXPECT_THAT(store.ReadRecord(
                  id, 0,
                  [](const ArchivedRecord& r) {
                    return absl::PermissionDeniedError(absl::StrCat("not ", r.summary.unit_id));
                  },
                  Entry(AccessAction::kGetRecord, "b", "bob")),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("not broadband")));
  EXPECT_THAT(store.ReadRecord(id + 100, 0, Allow, Entry(AccessAction::kGetRecord, "c")),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(store.ReadRecord(id, 5, Allow, Entry(AccessAction::kGetRecord, "d")),
              StatusIs(absl::StatusCode::kNotFound));
  const std::vector<AccessEntry> log = this->LogNewestFirst();
  ASSERT_THAT(log, SizeIs(5));
  EXPECT_EQ(log[0].action, AccessAction::kListAccessLog);
  EXPECT_EQ(log[4].target, "a");
  EXPECT_EQ(log[4].user, "alice");
  EXPECT_EQ(log[4].outcome, AccessOutcome::kGranted);
  EXPECT_EQ(log[4].result_count, 1);
  EXPECT_EQ(log[4].record_unit_id, "broadband");
  EXPECT_EQ(log[4].reason, "audit");
  EXPECT_EQ(log[4].role, common::Role::kCsCenter);
  EXPECT_EQ(log[4].at, At(2026, 4, 1));
  EXPECT_EQ(log[3].outcome, AccessOutcome::kDenied);
  EXPECT_EQ(log[3].detail, "PERMISSION_DENIED");
  EXPECT_EQ(log[3].result_count, 0);
  EXPECT_EQ(log[2].outcome, AccessOutcome::kRefused);
  EXPECT_EQ(log[2].detail, "NOT_FOUND");
  EXPECT_EQ(log[1].outcome, AccessOutcome::kRefused);
  EXPECT_GT(log[3].id, log[4].id);
}

TYPED_TEST_P(RecordStoreContractTest, V3_SearchFiltersPagesAndLogsTheCount) {
  RecordStore& store = this->records();
  const int64_t a = this->Archive(1, "broadband", At(2026, 3, 2));
  const int64_t b = this->Archive(2, "portal", At(2026, 3, 3));
  const int64_t c = this->Archive(3, "broadband", At(2026, 4, 2));
  RecordFilter filter;
  filter.unit_id = "broadband";
  ASSERT_OK_AND_ASSIGN(RecordPage page,
                       store.Search(filter, 0, 1, Entry(AccessAction::kSearchRecords, "s1")));
  ASSERT_THAT(page.records, SizeIs(1));
  EXPECT_EQ(page.records[0].record_id, c);
  ASSERT_NE(page.next_cursor, 0);
  ASSERT_OK_AND_ASSIGN(
      page, store.Search(filter, page.next_cursor, 1, Entry(AccessAction::kSearchRecords, "s2")));
  ASSERT_THAT(page.records, SizeIs(1));
  EXPECT_EQ(page.records[0].record_id, a);
  EXPECT_EQ(page.next_cursor, 0);
  RecordFilter month;
  month.closed_month = "2026-03";
  ASSERT_OK_AND_ASSIGN(page, store.Search(month, 0, 10, Entry(AccessAction::kSearchRecords, "s3")));
  ASSERT_THAT(page.records, SizeIs(2));
  EXPECT_EQ(page.records[0].record_id, b);
  RecordFilter narrow;
  narrow.kind = TicketKind::kComplaint;
  narrow.channel = Channel::kHotline;
  narrow.business_line = "broadband";
  narrow.routing_path = RoutingPath::kInternalDispatch;
  narrow.ticket_id = 2;
  narrow.closed_from = At(2026, 3, 1);
  narrow.closed_until = At(2026, 4, 1);
  ASSERT_OK_AND_ASSIGN(page,
                       store.Search(narrow, 0, 10, Entry(AccessAction::kSearchRecords, "s4")));
  ASSERT_THAT(page.records, SizeIs(1));
  EXPECT_EQ(page.records[0].record_id, b);
  narrow.kind = TicketKind::kConsultation;
  ASSERT_OK_AND_ASSIGN(page,
                       store.Search(narrow, 0, 10, Entry(AccessAction::kSearchRecords, "s5")));
  EXPECT_THAT(page.records, IsEmpty());
  const std::vector<AccessEntry> log = this->LogNewestFirst();
  ASSERT_THAT(log, SizeIs(6));
  EXPECT_EQ(log[5].target, "s1");
  EXPECT_EQ(log[5].result_count, 1);
  EXPECT_EQ(log[3].result_count, 2);
  EXPECT_EQ(log[1].result_count, 0);
}

TYPED_TEST_P(RecordStoreContractTest, V6_ReadDocumentsPagesOldestFirstWithCurrentDocuments) {
  RecordStore& store = this->records();
  for (int64_t t = 1; t <= 3; ++t) this->Archive(t);
  this->Archive(4, "portal");
  RecordFilter filter;
  filter.unit_id = "broadband";
  filter.closed_month = "2026-03";
  ASSERT_OK_AND_ASSIGN(DocumentPage page,
                       store.ReadDocuments(filter, 0, 2, Entry(AccessAction::kExportCsv, "p1")));
  ASSERT_THAT(page.records, SizeIs(2));
  EXPECT_EQ(page.records[0].document, "doc-1");
  EXPECT_EQ(page.records[1].document, "doc-2");
  ASSERT_OK_AND_ASSIGN(page, store.ReadDocuments(filter, page.next_cursor, 2,
                                                 Entry(AccessAction::kExportCsv, "p2")));
  ASSERT_THAT(page.records, SizeIs(1));
  EXPECT_EQ(page.records[0].document, "doc-3");
  EXPECT_EQ(page.next_cursor, 0);
  EXPECT_EQ(this->LogNewestFirst()[1].result_count, 1);
}

TYPED_TEST_P(RecordStoreContractTest, V4_DestroyKeepsTheCertificateAndRemovesDocuments) {
  RecordStore& store = this->records();
  const int64_t id = this->Archive(1);
  ASSERT_THAT(
      store.Archive("m-1b", "intake", Draft(1, "doc-1b"), TwoYears(At(2026, 3, 3)), At(2026, 3, 5)),
      IsOk());
  const absl::Time now = At(2028, 6, 1);
  auto decide = [&](const ArchivedRecord& record) -> absl::StatusOr<DestructionCertificate> {
    DestructionCertificate c;
    c.record_id = record.record_id;
    c.ticket_id = record.summary.ticket_id;
    c.unit_id = record.summary.unit_id;
    c.destroyed_by = "keeper";
    c.destroyed_at = now;
    c.reason = "round";
    c.retention_basis = record.retention.basis;
    c.retention_months = record.retention.months;
    c.retain_until = record.retention.retain_until;
    c.closed_at = record.summary.closed_at;
    c.archived_at = record.archived_at;
    c.content_sha256 = record.versions.back().content_sha256;
    c.versions = static_cast<int>(record.versions.size());
    return c;
  };
  EXPECT_THAT(store.Destroy(id, {"d0", "f"},
                            [](const ArchivedRecord&) -> absl::StatusOr<DestructionCertificate> {
                              return absl::FailedPreconditionError("not yet");
                            }),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not yet")));
  ASSERT_OK_AND_ASSIGN(DestructionCertificate certificate, store.Destroy(id, {"d1", "f"}, decide));
  EXPECT_GT(certificate.certificate_id, 0);
  EXPECT_EQ(certificate.versions, 2);
  EXPECT_EQ(certificate.content_sha256, common::Sha256Hex("doc-1b"));
  EXPECT_EQ(certificate.destroyed_at, now);
  ASSERT_OK_AND_ASSIGN(DestructionCertificate replay, store.Destroy(id, {"d1", "f"}, decide));
  EXPECT_EQ(replay.certificate_id, certificate.certificate_id);
  EXPECT_THAT(store.Destroy(id, {"d1", "other body"}, decide),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_THAT(store.Destroy(id + 100, {"d2", "f"}, decide), StatusIs(absl::StatusCode::kNotFound));
  for (int version : {1, 2}) {
    ASSERT_OK_AND_ASSIGN(RecordRead read, store.ReadRecord(id, version, Allow,
                                                           Entry(AccessAction::kGetRecord, "x")));
    EXPECT_TRUE(read.document.empty());
    ASSERT_TRUE(read.record.destroyed());
    EXPECT_EQ(read.record.destruction->certificate_id, certificate.certificate_id);
    EXPECT_EQ(read.record.destruction->destroyed_by, "keeper");
    EXPECT_EQ(read.record.destruction->retention_basis, read.record.retention.basis);
    EXPECT_EQ(read.record.versions[0].content_sha256, common::Sha256Hex("doc-1"));
    EXPECT_EQ(read.record.versions[1].reason, "");  // free text goes with the content
  }
  // Destroyed records are not due, can get no new content and no hold.
  ASSERT_OK_AND_ASSIGN(std::vector<UnitCount> due, store.CountDueForDestruction(now));
  EXPECT_THAT(due, IsEmpty());
  EXPECT_THAT(store.Archive("m-1c", "intake", Draft(1, "doc-1c"), TwoYears(At(2026, 3, 3)), now),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(store.SetLegalHold(id, true, "x", "center", now),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  RecordFilter live;
  live.include_destroyed = false;
  ASSERT_OK_AND_ASSIGN(RecordPage page,
                       store.Search(live, 0, 10, Entry(AccessAction::kSearchRecords, "live")));
  EXPECT_THAT(page.records, IsEmpty());
}

TYPED_TEST_P(RecordStoreContractTest, V4_DueRecordsAreExpiredUnheldAndUndestroyed) {
  RecordStore& store = this->records();
  const int64_t a = this->Archive(1, "broadband", At(2026, 3, 2));
  const int64_t b = this->Archive(2, "portal", At(2026, 3, 2));
  this->Archive(3, "broadband", At(2026, 9, 2));
  const absl::Time now = At(2028, 4, 1);
  ASSERT_OK_AND_ASSIGN(ArchivedRecord held, store.SetLegalHold(b, true, "case", "center", now));
  EXPECT_TRUE(held.hold.held);
  ASSERT_OK_AND_ASSIGN(
      RecordPage due,
      store.ListDue("", now, 0, 10, Entry(AccessAction::kListDueForDestruction, "due")));
  ASSERT_THAT(due.records, SizeIs(1));
  EXPECT_EQ(due.records[0].record_id, a);
  ASSERT_OK_AND_ASSIGN(
      due, store.ListDue("portal", now, 0, 10, Entry(AccessAction::kListDueForDestruction, "due")));
  EXPECT_THAT(due.records, IsEmpty());
  ASSERT_OK_AND_ASSIGN(std::vector<UnitCount> counts, store.CountDueForDestruction(now));
  ASSERT_THAT(counts, SizeIs(1));
  EXPECT_EQ(counts[0].unit_id, "broadband");
  EXPECT_EQ(counts[0].count, 1);
  ASSERT_THAT(store.SetLegalHold(b, false, "closed", "center", now), IsOk());
  ASSERT_OK_AND_ASSIGN(counts, store.CountDueForDestruction(now));
  EXPECT_THAT(counts, SizeIs(2));
  ASSERT_OK_AND_ASSIGN(RecordRead read,
                       store.ReadRecord(b, 0, Allow, Entry(AccessAction::kGetRecord, "x")));
  EXPECT_FALSE(read.record.hold.held);
  EXPECT_EQ(read.record.hold.reason, "closed");
  EXPECT_EQ(read.record.hold.set_by, "center");
  EXPECT_EQ(read.record.hold.set_at, now);
  // Both listings were logged in their own transactions with what they returned (V3).
  const std::vector<AccessEntry> log = this->LogNewestFirst();
  ASSERT_THAT(log, SizeIs(4));
  EXPECT_EQ(log[3].action, AccessAction::kListDueForDestruction);
  EXPECT_EQ(log[3].result_count, 1);
  EXPECT_EQ(log[2].action, AccessAction::kListDueForDestruction);
  EXPECT_EQ(log[2].result_count, 0);
}

TYPED_TEST_P(RecordStoreContractTest, V1_AppendVersionRunsTheCheckUnderTheLockAndReplays) {
  RecordStore& store = this->records();
  const int64_t id = this->Archive(1);
  const VersionDraft correction = Draft(1, "doc-corrected");
  EXPECT_THAT(
      store.AppendVersion(
          id, {"c0", "f"}, correction,
          [](const ArchivedRecord&) { return absl::PermissionDeniedError("no"); }, At(2026, 4, 1)),
      StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(ArchiveOutcome outcome,
                       store.AppendVersion(id, {"c0", "f"}, correction, Allow, At(2026, 4, 1)));
  EXPECT_EQ(outcome.version, 2);  // the refused attempt left no trace, not even its request id
  ASSERT_OK_AND_ASSIGN(ArchiveOutcome replay,
                       store.AppendVersion(id, {"c0", "f"}, correction, Allow, At(2026, 4, 2)));
  EXPECT_TRUE(replay.duplicate);
  EXPECT_EQ(replay.version, 2);
  EXPECT_THAT(store.AppendVersion(id, {"c0", "g"}, correction, Allow, At(2026, 4, 2)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_THAT(store.AppendVersion(id + 100, {"c1", "f"}, correction, Allow, At(2026, 4, 2)),
              StatusIs(absl::StatusCode::kNotFound));
}

// Identifiers compare byte for byte (issue 10): message ids and request ids that differ only by
// trailing spaces are different messages and requests.
TYPED_TEST_P(RecordStoreContractTest, V1_IdsDifferingOnlyByTrailingSpacesAreDistinct) {
  RecordStore& store = this->records();
  const VersionDraft seven = Draft(7, "doc-7");
  const VersionDraft eight = Draft(8, "doc-8");
  ASSERT_OK_AND_ASSIGN(
      ArchiveOutcome first,
      store.Archive("c4b-m", "intake", seven, TwoYears(seven.summary.closed_at), At(2026, 3, 4)));
  EXPECT_TRUE(first.created);
  ASSERT_OK_AND_ASSIGN(
      ArchiveOutcome second,
      store.Archive("c4b-m ", "intake", eight, TwoYears(eight.summary.closed_at), At(2026, 3, 4)));
  EXPECT_TRUE(second.created);
  EXPECT_FALSE(second.duplicate);
  EXPECT_NE(second.record_id, first.record_id);
  ASSERT_OK_AND_ASSIGN(
      ArchiveOutcome again,
      store.Archive("c4b-m ", "intake", eight, TwoYears(eight.summary.closed_at), At(2026, 3, 5)));
  EXPECT_TRUE(again.duplicate);
  EXPECT_EQ(again.record_id, second.record_id);

  ASSERT_OK_AND_ASSIGN(ArchiveOutcome fixed_seven,
                       store.AppendVersion(first.record_id, {"c4b-fix", "f"},
                                           Draft(7, "doc-7-fixed"), Allow, At(2026, 4, 1)));
  EXPECT_EQ(fixed_seven.version, 2);
  ASSERT_OK_AND_ASSIGN(ArchiveOutcome fixed_eight,
                       store.AppendVersion(second.record_id, {"c4b-fix ", "f"},
                                           Draft(8, "doc-8-fixed"), Allow, At(2026, 4, 1)));
  EXPECT_FALSE(fixed_eight.duplicate);
  EXPECT_EQ(fixed_eight.version, 2);
}

REGISTER_TYPED_TEST_SUITE_P(RecordStoreContractTest, V1_ArchiveCreatesDedupesAndVersions,
                            V1_ConcurrentRedeliveriesStoreOnce,
                            V3_ReadRecordLogsGrantedDeniedAndRefused,
                            V3_SearchFiltersPagesAndLogsTheCount,
                            V6_ReadDocumentsPagesOldestFirstWithCurrentDocuments,
                            V4_DestroyKeepsTheCertificateAndRemovesDocuments,
                            V4_DueRecordsAreExpiredUnheldAndUndestroyed,
                            V1_AppendVersionRunsTheCheckUnderTheLockAndReplays,
                            V1_IdsDifferingOnlyByTrailingSpacesAreDistinct);

}  // namespace cs::archive::testing

#endif  // CS_SERVICES_ARCHIVE_STORE_RECORD_STORE_CONTRACT_H_
