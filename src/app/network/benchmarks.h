// Benchmarking among peers (core/benchmark.h; issue 16 item 3). An
// organisation's Lead or Senior Leader opts in, naming its region; its
// figures — the latest self-assessment overall and by principle, the SROI
// ratio of its latest impact map, and for each scheme the level it holds and
// the days from starting the application to the award — are worked out then
// and whenever it updates them. Only contributors see the benchmarks: each
// figure among all contributors, its sector, its region, its size band, and
// all three, as medians and quartiles with where it stands, each labelled
// with its number of contributors and date, and withheld where the group is
// small enough, or close enough to another, to tell one contributor's figure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/network/network_store.h"
#include "app/use_cases.h"
#include "core/benchmark.h"

namespace valuemark::app {

struct BenchmarkSettings {
  bool opted_in = false;
  std::string region;  // a taxonomy area code
  std::string region_name;
  std::string sector;
  SizeBand size_band = SizeBand::kSmall;
  UnixTime opted_in_at = 0;
  UnixTime refreshed_at = 0;
  bool may_change = false;  // the caller may opt in or out and update the figures
};

struct BenchmarkGroupView {
  std::string key;    // "all", "sector", "region", "size", "peers"
  std::string label;  // "All contributors", "Your sector: community development", ...
  size_t n = 0;
  Withheld withheld = Withheld::kShown;
  std::string withheld_reason;  // in words, when withheld
  std::optional<GroupSummary> summary;
  std::string as_of;  // YYYY-MM-DD: the latest of its contributors' figures
};

struct BenchmarkMetricView {
  std::string key;
  std::string label;
  std::string unit;  // "score" (0–100), "ratio", "level", "days"
  std::optional<double> own;
  std::vector<BenchmarkGroupView> groups;
};

struct BenchmarkReport {
  BenchmarkSettings settings;
  size_t contributors = 0;
  std::vector<BenchmarkMetricView> metrics;  // empty unless the organisation contributes
};

class BenchmarkService : public UseCases {
 public:
  using UseCases::UseCases;

  // The organisation's settings and, when it contributes, its benchmarks
  // (its members and staff).
  Result<BenchmarkReport> Report(const Caller& caller, const std::string& org_id);
  // Opts in with the region (the Lead or the Senior Leader): its figures are
  // worked out now. Again: changes the region and updates the figures.
  Result<BenchmarkSettings> OptIn(const Caller& caller, const std::string& org_id,
                                  const std::string& region);
  // Its figures leave the benchmarks at once.
  Result<void> OptOut(const Caller& caller, const std::string& org_id);
};

}  // namespace valuemark::app
