// The security review's items 7 and 8: sign-up does not tell which emails
// have accounts, an address is confirmed by email before its account can join
// an organisation or sign off evidence, and the login lockout survives a
// restart.
#include "api_fixture.h"

namespace valuemark::http {
namespace {

using VerifyTest = ApiTest;

json SignUpBody(const std::string& email, const std::string& password = "correct horse battery") {
  return json{{"email", email}, {"password", password}, {"name", "Someone"}};
}

bool HasHeader(const Response& r, const std::string& name) {
  for (const auto& [n, v] : r.headers)
    if (n == name) return true;
  return false;
}

// The messages sent to one address, newest first, as stored.
std::vector<app::OutboxMessage> MailTo(app::Store& store, const std::string& address) {
  std::vector<app::OutboxMessage> out;
  EXPECT_TRUE(store
                  .Read([&](app::Transaction& tx) -> Result<void> {
                    auto m = tx.ListMessagesTo(address, 50);
                    if (!m) return Fail(m.error());
                    out = std::move(*m);
                    return {};
                  })
                  .has_value());
  return out;
}

TEST_F(VerifyTest, SignUpAnswersTheSameForNewAndRegisteredEmails) {
  SignUp("taken@example.org", "Owner");
  const size_t owner_mail = MailTo(*store_, "taken@example.org").size();

  Response fresh =
      Call(Method::kPost, "/api/v1/auth/signup", SignUpBody("fresh@example.org").dump());
  Response taken = Call(Method::kPost, "/api/v1/auth/signup",
                        SignUpBody("TAKEN@example.org", "another good password").dump());
  EXPECT_EQ(fresh.status, 202) << fresh.body;
  EXPECT_EQ(taken.status, fresh.status) << taken.body;
  EXPECT_EQ(taken.body, fresh.body);
  EXPECT_EQ(Body(fresh), json({{"status", "check_email"}}));
  EXPECT_FALSE(HasHeader(fresh, "Set-Cookie")) << "no session before the address is confirmed";
  EXPECT_FALSE(HasHeader(taken, "Set-Cookie"));

  // The new address gets a confirmation link, valid for 48 hours.
  auto fresh_mail = MailTo(*store_, "fresh@example.org");
  ASSERT_EQ(fresh_mail.size(), 1u);
  EXPECT_EQ(fresh_mail[0].subject, app::kEmailVerificationSubject);
  EXPECT_NE(fresh_mail[0].body.find("https://vm.example/verify-email?token="), std::string::npos)
      << fresh_mail[0].body;
  EXPECT_NE(fresh_mail[0].body.find("48 hours"), std::string::npos) << fresh_mail[0].body;

  // The registered one is told that someone tried, with the ways in; nothing else changes.
  auto owner = MailTo(*store_, "taken@example.org");
  ASSERT_EQ(owner.size(), owner_mail + 1);
  EXPECT_EQ(owner[0].subject, app::kSignUpAgainSubject);
  EXPECT_NE(owner[0].body.find("https://vm.example/login"), std::string::npos) << owner[0].body;
  EXPECT_NE(owner[0].body.find("https://vm.example/forgot-password"), std::string::npos)
      << owner[0].body;
  EXPECT_EQ(owner[0].body.find("token="), std::string::npos) << owner[0].body;
  EXPECT_EQ(Call(Method::kPost, "/api/v1/auth/login",
                 json{{"email", "taken@example.org"}, {"password", "another good password"}}.dump())
                .status,
            401)
      << "the password did not change";
  Session s = LogIn("taken@example.org");
  json me = Body(Call(Method::kGet, "/api/v1/me", "", &s));
  EXPECT_EQ(me["user"]["name"], "Owner");
  EXPECT_EQ(me["user"]["email_verified"], true);

  // Bad input is still refused, naming the field, the same way for either.
  for (const std::string email : {"taken@example.org", "other@example.org"}) {
    Response weak = Call(Method::kPost, "/api/v1/auth/signup", SignUpBody(email, "short").dump());
    EXPECT_EQ(weak.status, 400);
    EXPECT_EQ(Body(weak)["error"]["field"], "password");
  }
}

TEST_F(VerifyTest, TheLinkConfirmsTheAddressOnce) {
  Session s = SignUpUnconfirmed("ann@example.org", "Ann");
  json me = Body(Call(Method::kGet, "/api/v1/me", "", &s));
  EXPECT_EQ(me["user"]["email_verified"], false);

  const std::string token = VerificationToken("ann@example.org");
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(Call(Method::kPost, "/api/v1/auth/verify-email", json{{"token", token}}.dump()).status,
            204);
  me = Body(Call(Method::kGet, "/api/v1/me", "", &s));
  EXPECT_EQ(me["user"]["email_verified"], true);

  for (const std::string& bad : {token, std::string("made-up-token-123"), std::string()}) {
    Response r = Call(Method::kPost, "/api/v1/auth/verify-email", json{{"token", bad}}.dump());
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_EQ(Body(r)["error"]["field"], "token") << r.body;
  }
  const json history = Body(Call(Method::kGet, "/api/v1/audit/user/" + s.user_id, "", &s));
  EXPECT_NE(history.dump().find("user.email_verified"), std::string::npos) << history.dump();
}

TEST_F(VerifyTest, AnExpiredLinkIsRefused) {
  Session s = SignUpUnconfirmed("old@example.org");
  const std::string token = "an-old-link-token";
  ASSERT_TRUE(store_
                  ->Write([&](app::Transaction& tx) {
                    return tx.InsertEmailVerification(
                        {app::Sha256Hex(token), s.user_id, 1000, 2000, std::nullopt});
                  })
                  .has_value());
  Response r = Call(Method::kPost, "/api/v1/auth/verify-email", json{{"token", token}}.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(Body(r)["error"]["message"].get<std::string>().find("expired"), std::string::npos)
      << r.body;
}

TEST_F(VerifyTest, ASignedInUserAsksForAFreshLink) {
  Session s = SignUpUnconfirmed("bo@example.org");
  const std::string first = VerificationToken("bo@example.org");
  EXPECT_EQ(Call(Method::kPost, "/api/v1/auth/verify-email/resend").status, 401);
  EXPECT_EQ(Call(Method::kPost, "/api/v1/auth/verify-email/resend", "", &s, false).status, 403)
      << "CSRF";
  ASSERT_EQ(Call(Method::kPost, "/api/v1/auth/verify-email/resend", "", &s).status, 204);
  const std::string second = VerificationToken("bo@example.org");
  ASSERT_FALSE(second.empty());
  EXPECT_NE(second, first);
  EXPECT_EQ(Call(Method::kPost, "/api/v1/auth/verify-email", json{{"token", second}}.dump()).status,
            204);
  // One confirmation voids the other links.
  EXPECT_EQ(Call(Method::kPost, "/api/v1/auth/verify-email", json{{"token", first}}.dump()).status,
            400);
  Response again = Call(Method::kPost, "/api/v1/auth/verify-email/resend", "", &s);
  EXPECT_EQ(again.status, 409);
  EXPECT_NE(Body(again)["error"]["message"].get<std::string>().find("already confirmed"),
            std::string::npos);
}

TEST_F(VerifyTest, AnUnconfirmedAccountCannotAcceptAnInvitation) {
  Session lead = SignUp("lead@example.org", "Lead");
  const std::string org = CreateOrganisation(lead, "Riverside");
  Response inv = Call(Method::kPost, "/api/v1/organisations/" + org + "/invitations",
                      json{{"email", "cy@example.org"}, {"role", "member"}}.dump(), &lead);
  ASSERT_EQ(inv.status, 201) << inv.body;
  const std::string url = Body(inv)["accept_url"];
  const std::string accept = "/invitations/" + url.substr(url.rfind('/') + 1) + "/accept";

  Session cy = SignUpUnconfirmed("cy@example.org", "Cy");
  Response refused = Post(accept, cy);
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(Body(refused)["error"]["field"], "email_verified");
  const std::string message = Body(refused)["error"]["message"];
  EXPECT_NE(message.find("confirm your email address"), std::string::npos) << message;
  EXPECT_NE(message.find("cy@example.org"), std::string::npos) << message;
  EXPECT_NE(message.find("Send the link again"), std::string::npos) << message;
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/me", "", &cy))["organisations"].size(), 0u);

  // An unconfirmed account may still make its own organisation.
  CreateOrganisation(cy, "Cy's Cafe");
  ASSERT_EQ(Call(Method::kPost, "/api/v1/auth/verify-email",
                 json{{"token", VerificationToken("cy@example.org")}}.dump())
                .status,
            204);
  EXPECT_EQ(Post(accept, cy).status, 200);
}

TEST_F(VerifyTest, AnUnconfirmedLeadCannotSignOffEvidence) {
  Certifiable c = MakeCertifiable(/*lead_confirms_email=*/false);
  Response created = Post("/organisations/" + c.org + "/applications", c.lead,
                          {{"scheme_id", "svmc"}, {"level", 1}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = Body(created)["id"];
  ASSERT_EQ(Post("/applications/" + id + "/terms", c.lead).status, 200);
  EvidenceForAll(c.lead, id);
  Response refused = Post("/applications/" + id + "/sign-off", c.lead, kSignature);
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(Body(refused)["error"]["field"], "email_verified");
  EXPECT_NE(Body(refused)["error"]["message"].get<std::string>().find("sign off evidence"),
            std::string::npos);
  EXPECT_EQ(Post("/applications/" + id + "/sign-off", c.senior, kSignature).status, 200)
      << "the senior leader confirmed theirs";

  ASSERT_EQ(Call(Method::kPost, "/api/v1/auth/verify-email",
                 json{{"token", VerificationToken("lead@example.org")}}.dump())
                .status,
            204);
  EXPECT_EQ(Post("/applications/" + id + "/sign-off", c.lead, kSignature).status, 200);
}

TEST_F(VerifyTest, ConfirmationLinksAreForTheMailboxAlone) {
  Session admin = Staff("admin@example.org", PlatformRole::kAdministrator);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/me", "", &admin))["user"]["email_verified"], true)
      << "staff accounts are made confirmed";
  Session dee = SignUpUnconfirmed("dee@example.org");
  // Staff see that a link went out, never the link.
  const std::string outbox = Call(Method::kGet, "/api/v1/outbox?limit=100", "", &admin).body;
  EXPECT_NE(outbox.find("verify-email?token=[hidden"), std::string::npos) << outbox;
  EXPECT_EQ(outbox.find(VerificationToken("dee@example.org")), std::string::npos);
  // Whoever signed up with an address cannot read its mail in the app before confirming it...
  json unconfirmed = Body(Call(Method::kGet, "/api/v1/notifications", "", &dee));
  EXPECT_EQ(unconfirmed["items"].size(), 0u) << unconfirmed.dump();
  // ...and the link itself is never listed there, even after.
  ASSERT_EQ(Call(Method::kPost, "/api/v1/auth/verify-email",
                 json{{"token", VerificationToken("dee@example.org")}}.dump())
                .status,
            204);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/notifications", "", &dee).body.find("token="),
            std::string::npos);
}

TEST_F(VerifyTest, TheLoginLockoutSurvivesARestart) {
  SignUp("eve@example.org");
  auto login = [&](Api& api, const std::string& password) {
    Request r;
    r.method = Method::kPost;
    r.path = "/api/v1/auth/login";
    r.body = json{{"email", "eve@example.org"}, {"password", password}}.dump();
    r.headers["content-type"] = "application/json";
    r.client_address = "198.51.100.7";
    return api.Handle(r).status;
  };
  for (int i = 0; i < 5; ++i) EXPECT_EQ(login(*api_, "wrong password guess"), 401);
  EXPECT_EQ(login(*api_, "correct horse battery"), 429);

  // A new server process on the same database still refuses...
  api_.reset();
  platform_.reset();
  UnixTime now = now_;
  app::PlatformOptions options;
  options.password_cost = app::PasswordCost::kMinimum;
  options.clock = [&now] { return now; };
  app::Platform restarted(*store_, std::move(options));
  Api api(restarted, ApiOptions{"test", false});
  EXPECT_EQ(login(api, "correct horse battery"), 429);
  // ...until the window has passed; then the failures are forgotten.
  now += 15 * 60 + 1;
  EXPECT_EQ(login(api, "correct horse battery"), 200);
  EXPECT_EQ(login(api, "wrong password guess"), 401);
  auto left = store_->Read([&](app::Transaction& tx) -> Result<void> {
    auto n = tx.CountLoginFailures("email:eve@example.org|198.51.100.7", 0);
    if (!n) return Fail(n.error());
    EXPECT_EQ(*n, 1) << "the old failures were cleared and pruned";
    return {};
  });
  EXPECT_TRUE(left.has_value());
}

}  // namespace
}  // namespace valuemark::http
