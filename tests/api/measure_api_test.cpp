// The measure API through its router (no socket): LM3, impact maps with their
// calculations (checked against the CLI's golden outputs), value bank,
// pledges, decisions, self-assessment and plans.
#include "api_examples.h"
#include "api_fixture.h"
#include "formats/impact_map_json.h"
#include "http/api_helpers.h"

namespace valuemark::http {
namespace {

TEST_F(ApiTest, Lm3ForSignedInUsers) {
  const std::string file =
      R"({"income": 1000, "spend": [{"category": "wages", "amount": 500, "local_fraction": 0.5,
                               "respend_local_fraction": 0.2}]})";
  EXPECT_EQ(Call(Method::kPost, "/api/v1/lm3", file).status, 401);
  Session s = SignUp("calc@example.org");
  Response r = Call(Method::kPost, "/api/v1/lm3", file, &s);
  ASSERT_EQ(r.status, 200);
  // round2 = 250, round3 = 50 → (1000 + 250 + 50) / 1000 = 1.3
  EXPECT_DOUBLE_EQ(Body(r)["lm3"].get<double>(), 1.3);
}

TEST_F(ApiTest, ImpactMapsAnswerWhatTheCliPrints) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  const std::string base = "/api/v1/organisations/" + org;
  const std::string file = ReadSource("examples/lunch-club.json");
  Response created = Call(Method::kPost, base + "/impact-maps", file, &lead);
  ASSERT_EQ(created.status, 201) << created.body;
  json map = Body(created);
  const std::string id = map["id"];
  EXPECT_EQ(map["version"], 1);
  EXPECT_TRUE(map["scope_id"].is_null());
  // The same form as the file (with its defaults written out), plus id, version and scope_id.
  json original = json::parse(file);
  for (const char* key : {"name", "kind", "currency", "discount_rate", "stakeholders", "inputs"})
    EXPECT_EQ(map[key], original[key]) << key;
  ASSERT_EQ(map["outcomes"].size(), original["outcomes"].size());
  EXPECT_EQ(map["outcomes"][0]["quantity"], original["outcomes"][0]["quantity"]);

  const std::string maps = "/api/v1/impact-maps/" + id;
  EXPECT_EQ(Body(Call(Method::kGet, maps + "/results", "", &lead)),
            json::parse(ReadSource("tests/cli/golden/sroi-lunch-club-json/stdout")));
  EXPECT_EQ(Body(Call(Method::kGet, maps + "/lint", "", &lead)),
            json::parse(ReadSource("tests/cli/golden/lint-lunch-club-json/stdout")));
  json mc = Body(Call(Method::kGet, maps + "/montecarlo?draws=2000&seed=7", "", &lead));
  EXPECT_EQ(mc["draws"], 2000);
  EXPECT_EQ(mc["seed"], 7);
  EXPECT_TRUE(mc.contains("probability_ratio_above_1"));
  // A pure function of (map, draws, seed).
  EXPECT_EQ(Body(Call(Method::kGet, maps + "/montecarlo?draws=2000&seed=7", "", &lead)), mc);
  json sens = Body(Call(Method::kGet, maps + "/sensitivity?delta=0.2", "", &lead));
  EXPECT_TRUE(sens.contains("tornado"));

  // PUT makes version 2; version 1 stays readable.
  json edited = map;
  edited["outcomes"][1]["quantity"] = 90;
  Response put = Call(Method::kPut, maps, edited.dump(), &lead);
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(Body(put)["version"], 2);
  EXPECT_EQ(Body(Call(Method::kGet, maps + "?version=1", "", &lead))["outcomes"][1]["quantity"],
            40);
  EXPECT_EQ(Body(Call(Method::kGet, maps, "", &lead))["outcomes"][1]["quantity"], 90);
  EXPECT_NE(Body(Call(Method::kGet, maps + "/results", "", &lead))["sroi_ratio"],
            Body(Call(Method::kGet, maps + "/results?version=1", "", &lead))["sroi_ratio"]);
  json versions = Body(Call(Method::kGet, maps + "/versions", "", &lead));
  ASSERT_EQ(versions["items"].size(), 2u);
  EXPECT_EQ(versions["items"][0]["version"], 2);
  // Saving over version 1 again is a conflict, and changes nothing.
  Response stale = Call(Method::kPut, maps, edited.dump(), &lead);
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(Body(stale)["error"]["field"], "version");
  EXPECT_EQ(Body(Call(Method::kGet, maps + "/versions", "", &lead))["items"].size(), 2u);
  json list = Body(Call(Method::kGet, base + "/impact-maps", "", &lead));
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["version"], 2);
  // Every save is in the audit trail.
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/audit/impact_map/" + id, "", &lead))["items"].size(),
            2u);

  // The editor's one-round-trip analysis of an unsaved map.
  json analysis =
      Body(Call(Method::kPost, "/api/v1/impact-maps/calculate?draws=1000", file, &lead));
  EXPECT_EQ(analysis["results"],
            json::parse(ReadSource("tests/cli/golden/sroi-lunch-club-json/stdout")));
  EXPECT_EQ(analysis["montecarlo"]["draws"], 1000);
  // CSV out and back in gives the same map.
  Response csv = Call(Method::kGet, maps + "/export.csv", "", &lead);
  ASSERT_EQ(csv.status, 200);
  Request import;
  import.method = Method::kPost;
  import.path = "/api/v1/impact-maps/import-csv";
  import.body = csv.body;
  import.headers["content-type"] = "text/csv";
  import.headers["cookie"] = std::string(kSessionCookie) + "=" + lead.cookie;
  import.headers["x-csrf-token"] = lead.csrf;
  Response back = api_->Handle(import);
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(Body(back)["outcomes"][1]["quantity"], 90);

  // A workbook, as the browser uploads it, reads as the command line reads it.
  import.path = "/api/v1/impact-maps/import-xlsx";
  import.body = ReadSource("examples/lunch-club.xlsx");
  import.headers["content-type"] = kXlsxType;
  Response book = api_->Handle(import);
  ASSERT_EQ(book.status, 200) << book.body;
  EXPECT_EQ(Body(book), formats::ImpactMapToJson(
                            *formats::ParseImpactMap(ReadSource("examples/lunch-club.json"))))
      << "examples/lunch-club.xlsx is the JSON example as a workbook";
  // Not a workbook, or not said to be one: a plain error, nothing saved.
  import.body = csv.body;
  Response not_a_book = api_->Handle(import);
  EXPECT_EQ(not_a_book.status, 400) << not_a_book.body;
  import.body = ReadSource("examples/lunch-club.xlsx");
  import.headers["content-type"] = "text/csv";
  Response wrong_type = api_->Handle(import);
  EXPECT_EQ(wrong_type.status, 400);
  EXPECT_NE(Body(wrong_type)["error"]["message"].get<std::string>().find("XLSX workbook"),
            std::string::npos);
}

