#include "services/archive/api/archive_grpc_service.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/api/paging.h"
#include "common/api/request_fingerprint.h"
#include "common/grpc/server_call_scope.h"
#include "common/grpc/status_mapping.h"
#include "common/status/field_violations.h"
#include "common/time/period_config.h"
#include "google/protobuf/descriptor.h"
#include "services/archive/api/proto_mapping.h"

namespace cs::archive {
namespace {

// The fingerprint of a List request without its page and reason (the reason may differ per page).
std::string FilterFingerprint(const google::protobuf::Message& request) {
  return common::FilterFingerprint(request, {"reason"});
}

void SetNextPage(int64_t next_cursor, const std::string& fingerprint,
                 cs::common::v1::PageResponse* page) {
  if (next_cursor > 0) page->set_next_page_token(common::EncodePageToken(next_cursor, fingerprint));
}

}  // namespace

grpc::Status ArchiveGrpcService::ArchiveRecord(grpc::ServerContext* context,
                                               const v1::ArchiveRecordRequest* request,
                                               v1::ArchiveRecordResponse* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(IncomingRecord record,
                        IncomingFromTicket(request->has_ticket(), request->ticket(),
                                           request->unit_name(), request->time_zone()));
  ASSIGN_OR_RETURN_GRPC(ArchiveOutcome outcome,
                        core_.ArchiveRecord(caller, request->message_id(), std::move(record)));
  if (outcome.record_id > 0) response->set_record_id(RecordIdText(outcome.record_id));
  response->set_duplicate(outcome.duplicate);
  return grpc::Status::OK;
}

grpc::Status ArchiveGrpcService::CorrectRecord(grpc::ServerContext* context,
                                               const v1::CorrectRecordRequest* request,
                                               v1::ArchivedRecord* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t record_id, ParseRecordId(request->record_id(), "record_id"));
  ASSIGN_OR_RETURN_GRPC(IncomingRecord record,
                        IncomingFromTicket(request->has_ticket(), request->ticket(), "", ""));
  ASSIGN_OR_RETURN_GRPC(
      ArchiveOutcome outcome,
      core_.CorrectRecord(caller, record_id, std::move(record), request->reason(),
                          {request->request_id(), common::RequestFingerprint(*request)}));
  // The caller sent the content itself: answer with where it went, not with a read of the record.
  response->mutable_summary()->set_record_id(RecordIdText(outcome.record_id));
  response->mutable_summary()->set_current_version(outcome.version);
  response->set_version(outcome.version);
  *response->mutable_ticket() = request->ticket();
  return grpc::Status::OK;
}

grpc::Status ArchiveGrpcService::GetRecord(grpc::ServerContext* context,
                                           const v1::GetRecordRequest* request,
                                           v1::ArchivedRecord* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller,
                        AdmitRead(*context, __func__, request->record_id(), request->reason()));
  absl::StatusOr<int64_t> record_id = ParseRecordId(request->record_id(), "record_id");
  if (!record_id.ok()) {
    return common::ToGrpcStatus(core_.RefuseRead(caller, AccessAction::kGetRecord,
                                                 request->record_id(), request->reason(),
                                                 record_id.status()));
  }
  ASSIGN_OR_RETURN_GRPC(RecordView view,
                        core_.GetRecord(caller, *record_id, request->version(), request->reason()));
  ASSIGN_OR_RETURN_GRPC(*response, ToRecordProto(view.record, view.version, view.document));
  return grpc::Status::OK;
}

grpc::Status ArchiveGrpcService::SearchRecords(grpc::ServerContext* context,
                                               const v1::SearchRecordsRequest* request,
                                               v1::SearchRecordsResponse* response) {
  const common::ServerCallScope call_scope(*context);
  absl::StatusOr<RecordFilter> filter = FromProto(*request);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller,
                        AdmitRead(*context, __func__,
                                  filter.ok() ? RecordFilterTarget(*filter) : "undecodable search",
                                  request->reason()));
  absl::StatusOr<int> page_size =
      common::PageSizeOf(request->page(), kDefaultPageSize, kMaxPageSize);
  const std::string fingerprint = FilterFingerprint(*request);
  absl::StatusOr<int64_t> cursor =
      common::DecodePageToken(request->page().page_token(), fingerprint);
  for (const absl::Status& bad : {filter.status(), page_size.status(), cursor.status()}) {
    if (!bad.ok()) {
      return common::ToGrpcStatus(core_.RefuseRead(caller, AccessAction::kSearchRecords,
                                                   "undecodable search", request->reason(), bad));
    }
  }
  ASSIGN_OR_RETURN_GRPC(RecordPage page, core_.SearchRecords(caller, *std::move(filter), *cursor,
                                                             *page_size, request->reason()));
  for (const ArchivedRecord& record : page.records) {
    *response->add_records() = ToSummaryProto(record);
  }
  SetNextPage(page.next_cursor, fingerprint, response->mutable_page());
  return grpc::Status::OK;
}

