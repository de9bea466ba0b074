// The impact map: stakeholders, inputs and outcomes of an SROI analysis
// (docs/file-formats.md "Impact map (JSON)"). Plain data; the readers in src/formats check every
// field against the ranges below before a map reaches an engine, so the
// engines may assume a valid map.
#pragma once

#include <cstdint>
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
  std::optional<std::string> description;  // who is in the group, in words
  bool operator==(const Stakeholder&) const = default;
};

struct Input {
  std::string stakeholder;
  std::string description;
  Uncertain value;
  bool in_kind =
      false;  // given in kind (time, a venue, goods), valued at what it would cost to buy
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
  std::optional<std::string> quantity_source;  // where the quantity comes from (a survey, records)
  std::optional<int64_t> sample_size;          // how many answered or were counted
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
  // The period the analysis covers, in words ("April 2025 to March 2026").
  std::optional<std::string> period;
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
inline constexpr Parameter kAllParameters[] = {Parameter::kQuantity,    Parameter::kProxy,
                                               Parameter::kDeadweight,  Parameter::kDisplacement,
                                               Parameter::kAttribution, Parameter::kDropOff};
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
inline constexpr Range kYearsRange{1, 50, true, true};
inline constexpr Range kDiscountRateRange{0, 1, false};

// Bounds that no real analysis reaches, so that every figure the engines
// compute (sums over 20,000 outcomes and 50 years, ratios, Monte Carlo draws
// and their squares) stays a finite number. docs/file-formats.md "Limits".
inline constexpr double kMaxQuantity = 1e12;         // people, tonnes, kWh, ... of one outcome
inline constexpr double kMaxProxy = 1e9;             // |value of one unit|
inline constexpr double kMaxOutcomeValue = 1e12;     // |quantity × proxy value| in one year
inline constexpr double kMaxInput = 1e12;            // one input's value
inline constexpr double kMinNonZeroMoney = 0.01;     // an input is 0 or at least a penny
inline constexpr double kMaxStakeholderSize = 1e10;  // people in one group
inline constexpr size_t kMaxStakeholders = 10000;
inline constexpr size_t kMaxInputs = 10000;
inline constexpr size_t kMaxOutcomes = 20000;

inline constexpr Range kQuantityRange{0, kMaxQuantity};
inline constexpr Range kProxyRange{-kMaxProxy, kMaxProxy};
inline constexpr Range kInputRange{0, kMaxInput};
inline constexpr Range kStakeholderSizeRange{0, kMaxStakeholderSize};
inline constexpr Range kSampleSizeRange{0, kMaxStakeholderSize, true, true, true};

// The range of each outcome parameter (quantity >= 0, proxy either sign, fractions in [0, 1]).
const Range& RangeOf(Parameter p);

// What the ranges of single fields cannot see: an outcome whose quantity ×
// proxy value (at the ends of their ranges) is beyond kMaxOutcomeValue, an
// input below a penny, too many rows. Each problem names its field
// ("outcomes[3].quantity"); empty when the map is within bounds.
std::vector<FieldError> CheckMagnitudes(const ImpactMap& map);

}  // namespace valuemark
