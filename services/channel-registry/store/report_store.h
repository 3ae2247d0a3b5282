// Where the channel registry keeps the units' monthly report submissions per channel (SPEC C7,
// A3 7.5.2: 每月按时上报) and the reports counted as missed: one of the registry's five store
// interfaces (see channel_store.h). The reports themselves are computed by the core from the other
// stores; the due time and whether a submission is late are the core's. Two implementations:
// MySqlReportStore (schema cs_channel_registry) and InMemoryReportStore (unit tests of the core
// only); report_store_contract.h holds both to the same behaviour. Implementations are
// thread-safe.
#ifndef CS_SERVICES_CHANNEL_REGISTRY_STORE_REPORT_STORE_H_
#define CS_SERVICES_CHANNEL_REGISTRY_STORE_REPORT_STORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/channel-registry/domain/channel.h"
#include "services/channel-registry/store/request_key.h"

namespace cs::channel {

struct SubmitReportResult {
  ReportSubmission submission;
  // True when the request_id had been answered before: this is that submission, nothing changed.
  bool replayed = false;
};

// A channel's report of a month whose due time passed without a submission.
struct MissedReport {
  int64_t channel_id = 0;
  std::string unit_id;
  std::string month;  // "YYYY-MM"
  absl::Time recorded_at;

  friend bool operator==(const MissedReport&, const MissedReport&) = default;
};

class ReportStore {
 public:
  virtual ~ReportStore() = default;

  // Records the submission of (submission.channel_id, submission.month) for the channel's unit
  // `unit_id` (1..64 characters of UTF-8, else INVALID_ARGUMENT naming unit_id), its `late` as the
  // core decided. INVALID_ARGUMENT naming month unless "YYYY-MM". FAILED_PRECONDITION naming the
  // channel and month when that report was submitted before (under another request_id). A
  // repeated request_id with the same fingerprint returns the first submission (replayed); with
  // another fingerprint, or naming another report, INVALID_ARGUMENT naming request_id.
  virtual absl::StatusOr<SubmitReportResult> Submit(const std::string& unit_id,
                                                    const ReportSubmission& submission,
                                                    const RequestKey& key) = 0;

  // The submission of the channel's report of `month`; nullopt when not submitted.
  virtual absl::StatusOr<absl::optional<ReportSubmission>> Get(int64_t channel_id,
                                                               const std::string& month) = 0;

  // The submissions of the channels of `unit_id` for `month`, in channel id order.
  virtual absl::StatusOr<std::vector<ReportSubmission>> ListForUnitMonth(
      const std::string& unit_id, const std::string& month) = 0;

  // Records that the report of (missed.channel_id, missed.month) was missed, once per channel and
  // month (INSERT IGNORE semantics, so two replicas' sweeps count it once): true when it is new,
  // false when it was recorded before (the first record stays as it was). A later submission does
  // not remove it. INVALID_ARGUMENT naming month or unit_id as Submit.
  virtual absl::StatusOr<bool> RecordMissed(const MissedReport& missed) = 0;

  // The missed reports of the channels of `unit_id` for `month`, in channel id order.
  virtual absl::StatusOr<std::vector<MissedReport>> ListMissed(const std::string& unit_id,
                                                               const std::string& month) = 0;
};

}  // namespace cs::channel

#endif  // CS_SERVICES_CHANNEL_REGISTRY_STORE_REPORT_STORE_H_
