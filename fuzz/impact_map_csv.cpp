// The impact-map CSV reader (docs/file-formats.md) and the plain CSV tables
// of imports such as a value bank. A map it accepts must be written back as
// CSV that it accepts again, giving the same map.
#include "formats/impact_map_csv.h"

#include "formats/csv_rows.h"
#include "formats/impact_map_json.h"
#include "fuzz/fuzz_check.h"

using namespace valuemark;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = fuzz::Text(data, size);
  (void)formats::ParseCsvRows(text);
  auto map = formats::ParseImpactMapCsv(text);
  if (map) {
    const std::string csv = formats::ImpactMapToCsv(*map);
    auto again = formats::ParseImpactMapCsv(csv);
    FUZZ_CHECK(again.has_value(), csv + "\n" + again.error().message);
    FUZZ_CHECK(formats::ImpactMapToCsv(*again) == csv, csv);
  }
  return 0;
}
