// Reading the files the calculation commands take (docs/file-formats.md): a path or "-"
// for standard input; ".csv" files are CSV impact maps, ".xlsx" files XLSX
// workbooks, anything else JSON. And writing the files they make.
#pragma once

#include <string>
#include <string_view>

#include "core/impact_map.h"
#include "core/lm3.h"
#include "core/result.h"

namespace valuemark::cli {

// The whole of a file, or of standard input for "-".
Result<std::string> ReadAll(const std::string& path);
Result<ImpactMap> ReadImpactMap(const std::string& path);
Result<Lm3Input> ReadLm3(const std::string& path);

// Writes text to path, or to standard output when path is "-".
Result<void> WriteOutput(const std::string& path, std::string_view text);

// Prints every problem as "error: <path>: <message>" on standard error.
void PrintErrors(const Error& error);

}  // namespace valuemark::cli
