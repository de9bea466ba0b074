// Quotas and paging (security review, item 11): one account must not grow the
// database without bound, and no list answers with everything at once.
#include <algorithm>
#include <thread>

#include "api_fixture.h"

namespace valuemark::http {
namespace {

// A PDF body of exactly `size` bytes (accepted by content).
std::string Pdf(size_t size) {
  std::string body = "%PDF-1.4\n";
  body.resize(size, 'x');
  return body;
}

std::string ReadMap() {
  std::ifstream in(std::string(VALUEMARK_SOURCE_DIR) + "/examples/lunch-club.json");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int64_t StoredBytes(app::Store& store, const std::string& org) {
  int64_t bytes = -1;
  EXPECT_TRUE(store
                  .Read([&](app::Transaction& tx) -> Result<void> {
                    auto u = tx.GetOrganisationUsage(org);
                    if (!u) return Fail(u.error());
                    bytes = u->stored_bytes();
                    return {};
                  })
                  .has_value());
  return bytes;
}

// A public survey submission, as a respondent's browser sends it.
Response Answer(Api& api, const std::string& token, const std::string& key) {
  Request r;
  r.method = Method::kPost;
  r.path = "/api/v1/s/" + token + "/responses";
  r.body = R"({"answers": {"score": 4}})";
  r.client_address = "192.0.2.9";
  r.headers = {{"content-type", "application/json"}, {"idempotency-key", key}};
  return api.Handle(r);
}

// The measured case: a new account uploading 5 × 20 MiB. With the default
// quota (100 MB) the fifth is refused and nothing of it is stored.
TEST_F(ApiTest, FiveUploadsOfTwentyMiBStopAtTheDefaultStorageQuota) {
  Certifiable c = MakeCertifiable();
  const std::string id = Body(Post("/organisations/" + c.org + "/applications", c.lead,
                                   {{"scheme_id", "svmc"}, {"level", 1}}))["id"];
  const std::string upload =
      "/api/v1/applications/" + id + "/evidence/file?criterion_id=svmc.1.plan.1&title=Big";
  const std::string file = Pdf(kMaxEvidenceFileBytes);
  for (int i = 0; i < 4; ++i)
    ASSERT_EQ(Call(Method::kPost, upload, file, &c.lead).status, 201) << i;
  const int64_t bytes = StoredBytes(*store_, c.org);
  EXPECT_EQ(bytes, 4 * static_cast<int64_t>(kMaxEvidenceFileBytes));
  const int64_t audit = AuditEntries();
  const size_t items =
      Body(Call(Method::kGet, "/api/v1/applications/" + id, "", &c.lead))["evidence"].size();

  Response fifth = Call(Method::kPost, upload, file, &c.lead);
  EXPECT_EQ(fifth.status, 409) << fifth.body;
  EXPECT_EQ(Body(fifth)["error"]["code"], "quota_exceeded");
  const std::string message = Body(fifth)["error"]["message"];
  EXPECT_NE(message.find("100 MB"), std::string::npos) << message;
  EXPECT_NE(message.find("administrator"), std::string::npos) << message;
  EXPECT_EQ(StoredBytes(*store_, c.org), bytes);
  EXPECT_EQ(AuditEntries(), audit);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/applications/" + id, "", &c.lead))["evidence"].size(),
            items);
  // A small file still fits in what is left.
  EXPECT_EQ(Call(Method::kPost, upload, Pdf(1000), &c.lead).status, 201);
}

class QuotaTest : public ApiTest {
 protected:
  void Configure(app::PlatformOptions& options) override {
    app::Quotas& q = options.quotas;
    q.storage_bytes = 5'000'000;
    q.evidence_files = 2;
    q.record_versions = 3;
    q.surveys = 2;
    q.responses_per_survey = 2;
    q.members = 3;
    q.invitations = 3;
    q.scopes = 2;
    q.applications = 1;
    q.evidence_items_per_application = 3;
    q.organisations_per_user = 2;
  }

  // A survey of one scale question, in a new organisation of `lead`'s.
  json CreateSurvey(Session& lead) {
    const std::string org = CreateOrganisation(lead, "Riverside");
    static constexpr char kSurvey[] =
        R"({"title": "S", "questions": [{"id": "score", "type": "scale", "text": "0-10"}]})";
    return Body(Call(Method::kPost, "/api/v1/organisations/" + org + "/surveys", kSurvey, &lead));
  }

