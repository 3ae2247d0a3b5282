// The archive use cases against the in-memory store, with an injected clock: roles and units, the
// hand-over from intake, corrections, retention and legal hold, the access log of every read,
// destruction, monthly statistics and reports, and exports (SPEC V1–V6).
#include "services/archive/core/archive_core.h"

#include <map>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "common/hash/sha256.h"
#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/archive/domain/record_test_support.h"
#include "services/archive/store/in_memory_archive_store.h"
#include "services/archive/store/in_memory_retention_store.h"

namespace cs::archive {
namespace {

using ::cs::common::Principal;
using ::cs::common::Role;
using ::cs::common::testing::IsOk;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

// Documents are keys into a table of contents the test registers.
class FakeCodec final : public RecordCodec {
 public:
  std::string Register(const RecordContent& content) {
    absl::MutexLock lock(&mutex_);
    const std::string document = absl::StrCat("doc-", contents_.size() + 1);
    contents_[document] = content;
    return document;
  }
  absl::StatusOr<RecordContent> Decode(absl::string_view document) const override {
    absl::MutexLock lock(&mutex_);
    auto it = contents_.find(std::string(document));
    if (it == contents_.end()) return absl::DataLossError("unknown document");
    return it->second;
  }

 private:
  mutable absl::Mutex mutex_;
  std::map<std::string, RecordContent> contents_ ABSL_GUARDED_BY(mutex_);
};

class RecordingObserver final : public ArchiveObserver {
 public:
  void RecordArchived(absl::string_view unit) override { archived.emplace_back(unit); }
  void RecordVersioned(absl::string_view unit) override { versioned.emplace_back(unit); }
  void RecordRead(Role role, AccessAction action, AccessOutcome outcome) override {
    reads.push_back(absl::StrCat(common::RoleName(role), " ", AccessActionName(action), " ",
                                 AccessOutcomeName(outcome)));
  }
  void DueForDestruction(const std::vector<UnitCount>& counts) override { due = counts; }
  void RecordDestroyed(absl::string_view unit) override { destroyed.emplace_back(unit); }
  void MonthlyReportDeadline(absl::string_view unit, bool met) override {
    reports.push_back(absl::StrCat(unit, met ? " met" : " missed"));
  }
  std::vector<std::string> archived, versioned, reads, destroyed, reports;
  std::vector<UnitCount> due;
};

ArchiveSettings Settings() {
  ArchiveSettings settings;
  settings.default_policy.months = 24;
  settings.default_policy.source = RetentionSource::kFileDefault;
  RetentionPolicy idc;
  idc.unit_id = "idc";
  idc.months = 36;
  idc.source = RetentionSource::kFileUnit;
  idc.note = "contracts";
  settings.unit_policies["idc"] = idc;
  return settings;
}

class ArchiveCoreTest : public ::testing::Test {
 protected:
  ArchiveCoreTest()
      : units_(testing::TestUnits()),
        calendars_(
            *common::CalendarSet::Create({common::testing::Cn2026CalendarData()}, "cn-2026.1")),
        clock_(ShanghaiTime(2026, 3, 11, 9, 0)),
        core_({store_, store_, retention_, store_}, units_, calendars_, Settings(), clock_, codec_,
              observer_) {}

  // Archives ClosedRecord(ticket_id) received at `received` (closed 25 hours later).
  int64_t Archive(int64_t ticket_id, absl::Time received = ShanghaiTime(2026, 3, 2, 10, 0),
                  RecordContent* out = nullptr) {
    RecordContent content = testing::ClosedRecord(ticket_id, received);
    if (out != nullptr) content = *out;
    auto outcome = core_.ArchiveRecord(intake_, absl::StrCat("m-", ticket_id, "-", next_++),
                                       Incoming(content));
    EXPECT_THAT(outcome, IsOk());
    return outcome.ok() ? outcome->record_id : 0;
  }
  IncomingRecord Incoming(const RecordContent& content) {
    return {content, codec_.Register(content), "", "Asia/Shanghai"};
  }
  std::vector<AccessEntry> Log() { return store_.access_log(); }

