// Who is changing what in the call this thread serves, for the audit row each committed change
// gets (issue 16, "Audit"; common/db/transaction.h writes it). The API admits a call
// (common/grpc/access_guard.h) and, for a method that changes something, records its caller here;
// deep layers read it without every signature in between carrying it.
//
// Thread-local, like common/time/call_deadline.h: a scope per served call (common/grpc's
// ServerCallScope holds one), nesting, innermost wins. Work handed to another thread does not see
// it: capture CurrentAuditSubject() on the serving thread and pass a copy along (the commit queue
// does).
#ifndef CS_COMMON_AUTH_AUDIT_SUBJECT_H_
#define CS_COMMON_AUTH_AUDIT_SUBJECT_H_

#include <optional>
#include <string>

namespace cs::common {

struct AuditSubject {
  std::string principal;
  // RoleName() of the caller's role.
  std::string role;
  std::string unit_id;
  // The RPC's short name.
  std::string method;
  // The request's request_id; empty when it has none.
  std::string request_id;
};

// Marks this thread as serving a call whose subject may be recorded, until destroyed. Create and
// destroy on the same thread, innermost first.
class AuditSubjectScope {
 public:
  AuditSubjectScope();
  ~AuditSubjectScope();

  AuditSubjectScope(const AuditSubjectScope&) = delete;
  AuditSubjectScope& operator=(const AuditSubjectScope&) = delete;

 private:
  friend void SetCurrentAuditSubject(AuditSubject subject);
  friend const AuditSubject* CurrentAuditSubject();
  friend void AuditRowCommitted();

  std::optional<AuditSubject> subject_;
  bool row_committed_ = false;
  AuditSubjectScope* const outer_;
};

// Records the subject in the innermost scope; does nothing when no scope is active (a background
// worker's changes are not an RPC's).
void SetCurrentAuditSubject(AuditSubject subject);

// The innermost scope's subject; nullptr without a scope, before one was recorded, or once the
// call's audit row has committed (AuditRowCommitted): a call has ONE row, in the transaction of its
// first committed change. A later transaction of the same call completes that change under the
// same request_id (a channel's history entry after its fault is stored) and adds no row.
const AuditSubject* CurrentAuditSubject();

// The call's audit row has committed (RunInTransaction, after COMMIT).
void AuditRowCommitted();

}  // namespace cs::common

#endif  // CS_COMMON_AUTH_AUDIT_SUBJECT_H_