TEST_F(ApiTest, ImpactMapBadInputNamesTheFieldAndChangesNothing) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  const std::string base = "/api/v1/organisations/" + org;
  json map = json::parse(ReadSource("examples/lunch-club.json"));
  json bad = map;
  bad["outcomes"][0]["deadweight"] = 1.5;
  Response r = Call(Method::kPost, base + "/impact-maps", bad.dump(), &lead);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Body(r)["error"]["field"], "outcomes[0].deadweight");
  json unknown_scope = map;
  unknown_scope["scope_id"] = "nope";
  r = Call(Method::kPost, base + "/impact-maps", unknown_scope.dump(), &lead);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Body(r)["error"]["field"], "scope_id");
  EXPECT_EQ(Body(Call(Method::kGet, base + "/impact-maps", "", &lead))["items"].size(), 0u);

  const std::string id = Body(Call(Method::kPost, base + "/impact-maps", map.dump(), &lead))["id"];
  const std::string maps = "/api/v1/impact-maps/" + id;
  r = Call(Method::kPut, maps, bad.dump(), &lead);
  EXPECT_EQ(r.status, 400);
  json other_id = map;
  other_id["id"] = "someone-else";
  EXPECT_EQ(Body(Call(Method::kPut, maps, other_id.dump(), &lead))["error"]["field"], "id");
  EXPECT_EQ(Body(Call(Method::kGet, maps + "/versions", "", &lead))["items"].size(), 1u);
  for (const char* q : {"/montecarlo?draws=0", "/montecarlo?draws=1000001", "/montecarlo?seed=x",
                        "/sensitivity?delta=2", "/results?version=0"}) {
    Response bad_query = Call(Method::kGet, maps + q, "", &lead);
    EXPECT_EQ(bad_query.status, 400) << q;
    EXPECT_TRUE(Body(bad_query)["error"].contains("field")) << q;
  }
  EXPECT_EQ(Call(Method::kGet, maps + "?version=9", "", &lead).status, 404);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/impact-maps/missing", "", &lead).status, 404);
}

TEST_F(ApiTest, ValueBankNeedsASourceForEveryProxy) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  const std::string base = "/api/v1/organisations/" + org;
  Response r =
      Call(Method::kPost, base + "/proxies", R"({"name": "Gym membership", "value": 300})", &lead);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Body(r)["error"]["field"], "source");
  r = Call(
      Method::kPost, base + "/proxies",
      R"({"name": "Gym membership", "value": 300, "unit": "per person per year", "source": "Leisure centre prices 2026"})",
      &lead);
  ASSERT_EQ(r.status, 201) << r.body;
  auto import = [&](const std::string& csv) {
    Request q;
    q.method = Method::kPost;
    q.path = base + "/proxies/import";
    q.body = csv;
    q.headers["content-type"] = "text/csv";
    q.headers["cookie"] = std::string(kSessionCookie) + "=" + lead.cookie;
    q.headers["x-csrf-token"] = lead.csrf;
    return api_->Handle(q);
  };
  // One bad row: nothing is imported, and the error names the row and column.
  r = import(
      "name,value,unit,source\nBus pass,600,per person per year,Fares 2026\nCounselling,x,per "
      "session,\n");
  EXPECT_EQ(r.status, 400);
  std::vector<std::string> fields;
  const json error = Body(r)["error"];
  for (const json& f : error["fields"]) fields.push_back(f["field"]);
  EXPECT_EQ(fields, (std::vector<std::string>{"rows[2].value", "rows[2].source"}));
  EXPECT_EQ(Body(Call(Method::kGet, base + "/proxies", "", &lead))["items"].size(), 1u);
  r = import(
      "name,value,unit,source\nBus pass,600,per person per year,Fares 2026\nCounselling,45,per "
      "session,NHS tariff\n");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Body(r)["items"].size(), 2u);
  EXPECT_EQ(Body(Call(Method::kGet, base + "/proxies", "", &lead))["items"].size(), 3u);
  json found = Body(Call(Method::kGet, base + "/proxies?q=nhs", "", &lead));
  ASSERT_EQ(found["items"].size(), 1u);
  EXPECT_EQ(found["items"][0]["name"], "Counselling");
  EXPECT_EQ(found["items"][0]["value"], 45);
}

