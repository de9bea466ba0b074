// Cells of spreadsheet-like files (CSV, XLSX) turned into the JSON values the
// strict impact-map reader takes, so that every tabular format obeys the JSON
// form's rules (docs/file-formats.md "Cells"). A cell that is not what its
// column expects is passed through as text, for the reader to reject with its
// usual message.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "formats/impact_map_json.h"

namespace valuemark::formats {

// "  -12.5 " → -12.5; nullopt unless the whole cell is one number.
std::optional<double> ParseCellNumber(std::string_view s);

// "60" → 60; "40..80" → {"low","high"}; "40..60..80" → {"low","mode","high"}.
Json NumberCell(const std::string& cell);

// "true"/"false" in any case → a boolean.
Json BoolCell(const std::string& cell);

// The CSV/XLSX cell text of a number or an uncertainty: "60", "40..80", "40..60..80".
std::string UncertainCellText(const Uncertain& u);

}  // namespace valuemark::formats
