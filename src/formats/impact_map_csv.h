// Impact maps as CSV, one row per outcome (docs/file-formats.md). The CSV is
// turned into the JSON form and read by the same strict reader, so both
// formats obey one set of rules; error paths are translated back into
// "csv row N, column NAME" so that a user can find the cell.
#pragma once

#include <string>
#include <string_view>

#include "core/impact_map.h"
#include "core/result.h"

namespace valuemark::formats {

Result<ImpactMap> ParseImpactMapCsv(std::string_view csv_text);
std::string ImpactMapToCsv(const ImpactMap& map);

}  // namespace valuemark::formats
