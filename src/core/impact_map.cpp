#include "core/impact_map.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <cmath>

namespace valuemark {

Result<MapKind> ParseMapKind(const std::string& s) {
  if (s == "forecast") return MapKind::kForecast;
  if (s == "evaluative") return MapKind::kEvaluative;
  return Fail(Error::Make(ErrorCode::kInvalidArgument,
                          fmt::format("must be \"forecast\" or \"evaluative\", got \"{}\"", s)));
}

const char* MapKindName(MapKind k) { return k == MapKind::kForecast ? "forecast" : "evaluative"; }

const char* ParameterName(Parameter p) {
  switch (p) {
    case Parameter::kQuantity:
      return "quantity";
    case Parameter::kProxy:
      return "proxy";
    case Parameter::kDeadweight:
      return "deadweight";
    case Parameter::kDisplacement:
      return "displacement";
    case Parameter::kAttribution:
      return "attribution";
    case Parameter::kDropOff:
      return "drop_off";
  }
  return "?";
}

bool IsFraction(Parameter p) { return p != Parameter::kQuantity && p != Parameter::kProxy; }

const Uncertain& Get(const Outcome& o, Parameter p) {
  switch (p) {
    case Parameter::kQuantity:
      return o.quantity;
    case Parameter::kProxy:
      return o.proxy.value;
    case Parameter::kDeadweight:
      return o.deadweight;
    case Parameter::kDisplacement:
      return o.displacement;
    case Parameter::kAttribution:
      return o.attribution;
    case Parameter::kDropOff:
      return o.drop_off;
  }
  assert(false);
  return o.quantity;
}

Uncertain& Get(Outcome& o, Parameter p) {
  return const_cast<Uncertain&>(Get(static_cast<const Outcome&>(o), p));
}

const Range& RangeOf(Parameter p) {
  switch (p) {
    case Parameter::kQuantity:
      return kQuantityRange;
    case Parameter::kProxy:
      return kProxyRange;
    default:
      return kFractionRange;
  }
}

namespace {

// The largest magnitude an uncertain number takes anywhere in its range.
double MaxMagnitude(const Uncertain& u) {
  double m = std::abs(u.value());
  if (const auto& d = u.distribution())
    m = std::max({m, std::abs(d->low), std::abs(d->mode), std::abs(d->high)});
  return m;
}

// The smallest non-zero magnitude an uncertain number names (0 when it names none).
double MinNonZero(const Uncertain& u) {
  double m = 0;
  auto take = [&](double v) {
    if (v != 0 && (m == 0 || std::abs(v) < m)) m = std::abs(v);
  };
  take(u.value());
  if (const auto& d = u.distribution()) take(d->low), take(d->mode), take(d->high);
  return m;
}

}  // namespace

std::vector<FieldError> CheckMagnitudes(const ImpactMap& map) {
  std::vector<FieldError> errors;
  auto too_many = [&](const char* field, size_t n, size_t max) {
    if (n > max)
      errors.push_back({field, fmt::format("lists {} rows; a map may have at most {}", n, max)});
  };
  too_many("stakeholders", map.stakeholders.size(), kMaxStakeholders);
  too_many("inputs", map.inputs.size(), kMaxInputs);
  too_many("outcomes", map.outcomes.size(), kMaxOutcomes);
  for (size_t i = 0; i < map.inputs.size(); ++i) {
    const double smallest = MinNonZero(map.inputs[i].value);
    if (smallest != 0 && smallest < kMinNonZeroMoney)
      errors.push_back(
          {fmt::format("inputs[{}].value", i),
           fmt::format("must be 0 or at least {} (a penny), got {}", kMinNonZeroMoney, smallest)});
  }
  for (size_t i = 0; i < map.outcomes.size(); ++i) {
    const Outcome& o = map.outcomes[i];
    const double most = MaxMagnitude(o.quantity) * MaxMagnitude(o.proxy.value);
    if (most > kMaxOutcomeValue)
      errors.push_back(
          {fmt::format("outcomes[{}].quantity", i),
           fmt::format(
               "quantity × proxy value reaches {:.3g} a year, more than the limit of {:.0e}: "
               "check the units of the quantity and the proxy",
               most, kMaxOutcomeValue)});
  }
  return errors;
}

std::optional<std::string> Range::Check(double v) const {
  // Numbers print as the shortest form that reads back the same (1.5, 0.035, 1e+20).
  if (!std::isfinite(v)) return fmt::format("must be a finite number, got {}", v);
  if (integer) {
    if (v != std::floor(v) || v < min || v > max)
      return fmt::format("must be a whole number between {} and {}, got {}", min, max, v);
    return std::nullopt;
  }
  if (!has_max) {
    if (v < min) return fmt::format("must be at least {}, got {}", min, v);
    return std::nullopt;
  }
  if (!max_inclusive) {
    if (v < min || v >= max)
      return fmt::format("must be at least {} and less than {}, got {}", min, max, v);
    return std::nullopt;
  }
  if (v < min || v > max) return fmt::format("must be between {} and {}, got {}", min, max, v);
  return std::nullopt;
}

}  // namespace valuemark
