// The HTTP API through its router (no socket), on a real SQLite store:
// success, bad input that changes nothing, and the matrix of every endpoint ×
// role × foreign organisation (docs/api.md "Who may do what").
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <map>
#include <set>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "app/audit.h"
#include "app/crypto.h"
#include "app/platform.h"
#include "http/api.h"
#include "storage/open_store.h"

namespace valuemark::http {
namespace {

using nlohmann::json;

struct Session {
  std::string cookie, csrf, user_id;
};

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(app::InitCrypto().has_value());
    dir_ = std::filesystem::temp_directory_path() / fmt::format("vm-api-{}-{}", getpid(), counter_++);
    std::filesystem::create_directories(dir_);
    auto store = storage::OpenStore("sqlite:" + (dir_ / "api.db").string());
    ASSERT_TRUE(store.has_value()) << store.error().message;
    store_ = std::move(*store);
    ASSERT_TRUE(store_->Migrate().has_value());
    app::PlatformOptions options;
    options.password_cost = app::PasswordCost::kMinimum;
    options.public_url = "https://vm.example";
    platform_ = std::make_unique<app::Platform>(*store_, options);
    api_ = std::make_unique<Api>(*platform_, ApiOptions{"test", false});
  }
  void TearDown() override {
    api_.reset();
    platform_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  Response Call(Method method, const std::string& path, const std::string& body = "",
                const Session* session = nullptr, bool with_csrf = true) {
    Request r;
    r.method = method;
    r.path = path;
    if (auto q = path.find('?'); q != std::string::npos) {
      r.path = path.substr(0, q);
      const std::string query = path.substr(q + 1);
      for (size_t pos = 0; pos < query.size();) {
        const size_t amp = query.find('&', pos);
        const std::string pair = query.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
        r.query[pair.substr(0, pair.find('='))] = pair.substr(pair.find('=') + 1);
        if (amp == std::string::npos) break;
        pos = amp + 1;
      }
    }
    r.body = body;
    r.client_address = "192.0.2.1";
    if (!body.empty()) r.headers["content-type"] = "application/json";
    if (session) {
      r.headers["cookie"] = std::string(kSessionCookie) + "=" + session->cookie;
      if (with_csrf) r.headers["x-csrf-token"] = session->csrf;
    }
    return api_->Handle(r);
  }

  static json Body(const Response& r) { return r.body.empty() ? json() : json::parse(r.body); }

  Session SignUp(const std::string& email, const std::string& name = "Person") {
    Response r = Call(Method::kPost, "/api/v1/auth/signup",
                      json{{"email", email}, {"password", "correct horse battery"}, {"name", name}}.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return FromSignedIn(r);
  }
  Session LogIn(const std::string& email) {
    Response r = Call(Method::kPost, "/api/v1/auth/login",
                      json{{"email", email}, {"password", "correct horse battery"}}.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    return FromSignedIn(r);
  }
  static Session FromSignedIn(const Response& r) {
    Session s;
    for (const auto& [name, value] : r.headers)
      if (name == "Set-Cookie") s.cookie = value.substr(value.find('=') + 1, value.find(';') - value.find('=') - 1);
    json b = Body(r);
    s.csrf = b.value("csrf_token", "");
    if (b.contains("user")) s.user_id = b["user"]["id"];
    return s;
  }
  Session Staff(const std::string& email, PlatformRole role) {
    EXPECT_TRUE(platform_->CreateUser({email, "correct horse battery", "Staff"}, role).has_value());
    return LogIn(email);
  }
  std::string CreateOrganisation(const Session& s, const std::string& name) {
    Response r = Call(Method::kPost, "/api/v1/organisations",
                      json{{"name", name}, {"legal_structure", "charity"}, {"sector", "health"}, {"size_band", "small"},
                           {"area", "Leeds"}}
                          .dump(),
                      &s);
    EXPECT_EQ(r.status, 201) << r.body;
    return Body(r)["id"];
  }
  // Invites email with role and accepts as them (signing them up).
  Session Join(const Session& lead, const std::string& org, const std::string& email, const std::string& role) {
    Response inv = Call(Method::kPost, fmt::format("/api/v1/organisations/{}/invitations", org),
                        json{{"email", email}, {"role", role}}.dump(), &lead);
    EXPECT_EQ(inv.status, 201) << inv.body;
    const std::string url = Body(inv)["accept_url"];
    Session s = SignUp(email);
    Response acc = Call(Method::kPost, "/api/v1/invitations/" + url.substr(url.rfind('/') + 1) + "/accept", "", &s);
    EXPECT_EQ(acc.status, 200) << acc.body;
    return s;
  }
  int64_t AuditEntries() {
    auto report = app::VerifyAuditLog(*store_);
    EXPECT_TRUE(report.has_value());
    EXPECT_TRUE(report->valid);
    return report->entries;
  }

  static inline int counter_ = 0;
  std::filesystem::path dir_;
  std::unique_ptr<app::Store> store_;
  std::unique_ptr<app::Platform> platform_;
  std::unique_ptr<Api> api_;
};

TEST_F(ApiTest, HealthAndOpenApiListEveryEndpoint) {
  Response h = Call(Method::kGet, "/api/v1/health");
  EXPECT_EQ(h.status, 200);
  EXPECT_EQ(Body(h), (json{{"status", "ok"}, {"db", "sqlite"}, {"version", "test"}}));
  json doc = Body(Call(Method::kGet, "/api/v1/openapi.json"));
  EXPECT_EQ(doc["openapi"], "3.0.3");
  size_t operations = 0;
  for (auto& [path, ops] : doc["paths"].items()) operations += ops.size();
  EXPECT_EQ(operations, api_->router().routes().size());
  EXPECT_TRUE(doc["paths"].contains("/organisations/{id}/dashboard"));
}

TEST_F(ApiTest, SignUpLogInMeAndLogOut) {
  Session s = SignUp("Ann@Example.org", "Ann");
  Response me = Call(Method::kGet, "/api/v1/me", "", &s);
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(Body(me)["user"]["email"], "ann@example.org");
  EXPECT_EQ(Body(me)["csrf_token"], s.csrf);
  EXPECT_EQ(Call(Method::kPost, "/api/v1/auth/logout", "", &s).status, 204);
  Response after = Call(Method::kGet, "/api/v1/me", "", &s);
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(Body(after)["error"]["code"], "unauthenticated");
}

TEST_F(ApiTest, SignUpErrorsNameTheField) {
  Response r = Call(Method::kPost, "/api/v1/auth/signup",
                    json{{"email", "not-an-email"}, {"password", "short"}, {"name", ""}}.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Body(r)["error"]["code"], "invalid_argument");
  EXPECT_EQ(Body(r)["error"]["field"], "email");
  SignUp("dup@example.org");
  Response dup = Call(Method::kPost, "/api/v1/auth/signup",
                      json{{"email", "DUP@example.org"}, {"password", "correct horse battery"}, {"name", "X"}}.dump());
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(Body(dup)["error"]["field"], "email");
}

TEST_F(ApiTest, WrongPasswordThenRateLimited) {
  SignUp("bob@example.org");
  for (int i = 0; i < 5; ++i) {
    Response r = Call(Method::kPost, "/api/v1/auth/login", json{{"email", "bob@example.org"}, {"password", "nope"}}.dump());
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(Body(r)["error"]["message"], "email or password is wrong");
  }
  Response limited =
      Call(Method::kPost, "/api/v1/auth/login", json{{"email", "bob@example.org"}, {"password", "correct horse battery"}}.dump());
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(Body(limited)["error"]["code"], "rate_limited");
}

TEST_F(ApiTest, BadInputIsRefusedAndChangesNothing) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Org");
  const int64_t before = AuditEntries();
  const std::string scopes = fmt::format("/api/v1/organisations/{}/scopes", org);
  struct Case {
    std::string name, body;
    int status;
    std::string code, field;
  };
  const std::vector<Case> cases = {
      {"malformed JSON", "{\"kind\": ", 400, "invalid_argument", "$"},
      {"not an object", "[1]", 400, "invalid_argument", "$"},
      {"wrong type", R"({"kind": 7, "name": "x"})", 400, "invalid_argument", "kind"},
      {"unknown field", R"({"kind": "project", "name": "x", "colour": "red"})", 400, "invalid_argument", "colour"},
      {"bad enum", R"({"kind": "galaxy", "name": "x"})", 400, "invalid_argument", "kind"},
      {"missing field", R"({"kind": "project"})", 400, "invalid_argument", "name"},
      {"oversize body", "{\"name\": \"" + std::string(kMaxApiBodyBytes, 'x') + "\"}", 413, "payload_too_large", ""},
  };
  for (const Case& c : cases) {
    Response r = Call(Method::kPost, scopes, c.body, &lead);
    EXPECT_EQ(r.status, c.status) << c.name << ": " << r.body.substr(0, 200);
    EXPECT_EQ(Body(r)["error"]["code"], c.code) << c.name;
    if (!c.field.empty()) EXPECT_EQ(Body(r)["error"].value("field", ""), c.field) << c.name << ": " << r.body;
  }
  Response no_csrf = Call(Method::kPost, scopes, R"({"kind": "project", "name": "x"})", &lead, false);
  EXPECT_EQ(no_csrf.status, 403);
  EXPECT_EQ(Body(no_csrf)["error"]["message"], "missing or wrong CSRF token");
  Session forged = lead;
  forged.csrf = "forged";
  EXPECT_EQ(Call(Method::kPost, scopes, R"({"kind": "project", "name": "x"})", &forged).status, 403);
  Session expired{"no-such-session", "x", ""};
  EXPECT_EQ(Call(Method::kGet, scopes, "", &expired).status, 401);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/no/such/route").status, 404);
  EXPECT_EQ(Call(Method::kDelete, "/api/v1/health").status, 405);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/organisations?limit=0", "", &lead).status, 400);
  EXPECT_EQ(Body(Call(Method::kGet, scopes, "", &lead))["items"].size(), 0u);
  EXPECT_EQ(AuditEntries(), before);
}

TEST_F(ApiTest, InvitationFlowNamesTheSeniorLeader) {
  Session lead = SignUp("lead@example.org", "Lead");
  const std::string org = CreateOrganisation(lead, "Riverside");
  Session colleague = Join(lead, org, "colleague@example.org", "member");
  const std::string member_path = fmt::format("/api/v1/organisations/{}/members/{}", org, colleague.user_id);
  EXPECT_EQ(Call(Method::kPatch, member_path, R"({"role": "senior_leader"})", &lead).status, 200);
  Response rep = Call(Method::kPut, fmt::format("/api/v1/organisations/{}/representatives", org),
                      json{{"lead_user_id", lead.user_id}, {"senior_leader_user_id", colleague.user_id}}.dump(), &lead);
  ASSERT_EQ(rep.status, 200) << rep.body;
  json dash = Body(Call(Method::kGet, fmt::format("/api/v1/organisations/{}/dashboard", org), "", &colleague));
  EXPECT_EQ(dash["my_role"], "senior_leader");
  EXPECT_EQ(dash["representatives"]["senior_leader"]["email"], "colleague@example.org");
  EXPECT_EQ(dash["representatives"]["lead"]["email"], "lead@example.org");
  // A representative must hold the matching role.
  Response wrong = Call(Method::kPut, fmt::format("/api/v1/organisations/{}/representatives", org),
                        json{{"lead_user_id", colleague.user_id}, {"senior_leader_user_id", nullptr}}.dump(), &lead);
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(Body(wrong)["error"]["field"], "lead_user_id");
  // The last lead cannot step down.
  Response last = Call(Method::kPatch, fmt::format("/api/v1/organisations/{}/members/{}", org, lead.user_id),
                       R"({"role": "member"})", &lead);
  EXPECT_EQ(last.status, 409);
  // Every change is in the organisation's history, and the chain verifies.
  json history = Body(Call(Method::kGet, "/api/v1/audit/organisation/" + org, "", &lead));
  EXPECT_GE(history["items"].size(), 2u);
  EXPECT_EQ(history["items"][0]["action"], "organisation.create");
  EXPECT_GT(AuditEntries(), 5);
}

TEST_F(ApiTest, InvitationForSomeoneElseIsRefused) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Org");
  Response inv = Call(Method::kPost, fmt::format("/api/v1/organisations/{}/invitations", org),
                      R"({"email": "right@example.org", "role": "member"})", &lead);
  const std::string url = Body(inv)["accept_url"];
  EXPECT_TRUE(url.starts_with("https://vm.example/invitations/"));
  const std::string token = url.substr(url.rfind('/') + 1);
  Session other = SignUp("wrong@example.org");
  EXPECT_EQ(Call(Method::kPost, "/api/v1/invitations/" + token + "/accept", "", &other).status, 403);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/invitations/" + token))["state"], "pending");
  EXPECT_EQ(Call(Method::kGet, "/api/v1/invitations/" + org + ".forged").status, 404);
}

TEST_F(ApiTest, StaleVersionIsAConflict) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Org");
  const std::string path = "/api/v1/organisations/" + org;
  EXPECT_EQ(Call(Method::kPatch, path, R"({"version": 1, "name": "New name"})", &lead).status, 200);
  Response stale = Call(Method::kPatch, path, R"({"version": 1, "name": "Other"})", &lead);
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(Body(stale)["error"]["code"], "failed_precondition");
  EXPECT_EQ(Body(Call(Method::kGet, path, "", &lead))["name"], "New name");
}

