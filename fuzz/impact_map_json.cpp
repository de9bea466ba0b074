// The impact-map JSON reader (docs/file-formats.md, docs/api.md): files, stdin and API bodies.
// A map it accepts must be written back in a form it accepts again.
#include "formats/impact_map_json.h"

#include <simdjson.h>

#include "fuzz/fuzz_check.h"

using namespace valuemark;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = fuzz::Text(data, size);
  auto map = formats::ParseImpactMap(text);
  if (map) {
    const std::string written = formats::ImpactMapToJson(*map).dump(2);
    auto again = formats::ParseImpactMap(std::string_view(written));
    FUZZ_CHECK(again.has_value(), written + "\n" + again.error().message);
    FUZZ_CHECK(formats::ImpactMapToJson(*again).dump(2) == written, written);
  }
  // The API's form: the envelope's keys beside the map, parsed in place.
  std::string body;
  body.reserve(size + simdjson::SIMDJSON_PADDING);
  body.assign(text);
  formats::MapEnvelope envelope;
  auto with_envelope = formats::ParseImpactMap(body, &envelope);
  FUZZ_CHECK(with_envelope.has_value() || !with_envelope.error().message.empty(), body);
  return 0;
}
