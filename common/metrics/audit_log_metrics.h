// Whether a service's database account can rewrite its audit trail (issue 16, "Audit"), as the
// gauge cs_<service>_audit_log_append_only: 1 when the account is refused UPDATE and DELETE on
// audit_log (the deployed arrangement, common/db/service_grants.h), 0 when it could change audit
// rows (a development start with an admin account). Set once at start (the grants do not change
// while the process runs); an alert on 0 tells a misdeployed account. Thread-safe.
#ifndef CS_COMMON_METRICS_AUDIT_LOG_METRICS_H_
#define CS_COMMON_METRICS_AUDIT_LOG_METRICS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "prometheus/registry.h"

namespace cs::common {

// "hotline-registry" -> "cs_hotline_registry_audit_log_append_only".
std::string AuditLogAppendOnlyMetricName(absl::string_view service);

// Registers the gauge of `service` with `registry` and sets it. INTERNAL when it cannot be
// registered (e.g. registered twice with another help text).
absl::Status ExportAuditLogAppendOnly(prometheus::Registry& registry, absl::string_view service,
                                      bool append_only);

}  // namespace cs::common

#endif  // CS_COMMON_METRICS_AUDIT_LOG_METRICS_H_
