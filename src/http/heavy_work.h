// Heavy work — Monte Carlo, reports, imports, password hashing — runs on its
// own bounded pool of threads, so that the transport's threads stay free for
// the rest of the API however much of it one user asks for.
//
// Fairness: every job has a key (a signed-in user, or the client address of a
// public request). Each key has its own queue, and the workers take the keys
// in turn (round robin), one job at a time: a user with a hundred requests
// waiting delays another user's one request by at most one job per worker.
// A key may have at most `per_key` jobs queued or running; one more is
// refused with ResourceExhausted (429) and the real wait: the time until the
// key's next job should finish. A job that would wait longer than
// `max_wait_seconds` to start (every worker busy with many keys) is refused
// with Unavailable (503) and the time until the queue is that short again.
// Durations are estimated from the jobs that finished (per key, then overall).
//
// FairQueue is the queue alone, without threads or clocks of its own (the
// caller passes the time), so that its order, limits and waits are tested
// directly; HeavyWork runs it on threads.
#pragma once

#include <chrono>
#include <concepts>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/result.h"

namespace valuemark::http {

struct HeavyWorkOptions {
  // Worker threads; serve's default is one per core but one (at least one).
  size_t threads = 1;
  // Jobs of one key queued or running at once.
  size_t per_key = 4;
  // Longest expected wait before a job starts; the transport gives up on a
  // request after 30 s, so a job that would start later is refused now.
  double max_wait_seconds = 20;
  // The estimate of a job's duration before any has finished.
  double first_estimate_seconds = 0.5;
  // The workers' nice value (Linux, per thread; 0 keeps the process's): when
  // the cores are busy, the request threads and the database go first.
  int nice = 10;
};

class FairQueue {
 public:
  using Clock = std::chrono::steady_clock;
  // The work, and what runs once the key's place is free again (answering
  // the request: a client that asks again as soon as it has its answer is
  // not refused for the job it is answered by).
  struct Job {
    Job() = default;
    template <typename Work>
    requires std::invocable<Work&> Job(Work work, std::function<void()> then = {})
        : work(std::move(work)), then(std::move(then)) {}
    std::function<void()> work;
    std::function<void()> then;
  };

  explicit FairQueue(const HeavyWorkOptions& options);

  // Queues job under key, or refuses it (ResourceExhausted: the key has
  // per_key jobs; Unavailable: it would wait too long), stating the wait.
  Result<void> Push(const std::string& key, Job job, Clock::time_point now);

  struct Taken {
    std::string key;
    Job job;
  };
  // The next job in turn, now counted as running; nullopt when none waits.
  std::optional<Taken> Pop(Clock::time_point now);

  // A job of key that started at `started` has finished.
  void Done(const std::string& key, Clock::time_point started, Clock::time_point now);

  size_t waiting() const { return waiting_; }
  size_t running() const { return running_; }
  // Seconds a job of key is expected to take.
  double Estimate(const std::string& key) const;

 private:
  struct Lane {
    std::deque<Job> jobs;
    std::vector<Clock::time_point> started;  // of the key's running jobs
  };
  // Expected seconds until a job queued now for key would start.
  double ExpectedStart(const std::string& key, Clock::time_point now) const;
  // Expected seconds until the first of key's jobs finishes.
  double UntilKeyFrees(const std::string& key, Clock::time_point now) const;
  // Expected seconds until some worker is free.
  double UntilWorkerFrees(Clock::time_point now) const;

  HeavyWorkOptions options_;
  std::map<std::string, Lane> lanes_;
  std::deque<std::string> turn_;  // keys with jobs waiting, in the order they are served
  size_t waiting_ = 0, running_ = 0;
  double mean_seconds_;
  std::unordered_map<std::string, double> key_seconds_;  // bounded: cleared when large
};

class HeavyWork {
 public:
  explicit HeavyWork(HeavyWorkOptions options);
  // Runs what is queued, then stops the workers.
  ~HeavyWork();
  HeavyWork(const HeavyWork&) = delete;
  HeavyWork& operator=(const HeavyWork&) = delete;

  // Queues job under key (FairQueue::Push); it runs on a worker thread.
  Result<void> Submit(const std::string& key, FairQueue::Job job);

  size_t threads() const { return options_.threads; }
  // Threads one job may use for itself (Monte Carlo): the pool's threads
  // shared among the jobs running now, at least one. The heavy work of the
  // whole server then uses about `threads` cores, whatever it is asked.
  int ThreadsPerJob() const;

 private:
  void Work();

  HeavyWorkOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  FairQueue queue_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace valuemark::http
