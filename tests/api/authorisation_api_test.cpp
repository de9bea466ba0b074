// Who may call what (docs/api.md "Who may do what"): for many endpoints, the
// exact status each role gets (member, Senior Leader, Lead, assessor,
// administrator, another organisation's user, signed out). That every route
// of the table has a caller, refuses strangers and admits that caller is
// route_authorisation_test.cpp's.
#include "api_examples.h"
#include "api_fixture.h"

namespace valuemark::http {
namespace {

// Organisation, survey and certification endpoints × every role × a foreign organisation's user.
TEST_F(ApiTest, AuthorisationMatrix) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  Session senior = Join(lead, org, "senior@example.org", "senior_leader");
  Session member = Join(lead, org, "member@example.org", "member");
  Session outsider = SignUp("outsider@example.org");
  CreateOrganisation(outsider, "Elsewhere");
  Session assessor = Staff("assessor@example.org", PlatformRole::kAssessor);
  Session admin = Staff("admin@example.org", PlatformRole::kAdministrator);
  const std::map<std::string, const Session*> roles = {
      {"anonymous", nullptr}, {"member", &member},     {"senior_leader", &senior},
      {"lead", &lead},        {"assessor", &assessor}, {"administrator", &admin},
      {"outsider", &outsider}};
  const std::string base = "/api/v1/organisations/" + org;
  auto fresh_scope = [&] {
    return Body(Call(Method::kPost, base + "/scopes", R"({"kind": "project", "name": "S"})",
                     &lead))["id"]
        .get<std::string>();
  };
  auto fresh_invitation = [&] {
    static int n = 0;
    return Body(
               Call(Method::kPost, base + "/invitations",
                    json{{"email", fmt::format("x{}@example.org", n++)}, {"role", "member"}}.dump(),
                    &lead))["invitation"]["id"]
        .get<std::string>();
  };
  auto version = [&] {
    return Body(Call(Method::kGet, base, "", &lead))["version"].get<int64_t>();
  };
  static constexpr char kSurvey[] =
      R"({"title": "S", "questions": [{"id": "score", "type": "scale", "text": "0-10"}]})";
  const json survey = Body(Call(Method::kPost, base + "/surveys", kSurvey, &lead));
  const std::string survey_id = survey["id"];
  Request answer;
  answer.method = Method::kPost;
  answer.path = "/api/v1/s/" + survey["token"].get<std::string>() + "/responses";
  answer.body = R"({"answers": {"score": 4}})";
  answer.headers = {{"content-type", "application/json"}, {"idempotency-key", "matrix"}};
  const std::string response_id = Body(Send(answer))["id"];
  // An assessor sees only the organisations whose applications they assess:
  // this one is hidden from them like any other organisation's.
  auto collect = [](int ok) {
    return std::map<std::string, int>{{"anonymous", 401}, {"member", ok},    {"senior_leader", ok},
                                      {"lead", ok},       {"assessor", 404}, {"administrator", ok},
                                      {"outsider", 404}};
  };

