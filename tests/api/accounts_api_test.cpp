// The accounts-and-organisations API through its router (no socket): the
// service's health and document, sign-up, sign-in and sessions, passwords,
// organisations, members, invitations and remembered answers.
#include "api_fixture.h"

namespace valuemark::http {
namespace {

TEST_F(ApiTest, HealthAndOpenApiListEveryEndpoint) {
  Response h = Call(Method::kGet, "/api/v1/health");
  EXPECT_EQ(h.status, 200);
  EXPECT_EQ(Body(h), (json{{"status", "ok"}, {"db", store_->Kind()}, {"version", "test"}}));
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

// An administrator deactivates an account: its sessions end at once, it can
// no longer sign in (said only to whoever knows the password), and it can be
// reactivated; nobody else may, and no administrator deactivates themselves.
TEST_F(ApiTest, ADeactivatedAccountIsSignedOutAndCannotSignIn) {
  Session admin = Staff("admin@example.org", PlatformRole::kAdministrator);
  Session assessor = Staff("assessor@example.org", PlatformRole::kAssessor);
  Session person = SignUp("person@example.org", "Person");
  Session second = LogIn("person@example.org");  // a second device
  const std::string at = "/api/v1/users/" + person.user_id;
  EXPECT_EQ(Call(Method::kPost, at + "/deactivate", "", &assessor).status, 403);
  EXPECT_EQ(Call(Method::kPost, at + "/deactivate", "", &person).status, 403);
  EXPECT_EQ(Call(Method::kPost, at + "/deactivate", "").status, 401);
  EXPECT_EQ(Call(Method::kPost, "/api/v1/users/nobody/deactivate", "", &admin).status, 404);
  Response self = Call(Method::kPost, "/api/v1/users/" + admin.user_id + "/deactivate", "", &admin);
  EXPECT_EQ(self.status, 409);
  EXPECT_NE(self.body.find("your own account"), std::string::npos);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/me", "", &person).status, 200);

  Response off = Call(Method::kPost, at + "/deactivate", "", &admin);
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_FALSE(Body(off)["deactivated_at"].is_null());
  EXPECT_EQ(Call(Method::kGet, "/api/v1/me", "", &person).status, 401);  // both sessions ended
  EXPECT_EQ(Call(Method::kGet, "/api/v1/me", "", &second).status, 401);
  Response wrong =
      Call(Method::kPost, "/api/v1/auth/login",
           json{{"email", "person@example.org"}, {"password", "not the password"}}.dump());
  EXPECT_EQ(wrong.status, 401);  // a stranger learns nothing of the deactivation
  EXPECT_EQ(wrong.body.find("deactivated"), std::string::npos);
  Response refused =
      Call(Method::kPost, "/api/v1/auth/login",
           json{{"email", "person@example.org"}, {"password", "correct horse battery"}}.dump());
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(refused.body.find("deactivated"), std::string::npos);
  json users = Body(Call(Method::kGet, "/api/v1/users?limit=200", "", &admin));
  bool listed = false;
  for (const json& u : users["items"])
    if (u["id"] == person.user_id) listed = !u["deactivated_at"].is_null();
  EXPECT_TRUE(listed);
  EXPECT_EQ(Call(Method::kPost, at + "/deactivate", "", &admin).status, 200);  // already: no change

  ASSERT_EQ(Call(Method::kPost, at + "/reactivate", "", &admin).status, 200);
  Session back = LogIn("person@example.org");
  EXPECT_EQ(Call(Method::kGet, "/api/v1/me", "", &back).status, 200);
  json history = Body(Call(Method::kGet, "/api/v1/audit/user/" + person.user_id, "", &admin));
  std::vector<std::string> actions;
  for (const json& e : history["items"]) actions.push_back(e["action"]);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "user.deactivate"), 1);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "user.reactivate"), 1);
}

TEST_F(ApiTest, SignUpErrorsNameTheField) {
  Response r = Call(Method::kPost, "/api/v1/auth/signup",
                    json{{"email", "not-an-email"}, {"password", "short"}, {"name", ""}}.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Body(r)["error"]["code"], "invalid_argument");
  EXPECT_EQ(Body(r)["error"]["field"], "email");
  // A registered address is not an error: sign-up answers the same either
  // way (tests/api/verify_test.cpp).
  SignUp("dup@example.org");
  Response dup =
      Call(Method::kPost, "/api/v1/auth/signup",
           json{{"email", "DUP@example.org"}, {"password", "correct horse battery"}, {"name", "X"}}
               .dump());
  EXPECT_EQ(dup.status, 202);
  EXPECT_EQ(Body(dup), json({{"status", "check_email"}}));
}

