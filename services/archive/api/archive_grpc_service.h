// The cs.archive.v1.ArchiveService gRPC handlers: authenticate the caller, translate the request
// into the domain, call the core, translate back (ARCHITECTURE: thin api layer, no business rule
// here). Thread-safe: handlers run concurrently on gRPC's threads and share only the thread-safe
// core.
#ifndef CS_SERVICES_ARCHIVE_API_ARCHIVE_GRPC_SERVICE_H_
#define CS_SERVICES_ARCHIVE_API_ARCHIVE_GRPC_SERVICE_H_

#include "absl/types/optional.h"
#include "common/grpc/access_guard.h"
#include "common/grpc/authenticator.h"
#include "cs/archive/v1/archive.grpc.pb.h"
#include "services/archive/api/archive_access.h"
#include "services/archive/core/archive_core.h"

namespace cs::archive {

// Page sizes when a request gives none, and the most one page may hold.
inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 500;
inline constexpr int kDefaultCsvPageSize = 1000;
inline constexpr int kMaxCsvPageSize = 5000;

class ArchiveGrpcService final : public v1::ArchiveService::Service {
 public:
  // Both must outlive the service.
  ArchiveGrpcService(ArchiveCore& core, const common::Authenticator& authenticator)
      : core_(core), guard_(authenticator, ArchiveAccessTable()) {}

  grpc::Status ArchiveRecord(grpc::ServerContext* context, const v1::ArchiveRecordRequest* request,
                             v1::ArchiveRecordResponse* response) override;
  grpc::Status CorrectRecord(grpc::ServerContext* context, const v1::CorrectRecordRequest* request,
                             v1::ArchivedRecord* response) override;
  grpc::Status GetRecord(grpc::ServerContext* context, const v1::GetRecordRequest* request,
                         v1::ArchivedRecord* response) override;
  grpc::Status SearchRecords(grpc::ServerContext* context, const v1::SearchRecordsRequest* request,
                             v1::SearchRecordsResponse* response) override;
  grpc::Status ExportRecordForm(grpc::ServerContext* context,
                                const v1::ExportRecordFormRequest* request,
                                v1::ExportRecordFormResponse* response) override;
  grpc::Status ExportMonthCsv(grpc::ServerContext* context,
                              const v1::ExportMonthCsvRequest* request,
                              v1::ExportMonthCsvResponse* response) override;
  grpc::Status ListAccessLog(grpc::ServerContext* context, const v1::ListAccessLogRequest* request,
                             v1::ListAccessLogResponse* response) override;
  grpc::Status SetLegalHold(grpc::ServerContext* context, const v1::SetLegalHoldRequest* request,
                            v1::ArchivedRecord* response) override;
  grpc::Status ListDueForDestruction(grpc::ServerContext* context,
                                     const v1::ListDueForDestructionRequest* request,
                                     v1::ListDueForDestructionResponse* response) override;
  grpc::Status DestroyRecord(grpc::ServerContext* context, const v1::DestroyRecordRequest* request,
                             v1::DestructionCertificate* response) override;
  grpc::Status GetRetentionPolicy(grpc::ServerContext* context,
                                  const v1::GetRetentionPolicyRequest* request,
                                  v1::GetRetentionPolicyResponse* response) override;
  grpc::Status SetUnitRetention(grpc::ServerContext* context,
                                const v1::SetUnitRetentionRequest* request,
                                v1::UnitRetentionPolicy* response) override;
  grpc::Status GetMonthlyStatistics(grpc::ServerContext* context,
                                    const v1::GetMonthlyStatisticsRequest* request,
                                    v1::MonthlyStatistics* response) override;
  grpc::Status SubmitMonthlyReport(grpc::ServerContext* context,
                                   const v1::SubmitMonthlyReportRequest* request,
                                   v1::MonthlyReportStatus* response) override;
  grpc::Status ListMonthlyReports(grpc::ServerContext* context,
                                  const v1::ListMonthlyReportsRequest* request,
                                  v1::ListMonthlyReportsResponse* response) override;
  grpc::Status GetArchiveCompleteness(grpc::ServerContext* context,
                                      const v1::GetArchiveCompletenessRequest* request,
                                      v1::ArchiveCompleteness* response) override;

  // A read whose request did not parse still leaves an access-log row (V3), like any refused read,
  // when the caller is authenticated. `method` is the full method name; other methods are ignored.
  void LogUndecodableRead(const grpc::ServerContextBase& context, absl::string_view method) const;
  // The access-logged read a method is, if it is one.
  static absl::optional<AccessAction> ReadActionOf(absl::string_view method);
  // guard_.Admit for an access-logged read: a refused role writes its access-log row as well.
  absl::StatusOr<common::Principal> AdmitRead(const grpc::ServerContextBase& context,
                                              absl::string_view method, std::string target,
                                              const std::string& reason) const;

 private:
  ArchiveCore& core_;
  const common::AccessGuard guard_;
};

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_API_ARCHIVE_GRPC_SERVICE_H_
