// Which units of the directory the assessment service assesses (M 7.17: 各单位): every one — the
// designated unit too, whose receipts and dispatches are figures of its own — but the CS center,
// which issues the notices and computes the scorecards. The telecom company is no unit of the
// directory and never appears here. Pure function; thread-safe.
#ifndef CS_SERVICES_ASSESSMENT_CORE_ASSESSED_UNITS_H_
#define CS_SERVICES_ASSESSMENT_CORE_ASSESSED_UNITS_H_

#include "common/units/unit_directory.h"

namespace cs::assessment {

inline bool IsAssessedUnit(const common::UnitInfo& unit) { return !unit.cs_center; }

}  // namespace cs::assessment

#endif  // CS_SERVICES_ASSESSMENT_CORE_ASSESSED_UNITS_H_
