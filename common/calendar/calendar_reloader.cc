#include "common/calendar/calendar_reloader.h"

#include <sys/stat.h>

#include <utility>

#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "common/metrics/calendar_horizon.h"
#include "common/status/status_macros.h"
#include "common/time/calendar_config.h"
#include "google/protobuf/util/message_differencer.h"
#include "prometheus/family.h"

namespace cs::common {
namespace {

prometheus::Family<prometheus::Counter>& ReloadCounter(prometheus::Registry& registry) {
  return prometheus::BuildCounter()
      .Name("cs_calendar_reloads_total")
      .Help(
          "Reads of the working-time calendar file after start (SIGHUP, ReloadCalendar, file "
          "change), by result: applied (a new calendar is in force), unchanged, rejected (the "
          "calendar in force stays)")
      .Register(registry);
}

}  // namespace

absl::StatusOr<std::unique_ptr<CalendarReloader>> CalendarReloader::Create(std::string path,
                                                                           MetricsServer& metrics,
                                                                           Logger& logger,
                                                                           const Clock& clock) {
  // Stat before reading: a change made while the file is read shows as a new signature later.
  const FileSignature signature = Stat(path);
  ASSIGN_OR_RETURN(CalendarFile loaded, LoadCalendarFile(path));
  auto holder = std::make_shared<CalendarHolder>(std::move(loaded.set));
  ExportCalendarHorizon(metrics, logger, holder, clock);
  return std::unique_ptr<CalendarReloader>(
      new CalendarReloader(std::move(path), logger, std::move(holder), std::move(loaded.file),
                           signature, ReloadCounter(metrics.registry()), clock));
}

CalendarReloader::CalendarReloader(std::string path, Logger& logger,
                                   std::shared_ptr<CalendarHolder> holder,
                                   cs::config::v1::WorkingCalendarFile published,
                                   FileSignature signature,
                                   prometheus::Family<prometheus::Counter>& reloads,
                                   const Clock& clock)
    : path_(std::move(path)),
      logger_(logger),
      clock_(clock),
      holder_(std::move(holder)),
      // All three exist at 0 from the start, so increase() sees the first rejection.
      applied_(reloads.Add({{"result", "applied"}})),
      unchanged_(reloads.Add({{"result", "unchanged"}})),
      rejected_(reloads.Add({{"result", "rejected"}})),
      published_(std::move(published)),
      last_read_(signature),
      last_seen_(signature),
      loaded_at_(Clock::Real().Now()) {}

CalendarReloader::FileSignature CalendarReloader::Stat(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return {};
  return {true, static_cast<int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec,
          static_cast<int64_t>(info.st_size), info.st_ino};
}

absl::Time CalendarReloader::loaded_at() const {
  absl::MutexLock lock(&mutex_);
  return loaded_at_;
}

absl::StatusOr<bool> CalendarReloader::Reload(absl::string_view trigger) {
  absl::MutexLock lock(&mutex_);
  const FileSignature signature = Stat(path_);
  last_seen_ = signature;
  return ReloadLocked(trigger, signature);
}

absl::Status CalendarReloader::CheckFile() {
  absl::MutexLock lock(&mutex_);
  const FileSignature signature = Stat(path_);
  const bool settled = signature == last_seen_;
  last_seen_ = signature;
  if (signature == last_read_ || !settled) return absl::OkStatus();
  return ReloadLocked("file_change", signature).status();
}

absl::StatusOr<bool> CalendarReloader::ReloadLocked(absl::string_view trigger,
                                                    const FileSignature& signature) {
  // Whatever the outcome, this state of the file has been read: the periodic check tries again
  // only when the file changes again, so a broken file is reported once, not every interval.
  last_read_ = signature;
  absl::StatusOr<CalendarFile> loaded = LoadCalendarFile(path_, &published_);
  if (!loaded.ok()) {
    rejected_.Increment();
    logger_.Error("calendar_reload_rejected",
                  {{"trigger", trigger},
                   {"file", path_},
                   {"code", absl::StatusCodeToString(loaded.status().code())},
                   {"error", loaded.status().message()},
                   {"current_version", holder_->Get().current().version()}});
    return loaded.status();
  }
  if (google::protobuf::util::MessageDifferencer::Equals(published_, loaded->file)) {
    unchanged_.Increment();
    logger_.Info(
        "calendar_reload_unchanged",
        {{"trigger", trigger}, {"file", path_}, {"current_version", published_.current_version()}});
    return false;
  }
  const std::string versions = absl::StrJoin(loaded->set.versions(), ",");
  holder_->Replace(std::move(loaded->set));
  published_ = std::move(loaded->file);
  loaded_at_ = Clock::Real().Now();
  applied_.Increment();
  const WorkingCalendar& current = holder_->Get().current();
  logger_.Info("calendar_reloaded", {{"trigger", trigger},
                                     {"file", path_},
                                     {"current_version", current.version()},
                                     {"versions", versions},
                                     {"horizon", absl::FormatCivilTime(current.horizon())}});
  WarnIfCalendarHorizonNear(logger_, current.version(), current.DaysToHorizon(clock_.Now()));
  return true;
}

}  // namespace cs::common
