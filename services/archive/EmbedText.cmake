# Script mode helper of services/archive/CMakeLists.txt: writes OUT, a C++ file defining FUNCTION (a
# function returning absl::string_view in NAMESPACE) that returns the text of INPUT.
file(READ "${INPUT}" text)
set(body "// Generated from ${INPUT}; do not edit.\n#include \"absl/strings/string_view.h\"\n\n")
string(APPEND body "namespace ${NAMESPACE} {\n\nabsl::string_view ${FUNCTION}() {\n")
string(APPEND body "  static constexpr char kText[] = R\"cs_text(${text})cs_text\";\n")
string(APPEND body "  return absl::string_view(kText, sizeof(kText) - 1);\n}\n\n}  // namespace ${NAMESPACE}\n")
file(WRITE "${OUT}.tmp" "${body}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