TEST_F(ApiTest, WrongPasswordThenRateLimited) {
  SignUp("bob@example.org");
  for (int i = 0; i < 5; ++i) {
    Response r = Call(Method::kPost, "/api/v1/auth/login",
                      json{{"email", "bob@example.org"}, {"password", "nope"}}.dump());
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(Body(r)["error"]["message"], "email or password is wrong");
  }
  Response limited =
      Call(Method::kPost, "/api/v1/auth/login",
           json{{"email", "bob@example.org"}, {"password", "correct horse battery"}}.dump());
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
      {"unknown field", R"({"kind": "project", "name": "x", "colour": "red"})", 400,
       "invalid_argument", "colour"},
      {"bad enum", R"({"kind": "galaxy", "name": "x"})", 400, "invalid_argument", "kind"},
      {"missing field", R"({"kind": "project"})", 400, "invalid_argument", "name"},
      {"oversize body", "{\"name\": \"" + std::string(kMaxApiBodyBytes, 'x') + "\"}", 413,
       "payload_too_large", ""},
  };
  for (const Case& c : cases) {
    Response r = Call(Method::kPost, scopes, c.body, &lead);
    EXPECT_EQ(r.status, c.status) << c.name << ": " << r.body.substr(0, 200);
    EXPECT_EQ(Body(r)["error"]["code"], c.code) << c.name;
    if (!c.field.empty()) {
      EXPECT_EQ(Body(r)["error"].value("field", ""), c.field) << c.name << ": " << r.body;
    }
  }
  Response no_csrf =
      Call(Method::kPost, scopes, R"({"kind": "project", "name": "x"})", &lead, false);
  EXPECT_EQ(no_csrf.status, 403);
  EXPECT_EQ(Body(no_csrf)["error"]["message"], "missing or wrong CSRF token");
  Session forged = lead;
  forged.csrf = "forged";
  EXPECT_EQ(Call(Method::kPost, scopes, R"({"kind": "project", "name": "x"})", &forged).status,
            403);
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
  const std::string member_path =
      fmt::format("/api/v1/organisations/{}/members/{}", org, colleague.user_id);
  EXPECT_EQ(Call(Method::kPatch, member_path, R"({"role": "senior_leader"})", &lead).status, 200);
  Response rep = Call(
      Method::kPut, fmt::format("/api/v1/organisations/{}/representatives", org),
      json{{"lead_user_id", lead.user_id}, {"senior_leader_user_id", colleague.user_id}}.dump(),
      &lead);
  ASSERT_EQ(rep.status, 200) << rep.body;
  json dash = Body(
      Call(Method::kGet, fmt::format("/api/v1/organisations/{}/dashboard", org), "", &colleague));
  EXPECT_EQ(dash["my_role"], "senior_leader");
  EXPECT_EQ(dash["representatives"]["senior_leader"]["email"], "colleague@example.org");
  EXPECT_EQ(dash["representatives"]["lead"]["email"], "lead@example.org");
  // A representative must hold the matching role.
  Response wrong = Call(
      Method::kPut, fmt::format("/api/v1/organisations/{}/representatives", org),
      json{{"lead_user_id", colleague.user_id}, {"senior_leader_user_id", nullptr}}.dump(), &lead);
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(Body(wrong)["error"]["field"], "lead_user_id");
  // The last lead cannot step down.
  Response last =
      Call(Method::kPatch, fmt::format("/api/v1/organisations/{}/members/{}", org, lead.user_id),
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
  EXPECT_EQ(Call(Method::kPost, "/api/v1/invitations/" + token + "/accept", "", &other).status,
            403);
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
  // Remembering is on for both back ends: this test checks it on each.
  ASSERT_TRUE(store_->ChangeTag().has_value()) << store_->Kind() << " keeps no change tag";
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Org");
  const std::string dashboard = "/api/v1/organisations/" + org + "/dashboard";
  Response first = Call(Method::kGet, dashboard, "", &lead);
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(Call(Method::kGet, dashboard, "", &lead).body, first.body);

  // A write through this server.
  EXPECT_EQ(Call(Method::kPatch, "/api/v1/organisations/" + org,
                 R"({"version": 1, "name": "Renamed"})", &lead)
                .status,
            200);
  EXPECT_EQ(Body(Call(Method::kGet, dashboard, "", &lead))["organisation"]["name"], "Renamed");

  // A write by another process: its own store on the same database.
  auto other = storage::OpenStore(store_url_);
  ASSERT_TRUE(other.has_value());
  app::PlatformOptions other_options;
  other_options.clock = [this] { return now_; };
  app::Platform other_platform(**other, std::move(other_options));
  auto caller = other_platform.accounts.Authenticate(lead.cookie);
  ASSERT_TRUE(caller.has_value());
  app::OrganisationPatch patch;
  patch.version = 2;
  patch.profile.name = "From elsewhere";
  ASSERT_TRUE(other_platform.organisations.UpdateOrganisation(*caller, org, patch).has_value());
  EXPECT_EQ(Body(Call(Method::kGet, dashboard, "", &lead))["organisation"]["name"],
            "From elsewhere");

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
  api_.reset();
  platform_ = std::make_unique<app::Platform>(*store_, std::move(options));
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
  EXPECT_EQ(
      Call(Method::kPost, "/api/v1/auth/password-reset", R"({"email": "forgetful@example.org"})")
          .status,
      202);
  EXPECT_EQ(Call(Method::kPost, "/api/v1/auth/password-reset", R"({"email": "nobody@example.org"})")
                .status,
            202);
  json outbox = Body(Call(Method::kGet, "/api/v1/outbox", "", &admin));
  // The reset link, after the sign-up's confirmation link (newest first).
  ASSERT_EQ(outbox["items"].size(), 2u);
  EXPECT_EQ(outbox["items"][0]["subject"], app::kPasswordResetSubject);
  // Staff see that a link went out, never the link itself.
  const std::string shown = outbox["items"][0]["body"];
  EXPECT_NE(shown.find("token=[hidden: sent only to the recipient]"), std::string::npos) << shown;
  // The mail itself (what the sender reads) has it.
  std::string body;
  ASSERT_TRUE(store_
                  ->Read([&](app::Transaction& tx) -> Result<void> {
                    auto all = tx.ListMessages({"", 10});
                    if (!all) return Fail(all.error());
                    body = all->front().body;
                    return {};
                  })
                  .has_value());
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
  EXPECT_EQ(
      Call(Method::kPost, "/api/v1/auth/login",
           json{{"email", "forgetful@example.org"}, {"password", "a brand new password"}}.dump())
          .status,
      200);
}