  // Expects the call to be refused at a quota, naming the limit.
  void ExpectQuota(const Response& r, const std::string& words) {
    EXPECT_EQ(r.status, 409) << r.body;
    const json b = Body(r);
    EXPECT_EQ(b["error"]["code"], "quota_exceeded") << r.body;
    EXPECT_NE(b["error"]["message"].get<std::string>().find(words), std::string::npos) << r.body;
  }
};

TEST_F(QuotaTest, EachCountStopsAtItsLimitAndARefusalChangesNothing) {
  Session lead = SignUp("lead@example.org", "Lead");
  const std::string org = CreateOrganisation(lead, "Riverside");
  const std::string base = "/api/v1/organisations/" + org;

  // Organisations an account may belong to: 2.
  CreateOrganisation(lead, "Second");
  ExpectQuota(Call(Method::kPost, "/api/v1/organisations",
                   json{{"name", "Third"},
                        {"legal_structure", "charity"},
                        {"sector", "health"},
                        {"size_band", "small"},
                        {"area", "Leeds"}}
                       .dump(),
                   &lead),
              "at most 2 organisations");

  // Scopes: 2.
  for (int i = 0; i < 2; ++i)
    EXPECT_EQ(
        Call(Method::kPost, base + "/scopes", R"({"kind": "project", "name": "S"})", &lead).status,
        201);
  ExpectQuota(Call(Method::kPost, base + "/scopes", R"({"kind": "project", "name": "S"})", &lead),
              "quota of 2 scopes");

  // Invitations: 3 sent in all (a revoked one still counts); members: 3.
  auto invite = [&](int n) {
    return Call(Method::kPost, base + "/invitations",
                json{{"email", fmt::format("p{}@example.org", n)}, {"role", "member"}}.dump(),
                &lead);
  };
  Join(lead, org, "m1@example.org", "member");
  Join(lead, org, "m2@example.org", "member");
  ExpectQuota(invite(3), "quota of 3 members");

  // Record versions (impact maps, pledges, ...): 3 in all.
  const std::string map = ReadMap();
  const std::string map_id = Body(Call(Method::kPost, base + "/impact-maps", map, &lead))["id"];
  json edited = json::parse(map);
  edited["version"] = 1;
  EXPECT_EQ(Call(Method::kPut, "/api/v1/impact-maps/" + map_id, edited.dump(), &lead).status, 200);
  edited["version"] = 2;
  EXPECT_EQ(Call(Method::kPut, "/api/v1/impact-maps/" + map_id, edited.dump(), &lead).status, 200);
  const int64_t audit = AuditEntries();
  edited["version"] = 3;
  ExpectQuota(Call(Method::kPut, "/api/v1/impact-maps/" + map_id, edited.dump(), &lead),
              "quota of 3 saved record versions");
  ExpectQuota(Call(Method::kPost, base + "/impact-maps", map, &lead),
              "quota of 3 saved record versions");
  EXPECT_EQ(
      Body(Call(Method::kGet, "/api/v1/impact-maps/" + map_id + "/versions", "", &lead))["items"]
          .size(),
      3u);
  EXPECT_EQ(AuditEntries(), audit);

  // Surveys: 2.
  static constexpr char kSurvey[] =
      R"({"title": "S", "questions": [{"id": "score", "type": "scale", "text": "0-10"}]})";
  for (int i = 0; i < 2; ++i)
    EXPECT_EQ(Call(Method::kPost, base + "/surveys", kSurvey, &lead).status, 201);
  ExpectQuota(Call(Method::kPost, base + "/surveys", kSurvey, &lead), "quota of 2 surveys");

  // Applications: 1.
  EXPECT_EQ(
      Call(Method::kPost, base + "/applications", R"({"scheme_id": "svmc", "level": 1})", &lead)
          .status,
      201);
}

TEST_F(QuotaTest, EvidenceFilesItemsAndBytesStopAtTheirLimits) {
  Certifiable c = MakeCertifiable();
  const std::string id = Body(Post("/organisations/" + c.org + "/applications", c.lead,
                                   {{"scheme_id", "svmc"}, {"level", 1}}))["id"];
  // A second application is over the quota of one.
  ExpectQuota(Post("/organisations/" + c.org + "/applications", c.lead,
                   {{"scheme_id", "svqm"}, {"level", 1}}),
              "quota of 1 certification applications");
  const std::string upload =
      "/api/v1/applications/" + id + "/evidence/file?criterion_id=svmc.1.plan.1&title=F";
  // Storage (5 MB): a 3 MB file fits, a second does not.
  EXPECT_EQ(Call(Method::kPost, upload, Pdf(3'000'000), &c.lead).status, 201);
  ExpectQuota(Call(Method::kPost, upload, Pdf(3'000'000), &c.lead), "storage quota is 5.0 MB");
  // Files: 2.
  EXPECT_EQ(Call(Method::kPost, upload, Pdf(1000), &c.lead).status, 201);
  ExpectQuota(Call(Method::kPost, upload, Pdf(1000), &c.lead), "quota of 2 evidence files");
  // Evidence items per application: 3 (links count too).
  auto link = [&] {
    return Post("/applications/" + id + "/evidence", c.lead,
                {{"criterion_id", "svmc.1.plan.1"},
                 {"kind", "link"},
                 {"title", "L"},
                 {"url", "https://example.org/a"}});
  };
  EXPECT_EQ(link().status, 201);
  ExpectQuota(link(), "at most 3 pieces of evidence");
}

TEST_F(QuotaTest, ASurveyTakesNoMoreResponsesThanItsQuotaYetRetriesAreAnswered) {
  Session lead = SignUp("lead@example.org", "Lead");
  const json survey = CreateSurvey(lead);
  auto answer = [&](const std::string& key) { return Answer(*api_, survey["token"], key); };
  EXPECT_EQ(answer("a").status, 201);
  EXPECT_EQ(answer("b").status, 201);
  Response third = answer("c");
  EXPECT_EQ(third.status, 409) << third.body;
  EXPECT_EQ(Body(third)["error"]["code"], "quota_exceeded");
  EXPECT_EQ(answer("a").status, 200);  // a retry of a stored response is still answered
  const std::string sid = survey["id"];
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/surveys/" + sid, "", &lead))["response_count"], 2);
  // An import that would go past the quota adds nothing.
  Request import;
  import.method = Method::kPost;
  import.path = "/api/v1/surveys/" + sid + "/responses/import";
  import.body = "score\n5\n";
  import.client_address = "192.0.2.9";
  import.headers = {{"content-type", "text/csv"},
                    {"cookie", std::string(kSessionCookie) + "=" + lead.cookie},
                    { "x-csrf-token",
                      lead.csrf }};
  Response imported = api_->Handle(import);
  ExpectQuota(imported, "at most 2 responses");
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/surveys/" + sid, "", &lead))["response_count"], 2);
}

// Many respondents at once, answered by writers side by side on PostgreSQL:
// a batch that counted on room another batch took meanwhile is written again,
// so the survey still holds exactly its quota.
TEST_F(QuotaTest, ResponsesArrivingAtOnceNeverPassASurveysQuota) {
  Session lead = SignUp("lead@example.org", "Lead");
  const json survey = CreateSurvey(lead);
  const std::string token = survey["token"];
  constexpr int kThreads = 8, kEach = 5;
  std::vector<int> statuses(kThreads * kEach);
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kEach; ++i) {
          Request r;
          r.method = Method::kPost;
          r.path = "/api/v1/s/" + token + "/responses";
          r.body = R"({"answers": {"score": 4}})";
          r.client_address = fmt::format("192.0.2.{}", t + 1);
          r.headers = {{"content-type", "application/json"},
                       {"idempotency-key", fmt::format("k-{}-{}", t, i)}};
          statuses[t * kEach + i] = api_->Handle(r).status;
        }
      });
    }
  }
  EXPECT_EQ(std::ranges::count(statuses, 201), 2);
  EXPECT_EQ(std::ranges::count(statuses, 409), kThreads * kEach - 2);
  const std::string sid = survey["id"];
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/surveys/" + sid, "", &lead))["response_count"], 2);
  const json listed = Body(Call(Method::kGet, "/api/v1/surveys/" + sid + "/responses", "", &lead));
  EXPECT_EQ(listed["items"].size(), 2u) << listed.dump();
}

