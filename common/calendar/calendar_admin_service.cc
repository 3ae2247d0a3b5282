#include "common/calendar/calendar_admin_service.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/api/proto_time.h"
#include "common/auth/principal.h"
#include "common/grpc/server_call_scope.h"
#include "common/grpc/status_mapping.h"

namespace cs::common {

cs::common::v1::Calendar CalendarToProto(const CalendarSet& calendars, absl::Time now,
                                         absl::string_view file, absl::Time loaded_at) {
  cs::common::v1::Calendar proto;
  const WorkingCalendar& current = calendars.current();
  proto.set_current_version(current.version());
  for (const std::string& name : calendars.versions()) {
    absl::StatusOr<const WorkingCalendar*> version = calendars.Find(name);
    if (!version.ok()) continue;  // cannot happen: the name comes from the set
    cs::common::v1::CalendarVersion* out = proto.add_versions();
    out->set_version(name);
    out->set_source((*version)->source());
    out->set_time_zone(std::string((*version)->time_zone().name()));
    out->set_coverage_start(absl::FormatCivilTime((*version)->coverage_start()));
    out->set_horizon(absl::FormatCivilTime((*version)->horizon()));
  }
  const absl::Duration remaining = current.TimeToHorizonEnd(now);
  *proto.mutable_horizon_end() = ToProtoTimestamp(now + remaining);
  proto.set_horizon_seconds(absl::ToInt64Seconds(remaining));
  proto.set_file(std::string(file));
  *proto.mutable_loaded_at() = ToProtoTimestamp(loaded_at);
  return proto;
}

grpc::Status CalendarAdminService::GetCalendar(grpc::ServerContext* context,
                                               const cs::common::v1::GetCalendarRequest* request,
                                               cs::common::v1::Calendar* response) {
  const common::ServerCallScope call_scope(*context);
  RETURN_IF_ERROR_GRPC(guard_.Admit(*context, __func__, *request));
  *response = CalendarToProto(reloader_->calendars().Get(), clock_->Now(), reloader_->path(),
                              reloader_->loaded_at());
  return grpc::Status::OK;
}

grpc::Status CalendarAdminService::ReloadCalendar(
    grpc::ServerContext* context, const cs::common::v1::ReloadCalendarRequest* request,
    cs::common::v1::ReloadCalendarResponse* response) {
  const common::ServerCallScope call_scope(*context);
  ASSIGN_OR_RETURN_GRPC(const Principal caller, guard_.Admit(*context, __func__, *request));
  RETURN_IF_ERROR_GRPC(RequireRole(caller, {Role::kCsCenter}));
  ASSIGN_OR_RETURN_GRPC(const bool changed, reloader_->Reload(absl::StrCat("rpc:", caller.user)));
  response->set_changed(changed);
  *response->mutable_calendar() = CalendarToProto(reloader_->calendars().Get(), clock_->Now(),
                                                  reloader_->path(), reloader_->loaded_at());
  return grpc::Status::OK;
}

}  // namespace cs::common
