// Break-even and one-way (tornado) sensitivity (docs/methodology.md §2). Pure
// functions of a valid ImpactMap; thread-safe; no I/O.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/impact_map.h"

namespace valuemark {

enum class BreakEvenReason { kNone, kUnreachable };

// How far one estimate of one material outcome must move, all else fixed, for
// the SROI ratio to become 1:1.
struct BreakEven {
  std::string outcome;
  Parameter parameter = Parameter::kQuantity;
  double current = 0;
  std::optional<double> break_even;  // null when no valid value reaches 1:1
  std::optional<double>
      relative_change;  // (break_even − current) / current; null when current is 0
  BreakEvenReason reason = BreakEvenReason::kNone;
};

// The ratio when one parameter alone moves by −delta (low) and +delta (high).
struct TornadoBar {
  std::string outcome;
  Parameter parameter = Parameter::kQuantity;
  std::optional<double> ratio_low;  // null when inputs are 0
  std::optional<double> ratio_high;
  double swing = 0;  // |ratio_high − ratio_low|
};

struct SensitivityResult {
  std::optional<double> base_ratio;   // null when inputs are 0
  std::vector<BreakEven> break_even;  // material outcomes × kAllParameters, in map order
  double break_even_inputs = 0;       // the inputs at which the ratio is 1:1, i.e. PV
  std::vector<TornadoBar> tornado;    // largest swing first; ties keep map order
};

inline constexpr double kDefaultSensitivityDelta = 0.2;

// Precondition: 0 < delta <= 1.
SensitivityResult ComputeSensitivity(const ImpactMap& map, double delta = kDefaultSensitivityDelta);

}  // namespace valuemark
