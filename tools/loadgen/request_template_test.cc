#include "tools/loadgen/request_template.h"

#include <memory>
#include <set>
#include <string>

#include "absl/status/status.h"
#include "common/testing/status_matchers.h"
#include "cs/bench/v1/echo.pb.h"
#include "cs/intake/v1/intake.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace cs::tools::loadgen {
namespace {

using ::cs::bench::v1::EchoRequest;
using ::cs::common::testing::IsOkAndHolds;
using ::cs::common::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::StartsWith;

RequestTemplateOptions Options(std::string text, RequestIdMode mode) {
  RequestTemplateOptions options;
  options.text = std::move(text);
  options.request_id_mode = mode;
  options.run_id = "run7";
  return options;
}

EchoRequest Decode(const std::string& bytes) {
  EchoRequest request;
  EXPECT_TRUE(request.ParseFromString(bytes));
  return request;
}

TEST(RequestTemplateTest, UniqueModeGivesEveryCallOfEveryWorkerADifferentId) {
  auto requests = RequestTemplate::Create(EchoRequest::default_instance(),
                                          Options("payload: 'abc'", RequestIdMode::kUnique));
  ASSERT_OK(requests.status());
  EXPECT_TRUE((*requests)->fills_request_id());

  std::set<std::string> ids;
  for (int worker = 0; worker < 3; ++worker) {
    std::unique_ptr<RequestBuilder> builder = (*requests)->NewBuilder(worker);
    for (int call = 0; call < 100; ++call) {
      const EchoRequest request = Decode(builder->Next());
      EXPECT_EQ(request.payload(), "abc");
      EXPECT_THAT(request.request_id(), StartsWith("run7-"));
      EXPECT_EQ(request.request_id(), builder->last_request_id());
      ids.insert(request.request_id());
    }
  }
  EXPECT_EQ(ids.size(), 300u);
}

TEST(RequestTemplateTest, UniqueModeOverridesAnIdGivenInTheBody) {
  auto requests = RequestTemplate::Create(EchoRequest::default_instance(),
                                          Options("request_id: 'fixed'", RequestIdMode::kUnique));
  ASSERT_OK(requests.status());
  auto builder = (*requests)->NewBuilder(0);
  EXPECT_NE(Decode(builder->Next()).request_id(), "fixed");
}

TEST(RequestTemplateTest, RepeatModeSendsTheBodysIdOnEveryCall) {
  auto requests = RequestTemplate::Create(
      EchoRequest::default_instance(),
      Options("request_id: 'same-one' payload: 'x'", RequestIdMode::kRepeat));
  ASSERT_OK(requests.status());
  auto first_worker = (*requests)->NewBuilder(0);
  auto second_worker = (*requests)->NewBuilder(1);
  for (int call = 0; call < 5; ++call) {
    EXPECT_EQ(Decode(first_worker->Next()).request_id(), "same-one");
    EXPECT_EQ(Decode(second_worker->Next()).request_id(), "same-one");
  }
}

TEST(RequestTemplateTest, RepeatModeWithoutIdInTheBodyUsesTheRunIdEverywhere) {
  auto requests =
      RequestTemplate::Create(EchoRequest::default_instance(), Options("", RequestIdMode::kRepeat));
  ASSERT_OK(requests.status());
  EXPECT_EQ(Decode((*requests)->NewBuilder(0)->Next()).request_id(), "run7");
  EXPECT_EQ(Decode((*requests)->NewBuilder(4)->Next()).request_id(), "run7");
}

TEST(RequestTemplateTest, NestedBodyOfARealCreateRequestIsKept) {
  auto requests = RequestTemplate::Create(
      cs::intake::v1::CreateTicketRequest::default_instance(),
      Options("ticket { unit_id: 'u1' kind: TICKET_KIND_COMPLAINT problem: 'no dial tone' }",
              RequestIdMode::kUnique));
  ASSERT_OK(requests.status());
  cs::intake::v1::CreateTicketRequest request;
  ASSERT_TRUE(request.ParseFromString((*requests)->NewBuilder(2)->Next()));
  EXPECT_EQ(request.ticket().unit_id(), "u1");
  EXPECT_EQ(request.ticket().kind(), cs::common::v1::TICKET_KIND_COMPLAINT);
  EXPECT_EQ(request.ticket().problem(), "no dial tone");
  EXPECT_EQ(request.request_id(), "run7-2-0");
}

TEST(RequestTemplateTest, TypeWithoutTheFieldIsSentUnchanged) {
  auto requests = RequestTemplate::Create(cs::intake::v1::GetTicketRequest::default_instance(),
                                          Options("ticket_id: 12", RequestIdMode::kUnique));
  ASSERT_OK(requests.status());
  EXPECT_FALSE((*requests)->fills_request_id());
  auto builder = (*requests)->NewBuilder(0);
  cs::intake::v1::GetTicketRequest request;
  ASSERT_TRUE(request.ParseFromString(builder->Next()));
  EXPECT_EQ(request.ticket_id(), 12);
  EXPECT_EQ(builder->last_request_id(), "");
}

TEST(RequestTemplateTest, MissingFieldIsAnErrorWhenRequired) {
  RequestTemplateOptions options = Options("", RequestIdMode::kUnique);
  options.request_id_field = "idempotency_key";
  options.require_request_id_field = true;
  auto requests = RequestTemplate::Create(EchoRequest::default_instance(), options);
  EXPECT_THAT(requests, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("idempotency_key")));
}

TEST(RequestTemplateTest, FieldThatIsNotAStringIsRejected) {
  RequestTemplateOptions options = Options("", RequestIdMode::kUnique);
  options.request_id_field = "ticket_id";
  auto requests =
      RequestTemplate::Create(cs::intake::v1::GetTicketRequest::default_instance(), options);
  EXPECT_THAT(requests, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("ticket_id")));
}

TEST(RequestTemplateTest, BadTextNamesLineAndColumn) {
  auto requests =
      RequestTemplate::Create(EchoRequest::default_instance(),
                              Options("payload: 'a'\nno_such_field: 1", RequestIdMode::kUnique));
  EXPECT_THAT(requests, StatusIs(absl::StatusCode::kInvalidArgument,
                                 AllOf(HasSubstr("2:"), HasSubstr("no_such_field"))));
}

TEST(RequestTemplateTest, FindsCompiledInTypesByName) {
  auto found = FindGeneratedPrototype("cs.bench.v1.EchoRequest");
  ASSERT_OK(found.status());
  EXPECT_EQ((*found)->GetDescriptor(), EchoRequest::descriptor());
  EXPECT_THAT(FindGeneratedPrototype("cs.bench.v1.NoSuchMessage"),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST(RequestTemplateTest, ParsesIdModes) {
  EXPECT_THAT(ParseRequestIdMode("unique"), IsOkAndHolds(RequestIdMode::kUnique));
  EXPECT_THAT(ParseRequestIdMode("repeat"), IsOkAndHolds(RequestIdMode::kRepeat));
  EXPECT_THAT(ParseRequestIdMode("same"), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(RequestTemplateTest, RunIdsDiffer) {
  const std::string first = NewRunId();
  EXPECT_THAT(first, StartsWith("lg"));
  EXPECT_EQ(first.size(), 14u);
  EXPECT_NE(first, NewRunId());
}

}  // namespace
}  // namespace cs::tools::loadgen
