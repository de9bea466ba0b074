// Plain CSV tables (RFC 4180, through libcsv) for imports that are not impact
// maps, e.g. a value bank of financial proxies: a header row, then records.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace valuemark::formats {

// Every row as its cells, the header first; a malformed file is one
// InvalidArgument naming the row ("csv row 7").
Result<std::vector<std::vector<std::string>>> ParseCsvRows(std::string_view csv_text);

}  // namespace valuemark::formats
