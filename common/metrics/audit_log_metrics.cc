#include "common/metrics/audit_log_metrics.h"

#include <exception>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "prometheus/gauge.h"

namespace cs::common {

std::string AuditLogAppendOnlyMetricName(absl::string_view service) {
  return absl::StrCat("cs_", absl::StrReplaceAll(service, {{"-", "_"}}), "_audit_log_append_only");
}

absl::Status ExportAuditLogAppendOnly(prometheus::Registry& registry, absl::string_view service,
                                      bool append_only) {
  try {
    prometheus::BuildGauge()
        .Name(AuditLogAppendOnlyMetricName(service))
        .Help(
            "1 when the service's database account is refused UPDATE and DELETE on audit_log "
            "(its audit rows cannot be rewritten), 0 when it could change them")
        .Register(registry)
        .Add({})
        .Set(append_only ? 1 : 0);
  } catch (const std::exception& e) {
    return absl::InternalError(
        absl::StrCat("cannot register ", AuditLogAppendOnlyMetricName(service), ": ", e.what()));
  }
  return absl::OkStatus();
}

}  // namespace cs::common
