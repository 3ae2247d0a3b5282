// The cs.channel.v1 mapping: values filled in every field reach the wire in every field
// (common/testing/proto_fields.h), so a field the mapping forgets cannot read 0 unnoticed; and what
// the wire cannot carry into the domain is named field by field.
#include "services/channel-registry/api/proto_mapping.h"

#include <string>
#include <vector>

#include "common/api/proto_time.h"
#include "common/status/field_violations.h"
#include "common/testing/proto_fields.h"
#include "common/testing/status_matchers.h"
#include "common/time/calendar_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/channel-registry/store/channel_store_test_support.h"

namespace cs::channel {
namespace {

using ::cs::common::testing::FieldsOf;
using ::cs::common::testing::ShanghaiTime;
using ::cs::common::testing::StatusIs;
using ::cs::common::testing::UnsetFieldPaths;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

const absl::Time kT0 = ShanghaiTime(2026, 3, 2, 10, 0);

// The contact's address and postal code have no place on form F3.
const std::vector<std::string>& AlwaysUnset() {
  static const auto* const kPaths = new std::vector<std::string>{
      "form.contact.address", "form.contact.postal_code", "form_versions[0].contact.address",
      "form_versions[0].contact.postal_code"};
  return *kPaths;
}

FilingForm FilledForm() {
  FilingForm form = testing::Form();
  form.purposes = {ChannelPurpose::kOrdering, ChannelPurpose::kComplaint};
  form.remarks = "节假日照常查看";
  form.foreign_use_heavy = true;
  form.languages = {"zh", "en"};
  return form;
}

OnlineChannel FilledChannel() {
  OnlineChannel channel = testing::Filed();
  channel.id = 7;
  channel.form_versions[0] = FilledForm();
  channel.state = ChannelState::kAcknowledged;
  channel.acknowledged_at = kT0 + absl::Hours(1);
  channel.acknowledged_by = "center";
  channel.findings.push_back(
      {"地址有误", "center", kT0 + absl::Minutes(30), kT0 + absl::Minutes(45)});
  channel.publication = {
      {PublishedItem::kBusinessFunction, PublishedItem::kCharges}, true, kT0 + absl::Hours(2)};
  channel.last_checked_at = kT0 + absl::Hours(3);
  channel.next_check_due = kT0 + absl::Hours(15);
  testing::Record(channel, kT0 + absl::Hours(1), "ACKNOWLEDGED", "报备已收");
  channel.history[0].detail = "F3";
  channel.version = 4;
  return channel;
}

TEST(ProtoMappingTest, EveryFieldOfAChannelReachesTheWire) {
  const OnlineChannel channel = FilledChannel();
  // check_overdue is judged at `now`: past the next due time.
  const v1::OnlineChannel proto = ToProto(channel, kT0 + absl::Hours(16));
  EXPECT_THAT(UnsetFieldPaths(proto, AlwaysUnset()), IsEmpty());
  EXPECT_EQ(proto.channel_id(), "CN-7");
  EXPECT_EQ(proto.form_version(), 1);
  EXPECT_TRUE(proto.check_overdue());
  EXPECT_FALSE(ToProto(channel, kT0 + absl::Hours(15)).check_overdue());
}

TEST(ProtoMappingTest, TimesTheDomainLeavesUnsetStayAbsentOnTheWire) {
  const OnlineChannel filed = testing::Filed();  // never acknowledged, checked or published
  OnlineChannel retired = filed;
  retired.next_check_due.reset();
  retired.findings.push_back({"地址有误", "center", kT0, absl::nullopt});
  const v1::OnlineChannel proto = ToProto(retired, kT0);
  EXPECT_FALSE(proto.has_acknowledged_at());
  EXPECT_FALSE(proto.has_last_checked_at());
  EXPECT_FALSE(proto.has_next_check_due());
  EXPECT_FALSE(proto.publication().has_recorded_at());
  EXPECT_FALSE(proto.findings(0).has_corrected_at());
  EXPECT_FALSE(proto.check_overdue());
  EXPECT_FALSE(ToProto(testing::FaultOf(7, kT0), kT0).has_repaired_at());
  EXPECT_FALSE(ToProto(testing::Unfiled("broadband", "https://bb.example.cn/g")).has_filed_at());
  EXPECT_TRUE(ToProto(testing::Unfiled("broadband", "https://bb.example.cn/g"))
                  .filed_as_channel_id()
                  .empty());
  ForecastResult none;
  none.channel_id = 7;
  const v1::CapacityForecast forecast = ToProto(none);
  EXPECT_FALSE(forecast.has_full_at());
  EXPECT_FALSE(forecast.has_latest());
  EXPECT_TRUE(forecast.opened_fault_id().empty());
  CheckSchedule schedule;
  schedule.channel_id = 7;
  const v1::CheckSchedule schedule_proto = ToProto(schedule);
  EXPECT_FALSE(schedule_proto.has_next_due());
  EXPECT_FALSE(schedule_proto.has_last_checked_at());
  ChannelMonthlyReport report;
  report.channel_id = 7;
  EXPECT_FALSE(ToProto(report).has_submitted_at());
}

TEST(ProtoMappingTest, EveryFieldOfAFaultAnUnfiledReportAndACheckReachesTheWire) {
  Fault fault = testing::FaultOf(7, kT0);
  fault.id = 3;
  fault.repaired_at = kT0 + absl::Hours(30);
  fault.closed_by = "bb-staff";
  fault.repair_note = "已恢复";
  const v1::Fault fault_proto = ToProto(fault, kT0 + absl::Hours(40));
  EXPECT_THAT(UnsetFieldPaths(fault_proto), IsEmpty());
  EXPECT_EQ(fault_proto.fault_id(), "FT-3");
  EXPECT_TRUE(fault_proto.overdue()) << "repaired after its due time";

  UnfiledChannel report = testing::Unfiled("broadband", "https://bb.example.cn/guestbook");
  report.id = 2;
  report.filed_as_channel_id = 7;
  report.filed_at = kT0;
  const v1::UnfiledChannel report_proto = ToProto(report);
  EXPECT_THAT(UnsetFieldPaths(report_proto), IsEmpty());
  EXPECT_EQ(report_proto.report_id(), "UF-2");
  EXPECT_EQ(report_proto.filed_as_channel_id(), "CN-7");

  Check check = testing::CheckOf(7, kT0);
  check.late = true;
  EXPECT_THAT(UnsetFieldPaths(ToProto(check)), IsEmpty());

  AssistanceRequest assistance{7, "申请扩容", "bb-manager", kT0};
  EXPECT_THAT(UnsetFieldPaths(ToProto(assistance)), IsEmpty());
}

TEST(ProtoMappingTest, EveryFieldOfAChecklistAForecastAndAScheduleReachesTheWire) {
  PublicationChecklist checklist;
  checklist.takes_orders = true;
  checklist.missing_items = {PublishedItem::kPayment};
  checklist.service_standards_missing = true;
  checklist.english_advised = true;
  checklist.complete = true;  // contradicts missing_items: the mapping does not judge, it copies
  checklist.notes = {"未公布交费方式"};
  EXPECT_THAT(UnsetFieldPaths(ToProto(checklist, 7)), IsEmpty());

  ForecastResult result;
  result.channel_id = 7;
  result.forecast.latest = testing::Sample(7, kT0, 900);
  result.forecast.usage_ratio = 0.9;
  result.forecast.growth_per_day = 12.5;
  result.forecast.full_at = kT0 + absl::Hours(24 * 8);
  result.forecast.samples_used = 5;
  result.forecast.warning = true;
  result.forecast.advice = std::string(kCapacityAdvice);
  result.opened_fault_id = 4;
  const v1::CapacityForecast forecast = ToProto(result);
  EXPECT_THAT(UnsetFieldPaths(forecast), IsEmpty());
  EXPECT_EQ(forecast.opened_fault_id(), "FT-4");

  CheckSchedule schedule;
  schedule.channel_id = 7;
  schedule.service_time = {true, 2};
  schedule.interval = absl::Hours(12);
  schedule.last_checked_at = kT0;
  schedule.next_due = kT0 + absl::Hours(12);
  schedule.overdue = true;
  schedule.upcoming = {kT0 + absl::Hours(12), kT0 + absl::Hours(24)};
  const v1::CheckSchedule schedule_proto = ToProto(schedule);
  EXPECT_THAT(UnsetFieldPaths(schedule_proto), IsEmpty());
  EXPECT_EQ(schedule_proto.interval_seconds(), 12 * 3600);
}

TEST(ProtoMappingTest, EveryFieldOfAMonthlyReportAndTheMonthlyStatisticsReachesTheWire) {
  ChannelMonthlyReport report;
  report.channel_id = 7;
  report.unit_id = "broadband";
  report.month = "2026-03";
  report.complaints_received = 12;
  report.checks_made = 60;
  report.checks_missed = 2;
  report.faults_opened = 3;
  report.faults_repaired = 2;
  report.faults_repaired_in_time = 1;
  report.mean_repair_hours = 5.5;
  report.longest_repair_hours = 9;
  report.capacity_warnings = 1;
  report.english_advised = true;
  report.missing_items = {PublishedItem::kStandardContract};
  report.service_standards_missing = true;
  report.due = {ShanghaiTime(2026, 4, 8, 17, 30), "cn-2026.1", false};
  report.submission =
      ReportSubmission{7, "2026-03", ShanghaiTime(2026, 4, 9, 9, 0), "bb-staff", true};
  report.late = true;
  EXPECT_THAT(UnsetFieldPaths(ToProto(report)), IsEmpty());

  MonthlyStatistics stats;
  stats.unit_id = "broadband";
  stats.month = "2026-03";
  ChannelMonth channel;
  channel.channel_id = 7;
  channel.kind = ChannelKind::kEmail;
  channel.address = "webmaster@broadband.example.cn";
  channel.checks_made = 60;
  channel.checks_missed = 2;
  channel.faults_repaired = 2;
  channel.faults_repaired_in_time = 1;
  channel.faults_overdue = 3;
  channel.report_submitted_on_time = true;
  channel.report_overdue = true;  // contradicts on time: the mapping does not judge, it copies
  stats.channels.push_back(channel);
  stats.channels_in_use = 1;
  stats.filings_complete_and_accurate = 1;
  stats.inaccurate_findings = 1;
  stats.unfiled_channels = 1;
  const v1::MonthlyStatistics proto = ToProto(stats);
  EXPECT_THAT(UnsetFieldPaths(proto), IsEmpty());
  EXPECT_EQ(proto.channels(0).faults_overdue(), 3);
  EXPECT_TRUE(proto.channels(0).report_overdue());
}

TEST(ProtoMappingTest, C1_AFormReadFromTheWireKeepsEveryField) {
  const OnlineChannel channel = FilledChannel();
  const FilingForm form = FromProto(ToProto(channel, kT0).form());
  FilingForm expected = channel.form();
  expected.filed_at = absl::Time();  // the service's
  FilingForm read = form;
  read.filed_at = absl::Time();
  EXPECT_EQ(read, expected);
}

TEST(ProtoMappingTest, C1_UnknownEnumNumbersOnAFormGoOnForTheDomainToName) {
  v1::FilingForm wire = ToProto(FilledForm());
  wire.set_kind(static_cast<cs::common::v1::Channel>(42));
  wire.set_staffing(static_cast<v1::Staffing>(9));
  wire.add_purposes(static_cast<v1::ChannelPurpose>(17));
  const FilingForm form = FromProto(wire);
  EXPECT_EQ(static_cast<int>(form.kind), 42);
  EXPECT_EQ(static_cast<int>(form.staffing), 9);
  EXPECT_EQ(static_cast<int>(form.purposes.back()), 17);
  EXPECT_FALSE(ValidateFilingForm(form, "form").empty());
}

TEST(ProtoMappingTest, FiltersNameEnumNumbersAndIdsTheWireCannotCarry) {
  v1::ListChannelsRequest channels;
  channels.set_unit_id("broadband");
  channels.set_state(static_cast<v1::ChannelState>(9));
  channels.set_kind(static_cast<cs::common::v1::Channel>(12));
  const absl::Status bad = FromProto(channels).status();
  EXPECT_THAT(bad, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(FieldsOf(bad), UnorderedElementsAre("state", "kind"));
  channels.set_state(v1::CHANNEL_STATE_INACCURATE);
  channels.set_kind(cs::common::v1::CHANNEL_GUESTBOOK);
  ASSERT_OK_AND_ASSIGN(ChannelFilter filter, FromProto(channels));
  EXPECT_EQ(filter.unit_id, "broadband");
  EXPECT_EQ(filter.state, ChannelState::kInaccurate);
  EXPECT_EQ(filter.kind, ChannelKind::kGuestbook);

  v1::ListFaultsRequest faults;
  faults.set_channel_id("7");
  EXPECT_THAT(FieldsOf(FromProto(faults).status()), ElementsAre("channel_id"));
  faults.set_channel_id("CN-7");
  faults.set_open_only(true);
  faults.set_unit_id("broadband");
  ASSERT_OK_AND_ASSIGN(FaultFilter fault_filter, FromProto(faults));
  EXPECT_EQ(fault_filter.channel_id, 7);
  EXPECT_TRUE(fault_filter.open_only);
  EXPECT_EQ(fault_filter.unit_id, "broadband");
  faults.clear_channel_id();
  ASSERT_OK_AND_ASSIGN(fault_filter, FromProto(faults));
  EXPECT_EQ(fault_filter.channel_id, 0);
}

TEST(ProtoMappingTest, TimestampsOutOfRangeAreNamedWithTheirRequestPath) {
  v1::OpenFaultRequest open;
  open.set_description("无法访问");
  open.mutable_opened_at()->set_seconds(-99999999999);
  EXPECT_THAT(FieldsOf(FromProto(open).status()), ElementsAre("opened_at"));
  open.clear_opened_at();
  ASSERT_OK_AND_ASSIGN(FaultInput input, FromProto(open));
  EXPECT_EQ(input.origin, FaultOrigin::kReported);
  EXPECT_EQ(input.description, "无法访问");
  EXPECT_FALSE(input.opened_at.has_value());

  v1::RecordCheckRequest check;
  check.mutable_checked_at()->set_nanos(-1);
  EXPECT_THAT(FieldsOf(FromProto(check).status()), ElementsAre("checked_at"));
  *check.mutable_checked_at() = common::ToProtoTimestamp(kT0);
  check.set_checked_by("张三");
  check.set_new_complaints(3);
  ASSERT_OK_AND_ASSIGN(CheckInput check_input, FromProto(check));
  EXPECT_EQ(check_input.checked_at, kT0);
  EXPECT_EQ(check_input.checked_by, "张三");
  EXPECT_EQ(check_input.new_complaints, 3);

  v1::UsageSample sample;
  sample.mutable_sampled_at()->set_seconds(999999999999);
  EXPECT_THAT(FieldsOf(FromProto(sample, 7).status()), ElementsAre("sample.sampled_at"));
  // Unset: the epoch, which the domain refuses naming the same field.
  sample.clear_sampled_at();
  sample.set_used(10);
  sample.set_capacity(100);
  ASSERT_OK_AND_ASSIGN(UsageSample read, FromProto(sample, 7));
  EXPECT_EQ(read.sampled_at, absl::UnixEpoch());
  EXPECT_EQ(read.channel_id, 7);
  EXPECT_THAT(FieldsOf(ValidateSample(absl::nullopt, read)), ElementsAre("sample.sampled_at"));

  google::protobuf::Timestamp bad;
  bad.set_seconds(-99999999999);
  EXPECT_THAT(FieldsOf(OptionalTimeFromProto(true, bad, "repaired_at").status()),
              ElementsAre("repaired_at"));
  ASSERT_OK_AND_ASSIGN(absl::optional<absl::Time> none,
                       OptionalTimeFromProto(false, bad, "repaired_at"));
  EXPECT_FALSE(none.has_value());
}

TEST(ProtoMappingTest, UnfiledReportsAndPublishedItemsAreReadAsGiven) {
  v1::ReportUnfiledChannelRequest report;
  report.set_unit_id("broadband");
  report.set_kind(cs::common::v1::CHANNEL_GUESTBOOK);
  report.set_address("https://bb.example.cn/guestbook");
  report.set_finding("在用未报备");
  const UnfiledReportInput input = FromProto(report);
  EXPECT_EQ(input.unit_id, "broadband");
  EXPECT_EQ(input.kind, ChannelKind::kGuestbook);
  EXPECT_EQ(input.address, "https://bb.example.cn/guestbook");
  EXPECT_EQ(input.finding, "在用未报备");

  v1::RecordPublicationRequest publication;
  publication.add_items(v1::PUBLISHED_ITEM_CHARGES);
  publication.add_items(static_cast<v1::PublishedItem>(99));
  EXPECT_THAT(ItemsFromProto(publication),
              ElementsAre(PublishedItem::kCharges, static_cast<PublishedItem>(99)));
}

}  // namespace
}  // namespace cs::channel
