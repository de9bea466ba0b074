// One user must not starve everyone (security review, item 6): heavy work on
// its own pool with a queue per user, the server's limits on what one
// calculation may ask, and rate limits on sign-ups, reset requests,
// invitations and uploads, each with the real Retry-After.
#include <future>
#include <latch>

#include "api_fixture.h"
#include "app/rate_limits.h"
#include "http/heavy_work.h"

namespace valuemark::http {

namespace {

std::string ReadSource(const std::string& relative) {
  std::ifstream in(std::string(VALUEMARK_SOURCE_DIR) + "/" + relative);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

using namespace std::chrono_literals;

// A map of n outcomes, each as small as the format allows.
std::string TinyMap(int n) {
  json outcomes = json::array();
  for (int i = 0; i < n; ++i)
    outcomes.push_back({{"id", fmt::format("o{}", i)},
                        {"stakeholder", "s"},
                        {"quantity", 1},
                        {"duration_years", 1},
                        {"proxy", {{"value", 1}}}});
  return json{{"inputs", json::array({{{"stakeholder", "s"}, {"value", 1}}})},
              {"outcomes", outcomes}}
      .dump();
}

class FairnessTest : public ApiTest {
 protected:
  void TearDown() override {
    pool_.reset();  // runs what it accepted while the API is still there
    ApiTest::TearDown();
  }

  ApiOptions Options() {
    ApiOptions options{"test", false};
    options.pdf_module = VALUEMARK_PDF_MODULE;
    options.rate_limits = app::RateLimitOptions::Off();
    return options;
  }
  void Use(ApiOptions options) { api_ = std::make_unique<Api>(*platform_, std::move(options)); }
  void UsePool(size_t threads, size_t per_user) {
    HeavyWorkOptions heavy;
    heavy.threads = threads;
    heavy.per_key = per_user;
    heavy.first_estimate_seconds = 2;
    pool_ = std::make_unique<HeavyWork>(heavy);
    ApiOptions options = Options();
    options.heavy = pool_.get();
    Use(std::move(options));
  }

  // Sends a request as the transport does, able to be answered later.
  struct Sent {
    Response now;
    std::future<Response> later;
    Response Answer() {
      if (!now.deferred) return now;
      EXPECT_EQ(later.wait_for(30s), std::future_status::ready);
      return later.get();
    }
  };
  Sent Dispatch(Request r) {
    auto promise = std::make_shared<std::promise<Response>>();
    Sent sent;
    sent.later = promise->get_future();
    r.reply_later = [promise](Response x) { promise->set_value(std::move(x)); };
    sent.now = Send(r);
    return sent;
  }
  Sent Dispatch(Method m, const std::string& path, const std::string& body, const Session* s) {
    return Dispatch(MakeRequest(m, path, body, s));
  }

  // Holds the pool's only worker until the returned latch is counted down.
  std::shared_ptr<std::latch> HoldTheWorker() {
    auto gate = std::make_shared<std::latch>(1);
    auto started = std::make_shared<std::latch>(1);
    EXPECT_TRUE(pool_
                    ->Submit("test:gate",
                             [gate, started] {
                               started->count_down();
                               gate->wait();
                             })
                    .has_value());
    started->wait();
    return gate;
  }

  Request Csv(const std::string& path, const std::string& csv, const Session& s) {
    Request r = MakeRequest(Method::kPost, path, "", &s);
    r.body = csv;
    r.headers["content-type"] = "text/csv";
    return r;
  }

  std::unique_ptr<HeavyWork> pool_;
};

// --- Heavy work on its own pool --------------------------------------------

TEST_F(FairnessTest, HeavyRequestsQueuePerUserWhileTheRestOfTheApiAnswers) {
  UsePool(1, 1);
  Session busy = SignUp("busy@example.org");
  Session other = SignUp("other@example.org");
  const std::string map = ReadSource("examples/lunch-club.json");
  auto gate = HoldTheWorker();

  Sent first = Dispatch(Method::kPost, "/api/v1/impact-maps/calculate?draws=1000", map, &busy);
  EXPECT_TRUE(first.now.deferred) << first.now.body;
  // One at a time for this user: the next is refused, with the real wait.
  Sent second = Dispatch(Method::kPost, "/api/v1/impact-maps/calculate?draws=1000", map, &busy);
  ASSERT_FALSE(second.now.deferred);
  EXPECT_EQ(second.now.status, 429) << second.now.body;
  EXPECT_EQ(Body(second.now)["error"]["code"], "rate_limited");
  const int retry_after = std::stoi(HeaderValue(second.now, "Retry-After"));
  EXPECT_GE(retry_after, 1);
  EXPECT_LE(retry_after, 10);  // two estimated jobs of 2 s, not a fixed 15 minutes
  // Everyone else's ordinary requests are answered in place meanwhile.
  Sent me = Dispatch(Method::kGet, "/api/v1/me", "", &other);
  ASSERT_FALSE(me.now.deferred);
  EXPECT_EQ(me.now.status, 200);
  // And another user's heavy request has its own queue.
  Sent theirs = Dispatch(Method::kPost, "/api/v1/impact-maps/calculate?draws=1000", map, &other);
  EXPECT_TRUE(theirs.now.deferred) << theirs.now.body;

  gate->count_down();
  Response a = first.Answer();
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(Body(a)["montecarlo"]["draws"], 1000);
  EXPECT_EQ(theirs.Answer().status, 200);
  // Once the first is answered, the user may ask again.
  Sent again = Dispatch(Method::kPost, "/api/v1/impact-maps/calculate?draws=1000", map, &busy);
  EXPECT_EQ(again.Answer().status, 200);
}

TEST_F(FairnessTest, BadInputToAHeavyRouteIsAnsweredFromThePool) {
  UsePool(1, 2);
  Session s = SignUp("bad@example.org");
  Sent sent = Dispatch(Method::kPost, "/api/v1/impact-maps/calculate?draws=0",
                       ReadSource("examples/lunch-club.json"), &s);
  Response r = sent.Answer();
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Body(r)["error"]["field"], "draws");
}

TEST_F(FairnessTest, ReportsMonteCarloAndLoginsRunOnThePool) {
  UsePool(1, 2);
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Riverside");
  const std::string id = Body(Call(Method::kPost, "/api/v1/organisations/" + org + "/impact-maps",
                                   ReadSource("examples/lunch-club.json"), &lead))["id"];
  Sent pdf = Dispatch(Method::kGet, "/api/v1/impact-maps/" + id + "/report.pdf", "", &lead);
  EXPECT_TRUE(pdf.now.deferred);
  Response report = pdf.Answer();
  ASSERT_EQ(report.status, 200) << report.body;
  EXPECT_EQ(report.content_type, "application/pdf");
  EXPECT_EQ(report.body.substr(0, 5), "%PDF-");

  Sent mc =
      Dispatch(Method::kGet, "/api/v1/impact-maps/" + id + "/montecarlo?draws=500", "", &lead);
  EXPECT_TRUE(mc.now.deferred);
  Response mc_answer = mc.Answer();
  ASSERT_EQ(mc_answer.status, 200) << mc_answer.body;
  EXPECT_EQ(Body(mc_answer)["draws"], 500);
  // A deferred GET is not remembered as an empty answer.
  Response direct =
      Call(Method::kGet, "/api/v1/impact-maps/" + id + "/montecarlo?draws=500", "", &lead);
  EXPECT_EQ(direct.body, mc_answer.body);

  // Password hashing: a login is queued under the client's address.
  Sent login = Dispatch(
      Method::kPost, "/api/v1/auth/login",
      json{{"email", "lead@example.org"}, {"password", "correct horse battery"}}.dump(), nullptr);
  EXPECT_TRUE(login.now.deferred);
  Response signed_in = login.Answer();
  EXPECT_EQ(signed_in.status, 200) << signed_in.body;
  EXPECT_FALSE(HeaderValue(signed_in, "Set-Cookie").empty());
}

TEST_F(FairnessTest, WithoutAPoolHeavyRoutesAnswerInPlace) {
  Session s = SignUp("inline@example.org");
  Sent sent = Dispatch(Method::kPost, "/api/v1/impact-maps/calculate?draws=1000",
                       ReadSource("examples/lunch-club.json"), &s);
  EXPECT_FALSE(sent.now.deferred);
  EXPECT_EQ(sent.now.status, 200);
}

// --- What one calculation may ask of the server -----------------------------

TEST_F(FairnessTest, DrawsAreAtMostOneHundredThousand) {
  Session s = SignUp("draws@example.org");
  const std::string map = ReadSource("examples/lunch-club.json");
  Response ok = Call(Method::kPost, "/api/v1/impact-maps/calculate?draws=100000", map, &s);
  EXPECT_EQ(ok.status, 200) << ok.body;
  Response over = Call(Method::kPost, "/api/v1/impact-maps/calculate?draws=100001", map, &s);
  EXPECT_EQ(over.status, 400);
  EXPECT_EQ(Body(over)["error"]["field"], "draws");
  EXPECT_NE(over.body.find("from 1 to 100000"), std::string::npos) << over.body;

  const std::string org = CreateOrganisation(s, "Draws");
  const std::string id =
      Body(Call(Method::kPost, "/api/v1/organisations/" + org + "/impact-maps", map, &s))["id"];
  Response saved =
      Call(Method::kGet, "/api/v1/impact-maps/" + id + "/montecarlo?draws=100001", "", &s);
  EXPECT_EQ(saved.status, 400);
  EXPECT_EQ(Body(saved)["error"]["field"], "draws");
}

TEST_F(FairnessTest, TheServerCalculatesMapsOfAtMostFiveThousandOutcomes) {
  Session s = SignUp("size@example.org");
  Response ok = Call(Method::kPost, "/api/v1/impact-maps/calculate?draws=100", TinyMap(5000), &s);
  EXPECT_EQ(ok.status, 200) << ok.body.substr(0, 300);
  Response over = Call(Method::kPost, "/api/v1/impact-maps/calculate?draws=100", TinyMap(5001), &s);
  EXPECT_EQ(over.status, 400);
  EXPECT_EQ(Body(over)["error"]["field"], "outcomes");
  EXPECT_NE(over.body.find("at most 5,000 outcomes, this one has 5,001"), std::string::npos)
      << over.body;
}

TEST_F(FairnessTest, DrawsTimesOutcomesIsBoundedAndTheErrorSaysWhatFits) {
  Session s = SignUp("cells@example.org");
  const std::string map = TinyMap(2000);
  Response ok = Call(Method::kPost, "/api/v1/impact-maps/calculate?draws=25000", map, &s);
  EXPECT_EQ(ok.status, 200) << ok.body.substr(0, 300);
  Response over = Call(Method::kPost, "/api/v1/impact-maps/calculate?draws=25001", map, &s);
  EXPECT_EQ(over.status, 400);
  EXPECT_EQ(Body(over)["error"]["field"], "draws");
  EXPECT_NE(over.body.find("a map of 2,000 outcomes may have up to 25,000 draws"),
            std::string::npos)
      << over.body;
}

// --- Rate limits ---------------------------------------------------------------

TEST_F(FairnessTest, SignUpsAreLimitedPerAddressWithTheRealWait) {
  ApiOptions options = Options();
  options.rate_limits.signup_per_address = {2, 2};  // two an hour
  Use(std::move(options));
  // A bad request counts too: it is refused before any hashing.
  Response bad = Call(Method::kPost, "/api/v1/auth/signup", json{{"email", "nope"}}.dump());
  EXPECT_EQ(bad.status, 400);
  SignUp("one@example.org");
  Response third =
      Call(Method::kPost, "/api/v1/auth/signup",
           json{{"email", "two@example.org"}, {"password", "correct horse battery"}, {"name", "T"}}
               .dump());
  EXPECT_EQ(third.status, 429) << third.body;
  EXPECT_EQ(Body(third)["error"]["code"], "rate_limited");
  EXPECT_NE(Body(third)["error"]["message"].get<std::string>().find(
                "too many sign-ups from this address"),
            std::string::npos);
  // One token every 30 minutes: the wait is (almost exactly) that.
  const int retry = std::stoi(HeaderValue(third, "Retry-After"));
  EXPECT_GT(retry, 1790);
  EXPECT_LE(retry, 1800);
  // Another address is not affected.
  client_address_ = "198.51.100.7";
  SignUp("two@example.org");
}

TEST_F(FairnessTest, ResetRequestsAreLimitedPerEmailAndPerAddress) {
  ApiOptions options = Options();
  options.rate_limits.reset_per_email = {1, 1};
  options.rate_limits.reset_per_address = {3, 3};
  Use(std::move(options));
  auto reset = [this](const std::string& email) {
    return Call(Method::kPost, "/api/v1/auth/password-reset", json{{"email", email}}.dump());
  };
  EXPECT_EQ(Call(Method::kPost, "/api/v1/auth/password-reset", json::object().dump()).status, 400);
  EXPECT_EQ(reset("a@example.org").status, 202);
  // The same address asked for again (whatever its case): one an hour.
  Response again = reset(" A@Example.org");
  EXPECT_EQ(again.status, 429);
  EXPECT_NE(again.body.find("this email address"), std::string::npos) << again.body;
  EXPECT_GT(std::stoi(HeaderValue(again, "Retry-After")), 3590);
  EXPECT_EQ(reset("b@example.org").status, 202);
  EXPECT_EQ(reset("c@example.org").status, 202);
  // Three from this address: the fourth waits for the address's next token (20 minutes).
  Response many = reset("d@example.org");
  EXPECT_EQ(many.status, 429);
  EXPECT_NE(many.body.find("this address"), std::string::npos) << many.body;
  const int retry = std::stoi(HeaderValue(many, "Retry-After"));
  EXPECT_GT(retry, 1190);
  EXPECT_LE(retry, 1200);
}

TEST_F(FairnessTest, InvitationsAreLimitedPerAccount) {
  ApiOptions options = Options();
  options.rate_limits.invitation_per_account = {3, 3};
  Use(std::move(options));
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Riverside");
  Session senior = Join(lead, org, "senior@example.org", "senior_leader");  // the lead's first
  const std::string path = "/api/v1/organisations/" + org + "/invitations";
  auto invite = [&](const Session& s, const std::string& email, const std::string& role) {
    return Call(Method::kPost, path, json{{"email", email}, {"role", role}}.dump(), &s);
  };
  EXPECT_EQ(invite(lead, "x@example.org", "emperor").status, 400);
  EXPECT_EQ(invite(lead, "m1@example.org", "member").status, 201);
  Response over = invite(lead, "m2@example.org", "member");
  EXPECT_EQ(over.status, 429) << over.body;
  EXPECT_NE(over.body.find("too many invitations from this account"), std::string::npos)
      << over.body;
  EXPECT_GT(std::stoi(HeaderValue(over, "Retry-After")), 1190);
  // Another account at the same address has its own allowance.
  Response theirs = invite(senior, "m3@example.org", "member");
  EXPECT_NE(theirs.status, 429) << theirs.body;
}

TEST_F(FairnessTest, UploadsAndImportsShareOneLimitPerAccount) {
  ApiOptions options = Options();
  options.rate_limits.upload_per_account = {2, 2};
  Use(std::move(options));
  Session s = SignUp("uploads@example.org");
  const std::string org = CreateOrganisation(s, "Uploads");
  const std::string csv =
      "name,value,unit,source,description\nHour of volunteering,12.21,hour,NLW 2025,\n";
  Request wrong_type = Csv("/api/v1/impact-maps/import-csv", csv, s);
  wrong_type.headers["content-type"] = "application/json";
  EXPECT_EQ(Send(wrong_type).status, 400);
  Request proxies = Csv("/api/v1/organisations/" + org + "/proxies/import", csv, s);
  Response imported = Send(proxies);
  EXPECT_EQ(imported.status, 201) << imported.body;
  // Any upload counts: an evidence file or an import of another kind.
  Request map_import = Csv("/api/v1/impact-maps/import-csv", csv, s);
  Response over = Send(map_import);
  EXPECT_EQ(over.status, 429) << over.body;
  EXPECT_NE(over.body.find("too many uploads and imports"), std::string::npos) << over.body;
  EXPECT_GT(std::stoi(HeaderValue(over, "Retry-After")), 1790);
}

// --- The rate limiter itself ------------------------------------------------------

TEST(RateLimitsTest, SpendsTheBurstThenRefillsAtTheRate) {
  double now = 1000;
  app::RateLimitOptions options = app::RateLimitOptions::Off();
  options.upload_per_address = {60, 3};  // one a minute, three saved up
  app::RateLimits limits(options, [&now] { return now; });
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limits.Take(app::Limited::kUpload, "a", "").has_value());
  auto refused = limits.Take(app::Limited::kUpload, "a", "");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kResourceExhausted);
  EXPECT_EQ(refused.error().retry_after_seconds, 60);
  now += 45;  // three quarters of a token
  refused = limits.Take(app::Limited::kUpload, "a", "");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().retry_after_seconds, 15);
  now += 15;
  EXPECT_TRUE(limits.Take(app::Limited::kUpload, "a", "").has_value());
  EXPECT_TRUE(limits.Take(app::Limited::kUpload, "b", "").has_value());  // another address
}

TEST(RateLimitsTest, ARefusalTakesNothingAndStatesTheLongerWait) {
  double now = 0;
  app::RateLimitOptions options = app::RateLimitOptions::Off();
  options.invitation_per_address = {3600, 1};  // one a second
  options.invitation_per_account = {60, 1};    // one a minute
  app::RateLimits limits(options, [&now] { return now; });
  EXPECT_TRUE(limits.Take(app::Limited::kInvitation, "addr", "alice").has_value());
  now = 2;  // the address has a token again, alice not
  auto refused = limits.Take(app::Limited::kInvitation, "addr", "alice");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().retry_after_seconds, 58);
  EXPECT_NE(refused.error().message.find("from this account"), std::string::npos);
  // The address's token was not spent on the refusal: bob may still invite.
  EXPECT_TRUE(limits.Take(app::Limited::kInvitation, "addr", "bob").has_value());
}

TEST(RateLimitsTest, OffMeansNoLimit) {
  app::RateLimits limits(app::RateLimitOptions::Off());
  for (int i = 0; i < 1000; ++i)
    ASSERT_TRUE(limits.Take(app::Limited::kSignup, "a", "").has_value());
}

}  // namespace
}  // namespace valuemark::http
