#include "http/heavy_work.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>

#include "formats/log_line.h"

namespace valuemark::http {
namespace {

constexpr double kWeight = 0.2;          // of the newest duration in the running means
constexpr size_t kMaxKnownKeys = 10000;  // keys whose own mean duration is kept

int64_t WholeSeconds(double seconds) {
  return std::max<int64_t>(1, static_cast<int64_t>(std::ceil(seconds)));
}

double Since(FairQueue::Clock::time_point from, FairQueue::Clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

}  // namespace

FairQueue::FairQueue(const HeavyWorkOptions& options)
    : options_(options), mean_seconds_(options.first_estimate_seconds) {
  options_.threads = std::max<size_t>(1, options_.threads);
  options_.per_key = std::max<size_t>(1, options_.per_key);
}

double FairQueue::Estimate(const std::string& key) const {
  auto it = key_seconds_.find(key);
  return it == key_seconds_.end() ? mean_seconds_ : it->second;
}

// A fluid estimate: `ahead` jobs start before this one; it starts once that
// many, plus those running, less the workers, have finished, and the workers
// finish jobs at threads / mean a second.
double FairQueue::ExpectedStart(const std::string& key, Clock::time_point) const {
  auto lane = lanes_.find(key);
  const size_t own = lane == lanes_.end() ? 0 : lane->second.jobs.size();
  // Round robin: before this job starts, the key's own waiting jobs do, and
  // every other key gets as many turns (up to what it has waiting).
  size_t ahead = own;
  for (const auto& [other, l] : lanes_)
    if (other != key) ahead += std::min(l.jobs.size(), own + 1);
  const double must_finish =
      static_cast<double>(ahead + running_) - static_cast<double>(options_.threads) + 1;
  if (must_finish <= 0) return 0;
  return must_finish * mean_seconds_ / static_cast<double>(options_.threads);
}

double FairQueue::UntilWorkerFrees(Clock::time_point now) const {
  if (running_ < options_.threads) return 0;
  double soonest = mean_seconds_;
  for (const auto& [key, l] : lanes_)
    for (Clock::time_point s : l.started)
      soonest = std::min(soonest, std::max(0.0, Estimate(key) - Since(s, now)));
  return soonest;
}

double FairQueue::UntilKeyFrees(const std::string& key, Clock::time_point now) const {
  const Lane& lane = lanes_.at(key);
  const double own = Estimate(key);
  if (!lane.started.empty()) {
    double soonest = own;
    for (Clock::time_point s : lane.started)
      soonest = std::min(soonest, std::max(0.0, own - Since(s, now)));
    return soonest;
  }
  // Every job of the key waits: the first starts when its turn comes.
  const auto position =
      static_cast<size_t>(std::find(turn_.begin(), turn_.end(), key) - turn_.begin());
  const double must_finish =
      static_cast<double>(position + running_) - static_cast<double>(options_.threads) + 1;
  const double start =
      must_finish <= 0 ? 0
                       : std::max(UntilWorkerFrees(now), must_finish * mean_seconds_ /
                                                             static_cast<double>(options_.threads));
  return start + own;
}

Result<void> FairQueue::Push(const std::string& key, Job job, Clock::time_point now) {
  auto it = lanes_.find(key);
  if (it != lanes_.end() &&
      it->second.jobs.size() + it->second.started.size() >= options_.per_key) {
    const int64_t wait = WholeSeconds(UntilKeyFrees(key, now));
    return Fail(Error::RetryLater(ErrorCode::kResourceExhausted,
                                  fmt::format("{} of your calculations, reports or imports are "
                                              "already waiting or running (at most {} at once): "
                                              "try again in {} s",
                                              options_.per_key, options_.per_key, wait),
                                  wait));
  }
  if (const double start = ExpectedStart(key, now); start > options_.max_wait_seconds) {
    const int64_t wait = WholeSeconds(start - options_.max_wait_seconds);
    return Fail(Error::RetryLater(
        ErrorCode::kUnavailable,
        fmt::format("the server is busy with calculations, reports and imports: try again in {} s",
                    wait),
        wait));
  }
  Lane& lane = lanes_[key];
  if (lane.jobs.empty()) turn_.push_back(key);
  lane.jobs.push_back(std::move(job));
  ++waiting_;
  return {};
}

std::optional<FairQueue::Taken> FairQueue::Pop(Clock::time_point now) {
  if (turn_.empty()) return std::nullopt;
  std::string key = std::move(turn_.front());
  turn_.pop_front();
  Lane& lane = lanes_.at(key);
  Taken taken{key, std::move(lane.jobs.front())};
  lane.jobs.pop_front();
  lane.started.push_back(now);
  --waiting_;
  ++running_;
  if (!lane.jobs.empty()) turn_.push_back(key);  // its next job waits for its next turn
  return taken;
}

void FairQueue::Done(const std::string& key, Clock::time_point started, Clock::time_point now) {
  const double seconds = Since(started, now);
  mean_seconds_ += kWeight * (seconds - mean_seconds_);
  if (key_seconds_.size() >= kMaxKnownKeys) key_seconds_.clear();
  auto [known, fresh] = key_seconds_.try_emplace(key, seconds);
  if (!fresh) known->second += kWeight * (seconds - known->second);
  auto it = lanes_.find(key);
  if (it == lanes_.end()) return;
  auto& started_list = it->second.started;
  if (auto s = std::find(started_list.begin(), started_list.end(), started);
      s != started_list.end()) {
    started_list.erase(s);
    --running_;
  }
  if (started_list.empty() && it->second.jobs.empty()) lanes_.erase(it);
}

HeavyWork::HeavyWork(HeavyWorkOptions options) : options_(options), queue_(options) {
  options_.threads = std::max<size_t>(1, options_.threads);
  for (size_t i = 0; i < options_.threads; ++i) workers_.emplace_back([this] { Work(); });
}

HeavyWork::~HeavyWork() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (std::thread& t : workers_) t.join();
}

Result<void> HeavyWork::Submit(const std::string& key, FairQueue::Job job) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_)
      return Fail(Error::RetryLater(ErrorCode::kUnavailable, "the server is stopping", 5));
    TRY(queue_.Push(key, std::move(job), FairQueue::Clock::now()));
  }
  ready_.notify_one();
  return {};
}

