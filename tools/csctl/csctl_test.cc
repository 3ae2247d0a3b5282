// csctl in memory: requests built from flags by reflection, the two views of an answer, the exit
// codes, and the command table against the compiled-in descriptors. The real binary against the
// running suite is tests/e2e/csctl_e2e_test.cc.
#include "tools/csctl/csctl.h"

#include <sstream>

#include "cs/archive/v1/archive.pb.h"
#include "cs/intake/v1/intake.pb.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "tools/csctl/cli_args.h"
#include "tools/csctl/command_table.h"
#include "tools/csctl/error_report.h"
#include "tools/csctl/generic_call.h"
#include "tools/csctl/request_fields.h"
#include "tools/csctl/response_view.h"

namespace cs::tools::csctl {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(RequestFieldsTest, SetsNestedFieldsEnumsByShortNameTimestampsMasksAndRepeats) {
  intake::v1::UpdateTicketRequest request;
  ASSERT_TRUE(SetField(request, "ticket_id", "42").ok());
  ASSERT_TRUE(SetField(request, "ticket.problem", "宽带无法连接").ok());
  ASSERT_TRUE(SetField(request, "ticket.kind", "complaint").ok());
  ASSERT_TRUE(SetField(request, "ticket.channel", "CHANNEL_EMAIL").ok());
  ASSERT_TRUE(SetField(request, "ticket.special-request", "").ok());
  ASSERT_TRUE(SetField(request, "ticket.complained_at", "2026-05-06T09:30:00+08:00").ok());
  ASSERT_TRUE(SetField(request, "update_mask", "problem, kind").ok());
  EXPECT_EQ(request.ticket_id(), 42);
  EXPECT_EQ(request.ticket().problem(), "宽带无法连接");
  EXPECT_EQ(request.ticket().kind(), common::v1::TICKET_KIND_COMPLAINT);
  EXPECT_EQ(request.ticket().channel(), common::v1::CHANNEL_EMAIL);
  EXPECT_TRUE(request.ticket().special_request());
  EXPECT_EQ(request.ticket().complained_at().seconds(), 1778031000);
  EXPECT_THAT(request.update_mask().paths(), ::testing::ElementsAre("problem", "kind"));

