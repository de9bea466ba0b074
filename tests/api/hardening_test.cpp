// The hardening review's findings, each reproduced through the API: one
// request must never take the service down, and no assurance may be forged
// or bypassed.
#include "api_fixture.h"

namespace valuemark::http {
namespace {

using HardeningTest = ApiTest;

// A map whose quantity and proxy are each 1e300 once made every Monte Carlo
// ratio infinite and the histogram index far outside its array (a segfault
// that disconnected every user).
TEST_F(HardeningTest, CalculateRefusesNumbersBeyondTheEngineBoundsAndKeepsServing) {
  Session s = SignUp("calc@example.org");
  const std::string huge =
      R"({"name": "x", "inputs": [{"stakeholder": "f", "description": "g", "value": 1000}],
    "outcomes": [{"id": "o1", "stakeholder": "m", "quantity": 1e300, "duration_years": 1,
                  "proxy": {"value": 1e300}}]})";
  Response r = Call(Method::kPost, "/api/v1/impact-maps/calculate?draws=1000", huge, &s);
  ASSERT_EQ(r.status, 400) << r.body;
  std::set<std::string> fields;
  const json error = Body(r)["error"];
  for (const json& f : error["fields"]) fields.insert(f["field"].get<std::string>());
  EXPECT_TRUE(fields.contains("outcomes[0].quantity")) << r.body;
  EXPECT_TRUE(fields.contains("outcomes[0].proxy.value")) << r.body;

  // At the edge of the bounds every figure is a number and the histogram holds every draw.
  const std::string edge = R"({"name": "x", "inputs": [{"stakeholder": "f", "description": "g",
      "value": {"low": 0, "mode": 0, "high": 0.01}}],
    "outcomes": [{"id": "o1", "stakeholder": "m", "quantity": {"low": 0, "high": 1e6}, "duration_years": 50,
                  "proxy": {"value": 1e6}}]})";
  Response ok = Call(Method::kPost, "/api/v1/impact-maps/calculate?draws=2000", edge, &s);
  ASSERT_EQ(ok.status, 200) << ok.body;
  const json h = Body(ok)["histogram"];
  int64_t total = 0;
  for (const json& c : h["counts"]) total += c.get<int64_t>();
  EXPECT_EQ(total, 2000);
  EXPECT_TRUE(h["low"].is_number() && h["high"].is_number()) << h.dump();
}

// A number no double holds (1e400) was a 500 that showed the parser's
// exception text, on every route that reads JSON.
TEST_F(HardeningTest, NumberOverflowIsABadRequestOnEveryJsonRoute) {
  Response signup = Call(
      Method::kPost, "/api/v1/auth/signup",
      R"({"email": "a@example.org", "password": "correct horse battery", "name": "A", "x": 1e400})");
  EXPECT_EQ(signup.status, 400) << signup.body;
  EXPECT_EQ(signup.body.find("json.exception"), std::string::npos) << signup.body;

  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  const json survey = Body(Call(
      Method::kPost, "/api/v1/organisations/" + org + "/surveys",
      R"({"title": "S", "questions": [{"id": "score", "type": "scale", "text": "0-10"}]})", &lead));
  Request answer;
  answer.method = Method::kPost;
  answer.path = "/api/v1/s/" + survey["token"].get<std::string>() + "/responses";
  answer.body = R"({"answers": {"score": 1e400}})";
  answer.headers = {{"content-type", "application/json"}, {"idempotency-key", "overflow"}};
  answer.client_address = "192.0.2.9";
  Response public_answer = Send(answer);
  EXPECT_EQ(public_answer.status, 400) << public_answer.body;

  // Every route that takes a body, with its path parameters filled by ids
  // that exist (the organisation, the survey) or not: never a 500.
  Session admin = Staff("admin@example.org", PlatformRole::kAdministrator);
  int tried = 0;
  for (const Route& route : api_->router().routes()) {
    if (route.method == Method::kGet || route.method == Method::kHead ||
        route.doc.body_type == "*/*")
      continue;
    std::string path = "/api/v1";
    for (const std::string& segment : route.segments) {
      path += "/";
      if (segment == "{id}" && route.pattern.starts_with("/organisations"))
        path += org;
      else if (segment == "{id}" && route.pattern.starts_with("/surveys"))
        path += survey["id"].get<std::string>();
      else if (segment.starts_with("{"))
        path += "nothing";
      else
        path += segment;
    }
    for (const Session* who : {&lead, &admin}) {
      Response r = Call(route.method, path, R"({"name": 1e400, "value": -1e400})", who);
      EXPECT_NE(r.status, 500) << MethodName(route.method) << " " << path << ": " << r.body;
      EXPECT_EQ(r.body.find("exception"), std::string::npos) << path << ": " << r.body;
    }
    ++tried;
  }
  EXPECT_GT(tried, 50);
}

}  // namespace
}  // namespace valuemark::http