// Signed-in GETs may be answered from memory (http/response_cache.h): never
// once anything has been committed since, by this server or another process.
TEST_F(ApiTest, RememberedAnswersNeverOutliveACommit) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Org");
  const std::string dashboard = "/api/v1/organisations/" + org + "/dashboard";
  Response first = Call(Method::kGet, dashboard, "", &lead);
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(Call(Method::kGet, dashboard, "", &lead).body, first.body);

  // A write through this server.
  EXPECT_EQ(Call(Method::kPatch, "/api/v1/organisations/" + org, R"({"version": 1, "name": "Renamed"})", &lead).status,
            200);
  EXPECT_EQ(Body(Call(Method::kGet, dashboard, "", &lead))["organisation"]["name"], "Renamed");

  // A write by another process: its own store on the same file.
  auto other = storage::OpenStore("sqlite:" + (dir_ / "api.db").string());
  ASSERT_TRUE(other.has_value());
  app::Platform other_platform(**other, app::PlatformOptions{});
  auto caller = other_platform.Authenticate(lead.cookie);
  ASSERT_TRUE(caller.has_value());
  app::OrganisationPatch patch;
  patch.version = 2;
  patch.profile.name = "From elsewhere";
  ASSERT_TRUE(other_platform.UpdateOrganisation(*caller, org, patch).has_value());
  EXPECT_EQ(Body(Call(Method::kGet, dashboard, "", &lead))["organisation"]["name"], "From elsewhere");

  // Another user's session never gets this user's answer, and a session that
  // ended gets nothing.
  Session stranger = SignUp("stranger@example.org");
  EXPECT_EQ(Call(Method::kGet, dashboard, "", &stranger).status, 404);
  EXPECT_EQ(Call(Method::kPost, "/api/v1/auth/logout", "", &lead).status, 204);
  EXPECT_EQ(Call(Method::kGet, dashboard, "", &lead).status, 401);
}

