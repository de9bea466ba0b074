// The impact-map and LM3 files of docs/file-formats.md, read strictly and written back in
// the same form (one format everywhere: file, CLI, API, export).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/impact_map.h"
#include "core/lm3.h"
#include "core/result.h"

namespace valuemark::formats {

using Json = nlohmann::ordered_json;

// Every problem is reported, each with its JSON path (Error::fields); a
// syntax error is reported at "$" with its line and column.
Result<ImpactMap> ParseImpactMap(std::string_view json_text);
// The same; a string with simdjson's padding spare in its buffer (see
// ParseJsonText) is parsed without being copied.
Result<ImpactMap> ParseImpactMap(const std::string& json_text);
Json ImpactMapToJson(const ImpactMap& map);

// What the platform's API keeps beside a map (docs/api.md "Records",
// impact map): GET returns the map with these keys added, and POST or
// PUT accept them back, so that a fetched map can be sent again unchanged.
struct MapEnvelope {
  std::optional<std::string> id;
  std::optional<std::string> scope_id;  // absent, or null: no scope
  std::optional<int> version;           // on PUT: the version being replaced
};
// The map of an API body, reading the envelope's keys into *envelope.
Result<ImpactMap> ParseImpactMap(const std::string& json_text, MapEnvelope* envelope);

// The LM3 file (docs/file-formats.md "LM3"): at most kMaxLm3Categories spend
// lines; income and amounts up to kMaxInput.
inline constexpr size_t kMaxLm3Categories = 1000;
Result<Lm3Input> ParseLm3Input(std::string_view json_text);
class ObjectReader;
// The LM3 file's keys of an object that may hold others (a saved calculation
// adds its period); the caller rejects unknown keys.
void ReadLm3Input(ObjectReader& r, Lm3Input& in);
// The LM3 file of `in`, as ParseLm3Input reads it.
nlohmann::ordered_json Lm3InputJson(const Lm3Input& in);

}  // namespace valuemark::formats
