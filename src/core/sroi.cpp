#include "core/sroi.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace valuemark {

double DiscountFactorSum(double drop_off, int start_year, int duration_years,
                         double discount_rate) {
  // docs/methodology.md §1: value_i(t) = impact × (1 − d)^(t − s); year t is discounted t times.
  const double keep = 1 - drop_off;
  const double growth = 1 + discount_rate;
  double remaining = 1;
  double discount = std::pow(growth, start_year);
  double sum = 0;
  for (int k = 0; k < duration_years; ++k) {
    sum += remaining / discount;
    remaining *= keep;
    discount *= growth;
  }
  return sum;
}

double OutcomePresentValue(const Outcome& o, double discount_rate) {
  if (!o.material) return 0;
  return OutcomeImpact(o.quantity.value(), o.proxy.value.value(), o.deadweight.value(),
                       o.displacement.value(), o.attribution.value()) *
         DiscountFactorSum(o.drop_off.value(), o.start_year, o.duration_years, discount_rate);
}

double TotalInputs(const ImpactMap& map) {
  double total = 0;
  for (const Input& in : map.inputs) total += in.value.value();
  return total;
}

double PresentValue(const ImpactMap& map) {
  double pv = 0;
  for (const Outcome& o : map.outcomes) pv += OutcomePresentValue(o, map.discount_rate);
  return pv;
}

SroiResult ComputeSroi(const ImpactMap& map) {
  SroiResult r;
  r.currency = map.currency;
  r.discount_rate = map.discount_rate;
  r.total_inputs = TotalInputs(map);

  for (const Outcome& o : map.outcomes)
    if (o.material) r.years = std::max(r.years, o.start_year + o.duration_years - 1);

  const double growth = 1 + map.discount_rate;
  r.value_by_year.assign(r.years, 0.0);
  r.outcomes.reserve(map.outcomes.size());
  for (size_t i = 0; i < map.outcomes.size(); ++i) {
    const Outcome& o = map.outcomes[i];
    OutcomeResult out;
    out.id = o.id;
    out.stakeholder = o.stakeholder;
    out.material = o.material;
    out.impact = OutcomeImpact(o.quantity.value(), o.proxy.value.value(), o.deadweight.value(),
                               o.displacement.value(), o.attribution.value());
    out.value_by_year.assign(r.years, 0.0);
    if (o.material) {
      double remaining = out.impact;
      double discount = std::pow(growth, o.start_year);
      for (int t = o.start_year; t < o.start_year + o.duration_years; ++t) {
        out.value_by_year[t - 1] = remaining;
        r.value_by_year[t - 1] += remaining;
        out.present_value += remaining / discount;
        remaining *= 1 - o.drop_off.value();
        discount *= growth;
      }
    } else {
      r.warnings.push_back(fmt::format(
          "outcomes[{}] \"{}\" is marked not material: it is listed but not counted", i, o.id));
    }
    r.outcomes.push_back(std::move(out));
  }

  double discount = 1;
  r.discounted_by_year.reserve(r.years);
  for (int t = 1; t <= r.years; ++t) {
    discount *= growth;
    r.discounted_by_year.push_back(r.value_by_year[t - 1] / discount);
    r.present_value += r.discounted_by_year.back();
  }
  r.net_present_value = r.present_value - r.total_inputs;

  if (r.total_inputs == 0) {
    r.warnings.push_back(
        "total inputs are 0: the SROI ratio, net SROI ratio and payback are undefined");
  } else {
    r.sroi_ratio = r.present_value / r.total_inputs;
    r.net_sroi_ratio = r.net_present_value / r.total_inputs;
    const double first_year = r.years > 0 ? r.value_by_year[0] : 0;
    const double months = first_year > 0 ? r.total_inputs / (first_year / 12) : 0;
    if (first_year > 0 && std::isfinite(months)) {
      r.payback_months = months;
    } else if (first_year > 0) {
      r.warnings.push_back("the value in year 1 is too small for payback to be a number of months");
    } else {
      r.warnings.push_back("the value in year 1 is not positive: payback is undefined");
    }
  }

  // Totals by stakeholder: listed ones first, then any named only by an outcome.
  std::unordered_map<std::string, size_t> index;
  auto slot = [&](const std::string& id) -> StakeholderResult& {
    auto [it, added] = index.try_emplace(id, r.stakeholders.size());
    if (added) r.stakeholders.push_back({id, 0});
    return r.stakeholders[it->second];
  };
  for (const Stakeholder& s : map.stakeholders) slot(s.id);
  for (const OutcomeResult& o : r.outcomes) slot(o.stakeholder).present_value += o.present_value;
  return r;
}

}  // namespace valuemark