// A session that runs out is refused at once, even if its answer was remembered.
TEST_F(ApiTest, ASessionThatRunsOutIsRefusedAtOnce) {
  int64_t now = 1'800'000'000;
  app::PlatformOptions options;
  options.password_cost = app::PasswordCost::kMinimum;
  options.session_seconds = 60;
  options.clock = [&now] { return now; };
  platform_ = std::make_unique<app::Platform>(*store_, options);
  api_ = std::make_unique<Api>(*platform_, ApiOptions{"test", false});
  Session s = SignUp("clock@example.org");
  EXPECT_EQ(Call(Method::kGet, "/api/v1/me", "", &s).status, 200);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/me", "", &s).status, 200);
  now += 61;
  EXPECT_EQ(Call(Method::kGet, "/api/v1/me", "", &s).status, 401);
}

TEST_F(ApiTest, PasswordResetThroughTheOutbox) {
  Session admin = Staff("admin@example.org", PlatformRole::kAdministrator);
  Session old = SignUp("forgetful@example.org");
  EXPECT_EQ(Call(Method::kGet, "/api/v1/me", "", &old).status, 200);  // now cached
  EXPECT_EQ(Call(Method::kPost, "/api/v1/auth/password-reset", R"({"email": "forgetful@example.org"})").status, 202);
  EXPECT_EQ(Call(Method::kPost, "/api/v1/auth/password-reset", R"({"email": "nobody@example.org"})").status, 202);
  json outbox = Body(Call(Method::kGet, "/api/v1/outbox", "", &admin));
  ASSERT_EQ(outbox["items"].size(), 1u);
  const std::string body = outbox["items"][0]["body"];
  const auto at = body.find("token=") + 6;
  const std::string token = body.substr(at, body.find('\n', at) - at);
  EXPECT_EQ(Call(Method::kPost, "/api/v1/auth/password-reset/confirm",
                 json{{"token", token}, {"password", "a brand new password"}}.dump())
                .status,
            204);
  EXPECT_EQ(Call(Method::kPost, "/api/v1/auth/password-reset/confirm",
                 json{{"token", token}, {"password", "a brand new password"}}.dump())
                .status,
            400);
  // Every session of the user ends at once, cached or not.
  EXPECT_EQ(Call(Method::kGet, "/api/v1/me", "", &old).status, 401);
  EXPECT_EQ(Call(Method::kPost, "/api/v1/auth/login",
                 json{{"email", "forgetful@example.org"}, {"password", "a brand new password"}}.dump())
                .status,
            200);
}

