// What the suite's binaries serve and the declared access table of each of those services, for
// tests that walk every method of the running suite from the proto descriptors.
#ifndef CS_TESTS_E2E_SUITE_ACCESS_H_
#define CS_TESTS_E2E_SUITE_ACCESS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "common/auth/access_table.h"
#include "google/protobuf/descriptor.h"

namespace cs::e2e {

// The service the binary `name` ("intake", ..., "archive") exists for; null for another name.
const google::protobuf::ServiceDescriptor* MainServiceOf(absl::string_view name);

// The administrative services of common/ a binary may serve besides its own (CalendarAdmin,
// OutboxAdmin, TestClock): which ones it does, a test finds out by asking.
std::vector<const google::protobuf::ServiceDescriptor*> SharedServices();

// The declared access table of `service` (its full name); null when none is declared.
const common::AccessTable* AccessTableOf(absl::string_view service);

// Every declared table: the six services' and the shared services'.
std::vector<const common::AccessTable*> AllAccessTables();

// "/package.Service/Method".
std::string PathOf(const google::protobuf::MethodDescriptor& method);

}  // namespace cs::e2e

#endif  // CS_TESTS_E2E_SUITE_ACCESS_H_
