#include "app/schemes.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "formats/scheme_json.h"

namespace valuemark::app {

Result<SchemeCatalogue> LoadSchemeCatalogue(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".json") files.push_back(it->path());
  if (ec) return Fail(Error::Make(ErrorCode::kNotFound, fmt::format("cannot read the scheme folder {}: {}", dir, ec.message())));
  if (files.empty()) return Fail(Error::Make(ErrorCode::kNotFound, fmt::format("no scheme files (*.json) in {}", dir)));
  std::sort(files.begin(), files.end());
  SchemeCatalogue catalogue;
  std::vector<FieldError> problems;
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    const std::string name = file.filename().string();
    auto scheme = formats::ParseScheme(text.str());
    if (!scheme) {
      for (const FieldError& f : scheme.error().fields) problems.push_back({name + ": " + f.path, f.message});
      if (scheme.error().fields.empty()) problems.push_back({name, scheme.error().message});
      continue;
    }
    if (auto added = catalogue.Add(std::move(*scheme)); !added) problems.push_back({name, added.error().message});
  }
  if (!problems.empty()) return Fail(Error::InvalidArgument(std::move(problems)));
  return catalogue;
}

}  // namespace valuemark::app
