// Every refusal for now states its real wait in Retry-After, never a fixed
// 15 minutes: the login throttle (failures counted in the database), the
// token buckets of sign-ups, resets, invitations and uploads, the survey
// response limiter and the heavy-work queue, each on a clock the test holds.
#include <future>
#include <latch>
#include <memory>

#include "api_fixture.h"
#include "app/rate_limits.h"
#include "http/heavy_work.h"

namespace valuemark::http {
namespace {

using namespace std::chrono_literals;

std::string RetryAfter(const Response& r) {
  for (const auto& [name, value] : r.headers)
    if (name == "Retry-After") return value;
  return "";
}

class RetryAfterTest : public ApiTest {
 protected:
  void TearDown() override {
    pool_.reset();  // runs what it accepted while the API is still there
    ApiTest::TearDown();
  }
  // The platform on the clock now_ (Unix seconds), the API's rate limits on
  // steady_ (seconds), with `limits` and, when given, a heavy-work pool.
  void Restart(app::RateLimitOptions limits = app::RateLimitOptions::Off(),
               HeavyWork* heavy = nullptr) {
    app::PlatformOptions options;
    options.password_cost = app::PasswordCost::kMinimum;
    options.public_url = "https://vm.example";
    options.clock = [this] { return now_; };
    api_.reset();
    platform_ = std::make_unique<app::Platform>(*store_, std::move(options));
    ApiOptions api_options{"test", false};
    api_options.rate_limits = limits;
    api_options.rate_limit_clock = [this] { return steady_; };
    api_options.heavy = heavy;
    api_ = std::make_unique<Api>(*platform_, std::move(api_options));
  }
  Response LogInAs(const std::string& email, const std::string& password) {
    return Call(Method::kPost, "/api/v1/auth/login",
                json{{"email", email}, {"password", password}}.dump());
  }
  Response ResetFor(const std::string& email) {
    return Call(Method::kPost, "/api/v1/auth/password-reset", json{{"email", email}}.dump());
  }

