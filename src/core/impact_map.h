// The impact map: stakeholders, inputs and outcomes of an SROI analysis
// (cli.md "Impact map"). Plain data; the readers in src/formats check every
// field against the ranges below before a map reaches an engine, so the
// engines may assume a valid map.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/uncertain.h"

namespace valuemark {

enum class MapKind { kForecast, kEvaluative };
Result<MapKind> ParseMapKind(const std::string& s);
const char* MapKindName(MapKind k);

struct Stakeholder {
  std::string id;
  std::string name;
  std::optional<double> size;
  std::optional<std::string> involvement;
  bool operator==(const Stakeholder&) const = default;
};

struct Input {
  std::string stakeholder;
  std::string description;
  Uncertain value;
  bool operator==(const Input&) const = default;
};

struct Proxy {
  Uncertain value;
  std::optional<std::string> description;
  std::optional<std::string> source;
  bool operator==(const Proxy&) const = default;
};

struct Outcome {
  std::string id;
  std::string stakeholder;
  std::string description;
  bool intended = true;
  std::optional<std::string> indicator;
  Uncertain quantity;
  int duration_years = 1;
  int start_year = 1;
  Proxy proxy;
  Uncertain deadweight;
  Uncertain displacement;
  Uncertain attribution;
  Uncertain drop_off;
  bool material = true;
  std::optional<std::string> materiality_reason;
  bool operator==(const Outcome&) const = default;
};

struct Verification {
  std::string by;
  std::string date;
  bool operator==(const Verification&) const = default;
};

inline constexpr double kDefaultDiscountRate = 0.035;  // HM Treasury Green Book

struct ImpactMap {
  std::string name;
  MapKind kind = MapKind::kForecast;
  std::string currency = "GBP";
  double discount_rate = kDefaultDiscountRate;
  std::vector<Stakeholder> stakeholders;
  std::vector<Input> inputs;
  std::vector<Outcome> outcomes;
  std::optional<Verification> verification;
  bool operator==(const ImpactMap&) const = default;
};

// The parameters of an outcome that sensitivity analysis and Monte Carlo vary.
enum class Parameter { kQuantity, kProxy, kDeadweight, kDisplacement, kAttribution, kDropOff };
inline constexpr Parameter kAllParameters[] = {Parameter::kQuantity,     Parameter::kProxy,
                                               Parameter::kDeadweight,   Parameter::kDisplacement,
                                               Parameter::kAttribution,  Parameter::kDropOff};
const char* ParameterName(Parameter p);
bool IsFraction(Parameter p);
const Uncertain& Get(const Outcome& o, Parameter p);
Uncertain& Get(Outcome& o, Parameter p);

// The valid range of a number in an input file, with the message that explains
// a value outside it ("must be between 0 and 1, got 1.5").
struct Range {
  double min;
  double max;
  bool max_inclusive = true;
  bool integer = false;
  bool has_max = true;
  // Empty when v is inside the range.
  std::optional<std::string> Check(double v) const;
};

inline constexpr Range kFractionRange{0, 1};
inline constexpr Range kNonNegativeRange{0, 0, true, false, false};
inline constexpr Range kAnyNumberRange{-1e300, 1e300, true, false, true};
inline constexpr Range kYearsRange{1, 50, true, true};
inline constexpr Range kDiscountRateRange{0, 1, false};

// The range of each outcome parameter (quantity >= 0, proxy any sign, fractions in [0, 1]).
const Range& RangeOf(Parameter p);

}  // namespace valuemark