TEST_F(ApiTest, AProxyIsCorrectedAsANewVersionThatKeepsTheOldValue) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  Session member = Join(lead, org, "member@example.org", "member");
  Session outsider = SignUp("outsider@example.org");
  CreateOrganisation(outsider, "Elsewhere");
  const std::string base = "/api/v1/organisations/" + org;
  Response r = Call(Method::kPost, base + "/proxies",
                    R"({"name": "Bus pass", "value": 600, "unit": "per person per year",
                        "source": "Fares 2024", "price_year": 2024})",
                    &lead);
  ASSERT_EQ(r.status, 201) << r.body;
  const json added = Body(r);
  EXPECT_EQ(added["currency"], "GBP");
  EXPECT_EQ(added["price_year"], 2024);
  EXPECT_EQ(added["version"], 1);
  const std::string proxy = base + "/proxies/" + added["id"].get<std::string>();

  // Bad values: each names its field in its own words, and nothing changes.
  for (const auto& [body, field, message] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {R"({"price_year": 1850})", "price_year", "must be a year from 1900 to"},
           {R"({"price_year": 2024.5})", "price_year", ""},
           {R"({"currency": "pounds"})", "currency", "three-letter currency code"},
           {R"({"value": 1e10})", "value", "must be between -1000000000 and 1000000000"},
           {R"({"source": "  "})", "source", "is required"},
           {R"({"name": "Bus\u0007pass"})", "name", ""}}) {
    r = Call(Method::kPatch, proxy, body, &member);
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_EQ(Body(r)["error"]["field"], field) << body;
    EXPECT_NE(Body(r)["error"]["message"].get<std::string>().find(message), std::string::npos)
        << r.body;
  }
  // A member corrects it: the fields given change, the others stay.
  r = Call(Method::kPatch, proxy,
           R"({"value": 650, "price_year": 2025, "currency": "gbp", "source": "Fares 2025",
               "version": 1})",
           &member);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["value"], 650);
  EXPECT_EQ(Body(r)["price_year"], 2025);
  EXPECT_EQ(Body(r)["currency"], "GBP");
  EXPECT_EQ(Body(r)["unit"], "per person per year");
  EXPECT_EQ(Body(r)["version"], 2);
  EXPECT_EQ(Body(r)["updated_by"], member.user_id);
  // Someone who saw version 1 cannot overwrite it unseen.
  r = Call(Method::kPatch, proxy, R"({"value": 700, "version": 1})", &lead);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(Body(r)["error"]["field"], "version");
  // The price year can be cleared.
  r = Call(Method::kPatch, proxy, R"({"price_year": null, "version": 2})", &lead);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(Body(r)["price_year"].is_null());
  // Every version, newest first: the old values stay readable.
  const json versions = Body(Call(Method::kGet, proxy + "/versions", "", &member));
  ASSERT_EQ(versions["items"].size(), 3u);
  EXPECT_EQ(versions["items"][0]["version"], 3);
  EXPECT_EQ(versions["items"][1]["value"], 650);
  EXPECT_EQ(versions["items"][2]["value"], 600);
  EXPECT_EQ(versions["items"][2]["source"], "Fares 2024");
  EXPECT_EQ(versions["items"][2]["price_year"], 2024);
  // The list shows the latest version only.
  const json list = Body(Call(Method::kGet, base + "/proxies", "", &member));
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["version"], 3);
  // Another organisation's people see and change nothing of it.
  EXPECT_EQ(Call(Method::kPatch, proxy, R"({"value": 1})", &outsider).status, 404);
  EXPECT_EQ(Call(Method::kGet, proxy + "/versions", "", &outsider).status, 404);
  EXPECT_EQ(Call(Method::kPatch, base + "/proxies/nope", R"({"value": 1})", &lead).status, 404);
  EXPECT_EQ(Call(Method::kGet, base + "/proxies/nope/versions", "", &lead).status, 404);
  // CSV import reads the price year and currency too, and names a bad one by row.
  Request q;
  q.method = Method::kPost;
  q.path = base + "/proxies/import";
  q.headers["content-type"] = "text/csv";
  q.headers["cookie"] = std::string(kSessionCookie) + "=" + lead.cookie;
  q.headers["x-csrf-token"] = lead.csrf;
  q.body = "name,value,source,price_year,currency\nMeal,4.5,Menu,2023,EUR\nBed,30,Rates,soon,\n";
  r = api_->Handle(q);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Body(r)["error"]["fields"][0]["field"], "rows[2].price_year");
  q.body = "name,value,source,price_year,currency\nMeal,4.5,Menu,2023,EUR\nBed,30,Rates,,\n";
  r = api_->Handle(q);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Body(r)["items"][0]["currency"], "EUR");
  EXPECT_EQ(Body(r)["items"][0]["price_year"], 2023);
  EXPECT_EQ(Body(r)["items"][1]["currency"], "GBP");
  EXPECT_TRUE(Body(r)["items"][1]["price_year"].is_null());
}