  // Records, access log and monthly reports in one store (they share its lock), retention apart.
  InMemoryArchiveStore store_;
  InMemoryRetentionStore retention_;
  common::UnitDirectory units_;
  common::CalendarHolder calendars_;
  common::ManualClock clock_;
  FakeCodec codec_;
  RecordingObserver observer_;
  ArchiveCore core_;
  int next_ = 0;
  const Principal intake_{"svc-intake", Role::kService, ""};
  const Principal clerk_{"clerk", Role::kUnitStaff, "broadband"};
  const Principal manager_{"manager", Role::kUnitManager, "broadband"};
  const Principal archivist_{"keeper", Role::kArchivist, "broadband"};
  const Principal other_archivist_{"other-keeper", Role::kArchivist, "portal"};
  const Principal portal_clerk_{"portal-clerk", Role::kUnitStaff, "portal"};
  const Principal center_{"center", Role::kCsCenter, ""};
  const Principal office_{"office", Role::kOffice, ""};
};

// --- V1
// -------------------------------------------------------------------------------------------

TEST_F(ArchiveCoreTest, V1_ArchivesTheCompleteRecordOnceWhateverTheRedeliveries) {
  const RecordContent content = testing::ClosedRecord(7, ShanghaiTime(2026, 3, 2, 10, 0));
  const IncomingRecord incoming = Incoming(content);
  ASSERT_OK_AND_ASSIGN(ArchiveOutcome first, core_.ArchiveRecord(intake_, "msg-1", incoming));
  EXPECT_TRUE(first.created);
  EXPECT_FALSE(first.duplicate);
  ASSERT_OK_AND_ASSIGN(ArchiveOutcome again, core_.ArchiveRecord(intake_, "msg-1", incoming));
  EXPECT_TRUE(again.duplicate);
  EXPECT_EQ(again.record_id, first.record_id);
  // The same content under another message id (intake re-enqueued it) is still one record.
  ASSERT_OK_AND_ASSIGN(ArchiveOutcome other, core_.ArchiveRecord(intake_, "msg-2", incoming));
  EXPECT_TRUE(other.duplicate);
  EXPECT_EQ(other.version, 1);
  EXPECT_THAT(observer_.archived, ElementsAre("broadband"));

  ASSERT_OK_AND_ASSIGN(RecordView view, core_.GetRecord(center_, first.record_id, 0, "audit"));
  EXPECT_EQ(view.document, incoming.document);
  EXPECT_EQ(view.record.summary.ticket_id, 7);
  EXPECT_EQ(view.record.unit_name, "宽带业务中心");  // from the directory when intake sent none
  EXPECT_EQ(view.record.time_zone, "Asia/Shanghai");
  ASSERT_THAT(view.record.versions, SizeIs(1));
  EXPECT_EQ(view.record.versions[0].content_sha256, common::Sha256Hex(incoming.document));
  EXPECT_EQ(view.record.versions[0].archived_by, "svc-intake");
  EXPECT_EQ(view.record.versions[0].source_message_id, "msg-1");
}

TEST_F(ArchiveCoreTest, V1_OtherContentForAnArchivedTicketIsANewVersionKeepingTheOld) {
  const int64_t id = Archive(7);
  RecordContent changed = testing::ClosedRecord(7, ShanghaiTime(2026, 3, 2, 10, 0));
  changed.callback_at = ShanghaiTime(2026, 3, 4, 9, 0);
  ASSERT_OK_AND_ASSIGN(ArchiveOutcome outcome,
                       core_.ArchiveRecord(intake_, "msg-x", Incoming(changed)));
  EXPECT_FALSE(outcome.duplicate);
  EXPECT_EQ(outcome.record_id, id);
  EXPECT_EQ(outcome.version, 2);
  ASSERT_OK_AND_ASSIGN(RecordView v1, core_.GetRecord(center_, id, 1, "audit"));
  ASSERT_OK_AND_ASSIGN(RecordView v2, core_.GetRecord(center_, id, 0, "audit"));
  EXPECT_EQ(v2.version, 2);
  EXPECT_NE(v1.document, v2.document);
  EXPECT_THAT(v2.record.versions, SizeIs(2));
}

TEST_F(ArchiveCoreTest, V1_AnIncompleteRecordIsRefusedNamingEachPart) {
  RecordContent content = testing::ClosedRecord(7, ShanghaiTime(2026, 3, 2, 10, 0));
  content.unit_id = "unknown-unit";
  content.history.clear();
  IncomingRecord incoming = Incoming(content);
  incoming.time_zone = "Mars/Olympus";
  absl::Status refused = core_.ArchiveRecord(intake_, "msg-1", incoming).status();
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kInvalidArgument));
  std::vector<std::string> fields;
  for (const auto& v : common::ViolationsOf(refused)) fields.push_back(v.field);
  EXPECT_THAT(fields, ::testing::UnorderedElementsAre("ticket.input.unit_id", "ticket.history",
                                                      "time_zone"));
  EXPECT_THAT(
      core_.ArchiveRecord(intake_, "", Incoming(testing::ClosedRecord(8, clock_.Now()))).status(),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("message_id")));
  EXPECT_THAT(observer_.archived, IsEmpty());
}