int HeavyWork::ThreadsPerJob() const {
  std::lock_guard lock(mutex_);
  return static_cast<int>(
      std::max<size_t>(1, options_.threads / std::max<size_t>(1, queue_.running())));
}

void HeavyWork::Work() {
  // Lower this thread's priority only (Linux: the nice value is per thread,
  // and the Monte Carlo threads a job starts inherit it). Best effort.
  if (options_.nice != 0 &&
      setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), options_.nice) != 0)
    spdlog::debug("{}", formats::LogLine("heavy work runs at the process's priority").Fields());
  std::unique_lock lock(mutex_);
  for (;;) {
    ready_.wait(lock, [this] { return stopping_ || queue_.waiting() > 0; });
    const auto started = FairQueue::Clock::now();
    auto taken = queue_.Pop(started);
    if (!taken) {
      if (stopping_) return;
      continue;
    }
    lock.unlock();
    auto guarded = [](const std::function<void()>& fn) {
      if (!fn) return;
      try {
        fn();
      } catch (const std::exception& e) {
        // A job answers its own request; this only keeps the worker alive.
        spdlog::error("{}", formats::LogLine("heavy job failed").Add("error", e.what()).Fields());
      }
    };
    guarded(taken->job.work);
    taken->job.work = nullptr;  // what it holds goes now, not under the lock
    lock.lock();
    queue_.Done(taken->key, started, FairQueue::Clock::now());
    lock.unlock();
    guarded(taken->job.then);
    taken->job.then = nullptr;
    lock.lock();
  }
}

}  // namespace valuemark::http
