// The cs.common.v1.CalendarAdmin service (proto/cs/common/v1/calendar_admin.proto): shows the
// working-time calendar a process computes with, and lets the CS center make it read its file again
// after adding a version (README "Calendar"). Registered by the server bootstrap for every service
// whose wiring uses the calendar (ServiceEnvironment::Calendars), so a new service gets it by
// linking common/. Thread-safe: the reloader serializes reloads, reads take a snapshot.
#ifndef CS_COMMON_CALENDAR_CALENDAR_ADMIN_SERVICE_H_
#define CS_COMMON_CALENDAR_CALENDAR_ADMIN_SERVICE_H_

#include "common/calendar/calendar_admin_access.h"
#include "common/calendar/calendar_reloader.h"
#include "common/grpc/access_guard.h"
#include "common/grpc/authenticator.h"
#include "common/time/clock.h"
#include "cs/common/v1/calendar_admin.grpc.pb.h"

namespace cs::common {

// The calendar in force as the API shows it: versions, current version, horizon measured at `now`.
cs::common::v1::Calendar CalendarToProto(const CalendarSet& calendars, absl::Time now,
                                         absl::string_view file, absl::Time loaded_at);

class CalendarAdminService final : public cs::common::v1::CalendarAdmin::Service {
 public:
  // Every argument must outlive the service. `clock` is the process clock the horizon is measured
  // on.
  CalendarAdminService(CalendarReloader* reloader, const Authenticator* authenticator,
                       const Clock* clock)
      : reloader_(reloader), guard_(*authenticator, CalendarAdminAccessTable()), clock_(clock) {}

  // UNAUTHENTICATED without a valid token; any role may read.
  grpc::Status GetCalendar(grpc::ServerContext* context,
                           const cs::common::v1::GetCalendarRequest* request,
                           cs::common::v1::Calendar* response) override;
  // CS_CENTER only (PERMISSION_DENIED otherwise). Errors as CalendarReloader::Reload: a rejected
  // file is INVALID_ARGUMENT with its lines, the calendar in force unchanged.
  grpc::Status ReloadCalendar(grpc::ServerContext* context,
                              const cs::common::v1::ReloadCalendarRequest* request,
                              cs::common::v1::ReloadCalendarResponse* response) override;

 private:
  CalendarReloader* const reloader_;
  const AccessGuard guard_;
  const Clock* const clock_;
};

}  // namespace cs::common

#endif  // CS_COMMON_CALENDAR_CALENDAR_ADMIN_SERVICE_H_
