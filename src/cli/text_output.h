// Readable tables for `--format text` (the default). Numbers are rounded for
// display only; `--format json` carries full precision.
#pragma once

#include <string>
#include <vector>

#include "core/impact_map.h"
#include "core/lint.h"
#include "core/lm3.h"
#include "core/montecarlo.h"
#include "core/sensitivity.h"
#include "core/sroi.h"

namespace valuemark::cli {

std::string SroiText(const ImpactMap& map, const SroiResult& r);
std::string SensitivityText(const ImpactMap& map, const SensitivityResult& r, double delta);
std::string MonteCarloText(const ImpactMap& map, const MonteCarloResult& r);
std::string Lm3Text(const Lm3Input& input, const Lm3Result& r);
std::string LintText(const std::vector<Finding>& findings);

// 1234567.891 → "1,234,567.89"
std::string Money(double v);

}  // namespace valuemark::cli
