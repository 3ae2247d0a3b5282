// Who may call each RPC of cs.assessment.v1.AssessmentService (issue 16, "Access"): the declared
// rules the API admits a call by before it reads the request (common/grpc/access_guard.h). Kept
// beside the API so a new RPC and its rule change together; each row lists exactly the roles the
// cores (core/notice_core.cc, core/record_core.cc, core/scorecard_core.cc) let through, and the
// e2e access walk and the README's access matrix hold to it.
#ifndef CS_SERVICES_ASSESSMENT_API_ASSESSMENT_ACCESS_H_
#define CS_SERVICES_ASSESSMENT_API_ASSESSMENT_ACCESS_H_

#include "common/auth/access_table.h"

namespace cs::assessment {

// One rule per RPC, in the proto's order; built once, immutable, thread-safe.
const common::AccessTable& AssessmentAccessTable();

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_API_ASSESSMENT_ACCESS_H_