  struct Endpoint {
    Method method;
    std::function<std::string()> path;
    std::function<std::string()> body;
    std::map<std::string, int> expected;  // role → status
  };
  const std::map<std::string, int> read = {
      {"anonymous", 401}, {"member", 200},        {"senior_leader", 200}, {"lead", 200},
      {"assessor", 404},  {"administrator", 200}, {"outsider", 404}};
  auto edit = [](int ok) {
    return std::map<std::string, int>{{"anonymous", 401}, {"member", 403},   {"senior_leader", 403},
                                      {"lead", ok},       {"assessor", 404}, {"administrator", ok},
                                      {"outsider", 404}};
  };
  const std::map<std::string, int> admin_only = {
      {"anonymous", 401}, {"member", 403},        {"senior_leader", 403}, {"lead", 403},
      {"assessor", 403},  {"administrator", 200}, {"outsider", 403}};
  auto fixed = [](std::string s) { return [s] { return s; }; };
  auto none = [] { return std::string(); };
  // A draft application: members read it, the Lead drafts, staff who are not
  // allocated to it do not see it (assessors) or may not draft (administrator).
  const std::string app =
      "/api/v1/applications/" + Body(Call(Method::kPost, base + "/applications",
                                          R"({"scheme_id": "svmc", "level": 1})", &lead))["id"]
                                    .get<std::string>();
  const std::map<std::string, int> read_application = {
      {"anonymous", 401}, {"member", 200},        {"senior_leader", 200}, {"lead", 200},
      {"assessor", 404},  {"administrator", 200}, {"outsider", 404}};
  const std::map<std::string, int> draft_application = {
      {"anonymous", 401}, {"member", 403},        {"senior_leader", 403}, {"lead", 201},
      {"assessor", 404},  {"administrator", 403}, {"outsider", 404}};
  const std::map<std::string, int> staff_queue = {
      {"anonymous", 401}, {"member", 403},        {"senior_leader", 403}, {"lead", 403},
      {"assessor", 200},  {"administrator", 200}, {"outsider", 403}};
  const std::map<std::string, int> signed_in = {
      {"anonymous", 401}, {"member", 200},        {"senior_leader", 200}, {"lead", 200},
      {"assessor", 200},  {"administrator", 200}, {"outsider", 200}};
  auto fresh_scheme = [] {
    static int version = 10;
    std::ifstream in(std::string(VALUEMARK_SOURCE_DIR) + "/data/schemes/svqm-v1.json");
    json s = json::parse(in);
    s["version"] = version++;
    return s.dump();
  };
  auto fresh_round = [this] {
    static int n = 0;
    const int start = 100 + 20 * n++;
    return json{{"name", "R"}, {"opens_on", Day(start)}, {"closes_on", Day(start + 13)}}.dump();
  };
  const std::vector<Endpoint> endpoints = {
      {Method::kGet, fixed(base), none, read},
      {Method::kGet, fixed(base + "/dashboard"), none, read},
      {Method::kGet, fixed(base + "/members"), none, read},
      {Method::kGet, fixed(base + "/scopes"), none, read},
      {Method::kGet, [&] { return base + "/scopes/" + fresh_scope(); }, none, read},
      {Method::kGet, fixed("/api/v1/audit/organisation/" + org), none, read},
      {Method::kPatch, fixed(base),
       [&] {
         return json{{"version", version()}, {"area", "York"}}.dump();
       },
       edit(200)},
      {Method::kPatch,
       fixed(base),
       [&] {
         return json{{"version", version()}, {"membership", {{"status", "active"}}}}.dump();
       },
       {{"anonymous", 401},
        {"member", 403},
        {"senior_leader", 403},
        {"lead", 403},
        {"assessor", 404},
        {"administrator", 200},
        {"outsider", 404}}},
      {Method::kPost, fixed(base + "/scopes"), fixed(R"({"kind": "service", "name": "New"})"),
       edit(201)},
      {Method::kPatch, [&] { return base + "/scopes/" + fresh_scope(); },
       fixed(R"({"name": "Renamed"})"), edit(200)},
      {Method::kDelete, [&] { return base + "/scopes/" + fresh_scope(); }, none, edit(204)},
      {Method::kGet, fixed(base + "/invitations"), none, edit(200)},
      {Method::kPost, fixed(base + "/invitations"),
       [] {
         static int n = 0;
         return json{{"email", fmt::format("new{}@example.org", n++)}, {"role", "member"}}.dump();
       },
       edit(201)},
      {Method::kDelete, [&] { return base + "/invitations/" + fresh_invitation(); }, none,
       edit(204)},
      {Method::kPut, fixed(base + "/representatives"),
       [&] {
         return json{{"lead_user_id", lead.user_id}, {"senior_leader_user_id", senior.user_id}}
             .dump();
       },
       edit(200)},
      {Method::kPatch, fixed(base + "/members/" + member.user_id), fixed(R"({"role": "member"})"),
       edit(200)},
      {Method::kGet, fixed("/api/v1/users"), none, admin_only},
      {Method::kPatch, fixed("/api/v1/users/" + outsider.user_id),
       fixed(R"({"platform_role": "none"})"), admin_only},
      {Method::kGet, fixed("/api/v1/outbox"), none, admin_only},
      {Method::kGet, fixed("/api/v1/audit/verify"), none, admin_only},
      {Method::kGet,
       fixed("/api/v1/organisations"),
       none,
       {{"anonymous", 401},
        {"member", 200},
        {"senior_leader", 200},
        {"lead", 200},
        {"assessor", 200},
        {"administrator", 200},
        {"outsider", 200}}},
      // Surveys: any member designs, the lead excludes, staff read.
      {Method::kGet, fixed(base + "/surveys"), none, read},
      {Method::kPost, fixed(base + "/surveys"), fixed(kSurvey), collect(201)},
      {Method::kGet, [&] { return "/api/v1/surveys/" + survey_id; }, none, read},
      {Method::kGet, [&] { return "/api/v1/surveys/" + survey_id + "/results"; }, none, read},
      {Method::kGet, [&] { return "/api/v1/surveys/" + survey_id + "/responses"; }, none, read},
      {Method::kGet, [&] { return "/api/v1/surveys/" + survey_id + "/responses.csv"; }, none, read},
      {Method::kPost, [&] { return "/api/v1/surveys/" + survey_id + "/responses/import"; },
       fixed("score\r\n5\r\n"), collect(200)},
      {Method::kPut,
       [&] { return "/api/v1/surveys/" + survey_id + "/responses/" + response_id + "/exclusion"; },
       fixed(R"({"reason": "a test"})"), edit(200)},
      {Method::kDelete,
       [&] { return "/api/v1/surveys/" + survey_id + "/responses/" + response_id + "/exclusion"; },
       none, edit(200)},
      {Method::kGet, fixed(base + "/applications"), none, read},
      {Method::kGet, fixed(base + "/eligibility?scheme_id=svmc&level=1"), none, read},
      {Method::kGet, fixed(app), none, read_application},
      {Method::kGet, fixed(app + "/eligibility"), none, read_application},
      {Method::kGet, fixed(app + "/fee"), none, read_application},
      {Method::kGet, fixed("/api/v1/audit/application/" + app.substr(app.rfind('/') + 1)), none,
       read_application},
      {Method::kPost, fixed(app + "/evidence"),
       fixed(
           R"({"criterion_id": "svmc.1.cc.1", "kind": "link", "title": "Policy", "url": "https://example.org/p"})"),
       draft_application},
      {Method::kGet, fixed("/api/v1/applications"), none, staff_queue},
      {Method::kGet, fixed("/api/v1/rounds"), none, signed_in},
      {Method::kPost,
       fixed("/api/v1/schemes"),
       fresh_scheme,
       {{"anonymous", 401},
        {"member", 403},
        {"senior_leader", 403},
        {"lead", 403},
        {"assessor", 403},
        {"administrator", 201},
        {"outsider", 403}}},
      {Method::kPost,
       fixed("/api/v1/rounds"),
       fresh_round,
       {{"anonymous", 401},
        {"member", 403},
        {"senior_leader", 403},
        {"lead", 403},
        {"assessor", 403},
        {"administrator", 201},
        {"outsider", 403}}},
  };
  int checked = 0;
  for (const Endpoint& e : endpoints) {
    for (const auto& [role, session] : roles) {
      const std::string path = e.path();
      const std::string body = e.body();
      Response r = path.ends_with("/import") ? CallCsv(path, body, session)
                                             : Call(e.method, path, body, session);
      EXPECT_EQ(r.status, e.expected.at(role))
          << MethodName(e.method) << " " << path << " as " << role << ": " << r.body;
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
  // The administrator sees every organisation; an assessor only those whose applications they
  // assess.
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/organisations", "", &admin))["items"].size(), 2u);
  EXPECT_TRUE(Body(Call(Method::kGet, "/api/v1/organisations", "", &assessor))["items"].empty());
}

TEST_F(ApiTest, MeasureAuthorisationMatrix) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  Session senior = Join(lead, org, "senior@example.org", "senior_leader");
  Session member = Join(lead, org, "member@example.org", "member");
  Session outsider = SignUp("outsider@example.org");
  CreateOrganisation(outsider, "Elsewhere");
  Session assessor = Staff("assessor@example.org", PlatformRole::kAssessor);
  Session admin = Staff("admin@example.org", PlatformRole::kAdministrator);
  const std::map<std::string, const Session*> roles = {
      {"anonymous", nullptr}, {"member", &member},     {"senior_leader", &senior},
      {"lead", &lead},        {"assessor", &assessor}, {"administrator", &admin},
      {"outsider", &outsider}};
  const std::string base = "/api/v1/organisations/" + org;
  const std::string file = ReadSource("examples/lunch-club.json");
  const std::string map_id = Body(Call(Method::kPost, base + "/impact-maps", file, &lead))["id"];
  const std::string maps = "/api/v1/impact-maps/" + map_id;
  const json questions = Body(Call(Method::kGet, "/api/v1/self-assessment/questions", "", &lead));
  const std::string scope_id = Body(Call(Method::kPost, base + "/scopes",
                                         R"({"kind": "project", "name": "Planned"})", &lead))["id"];
  const std::string pledge_id = Body(
      Call(Method::kPost, base + "/pledges",
           json{{"title", "T"}, {"owner_user_id", member.user_id}, {"due_date", Day(60)}}.dump(),
           &lead))["id"];
  auto latest = [&] {
    json m = Body(Call(Method::kGet, maps, "", &lead));
    return m.dump();
  };
  auto pledge_version = [&] {
    const json list = Body(Call(Method::kGet, base + "/pledges", "", &lead));
    for (const json& p : list["items"])
      if (p["id"] == pledge_id) return json{{"progress", 10}, {"version", p["version"]}}.dump();
    return std::string();
  };
  auto roles_with = [](int member_status, int lead_status, int senior_status) {
    return std::map<std::string, int>{
        {"anonymous", 401},    {"member", member_status}, {"senior_leader", senior_status},
        {"lead", lead_status}, {"assessor", 404},         {"administrator", 403},
        {"outsider", 404}};
  };
  // The assessor assesses none of this organisation's applications: it is hidden from them.
  const std::map<std::string, int> read = {
      {"anonymous", 401}, {"member", 200},        {"senior_leader", 200}, {"lead", 200},
      {"assessor", 404},  {"administrator", 200}, {"outsider", 404}};
  const std::map<std::string, int> any_session = {
      {"anonymous", 401}, {"member", 200},        {"senior_leader", 200}, {"lead", 200},
      {"assessor", 200},  {"administrator", 200}, {"outsider", 200}};
  struct Endpoint {
    Method method;
    std::string path;
    std::function<std::string()> body;
    std::map<std::string, int> expected;
  };
  auto fixed = [](std::string s) { return [s] { return s; }; };
  auto none = [] { return std::string(); };
  const std::vector<Endpoint> endpoints = {
      {Method::kGet, base + "/impact-maps", none, read},
      {Method::kPost, base + "/impact-maps", fixed(file), roles_with(201, 201, 201)},
      {Method::kGet, maps, none, read},
      {Method::kPut, maps, latest, roles_with(200, 200, 200)},
      {Method::kGet, maps + "/versions", none, read},
      {Method::kGet, maps + "/results", none, read},
      {Method::kGet, maps + "/sensitivity", none, read},
      {Method::kGet, maps + "/montecarlo?draws=100", none, read},
      {Method::kGet, maps + "/lint", none, read},
      {Method::kGet, maps + "/export.csv", none, read},
      {Method::kGet, maps + "/export.xlsx", none, read},
      {Method::kGet, maps + "/report.html", none, read},
      {Method::kGet, maps + "/report.pdf", none, read},
      {Method::kPost, "/api/v1/impact-maps/calculate?draws=100", fixed(file), any_session},
      {Method::kGet, base + "/proxies", none, read},
      {Method::kPost, base + "/proxies", fixed(R"({"name": "N", "value": 1, "source": "S"})"),
       roles_with(201, 201, 201)},
      {Method::kGet, base + "/pledges", none, read},
      {Method::kPost, base + "/pledges",
       [&] {
         return json{{"title", "T"}, {"owner_user_id", lead.user_id}, {"due_date", Day(30)}}.dump();
       },
       roles_with(201, 201, 201)},
      {Method::kPatch, base + "/pledges/" + pledge_id, pledge_version, roles_with(200, 200, 200)},
      {Method::kPost,
       base + "/pledges/reminders",
       none,
       {{"anonymous", 401},
        {"member", 403},
        {"senior_leader", 403},
        {"lead", 202},
        {"assessor", 404},
        {"administrator", 202},
        {"outsider", 404}}},
      {Method::kGet, base + "/decisions", none, read},
      {Method::kGet, "/api/v1/self-assessment/questions", none, any_session},
      {Method::kGet, base + "/scopes/" + scope_id + "/plan", none, read},
      {Method::kPut, base + "/scopes/" + scope_id + "/plan", fixed(APlan().dump()),
       roles_with(200, 200, 200)},
      {Method::kGet, base + "/scopes/" + scope_id + "/plan/versions", none, read},
      {Method::kGet, maps + "/compare?with=" + map_id, none, read},
      {Method::kGet, base + "/self-assessments", none, read},
      {Method::kPost, base + "/self-assessments",
       [&] { return AllAnswers(questions, 2, false).dump(); }, roles_with(201, 201, 201)},
      {Method::kPut,
       base + "/self-assessment-settings",
       fixed(R"({"include_responsive": false})"),
       {{"anonymous", 401},
        {"member", 403},
        {"senior_leader", 403},
        {"lead", 200},
        {"assessor", 404},
        {"administrator", 200},
        {"outsider", 404}}},
      {Method::kPost, base + "/decisions",
       fixed(R"({"kind": "stop", "title": "T", "rationale": "R"})"), roles_with(403, 201, 201)},
  };
  int checked = 0;
  for (const Endpoint& e : endpoints) {
    for (const auto& [role, session] : roles) {
      Response r = Call(e.method, e.path, e.body(), session);
      EXPECT_EQ(r.status, e.expected.at(role))
          << MethodName(e.method) << " " << e.path << " as " << role << ": " << r.body;
      if (r.status == 404) {
        EXPECT_EQ(r.body.find("Home"), std::string::npos);
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, static_cast<int>(endpoints.size() * roles.size()));
}

}  // namespace
}  // namespace valuemark::http
