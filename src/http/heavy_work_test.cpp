#include "http/heavy_work.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <future>
#include <latch>

namespace valuemark::http {
namespace {

using Clock = FairQueue::Clock;
using namespace std::chrono_literals;

HeavyWorkOptions Options(size_t threads, size_t per_key, double first_estimate = 1,
                         double max_wait = 20) {
  HeavyWorkOptions o;
  o.threads = threads;
  o.per_key = per_key;
  o.first_estimate_seconds = first_estimate;
  o.max_wait_seconds = max_wait;
  return o;
}

// Pops every job and returns their names in the order they would run.
std::vector<std::string> Drain(FairQueue& q, std::vector<std::string>& ran, Clock::time_point now) {
  while (auto t = q.Pop(now)) {
    t->job.work();
    q.Done(t->key, now, now);
  }
  return ran;
}

TEST(FairQueueTest, TakesTheKeysInTurnNotInArrivalOrder) {
  FairQueue q(Options(1, 10));
  std::vector<std::string> ran;
  const auto now = Clock::now();
  auto job = [&ran](std::string name) { return [&ran, name] { ran.push_back(name); }; };
  // One user queues five jobs, then two others one each.
  for (int i = 1; i <= 5; ++i)
    ASSERT_TRUE(q.Push("heavy", job("heavy" + std::to_string(i)), now).has_value());
  ASSERT_TRUE(q.Push("alice", job("alice"), now).has_value());
  ASSERT_TRUE(q.Push("bob", job("bob"), now).has_value());
  EXPECT_EQ(q.waiting(), 7u);
  EXPECT_EQ(Drain(q, ran, now), (std::vector<std::string>{"heavy1", "alice", "bob", "heavy2",
                                                          "heavy3", "heavy4", "heavy5"}));
  EXPECT_EQ(q.waiting(), 0u);
  EXPECT_EQ(q.running(), 0u);
}

TEST(FairQueueTest, AKeyThatComesBackJoinsTheEndOfTheTurn) {
  FairQueue q(Options(1, 10));
  std::vector<std::string> ran;
  const auto now = Clock::now();
  auto job = [&ran](std::string name) { return [&ran, name] { ran.push_back(name); }; };
  ASSERT_TRUE(q.Push("a", job("a1"), now).has_value());
  ASSERT_TRUE(q.Push("a", job("a2"), now).has_value());
  ASSERT_TRUE(q.Push("b", job("b1"), now).has_value());
  auto first = q.Pop(now);  // a1 runs; a's next turn is after b
  ASSERT_TRUE(first);
  first->job.work();
  ASSERT_TRUE(q.Push("c", job("c1"), now).has_value());
  q.Done(first->key, now, now);
  EXPECT_EQ(Drain(q, ran, now), (std::vector<std::string>{"a1", "b1", "a2", "c1"}));
}

TEST(FairQueueTest, RefusesTheJobBeyondTheKeysLimitWithTheRealWait) {
  FairQueue q(Options(1, 2, /*first_estimate=*/10, /*max_wait=*/60));
  const auto t0 = Clock::now();
  ASSERT_TRUE(q.Push(
                   "u", [] {}, t0)
                  .has_value());
  ASSERT_TRUE(q.Push(
                   "u", [] {}, t0)
                  .has_value());
  auto running = q.Pop(t0);  // one of u's jobs runs, one waits
  ASSERT_TRUE(running);
  // Three seconds into a job expected to take ten, u's next slot frees in seven.
  auto refused = q.Push(
      "u", [] {}, t0 + 3s);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kResourceExhausted);
  EXPECT_EQ(refused.error().retry_after_seconds, 7);
  EXPECT_NE(refused.error().message.find("at most 2"), std::string::npos)
      << refused.error().message;
  // Another key is not limited by u's jobs.
  EXPECT_TRUE(q.Push(
                   "v", [] {}, t0 + 3s)
                  .has_value());
  // Once u's job is done, u may queue again.
  q.Done("u", t0, t0 + 4s);
  EXPECT_TRUE(q.Push(
                   "u", [] {}, t0 + 4s)
                  .has_value());
}

TEST(FairQueueTest, TheWaitFollowsHowLongTheKeysJobsReallyTake) {
  FairQueue q(Options(1, 1, /*first_estimate=*/1));
  const auto t0 = Clock::now();
  // u's jobs take 30 s each, whatever the first estimate said.
  ASSERT_TRUE(q.Push(
                   "u", [] {}, t0)
                  .has_value());
  ASSERT_TRUE(q.Pop(t0));
  q.Done("u", t0, t0 + 30s);
  EXPECT_DOUBLE_EQ(q.Estimate("u"), 30);
  ASSERT_TRUE(q.Push(
                   "u", [] {}, t0 + 30s)
                  .has_value());
  ASSERT_TRUE(q.Pop(t0 + 30s));
  auto refused = q.Push(
      "u", [] {}, t0 + 35s);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().retry_after_seconds, 25);
}

