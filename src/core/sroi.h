// Social return on investment (docs/methodology.md §1). Pure functions of a valid
// ImpactMap (see impact_map.h); thread-safe; no I/O.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/impact_map.h"

namespace valuemark {

struct OutcomeResult {
  std::string id;
  std::string stakeholder;
  bool material = true;
  double impact = 0;                  // quantity × proxy × (1−dw)(1−dp)(1−at)
  std::vector<double> value_by_year;  // years 1..T; zeros for an immaterial outcome
  double present_value = 0;           // 0 for an immaterial outcome
};

struct StakeholderResult {
  std::string id;
  double present_value = 0;
};

struct SroiResult {
  std::string currency;
  double discount_rate = 0;
  int years = 0;  // T = max over material outcomes of start_year + duration − 1
  double total_inputs = 0;
  std::vector<double> value_by_year;       // value(t), t = 1..T
  std::vector<double> discounted_by_year;  // value(t) / (1+r)^t
  double present_value = 0;
  double net_present_value = 0;
  std::optional<double> sroi_ratio;      // null when inputs are 0
  std::optional<double> net_sroi_ratio;  // null when inputs are 0
  std::optional<double> payback_months;  // null when inputs are 0 or value(1) <= 0
  std::vector<OutcomeResult> outcomes;   // every outcome, in map order
  // Listed stakeholders in map order, then any other stakeholder named by an
  // outcome, in order of first mention.
  std::vector<StakeholderResult> stakeholders;
  std::vector<std::string> warnings;
};

SroiResult ComputeSroi(const ImpactMap& map);

// Building blocks shared with sensitivity (§2) and Monte Carlo (§3).

// impact_i = quantity × proxy × (1 − deadweight) × (1 − displacement) × (1 − attribution)
inline double OutcomeImpact(double quantity, double proxy, double deadweight, double displacement,
                            double attribution) {
  return quantity * proxy * (1 - deadweight) * (1 - displacement) * (1 - attribution);
}

// Σ_{t=s}^{s+D−1} (1 − drop_off)^(t − s) / (1 + r)^t: the present value of one
// unit of impact in the outcome's first year.
double DiscountFactorSum(double drop_off, int start_year, int duration_years, double discount_rate);

// PV_i of one outcome using the deterministic values of its parameters
// (0 when it is not material).
double OutcomePresentValue(const Outcome& o, double discount_rate);

// Σ of the deterministic values of the inputs.
double TotalInputs(const ImpactMap& map);

// PV of the whole map (Σ of OutcomePresentValue); allocation-free.
double PresentValue(const ImpactMap& map);

}  // namespace valuemark
