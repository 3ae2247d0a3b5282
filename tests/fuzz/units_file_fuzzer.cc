// Fuzzes the units data file (deploy/config/units.textproto) as LoadUnitDirectory reads it: any
// text must become a UnitDirectory or be refused with INVALID_ARGUMENT naming file, line and field.
// A file the validator passes must also convert: ToUnitDirectory is documented to take it.
#include <cstdint>

#include "common/config/units_file.h"
#include "tests/fuzz/config_text.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  absl::StatusOr<cs::config::v1::UnitsFile> file =
      cs::fuzz::ParseConfigFile<cs::config::v1::UnitsFile>(
          "units.textproto", cs::fuzz::AsText(data, size), cs::common::config::ValidateUnitsFile);
  cs::fuzz::RequireOkOrInvalidArgument(file.status(), "units file");
  if (!file.ok()) return 0;
  absl::StatusOr<cs::common::UnitDirectory> units = cs::common::config::ToUnitDirectory(*file);
  cs::fuzz::Require(units.ok(), "ToUnitDirectory refused a file ValidateUnitsFile passed");
  cs::fuzz::Require(units->Contains(units->designated_unit().id), "designated unit not found");
  return 0;
}
