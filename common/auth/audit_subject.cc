#include "common/auth/audit_subject.h"

#include <utility>

namespace cs::common {
namespace {

thread_local AuditSubjectScope* innermost = nullptr;

}  // namespace

AuditSubjectScope::AuditSubjectScope() : outer_(innermost) { innermost = this; }

AuditSubjectScope::~AuditSubjectScope() { innermost = outer_; }

void SetCurrentAuditSubject(AuditSubject subject) {
  if (innermost != nullptr) innermost->subject_ = std::move(subject);
}

const AuditSubject* CurrentAuditSubject() {
  if (innermost == nullptr || !innermost->subject_.has_value() || innermost->row_committed_) {
    return nullptr;
  }
  return &*innermost->subject_;
}

void AuditRowCommitted() {
  if (innermost != nullptr) innermost->row_committed_ = true;
}

}  // namespace cs::common
