// V6: a record as form F4 (the quality-supervision phone record, A1 7.3.2) and as a CSV row. Pure
// functions; thread-safe.
#ifndef CS_SERVICES_ARCHIVE_DOMAIN_RECORD_EXPORT_H_
#define CS_SERVICES_ARCHIVE_DOMAIN_RECORD_EXPORT_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "common/forms/f4_form.h"
#include "services/archive/domain/archived_record.h"

namespace cs::archive {

// The fields of form F4 from a record's content (the same mapping intake uses for live tickets).
// `handling_department_name` replaces the handling department's id when known (empty: keep the id).
common::F4Record ToF4Record(const RecordContent& content,
                            const std::string& handling_department_name);

// The column names of the month CSV, in order.
std::vector<std::string> CsvHeader();

// One CSV row of `record`; `content` is its current version, or null when the record was destroyed
// (the personal and free-text columns are then empty and "destroyed" is "true"). Times are local
// "YYYY-MM-DD HH:MM:SS" in the record's zone, empty when absent.
std::vector<std::string> CsvRow(const ArchivedRecord& record, const RecordContent* content);

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_DOMAIN_RECORD_EXPORT_H_
