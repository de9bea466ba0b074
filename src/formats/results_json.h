// The JSON forms of the engines' results, exactly as docs/cli.md says they print; the
// server returns the same documents (docs/api.md: one format everywhere).
// indent 0 gives one compact line.
#pragma once

#include <string>
#include <vector>

#include "core/lint.h"
#include "core/lm3.h"
#include "core/montecarlo.h"
#include "core/sensitivity.h"
#include "core/sroi.h"

namespace valuemark::formats {

std::string SroiResultToJson(const SroiResult& r, int indent = 2);
std::string SensitivityResultToJson(const SensitivityResult& r, int indent = 2);
std::string MonteCarloResultToJson(const MonteCarloResult& r, int indent = 2);
std::string Lm3ResultToJson(const Lm3Result& r, int indent = 2);
std::string FindingsToJson(const std::vector<Finding>& findings, int indent = 2);

}  // namespace valuemark::formats
