// The impact-map and LM3 files of cli.md, read strictly and written back in
// the same form (one format everywhere: file, CLI, API, export).
#pragma once

#include <string_view>

#include "core/impact_map.h"
#include "core/lm3.h"
#include "core/result.h"
#include <nlohmann/json.hpp>

namespace valuemark::formats {

using Json = nlohmann::ordered_json;

// Every problem is reported, each with its JSON path (Error::fields); a
// syntax error is reported at "$" with its line and column.
Result<ImpactMap> ParseImpactMap(std::string_view json_text);
// The same; a string with simdjson's padding spare in its buffer (see
// ParseJsonText) is parsed without being copied.
Result<ImpactMap> ParseImpactMap(const std::string& json_text);
Json ImpactMapToJson(const ImpactMap& map);

Result<Lm3Input> ParseLm3Input(std::string_view json_text);

}  // namespace valuemark::formats