  int64_t now_ = 1'800'000'000;
  double steady_ = 5000;
  std::unique_ptr<HeavyWork> pool_;
};

// Five failures in 15 minutes lock the email from this address until the
// oldest of them is 15 minutes old: the wait is exactly that, and moves.
TEST_F(RetryAfterTest, TheLoginThrottleStatesWhenItsOldestFailureAgesOut) {
  Restart();
  ASSERT_TRUE(platform_->accounts.CreateUser({"owner@example.org", "correct horse battery", "O"},
                                             PlatformRole::kNone));
  const int64_t start = now_;
  for (int i = 0; i < 5; ++i) {
    now_ = start + 60 * i;  // a failure a minute: at 0, 60, 120, 180, 240 s
    EXPECT_EQ(LogInAs("owner@example.org", "wrong password guess").status, 401);
  }
  now_ = start + 300;
  Response refused = LogInAs("owner@example.org", "correct horse battery");
  EXPECT_EQ(refused.status, 429) << refused.body;
  EXPECT_EQ(Body(refused)["error"]["code"], "rate_limited");
  // The failure at 0 s leaves the window at 900 s: 600 s from now.
  EXPECT_EQ(RetryAfter(refused), "600");
  EXPECT_NE(refused.body.find("try again in 10 minutes"), std::string::npos) << refused.body;
  now_ = start + 899;
  EXPECT_EQ(RetryAfter(LogInAs("owner@example.org", "correct horse battery")), "1");
  now_ = start + 900;  // four failures in the window now
  EXPECT_EQ(LogInAs("owner@example.org", "correct horse battery").status, 200);
}

TEST_F(RetryAfterTest, TheLoginThrottlePerAddressStatesItsOwnWait) {
  Restart();
  const int64_t start = now_;
  // Twenty failures for twenty different emails, one every 10 s.
  for (int i = 0; i < 20; ++i) {
    now_ = start + 10 * i;
    EXPECT_EQ(LogInAs(fmt::format("nobody{}@example.org", i), "wrong password guess").status, 401);
  }
  now_ = start + 200;
  Response refused = LogInAs("someone@example.org", "any password at all");
  EXPECT_EQ(refused.status, 429) << refused.body;
  EXPECT_EQ(RetryAfter(refused), "700");  // the first failure leaves at 900 s
}

TEST_F(RetryAfterTest, TokenBucketsStateTheSecondsToTheirNextToken) {
  app::RateLimitOptions limits = app::RateLimitOptions::Off();
  limits.reset_per_email = {4, 1};  // one every 15 minutes
  Restart(limits);
  EXPECT_EQ(ResetFor("a@example.org").status, 202);
  Response refused = ResetFor("a@example.org");
  EXPECT_EQ(refused.status, 429) << refused.body;
  EXPECT_EQ(RetryAfter(refused), "900");
  steady_ += 899.5;
  EXPECT_EQ(RetryAfter(ResetFor("a@example.org")), "1");  // half a second, rounded up
  steady_ += 0.5;
  EXPECT_EQ(ResetFor("a@example.org").status, 202);
  // A sign-up limit of 12 an hour: five minutes a token.
  limits = app::RateLimitOptions::Off();
  limits.signup_per_address = {12, 1};
  Restart(limits);
  const std::string signup =
      json{{"email", "n@example.org"}, {"password", "correct horse battery"}, {"name", "N"}}.dump();
  EXPECT_EQ(Call(Method::kPost, "/api/v1/auth/signup", signup).status, 202);
  steady_ += 100;
  Response signups = Call(Method::kPost, "/api/v1/auth/signup", signup);
  EXPECT_EQ(signups.status, 429);
  EXPECT_EQ(RetryAfter(signups), "200");
  EXPECT_NE(signups.body.find("try again in 4 minutes"), std::string::npos) << signups.body;
}

// Asking the broker to be put in touch emails every broker: an account may
// ask 10 times an hour, 5 at once, and is told how long to wait.
TEST_F(RetryAfterTest, AskingToBePutInTouchIsLimitedPerAccount) {
  app::RateLimitOptions limits = app::RateLimitOptions::Off();
  limits.contact_per_account = app::RateLimitOptions().contact_per_account;
  Restart(limits);
  Session admin = Staff("admin@example.org", PlatformRole::kAdministrator);
  const json entry = {{"name", "Bread Shed"}, {"summary", "A bakery that trains bakers."},
                      {"legal_form", "cic"},  {"size_band", "small"},
                      {"areas", {"wales"}},   {"themes", {"food"}},
                      {"listed", true}};
  const std::string id =
      Body(Call(Method::kPost, "/api/v1/broker/directory", entry.dump(), &admin))["id"];
  Session buyer = SignUp("buyer@example.org");
  const std::string ask = R"({"message": "We need bread for 40 lunches a week."})";
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(Call(Method::kPost, "/api/v1/directory/" + id + "/contact", ask, &buyer).status, 202);
  Response refused = Call(Method::kPost, "/api/v1/directory/" + id + "/contact", ask, &buyer);
  EXPECT_EQ(refused.status, 429) << refused.body;
  EXPECT_EQ(RetryAfter(refused), "360");  // 10 an hour: a token every 6 minutes
  EXPECT_NE(refused.body.find("put in touch"), std::string::npos) << refused.body;
}

TEST_F(RetryAfterTest, TheSurveyLimiterStatesItsRealWaitNotAMoment) {
  Restart();
  app::SurveyOptions surveys;
  surveys.per_address_rate = 1.0 / 30;  // one every 30 s
  surveys.per_address_burst = 1;
  surveys.per_link_rate = 0.25;  // one every 4 s
  surveys.per_link_burst = 2;
  surveys.now = [this] { return steady_; };
  platform_->surveys.ConfigureSurveys(surveys);
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  Response created =
      Call(Method::kPost, "/api/v1/organisations/" + org + "/surveys",
           json{{"title", "Club"},
                {"questions", {{{"id", "score"}, {"type", "scale"}, {"text", "0 to 10"}}}}}
               .dump(),
           &lead);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string token = Body(created)["token"];
  auto submit = [&](const std::string& key, const std::string& address) {
    Request r = MakeRequest(Method::kPost, "/api/v1/s/" + token + "/responses",
                            json{{"answers", {{"score", 7}}}}.dump());
    r.headers["idempotency-key"] = key;
    r.client_address = address;
    return api_->Handle(r);
  };
  EXPECT_EQ(submit("k1", "192.0.2.1").status, 201);
  steady_ += 12;
  Response by_address = submit("k2", "192.0.2.1");
  EXPECT_EQ(by_address.status, 429) << by_address.body;
  EXPECT_EQ(RetryAfter(by_address), "18");
  EXPECT_NE(by_address.body.find("send it again in 18 seconds"), std::string::npos)
      << by_address.body;
  // The link: two at once (refilled by now), then one every 4 s.
  EXPECT_EQ(submit("k3", "192.0.2.2").status, 201);
  EXPECT_EQ(submit("k4", "192.0.2.3").status, 201);
  Response busy = submit("k5", "192.0.2.4");
  EXPECT_EQ(busy.status, 429) << busy.body;
  EXPECT_EQ(RetryAfter(busy), "4");
  EXPECT_NE(busy.body.find("this survey is very busy: send it again in 4 seconds"),
            std::string::npos)
      << busy.body;
  steady_ += 1;
  EXPECT_EQ(RetryAfter(submit("k6", "192.0.2.5")), "3");
  steady_ += 3;
  EXPECT_EQ(submit("k7", "192.0.2.6").status, 201);
}

// The heavy-work queue's refusal (one request of a user at a time here) states
// the pool's own estimate of when that user's running request is done.
TEST_F(RetryAfterTest, TheHeavyQueueStatesItsEstimate) {
  HeavyWorkOptions heavy;
  heavy.threads = 1;
  heavy.per_key = 1;
  heavy.first_estimate_seconds = 40;
  pool_ = std::make_unique<HeavyWork>(heavy);
  Restart(app::RateLimitOptions::Off(), pool_.get());
  auto gate = std::make_shared<std::latch>(1);
  auto started = std::make_shared<std::latch>(1);
  // The signed-out caller's queue key is its address: hold the one worker with its job.
  ASSERT_TRUE(pool_
                  ->Submit("address:" + client_address_,
                           [gate, started] {
                             started->count_down();
                             gate->wait();
                           })
                  .has_value());
  started->wait();
  // A login hashes a password: heavy work, queued per address when signed out.
  Request r = MakeRequest(Method::kPost, "/api/v1/auth/login",
                          json{{"email", "a@example.org"}, {"password", "a password"}}.dump());
  std::promise<Response> later;
  r.reply_later = [&later](Response x) { later.set_value(std::move(x)); };
  Response refused = api_->Handle(r);
  gate->count_down();
  ASSERT_FALSE(refused.deferred) << "the request was queued, not refused";
  EXPECT_EQ(refused.status, 429) << refused.body;
  EXPECT_EQ(RetryAfter(refused), "40");  // its running job's estimate, just started
  EXPECT_NE(refused.body.find("try again in 40 s"), std::string::npos) << refused.body;
}

}  // namespace
}  // namespace valuemark::http