TEST_F(ApiTest, Lm3ForSignedInUsers) {
  const std::string file = R"({"income": 1000, "spend": [{"category": "wages", "amount": 500, "local_fraction": 0.5,
                               "respend_local_fraction": 0.2}]})";
  EXPECT_EQ(Call(Method::kPost, "/api/v1/lm3", file).status, 401);
  Session s = SignUp("calc@example.org");
  Response r = Call(Method::kPost, "/api/v1/lm3", file, &s);
  ASSERT_EQ(r.status, 200);
  // round2 = 250, round3 = 50 → (1000 + 250 + 50) / 1000 = 1.3
  EXPECT_DOUBLE_EQ(Body(r)["lm3"].get<double>(), 1.3);
}

// Every endpoint × every role × a foreign organisation's user.
TEST_F(ApiTest, AuthorisationMatrix) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  Session senior = Join(lead, org, "senior@example.org", "senior_leader");
  Session member = Join(lead, org, "member@example.org", "member");
  Session outsider = SignUp("outsider@example.org");
  CreateOrganisation(outsider, "Elsewhere");
  Session assessor = Staff("assessor@example.org", PlatformRole::kAssessor);
  Session admin = Staff("admin@example.org", PlatformRole::kAdministrator);
  const std::map<std::string, const Session*> roles = {{"anonymous", nullptr}, {"member", &member},
                                                       {"senior_leader", &senior}, {"lead", &lead},
                                                       {"assessor", &assessor}, {"administrator", &admin},
                                                       {"outsider", &outsider}};
  const std::string base = "/api/v1/organisations/" + org;
  auto fresh_scope = [&] {
    return Body(Call(Method::kPost, base + "/scopes", R"({"kind": "project", "name": "S"})", &lead))["id"].get<std::string>();
  };
  auto fresh_invitation = [&] {
    static int n = 0;
    return Body(Call(Method::kPost, base + "/invitations",
                     json{{"email", fmt::format("x{}@example.org", n++)}, {"role", "member"}}.dump(), &lead))["invitation"]["id"]
        .get<std::string>();
  };
  auto version = [&] { return Body(Call(Method::kGet, base, "", &lead))["version"].get<int64_t>(); };
  static constexpr char kSurvey[] = R"({"title": "S", "questions": [{"id": "score", "type": "scale", "text": "0-10"}]})";
  const json survey = Body(Call(Method::kPost, base + "/surveys", kSurvey, &lead));
  const std::string survey_id = survey["id"];
  Request answer;
  answer.method = Method::kPost;
  answer.path = "/api/v1/s/" + survey["token"].get<std::string>() + "/responses";
  answer.body = R"({"answers": {"score": 4}})";
  answer.headers = {{"content-type", "application/json"}, {"idempotency-key", "matrix"}};
  const std::string response_id = Body(api_->Handle(answer))["id"];
  auto collect = [](int ok) {
    return std::map<std::string, int>{{"anonymous", 401}, {"member", ok},   {"senior_leader", ok}, {"lead", ok},
                                      {"assessor", 403},  {"administrator", ok}, {"outsider", 404}};
  };

  struct Endpoint {
    Method method;
    std::function<std::string()> path;
    std::function<std::string()> body;
    std::map<std::string, int> expected;  // role → status
  };
  const std::map<std::string, int> read = {{"anonymous", 401}, {"member", 200},   {"senior_leader", 200},
                                           {"lead", 200},      {"assessor", 200}, {"administrator", 200},
                                           {"outsider", 404}};
  auto edit = [](int ok) {
    return std::map<std::string, int>{{"anonymous", 401}, {"member", 403},  {"senior_leader", 403}, {"lead", ok},
                                      {"assessor", 403},  {"administrator", ok}, {"outsider", 404}};
  };
  const std::map<std::string, int> admin_only = {{"anonymous", 401}, {"member", 403},   {"senior_leader", 403},
                                                 {"lead", 403},      {"assessor", 403}, {"administrator", 200},
                                                 {"outsider", 403}};
  auto fixed = [](std::string s) { return [s] { return s; }; };
  auto none = [] { return std::string(); };
  const std::vector<Endpoint> endpoints = {
      {Method::kGet, fixed(base), none, read},
      {Method::kGet, fixed(base + "/dashboard"), none, read},
      {Method::kGet, fixed(base + "/members"), none, read},
      {Method::kGet, fixed(base + "/scopes"), none, read},
      {Method::kGet, [&] { return base + "/scopes/" + fresh_scope(); }, none, read},
      {Method::kGet, fixed("/api/v1/audit/organisation/" + org), none, read},
      {Method::kPatch, fixed(base), [&] { return json{{"version", version()}, {"area", "York"}}.dump(); }, edit(200)},
      {Method::kPatch, fixed(base),
       [&] { return json{{"version", version()}, {"membership", {{"status", "active"}}}}.dump(); },
       {{"anonymous", 401}, {"member", 403}, {"senior_leader", 403}, {"lead", 403}, {"assessor", 403},
        {"administrator", 200}, {"outsider", 404}}},
      {Method::kPost, fixed(base + "/scopes"), fixed(R"({"kind": "service", "name": "New"})"), edit(201)},
      {Method::kPatch, [&] { return base + "/scopes/" + fresh_scope(); }, fixed(R"({"name": "Renamed"})"), edit(200)},
      {Method::kDelete, [&] { return base + "/scopes/" + fresh_scope(); }, none, edit(204)},
      {Method::kGet, fixed(base + "/invitations"), none, edit(200)},
      {Method::kPost, fixed(base + "/invitations"),
       [] {
         static int n = 0;
         return json{{"email", fmt::format("new{}@example.org", n++)}, {"role", "member"}}.dump();
       },
       edit(201)},
      {Method::kDelete, [&] { return base + "/invitations/" + fresh_invitation(); }, none, edit(204)},
      {Method::kPut, fixed(base + "/representatives"),
       [&] { return json{{"lead_user_id", lead.user_id}, {"senior_leader_user_id", senior.user_id}}.dump(); }, edit(200)},
      {Method::kPatch, fixed(base + "/members/" + member.user_id), fixed(R"({"role": "member"})"), edit(200)},
      {Method::kGet, fixed("/api/v1/users"), none, admin_only},
      {Method::kPatch, fixed("/api/v1/users/" + outsider.user_id), fixed(R"({"platform_role": "none"})"), admin_only},
      {Method::kGet, fixed("/api/v1/outbox"), none, admin_only},
      {Method::kGet, fixed("/api/v1/audit/verify"), none, admin_only},
      {Method::kGet, fixed("/api/v1/organisations"), none,
       {{"anonymous", 401}, {"member", 200}, {"senior_leader", 200}, {"lead", 200}, {"assessor", 200},
        {"administrator", 200}, {"outsider", 200}}},
      // Surveys: any member designs, the lead excludes, staff read.
      {Method::kGet, fixed(base + "/surveys"), none, read},
      {Method::kPost, fixed(base + "/surveys"), fixed(kSurvey), collect(201)},
      {Method::kGet, [&] { return "/api/v1/surveys/" + survey_id; }, none, read},
      {Method::kGet, [&] { return "/api/v1/surveys/" + survey_id + "/results"; }, none, read},
      {Method::kGet, [&] { return "/api/v1/surveys/" + survey_id + "/responses"; }, none, read},
      {Method::kGet, [&] { return "/api/v1/surveys/" + survey_id + "/responses.csv"; }, none, read},
      {Method::kPost, [&] { return "/api/v1/surveys/" + survey_id + "/responses/import"; }, fixed("score\r\n5\r\n"),
       collect(200)},
      {Method::kPut, [&] { return "/api/v1/surveys/" + survey_id + "/responses/" + response_id + "/exclusion"; },
       fixed(R"({"reason": "a test"})"), edit(200)},
      {Method::kDelete, [&] { return "/api/v1/surveys/" + survey_id + "/responses/" + response_id + "/exclusion"; },
       none, edit(200)},
  };
  int checked = 0;
  for (const Endpoint& e : endpoints) {
    for (const auto& [role, session] : roles) {
      const std::string path = e.path();
      const std::string body = e.body();
      Response r = Call(e.method, path, body, session);
      EXPECT_EQ(r.status, e.expected.at(role)) << MethodName(e.method) << " " << path << " as " << role << ": " << r.body;
      if (r.status == 404) {
        // A foreign organisation's records are not revealed, not even their existence.
        EXPECT_EQ(r.body.find(org == path ? "" : "Home"), std::string::npos);
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, static_cast<int>(endpoints.size() * roles.size()));
  // The outsider's list never shows the home organisation.
  json theirs = Body(Call(Method::kGet, "/api/v1/organisations", "", &outsider));
  for (const json& o : theirs["items"]) EXPECT_NE(o["id"], org);
  // Staff see every organisation.
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/organisations", "", &assessor))["items"].size(), 2u);
}

// ---- Surveys (docs/api.md "Surveys").

class SurveyApiTest : public ApiTest {
 protected:
  Response Submit(const std::string& token, const std::string& body, const std::string& key,
                  const std::string& address = "192.0.2.7") {
    Request r;
    r.method = Method::kPost;
    r.path = "/api/v1/s/" + token + "/responses";
    r.body = body;
    r.headers["content-type"] = "application/json";
    if (!key.empty()) r.headers["idempotency-key"] = key;
    r.client_address = address;
    return api_->Handle(r);
  }
  static json Design() {
    return json::parse(R"({
      "title": "Club members",
      "outcomes": [{"id": "lonely", "name": "Less lonely", "population": 200},
                   {"id": "fit", "name": "Fitter", "population": null}],
      "questions": [
        {"id": "how", "type": "single_choice", "text": "How did you hear?", "options": ["Friend", "GP"], "required": true},
        {"id": "lonely", "type": "before_now", "text": "Loneliness before and now", "outcome_id": "lonely", "required": true},
        {"id": "anyway", "type": "deadweight", "text": "Would it have happened anyway?", "outcome_id": "lonely"},
        {"id": "others", "type": "attribution", "text": "Due to others?", "outcome_id": "lonely"},
        {"id": "lasts", "type": "duration", "text": "How many years?", "outcome_id": "lonely"},
        {"id": "matters", "type": "valuation", "text": "What matters?"},
        {"id": "score", "type": "scale", "text": "0 to 10"},
        {"id": "note", "type": "text", "text": "Anything else?"}
      ]})");
  }
  static std::string Answer(int before, int now, double anyway = 0.25) {
    return json{{"answers",
                 {{"how", "Friend"},
                  {"lonely", {{"before", before}, {"now", now}}},
                  {"anyway", anyway},
                  {"others", 0.5},
                  {"lasts", 2},
                  {"matters", {{"lonely", 3}, {"fit", 1}}},
                  {"score", 7}}}}
        .dump();
  }
  json CreateSurvey(const Session& s, const std::string& org, const json& design) {
    Response r = Call(Method::kPost, "/api/v1/organisations/" + org + "/surveys", design.dump(), &s);
    EXPECT_EQ(r.status, 201) << r.body;
    return Body(r);
  }
};