TEST_F(ApiTest, Lm3CalculationsAreSavedWithTheirHistory) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  Session member = Join(lead, org, "member@example.org", "member");
  Session outsider = SignUp("outsider@example.org");
  CreateOrganisation(outsider, "Elsewhere");
  const std::string base = "/api/v1/organisations/" + org + "/lm3";
  EXPECT_EQ(Body(Call(Method::kGet, base, "", &member))["items"].size(), 0u);
  // Income 1,000; wages 500, half local, a fifth of that re-spent locally:
  // rounds 1,000 + 250 + 50, LM3 = 1,300 / 1,000 = 1.3.
  json body = {{"name", "Café 2025"},
               {"area", "Leeds"},
               {"period", "April 2025 to March 2026"},
               {"income", 1000},
               {"spend",
                {{{"category", "wages"},
                  {"amount", 500},
                  {"local_fraction", 0.5},
                  {"respend_local_fraction", 0.2}}}}};
  // Bad input: each problem named, nothing saved.
  json bad = body;
  bad["name"] = " ";
  bad["spend"][0]["local_fraction"] = 1.5;
  bad["period"] = "line\nbreak";
  Response r = Call(Method::kPost, base, bad.dump(), &member);
  ASSERT_EQ(r.status, 400);
  const json refused = Body(r);
  std::set<std::string> fields;
  for (const json& f : refused["error"]["fields"]) fields.insert(f["field"].get<std::string>());
  EXPECT_TRUE(fields.contains("spend[0].local_fraction")) << r.body;
  r = Call(Method::kPost, base, json{{"name", " "}, {"income", 1}, {"spend", json::array()}}.dump(),
           &member);
  EXPECT_EQ(Body(r)["error"]["field"], "name") << r.body;
  bad = body;
  bad["period"] = "line\nbreak";
  EXPECT_EQ(Body(Call(Method::kPost, base, bad.dump(), &member))["error"]["field"], "period");
  EXPECT_EQ(Body(Call(Method::kGet, base, "", &member))["items"].size(), 0u);

  r = Call(Method::kPost, base, body.dump(), &member);
  ASSERT_EQ(r.status, 201) << r.body;
  const json saved = Body(r);
  EXPECT_DOUBLE_EQ(saved["lm3"].get<double>(), 1.3);
  EXPECT_DOUBLE_EQ(saved["result"]["round2"].get<double>(), 250);
  EXPECT_DOUBLE_EQ(saved["result"]["round3"].get<double>(), 50);
  EXPECT_EQ(saved["period"], "April 2025 to March 2026");
  EXPECT_EQ(saved["input"]["spend"][0]["category"], "wages");
  EXPECT_EQ(saved["version"], 1);
  const std::string one = base + "/" + saved["id"].get<std::string>();

  // A second version: more spent locally. A stale version is refused.
  body["spend"][0]["local_fraction"] = 0.8;
  body["version"] = 1;
  r = Call(Method::kPut, one, body.dump(), &lead);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_DOUBLE_EQ(Body(r)["lm3"].get<double>(), 1 + 0.4 + 0.08);
  EXPECT_EQ(Body(r)["version"], 2);
  EXPECT_EQ(Call(Method::kPut, one, body.dump(), &member).status, 409);

  // The history: each version with its own result.
  const json versions = Body(Call(Method::kGet, one + "/versions", "", &member));
  ASSERT_EQ(versions["items"].size(), 2u);
  EXPECT_DOUBLE_EQ(versions["items"][0]["lm3"].get<double>(), 1.48);
  EXPECT_DOUBLE_EQ(versions["items"][1]["lm3"].get<double>(), 1.3);
  EXPECT_DOUBLE_EQ(Body(Call(Method::kGet, one + "?version=1", "", &member))["lm3"].get<double>(),
                   1.3);
  EXPECT_EQ(Call(Method::kGet, one + "?version=3", "", &member).status, 404);
  EXPECT_EQ(Body(Call(Method::kGet, base, "", &member))["items"].size(), 1u);

  // Nobody outside the organisation reads or changes it.
  EXPECT_EQ(Call(Method::kGet, one, "", &outsider).status, 404);
  EXPECT_EQ(Call(Method::kPut, one, body.dump(), &outsider).status, 404);
  EXPECT_EQ(Call(Method::kGet, base, "", &outsider).status, 404);
  EXPECT_EQ(Call(Method::kGet, base + "/nope", "", &lead).status, 404);
}

TEST_F(ApiTest, PledgesHaveOwnersDueDatesOverdueFlagsAndReminders) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  Session member = Join(lead, org, "member@example.org", "member");
  const std::string base = "/api/v1/organisations/" + org;
  auto pledge = [&](const std::string& due, const std::string& owner) {
    return Call(
        Method::kPost, base + "/pledges",
        json{{"title", "Ask our members what changed"}, {"owner_user_id", owner}, {"due_date", due}}
            .dump(),
        &member);
  };
  // Beyond 12 months, in the past, not a member: refused, nothing stored.
  EXPECT_EQ(Body(pledge(Day(400), member.user_id))["error"]["field"], "due_date");
  EXPECT_EQ(Body(pledge(Day(-1), member.user_id))["error"]["field"], "due_date");
  EXPECT_EQ(Body(pledge(Day(30), "stranger"))["error"]["field"], "owner_user_id");
  EXPECT_EQ(Body(pledge("31/12/2026", member.user_id))["error"]["field"], "due_date");
  EXPECT_EQ(Body(Call(Method::kGet, base + "/pledges", "", &lead))["items"].size(), 0u);

  Response soon = pledge(Day(7), member.user_id);
  ASSERT_EQ(soon.status, 201) << soon.body;
  json p = Body(soon);
  EXPECT_EQ(p["status"], "open");
  EXPECT_EQ(p["overdue"], false);
  ASSERT_EQ(pledge(Day(200), lead.user_id).status, 201);
  Response progress = Call(Method::kPatch, base + "/pledges/" + p["id"].get<std::string>(),
                           json{{"progress", 40}, {"version", 1}}.dump(), &member);
  ASSERT_EQ(progress.status, 200) << progress.body;
  EXPECT_EQ(Body(progress)["progress"], 40);
  EXPECT_EQ(Body(progress)["version"], 2);
  EXPECT_EQ(Call(Method::kPatch, base + "/pledges/" + p["id"].get<std::string>(),
                 json{{"progress", 101}}.dump(), &member)
                .status,
            400);
  EXPECT_EQ(Call(Method::kPatch, base + "/pledges/" + p["id"].get<std::string>(),
                 json{{"progress", 50}, {"version", 1}}.dump(), &member)
                .status,
            409);
  // Only the pledge due within 14 days gets a reminder, queued in the outbox.
  EXPECT_EQ(Call(Method::kPost, base + "/pledges/reminders", "", &member).status, 403);
  Response reminders = Call(Method::kPost, base + "/pledges/reminders", "", &lead);
  ASSERT_EQ(reminders.status, 202) << reminders.body;
  EXPECT_EQ(Body(reminders)["queued"], 1);
  std::vector<app::OutboxMessage> outbox;
  ASSERT_TRUE(store_
                  ->Read([&](app::Transaction& tx) -> Result<void> {
                    auto m = tx.ListUnsentMessages(10);
                    if (!m) return Fail(m.error());
                    outbox = *m;
                    return {};
                  })
                  .has_value());
  bool reminded = false;
  for (const auto& m : outbox)
    reminded |= m.to == "member@example.org" && m.subject.find("Pledge") != std::string::npos;
  EXPECT_TRUE(reminded);
}

