// The report API through its router (no socket): the social value report of
// a map as HTML and PDF, and the map as a workbook.
#include "api_examples.h"
#include "api_fixture.h"

namespace valuemark::http {
namespace {

// Runs a command and gives what it printed on standard output.
std::string CommandOutput(const std::string& command) {
  std::string out;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[4096];
    for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
    pclose(pipe);
  }
  return out;
}

std::string HeaderOf(const Response& r, const std::string& name) {
  for (const auto& [key, value] : r.headers)
    if (key == name) return value;
  return "";
}

TEST_F(ApiTest, ReportsAndWorkbookOfAMap) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  const std::string base = "/api/v1/organisations/" + org;
  const std::string scope = Body(Call(Method::kPost, base + "/scopes",
                                      R"({"kind": "service", "name": "Lunch"})", &lead))["id"];
  ASSERT_EQ(Call(Method::kPut, base + "/scopes/" + scope + "/plan", APlan().dump(), &lead).status,
            200);
  json file = json::parse(ReadSource("examples/lunch-club.json"));
  file["scope_id"] = scope;
  file["period"] = "April 2029 to March 2030";
  const std::string map_id =
      Body(Call(Method::kPost, base + "/impact-maps", file.dump(), &lead))["id"];
  const std::string maps = "/api/v1/impact-maps/" + map_id;
  json decision = {{"kind", "scale_up"},
                   {"title", "Run a second lunch club"},
                   {"rationale", "Members asked for it"},
                   {"impact_map_id", map_id},
                   {"impact_map_version", 1}};
  ASSERT_EQ(Call(Method::kPost, base + "/decisions", decision.dump(), &lead).status, 201);
  const double ratio = Body(Call(Method::kGet, maps + "/results", "", &lead))["sroi_ratio"];
  const std::string ratio_text = fmt::format("{:.2f} : 1", ratio);

  Response html = Call(Method::kGet, maps + "/report.html", "", &lead);
  ASSERT_EQ(html.status, 200) << html.body;
  EXPECT_EQ(html.content_type, "text/html; charset=utf-8");
  for (const std::string& text :
       {std::string("Friday Lunch Club forecast 2026"), ratio_text, std::string("NOT VERIFIED"),
        std::string("Stakeholder map"), std::string("Theory of change"),
        std::string("Materiality decisions"), std::string("Run a second lunch club"),
        std::string("Organisation and scope"),
        // The cover: whose analysis, of what, over which period, saved when (the fixed clock).
        std::string(
            "<p>Home \u00b7 Lunch \u00b7 Period: April 2029 to March 2030 \u00b7 Analysis of "
            "12 Mar 2030</p>")})
    EXPECT_NE(html.body.find(text), std::string::npos) << text;
  EXPECT_EQ(html.body.find("errors in this analysis"), std::string::npos);  // it has none
  EXPECT_NE(HeaderOf(html, "Content-Security-Policy").find("default-src 'none'"),
            std::string::npos);

  // The organisation's saved LM3 calculations stand in the report once there
  // are some: income 1,000; wages 500, half local, a fifth re-spent locally:
  // rounds £1,000, £250 and £50, LM3 1.30.
  EXPECT_EQ(html.body.find("Local economic impact (LM3)"), std::string::npos);
  const json lm3 = {{"name", "Café 2029"},
                    {"area", "Leeds"},
                    {"period", "April 2029 to March 2030"},
                    {"income", 1000},
                    {"spend",
                     {{{"category", "wages"},
                       {"amount", 500},
                       {"local_fraction", 0.5},
                       {"respend_local_fraction", 0.2}}}}};
  ASSERT_EQ(Call(Method::kPost, base + "/lm3", lm3.dump(), &lead).status, 201);
  html = Call(Method::kGet, maps + "/report.html", "", &lead);
  for (const std::string& text :
       {std::string("Local economic impact (LM3)"), std::string("<th scope=\"row\">Café 2029</th>"),
        std::string("<td>Leeds</td>"), std::string("<td class=\"num\">\u00a31,000</td>"),
        std::string("<td class=\"num\">\u00a3250</td>"),
        std::string("<td class=\"num\">\u00a350</td>"), std::string("<td class=\"num\">1.30</td>")})
    EXPECT_NE(html.body.find(text), std::string::npos) << text;

