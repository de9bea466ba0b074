// The calculations the server runs on impact maps (docs/api.md "Impact
// maps"): SROI, sensitivity, Monte Carlo and the principles check, within
// the bounds one request may ask of a shared server (docs/operations.md
// "Limits"; the command line has only the engine's own, core/impact_map.h),
// and the editor's live analysis of an unsaved map in one call.
//
// Monte Carlo after an edit: the editor changes one cell at a time, so the
// service keeps the per-outcome draws of the last few maps it ran (core
// MonteCarloMemo) and recomputes only what changed; the answer is the same,
// bit for bit. Bounded: a few maps, each up to a fixed number of draws.
#pragma once
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/histogram.h"
#include "core/impact_map.h"
#include "core/lint.h"
#include "core/montecarlo.h"
#include "core/result.h"
#include "core/sensitivity.h"
#include "core/sroi.h"

namespace valuemark::app {

// What one request may ask for.
inline constexpr int64_t kMaxServerDraws = 100000;
inline constexpr int64_t kDefaultServerDraws = 10000;
inline constexpr size_t kMaxServerOutcomes = 5000;
// Draws × outcomes of one Monte Carlo: a 5,000-outcome map still runs the
// editor's 10,000 draws.
inline constexpr int64_t kMaxServerDrawCells = 50'000'000;

// Everything the editor shows for a map: its figures, their sensitivity, the
// Monte Carlo with its histogram, and the principles check.
struct MapAnalysis {
  SroiResult sroi;
  SensitivityResult sensitivity;
  MonteCarloResult montecarlo;
  std::vector<Finding> findings;
  Histogram histogram;  // the middle 98 % of the Monte Carlo ratios in 24 bins
};

class Calculations {
 public:
  Calculations();
  ~Calculations();

  Result<SroiResult> Sroi(const ImpactMap& map) const;
  Result<SensitivityResult> Sensitivity(const ImpactMap& map, double delta) const;
  // memo_key names the map across edits ("map:<id>", "live:<user>:<id>").
  Result<MonteCarloResult> MonteCarlo(const std::string& memo_key, const ImpactMap& map,
                                      const MonteCarloOptions& options);
  std::vector<Finding> Lint(const ImpactMap& map) const;
  Result<MapAnalysis> Analyse(const std::string& memo_key, const ImpactMap& map, double delta,
                              MonteCarloOptions options);

 private:
  class Memos;
  std::unique_ptr<Memos> memos_;
};

// The map is small enough for the server to calculate (with mc's draws):
// InvalidArgument on "outcomes" or "draws" otherwise.
Result<void> CheckServerSize(const ImpactMap& map, const MonteCarloOptions* mc);

}  // namespace valuemark::app
