// CalendarReloader: keeps a running process's working-time calendar in step with its file
// (deploy/config/calendar.textproto), so next year's schedule, published late in the year, is in
// force the day an operator adds it — no restart, no redeploy (README "Calendar").
//
// The file is read at start (a bad file stops the start, as every data file does) and again on
// Reload(): on SIGHUP (run_service.cc), on cs.common.v1.CalendarAdmin/ReloadCalendar, and from the
// periodic CheckFile() when the file's modification time changed. A file that fails validation,
// removes a version or edits a published one is rejected with its lines (calendar_config.h), logged
// and counted, and the calendar in force stays: deadlines keep the version they were computed with
// (SPEC "Working time"). Every call is counted in cs_calendar_reloads_total{result} (applied,
// unchanged, rejected); cs_calendar_horizon_seconds{version} follows the set in force
// (common/metrics/calendar_horizon.h).
//
// Thread-safe: readers go through calendars() (never blocked by a reload); Reload and CheckFile are
// serialized.
#ifndef CS_COMMON_CALENDAR_CALENDAR_RELOADER_H_
#define CS_COMMON_CALENDAR_CALENDAR_RELOADER_H_

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/log/logger.h"
#include "common/metrics/metrics_server.h"
#include "common/time/calendar_holder.h"
#include "common/time/clock.h"
#include "cs/config/v1/calendar.pb.h"
#include "prometheus/counter.h"

namespace cs::common {

class CalendarReloader final {
 public:
  // Reads the calendar file at `path` and exports its metrics with `metrics`; the horizon is
  // measured on `clock` (the process clock, a test clock in tests). NOT_FOUND / INVALID_ARGUMENT
  // "<path>:<line>: <field>: <problem>" when the file cannot be read or is invalid. `metrics`,
  // `logger` and `clock` must outlive the reloader.
  static absl::StatusOr<std::unique_ptr<CalendarReloader>> Create(std::string path,
                                                                  MetricsServer& metrics,
                                                                  Logger& logger,
                                                                  const Clock& clock);

  CalendarReloader(const CalendarReloader&) = delete;
  CalendarReloader& operator=(const CalendarReloader&) = delete;

  // The calendar in force; valid as long as the reloader.
  const CalendarHolder& calendars() const { return *holder_; }

  // Reads the file again. OK(true) when its calendar is now in force, OK(false) when the file holds
  // the calendar already in force. INVALID_ARGUMENT naming every mistake with its line — including
  // a published version removed or edited — or NOT_FOUND when the file cannot be read; the
  // calendar in force stays then. `trigger` says in the log what asked ("SIGHUP", "rpc", ...).
  absl::StatusOr<bool> Reload(absl::string_view trigger);

  // The periodic check: reloads (trigger "file_change") when the file's modification time, size or
  // inode differs from what was last read and has stayed so since the previous check — so a file
  // an editor is still writing is not read half-way, at the cost of one more interval. OK when
  // there is nothing to do; otherwise as Reload.
  absl::Status CheckFile();

  const std::string& path() const { return path_; }
  // When the file was last read into the calendar in force (real time).
  absl::Time loaded_at() const;

 private:
  // What stat() says about the file; a file that cannot be stat'ed has exists == false.
  struct FileSignature {
    bool exists = false;
    int64_t mtime_ns = 0;
    int64_t size = 0;
    ino_t inode = 0;
    friend bool operator==(const FileSignature&, const FileSignature&) = default;
  };

  CalendarReloader(std::string path, Logger& logger, std::shared_ptr<CalendarHolder> holder,
                   cs::config::v1::WorkingCalendarFile published, FileSignature signature,
                   prometheus::Family<prometheus::Counter>& reloads, const Clock& clock);

  static FileSignature Stat(const std::string& path);
  absl::StatusOr<bool> ReloadLocked(absl::string_view trigger, const FileSignature& signature)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  const std::string path_;
  Logger& logger_;
  const Clock& clock_;
  // Shared with the horizon collector, which a scrape may call while the process shuts down.
  const std::shared_ptr<CalendarHolder> holder_;
  prometheus::Counter& applied_;
  prometheus::Counter& unchanged_;
  prometheus::Counter& rejected_;

  mutable absl::Mutex mutex_;
  // The file in force: every later file must keep its versions.
  cs::config::v1::WorkingCalendarFile published_ ABSL_GUARDED_BY(mutex_);
  // The file as it was when last read (successfully or not), and as the previous check saw it.
  FileSignature last_read_ ABSL_GUARDED_BY(mutex_);
  FileSignature last_seen_ ABSL_GUARDED_BY(mutex_);
  absl::Time loaded_at_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace cs::common

#endif  // CS_COMMON_CALENDAR_CALENDAR_RELOADER_H_