  Response pdf = Call(Method::kGet, maps + "/report.pdf?version=1", "", &lead);
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.content_type, "application/pdf");
  ASSERT_TRUE(pdf.body.starts_with("%PDF"));
  EXPECT_EQ(HeaderOf(pdf, "Content-Disposition"),
            "inline; filename=\"Friday-Lunch-Club-forecast-2026-report.pdf\"");
  const std::filesystem::path pdf_path = dir_ / "report.pdf";
  std::ofstream(pdf_path, std::ios::binary) << pdf.body;
  const std::string text = CommandOutput("pdftotext -layout " + pdf_path.string() + " -");
  EXPECT_NE(text.find(ratio_text), std::string::npos) << text.substr(0, 2000);
  EXPECT_NE(text.find("NOT VERIFIED"), std::string::npos);
  EXPECT_NE(text.find("Decisions taken"), std::string::npos);
  EXPECT_NE(text.find("Stakeholder map"), std::string::npos);
  EXPECT_NE(text.find("Local economic impact (LM3)"), std::string::npos);

  Response xlsx = Call(Method::kGet, maps + "/export.xlsx", "", &lead);
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  EXPECT_EQ(xlsx.content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(HeaderOf(xlsx, "Content-Disposition"),
            "attachment; filename=\"Friday-Lunch-Club-forecast-2026.xlsx\"");
  ASSERT_TRUE(xlsx.body.starts_with("PK"));
  const std::filesystem::path xlsx_path = dir_ / "map.xlsx";
  std::ofstream(xlsx_path, std::ios::binary) << xlsx.body;
  const json read_back = json::parse(
      CommandOutput(std::string(VALUEMARK_PROGRAM) + " sroi --format json " + xlsx_path.string()));
  EXPECT_EQ(read_back["sroi_ratio"], ratio);

  // Unknown map, another organisation's user, no session, a version the map lacks.
  Session outsider = SignUp("outsider@example.org");
  for (const std::string route : {"/report.html", "/report.pdf", "/export.xlsx"}) {
    EXPECT_EQ(Call(Method::kGet, "/api/v1/impact-maps/nope" + route, "", &lead).status, 404)
        << route;
    Response foreign = Call(Method::kGet, maps + route, "", &outsider);
    EXPECT_EQ(foreign.status, 404) << route;
    EXPECT_EQ(foreign.body.find("Friday"), std::string::npos);
    EXPECT_EQ(Call(Method::kGet, maps + route).status, 401) << route;
    EXPECT_EQ(Call(Method::kGet, maps + route + "?version=9", "", &lead).status, 404) << route;
    EXPECT_EQ(Call(Method::kGet, maps + route + "?version=x", "", &lead).status, 400) << route;
  }
}

// A stored plan of the wrong shape (damaged outside the platform: every
// member of the wrong type) leaves its rows blank in the report; it never
// throws, and the rest of the report is there.
TEST_F(ApiTest, AReportOverADamagedPlanStillRenders) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  const std::string base = "/api/v1/organisations/" + org;
  const std::string scope = Body(Call(Method::kPost, base + "/scopes",
                                      R"({"kind": "service", "name": "Lunch"})", &lead))["id"];
  const json damaged = {
      {"stakeholder_groups", json::array({7, {{"name", 5}, {"subgroups", 3}}})},
      {"theory_of_change",
       json::array({{{"outcomes", json::array({{{"positive", "yes"}}, 2})}, {"outputs", 4}}, "x"})},
      {"materiality", json::array({{{"material", "maybe"}}, nullptr})}};
  ASSERT_TRUE(store_
                  ->Write([&](app::Transaction& tx) -> Result<void> {
                    return tx.InsertRecordVersion({org, "plan", scope, 1, scope, "Lunch",
                                                   damaged.dump(), lead.user_id, now_});
                  })
                  .has_value());
  json file = json::parse(ReadSource("examples/lunch-club.json"));
  file["scope_id"] = scope;
  const std::string map_id =
      Body(Call(Method::kPost, base + "/impact-maps", file.dump(), &lead))["id"];
  Response html = Call(Method::kGet, "/api/v1/impact-maps/" + map_id + "/report.html", "", &lead);
  ASSERT_EQ(html.status, 200) << html.body;
  for (const char* text : {"Friday Lunch Club forecast 2026", "Stakeholder map", "Theory of change",
                           "Materiality decisions"})
    EXPECT_NE(html.body.find(text), std::string::npos) << text;
}

}  // namespace
}  // namespace valuemark::http
