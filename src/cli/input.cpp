#include "cli/input.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "formats/impact_map_csv.h"
#include "formats/impact_map_json.h"
#include "report/impact_map_xlsx.h"

namespace valuemark::cli {
namespace {

constexpr size_t kParserPadding = 64;  // simdjson's SIMDJSON_PADDING

bool EndsWith(const std::string& s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i])
      return false;
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
  if (!f)
    return Fail(
        Error::InvalidArgument({{path, fmt::format("cannot read: {}", std::strerror(errno))}}));
  // One allocation of the file's size plus the JSON parser's padding, so that
  // a large map is neither regrown while reading nor copied again to parse.
  std::string text;
  struct stat info {};
  if (fstat(fileno(f), &info) == 0 && S_ISREG(info.st_mode)) {
    text.reserve(static_cast<size_t>(info.st_size) + kParserPadding);
    text.resize(static_cast<size_t>(info.st_size));
    text.resize(std::fread(text.data(), 1, text.size(), f));
  }
  char buffer[1 << 16];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, f)) > 0;) text.append(buffer, n);
  const bool failed = std::ferror(f);
  std::fclose(f);
  if (failed) return Fail(Error::InvalidArgument({{path, "cannot read: input/output error"}}));
  return text;
}

Result<ImpactMap> ReadImpactMap(const std::string& path) {
  auto text = TRY(ReadAll(path));
  if (EndsWith(path, ".xlsx")) return report::ParseImpactMapXlsx(text, path);
  if (EndsWith(path, ".csv")) return formats::ParseImpactMapCsv(text);
  return formats::ParseImpactMap(text);
}

Result<Lm3Input> ReadLm3(const std::string& path) {
  auto text = TRY(ReadAll(path));
  return formats::ParseLm3Input(text);
}

Result<void> WriteOutput(const std::string& path, std::string_view text) {
  if (path == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return {};
  }
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f)
    return Fail(
        Error::InvalidArgument({{path, fmt::format("cannot write: {}", std::strerror(errno))}}));
  const bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  if (std::fclose(f) != 0 || !written)
    return Fail(Error::InvalidArgument({{path, "cannot write: input/output error"}}));
  return {};
}

void PrintErrors(const Error& error) {
  if (error.fields.empty()) {
    fmt::print(stderr, "error: {}\n", error.message);
    return;
  }
  for (const FieldError& f : error.fields) fmt::print(stderr, "error: {}: {}\n", f.path, f.message);
}

}  // namespace valuemark::cli
