#include "common/log/logger.h"

#include <unistd.h>

#include <cerrno>

namespace cs::common {

void FdLogSink::Write(absl::string_view line) {
  absl::MutexLock lock(&mutex_);
  const char* data = line.data();
  size_t left = line.size();
  while (left > 0) {
    const ssize_t written = ::write(fd_, data, left);
    if (written < 0) {
      if (errno == EINTR) continue;
      return;
    }
    data += written;
    left -= static_cast<size_t>(written);
  }
}

void CapturingLogSink::Write(absl::string_view line) {
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  absl::MutexLock lock(&mutex_);
  lines_.emplace_back(line);
}

std::vector<std::string> CapturingLogSink::lines() const {
  absl::MutexLock lock(&mutex_);
  return lines_;
}

Logger& Logger::Default() {
  static FdLogSink* const stdout_sink = new FdLogSink(STDOUT_FILENO);
  static Logger* const logger = new Logger(stdout_sink, &Clock::Real());
  return *logger;
}

void Logger::Log(LogLevel level, absl::string_view event, std::initializer_list<LogField> fields) {
  if (!Enabled(level)) return;
  std::string line = FormatLogLine(clock_->Now(), level, event, fields);
  line.push_back('\n');
  sink_->Write(line);
}

}  // namespace cs::common
