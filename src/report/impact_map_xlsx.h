// Impact maps as XLSX workbooks (docs/file-formats.md "Impact map (XLSX)"):
// the SROI Value Map laid out as practitioners know it, plus the sheets that
// make the workbook hold everything the JSON form holds (settings,
// stakeholders, inputs, uncertainty ranges, verification), so that
// export → import gives back the same map.
//
// Import turns the cells into the JSON form and reads it with the same strict
// reader as JSON and CSV files (src/formats), so every rule is checked once;
// error paths are translated back to the cell, e.g.
// {"Outcomes!N7", "deadweight must be between 0 and 1, got 1.5"}.
#pragma once

#include <string>
#include <string_view>

#include "core/impact_map.h"
#include "core/result.h"

namespace valuemark::report {

// Sheet names, in workbook order.
inline constexpr std::string_view kMapSheet = "Map";
inline constexpr std::string_view kStakeholdersSheet = "Stakeholders";
inline constexpr std::string_view kInputsSheet = "Inputs";
inline constexpr std::string_view kOutcomesSheet = "Outcomes";
inline constexpr std::string_view kUncertaintySheet = "Uncertainty";

// `path` names the file in errors about the workbook as a whole.
Result<ImpactMap> ParseImpactMapXlsx(std::string_view bytes, const std::string& path = "xlsx");

// Writes the workbook to `out_path`; an error names the path.
Result<void> WriteImpactMapXlsx(const ImpactMap& map, const std::string& out_path);

}  // namespace valuemark::report
