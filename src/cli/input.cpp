#include "cli/input.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include <fmt/format.h>

#include "formats/impact_map_csv.h"
#include "formats/impact_map_json.h"

namespace valuemark::cli {
namespace {

bool EndsWith(const std::string& s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i]) return false;
  return true;
}

}  // namespace

Result<std::string> ReadAll(const std::string& path) {
  if (path == "-") {
    std::ostringstream out;
    out << std::cin.rdbuf();
    return out.str();
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Fail(Error::InvalidArgument({{path, fmt::format("cannot read: {}", std::strerror(errno))}}));
  std::string text;
  char buffer[1 << 16];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, f)) > 0;) text.append(buffer, n);
  const bool failed = std::ferror(f);
  std::fclose(f);
  if (failed) return Fail(Error::InvalidArgument({{path, "cannot read: input/output error"}}));
  return text;
}


Result<ImpactMap> ReadImpactMap(const std::string& path) {
  if (EndsWith(path, ".xlsx"))
    return Fail(Error::InvalidArgument({{path, "XLSX impact maps are not readable by this version; "
                                               "save the sheet as CSV (docs/file-formats.md)"}}));
  auto text = ReadAll(path);
  if (!text) return Fail(text.error());
  if (EndsWith(path, ".csv")) return formats::ParseImpactMapCsv(*text);
  return formats::ParseImpactMap(*text);
}

Result<Lm3Input> ReadLm3(const std::string& path) {
  auto text = ReadAll(path);
  if (!text) return Fail(text.error());
  return formats::ParseLm3Input(*text);
}

void PrintErrors(const Error& error) {
  if (error.fields.empty()) {
    fmt::print(stderr, "error: {}\n", error.message);
    return;
  }
  for (const FieldError& f : error.fields) fmt::print(stderr, "error: {}: {}\n", f.path, f.message);
}

}  // namespace valuemark::cli
