// Early-return helpers for absl::Status and absl::StatusOr<T>, with the names Abseil later adopted,
// so they can be swapped for Abseil's own when the suite moves past Abseil 20220623. Header-only;
// no state.
#ifndef CS_COMMON_STATUS_STATUS_MACROS_H_
#define CS_COMMON_STATUS_STATUS_MACROS_H_

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define CS_STATUS_MACROS_CONCAT_INNER(a, b) a##b
#define CS_STATUS_MACROS_CONCAT(a, b) CS_STATUS_MACROS_CONCAT_INNER(a, b)

// Evaluates `expr` (an absl::Status or absl::StatusOr<T>) once; returns its status from the
// enclosing function when it is not OK.
#define RETURN_IF_ERROR(expr)                                                                  \
  do {                                                                                         \
    if (auto cs_status_ = ::cs::common::status_internal::AsStatus((expr)); !cs_status_.ok()) { \
      return cs_status_;                                                                       \
    }                                                                                          \
  } while (false)

// `ASSIGN_OR_RETURN(lhs, expr)`: evaluates `expr` (an absl::StatusOr<T>); on error returns its
// status from the enclosing function, otherwise moves the value into `lhs`, which may be a
// declaration
// (`ASSIGN_OR_RETURN(Ticket t, store.Get(id));`).
#define ASSIGN_OR_RETURN(lhs, expr) \
  CS_ASSIGN_OR_RETURN_IMPL(CS_STATUS_MACROS_CONCAT(cs_statusor_, __LINE__), lhs, expr)

#define CS_ASSIGN_OR_RETURN_IMPL(statusor, lhs, expr) \
  auto statusor = (expr);                             \
  if (!statusor.ok()) {                               \
    return std::move(statusor).status();              \
  }                                                   \
  lhs = std::move(statusor).value()

namespace cs::common::status_internal {

inline const absl::Status& AsStatus(const absl::Status& status) { return status; }
inline absl::Status AsStatus(absl::Status&& status) { return std::move(status); }
template <typename T>
absl::Status AsStatus(const absl::StatusOr<T>& status_or) {
  return status_or.status();
}

}  // namespace cs::common::status_internal

#endif  // CS_COMMON_STATUS_STATUS_MACROS_H_