TEST_F(ApiTest, DecisionsNameTheMapVersionAndWhoDecided) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  Session member = Join(lead, org, "member@example.org", "member");
  const std::string base = "/api/v1/organisations/" + org;
  const std::string map_id = Body(Call(Method::kPost, base + "/impact-maps",
                                       ReadSource("examples/lunch-club.json"), &lead))["id"];
  json decision = {{"kind", "scale_up"},
                   {"title", "Run a second lunch club"},
                   {"rationale", "Ratio above 2:1 and members asked for it"},
                   {"impact_map_id", map_id},
                   {"impact_map_version", 1}};
  EXPECT_EQ(Call(Method::kPost, base + "/decisions", decision.dump(), &member).status, 403);
  json bad = decision;
  bad["kind"] = "grow";
  EXPECT_EQ(Body(Call(Method::kPost, base + "/decisions", bad.dump(), &lead))["error"]["field"],
            "kind");
  bad = decision;
  bad["impact_map_version"] = 5;
  EXPECT_EQ(Body(Call(Method::kPost, base + "/decisions", bad.dump(), &lead))["error"]["field"],
            "impact_map_version");
  bad = decision;
  bad["decided_by"] = "stranger";
  EXPECT_EQ(Body(Call(Method::kPost, base + "/decisions", bad.dump(), &lead))["error"]["field"],
            "decided_by");
  EXPECT_EQ(Body(Call(Method::kGet, base + "/decisions", "", &lead))["items"].size(), 0u);
  Response r = Call(Method::kPost, base + "/decisions", decision.dump(), &lead);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Body(r)["decided_by"], lead.user_id);
  EXPECT_EQ(Body(r)["impact_map"]["version"], 1);
  json list = Body(Call(Method::kGet, base + "/decisions", "", &member));
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["kind"], "scale_up");
  EXPECT_TRUE(list["items"][0]["survey_id"].is_null());

  // A decision can cite the survey whose results motivated it, but only one of
  // the organisation's own.
  const std::string survey_id = Body(
      Call(Method::kPost, base + "/surveys",
           R"({"title": "Members", "questions": [{"id": "q", "type": "scale", "text": "0-10"}]})",
           &lead))["id"];
  Session stranger = SignUp("stranger@example.org");
  const std::string theirs = CreateOrganisation(stranger, "Elsewhere");
  const std::string their_survey = Body(
      Call(Method::kPost, "/api/v1/organisations/" + theirs + "/surveys",
           R"({"title": "Theirs", "questions": [{"id": "q", "type": "scale", "text": "0-10"}]})",
           &stranger))["id"];
  json cited = {
      {"kind", "change"}, {"title", "Move to Tuesdays"}, {"rationale", "Members said so"}};
  cited["survey_id"] = their_survey;
  Response refused = Call(Method::kPost, base + "/decisions", cited.dump(), &lead);
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(Body(refused)["error"]["field"], "survey_id");
  EXPECT_EQ(Body(Call(Method::kGet, base + "/decisions", "", &lead))["items"].size(), 1u);
  cited["survey_id"] = survey_id;
  Response made = Call(Method::kPost, base + "/decisions", cited.dump(), &lead);
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(Body(made)["survey_id"], survey_id);
  EXPECT_TRUE(Body(made)["impact_map"].is_null());

  // A decision is corrected, not re-entered: the fields given change, as a new
  // version; who first recorded it stays; the old text is in the audit trail.
  const std::string id = Body(r)["id"];
  const std::string one = base + "/decisions/" + id;
  EXPECT_EQ(Body(r)["version"], 1);
  const int64_t before = AuditEntries();
  EXPECT_EQ(Call(Method::kPatch, one, R"({"title": "Later"})", &member).status, 403);
  EXPECT_EQ(Call(Method::kPatch, one, R"({"title": "Later"})", &stranger).status, 404);
  EXPECT_EQ(Call(Method::kPatch, base + "/decisions/nope", R"({"title": "Later"})", &lead).status,
            404);
  for (const auto& [bad_body, field] :
       {std::pair{R"({"decided_on": "2024-02-30"})", "decided_on"},
        std::pair{R"({"decided_on": "2030-03-14"})", "decided_on"},  // the clock says 03-12
        std::pair{R"({"title": ""})", "title"}, std::pair{R"({"kind": "grow"})", "kind"},
        std::pair{R"({"decided_by": "stranger"})", "decided_by"},
        std::pair{R"({"title": "x", "version": 7})", "version"}}) {
    Response no = Call(Method::kPatch, one, bad_body, &lead);
    EXPECT_GE(no.status, 400) << bad_body;
    EXPECT_EQ(Body(no)["error"]["field"], field) << no.body;
  }
  EXPECT_EQ(AuditEntries(), before);
  json fix = {{"decided_on", "2030-02-01"}, {"decided_by", member.user_id}, {"version", 1}};
  Response fixed = Call(Method::kPatch, one, fix.dump(), &lead);
  ASSERT_EQ(fixed.status, 200) << fixed.body;
  EXPECT_EQ(Body(fixed)["version"], 2);
  EXPECT_EQ(Body(fixed)["decided_on"], "2030-02-01");
  EXPECT_EQ(Body(fixed)["decided_by"], member.user_id);
  EXPECT_EQ(Body(fixed)["title"], "Run a second lunch club");  // not given: kept
  EXPECT_EQ(Body(fixed)["impact_map"]["version"], 1);
  EXPECT_EQ(Body(fixed)["recorded_by"], lead.user_id);
  EXPECT_EQ(Body(fixed)["recorded_at"], Body(r)["recorded_at"]);
  EXPECT_EQ(AuditEntries(), before + 1);
  const json trail = Body(Call(Method::kGet, "/api/v1/audit/decision/" + id, "", &lead));
  EXPECT_EQ(trail["items"].back()["action"], "decision.update") << trail.dump();
  json listed;
  const json all = Body(Call(Method::kGet, base + "/decisions", "", &lead));
  for (const json& x : all["items"])
    if (x["id"] == id) listed = x;
  EXPECT_EQ(listed["version"], 2);
  EXPECT_EQ(listed["decided_on"], "2030-02-01");
  EXPECT_EQ(Call(Method::kPatch, one, R"({"title": "Again", "version": 1})", &lead).status, 409);
}

