// Loading the scheme definitions (data/schemes/*.json) at start-up. A file
// that does not parse or breaks a scheme rule stops the start: every problem
// is returned, each path prefixed with its file name.
#pragma once

#include <string>

#include "core/scheme.h"

namespace valuemark::app {

// Reads every *.json file of `dir` (in name order). InvalidArgument listing
// every problem as {"svmc-v2.json: levels[0].criteria[2].stage", "…"};
// NotFound when the folder is missing or holds no scheme.
Result<SchemeCatalogue> LoadSchemeCatalogue(const std::string& dir);

}  // namespace valuemark::app