TEST_F(SurveyApiTest, DesignIsValidatedAuthorisedAndAudited) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  Session member = Join(lead, org, "member@example.org", "member");
  Session outsider = SignUp("outsider@example.org");
  CreateOrganisation(outsider, "Elsewhere");
  Session assessor = Staff("assessor@example.org", PlatformRole::kAssessor);

  json essay = Design();
  essay["questions"][0]["type"] = "essay";
  Response unknown = Call(Method::kPost, "/api/v1/organisations/" + org + "/surveys", essay.dump(), &member);
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(Body(unknown)["error"]["field"], "questions[0].type");
  json bad = Design();
  bad["questions"][0]["options"] = {"Only one"};
  bad["questions"][1]["outcome_id"] = "nowhere";
  bad["questions"][2]["id"] = "how";
  Response r = Call(Method::kPost, "/api/v1/organisations/" + org + "/surveys", bad.dump(), &member);
  EXPECT_EQ(r.status, 400) << r.body;
  std::set<std::string> fields;
  const json design_errors = Body(r);
  for (const json& f : design_errors["error"]["fields"]) fields.insert(f["field"].get<std::string>());
  EXPECT_TRUE(fields.contains("questions[0].options")) << r.body;
  EXPECT_TRUE(fields.contains("questions[1].outcome_id")) << r.body;
  EXPECT_TRUE(fields.contains("questions[2].id")) << r.body;

  const int64_t before = AuditEntries();
  json survey = CreateSurvey(member, org, Design());  // any member may design
  EXPECT_EQ(AuditEntries(), before + 1);
  const std::string id = survey["id"];
  EXPECT_GE(survey["token"].get<std::string>().size(), 32u);
  EXPECT_EQ(survey["public_url"], "https://vm.example/s/" + survey["token"].get<std::string>());
  EXPECT_EQ(survey["state"], "open");

  EXPECT_EQ(Call(Method::kGet, "/api/v1/surveys/" + id, "", &outsider).status, 404);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/surveys/" + id + "/results", "", &outsider).status, 404);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/surveys/" + id, "", &assessor).status, 200);
  EXPECT_EQ(Call(Method::kPost, "/api/v1/organisations/" + org + "/surveys", Design().dump(), &assessor).status, 403);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/surveys/" + id).status, 401);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/organisations/" + org + "/surveys", "", &lead))["items"].size(), 1u);

  json edit = Design();
  edit["title"] = "Renamed";
  edit["version"] = 1;
  Response ok = Call(Method::kPut, "/api/v1/surveys/" + id, edit.dump(), &lead);
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Body(ok)["version"], 2);
  Response stale = Call(Method::kPut, "/api/v1/surveys/" + id, edit.dump(), &lead);
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(Body(stale)["error"]["field"], "version");
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/audit/survey/" + id, "", &lead))["items"].size(), 2u);
}

