// One unary call of an end-to-end test that must be answered OK: as CallAs (running_suite.h), with
// a test failure naming the method's answer otherwise. For the steps of a scenario whose answer
// the test reads next.
#ifndef CS_TESTS_E2E_CALL_EXPECTING_OK_H_
#define CS_TESTS_E2E_CALL_EXPECTING_OK_H_

#include "absl/strings/string_view.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "tests/e2e/running_suite.h"

namespace cs::e2e {

// The response of `method` called as the holder of `token`; an empty response, and a non-fatal
// test failure with the gRPC code and message, when it is not answered OK.
template <typename Stub, typename Request, typename Response>
Response CallExpectingOk(Stub& stub,
                         grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&,
                                                      Response*),
                         absl::string_view token, const Request& request) {
  Response response;
  const grpc::Status status = CallAs(stub, method, token, request, &response);
  EXPECT_TRUE(status.ok()) << Request::descriptor()->name() << " answered " << status.error_code()
                           << ": " << status.error_message();
  return response;
}

}  // namespace cs::e2e

#endif  // CS_TESTS_E2E_CALL_EXPECTING_OK_H_