TEST_F(ApiTest, SelfAssessmentScoresAdvisesAndTracksChange) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  Session member = Join(lead, org, "member@example.org", "member");
  const std::string base = "/api/v1/organisations/" + org;
  const json questions = Body(Call(Method::kGet, "/api/v1/self-assessment/questions", "", &member));
  ASSERT_EQ(questions["stages"].size(), 8u);
  for (const json& stage : questions["stages"]) {
    EXPECT_GE(stage["questions"].size(), 3u);
    EXPECT_LE(stage["questions"].size(), 6u);
  }
  // Bad answers: every problem named, nothing stored.
  json bad = AllAnswers(questions, 2, false);
  bad["answers"]["involve-who"] = 5;
  bad["answers"].erase("verify-act");
  bad["answers"]["made-up"] = 1;
  Response r = Call(Method::kPost, base + "/self-assessments", bad.dump(), &member);
  ASSERT_EQ(r.status, 400);
  std::vector<std::string> fields;
  const json error = Body(r)["error"];
  for (const json& f : error["fields"]) fields.push_back(f["field"]);
  EXPECT_EQ(fields, (std::vector<std::string>{"answers.involve-who", "answers.verify-act",
                                              "answers.made-up"}));
  EXPECT_EQ(Body(Call(Method::kGet, base + "/self-assessments", "", &lead))["items"].size(), 0u);

  r = Call(Method::kPost, base + "/self-assessments", AllAnswers(questions, 1, false).dump(),
           &member);
  ASSERT_EQ(r.status, 201) << r.body;
  json first = Body(r);
  EXPECT_EQ(first["principles"].size(), 7u);
  EXPECT_DOUBLE_EQ(first["overall"].get<double>(), 25);
  EXPECT_TRUE(first["principles"][0]["weak"].get<bool>());
  EXPECT_TRUE(first["principles"][0]["advice"].is_string());
  EXPECT_TRUE(first["change"].is_null());
  EXPECT_TRUE(first["readiness"][0]["ready"].get<bool>());   // SVQM level 1 at 25
  EXPECT_FALSE(first["readiness"][1]["ready"].get<bool>());  // SVQM level 2 needs 50

  // The lead switches on the eighth principle: it must now be answered.
  EXPECT_EQ(Call(Method::kPut, base + "/self-assessment-settings",
                 R"({"include_responsive": true})", &member)
                .status,
            403);
  ASSERT_EQ(Call(Method::kPut, base + "/self-assessment-settings",
                 R"({"include_responsive": true})", &lead)
                .status,
            200);
  r = Call(Method::kPost, base + "/self-assessments", AllAnswers(questions, 3, false).dump(),
           &member);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Body(r)["error"]["fields"][0]["field"], "answers.responsive-decide");
  r = Call(Method::kPost, base + "/self-assessments", AllAnswers(questions, 3, true).dump(),
           &member);
  ASSERT_EQ(r.status, 201) << r.body;
  json second = Body(r);
  EXPECT_EQ(second["principles"].size(), 8u);
  EXPECT_DOUBLE_EQ(second["overall"].get<double>(), 75);
  EXPECT_DOUBLE_EQ(second["change"]["overall"].get<double>(), 50);
  EXPECT_DOUBLE_EQ(second["change"]["principles"]["involve"].get<double>(), 50);

  json history = Body(Call(Method::kGet, base + "/self-assessments", "", &lead));
  EXPECT_TRUE(history["include_responsive"].get<bool>());
  ASSERT_EQ(history["items"].size(), 2u);
  EXPECT_EQ(history["items"][0]["id"], second["id"]);
  EXPECT_EQ(
      Body(Call(Method::kGet, "/api/v1/audit/self_assessment/" + second["id"].get<std::string>(),
                "", &lead))["items"]
          .size(),
      1u);
}

