// Benchmarking among peers (issue 16 item 3; SVQM: "it is possible for
// organisations to benchmark themselves against each other"). Organisations
// that opt in contribute their figures; each sees where it stands among
// groups of contributors — all, the same sector, region, size band, and all
// three — as medians and quartiles. No figure is shown that could tell one
// contributor's: a group of fewer than 5 is withheld, and so is a group whose
// contributors differ from a group already shown by fewer than 5 (else
// comparing the two would single those few out). Pure functions; no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace valuemark {

inline constexpr size_t kMinBenchmarkGroup = 5;

// The value at fraction p (0..1) of sorted values, interpolated between
// neighbours (the "type 7" definition of spreadsheets and R). Values must be
// non-empty and sorted.
double Quantile(const std::vector<double>& sorted, double p);

// Where `own` stands among `sorted` values, 0..100: the share below it, plus
// half the share equal to it.
double PercentileRank(const std::vector<double>& sorted, double own);

enum class Withheld {
  kShown,
  kTooFew,       // fewer than kMinBenchmarkGroup contributors
  kDifferencing  // differs from a group shown before by 1 to 4 contributors
};

struct GroupDecision {
  Withheld withheld = Withheld::kShown;
  size_t like = 0;  // kDifferencing: the index of the shown group it is too close to
};

// Decides, in order, which groups may be shown: each group is the sorted,
// distinct ids of its contributors (of one figure). A group is withheld when
// it has fewer than kMinBenchmarkGroup, or when its contributors and those of
// a group shown before it differ (either way round) by fewer than
// kMinBenchmarkGroup but not by none: the same contributors show the same
// figures, which reveal nothing more. Put the broadest group first.
std::vector<GroupDecision> DecideGroups(const std::vector<std::vector<int64_t>>& groups);

struct GroupSummary {
  size_t n = 0;
  double p25 = 0, median = 0, p75 = 0;
  std::optional<double> own_rank;  // PercentileRank of the organisation's own value
};

// The quartiles of `values` (any order, non-empty) and where `own` stands.
GroupSummary Summarise(std::vector<double> values, std::optional<double> own);

}  // namespace valuemark