TEST_F(SurveyApiTest, PublicRespondingIsIdempotentValidatedAndRefusesWhenClosedOrFull) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  json design = Design();
  design["response_limit"] = 2;
  json survey = CreateSurvey(lead, org, design);
  const std::string token = survey["token"];

  Response page = Call(Method::kGet, "/api/v1/s/" + token);  // no session
  EXPECT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(Body(page)["organisation"], "Home");
  EXPECT_EQ(Body(page)["questions"].size(), 8u);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/s/not-a-token").status, 404);

  Response first = Submit(token, Answer(3, 7), "key-1");
  EXPECT_EQ(first.status, 201) << first.body;
  Response retry = Submit(token, Answer(3, 7), "key-1");
  EXPECT_EQ(retry.status, 200) << retry.body;
  EXPECT_EQ(retry.body, first.body);
  EXPECT_EQ(Submit(token, Answer(3, 8), "key-1").status, 409);  // same key, other answers
  EXPECT_EQ(Submit(token, Answer(3, 7), "").status, 400);        // no key

  Response wrong = Submit(token, json{{"answers", {{"lonely", {{"before", 11}, {"now", 2}}}, {"zzz", 1}}}}.dump(), "key-2");
  EXPECT_EQ(wrong.status, 400) << wrong.body;
  std::set<std::string> fields;
  const json answer_errors = Body(wrong);
  for (const json& f : answer_errors["error"]["fields"]) fields.insert(f["field"].get<std::string>());
  EXPECT_TRUE(fields.contains("answers.zzz")) << wrong.body;
  EXPECT_TRUE(fields.contains("answers.lonely")) << wrong.body;
  EXPECT_TRUE(fields.contains("answers.how")) << wrong.body;  // required

  EXPECT_EQ(Submit(token, std::string(70 * 1024, ' '), "key-big").status, 413);
  EXPECT_EQ(Submit(token, Answer(2, 2), "key-3").status, 201);
  Response full = Submit(token, Answer(2, 2), "key-4");
  EXPECT_EQ(full.status, 409) << full.body;
  EXPECT_NE(Body(full)["error"]["message"].get<std::string>().find("no longer takes answers"), std::string::npos);
  EXPECT_EQ(Submit(token, Answer(3, 7), "key-1").status, 200);  // a retry is still answered when full

  json closed = Design();
  closed["opens_on"] = "2020-01-01";
  closed["closes_on"] = "2020-02-01";
  json old = CreateSurvey(lead, org, closed);
  Response late = Submit(old["token"], Answer(1, 2), "key-5");
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_NE(Body(late)["error"]["message"].get<std::string>().find("closed"), std::string::npos);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/s/" + old["token"].get<std::string>()))["state"], "closed");
}