TEST_F(ApiTest, PlansPerScopeAreVersionedAndChecked) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  const std::string base = "/api/v1/organisations/" + org;
  const std::string scope = Body(Call(Method::kPost, base + "/scopes",
                                      R"({"kind": "service", "name": "Lunch"})", &lead))["id"];
  const std::string plan = base + "/scopes/" + scope + "/plan";
  json empty = Body(Call(Method::kGet, plan, "", &lead));
  EXPECT_EQ(empty["version"], 0);
  EXPECT_EQ(empty["scope_name"], "Lunch");
  EXPECT_TRUE(empty["theory_of_change"].empty());

  json bad = APlan();
  bad["stakeholder_groups"][0]["group"] = "aliens";
  bad["materiality"][1]["outcome"] = "Not in the theory of change";
  bad["materiality"][0].erase("reason");
  bad["impact_questions"]["q11"] = "?";
  Response r = Call(Method::kPut, plan, bad.dump(), &lead);
  ASSERT_EQ(r.status, 400);
  std::vector<std::string> fields;
  const json error = Body(r)["error"];
  for (const json& f : error["fields"]) fields.push_back(f["field"]);
  EXPECT_EQ(fields, (std::vector<std::string>{"impact_questions.q11", "stakeholder_groups[0].group",
                                              "materiality[0].reason", "materiality[1].outcome"}));
  EXPECT_EQ(Body(Call(Method::kGet, plan, "", &lead))["version"], 0);

  json good = APlan();
  good["version"] = 0;
  r = Call(Method::kPut, plan, good.dump(), &lead);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["version"], 1);
  EXPECT_EQ(Body(r)["theory_of_change"][0]["outcomes"][1]["positive"], false);
  EXPECT_EQ(Call(Method::kPut, plan, good.dump(), &lead).status, 409);  // version 0 is stale now
  good["version"] = 1;
  good["impact_questions"]["q2"] = "Members, volunteers and families";
  ASSERT_EQ(Call(Method::kPut, plan, good.dump(), &lead).status, 200);
  EXPECT_EQ(Body(Call(Method::kGet, plan + "?version=1", "", &lead))["impact_questions"].size(),
            2u);
  EXPECT_EQ(Body(Call(Method::kGet, plan, "", &lead))["impact_questions"].size(), 3u);
  EXPECT_EQ(Body(Call(Method::kGet, plan + "/versions", "", &lead))["items"].size(), 2u);
  EXPECT_EQ(Call(Method::kGet, base + "/scopes/nope/plan", "", &lead).status, 404);
}

TEST_F(ApiTest, AMapWithErrorsCannotBeMarkedVerifiedAndItsPeriodIsOneLine) {
  Session lead = SignUp("lead@example.org");
  const std::string base = "/api/v1/organisations/" + CreateOrganisation(lead, "Home");
  json map = json::parse(ReadSource("examples/employment-support.json"));
  ASSERT_TRUE(map.contains("verification"));
  json wrong = map;
  wrong["outcomes"][0]["stakeholder"] = "nobody";  // an error of the principles check
  const int64_t before = AuditEntries();
  Response r = Call(Method::kPost, base + "/impact-maps", wrong.dump(), &lead);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(Body(r)["error"]["field"], "verification");
  EXPECT_NE(Body(r)["error"]["message"].get<std::string>().find("1 error"), std::string::npos);
  json bad_period = map;
  bad_period["period"] = "2025\n2026";
  r = Call(Method::kPost, base + "/impact-maps", bad_period.dump(), &lead);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(Body(r)["error"]["field"], "period");
  EXPECT_EQ(AuditEntries(), before);

  // The same map without the error, or with the error but no verification, is saved.
  map["period"] = "2025 to 2026";
  Response ok = Call(Method::kPost, base + "/impact-maps", map.dump(), &lead);
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(Body(ok)["period"], "2025 to 2026");
  wrong.erase("verification");
  EXPECT_EQ(Call(Method::kPost, base + "/impact-maps", wrong.dump(), &lead).status, 201);
  // Nor can an error be added to a verified map afterwards.
  json later = Body(ok);
  later["outcomes"][0]["stakeholder"] = "nobody";
  r = Call(Method::kPut, "/api/v1/impact-maps/" + later["id"].get<std::string>(), later.dump(),
           &lead);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(Body(r)["error"]["field"], "verification");
}

TEST_F(ApiTest, AMapIsArchivedAndRestoredNeverDeleted) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  Session member = Join(lead, org, "member@example.org", "member");
  Session outsider = SignUp("outsider@example.org");
  const std::string base = "/api/v1/organisations/" + org;
  const std::string file = ReadSource("examples/lunch-club.json");
  const std::string kept = Body(Call(Method::kPost, base + "/impact-maps", file, &lead))["id"];
  const std::string old = Body(Call(Method::kPost, base + "/impact-maps", file, &lead))["id"];
  const std::string archive = "/api/v1/impact-maps/" + old + "/archived";
  auto ids = [&](const std::string& query) {
    std::vector<std::string> out;
    Response r = Call(Method::kGet, base + "/impact-maps" + query, "", &lead);
    EXPECT_EQ(r.status, 200) << r.body;
    const json list = Body(r);
    for (const json& m : list["items"]) out.push_back(m["id"]);
    return out;
  };

  // Refused: bad bodies, strangers; nothing changes.
  const int64_t before = AuditEntries();
  for (const char* bad : {R"({"archived": "yes"})", R"({})", R"({"archived": true, "x": 1})"}) {
    Response r = Call(Method::kPut, archive, bad, &member);
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_EQ(Body(r)["error"]["field"], "archived");
  }
  EXPECT_EQ(Call(Method::kPut, archive, R"({"archived": true})", &outsider).status, 404);
  EXPECT_EQ(Call(Method::kPut, "/api/v1/impact-maps/nope/archived", R"({"archived": true})", &lead)
                .status,
            404);
  EXPECT_EQ(Call(Method::kGet, base + "/impact-maps?archived=maybe", "", &lead).status, 400);
  EXPECT_EQ(AuditEntries(), before);

  // A member archives it: out of the list, in the archived list, still readable, audited once.
  Response done = Call(Method::kPut, archive, R"({"archived": true})", &member);
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(Body(done), json({{"archived", true}}));
  EXPECT_EQ(ids(""), std::vector<std::string>{kept});
  EXPECT_EQ(ids("?archived=true"), std::vector<std::string>{old});
  EXPECT_EQ(Call(Method::kGet, "/api/v1/impact-maps/" + old, "", &lead).status, 200);
  EXPECT_EQ(AuditEntries(), before + 1);
  EXPECT_EQ(Call(Method::kPut, archive, R"({"archived": true})", &member).status, 200);
  EXPECT_EQ(AuditEntries(), before + 1);  // already archived: nothing to record
  const json history = Body(Call(Method::kGet, "/api/v1/audit/impact_map/" + old, "", &lead));
  EXPECT_EQ(history["items"].back()["action"], "impact_map.archive") << history.dump();

  // And back.
  ASSERT_EQ(Call(Method::kPut, archive, R"({"archived": false})", &lead).status, 200);
  EXPECT_EQ(ids("").size(), 2u);
  EXPECT_TRUE(ids("?archived=true").empty());
  EXPECT_EQ(AuditEntries(), before + 2);
}

