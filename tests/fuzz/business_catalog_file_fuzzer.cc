// Fuzzes the business catalog file (deploy/config/business_catalog.textproto) as
// LoadBusinessCatalog reads it, against the shipped units: any text must become a BusinessCatalog
// or be refused with INVALID_ARGUMENT. A catalog that loads then suggests a route for a ticket
// whose problem holds every keyword (the keyword matching runs on text the file chose).
#include <cstdint>
#include <string>

#include "absl/strings/str_join.h"
#include "common/config/units_file.h"
#include "services/routing/config/business_catalog_file.h"
#include "tests/fuzz/config_text.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

const cs::common::UnitDirectory& ShippedUnits() {
  static const cs::common::UnitDirectory* const units = [] {
    absl::StatusOr<cs::common::UnitDirectory> loaded = cs::common::config::LoadUnitDirectory(
        cs::fuzz::SourcePath("deploy/config/units.textproto"));
    cs::fuzz::Require(loaded.ok(), "deploy/config/units.textproto loads");
    return new cs::common::UnitDirectory(*std::move(loaded));
  }();
  return *units;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using cs::config::v1::BusinessCatalogFile;
  const cs::common::UnitDirectory& units = ShippedUnits();
  absl::StatusOr<BusinessCatalogFile> file = cs::fuzz::ParseConfigFile<BusinessCatalogFile>(
      "business_catalog.textproto", cs::fuzz::AsText(data, size),
      [&units](const BusinessCatalogFile& f) {
        return cs::routing::ValidateBusinessCatalogFile(f, units);
      });
  cs::fuzz::RequireOkOrInvalidArgument(file.status(), "business catalog file");
  if (!file.ok()) return 0;
  absl::StatusOr<cs::routing::BusinessCatalog> catalog =
      cs::routing::ToBusinessCatalog(*file, units);
  cs::fuzz::Require(catalog.ok(), "ToBusinessCatalog refused a file the validator passed");
  cs::routing::ForwardedTicket ticket;
  ticket.device_number = "02150000000";
  ticket.contact_phone = "13800000000";
  ticket.contact_person = "张三";
  for (const auto& line : file->lines()) {
    absl::StrAppend(&ticket.problem, absl::StrJoin(line.keywords(), " "), " ");
  }
  (void)catalog->Suggest(ticket, units.designated_unit().id);
  return 0;
}