TEST(FairQueueTest, AKeyWhoseJobsAllWaitIsToldWhenItsFirstShouldFinish) {
  FairQueue q(Options(1, 1, /*first_estimate=*/2));
  const auto t0 = Clock::now();
  ASSERT_TRUE(q.Push(
                   "other", [] {}, t0)
                  .has_value());
  ASSERT_TRUE(q.Pop(t0));  // the only worker is busy for about 2 s
  ASSERT_TRUE(q.Push(
                   "u", [] {}, t0)
                  .has_value());
  auto refused = q.Push(
      "u", [] {}, t0);
  ASSERT_FALSE(refused.has_value());
  // u's job starts when the worker frees (2 s) and takes 2 s.
  EXPECT_EQ(refused.error().retry_after_seconds, 4);
}

TEST(FairQueueTest, RefusesWhatWouldWaitLongerThanTheTransportWaits) {
  FairQueue q(Options(1, 10, /*first_estimate=*/5, /*max_wait=*/12));
  const auto t0 = Clock::now();
  // Many users, one job each, five seconds a job, one worker.
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(q.Push(
                     "user" + std::to_string(i), [] {}, t0)
                    .has_value());
  ASSERT_TRUE(q.Pop(t0));
  // Two wait, one runs: a new user's job would start in 15 s, beyond 12.
  auto refused = q.Push(
      "late", [] {}, t0);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(refused.error().retry_after_seconds, 3);
}

TEST(HeavyWorkTest, RunsJobsOnItsOwnThreadsAndAnswersThroughThem) {
  HeavyWork pool(Options(2, 4));
  std::promise<std::thread::id> ran;
  auto where = ran.get_future();
  ASSERT_TRUE(pool.Submit("u", [&ran] { ran.set_value(std::this_thread::get_id()); }).has_value());
  ASSERT_EQ(where.wait_for(10s), std::future_status::ready);
  EXPECT_NE(where.get(), std::this_thread::get_id());
}

TEST(HeavyWorkTest, AQuietUserIsServedBeforeTheBusyUsersBacklog) {
  std::vector<std::string> order;
  std::mutex m;
  auto record = [&](std::string name) {
    return [&, name] {
      std::lock_guard lock(m);
      order.push_back(name);
    };
  };
  {
    // The latch outlives the pool, whose worker may still be leaving wait().
    std::latch gate(1);
    HeavyWork pool(Options(1, 3));
    // The worker is held by the busy user's first job while more queue up.
    ASSERT_TRUE(pool.Submit("busy",
                            [&gate, r = record("busy1")] {
                              gate.wait();
                              r();
                            })
                    .has_value());
    ASSERT_TRUE(pool.Submit("busy", record("busy2")).has_value());
    ASSERT_TRUE(pool.Submit("busy", record("busy3")).has_value());
    auto refused = pool.Submit("busy", record("busy4"));
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, ErrorCode::kResourceExhausted);
    EXPECT_GE(refused.error().retry_after_seconds, 1);
    ASSERT_TRUE(pool.Submit("quiet", record("quiet")).has_value());
    gate.count_down();
  }  // runs what it accepted
  ASSERT_EQ(order.size(), 4u);
  EXPECT_EQ(order[0], "busy1");
  // At most one more of the busy user's jobs (already in turn) goes first.
  const auto quiet = std::find(order.begin(), order.end(), "quiet") - order.begin();
  const auto busy3 = std::find(order.begin(), order.end(), "busy3") - order.begin();
  EXPECT_LT(quiet, busy3);
}

TEST(HeavyWorkTest, FinishesWhatItAcceptedBeforeItStops) {
  std::atomic<int> ran = 0;
  {
    HeavyWork pool(Options(1, 100));
    for (int i = 0; i < 20; ++i)
      ASSERT_TRUE(pool.Submit("k" + std::to_string(i % 3), [&ran] { ++ran; }).has_value());
  }
  EXPECT_EQ(ran, 20);
}

TEST(HeavyWorkTest, SharesItsThreadsBetweenTheJobsRunning) {
  std::latch started(2), gate(1);  // outlive the pool, whose workers wait on them
  HeavyWork pool(Options(4, 4));
  EXPECT_EQ(pool.ThreadsPerJob(), 4);
  ASSERT_TRUE(pool.Submit("a",
                          [&] {
                            started.count_down();
                            gate.wait();
                          })
                  .has_value());
  ASSERT_TRUE(pool.Submit("b",
                          [&] {
                            started.count_down();
                            gate.wait();
                          })
                  .has_value());
  started.wait();
  EXPECT_EQ(pool.ThreadsPerJob(), 2);
  gate.count_down();
}

}  // namespace
}  // namespace valuemark::http
