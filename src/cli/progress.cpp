#include "cli/progress.h"

#include <fmt/format.h>
#include <unistd.h>

namespace valuemark::cli {

ProgressBar::ProgressBar(std::string label)
    : label_(std::move(label)),
      enabled_(isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()) {}

ProgressBar::~ProgressBar() {
  if (drawn_) fmt::print(stderr, "\r\033[2K");
}

void ProgressBar::Update(int64_t done, int64_t total) {
  if (!enabled_ || total <= 0) return;
  // Only worth drawing once the work has taken a noticeable time.
  if (!drawn_ && std::chrono::steady_clock::now() - start_ < std::chrono::milliseconds(200)) return;
  const int percent = static_cast<int>(done * 100 / total);
  if (percent == last_percent_) return;
  last_percent_ = percent;
  constexpr int kWidth = 30;
  const int filled = percent * kWidth / 100;
  fmt::print(stderr, "\r{} [{}{}] {:3d}%", label_, std::string(filled, '#'),
             std::string(kWidth - filled, ' '), percent);
  std::fflush(stderr);
  drawn_ = true;
}

}  // namespace valuemark::cli