  intake::v1::ReportTicketOutcomeRequest repeated;
  ASSERT_TRUE(SetField(repeated, "fields_at_fault", "device_number").ok());
  ASSERT_TRUE(SetField(repeated, "fields_at_fault", "contact_phone").ok());
  EXPECT_EQ(repeated.fields_at_fault_size(), 2);
}

TEST(RequestFieldsTest, RefusesUnknownFieldsAndBadValuesNamingThem) {
  intake::v1::CreateTicketRequest request;
  const absl::Status unknown = SetField(request, "ticket.problm", "x");
  EXPECT_THAT(std::string(unknown.message()), HasSubstr("problem"));
  EXPECT_THAT(std::string(SetField(request, "ticket.kind", "opinion").message()),
              HasSubstr("TICKET_KIND_COMPLAINT"));
  EXPECT_FALSE(SetField(request, "ticket.complained_at", "yesterday").ok());
  intake::v1::GetTicketRequest get;
  EXPECT_THAT(std::string(SetField(get, "ticket_id", "seven").message()), HasSubstr("--ticket_id"));
}

TEST(RequestFieldsTest, TextFormatAndSetPaths) {
  intake::v1::ListTicketsRequest request;
  ASSERT_TRUE(
      MergeTextFormat("page { page_size: 5 } status: TICKET_STATUS_RECORDED", request).ok());
  EXPECT_TRUE(IsFieldPathSet(request, "page.page_size"));
  EXPECT_FALSE(IsFieldPathSet(request, "unit_id"));
  EXPECT_THAT(std::string(MergeTextFormat("page {", request).message()), HasSubstr("1:"));
  EXPECT_NE(RequestIdField(*intake::v1::CreateTicketRequest::descriptor()), nullptr);
  EXPECT_EQ(RequestIdField(*intake::v1::GetTicketRequest::descriptor()), nullptr);
  EXPECT_NE(NewRequestId(), NewRequestId());
  EXPECT_LE(NewRequestId().size(), 64u);
}

TEST(ResponseViewTest, JsonAndTableKeepChineseText) {
  intake::v1::Ticket ticket;
  ticket.set_ticket_id(7);
  ticket.mutable_input()->set_problem("宽带无法连接");
  ticket.set_status(intake::v1::TICKET_STATUS_RECORDED);
  absl::StatusOr<std::string> json = FormatJson(ticket);
  ASSERT_TRUE(json.ok());
  EXPECT_THAT(*json, HasSubstr("\"problem\": \"宽带无法连接\""));
  EXPECT_THAT(*json, HasSubstr("\"status\": \"TICKET_STATUS_RECORDED\""));
  const std::string table = FormatTable(ticket, {});
  EXPECT_THAT(table, HasSubstr("input.problem  宽带无法连接"));
  EXPECT_THAT(table, HasSubstr("ticket_id      7"));
}

TEST(ResponseViewTest, AListIsATableAlignedByDisplayWidth) {
  intake::v1::ListTicketsResponse list;
  intake::v1::Ticket* first = list.add_tickets();
  first->set_ticket_id(1);
  first->mutable_input()->set_problem("宽带");
  intake::v1::Ticket* second = list.add_tickets();
  second->set_ticket_id(22);
  second->mutable_input()->set_problem("ab");
  list.mutable_page()->set_next_page_token("next");
  TableViewOptions view;
  view.columns = {"input.problem", "ticket_id"};
  const std::string table = FormatTable(list, view);
  EXPECT_EQ(table,
            "input.problem  ticket_id\n"
            "宽带           1\n"
            "ab             22\n"
            "\n"
            "page.next_page_token  next\n");
  EXPECT_EQ(DisplayWidth("宽带ab"), 6u);
}

TEST(ResponseViewTest, RawTextIsPrintedAsItIs) {
  intake::v1::RenderTicketFormResponse form;
  form.set_text("客户服务质量监督电话记录表\n总编号: 1");
  TableViewOptions view;
  view.raw_text_field = "text";
  EXPECT_EQ(FormatTable(form, view), "客户服务质量监督电话记录表\n总编号: 1\n");
}

TEST(ErrorReportTest, ExitCodesAndEveryFieldViolationOnItsOwnLine) {
  EXPECT_EQ(ExitCodeOf(grpc::StatusCode::OK), kExitOk);
  EXPECT_EQ(ExitCodeOf(grpc::StatusCode::NOT_FOUND), kExitNotFound);
  EXPECT_EQ(ExitCodeOf(grpc::StatusCode::INVALID_ARGUMENT), kExitRefused);
  EXPECT_EQ(ExitCodeOf(grpc::StatusCode::UNAUTHENTICATED), kExitRefused);
  EXPECT_EQ(ExitCodeOf(grpc::StatusCode::UNAVAILABLE), kExitUnavailable);
  EXPECT_EQ(ExitCodeOf(grpc::StatusCode::INTERNAL), kExitOther);

  google::rpc::Status details;
  details.set_code(3);
  google::rpc::ErrorInfo info;
  info.set_reason("INVALID_FIELDS");
  info.set_domain("cs.intake");
  details.add_details()->PackFrom(info);
  google::rpc::BadRequest bad;
  auto* violation = bad.add_field_violations();
  violation->set_field("ticket.contact_phone");
  violation->set_description("is not a phone number");
  violation = bad.add_field_violations();
  violation->set_field("ticket.unit_id");
  violation->set_description("is not a unit");
  details.add_details()->PackFrom(bad);
  const grpc::Status status(grpc::StatusCode::INVALID_ARGUMENT, "bad ticket",
                            details.SerializeAsString());
  EXPECT_EQ(DescribeFailure("IntakeService/CreateTicket", status),
            "csctl: IntakeService/CreateTicket: INVALID_ARGUMENT: bad ticket\n"
            "  reason: INVALID_FIELDS (cs.intake)\n"
            "  ticket.contact_phone: is not a phone number\n"
            "  ticket.unit_id: is not a unit\n");
}

TEST(CommandTableTest, EveryCommandNamesAMethodAndFieldsThatExist) {
  for (const CommandSpec& command : Commands()) {
    SCOPED_TRACE(command.group + " " + command.verb);
    absl::StatusOr<const google::protobuf::MethodDescriptor*> method = FindMethod(command.method);
    ASSERT_TRUE(method.ok()) << method.status();
    for (const std::string& positional : command.positionals) {
      EXPECT_NE(FindFieldPath(*(*method)->input_type(), positional), nullptr) << positional;
    }
    const google::protobuf::Descriptor& answer = *(*method)->output_type();
    if (!command.raw_text_field.empty()) {
      EXPECT_NE(answer.FindFieldByName(command.raw_text_field), nullptr);
    }
    if (!command.columns.empty()) {
      const google::protobuf::Descriptor* row = nullptr;
      for (int i = 0; i < answer.field_count(); ++i) {
        if (answer.field(i)->is_repeated() && answer.field(i)->message_type() != nullptr) {
          row = answer.field(i)->message_type();
          break;
        }
      }
      ASSERT_NE(row, nullptr) << "columns on an answer that is no list";
      for (const std::string& column : command.columns) {
        EXPECT_NE(FindFieldPath(*row, column), nullptr) << column;
      }
    }
  }
}

std::optional<std::string> NoEnvironment(const std::string&) { return std::nullopt; }

TEST(CliTest, UsageErrorsExitTwoBeforeAnythingIsSent) {
  std::ostringstream out, err;
  EXPECT_EQ(RunCsctl({"ticket", "fly"}, NoEnvironment, out, err), kExitUsage);
  EXPECT_EQ(RunCsctl({"ticket", "get"}, NoEnvironment, out, err), kExitUsage);
  EXPECT_THAT(err.str(), HasSubstr("missing <ticket_id>"));
  EXPECT_EQ(
      RunCsctl({"ticket", "get", "1", "--ticket_idd=2", "--token=x"}, NoEnvironment, out, err),
      kExitUsage);
  EXPECT_EQ(RunCsctl({"ticket", "get", "1"}, NoEnvironment, out, err), kExitUsage);
  EXPECT_THAT(err.str(), HasSubstr("no token"));
  EXPECT_EQ(RunCsctl({"ticket", "list", "--output=yaml"}, NoEnvironment, out, err), kExitUsage);
}

TEST(CliTest, EnvironmentFillsAddressesAndTokenFlagsWin) {
  auto environment = [](const std::string& name) -> std::optional<std::string> {
    if (name == "CS_ROUTING_ADDRESS") return "routing.cs.internal:443";
    if (name == "CS_TOKEN") return "from-environment";
    return std::nullopt;
  };
  absl::StatusOr<CliArgs> args =
      ParseCliArgs({"route", "list", "--token", "from-flag", "--archive=a:1"}, environment);
  ASSERT_TRUE(args.ok());
  EXPECT_EQ(args->addresses.at(Target::kRouting), "routing.cs.internal:443");
  EXPECT_EQ(args->addresses.at(Target::kArchive), "a:1");
  EXPECT_EQ(args->addresses.at(Target::kIntake), "localhost:50051");
  EXPECT_EQ(args->token, "from-flag");
  EXPECT_THAT(args->words, ::testing::ElementsAre("route", "list"));
  EXPECT_FALSE(ParseCliArgs({"--token=a", "--token-file=b"}, environment).ok());
}

TEST(CliTest, HelpOfEveryCommandExitsZeroAndNamesItsFlags) {
  std::ostringstream out, err;
  EXPECT_EQ(RunCsctl({"--help"}, NoEnvironment, out, err), kExitOk);
  EXPECT_THAT(out.str(), HasSubstr("exit codes"));
  for (const CommandSpec& command : Commands()) {
    std::ostringstream help, ignored;
    std::vector<std::string> argv = {command.group};
    if (!command.verb.empty()) argv.push_back(command.verb);
    argv.push_back("--help");
    EXPECT_EQ(RunCsctl(argv, NoEnvironment, help, ignored), kExitOk);
    EXPECT_THAT(help.str(), HasSubstr(command.method));
    EXPECT_THAT(help.str(), Not(HasSubstr("not compiled")));
  }
}

}  // namespace
}  // namespace cs::tools::csctl
