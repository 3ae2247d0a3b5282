// What the libFuzzer targets of tests/fuzz share: plain values derived from fuzz bytes the way they
// can reach the code under test (times a protobuf Timestamp can carry, the zones a deployment
// names, text of any bytes), the shipped data files a parser checks references against, and the
// one way a target reports a broken contract. Header-only; each target is single-threaded.
#ifndef CS_TESTS_FUZZ_FUZZ_SUPPORT_H_
#define CS_TESTS_FUZZ_FUZZ_SUPPORT_H_

#include <fuzzer/FuzzedDataProvider.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace cs::fuzz {

// Aborts, which libFuzzer records as a crash with the input, when `holds` is false: the code under
// test broke a promise of its header that no sanitizer sees (an error code other than the one
// documented, a renderer dropping a field).
inline void Require(bool holds, absl::string_view what) {
  if (holds) return;
  std::fprintf(stderr, "contract broken: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

// Parsers of outside text answer INVALID_ARGUMENT for anything they refuse (config_file.h).
inline void RequireOkOrInvalidArgument(const absl::Status& status, absl::string_view what) {
  if (status.ok() || status.code() == absl::StatusCode::kInvalidArgument) return;
  std::fprintf(stderr, "%.*s: unexpected status %s\n", static_cast<int>(what.size()), what.data(),
               status.ToString().c_str());
  std::abort();
}

// The input as text, as a parser reading a file would see it.
inline absl::string_view AsText(const uint8_t* data, size_t size) {
  return absl::string_view(reinterpret_cast<const char*>(data), size);
}

// A file of the repository (deploy/config/...), for the references a parser checks.
inline std::string SourcePath(absl::string_view relative) {
  return std::string(CS_SOURCE_DIR) + "/" + std::string(relative);
}

// An instant as the api/ layers hand one to the domain: unset (the epoch, how an absent Timestamp
// reads), either infinity, or any second a google.protobuf.Timestamp can hold (years 1–9999) with
// its nanoseconds.
inline absl::Time ConsumeTime(FuzzedDataProvider& fdp) {
  constexpr int64_t kMinTimestampSeconds = -62135596800;  // 0001-01-01T00:00:00Z
  constexpr int64_t kMaxTimestampSeconds = 253402300799;  // 9999-12-31T23:59:59Z
  switch (fdp.ConsumeIntegralInRange<int>(0, 7)) {
    case 0:
      return absl::UnixEpoch();
    case 1:
      return absl::InfinitePast();
    case 2:
      return absl::InfiniteFuture();
    default:
      return absl::FromUnixSeconds(
                 fdp.ConsumeIntegralInRange<int64_t>(kMinTimestampSeconds, kMaxTimestampSeconds)) +
             absl::Nanoseconds(fdp.ConsumeIntegralInRange<int64_t>(0, 999999999));
  }
}

// A zone a deployment or a record can name. Fixed names rather than fuzzed ones: every name
// absl::LoadTimeZone sees stays in its cache for the life of the process.
inline absl::TimeZone ConsumeTimeZone(FuzzedDataProvider& fdp) {
  static constexpr const char* kZones[] = {"Asia/Shanghai", "UTC", "America/New_York",
                                           "Pacific/Kiritimati", "Australia/Lord_Howe"};
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(fdp.PickValueInArray(kZones), &zone)) return absl::UTCTimeZone();
  return zone;
}

// Free text of any bytes — invalid UTF-8, NULs and control characters included — of up to
// `max_bytes` bytes: what a client may put in a string field.
inline std::string ConsumeText(FuzzedDataProvider& fdp, size_t max_bytes = 256) {
  return fdp.ConsumeRandomLengthString(max_bytes);
}

}  // namespace cs::fuzz

#endif  // CS_TESTS_FUZZ_FUZZ_SUPPORT_H_
