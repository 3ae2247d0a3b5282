// CSV text per RFC 4180: records end with CRLF; a field holding a comma, a double quote, CR or LF
// is enclosed in double quotes with each quote doubled; other fields are written as they are.
// Generic (no archive rule): a candidate for common/ if another service exports CSV. Pure;
// thread-safe.
#ifndef CS_SERVICES_ARCHIVE_DOMAIN_CSV_WRITER_H_
#define CS_SERVICES_ARCHIVE_DOMAIN_CSV_WRITER_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace cs::archive {

// `field` as one CSV field (quoted only when it must be).
std::string CsvField(absl::string_view field);

// Appends one record: the fields joined by commas, then CRLF.
void AppendCsvRecord(const std::vector<std::string>& fields, std::string* out);

}  // namespace cs::archive

#endif  // CS_SERVICES_ARCHIVE_DOMAIN_CSV_WRITER_H_