namespace valuemark::http {
namespace {

class ConflictTest : public ApiTest {
 protected:
  // An SVMC level 1 application, submitted and allocated to c_.assessor.
  std::string SubmittedAndAllocated() {
    c_ = MakeCertifiable();
    const std::string id = SignedOffApplication(c_);
    app_ = "/applications/" + id;
    EXPECT_EQ(Post(app_ + "/submit", c_.lead).status, 200);
    EXPECT_EQ(Post(app_ + "/assessor", c_.admin, {{"assessor_id", c_.assessor.user_id}}).status,
              200);
    return id;
  }
  void AllMet() {
    for (const std::string& criterion : Criteria()) {
      Response v = Call(Method::kPut, "/api/v1" + app_ + "/reviews/" + criterion,
                        R"({"verdict": "met", "feedback": "Seen"})", &c_.assessor);
      ASSERT_EQ(v.status, 200) << v.body;
    }
  }
  std::set<std::string> Criteria() {
    std::set<std::string> out;
    const json application = Body(Call(Method::kGet, "/api/v1" + app_, "", &c_.assessor));
    for (const json& e : application["evidence"]) out.insert(e["criterion_id"].get<std::string>());
    return out;
  }
  // Makes the assessor a member without going through the invitation (as
  // data from before the invitation check, or a direct database change).
  void AssessorBecomesMember() {
    ASSERT_TRUE(store_
                    ->Write([&](app::Transaction& tx) -> Result<void> {
                      return tx.UpsertMember(
                          {c_.org, c_.assessor.user_id, MemberRole::kMember, now_, "", ""});
                    })
                    .has_value());
  }
  Certifiable c_;
  std::string app_;
};

// The allocated assessor accepted an invitation to join the applicant, then
// recorded every verdict and recommended, and the award went through.
TEST_F(ConflictTest, TheAllocatedAssessorCannotJoinTheApplicant) {
  SubmittedAndAllocated();
  Response inv = Call(Method::kPost, fmt::format("/api/v1/organisations/{}/invitations", c_.org),
                      json{{"email", "assessor@example.org"}, {"role", "member"}}.dump(), &c_.lead);
  ASSERT_EQ(inv.status, 201) << inv.body;
  const std::string url = Body(inv)["accept_url"];
  Response accept =
      Call(Method::kPost, "/api/v1/invitations/" + url.substr(url.rfind('/') + 1) + "/accept", "",
           &c_.assessor);
  EXPECT_EQ(accept.status, 409) << accept.body;
  EXPECT_NE(Body(accept)["error"]["message"].get<std::string>().find("conflict of interest"),
            std::string::npos);
  // Still not a member.
  auto member = store_->Read([&](app::Transaction& tx) -> Result<void> {
    auto m = tx.FindMember(c_.org, c_.assessor.user_id);
    if (!m) return Fail(m.error());
    EXPECT_FALSE(m->has_value());
    return {};
  });
  EXPECT_TRUE(member.has_value());
}

TEST_F(ConflictTest, AnAssessorWhoBecameAMemberCanNoLongerReview) {
  SubmittedAndAllocated();
  const std::string criterion = *Criteria().begin();
  AssessorBecomesMember();
  Response verdict = Call(Method::kPut, "/api/v1" + app_ + "/reviews/" + criterion,
                          R"({"verdict": "met"})", &c_.assessor);
  EXPECT_EQ(verdict.status, 409) << verdict.body;
  EXPECT_NE(verdict.body.find("conflict of interest"), std::string::npos);
  EXPECT_EQ(Post(app_ + "/recommendation", c_.assessor, {{"summary", "Good"}}).status, 409);
  EXPECT_EQ(Post(app_ + "/amendments", c_.assessor).status, 409);
  // Nor speak for the assessment in the conversation about a criterion.
  Response message = Post(app_ + "/messages", c_.assessor,
                          {{"criterion_id", criterion}, {"body", "Which meeting approved this?"}});
  EXPECT_EQ(message.status, 409) << message.body;
  EXPECT_NE(message.body.find("conflict of interest"), std::string::npos);
}

TEST_F(ConflictTest, TheAwardIsRefusedWhileAnyoneWhoJudgedItIsAMember) {
  SubmittedAndAllocated();
  AllMet();
  ASSERT_EQ(Post(app_ + "/recommendation", c_.assessor, {{"summary", "All criteria met"}}).status,
            200);
  AssessorBecomesMember();
  const int64_t audit_before = AuditEntries();
  Response award = Post(app_ + "/award", c_.admin);
  EXPECT_EQ(award.status, 409) << award.body;
  EXPECT_NE(award.body.find("conflict of interest"), std::string::npos);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1" + app_, "", &c_.admin))["state"], "recommended");
  EXPECT_EQ(AuditEntries(), audit_before);  // nothing changed
  EXPECT_TRUE(Body(Call(Method::kGet, "/api/v1/register"))["items"].empty());

  // The administrator awarding may not be a member either.
  ASSERT_TRUE(
      store_
          ->Write([&](app::Transaction& tx) -> Result<void> {
            if (auto r = tx.DeleteMember(c_.org, c_.assessor.user_id); !r) return r;
            return tx.UpsertMember({c_.org, c_.admin.user_id, MemberRole::kMember, now_, "", ""});
          })
          .has_value());
  Response self = Post(app_ + "/award", c_.admin);
  EXPECT_EQ(self.status, 409) << self.body;
  ASSERT_TRUE(store_
                  ->Write([&](app::Transaction& tx) -> Result<void> {
                    return tx.DeleteMember(c_.org, c_.admin.user_id);
                  })
                  .has_value());
  EXPECT_EQ(Post(app_ + "/award", c_.admin).status, 200);
}

}  // namespace
}  // namespace valuemark::http

