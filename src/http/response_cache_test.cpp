#include "http/response_cache.h"

#include <gtest/gtest.h>

#include <thread>

namespace valuemark::http {
namespace {

Request Get(const std::string& path, std::map<std::string, std::string> query = {}) {
  Request r;
  r.path = path;
  r.query = std::move(query);
  return r;
}

Response Answer(const std::string& body) {
  Response r;
  r.body = body;
  return r;
}

class ResponseCacheTest : public ::testing::Test {
 protected:
  std::optional<uint64_t> tag_ = 1;
  int64_t now_ = 100;
  ResponseCache cache_{[this] { return tag_; }, [this] { return now_; }, 1 << 20};

  // Begin + Remember under the current tag; returns what Begin found.
  std::optional<Response> Serve(const std::string& key, const std::string& body) {
    ResponseCache::Ticket ticket;
    auto hit = cache_.Begin(key, ticket);
    if (!hit) cache_.Remember(ticket, Answer(body));
    return hit;
  }
};

TEST_F(ResponseCacheTest, KeysTellSessionsPathsQueriesAndMethodsApart) {
  const std::string a = ResponseCache::KeyOf(Get("/api/v1/me"), "token-a");
  EXPECT_NE(a, ResponseCache::KeyOf(Get("/api/v1/me"), "token-b"));
  EXPECT_NE(a, ResponseCache::KeyOf(Get("/api/v1/users"), "token-a"));
  EXPECT_NE(ResponseCache::KeyOf(Get("/x", {{"limit", "1"}}), "t"),
            ResponseCache::KeyOf(Get("/x", {{"limit", "2"}}), "t"));
  EXPECT_EQ(ResponseCache::KeyOf(Get("/x", {{"a", "1"}, {"b", "2"}}), "t"),
            ResponseCache::KeyOf(Get("/x", {{"b", "2"}, {"a", "1"}}), "t"));
  Request head = Get("/api/v1/me");
  head.method = Method::kHead;
  EXPECT_NE(a, ResponseCache::KeyOf(head, "token-a"));
}

TEST_F(ResponseCacheTest, AnswersWhileTheTagAndTheSecondStandStill) {
  EXPECT_FALSE(Serve("k", "one"));
  auto hit = Serve("k", "two");
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->body, "one");
  EXPECT_FALSE(Serve("other", "x"));
}

TEST_F(ResponseCacheTest, ACommitForgetsEverything) {
  Serve("k", "before");
  Serve("j", "before");
  tag_ = 2;
  EXPECT_FALSE(Serve("k", "after"));
  EXPECT_FALSE(Serve("j", "after"));
  EXPECT_EQ(Serve("k", "")->body, "after");
}

TEST_F(ResponseCacheTest, AnAnswerLivesOnlyWithinItsSecond) {
  Serve("k", "then");
  now_ += 1;
  EXPECT_FALSE(Serve("k", "now"));
  EXPECT_EQ(Serve("k", "")->body, "now");
}

TEST_F(ResponseCacheTest, NoTagNoCache) {
  tag_.reset();
  EXPECT_FALSE(Serve("k", "one"));
  EXPECT_FALSE(Serve("k", "two"));
}

TEST_F(ResponseCacheTest, AnAnswerMadeUnderAnOlderTagIsNotKept) {
  ResponseCache::Ticket old_ticket;
  EXPECT_FALSE(cache_.Begin("k", old_ticket));
  tag_ = 2;
  EXPECT_FALSE(Serve("j", "new"));  // moves this thread's entries to tag 2
  cache_.Remember(old_ticket, Answer("old"));
  EXPECT_FALSE(Serve("k", "fresh"));
}

TEST_F(ResponseCacheTest, MemoryStaysBounded) {
  ResponseCache small([] { return std::optional<uint64_t>(1); }, [] { return int64_t{0}; }, 4096);
  ResponseCache::Ticket t;
  small.Begin("big", t);
  small.Remember(t, Answer(std::string(2000, 'x')));  // over a quarter of the bound: not kept
  EXPECT_FALSE(small.Begin("big", t));
  for (int i = 0; i < 100; ++i) {
    small.Begin("k" + std::to_string(i), t);
    small.Remember(t, Answer(std::string(500, 'y')));
  }
  int kept = 0;
  for (int i = 0; i < 100; ++i) kept += small.Begin("k" + std::to_string(i), t).has_value();
  EXPECT_GT(kept, 0);
  EXPECT_LE(kept * 500, 4096);
}

TEST_F(ResponseCacheTest, EachThreadKeepsItsOwn) {
  Serve("k", "main");
  std::optional<Response> seen;
  std::thread other([&] { seen = Serve("k", "other"); });
  other.join();
  EXPECT_FALSE(seen) << "a thread saw an answer remembered under another thread's tag";
  EXPECT_EQ(Serve("k", "")->body, "main");
}

}  // namespace
}  // namespace valuemark::http
