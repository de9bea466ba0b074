// LM3 (local multiplier) files (docs/file-formats.md; `valuemark lm3`, POST /lm3): read,
// then computed and written as the CLI and API do for whatever is accepted.
#include "core/lm3.h"

#include "formats/impact_map_json.h"
#include "formats/results_json.h"
#include "fuzz/fuzz_check.h"

using namespace valuemark;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto input = formats::ParseLm3Input(fuzz::Text(data, size));
  if (input) {
    const std::string json = formats::Lm3ResultToJson(ComputeLm3(*input));
    FUZZ_CHECK(!json.empty(), json);
  }
  return 0;
}
