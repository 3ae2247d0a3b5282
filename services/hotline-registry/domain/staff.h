// Hotline staff and their training (SPEC H7, A2 7.6:
// 上岗前进行相关业务、规章制度、服务用语、沟通技巧 等方面的培训), and the duty rosters that may
// only name fully trained staff. Plain values and pure functions; thread-safe.
#ifndef CS_SERVICES_HOTLINE_REGISTRY_DOMAIN_STAFF_H_
#define CS_SERVICES_HOTLINE_REGISTRY_DOMAIN_STAFF_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace cs::hotline {

enum class TrainingSubject {
  kUnspecified = 0,
  kBusiness = 1,       // 相关业务
  kRules = 2,          // 规章制度
  kPhrases = 3,        // 服务用语
  kCommunication = 4,  // 沟通技巧
};

struct Training {
  TrainingSubject subject = TrainingSubject::kUnspecified;
  absl::Time completed_on;
  std::string trainer;

  friend bool operator==(const Training&, const Training&) = default;
};

struct StaffMember {
  std::string unit_id;
  std::string staff_number;  // 工号, unique per unit
  std::string name;
  std::vector<Training> trainings;

  friend bool operator==(const StaffMember&, const StaffMember&) = default;
};

// "BUSINESS", "RULES", "PHRASES", "COMMUNICATION" as cs.hotline.v1 spells them.
absl::string_view TrainingSubjectName(TrainingSubject subject);
// The seed's words for the subject: 相关业务, 规章制度, 服务用语, 沟通技巧.
absl::string_view TrainingSubjectLabel(TrainingSubject subject);

// True when `staff` has a training record of every subject (A2 7.6).
bool FullyTrained(const StaffMember& staff);

// The subjects `staff` still lacks, in enum order.
std::vector<TrainingSubject> MissingTrainings(const StaffMember& staff);

struct DutyShift {
  std::string staff_number;
  absl::Time starts_at;
  absl::Time ends_at;

  friend bool operator==(const DutyShift&, const DutyShift&) = default;
};

struct DutyRoster {
  int64_t hotline_id = 0;
  std::string day;  // "YYYY-MM-DD"
  std::vector<DutyShift> shifts;
  std::string set_by;
  absl::Time set_at;

  friend bool operator==(const DutyRoster&, const DutyRoster&) = default;
};

// OK, or: INVALID_ARGUMENT naming each bad field ("roster.day" not YYYY-MM-DD, no shifts,
// "roster.shifts[i].staff_number" empty or unknown, "roster.shifts[i].ends_at" not after its
// start); else FAILED_PRECONDITION (reason STATE_FORBIDS_CHANGE) whose violations name every staff
// member on the roster who is not fully trained — once each, at their first shift — and what they
// lack (H7: "staff member 1024 (张三) is not trained before duty (A2 7.6): lacks 服务用语
// PHRASES"). `staff` is the unit's staff, looked up by number.
absl::Status CheckRoster(const DutyRoster& roster, const std::vector<StaffMember>& staff);

}  // namespace cs::hotline

#endif  // CS_SERVICES_HOTLINE_REGISTRY_DOMAIN_STAFF_H_
