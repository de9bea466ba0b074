#include "core/impact_map.h"

#include <cassert>
#include <cmath>

#include <fmt/format.h>

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
    case Parameter::kQuantity: return "quantity";
    case Parameter::kProxy: return "proxy";
    case Parameter::kDeadweight: return "deadweight";
    case Parameter::kDisplacement: return "displacement";
    case Parameter::kAttribution: return "attribution";
    case Parameter::kDropOff: return "drop_off";
  }
  return "?";
}

bool IsFraction(Parameter p) { return p != Parameter::kQuantity && p != Parameter::kProxy; }

const Uncertain& Get(const Outcome& o, Parameter p) {
  switch (p) {
    case Parameter::kQuantity: return o.quantity;
    case Parameter::kProxy: return o.proxy.value;
    case Parameter::kDeadweight: return o.deadweight;
    case Parameter::kDisplacement: return o.displacement;
    case Parameter::kAttribution: return o.attribution;
    case Parameter::kDropOff: return o.drop_off;
  }
  assert(false);
  return o.quantity;
}

Uncertain& Get(Outcome& o, Parameter p) {
  return const_cast<Uncertain&>(Get(static_cast<const Outcome&>(o), p));
}

const Range& RangeOf(Parameter p) {
  switch (p) {
    case Parameter::kQuantity: return kNonNegativeRange;
    case Parameter::kProxy: return kAnyNumberRange;
    default: return kFractionRange;
  }
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
