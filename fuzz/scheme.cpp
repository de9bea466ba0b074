// Scheme definition files (data/schemes/*.json, POST /schemes): read
// strictly and validated; an accepted scheme is written in its API form and
// its fee quoted for every size of organisation.
#include "core/organisation.h"
#include "formats/scheme_json.h"
#include "fuzz/fuzz_check.h"

using namespace valuemark;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto scheme = formats::ParseScheme(fuzz::Text(data, size));
  if (scheme) {
    formats::JsonWriter w(0);
    formats::WriteSchemeApi(w, *scheme);
    const std::string json = w.Take();
    FUZZ_CHECK(!json.empty(), json);
    for (const SizeBand band :
         {SizeBand::kSmall, SizeBand::kMedium, SizeBand::kLarge, SizeBand::kVeryLarge})
      (void)FormatPounds(QuoteFee(*scheme, band).gross_pence);
  }
  return 0;
}