TEST_F(ArchiveCoreTest, V1_OnlyAServiceHandsRecordsOver) {
  EXPECT_THAT(core_.ArchiveRecord(center_, "m", Incoming(testing::ClosedRecord(7, clock_.Now()))),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST_F(ArchiveCoreTest, V1_CorrectionByTheUnitManagerOrCenterIsANewVersion) {
  const int64_t id = Archive(7);
  RecordContent corrected = testing::ClosedRecord(7, ShanghaiTime(2026, 3, 2, 10, 0));
  corrected.user_name = "张叁";
  corrected.kind = TicketKind::kConsultation;
  EXPECT_THAT(core_.CorrectRecord(clerk_, id, Incoming(corrected), "typo", {"c1", "f"}),
              StatusIs(absl::StatusCode::kPermissionDenied));
  const Principal portal_manager{"pm", Role::kUnitManager, "portal"};
  EXPECT_THAT(core_.CorrectRecord(portal_manager, id, Incoming(corrected), "typo", {"c1", "f"}),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(core_.CorrectRecord(manager_, id, Incoming(corrected), "", {"c1", "f"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("reason")));
  const IncomingRecord correction = Incoming(corrected);
  ASSERT_OK_AND_ASSIGN(ArchiveOutcome outcome,
                       core_.CorrectRecord(manager_, id, correction, "name misspelt", {"c1", "f"}));
  EXPECT_EQ(outcome.version, 2);
  // A retry of the same request is the same answer, not a third version.
  ASSERT_OK_AND_ASSIGN(ArchiveOutcome retry,
                       core_.CorrectRecord(manager_, id, correction, "name misspelt", {"c1", "f"}));
  EXPECT_TRUE(retry.duplicate);
  EXPECT_EQ(retry.version, 2);
  // Identical to the current version: nothing to correct.
  EXPECT_THAT(core_.CorrectRecord(center_, id, correction, "again", {"c2", "g"}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("identical")));
  // Another ticket is not a correction of this record.
  EXPECT_THAT(core_.CorrectRecord(center_, id, Incoming(testing::ClosedRecord(8, clock_.Now())),
                                  "x", {"c3", "h"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("ticket.ticket_id")));
  ASSERT_OK_AND_ASSIGN(RecordView view, core_.GetRecord(center_, id, 0, "check"));
  ASSERT_THAT(view.record.versions, SizeIs(2));
  EXPECT_EQ(view.record.versions[1].reason, "name misspelt");
  EXPECT_EQ(view.record.versions[1].archived_by, "manager");
  EXPECT_EQ(view.record.summary.kind, TicketKind::kConsultation);
  // The statistics follow the correction: one consultation, no complaint.
  ASSERT_OK_AND_ASSIGN(MonthlyStatistics stats,
                       core_.GetMonthlyStatistics(center_, "2026-03", "broadband"));
  EXPECT_EQ(stats.totals.total, 1);
  EXPECT_EQ(stats.totals.consultations, 1);
  EXPECT_EQ(stats.totals.complaints, 0);
}

// --- V2
// -------------------------------------------------------------------------------------------

TEST_F(ArchiveCoreTest, V2_EachUnitsRecordsGetItsConfiguredRetention) {
  const int64_t broadband = Archive(1);
  RecordContent idc = testing::ClosedRecord(2, ShanghaiTime(2026, 3, 2, 10, 0));
  idc.unit_id = "idc";
  const int64_t idc_id = Archive(2, {}, &idc);
  ASSERT_OK_AND_ASSIGN(RecordView a, core_.GetRecord(center_, broadband, 0, "check"));
  ASSERT_OK_AND_ASSIGN(RecordView b, core_.GetRecord(center_, idc_id, 0, "check"));
  // Closed 2026-03-03 11:00 Shanghai: kept to the end of the corresponding day.
  EXPECT_EQ(a.record.retention.months, 24);
  EXPECT_EQ(a.record.retention.retain_until, ShanghaiTime(2028, 3, 4, 0, 0));
  EXPECT_EQ(b.record.retention.months, 36);
  EXPECT_EQ(b.record.retention.retain_until, ShanghaiTime(2029, 3, 4, 0, 0));
  EXPECT_THAT(b.record.retention.basis, HasSubstr("contracts"));
}

TEST_F(ArchiveCoreTest, V2_SetUnitRetentionRefusesLessThanTwoYears) {
  EXPECT_THAT(
      core_.SetUnitRetention(center_, "broadband", {common::PeriodUnit::kMonths, 23}, "budget"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("A1 7.3.1")));
  absl::Status days =
      core_.SetUnitRetention(center_, "broadband", {common::PeriodUnit::kWorkingDays, 900}, "x")
          .status();
  EXPECT_EQ(common::ViolationsOf(days).at(0).field, "retention");
  EXPECT_THAT(core_.SetUnitRetention(manager_, "broadband", {common::PeriodUnit::kYears, 5}, "x"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(core_.SetUnitRetention(center_, "nowhere", {common::PeriodUnit::kYears, 5}, "x"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unit_id")));
  ASSERT_OK_AND_ASSIGN(RetentionPolicy policy,
                       core_.SetUnitRetention(center_, "broadband", {common::PeriodUnit::kYears, 5},
                                              "litigation risk"));
  EXPECT_EQ(policy.source, RetentionSource::kRpc);
  // Records archived from now on get it; the policy shows where it came from.
  const int64_t id = Archive(3);
  ASSERT_OK_AND_ASSIGN(RecordView view, core_.GetRecord(center_, id, 0, "check"));
  EXPECT_EQ(view.record.retention.months, 60);
  ASSERT_OK_AND_ASSIGN(std::vector<RetentionPolicy> policies, core_.GetRetentionPolicy(clerk_, ""));
  ASSERT_THAT(policies, SizeIs(5));
  EXPECT_EQ(policies[0].unit_id, "broadband");
  EXPECT_EQ(policies[0].source, RetentionSource::kRpc);
  EXPECT_EQ(policies[0].set_by, "center");
  EXPECT_EQ(policies[1].source, RetentionSource::kFileUnit);
  EXPECT_EQ(policies[2].source, RetentionSource::kFileDefault);
}

TEST_F(ArchiveCoreTest, V2_OnlyTheCenterSetsAndReleasesALegalHold) {
  const int64_t id = Archive(1);
  EXPECT_THAT(core_.SetLegalHold(manager_, id, true, "court"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(core_.SetLegalHold(center_, id, true, ""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("reason")));
  ASSERT_OK_AND_ASSIGN(ArchivedRecord held, core_.SetLegalHold(center_, id, true, "case 12"));
  EXPECT_TRUE(held.hold.held);
  EXPECT_EQ(held.hold.set_by, "center");
  EXPECT_THAT(core_.SetLegalHold(center_, 999, true, "x"), StatusIs(absl::StatusCode::kNotFound));
}

// --- V3
// -------------------------------------------------------------------------------------------

TEST_F(ArchiveCoreTest, V3_EveryReadSearchAndExportLeavesAnAccessLogRow) {
  const int64_t id = Archive(1);
  clock_.SetTime(ShanghaiTime(2026, 4, 2, 9, 0));
  ASSERT_THAT(core_.GetRecord(clerk_, id, 0, "customer called back"), IsOk());
  ASSERT_THAT(core_.SearchRecords(manager_, {}, 0, 10, "monthly review"), IsOk());
  ASSERT_THAT(core_.ExportRecordForm(archivist_, id, 1, "paper file"), IsOk());
  ASSERT_THAT(core_.ExportMonthCsv(center_, "", "2026-03", 0, 10, "statistics"), IsOk());
  ASSERT_THAT(core_.ListDueForDestruction(archivist_, "", 0, 10, "destruction round"), IsOk());
  ASSERT_THAT(core_.ListAccessLog(center_, {}, 0, 10, "audit"), IsOk());
  const std::vector<AccessEntry> log = Log();
  ASSERT_THAT(log, SizeIs(6));
  EXPECT_EQ(log[0].user, "clerk");
  EXPECT_EQ(log[0].role, Role::kUnitStaff);
  EXPECT_EQ(log[0].caller_unit_id, "broadband");
  EXPECT_EQ(log[0].action, AccessAction::kGetRecord);
  EXPECT_EQ(log[0].target, RecordIdText(id));
  EXPECT_EQ(log[0].record_unit_id, "broadband");
  EXPECT_EQ(log[0].reason, "customer called back");
  EXPECT_EQ(log[0].at, ShanghaiTime(2026, 4, 2, 9, 0));
  EXPECT_EQ(log[0].outcome, AccessOutcome::kGranted);
  EXPECT_EQ(log[0].result_count, 1);
  EXPECT_EQ(log[1].action, AccessAction::kSearchRecords);
  EXPECT_EQ(log[1].target, "unit=broadband");
  EXPECT_EQ(log[1].result_count, 1);
  EXPECT_EQ(log[2].action, AccessAction::kExportForm);
  EXPECT_EQ(log[2].target, absl::StrCat(RecordIdText(id), " v1"));
  EXPECT_EQ(log[3].action, AccessAction::kExportCsv);
  EXPECT_EQ(log[3].target, "month=2026-03");
  EXPECT_EQ(log[4].action, AccessAction::kListDueForDestruction);
  EXPECT_EQ(log[4].target, "due unit=broadband");
  EXPECT_EQ(log[5].action, AccessAction::kListAccessLog);
  EXPECT_THAT(observer_.reads,
              ElementsAre("UNIT_STAFF GET_RECORD GRANTED", "UNIT_MANAGER SEARCH_RECORDS GRANTED",
                          "ARCHIVIST EXPORT_FORM GRANTED", "CS_CENTER EXPORT_CSV GRANTED",
                          "ARCHIVIST LIST_DUE_FOR_DESTRUCTION GRANTED",
                          "CS_CENTER LIST_ACCESS_LOG GRANTED"));
}

TEST_F(ArchiveCoreTest, V3_RefusedReadsAreLoggedToo) {
  const int64_t id = Archive(1);
  EXPECT_THAT(core_.GetRecord(portal_clerk_, id, 0, "curious"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(core_.GetRecord(office_, id, 0, "curious"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(core_.GetRecord(clerk_, id, 0, "  "),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("reason")));
  EXPECT_THAT(core_.GetRecord(clerk_, 999, 0, "lookup"), StatusIs(absl::StatusCode::kNotFound));
  RecordFilter broadband;
  broadband.unit_id = "broadband";
  EXPECT_THAT(core_.SearchRecords(portal_clerk_, broadband, 0, 10, "curious"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(core_.ExportMonthCsv(clerk_, "", "2026-3", 0, 10, "stats"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("month")));
  EXPECT_THAT(core_.ListAccessLog(manager_, {}, 0, 10, "audit"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(core_.ListDueForDestruction(clerk_, "", 0, 10, "x"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  const std::vector<AccessEntry> log = Log();
  ASSERT_THAT(log, SizeIs(8));
  EXPECT_EQ(log[0].outcome, AccessOutcome::kDenied);
  EXPECT_EQ(log[0].user, "portal-clerk");
  EXPECT_EQ(log[0].record_unit_id, "broadband");
  EXPECT_EQ(log[0].reason, "curious");
  EXPECT_EQ(log[0].detail, "PERMISSION_DENIED");
  EXPECT_EQ(log[1].outcome, AccessOutcome::kDenied);
  EXPECT_EQ(log[1].role, Role::kOffice);
  EXPECT_EQ(log[2].outcome, AccessOutcome::kRefused);
  EXPECT_EQ(log[2].detail, "INVALID_ARGUMENT");
  EXPECT_EQ(log[3].outcome, AccessOutcome::kRefused);
  EXPECT_EQ(log[3].detail, "NOT_FOUND");
  EXPECT_EQ(log[4].outcome, AccessOutcome::kDenied);
  EXPECT_EQ(log[4].action, AccessAction::kSearchRecords);
  EXPECT_EQ(log[5].action, AccessAction::kExportCsv);
  EXPECT_EQ(log[5].outcome, AccessOutcome::kRefused);
  EXPECT_EQ(log[6].action, AccessAction::kListAccessLog);
  EXPECT_EQ(log[6].outcome, AccessOutcome::kDenied);
  EXPECT_EQ(log[7].action, AccessAction::kListDueForDestruction);
  for (const AccessEntry& entry : log) EXPECT_EQ(entry.result_count, 0) << entry.target;
  EXPECT_THAT(observer_.reads, ::testing::Contains("UNIT_STAFF GET_RECORD DENIED"));
}

TEST_F(ArchiveCoreTest, V3_UnitStaffSearchOnlyTheirOwnUnit) {
  Archive(1);
  RecordContent portal = testing::ClosedRecord(2, ShanghaiTime(2026, 3, 2, 10, 0));
  portal.unit_id = "portal";
  Archive(2, {}, &portal);
  ASSERT_OK_AND_ASSIGN(RecordPage own, core_.SearchRecords(portal_clerk_, {}, 0, 10, "review"));
  ASSERT_THAT(own.records, SizeIs(1));
  EXPECT_EQ(own.records[0].summary.unit_id, "portal");
  ASSERT_OK_AND_ASSIGN(RecordPage all, core_.SearchRecords(center_, {}, 0, 10, "review"));
  EXPECT_THAT(all.records, SizeIs(2));
  // Paging: newest first, a cursor for the rest.
  ASSERT_OK_AND_ASSIGN(RecordPage first, core_.SearchRecords(center_, {}, 0, 1, "review"));
  ASSERT_THAT(first.records, SizeIs(1));
  EXPECT_EQ(first.records[0].summary.ticket_id, 2);
  ASSERT_OK_AND_ASSIGN(RecordPage second,
                       core_.SearchRecords(center_, {}, first.next_cursor, 1, "review"));
  ASSERT_THAT(second.records, SizeIs(1));
  EXPECT_EQ(second.records[0].summary.ticket_id, 1);
  EXPECT_EQ(second.next_cursor, 0);
}

// --- V4
// -------------------------------------------------------------------------------------------

TEST_F(ArchiveCoreTest, V4_TwoYearsMinusOneDayCannotBeDestroyedTwoYearsAndOneDayCan) {
  // Closed 2026-03-03 11:00 Shanghai.
  const int64_t id = Archive(1);
  clock_.SetTime(ShanghaiTime(2028, 3, 2, 11, 0));  // 2 years minus one day
  EXPECT_THAT(core_.DestroyRecord(archivist_, id, "round 2028-03", {"d1", "f"}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("within its retention")));
  ASSERT_OK_AND_ASSIGN(RecordPage due, core_.ListDueForDestruction(archivist_, "", 0, 10, "round"));
  EXPECT_THAT(due.records, IsEmpty());
  clock_.SetTime(ShanghaiTime(2028, 3, 4, 11, 0));  // 2 years and one day
  ASSERT_OK_AND_ASSIGN(due, core_.ListDueForDestruction(archivist_, "", 0, 10, "round"));
  ASSERT_THAT(due.records, SizeIs(1));
  ASSERT_OK_AND_ASSIGN(DestructionCertificate certificate,
                       core_.DestroyRecord(archivist_, id, "round 2028-03", {"d2", "g"}));
  EXPECT_EQ(certificate.record_id, id);
  EXPECT_EQ(certificate.destroyed_by, "keeper");
  EXPECT_EQ(certificate.destroyed_at, ShanghaiTime(2028, 3, 4, 11, 0));
  EXPECT_EQ(certificate.retain_until, ShanghaiTime(2028, 3, 4, 0, 0));
  EXPECT_THAT(certificate.retention_basis, HasSubstr("2 years"));
  EXPECT_EQ(certificate.content_sha256.size(), 64u);
  EXPECT_EQ(certificate.versions, 1);
  EXPECT_THAT(observer_.destroyed, ElementsAre("broadband"));
  // The retry of the same request gives the same certificate and destroys nothing more.
  ASSERT_OK_AND_ASSIGN(DestructionCertificate retry,
                       core_.DestroyRecord(archivist_, id, "round 2028-03", {"d2", "g"}));
  EXPECT_EQ(retry.certificate_id, certificate.certificate_id);
  EXPECT_THAT(observer_.destroyed, SizeIs(1));
  EXPECT_THAT(core_.DestroyRecord(archivist_, id, "again", {"d3", "h"}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("already destroyed")));
}

TEST_F(ArchiveCoreTest, V4_DestructionRemovesThePersonalContentAndKeepsTheCertificate) {
  const int64_t id = Archive(1);
  clock_.SetTime(ShanghaiTime(2028, 6, 1, 9, 0));
  ASSERT_THAT(core_.DestroyRecord(archivist_, id, "round", {"d1", "f"}), IsOk());
  ASSERT_OK_AND_ASSIGN(RecordView view, core_.GetRecord(center_, id, 0, "audit"));
  EXPECT_TRUE(view.document.empty());
  ASSERT_TRUE(view.record.destroyed());
  EXPECT_EQ(view.record.destruction->destroyed_by, "keeper");
  EXPECT_EQ(view.record.summary.kind, TicketKind::kComplaint);  // the classification stays
  EXPECT_THAT(core_.ExportRecordForm(center_, id, 0, "paper"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("destroyed")));
  EXPECT_EQ(Log().back().outcome, AccessOutcome::kRefused);
  ASSERT_OK_AND_ASSIGN(CsvPage csv, core_.ExportMonthCsv(center_, "", "2026-03", 0, 10, "stats"));
  EXPECT_THAT(csv.csv, Not(HasSubstr("张三")));
  EXPECT_THAT(csv.csv, HasSubstr(",true\r\n"));
  // Statistics of a past month do not change when its records are destroyed.
  ASSERT_OK_AND_ASSIGN(MonthlyStatistics stats, core_.GetMonthlyStatistics(center_, "2026-03", ""));
  EXPECT_EQ(stats.totals.total, 1);
  EXPECT_THAT(core_.CorrectRecord(center_, id, Incoming(testing::ClosedRecord(1, clock_.Now())),
                                  "late fix", {"c1", "f"}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("destroyed")));
}

TEST_F(ArchiveCoreTest, V4_OnlyTheOwningUnitsArchivistDestroysAndNeverAHeldRecord) {
  const int64_t id = Archive(1);
  clock_.SetTime(ShanghaiTime(2029, 1, 1, 9, 0));
  for (const Principal& who : {center_, manager_, clerk_, intake_}) {
    EXPECT_THAT(core_.DestroyRecord(who, id, "round", {"d1", "f"}),
                StatusIs(absl::StatusCode::kPermissionDenied))
        << who.user;
  }
  EXPECT_THAT(core_.DestroyRecord(other_archivist_, id, "round", {"d1", "f"}),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_THAT(core_.SetLegalHold(center_, id, true, "case 7"), IsOk());
  EXPECT_THAT(core_.DestroyRecord(archivist_, id, "round", {"d1", "f"}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("legal hold")));
  ASSERT_OK_AND_ASSIGN(RecordPage due, core_.ListDueForDestruction(center_, "", 0, 10, "round"));
  EXPECT_THAT(due.records, IsEmpty());
  ASSERT_THAT(core_.Sweep(), IsOk());
  EXPECT_EQ(observer_.due[0].unit_id, "broadband");
  EXPECT_EQ(observer_.due[0].count, 0);
  ASSERT_THAT(core_.SetLegalHold(center_, id, false, "case 7 closed"), IsOk());
  ASSERT_THAT(core_.Sweep(), IsOk());
  EXPECT_EQ(observer_.due[0].count, 1);
  EXPECT_THAT(observer_.due, SizeIs(5));
  ASSERT_THAT(core_.DestroyRecord(archivist_, id, "round", {"d1", "f"}), IsOk());
  EXPECT_THAT(observer_.destroyed, ElementsAre("broadband"));
}

// --- V5
// -------------------------------------------------------------------------------------------

TEST_F(ArchiveCoreTest, V5_MonthlyStatisticsComparedWithThePreviousMonth) {
  Archive(1, ShanghaiTime(2026, 2, 10, 10, 0));
  Archive(2, ShanghaiTime(2026, 3, 2, 10, 0));
  RecordContent late = testing::ClosedRecord(3, ShanghaiTime(2026, 3, 5, 10, 0));
  late.confirmed_at = *late.confirm_deadline + absl::Minutes(1);
  late.channel = Channel::kEmail;
  Archive(3, {}, &late);
  ASSERT_OK_AND_ASSIGN(MonthlyStatistics stats, core_.GetMonthlyStatistics(clerk_, "2026-03", ""));
  EXPECT_EQ(stats.unit_id, "broadband");
  EXPECT_EQ(stats.totals.total, 2);
  EXPECT_EQ(stats.totals.complaints, 2);
  EXPECT_EQ(stats.totals.previous_total, 1);
  EXPECT_EQ(stats.totals.change(), 1);
  EXPECT_DOUBLE_EQ(stats.on_time_rate, 0.5);
  EXPECT_DOUBLE_EQ(stats.previous_on_time_rate, 1.0);
  ASSERT_THAT(stats.by_channel, SizeIs(2));
  EXPECT_EQ(stats.report_due.at, ShanghaiTime(2026, 4, 8, 17, 30));  // 5th working day of April
  EXPECT_THAT(core_.GetMonthlyStatistics(portal_clerk_, "2026-03", "broadband"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(core_.GetMonthlyStatistics(office_, "2026-3", ""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("month")));
  ASSERT_OK_AND_ASSIGN(MonthlyStatistics all, core_.GetMonthlyStatistics(office_, "2026-03", ""));
  EXPECT_EQ(all.totals.total, 2);
}

// A1 7.4.2: the unit's records closed in the month (Shanghai), the serials missing below the
// highest archived one, the archive lag; counts only, so no access-log row.
TEST_F(ArchiveCoreTest, V1_ArchiveCompletenessCountsTheMonthsClosedTicketsAndNamesSerialGaps) {
  // ClosedRecord(n) is serial n of its month of receipt and closes 25 hours after receipt.
  auto archive_after = [&](int64_t ticket_id, absl::Time received, absl::Duration lag) {
    clock_.SetTime(received + absl::Hours(25) + lag);
    Archive(ticket_id, received);
  };
  archive_after(1, ShanghaiTime(2026, 3, 2, 10, 0), absl::Hours(1));
  archive_after(2, ShanghaiTime(2026, 3, 5, 10, 0), absl::Hours(6));
  archive_after(5, ShanghaiTime(2026, 3, 9, 10, 0), absl::Hours(2));
  // Received on 31 March, closed on 1 April: it fills no March count, but serial 6 is held.
  archive_after(6, ShanghaiTime(2026, 3, 31, 10, 0), absl::Hours(1));
  const size_t logged = Log().size();
  clock_.SetTime(ShanghaiTime(2026, 4, 2, 9, 0));

  ASSERT_OK_AND_ASSIGN(ArchiveCompleteness march,
                       core_.GetArchiveCompleteness(center_, "broadband", "2026-03"));
  EXPECT_EQ(march.unit_id, "broadband");
  EXPECT_EQ(march.month, "2026-03");
  EXPECT_EQ(march.time_zone, "Asia/Shanghai");
  EXPECT_EQ(march.closed_from, ShanghaiTime(2026, 3, 1, 0, 0));
  EXPECT_EQ(march.closed_until, ShanghaiTime(2026, 4, 1, 0, 0));
  EXPECT_EQ(march.as_of, ShanghaiTime(2026, 4, 2, 9, 0));
  EXPECT_EQ(march.counts.archived, 3);
  EXPECT_EQ(march.counts.max_lag, absl::Hours(6));
  EXPECT_EQ(march.counts.median_lag, absl::Hours(2));
  ASSERT_THAT(march.counts.serial_months, SizeIs(1));
  EXPECT_EQ(march.counts.serial_months[0].serial_month, "2026-03");
  EXPECT_EQ(march.counts.serial_months[0].archived_serials, 4);
  EXPECT_EQ(march.counts.serial_months[0].highest_archived_serial, 6);
  EXPECT_THAT(march.counts.serial_months[0].missing_serials, ElementsAre(3, 4));
  EXPECT_EQ(march.missing_serials_total(), 2);
  EXPECT_EQ(Log().size(), logged);  // not a read of records (V3): no access-log row

  // The unit's own archivist and manager (empty: their own unit); OFFICE and SERVICE for any.
  ASSERT_OK_AND_ASSIGN(ArchiveCompleteness own,
                       core_.GetArchiveCompleteness(manager_, "", "2026-03"));
  EXPECT_EQ(own.unit_id, "broadband");
  EXPECT_EQ(own.counts, march.counts);
  EXPECT_THAT(core_.GetArchiveCompleteness(archivist_, "broadband", "2026-03"), IsOk());
  EXPECT_THAT(core_.GetArchiveCompleteness(office_, "portal", "2026-03"), IsOk());
  EXPECT_THAT(core_.GetArchiveCompleteness(intake_, "broadband", "2026-04"), IsOk());
  EXPECT_THAT(core_.GetArchiveCompleteness(clerk_, "broadband", "2026-03"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(core_.GetArchiveCompleteness(other_archivist_, "broadband", "2026-03"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(core_.GetArchiveCompleteness(office_, "", "2026-03"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unit_id")));
  EXPECT_THAT(core_.GetArchiveCompleteness(office_, "nowhere", "2026-03"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unit_id")));
  EXPECT_THAT(core_.GetArchiveCompleteness(office_, "broadband", "2026-3"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("month")));
}

TEST_F(ArchiveCoreTest, V5_ReportsOnTimeAndLateAreCountedOnce) {
  Archive(1, ShanghaiTime(2026, 3, 2, 10, 0));
  // March is not over on 11 March.
  EXPECT_THAT(core_.SubmitMonthlyReport(clerk_, "", "2026-03", "analysis", {"r1", "f"}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not over")));
  clock_.SetTime(ShanghaiTime(2026, 4, 8, 17, 0));  // before the due close of business
  EXPECT_THAT(core_.SubmitMonthlyReport(portal_clerk_, "broadband", "2026-03", "a", {"r1", "f"}),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(core_.SubmitMonthlyReport(clerk_, "", "2026-03", " ", {"r1", "f"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("analysis")));
  ASSERT_OK_AND_ASSIGN(
      MonthlyReportStatus on_time,
      core_.SubmitMonthlyReport(clerk_, "", "2026-03", "fewer complaints", {"r1", "f"}));
  EXPECT_TRUE(on_time.report.on_time());
  EXPECT_EQ(on_time.report.records, 1);
  EXPECT_THAT(core_.SubmitMonthlyReport(manager_, "", "2026-03", "again", {"r2", "g"}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("already submitted")));
  ASSERT_THAT(core_.SubmitMonthlyReport(clerk_, "", "2026-03", "fewer complaints", {"r1", "f"}),
              IsOk());  // a retry
  // The due date passes: every other reporting unit is counted missed once, however many sweeps.
  clock_.SetTime(ShanghaiTime(2026, 4, 8, 17, 31));
  ASSERT_THAT(core_.Sweep(), IsOk());
  ASSERT_THAT(core_.Sweep(), IsOk());
  // The portal submits late: already counted as missed, not again.
  ASSERT_OK_AND_ASSIGN(
      MonthlyReportStatus late,
      core_.SubmitMonthlyReport(portal_clerk_, "", "2026-03", "late", {"r3", "h"}));
  EXPECT_FALSE(late.report.on_time());
  EXPECT_THAT(observer_.reports,
              ElementsAre("broadband met", "idc missed", "portal missed", "service-desk missed"));
  ASSERT_OK_AND_ASSIGN(std::vector<MonthlyReportStatus> list,
                       core_.ListMonthlyReports(center_, "2026-03", ""));
  ASSERT_THAT(list, SizeIs(4));  // not the CS center, which receives the reports
  EXPECT_EQ(list[0].report.unit_id, "broadband");
  EXPECT_TRUE(list[0].report.on_time());
  EXPECT_TRUE(list[1].overdue);  // idc never submitted
  EXPECT_EQ(list[2].report.unit_id, "portal");
  EXPECT_TRUE(list[2].report.submitted());
  EXPECT_FALSE(list[2].report.on_time());
  EXPECT_FALSE(list[2].overdue);
}

TEST_F(ArchiveCoreTest, V5_ALateSubmissionBeforeTheSweepIsCountedMissedOnce) {
  clock_.SetTime(ShanghaiTime(2026, 4, 9, 9, 0));
  ASSERT_THAT(core_.SubmitMonthlyReport(clerk_, "", "2026-03", "late", {"r1", "f"}), IsOk());
  ASSERT_THAT(core_.Sweep(), IsOk());
  EXPECT_THAT(observer_.reports, ::testing::Contains("broadband missed"));
  EXPECT_EQ(std::count(observer_.reports.begin(), observer_.reports.end(), "broadband missed"), 1);
}

// --- V6
// -------------------------------------------------------------------------------------------

TEST_F(ArchiveCoreTest, V6_FormF4OfAnArchivedRecord) {
  const int64_t id = Archive(42);
  ASSERT_OK_AND_ASSIGN(FormExport form, core_.ExportRecordForm(clerk_, id, 0, "paper file"));
  EXPECT_EQ(form.version, 1);
  EXPECT_THAT(form.text, HasSubstr("张三"));
  EXPECT_THAT(form.text, HasSubstr("数据中心"));  // the handling department's name
  EXPECT_THAT(form.text, HasSubstr("2026-03 / 42"));
}

TEST_F(ArchiveCoreTest, V6_MonthCsvPagesConcatenateIntoOneFile) {
  for (int64_t t = 1; t <= 3; ++t) Archive(t);
  ASSERT_OK_AND_ASSIGN(CsvPage first, core_.ExportMonthCsv(clerk_, "", "2026-03", 0, 2, "stats"));
  EXPECT_EQ(first.rows, 2);
  ASSERT_NE(first.next_cursor, 0);
  ASSERT_OK_AND_ASSIGN(CsvPage second,
                       core_.ExportMonthCsv(clerk_, "", "2026-03", first.next_cursor, 2, "stats"));
  EXPECT_EQ(second.rows, 1);
  EXPECT_EQ(second.next_cursor, 0);
  const std::string file = first.csv + second.csv;
  EXPECT_TRUE(absl::StartsWith(file, "record_id,ticket_id,version,"));
  EXPECT_FALSE(absl::StartsWith(second.csv, "record_id"));
  // Header + 3 records; each problem text holds one line break inside its quotes.
  EXPECT_EQ(std::count(file.begin(), file.end(), '\n'), 1 + 3 * 2);
  ASSERT_OK_AND_ASSIGN(CsvPage none, core_.ExportMonthCsv(clerk_, "", "2026-04", 0, 2, "stats"));
  EXPECT_EQ(none.rows, 0);
}

}  // namespace
}  // namespace cs::archive