// Staff lists are searched and filtered on the server, and a filter that
// cannot be understood is refused with the field named.
TEST_F(ApiTest, StaffSearchUsersOrganisationsAndTheQueue) {
  Certifiable c = MakeCertifiable();
  Session other = SignUp("olive@example.org", "Olive Grove");
  CreateOrganisation(other, "Hillside Trust");
  auto emails = [&](const std::string& query) {
    Response r = Call(Method::kGet, "/api/v1/users?limit=200&" + query, "", &c.admin);
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> out;
    const json list = Body(r);
    for (const json& u : list["items"]) out.push_back(u["email"]);
    std::sort(out.begin(), out.end());
    return out;
  };
  using Strings = std::vector<std::string>;
  EXPECT_EQ(emails("q=OLIVE"), Strings{"olive@example.org"});
  EXPECT_EQ(emails("q=grove"), Strings{"olive@example.org"});
  EXPECT_EQ(emails("role=assessor"), Strings{"assessor@example.org"});
  ASSERT_EQ(
      Call(Method::kPost, "/api/v1/users/" + other.user_id + "/deactivate", "", &c.admin).status,
      200);
  EXPECT_EQ(emails("status=deactivated"), Strings{"olive@example.org"});
  EXPECT_EQ(emails("q=olive&status=active"), Strings{});
  Response bad_role = Call(Method::kGet, "/api/v1/users?role=king", "", &c.admin);
  EXPECT_EQ(bad_role.status, 400);
  EXPECT_EQ(Body(bad_role)["error"]["fields"][0]["field"], "role");
  EXPECT_EQ(Call(Method::kGet, "/api/v1/users?status=asleep", "", &c.admin).status, 400);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/users?q=olive", "", &c.lead).status, 403);

  json orgs = Body(Call(Method::kGet, "/api/v1/organisations?q=hill", "", &c.admin));
  ASSERT_EQ(orgs["items"].size(), 1u);
  EXPECT_EQ(orgs["items"][0]["name"], "Hillside Trust");
  // A member searches only their own organisations.
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/organisations?q=hill", "", &c.lead))["items"].size(),
            0u);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/organisations?q=RIVER", "", &c.lead))["items"].size(),
            1u);

  const std::string id = SignedOffApplication(c);
  ASSERT_EQ(Post("/applications/" + id + "/submit", c.lead).status, 200);
  auto queued = [&](const std::string& query) {
    Response r = Call(Method::kGet, "/api/v1/applications?" + query, "", &c.admin);
    EXPECT_EQ(r.status, 200) << r.body;
    return Body(r)["items"].size();
  };
  EXPECT_EQ(queued("q=river"), 1u);
  EXPECT_EQ(queued("q=hill"), 0u);
  EXPECT_EQ(queued("state=submitted"), 1u);
  EXPECT_EQ(queued("state=awarded"), 0u);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/applications?state=lost", "", &c.admin).status, 400);
}

}  // namespace
}  // namespace valuemark::http