TEST_F(SurveyApiTest, RateLimitsPerAddress) {
  app::SurveyOptions limits;
  limits.per_address_rate = 0.001;
  limits.per_address_burst = 3;
  platform_->ConfigureSurveys(limits);
  Session lead = SignUp("lead@example.org");
  const std::string token = CreateSurvey(lead, CreateOrganisation(lead, "Home"), Design())["token"];
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Submit(token, Answer(1, 2), fmt::format("k{}", i), "198.51.100.1").status, 201);
  Response limited = Submit(token, Answer(1, 2), "k9", "198.51.100.1");
  EXPECT_EQ(limited.status, 429) << limited.body;
  EXPECT_EQ(Submit(token, Answer(1, 2), "k10", "198.51.100.2").status, 201);  // another address
}

TEST_F(SurveyApiTest, ResultsExclusionAndCsvRoundTrip) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  Session member = Join(lead, org, "member@example.org", "member");
  json survey = CreateSurvey(lead, org, Design());
  const std::string id = survey["id"], token = survey["token"];
  // 3 of 4 improve; deadweight answers 0.25, 0.25, 0.25, 0.75.
  EXPECT_EQ(Submit(token, Answer(2, 6), "a").status, 201);
  EXPECT_EQ(Submit(token, Answer(3, 5), "b").status, 201);
  EXPECT_EQ(Submit(token, Answer(4, 9), "c").status, 201);
  EXPECT_EQ(Submit(token, Answer(5, 5, 0.75), "d").status, 201);

  json results = Body(Call(Method::kGet, "/api/v1/surveys/" + id + "/results?provenance=true", "", &member));
  EXPECT_EQ(results["responses"]["used"], 4);
  json lonely = results["outcomes"][0];
  EXPECT_EQ(lonely["quantity"]["respondents"], 4);
  EXPECT_EQ(lonely["quantity"]["changed"], 3);
  EXPECT_TRUE(lonely["quantity"]["sample"]);
  EXPECT_DOUBLE_EQ(lonely["quantity"]["value"].get<double>(), 150.0);  // 3/4 of 200
  EXPECT_LT(lonely["quantity"]["low"].get<double>(), 150.0);
  EXPECT_GT(lonely["quantity"]["high"].get<double>(), 150.0);
  EXPECT_EQ(lonely["quantity"]["response_ids"].size(), 3u);
  EXPECT_DOUBLE_EQ(lonely["deadweight"]["value"].get<double>(), 0.375);
  EXPECT_DOUBLE_EQ(lonely["attribution"]["value"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(lonely["duration"]["value"].get<double>(), 2.0);
  EXPECT_DOUBLE_EQ(lonely["relative_importance"].get<double>(), 0.75);
  // The same figures under an impact map's field names.
  EXPECT_DOUBLE_EQ(lonely["impact_map"]["quantity"]["mode"].get<double>(), 150.0);
  EXPECT_DOUBLE_EQ(lonely["impact_map"]["deadweight"].get<double>(), 0.375);
  EXPECT_EQ(lonely["impact_map"]["duration_years"], 2);
  EXPECT_FALSE(results["outcomes"][1]["impact_map"].contains("quantity"));  // nothing measured it
  EXPECT_EQ(results["questions"][0]["distribution"][0]["count"], 4);

  json list = Body(Call(Method::kGet, "/api/v1/surveys/" + id + "/responses?limit=2", "", &member));
  ASSERT_EQ(list["items"].size(), 2u);
  EXPECT_FALSE(list["next_cursor"].is_null());
  const std::string last = Body(Call(Method::kGet, "/api/v1/surveys/" + id + "/responses", "", &lead))["items"][3]["id"];
  const std::string path = "/api/v1/surveys/" + id + "/responses/" + last + "/exclusion";
  EXPECT_EQ(Call(Method::kPut, path, R"({"reason": "test entry"})", &member).status, 403);
  EXPECT_EQ(Call(Method::kPut, path, R"({"reason": ""})", &lead).status, 400);
  Response ex = Call(Method::kPut, path, R"({"reason": "Filled in by a volunteer as a test"})", &lead);
  EXPECT_EQ(ex.status, 200) << ex.body;
  results = Body(Call(Method::kGet, "/api/v1/surveys/" + id + "/results", "", &lead));
  EXPECT_EQ(results["responses"]["used"], 3);
  EXPECT_EQ(results["responses"]["excluded"], 1);
  EXPECT_DOUBLE_EQ(results["outcomes"][0]["deadweight"]["value"].get<double>(), 0.25);
  EXPECT_EQ(Call(Method::kDelete, path, "", &lead).status, 200);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/surveys/" + id + "/results", "", &lead))["responses"]["used"], 4);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/audit/survey_response/" + last, "", &lead))["items"].size(), 2u);

  Response csv = Call(Method::kGet, "/api/v1/surveys/" + id + "/responses.csv", "", &member);
  EXPECT_EQ(csv.status, 200);
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body.substr(0, csv.body.find('\r')),
            "id,submitted_at,source,excluded_reason,respondent_code,how,lonely.before,lonely.now,anyway,others,lasts,"
            "matters.lonely,matters.fit,score,note");
  // The export imports into another survey of the same design, once.
  const std::string copy = CreateSurvey(lead, org, Design())["id"];
  Response imported = Call(Method::kPost, "/api/v1/surveys/" + copy + "/responses/import", csv.body, &member);
  EXPECT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(Body(imported)["imported"], 4);
  EXPECT_EQ(Body(Call(Method::kPost, "/api/v1/surveys/" + copy + "/responses/import", csv.body, &member))["already_present"], 4);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/surveys/" + copy + "/results", "", &lead))["outcomes"][0]["quantity"]["changed"], 3);
  Response bad = Call(Method::kPost, "/api/v1/surveys/" + copy + "/responses/import", "how,lonely.before,lonely.now\r\nNobody,1,2\r\n", &member);
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_NE(bad.body.find("row 2"), std::string::npos) << bad.body;
}

}  // namespace
}  // namespace valuemark::http