namespace valuemark::http {
namespace {

std::string ReadFile(const std::string& relative) {
  std::ifstream in(std::string(VALUEMARK_SOURCE_DIR) + "/" + relative);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The Senior Leader signed, was replaced, and the application was submitted
// without the new one signing.
TEST_F(ApiTest, ASignOffDoesNotOutliveAChangeOfRepresentatives) {
  Certifiable c = MakeCertifiable();
  const std::string app = "/applications/" + SignedOffApplication(c);

  Session next = Join(c.lead, c.org, "next-senior@example.org", "senior_leader");
  Response changed =
      Call(Method::kPut, "/api/v1/organisations/" + c.org + "/representatives",
           json{{"lead_user_id", c.lead.user_id}, {"senior_leader_user_id", next.user_id}}.dump(),
           &c.lead);
  ASSERT_EQ(changed.status, 200) << changed.body;
  json a = Body(Call(Method::kGet, "/api/v1" + app, "", &c.lead));
  ASSERT_EQ(a["sign_offs"].size(), 1u) << a.dump();
  EXPECT_EQ(a["sign_offs"][0]["role"], "lead");
  EXPECT_EQ(a["missing_sign_offs"], json::array({"senior_leader"}));
  Response early = Post(app + "/submit", c.lead);
  EXPECT_EQ(early.status, 409) << early.body;
  // The former Senior Leader cannot sign in their place.
  EXPECT_NE(Post(app + "/sign-off", c.senior, kSignature).status, 200);
  ASSERT_EQ(Post(app + "/sign-off", next, kSignature).status, 200);
  EXPECT_EQ(Post(app + "/submit", c.lead).status, 200);
}

// Even when the organisation's record changes by another way (a database
// edit, data from before the rule), submission counts only the sign-offs of
// the representatives named now.
TEST_F(ApiTest, SubmissionCountsOnlySignOffsOfTheRepresentativesNamedNow) {
  Certifiable c = MakeCertifiable();
  const std::string app = "/applications/" + SignedOffApplication(c);
  Session next = Join(c.lead, c.org, "next-senior@example.org", "senior_leader");
  ASSERT_TRUE(store_
                  ->Write([&](app::Transaction& tx) -> Result<void> {
                    auto org = tx.FindOrganisation(c.org);
                    if (!org) return Fail(org.error());
                    Organisation o = **org;
                    o.senior_leader_user_id = next.user_id;
                    return tx.UpdateOrganisation(o);
                  })
                  .has_value());
  EXPECT_EQ(Post(app + "/submit", c.lead).status, 409);
}

// A record given as evidence is pinned to the version given; the award shows
// that version, whatever is edited later.
TEST_F(ApiTest, RecordEvidenceIsPinnedToTheVersionGiven) {
  Certifiable c = MakeCertifiable();
  const std::string base = "/api/v1/organisations/" + c.org;
  const std::string lunch_club = ReadFile("examples/lunch-club.json");
  json map = Body(Call(Method::kPost, base + "/impact-maps", lunch_club, &c.lead));
  const std::string map_id = map["id"];
  ASSERT_EQ(map["version"], 1);
  const std::string id = Body(Post("/organisations/" + c.org + "/applications", c.lead,
                                   {{"scheme_id", "svmc"}, {"level", 1}}))["id"];
  const std::string app = "/applications/" + id;
  json first = Body(Call(Method::kGet, "/api/v1" + app, "", &c.lead));
  const std::string criterion = first["missing_evidence"][0];
  Response added = Post(app + "/evidence", c.lead,
                        {{"criterion_id", criterion},
                         {"kind", "record"},
                         {"title", "Forecast"},
                         {"record_kind", "impact_map"},
                         {"record_id", map_id}});
  ASSERT_EQ(added.status, 201) << added.body;
  // The map is edited after it was given.
  json edited = json::parse(lunch_club);
  edited["name"] = "Lunch club, rewritten";
  edited["version"] = 1;
  Response saved = Call(Method::kPut, "/api/v1/impact-maps/" + map_id, edited.dump(), &c.lead);
  ASSERT_EQ(saved.status, 200) << saved.body;
  ASSERT_EQ(Body(saved)["version"], 2);
  json a = Body(Call(Method::kGet, "/api/v1" + app, "", &c.lead));
  bool found = false;
  for (const json& e : a["evidence"])
    if (e["record_id"] == map_id) {
      found = true;
      EXPECT_EQ(e["record_version"], 1) << e.dump();
    }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace valuemark::http

namespace valuemark::http {
namespace {

class AccountsTest : public ApiTest {
 protected:
  // A platform on a clock the test moves.
  void OnClock(int64_t& now, app::PasswordCost cost = app::PasswordCost::kMinimum) {
    app::PlatformOptions options;
    options.password_cost = cost;
    options.clock = [&now] { return now; };
    api_.reset();
    platform_ = std::make_unique<app::Platform>(*store_, std::move(options));
    api_ = std::make_unique<Api>(*platform_, ApiOptions{"test", false});
  }
  Response LogInFrom(const std::string& address, const std::string& email,
                     const std::string& password) {
    Request r;
    r.method = Method::kPost;
    r.path = "/api/v1/auth/login";
    r.body = json{{"email", email}, {"password", password}}.dump();
    r.headers["content-type"] = "application/json";
    r.client_address = address;
    return Send(r);
  }
  std::string LatestMailBody() {
    std::string body;
    EXPECT_TRUE(store_
                    ->Read([&](app::Transaction& tx) -> Result<void> {
                      auto all = tx.ListMessages({"", 1});
                      if (!all) return Fail(all.error());
                      if (!all->empty()) body = all->front().body;
                      return {};
                    })
                    .has_value());
    return body;
  }
  static std::string TokenIn(const std::string& body) {
    const auto at = body.find("token=") + 6;
    return body.substr(at, body.find('\n', at) - at);
  }
};

TEST_F(AccountsTest, CommonPasswordsAndTheEmailAsPasswordAreRefused) {
  for (const auto& [password, email] :
       std::vector<std::pair<std::string, std::string>>{{"qwertyuiop", "a@example.org"},
                                                        {"Password123", "b@example.org"},
                                                        {"C@Example.org", "c@example.org"}}) {
    Response r = Call(Method::kPost, "/api/v1/auth/signup",
                      json{{"email", email}, {"password", password}, {"name", "P"}}.dump());
    EXPECT_EQ(r.status, 400) << password << ": " << r.body;
    EXPECT_EQ(Body(r)["error"]["field"], "password") << r.body;
  }
}

// Failed logins count per account and address: a stranger elsewhere cannot
// lock the owner out.
TEST_F(AccountsTest, AStrangerCannotLockTheOwnerOut) {
  SignUp("owner@example.org");
  for (int i = 0; i < 6; ++i)
    LogInFrom("198.51.100.7", "owner@example.org", "wrong password guess");
  EXPECT_EQ(LogInFrom("198.51.100.7", "owner@example.org", "correct horse battery").status, 429);
  EXPECT_EQ(LogInFrom("203.0.113.5", "owner@example.org", "correct horse battery").status, 200);
}

// Login took 139 ms for a known email and 1.5 ms for an unknown one.
TEST_F(AccountsTest, AnUnknownEmailTakesAsLongAsAWrongPassword) {
  int64_t now = 1'800'000'000;
  OnClock(now, app::PasswordCost::kInteractive);
  ASSERT_TRUE(platform_->accounts.CreateUser({"known@example.org", "correct horse battery", "K"},
                                             PlatformRole::kNone));
  // The quickest of n tries: a busy machine only ever adds time to a try.
  auto time_of = [&](const std::string& email, int n) {
    double quickest = 1e9;
    for (int i = 0; i < n; ++i) {
      const auto start = std::chrono::steady_clock::now();
      EXPECT_EQ(
          LogInFrom(fmt::format("192.0.2.{}", 10 + i), email, "not the password at all").status,
          401);
      quickest =
          std::min(quickest,
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    return quickest;
  };
  time_of("nobody@example.org", 1);  // the decoy hash is made once
  const double known = time_of("known@example.org", 3);
  const double unknown = time_of("nobody@example.org", 3);
  EXPECT_GT(unknown, known * 0.5) << "known " << known << " s, unknown " << unknown << " s";
  EXPECT_LT(unknown, known * 2.0) << "known " << known << " s, unknown " << unknown << " s";
}

TEST_F(AccountsTest, AResetChecksTheLinkBeforeHashingAndVoidsTheOtherLinks) {
  int64_t now = 1'800'000'000;
  OnClock(now, app::PasswordCost::kInteractive);
  ASSERT_TRUE(platform_->accounts.CreateUser(
      {"forgetful@example.org", "correct horse battery", "F"}, PlatformRole::kNone));
  ASSERT_EQ(
      Call(Method::kPost, "/api/v1/auth/password-reset", R"({"email": "forgetful@example.org"})")
          .status,
      202);
  const std::string first = TokenIn(LatestMailBody());
  ASSERT_EQ(
      Call(Method::kPost, "/api/v1/auth/password-reset", R"({"email": "forgetful@example.org"})")
          .status,
      202);
  const std::string second = TokenIn(LatestMailBody());
  ASSERT_NE(first, second);
  // A made-up link is refused before any hashing: far quicker than one hash
  // (the quickest of three: a busy machine only ever adds time to a try).
  double seconds = 1e9;
  for (int i = 0; i < 3; ++i) {
    const auto start = std::chrono::steady_clock::now();
    Response bogus = Call(
        Method::kPost, "/api/v1/auth/password-reset/confirm",
        json{{"token", fmt::format("made-up-{}", i)}, {"password", "a brand new password"}}.dump());
    seconds = std::min(
        seconds, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    EXPECT_EQ(bogus.status, 400);
  }
  EXPECT_LT(seconds, 0.03);
  ASSERT_EQ(Call(Method::kPost, "/api/v1/auth/password-reset/confirm",
                 json{{"token", second}, {"password", "a brand new password"}}.dump())
                .status,
            204);
  Response older = Call(Method::kPost, "/api/v1/auth/password-reset/confirm",
                        json{{"token", first}, {"password", "another new password"}}.dump());
  EXPECT_EQ(older.status, 400) << older.body;
  EXPECT_EQ(LogInFrom("192.0.2.50", "forgetful@example.org", "a brand new password").status, 200);
}

TEST_F(AccountsTest, ChangePasswordKeepsThisSessionAndEndsTheOthers) {
  Session here = SignUp("me@example.org");
  Session there = LogIn("me@example.org");
  Response wrong = Call(
      Method::kPost, "/api/v1/auth/password",
      json{{"current_password", "not it at all"}, {"new_password", "a brand new password"}}.dump(),
      &here);
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(Body(wrong)["error"]["field"], "current_password");
  Response common = Call(
      Method::kPost, "/api/v1/auth/password",
      json{{"current_password", "correct horse battery"}, {"new_password", "qwertyuiop"}}.dump(),
      &here);
  EXPECT_EQ(common.status, 400);
  EXPECT_EQ(Body(common)["error"]["field"], "new_password");
  EXPECT_EQ(Call(Method::kPost, "/api/v1/auth/password",
                 json{{"current_password", "correct horse battery"},
                      {"new_password", "a brand new password"}}
                     .dump(),
                 &here, false)
                .status,
            403);  // CSRF
  ASSERT_EQ(Call(Method::kPost, "/api/v1/auth/password",
                 json{{"current_password", "correct horse battery"},
                      {"new_password", "a brand new password"}}
                     .dump(),
                 &here)
                .status,
            204);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/me", "", &here).status, 200);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/me", "", &there).status, 401);
  EXPECT_EQ(LogInFrom("192.0.2.60", "me@example.org", "a brand new password").status, 200);
}

TEST_F(AccountsTest, SignOutEverywhereElse) {
  Session here = SignUp("me@example.org");
  Session phone = LogIn("me@example.org");
  Session laptop = LogIn("me@example.org");
  EXPECT_EQ(Call(Method::kPost, "/api/v1/auth/sessions/end-others", "").status, 401);
  ASSERT_EQ(Call(Method::kPost, "/api/v1/auth/sessions/end-others", "", &here).status, 204);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/me", "", &here).status, 200);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/me", "", &phone).status, 401);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/me", "", &laptop).status, 401);
}

// Twelve hours without use end a session; use keeps it alive up to its
// absolute end, fourteen days after sign-in.
TEST_F(AccountsTest, SessionsEndWhenIdle) {
  int64_t now = 1'800'000'000;
  OnClock(now);
  Session idle = SignUp("idle@example.org");
  Session busy = LogIn("idle@example.org");
  for (int hour = 6; hour <= 30; hour += 6) {
    now += 6 * 3600;
    EXPECT_EQ(Call(Method::kGet, "/api/v1/me", "", &busy).status, 200) << "hour " << hour;
  }
  EXPECT_EQ(Call(Method::kGet, "/api/v1/me", "", &idle).status, 401);
  // Never past fourteen days, however busy.
  for (int day = 2; day <= 15; ++day) {
    now += 6 * 3600;
    Call(Method::kGet, "/api/v1/me", "", &busy);
    now += 6 * 3600;
    Call(Method::kGet, "/api/v1/me", "", &busy);
    now += 6 * 3600;
    Call(Method::kGet, "/api/v1/me", "", &busy);
    now += 6 * 3600;
  }
  EXPECT_EQ(Call(Method::kGet, "/api/v1/me", "", &busy).status, 401);
}

}  // namespace
}  // namespace valuemark::http

namespace valuemark::http {
namespace {

// Assessors saw every organisation; now only those whose applications they
// assess.
TEST_F(ApiTest, AssessorsSeeOnlyTheOrganisationsAllocatedToThem) {
  Certifiable c = MakeCertifiable();
  Session other_lead = SignUp("other-lead@example.org");
  const std::string other = CreateOrganisation(other_lead, "Elsewhere");
  const std::string base = "/api/v1/organisations/" + c.org;
  EXPECT_EQ(Call(Method::kGet, base, "", &c.assessor).status, 404);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/organisations/" + other, "", &c.assessor).status, 404);
  EXPECT_TRUE(Body(Call(Method::kGet, "/api/v1/organisations", "", &c.assessor))["items"].empty());

  const std::string id = SignedOffApplication(c, "svqm", 1);
  ASSERT_EQ(Post("/applications/" + id + "/submit", c.lead).status, 200);
  ASSERT_EQ(
      Post("/applications/" + id + "/assessor", c.admin, {{"assessor_id", c.assessor.user_id}})
          .status,
      200);

  EXPECT_EQ(Call(Method::kGet, base, "", &c.assessor).status, 200);
  EXPECT_EQ(Call(Method::kGet, base + "/dashboard", "", &c.assessor).status, 200);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/organisations/" + other, "", &c.assessor).status, 404);
  json list = Body(Call(Method::kGet, "/api/v1/organisations", "", &c.assessor));
  ASSERT_EQ(list["items"].size(), 1u) << list.dump();
  EXPECT_EQ(list["items"][0]["id"], c.org);
  // Reading is all: an allocated assessor still cannot edit.
  EXPECT_EQ(
      Call(Method::kPatch, base, json{{"name", "Mine now"}, {"version", 1}}.dump(), &c.assessor)
          .status,
      403);
  // Administrators see every organisation.
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/organisations", "", &c.admin))["items"].size(), 2u);
}

// A store whose writes fail as a full disk's would, to see /health say so.
class FailingWrites : public app::Store {
 public:
  explicit FailingWrites(app::Store& inner) : inner_(inner) {}
  const char* Kind() const override { return inner_.Kind(); }
  Result<void> Read(const std::function<Result<void>(app::Transaction&)>& fn) override {
    return inner_.Read(fn);
  }
  Result<void> Write(const std::function<Result<void>(app::Transaction&)>& fn) override {
    Result<void> r =
        failing
            ? Result<void>(Fail(Error::Make(ErrorCode::kUnavailable, "database or disk is full")))
            : inner_.Write(fn);
    NoteWrite(r);
    return r;
  }
  Result<int> Migrate() override { return inner_.Migrate(); }
  Result<void> Backup(const std::string& d) override { return inner_.Backup(d); }
  bool failing = false;

 private:
  app::Store& inner_;
};

TEST_F(ApiTest, HealthReportsAStoreThatCannotWrite) {
  FailingWrites store(*store_);
  api_.reset();
  app::PlatformOptions options;
  options.password_cost = app::PasswordCost::kMinimum;
  platform_ = std::make_unique<app::Platform>(store, std::move(options));
  api_ = std::make_unique<Api>(*platform_, ApiOptions{"test", false});
  EXPECT_EQ(Call(Method::kGet, "/api/v1/health").status, 200);
  store.failing = true;
  Response refused =
      Call(Method::kPost, "/api/v1/auth/signup",
           json{{"email", "a@example.org"}, {"password", "correct horse battery"}, {"name", "A"}}
               .dump());
  EXPECT_EQ(refused.status, 503);
  Response health = Call(Method::kGet, "/api/v1/health");
  EXPECT_EQ(health.status, 503);
  EXPECT_EQ(Body(health)["status"], "degraded");
  EXPECT_EQ(Body(health)["writable"], false);
  EXPECT_EQ(Body(health)["problem"], "database or disk is full");
  store.failing = false;
  SignUp("b@example.org");
  EXPECT_EQ(Call(Method::kGet, "/api/v1/health").status, 200);
  api_.reset();
  platform_.reset();
}

// A respondent whose answer was stored retries after the survey closed (the
// first answer was lost on the way back): they get their 200, not a refusal.
// Every stored response is in the audit trail.
TEST_F(ApiTest, ARetryAfterTheSurveyClosedIsAnsweredAndResponsesAreAudited) {
  int64_t now = DaysFromCivil(*ParseDate("2030-03-10")) * 86400 + 3600;
  app::PlatformOptions options;
  options.password_cost = app::PasswordCost::kMinimum;
  options.clock = [&now] { return now; };
  api_.reset();
  platform_ = std::make_unique<app::Platform>(*store_, std::move(options));
  api_ = std::make_unique<Api>(*platform_, ApiOptions{"test", false});
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  const json survey = Body(Call(Method::kPost, "/api/v1/organisations/" + org + "/surveys",
                                R"({"title": "S", "closes_on": "2030-03-10",
                                    "questions": [{"id": "score", "type": "scale", "text": "0-10"}]})",
                                &lead));
  ASSERT_TRUE(survey.contains("token")) << survey.dump();
  auto answer = [&](const std::string& key, int score) {
    Request r;
    r.method = Method::kPost;
    r.path = "/api/v1/s/" + survey["token"].get<std::string>() + "/responses";
    r.body = json{{"answers", {{"score", score}}}}.dump();
    r.headers = {{"content-type", "application/json"}, {"idempotency-key", key}};
    r.client_address = "192.0.2.77";
    return Send(r);
  };
  Response first = answer("phone-1", 7);
  ASSERT_EQ(first.status, 201) << first.body;
  now += 2 * 86400;  // the survey has closed
  Response retry = answer("phone-1", 7);
  EXPECT_EQ(retry.status, 200) << retry.body;
  EXPECT_EQ(Body(retry)["id"], Body(first)["id"]);
  Response late = answer("phone-2", 7);
  EXPECT_EQ(late.status, 409) << late.body;
  Response late_and_wrong = answer("phone-3", 99);
  EXPECT_EQ(late_and_wrong.status, 409)
      << late_and_wrong.body;  // the state, not the form's problems

  std::vector<app::AuditEntry> trail;
  ASSERT_TRUE(store_
                  ->Read([&](app::Transaction& tx) -> Result<void> {
                    auto list = tx.ListAuditForEntity("survey", survey["id"].get<std::string>());
                    if (!list) return Fail(list.error());
                    trail = std::move(*list);
                    return {};
                  })
                  .has_value());
  int received = 0;
  for (const app::AuditEntry& e : trail)
    if (e.action == "survey.responses_received") ++received;
  EXPECT_EQ(received, 1);
  EXPECT_TRUE(app::VerifyAuditLog(*store_)->valid);
}

}  // namespace
}  // namespace valuemark::http
