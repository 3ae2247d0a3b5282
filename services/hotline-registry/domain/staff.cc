#include "services/hotline-registry/domain/staff.h"

#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "common/status/error_reason.h"
#include "common/status/field_violations.h"
#include "common/status/quoted_value.h"

namespace cs::hotline {
namespace {

constexpr TrainingSubject kSubjects[] = {TrainingSubject::kBusiness, TrainingSubject::kRules,
                                         TrainingSubject::kPhrases,
                                         TrainingSubject::kCommunication};

}  // namespace

absl::string_view TrainingSubjectName(TrainingSubject subject) {
  switch (subject) {
    case TrainingSubject::kBusiness:
      return "BUSINESS";
    case TrainingSubject::kRules:
      return "RULES";
    case TrainingSubject::kPhrases:
      return "PHRASES";
    case TrainingSubject::kCommunication:
      return "COMMUNICATION";
    case TrainingSubject::kUnspecified:
      break;
  }
  return "UNSPECIFIED";
}

absl::string_view TrainingSubjectLabel(TrainingSubject subject) {
  switch (subject) {
    case TrainingSubject::kBusiness:
      return "相关业务";
    case TrainingSubject::kRules:
      return "规章制度";
    case TrainingSubject::kPhrases:
      return "服务用语";
    case TrainingSubject::kCommunication:
      return "沟通技巧";
    case TrainingSubject::kUnspecified:
      break;
  }
  return "";
}

std::vector<TrainingSubject> MissingTrainings(const StaffMember& staff) {
  std::vector<TrainingSubject> missing;
  for (TrainingSubject subject : kSubjects) {
    bool found = false;
    for (const Training& training : staff.trainings) {
      if (training.subject == subject) found = true;
    }
    if (!found) missing.push_back(subject);
  }
  return missing;
}

bool FullyTrained(const StaffMember& staff) { return MissingTrainings(staff).empty(); }

absl::Status CheckRoster(const DutyRoster& roster, const std::vector<StaffMember>& staff) {
  absl::flat_hash_map<std::string, const StaffMember*> by_number;
  for (const StaffMember& member : staff) by_number.emplace(member.staff_number, &member);

  common::FieldViolations invalid;
  absl::CivilDay day;
  if (roster.day.size() != 10 || !absl::ParseCivilTime(roster.day, &day)) {
    invalid.Add("roster.day",
                absl::StrCat("must be a date YYYY-MM-DD, not ", common::QuotedValue(roster.day)));
  }
  if (roster.shifts.empty()) invalid.Add("roster.shifts", "must name at least one shift");
  common::FieldViolations untrained;
  absl::flat_hash_set<std::string> named;
  for (size_t i = 0; i < roster.shifts.size(); ++i) {
    const DutyShift& shift = roster.shifts[i];
    const std::string item = absl::StrCat("roster.shifts[", i, "]");
    if (shift.ends_at <= shift.starts_at) {
      invalid.Add(absl::StrCat(item, ".ends_at"), "must be after starts_at");
    }
    if (shift.staff_number.empty()) {
      invalid.Add(absl::StrCat(item, ".staff_number"), "is required");
      continue;
    }
    auto it = by_number.find(shift.staff_number);
    if (it == by_number.end()) {
      invalid.Add(absl::StrCat(item, ".staff_number"),
                  absl::StrCat("names no staff member of the unit: ",
                               common::QuotedValue(shift.staff_number)));
      continue;
    }
    // One entry per person, however many shifts they have.
    if (!named.insert(shift.staff_number).second) continue;
    const std::vector<TrainingSubject> missing = MissingTrainings(*it->second);
    if (missing.empty()) continue;
    std::vector<std::string> lacks;
    for (TrainingSubject subject : missing) {
      lacks.push_back(
          absl::StrCat(TrainingSubjectLabel(subject), " ", TrainingSubjectName(subject)));
    }
    untrained.Add(
        absl::StrCat(item, ".staff_number"),
        absl::StrCat("staff member ", shift.staff_number,
                     it->second->name.empty() ? "" : absl::StrCat(" (", it->second->name, ")"),
                     " is not trained before duty (A2 7.6): lacks ", absl::StrJoin(lacks, ", ")));
  }
  if (!invalid.empty()) return invalid.ToStatus("invalid duty roster");
  // The roster is well formed but the people on it may not serve yet: fix their training first.
  return untrained.ToStatus("the duty roster names staff not fully trained (H7, A2 7.6)",
                            absl::StatusCode::kFailedPrecondition,
                            common::reason::kStateForbidsChange);
}

}  // namespace cs::hotline