TEST_F(ApiTest, AForecastSitsBesideItsEvaluationOutcomeByOutcome) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  Session outsider = SignUp("outsider@example.org");
  const std::string elsewhere = CreateOrganisation(outsider, "Elsewhere");
  const std::string base = "/api/v1/organisations/" + org;
  json forecast = json::parse(ReadSource("examples/lunch-club.json"));
  json evaluation = forecast;
  evaluation["kind"] = "evaluative";
  evaluation["outcomes"][1]["quantity"] = 20;
  evaluation["outcomes"].erase(evaluation["outcomes"].begin() + 2);
  const std::string f =
      Body(Call(Method::kPost, base + "/impact-maps", forecast.dump(), &lead))["id"];
  const std::string e =
      Body(Call(Method::kPost, base + "/impact-maps", evaluation.dump(), &lead))["id"];
  Response r = Call(Method::kGet, "/api/v1/impact-maps/" + f + "/compare?with=" + e, "", &lead);
  ASSERT_EQ(r.status, 200) << r.body;
  json cmp = Body(r);
  ASSERT_EQ(cmp["outcomes"].size(), forecast["outcomes"].size());
  EXPECT_EQ(cmp["outcomes"][1]["outcome"], "members-hot-meals");
  EXPECT_GT(cmp["outcomes"][1]["forecast_impact"].get<double>(),
            cmp["outcomes"][1]["evaluation_impact"].get<double>());
  EXPECT_TRUE(cmp["outcomes"][2]["evaluation_impact"].is_null());  // not found in the evaluation
  EXPECT_LT(cmp["evaluation"]["present_value"].get<double>(),
            cmp["forecast"]["present_value"].get<double>());
  // Another organisation's map is not a comparison partner, nor revealed.
  const std::string theirs =
      Body(Call(Method::kPost, "/api/v1/organisations/" + elsewhere + "/impact-maps",
                forecast.dump(), &outsider))["id"];
  r = Call(Method::kGet, "/api/v1/impact-maps/" + f + "/compare?with=" + theirs, "", &lead);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Body(r)["error"]["field"], "with");
  EXPECT_EQ(Call(Method::kGet, "/api/v1/impact-maps/" + f + "/compare", "", &lead).status, 400);
  EXPECT_EQ(
      Call(Method::kGet, "/api/v1/impact-maps/" + f + "/compare?with=" + e, "", &outsider).status,
      404);

  // Two versions of one map: a forecast that was later saved as an evaluation.
  ASSERT_EQ(Call(Method::kPut, "/api/v1/impact-maps/" + f, evaluation.dump(), &lead).status, 200);
  r = Call(Method::kGet,
           "/api/v1/impact-maps/" + f + "/compare?with=" + f + "&version=1&with_version=2", "",
           &lead);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["forecast"]["version"], 1);
  EXPECT_EQ(Body(r)["evaluation"]["version"], 2);
  EXPECT_EQ(Body(r)["outcomes"], cmp["outcomes"]);  // as the two maps compared above
  r = Call(Method::kGet, "/api/v1/impact-maps/" + f + "/compare?with=" + f + "&with_version=9", "",
           &lead);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(Body(r)["error"]["field"], "with_version");
  r = Call(Method::kGet, "/api/v1/impact-maps/" + f + "/compare?with=" + e + "&version=0", "",
           &lead);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(Body(r)["error"]["field"], "version");
}

// A stored pledge whose JSON was damaged outside the platform (a bad restore,
// a hand edit) gives a plain error on the page that lists it, never a crash
// or an internal message; a mended version reads again.
TEST_F(ApiTest, ADamagedStoredRecordIsAnErrorNotACrash) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  const std::string pledges = "/api/v1/organisations/" + org + "/pledges";
  auto store_version = [&](int64_t version, const std::string& body) {
    ASSERT_TRUE(store_
                    ->Write([&](app::Transaction& tx) -> Result<void> {
                      return tx.InsertRecordVersion(
                          {org, "pledge", "kept", version, "", "Kept", body, lead.user_id, now_});
                    })
                    .has_value());
  };
  const std::vector<std::string> damaged = {"{\"title\": \"cut short",
                                            R"({"title": 7, "due_date": []})", "[]", "1e400"};
  int64_t version = 0;
  for (const std::string& body : damaged) {
    store_version(++version, body);
    Response listed = Call(Method::kGet, pledges, "", &lead);
    EXPECT_EQ(listed.status, 500) << body;
    EXPECT_EQ(Body(listed)["error"]["code"], "internal") << listed.body;
    EXPECT_EQ(listed.body.find("json.exception"), std::string::npos) << listed.body;
    EXPECT_EQ(listed.body.find("nlohmann"), std::string::npos) << listed.body;
  }
  store_version(++version, json{{"title", "Ask our members what changed"},
                                {"owner_user_id", lead.user_id},
                                {"due_date", Day(7)}}
                               .dump());
  Response mended = Call(Method::kGet, pledges, "", &lead);
  EXPECT_EQ(mended.status, 200) << mended.body;
}

}  // namespace
}  // namespace valuemark::http
