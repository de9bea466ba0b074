#include "core/sensitivity.h"

#include <algorithm>
#include <cmath>

#include "core/sroi.h"

namespace valuemark {
namespace {

// The deterministic parameters of one outcome, indexable by Parameter.
struct Params {
  double v[6];
  double& operator[](Parameter p) { return v[static_cast<int>(p)]; }
  double operator[](Parameter p) const { return v[static_cast<int>(p)]; }
};

Params ParamsOf(const Outcome& o) {
  Params p{};
  for (Parameter k : kAllParameters) p[k] = Get(o, k).value();
  return p;
}

double Impact(const Params& p) {
  return OutcomeImpact(p[Parameter::kQuantity], p[Parameter::kProxy], p[Parameter::kDeadweight],
                       p[Parameter::kDisplacement], p[Parameter::kAttribution]);
}

double PresentValueOf(const Params& p, const Outcome& o, double r) {
  return Impact(p) * DiscountFactorSum(p[Parameter::kDropOff], o.start_year, o.duration_years, r);
}

// Drop-off: PV_i falls monotonically as drop-off rises (for a positive impact;
// rises for a negative one), so bisection on [0, 1] finds the value, if any,
// at which the map's PV equals its inputs. docs/methodology.md §2.
std::optional<double> SolveDropOff(const Params& p, const Outcome& o, double r, double rest_pv,
                                   double inputs) {
  auto gap = [&](double d) {
    Params q = p;
    q[Parameter::kDropOff] = d;
    return rest_pv + PresentValueOf(q, o, r) - inputs;
  };
  double lo = 0, hi = 1;
  double g_lo = gap(lo), g_hi = gap(hi);
  if (g_lo == 0) return lo;
  if (g_hi == 0) return hi;
  if ((g_lo > 0) == (g_hi > 0)) return std::nullopt;
  while (hi - lo > 1e-9) {
    const double mid = (lo + hi) / 2;
    const double g_mid = gap(mid);
    if (g_mid == 0) return mid;
    if ((g_mid > 0) == (g_lo > 0)) {
      lo = mid;
      g_lo = g_mid;
    } else {
      hi = mid;
    }
  }
  return (lo + hi) / 2;
}

BreakEven SolveBreakEven(const Outcome& o, Parameter param, const Params& p, double r, double pv,
                         double pv_i, double inputs) {
  BreakEven be;
  be.outcome = o.id;
  be.parameter = param;
  be.current = p[param];
  if (param == Parameter::kDropOff) {
    be.break_even = SolveDropOff(p, o, r, pv - pv_i, inputs);
  } else if (pv_i == 0) {
    // The outcome adds nothing, so moving a multiplier of it changes nothing.
    if (pv == inputs) be.break_even = be.current;
  } else {
    // PV is linear in quantity, proxy and each (1 − fraction): scale PV_i by k.
    const double k = 1 - (pv - inputs) / pv_i;
    if (!IsFraction(param)) {
      if (k >= 0) be.break_even = be.current * k;
    } else {
      const double x = 1 - k * (1 - be.current);
      if (x >= 0 && x <= 1) be.break_even = x;
    }
  }
  // An outcome that adds almost nothing can need an estimate beyond any
  // number to break even: that is unreachable, not infinity.
  if (be.break_even && !std::isfinite(*be.break_even)) be.break_even.reset();
  if (!be.break_even) {
    be.reason = BreakEvenReason::kUnreachable;
  } else if (be.current != 0) {
    be.relative_change = (*be.break_even - be.current) / be.current;
    if (!std::isfinite(*be.relative_change)) be.relative_change.reset();
  }
  return be;
}

}  // namespace

SensitivityResult ComputeSensitivity(const ImpactMap& map, double delta) {
  SensitivityResult result;
  const double r = map.discount_rate;
  const double inputs = TotalInputs(map);
  const double pv = PresentValue(map);
  result.break_even_inputs = pv;
  if (inputs != 0) result.base_ratio = pv / inputs;

  for (const Outcome& o : map.outcomes) {
    if (!o.material) continue;
    const Params p = ParamsOf(o);
    const double pv_i = PresentValueOf(p, o, r);
    for (Parameter param : kAllParameters) {
      result.break_even.push_back(SolveBreakEven(o, param, p, r, pv, pv_i, inputs));

      TornadoBar bar;
      bar.outcome = o.id;
      bar.parameter = param;
      if (inputs != 0) {
        auto ratio_at = [&](double factor) {
          Params q = p;
          q[param] = p[param] * factor;
          if (IsFraction(param)) q[param] = std::clamp(q[param], 0.0, 1.0);
          return (pv - pv_i + PresentValueOf(q, o, r)) / inputs;
        };
        bar.ratio_low = ratio_at(1 - delta);
        bar.ratio_high = ratio_at(1 + delta);
        bar.swing = std::abs(*bar.ratio_high - *bar.ratio_low);
      }
      result.tornado.push_back(std::move(bar));
    }
  }
  std::stable_sort(result.tornado.begin(), result.tornado.end(),
                   [](const TornadoBar& a, const TornadoBar& b) { return a.swing > b.swing; });
  return result;
}

}  // namespace valuemark
