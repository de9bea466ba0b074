#include "app/measure/calculations.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/number_format.h"

namespace valuemark::app {

class Calculations::Memos {
 public:
  MonteCarloResult Run(const std::string& key, const ImpactMap& map,
                       const MonteCarloOptions& options) {
    if (options.draws * static_cast<int64_t>(map.outcomes.size()) > kMaxMemoCells)
      return RunMonteCarlo(map, options);
    std::shared_ptr<Entry> entry;
    {
      std::lock_guard lock(mutex_);
      auto it = std::find_if(entries_.begin(), entries_.end(),
                             [&](const auto& e) { return e->key == key; });
      if (it == entries_.end()) {
        if (entries_.size() >= kMaxEntries) entries_.pop_back();  // the least recently used
        entries_.insert(entries_.begin(), std::make_shared<Entry>(key));
      } else {
        std::rotate(entries_.begin(), it, it + 1);
      }
      entry = entries_.front();
    }
    // Someone else is computing this map: compute without the memo rather than wait.
    std::unique_lock busy(entry->mutex, std::try_to_lock);
    if (!busy) return RunMonteCarlo(map, options);
    return entry->memo.Run(map, options);
  }

 private:
  static constexpr size_t kMaxEntries = 4;
  static constexpr int64_t kMaxMemoCells = 5'000'000;  // 40 MB
  struct Entry {
    explicit Entry(std::string k) : key(std::move(k)) {}
    std::string key;
    std::mutex mutex;
    MonteCarloMemo memo;
  };
  std::mutex mutex_;
  std::vector<std::shared_ptr<Entry>> entries_;  // most recently used first
};

Calculations::Calculations() : memos_(std::make_unique<Memos>()) {}
Calculations::~Calculations() = default;

Result<SroiResult> Calculations::Sroi(const ImpactMap& map) const { return ComputeSroi(map); }

Result<SensitivityResult> Calculations::Sensitivity(const ImpactMap& map, double delta) const {
  TRY(CheckServerSize(map, nullptr));
  return ComputeSensitivity(map, delta);
}

Result<MonteCarloResult> Calculations::MonteCarlo(const std::string& memo_key, const ImpactMap& map,
                                                  const MonteCarloOptions& options) {
  TRY(CheckServerSize(map, &options));
  return memos_->Run(memo_key, map, options);
}

std::vector<Finding> Calculations::Lint(const ImpactMap& map) const { return LintImpactMap(map); }

Result<MapAnalysis> Calculations::Analyse(const std::string& memo_key, const ImpactMap& map,
                                          double delta, MonteCarloOptions options) {
  TRY(CheckServerSize(map, &options));
  std::vector<double> ratios;
  options.ratio_draws = &ratios;
  MapAnalysis out;
  out.montecarlo = memos_->Run(memo_key, map, options);
  out.sroi = ComputeSroi(map);
  out.sensitivity = ComputeSensitivity(map, delta);
  out.findings = LintImpactMap(map);
  // The middle 98 % of the draws in 24 bins; the outer 2 % folded into the end bins.
  out.histogram = BinDraws(ratios, 24, 0.01);
  return out;
}

Result<void> CheckServerSize(const ImpactMap& map, const MonteCarloOptions* mc) {
  const auto outcomes = static_cast<int64_t>(map.outcomes.size());
  if (map.outcomes.size() > kMaxServerOutcomes)
    return Fail(Error::Field(ErrorCode::kInvalidArgument, "outcomes",
                             fmt::format("the server calculates maps of at most {} outcomes, this "
                                         "one has {} (valuemark on the command line "
                                         "has no such limit)",
                                         GroupedNumber(kMaxServerOutcomes),
                                         GroupedNumber(static_cast<double>(outcomes)))));
  if (mc && outcomes > 0 && mc->draws * outcomes > kMaxServerDrawCells)
    return Fail(Error::Field(
        ErrorCode::kInvalidArgument, "draws",
        fmt::format("draws × outcomes must be at most {} on the server: a map of {} outcomes may "
                    "have up to {} draws, not {}",
                    GroupedNumber(kMaxServerDrawCells),
                    GroupedNumber(static_cast<double>(outcomes)),
                    GroupedNumber(static_cast<double>(kMaxServerDrawCells / outcomes)),
                    GroupedNumber(static_cast<double>(mc->draws)))));
  return {};
}

}  // namespace valuemark::app