grpc::Status ArchiveGrpcService::ExportRecordForm(grpc::ServerContext* context,
                                                  const v1::ExportRecordFormRequest* request,
                                                  v1::ExportRecordFormResponse* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller,
                        AdmitRead(*context, __func__, request->record_id(), request->reason()));
  absl::StatusOr<int64_t> record_id = ParseRecordId(request->record_id(), "record_id");
  if (!record_id.ok()) {
    return common::ToGrpcStatus(core_.RefuseRead(caller, AccessAction::kExportForm,
                                                 request->record_id(), request->reason(),
                                                 record_id.status()));
  }
  ASSIGN_OR_RETURN_GRPC(
      FormExport form,
      core_.ExportRecordForm(caller, *record_id, request->version(), request->reason()));
  response->set_record_id(RecordIdText(form.record_id));
  response->set_version(form.version);
  response->set_text(std::move(form.text));
  return grpc::Status::OK;
}

grpc::Status ArchiveGrpcService::ExportMonthCsv(grpc::ServerContext* context,
                                                const v1::ExportMonthCsvRequest* request,
                                                v1::ExportMonthCsvResponse* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(
      common::Principal caller,
      AdmitRead(*context, __func__, absl::StrCat("month=", request->month()), request->reason()));
  absl::StatusOr<int> page_size =
      common::PageSizeOf(request->page(), kDefaultCsvPageSize, kMaxCsvPageSize);
  const std::string fingerprint = FilterFingerprint(*request);
  absl::StatusOr<int64_t> cursor =
      common::DecodePageToken(request->page().page_token(), fingerprint);
  for (const absl::Status& bad : {page_size.status(), cursor.status()}) {
    if (!bad.ok()) {
      return common::ToGrpcStatus(core_.RefuseRead(caller, AccessAction::kExportCsv,
                                                   absl::StrCat("month=", request->month()),
                                                   request->reason(), bad));
    }
  }
  ASSIGN_OR_RETURN_GRPC(CsvPage page,
                        core_.ExportMonthCsv(caller, request->unit_id(), request->month(), *cursor,
                                             *page_size, request->reason()));
  response->set_csv(std::move(page.csv));
  response->set_rows(page.rows);
  SetNextPage(page.next_cursor, fingerprint, response->mutable_page());
  return grpc::Status::OK;
}

grpc::Status ArchiveGrpcService::ListAccessLog(grpc::ServerContext* context,
                                               const v1::ListAccessLogRequest* request,
                                               v1::ListAccessLogResponse* response) {
  const common::ServerCallScope call_scope(*context);
  absl::StatusOr<AccessLogFilter> filter = FromProto(*request);
  ASSIGN_OR_RETURN_GRPC(
      common::Principal caller,
      AdmitRead(*context, __func__, filter.ok() ? AccessLogTarget(*filter) : "undecodable request",
                request->reason()));
  absl::StatusOr<int> page_size =
      common::PageSizeOf(request->page(), kDefaultPageSize, kMaxPageSize);
  const std::string fingerprint = FilterFingerprint(*request);
  absl::StatusOr<int64_t> cursor =
      common::DecodePageToken(request->page().page_token(), fingerprint);
  for (const absl::Status& bad : {filter.status(), page_size.status(), cursor.status()}) {
    if (!bad.ok()) {
      return common::ToGrpcStatus(core_.RefuseRead(caller, AccessAction::kListAccessLog,
                                                   "undecodable request", request->reason(), bad));
    }
  }
  ASSIGN_OR_RETURN_GRPC(AccessLogPage page, core_.ListAccessLog(caller, *filter, *cursor,
                                                                *page_size, request->reason()));
  for (const AccessEntry& entry : page.entries) *response->add_entries() = ToProto(entry);
  SetNextPage(page.next_cursor, fingerprint, response->mutable_page());
  return grpc::Status::OK;
}

