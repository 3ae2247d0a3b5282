#include "tests/e2e/suite_access.h"

#include "absl/strings/str_cat.h"
#include "common/calendar/calendar_admin_access.h"
#include "common/server/outbox_admin_access.h"
#include "common/testclock/test_clock_access.h"
#include "cs/archive/v1/archive.pb.h"
#include "cs/assessment/v1/assessment.pb.h"
#include "cs/channel/v1/channel.pb.h"
#include "cs/common/v1/calendar_admin.pb.h"
#include "cs/common/v1/outbox_admin.pb.h"
#include "cs/common/v1/test_clock.pb.h"
#include "cs/hotline/v1/hotline.pb.h"
#include "cs/intake/v1/intake.pb.h"
#include "cs/routing/v1/routing.pb.h"
#include "services/archive/api/archive_access.h"
#include "services/assessment/api/assessment_access.h"
#include "services/channel-registry/api/channel_access.h"
#include "services/hotline-registry/api/hotline_access.h"
#include "services/intake/api/intake_access.h"
#include "services/routing/api/routing_access.h"

namespace cs::e2e {

using ::google::protobuf::ServiceDescriptor;

// Each through a message of its file, so the linker keeps the generated code that registers it.
const ServiceDescriptor* MainServiceOf(absl::string_view name) {
  if (name == "intake") {
    return cs::intake::v1::GetTicketRequest::descriptor()->file()->FindServiceByName(
        "IntakeService");
  }
  if (name == "routing") {
    return cs::routing::v1::GetRoutedTicketRequest::descriptor()->file()->FindServiceByName(
        "RoutingService");
  }
  if (name == "hotline-registry") {
    return cs::hotline::v1::GetHotlineRequest::descriptor()->file()->FindServiceByName(
        "HotlineRegistryService");
  }
  if (name == "channel-registry") {
    return cs::channel::v1::GetChannelRequest::descriptor()->file()->FindServiceByName(
        "ChannelRegistryService");
  }
  if (name == "assessment") {
    return cs::assessment::v1::GetScorecardRequest::descriptor()->file()->FindServiceByName(
        "AssessmentService");
  }
  if (name == "archive") {
    return cs::archive::v1::GetRecordRequest::descriptor()->file()->FindServiceByName(
        "ArchiveService");
  }
  return nullptr;
}

std::vector<const ServiceDescriptor*> SharedServices() {
  return {
      cs::common::v1::GetCalendarRequest::descriptor()->file()->FindServiceByName("CalendarAdmin"),
      cs::common::v1::ListDeadLettersRequest::descriptor()->file()->FindServiceByName(
          "OutboxAdmin"),
      cs::common::v1::GetTimeRequest::descriptor()->file()->FindServiceByName("TestClock")};
}

std::vector<const common::AccessTable*> AllAccessTables() {
  return {&intake::IntakeAccessTable(),         &routing::RoutingAccessTable(),
          &hotline::HotlineAccessTable(),       &channel::ChannelAccessTable(),
          &assessment::AssessmentAccessTable(), &archive::ArchiveAccessTable(),
          &common::CalendarAdminAccessTable(),  &common::OutboxAdminAccessTable(),
          &common::TestClockAccessTable()};
}

const common::AccessTable* AccessTableOf(absl::string_view service) {
  for (const common::AccessTable* table : AllAccessTables()) {
    if (table->service() == service) return table;
  }
  return nullptr;
}

std::string PathOf(const google::protobuf::MethodDescriptor& method) {
  return absl::StrCat("/", method.service()->full_name(), "/", method.name());
}

}  // namespace cs::e2e
