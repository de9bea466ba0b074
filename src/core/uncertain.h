// A number that may be uncertain (docs/methodology.md §3).
#pragma once

#include <optional>

namespace valuemark {

enum class DistributionKind { kUniform, kTriangular };

struct Distribution {
  DistributionKind kind = DistributionKind::kUniform;
  double low = 0;
  double mode = 0;  // triangular only
  double high = 0;
  bool operator==(const Distribution&) const = default;
};

// A parameter of the model: a plain number, or a distribution whose
// deterministic value is its mode (triangular) or midpoint (uniform).
class Uncertain {
 public:
  Uncertain() = default;
  Uncertain(double v) : value_(v) {}  // NOLINT: a number is a certain parameter
  explicit Uncertain(Distribution d)
      : value_(d.kind == DistributionKind::kTriangular ? d.mode : (d.low + d.high) / 2),
        distribution_(d) {}

  // The value used by the deterministic calculations (§1, §2).
  double value() const { return value_; }
  const std::optional<Distribution>& distribution() const { return distribution_; }
  bool is_uncertain() const { return distribution_.has_value(); }
  // The same parameter with its deterministic value replaced (used by sensitivity).
  Uncertain WithValue(double v) const { return Uncertain(v); }
  bool operator==(const Uncertain&) const = default;

 private:
  double value_ = 0;
  std::optional<Distribution> distribution_;
};

}  // namespace valuemark