grpc::Status ArchiveGrpcService::SetLegalHold(grpc::ServerContext* context,
                                              const v1::SetLegalHoldRequest* request,
                                              v1::ArchivedRecord* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t record_id, ParseRecordId(request->record_id(), "record_id"));
  ASSIGN_OR_RETURN_GRPC(ArchivedRecord record,
                        core_.SetLegalHold(caller, record_id, request->hold(), request->reason()));
  // Metadata only: setting a hold is not a read of the content.
  ASSIGN_OR_RETURN_GRPC(*response, ToRecordProto(record, record.current_version, ""));
  return grpc::Status::OK;
}

grpc::Status ArchiveGrpcService::ListDueForDestruction(
    grpc::ServerContext* context, const v1::ListDueForDestructionRequest* request,
    v1::ListDueForDestructionResponse* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(
      common::Principal caller,
      AdmitRead(*context, __func__,
                absl::StrCat("due unit=", request->unit_id().empty() ? "all" : request->unit_id()),
                request->reason()));
  absl::StatusOr<int> page_size =
      common::PageSizeOf(request->page(), kDefaultPageSize, kMaxPageSize);
  const std::string fingerprint = FilterFingerprint(*request);
  absl::StatusOr<int64_t> cursor =
      common::DecodePageToken(request->page().page_token(), fingerprint);
  for (const absl::Status& bad : {page_size.status(), cursor.status()}) {
    if (!bad.ok()) {
      return common::ToGrpcStatus(core_.RefuseRead(caller, AccessAction::kListDueForDestruction,
                                                   "undecodable request", request->reason(), bad));
    }
  }
  ASSIGN_OR_RETURN_GRPC(RecordPage page,
                        core_.ListDueForDestruction(caller, request->unit_id(), *cursor, *page_size,
                                                    request->reason()));
  for (const ArchivedRecord& record : page.records) {
    *response->add_records() = ToSummaryProto(record);
  }
  SetNextPage(page.next_cursor, fingerprint, response->mutable_page());
  return grpc::Status::OK;
}

grpc::Status ArchiveGrpcService::DestroyRecord(grpc::ServerContext* context,
                                               const v1::DestroyRecordRequest* request,
                                               v1::DestructionCertificate* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(int64_t record_id, ParseRecordId(request->record_id(), "record_id"));
  ASSIGN_OR_RETURN_GRPC(
      DestructionCertificate certificate,
      core_.DestroyRecord(caller, record_id, request->reason(),
                          {request->request_id(), common::RequestFingerprint(*request)}));
  *response = ToProto(certificate);
  return grpc::Status::OK;
}

grpc::Status ArchiveGrpcService::GetRetentionPolicy(grpc::ServerContext* context,
                                                    const v1::GetRetentionPolicyRequest* request,
                                                    v1::GetRetentionPolicyResponse* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(std::vector<RetentionPolicy> policies,
                        core_.GetRetentionPolicy(caller, request->unit_id()));
  for (const RetentionPolicy& policy : policies) *response->add_units() = ToProto(policy);
  *response->mutable_minimum() = ToPeriodProto(core_.minimum_retention_months());
  return grpc::Status::OK;
}

grpc::Status ArchiveGrpcService::SetUnitRetention(grpc::ServerContext* context,
                                                  const v1::SetUnitRetentionRequest* request,
                                                  v1::UnitRetentionPolicy* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  absl::StatusOr<common::Period> period = common::PeriodFromProto(request->retention());
  if (!period.ok()) {
    return common::ToGrpcStatus(common::InvalidField(
        "retention", "must be a period in months or years (A1 7.3.1: at least 2 years)"));
  }
  ASSIGN_OR_RETURN_GRPC(RetentionPolicy policy, core_.SetUnitRetention(caller, request->unit_id(),
                                                                       *period, request->reason()));
  *response = ToProto(policy);
  return grpc::Status::OK;
}

