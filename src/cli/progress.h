// A progress bar for long work, drawn on standard error only when it is a
// terminal (docs/cli.md), so pipes and files never see it.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace valuemark::cli {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  ~ProgressBar();  // clears the bar
  void Update(int64_t done, int64_t total);
  bool enabled() const { return enabled_; }

 private:
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
  int last_percent_ = -1;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace valuemark::cli