// Every GET route that answers a list pages: walk the route table, call each
// with ?limit=1, and follow next_cursor. Lists are given two or more items
// first, so that a route that ignores the limit shows.
TEST_F(ApiTest, EveryListRoutePagesWithLimitAndCursor) {
  Certifiable c = MakeCertifiable();
  const std::string base = "/api/v1/organisations/" + c.org;
  std::string scope_id;
  for (int i = 0; i < 2; ++i)
    scope_id = Body(Call(Method::kPost, base + "/scopes", R"({"kind": "project", "name": "S"})",
                         &c.lead))["id"];
  std::string invitation_token;
  for (int i = 0; i < 2; ++i) {
    const json inv = Body(Call(
        Method::kPost, base + "/invitations",
        json{{"email", fmt::format("p{}@example.org", i)}, {"role", "member"}}.dump(), &c.lead));
    const std::string url = inv["accept_url"];
    invitation_token = url.substr(url.rfind('/') + 1);
  }
  const std::string map = ReadMap();
  std::string map_id;
  for (int i = 0; i < 2; ++i)
    map_id = Body(Call(Method::kPost, base + "/impact-maps", map, &c.lead))["id"];
  json edited = json::parse(map);
  edited["version"] = 1;
  ASSERT_EQ(Call(Method::kPut, "/api/v1/impact-maps/" + map_id, edited.dump(), &c.lead).status,
            200);
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(Post("/organisations/" + c.org + "/proxies", c.lead,
                   {{"name", fmt::format("P{}", i)}, {"value", 10}, {"source", "ONS"}})
                  .status,
              201);
    EXPECT_EQ(Post("/organisations/" + c.org + "/pledges", c.lead,
                   {{"title", fmt::format("Pledge {}", i)},
                    {"owner_user_id", c.lead.user_id},
                    {"due_date", Day(30)}})
                  .status,
              201);
    EXPECT_EQ(Post("/organisations/" + c.org + "/decisions", c.lead,
                   {{"kind", "change"}, {"title", "D"}, {"rationale", "Because"}})
                  .status,
              201);
  }
  static constexpr char kSurvey[] =
      R"({"title": "S", "questions": [{"id": "score", "type": "scale", "text": "0-10"}]})";
  json survey;
  for (int i = 0; i < 2; ++i)
    survey = Body(Call(Method::kPost, base + "/surveys", kSurvey, &c.lead));
  for (const char* key : {"k1", "k2"}) ASSERT_EQ(Answer(*api_, survey["token"], key).status, 201);
  const std::string app_id = Body(Post("/organisations/" + c.org + "/applications", c.lead,
                                       {{"scheme_id", "svmc"}, {"level", 1}}))["id"];
  EvidenceForAll(c.lead, app_id);
  ASSERT_EQ(Post("/applications/" + app_id + "/terms", c.lead).status, 200);
  ASSERT_EQ(Post("/applications/" + app_id + "/sign-off", c.lead, kSignature).status, 200);
  ASSERT_EQ(Post("/applications/" + app_id + "/sign-off", c.senior, kSignature).status, 200);
  ASSERT_EQ(Post("/applications/" + app_id + "/submit", c.lead).status, 200);
  EXPECT_EQ(
      Call(Method::kPost, "/api/v1/rounds",
           json{{"name", "Later"}, {"opens_on", Day(60)}, {"closes_on", Day(73)}}.dump(), &c.admin)
          .status,
      201);

  const json openapi = Body(Call(Method::kGet, "/api/v1/openapi.json"));
  // Each route's parameters: by the collection a route starts with, then by name.
  const std::pair<std::string, std::string> by_prefix[] = {
      {"/api/v1/organisations/{id}", c.org},  {"/api/v1/impact-maps/{id}", map_id},
      {"/api/v1/surveys/{id}", survey["id"]}, {"/api/v1/applications/{id}", app_id},
      {"/api/v1/s/{token}", survey["token"]}, {"/api/v1/invitations/{token}", invitation_token}};
  const std::pair<std::string, std::string> by_name[] = {
      {"{scope_id}", scope_id}, {"{entity_type}", "organisation"}, {"{entity_id}", c.org}};
  std::set<std::string> lists;
  for (const Route& route : api_->router().routes()) {
    if (route.method != Method::kGet) continue;
    std::string path = route.pattern;
    for (const auto& [prefix, value] : by_prefix)
      if (path.starts_with(prefix))
        path = prefix.substr(0, prefix.find('{')) + value + path.substr(prefix.size());
    for (const auto& [name, value] : by_name)
      if (size_t at = path.find(name); at != std::string::npos)
        path.replace(at, name.size(), value);
    if (path.find('{') != std::string::npos) continue;  // a record this test did not make
    std::string query = route.pattern.ends_with("/records") ? "record_kind=impact_map&" : "";
    if (route.pattern.ends_with("/eligibility") &&
        route.pattern.starts_with("/api/v1/organisations"))
      query = "scheme_id=svmc&level=1&";
    // The administrator reads every organisation's lists; the lead their own notifications.
    const Session* who = route.pattern == "/api/v1/notifications" ? &c.lead : &c.admin;
    Response whole = Call(Method::kGet, path + "?" + query + "limit=200", "", who);
    if (whole.status != 200 || whole.content_type.find("json") == std::string::npos) continue;
    const json all = json::parse(whole.body, nullptr, false);
    if (!all.is_object() || !all.contains("items")) continue;
    SCOPED_TRACE(route.pattern);
    lists.insert(route.pattern);
    const json first = Body(Call(Method::kGet, path + "?" + query + "limit=1", "", who));
    ASSERT_TRUE(first.contains("next_cursor"));
    ASSERT_LE(first["items"].size(), 1u);
    // The OpenAPI document states the paging.
    const std::string doc_path = route.pattern.substr(std::string("/api/v1").size());
    bool documented = false;
    for (const json& p : openapi["paths"][doc_path]["get"].value("parameters", json::array()))
      documented = documented || p["name"] == "limit";
    EXPECT_TRUE(documented);
    EXPECT_EQ(Call(Method::kGet, path + "?" + query + "limit=201", "", who).status, 400);
    // Lists paged by key (organisations, users, responses: "after this id")
    // take any key; those paged by position refuse one they did not give.
    const bool by_key = route.pattern == "/api/v1/organisations" ||
                        route.pattern == "/api/v1/users" ||
                        route.pattern == "/api/v1/surveys/{id}/responses";
    if (!by_key) {
      EXPECT_EQ(Call(Method::kGet, path + "?" + query + "cursor=not-a-cursor", "", who).status,
                400);
    }
    if (all["items"].size() < 2) continue;
    ASSERT_TRUE(first["next_cursor"].is_string());
    const json second = Body(Call(
        Method::kGet,
        path + "?" + query + "limit=1&cursor=" + first["next_cursor"].get<std::string>(), "", who));
    ASSERT_EQ(second["items"].size(), 1u);
    EXPECT_NE(second["items"][0], first["items"][0]);
    EXPECT_EQ(second["items"][0], all["items"][1]);
  }
  // The lists this organisation filled, at least.
  for (const char* route :
       {"/organisations/{id}/members", "/organisations/{id}/invitations",
        "/organisations/{id}/scopes", "/organisations/{id}/impact-maps",
        "/impact-maps/{id}/versions", "/organisations/{id}/proxies", "/organisations/{id}/pledges",
        "/organisations/{id}/decisions", "/organisations/{id}/surveys", "/surveys/{id}/responses",
        "/organisations/{id}/applications", "/applications", "/rounds",
        "/audit/{entity_type}/{entity_id}", "/schemes", "/users", "/outbox", "/notifications",
        "/organisations"})
    EXPECT_TRUE(lists.contains(std::string("/api/v1") + route)) << route;
  // A list of surveys leaves out their questions (GET /surveys/{id} has them).
  const json surveys = Body(Call(Method::kGet, base + "/surveys", "", &c.lead));
  ASSERT_FALSE(surveys["items"].empty());
  EXPECT_FALSE(surveys["items"][0].contains("questions"));
  EXPECT_EQ(surveys["items"][0]["question_count"], 1);
}

}  // namespace
}  // namespace valuemark::http