grpc::Status ArchiveGrpcService::GetMonthlyStatistics(
    grpc::ServerContext* context, const v1::GetMonthlyStatisticsRequest* request,
    v1::MonthlyStatistics* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(MonthlyStatistics stats,
                        core_.GetMonthlyStatistics(caller, request->month(), request->unit_id()));
  *response = ToProto(stats);
  return grpc::Status::OK;
}

grpc::Status ArchiveGrpcService::SubmitMonthlyReport(grpc::ServerContext* context,
                                                     const v1::SubmitMonthlyReportRequest* request,
                                                     v1::MonthlyReportStatus* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(
      MonthlyReportStatus status,
      core_.SubmitMonthlyReport(caller, request->unit_id(), request->month(), request->analysis(),
                                {request->request_id(), common::RequestFingerprint(*request)}));
  *response = ToProto(status);
  return grpc::Status::OK;
}

grpc::Status ArchiveGrpcService::ListMonthlyReports(grpc::ServerContext* context,
                                                    const v1::ListMonthlyReportsRequest* request,
                                                    v1::ListMonthlyReportsResponse* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(std::vector<MonthlyReportStatus> statuses,
                        core_.ListMonthlyReports(caller, request->month(), request->unit_id()));
  for (const MonthlyReportStatus& status : statuses) *response->add_reports() = ToProto(status);
  return grpc::Status::OK;
}

grpc::Status ArchiveGrpcService::GetArchiveCompleteness(
    grpc::ServerContext* context, const v1::GetArchiveCompletenessRequest* request,
    v1::ArchiveCompleteness* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(common::Principal caller, guard_.Admit(*context, __func__, *request));
  ASSIGN_OR_RETURN_GRPC(ArchiveCompleteness completeness,
                        core_.GetArchiveCompleteness(caller, request->unit_id(), request->month()));
  *response = ToProto(completeness);
  return grpc::Status::OK;
}

absl::optional<AccessAction> ArchiveGrpcService::ReadActionOf(absl::string_view method) {
  static const auto* const kReads = new absl::flat_hash_map<std::string, AccessAction>{
      {"GetRecord", AccessAction::kGetRecord},
      {"SearchRecords", AccessAction::kSearchRecords},
      {"ExportRecordForm", AccessAction::kExportForm},
      {"ExportMonthCsv", AccessAction::kExportCsv},
      {"ListDueForDestruction", AccessAction::kListDueForDestruction},
      {"ListAccessLog", AccessAction::kListAccessLog},
  };
  const auto read = kReads->find(method);
  if (read == kReads->end()) return absl::nullopt;
  return read->second;
}

absl::StatusOr<common::Principal> ArchiveGrpcService::AdmitRead(
    const grpc::ServerContextBase& context, absl::string_view method, std::string target,
    const std::string& reason) const {
  absl::StatusOr<common::Principal> admitted = guard_.Admit(context, method);
  if (admitted.ok() || admitted.status().code() != absl::StatusCode::kPermissionDenied) {
    return admitted;
  }
  const absl::optional<AccessAction> action = ReadActionOf(method);
  absl::StatusOr<common::Principal> caller = guard_.Authenticate(context);
  if (!action.has_value() || !caller.ok()) return admitted.status();
  // A role the table refuses is a refused read like any other (V3): it gets its row too.
  return core_.RefuseRead(*caller, *action, std::move(target), reason, admitted.status());
}

void ArchiveGrpcService::LogUndecodableRead(const grpc::ServerContextBase& context,
                                            absl::string_view method) const {
  const google::protobuf::MethodDescriptor* descriptor =
      google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(std::string(method));
  if (descriptor == nullptr ||
      descriptor->service()->full_name() != v1::ArchiveService::service_full_name())
    return;
  const absl::optional<AccessAction> action = ReadActionOf(descriptor->name());
  if (!action.has_value()) return;
  absl::StatusOr<common::Principal> caller = guard_.Authenticate(context);
  if (!caller.ok()) return;
  // The row is the point; its own failure is already counted by the store's metrics.
  (void)core_.RefuseRead(*caller, *action, "undecodable request", "",
                         common::UndecodableRequestError(descriptor->input_type()->full_name()));
}

}  // namespace cs::archive
