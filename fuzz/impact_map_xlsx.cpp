// The XLSX readers: the workbook's cells (zip, XML) and the impact map laid
// out in them (docs/file-formats.md "Impact map (XLSX)"), as uploaded or
// passed to the CLI.
#include "report/impact_map_xlsx.h"

#include "fuzz/fuzz_check.h"
#include "report/xlsx_reader.h"

using namespace valuemark;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes = fuzz::Text(data, size);
  (void)report::ReadXlsx(bytes);
  (void)report::ParseImpactMapXlsx(bytes);
  return 0;
}
