// The declared access rules of cs.intake.v1.IntakeService (issue 16, "Access"): who may call each
// RPC. The API admits every call by them before reading the request (common/grpc/access_guard.h);
// the core checks the target's unit where a rule says OWN_UNIT. The e2e access walk and the
// README's access matrix are held to this table, so it is the one place to read or change who may
// do what.
#ifndef CS_SERVICES_INTAKE_API_INTAKE_ACCESS_H_
#define CS_SERVICES_INTAKE_API_INTAKE_ACCESS_H_

#include "common/auth/access_table.h"

namespace cs::intake {

const common::AccessTable& IntakeAccessTable();

}  // namespace cs::intake

#endif  // CS_SERVICES_INTAKE_API_INTAKE_ACCESS_H_
