// Hardening (security review with a self-registered account): text inputs,
// CSV downloads and transport headers, through the router on a real store.
#include <strings.h>

#include "api_fixture.h"
#include "formats/csv_writer.h"
#include "http/site.h"

namespace valuemark::http {
namespace {

using InputHardening = ApiTest;

std::string FirstFieldMessage(const Response& r, const std::string& field) {
  json b = json::parse(r.body);
  for (const json& f : b["error"]["fields"])
    if (f["field"] == field) return f["message"];
  return "(no error for " + field + ") " + r.body;
}

std::string ReadExample(const std::string& name) {
  std::ifstream in(std::string(VALUEMARK_SOURCE_DIR) + "/examples/" + name);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST_F(InputHardening, NamesWithLineBreaksAreRefusedSoTheyCannotReachAnEmailHeader) {
  Response r = Call(Method::kPost, "/api/v1/auth/signup",
                    json{{"email", "eve@example.org"},
                         {"password", "correct horse battery"},
                         {"name", "Eve\r\nContent-Type: text/html\r\nReply-To: eve@evil.example"}}
                        .dump());
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(FirstFieldMessage(r, "name").find("one line"), std::string::npos) << r.body;

  Session lead = SignUp("lead@example.org", "Lead");
  Response org = Call(Method::kPost, "/api/v1/organisations",
                      json{{"name", "Riverside\nBcc: all@example.org"},
                           {"legal_structure", "charity"},
                           {"sector", "health"},
                           {"size_band", "small"}}
                          .dump(),
                      &lead);
  EXPECT_EQ(org.status, 400) << org.body;
  EXPECT_NE(FirstFieldMessage(org, "name").find("one line"), std::string::npos);
}

TEST_F(InputHardening, ControlCharactersAndDirectionOverridesAreRefusedNamingTheField) {
  Session lead = SignUp("lead@example.org", "Lead");
  const std::string org_id = CreateOrganisation(lead, "Riverside");
  auto scope = [&](const std::string& name, const std::string& description) {
    return Call(Method::kPost, fmt::format("/api/v1/organisations/{}/scopes", org_id),
                json{{"kind", "project"}, {"name", name}, {"description", description}}.dump(),
                &lead);
  };
  // Multi-line text keeps its line breaks and tabs (CRLF is read as LF).
  Response ok = scope("Youth club", "First line\r\nsecond line\n\tindented");
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(Body(ok)["description"], "First line\nsecond line\n\tindented");
  // C0, DEL and C1 control characters, and bidi overrides and isolates.
  for (const std::string& bad :
       {std::string("Bell\x07"), std::string("Del\x7f"), std::string("C1 \xC2\x85 next line"),
        std::string("evil\xE2\x80\xAEgnp.exe"), std::string("iso\xE2\x81\xA6late")}) {
    Response r = scope(bad, "");
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_NE(FirstFieldMessage(r, "name").find("remove it"), std::string::npos) << r.body;
    Response d = scope("Fine", "text " + bad);
    EXPECT_EQ(d.status, 400) << d.body;
    EXPECT_NE(FirstFieldMessage(d, "description").find("U+"), std::string::npos) << d.body;
  }
  // A name is single-line even where a description is not.
  EXPECT_EQ(scope("two\nlines", "").status, 400);
}

TEST_F(InputHardening, InvalidUtf8IsRefusedByTheUseCase) {
  Session lead = SignUp("lead@example.org", "Lead");
  auto caller = platform_->accounts.Authenticate(lead.cookie);
  ASSERT_TRUE(caller.has_value());
  app::OrganisationInput in;
  in.name = std::string("Bad \xC3\x28 bytes");
  in.legal_structure = "charity";
  in.sector = "health";
  in.size_band = "small";
  auto org = platform_->organisations.CreateOrganisation(*caller, in);
  ASSERT_FALSE(org.has_value());
  ASSERT_FALSE(org.error().fields.empty());
  EXPECT_EQ(org.error().fields.front().path, "name");
  EXPECT_NE(org.error().fields.front().message.find("UTF-8"), std::string::npos);
}

TEST_F(InputHardening, ImpactMapTextFollowsTheSameRules) {
  Session lead = SignUp("lead@example.org", "Lead");
  const std::string org_id = CreateOrganisation(lead, "Riverside");
  json map = json::parse(ReadExample("lunch-club.json"));
  map["name"] = "Map\r\nX-Evil: 1";
  map["outcomes"][1]["description"] = "Less lonely\u202e";
  Response r = Call(Method::kPost, fmt::format("/api/v1/organisations/{}/impact-maps", org_id),
                    map.dump(), &lead);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(FirstFieldMessage(r, "name").find("one line"), std::string::npos) << r.body;
  EXPECT_NE(FirstFieldMessage(r, "outcomes[1].description").find("U+202E"), std::string::npos)
      << r.body;
}

TEST_F(InputHardening, SurveyResponsesCsvNeutralisesWhatAnonymousRespondentsWrote) {
  Session lead = SignUp("lead@example.org", "Lead");
  const std::string org_id = CreateOrganisation(lead, "Riverside");
  const json survey =
      Body(Call(Method::kPost, fmt::format("/api/v1/organisations/{}/surveys", org_id),
                R"({"title": "S", "questions": [{"id": "why", "type": "text", "text": "Why?"},
                                    {"id": "score", "type": "number", "text": "Score"}]})",
                &lead));
  ASSERT_TRUE(survey.contains("token")) << survey;
  Request answer;
  answer.method = Method::kPost;
  answer.path = "/api/v1/s/" + survey["token"].get<std::string>() + "/responses";
  answer.body =
      json{{"answers", {{"why", "=HYPERLINK(\"http://evil.example\",\"Click\")"}, {"score", -3}}}}
          .dump();
  answer.headers = {{"content-type", "application/json"}, {"idempotency-key", "one"}};
  Response submitted = Send(answer);
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  // A control character from an anonymous respondent is refused like any other input.
  answer.body = json{{"answers", {{"why", "bell\x07"}}}}.dump();
  answer.headers["idempotency-key"] = "two";
  Response refused = Send(answer);
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_NE(FirstFieldMessage(refused, "answers.why").find("control"), std::string::npos)
      << refused.body;

  const std::string path = "/api/v1/surveys/" + survey["id"].get<std::string>() + "/responses.csv";
  Response csv = Call(Method::kGet, path, "", &lead);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_NE(csv.body.find(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")\",-3\r\n"),
            std::string::npos)
      << csv.body;
  // Imported back, the text is what the respondent wrote, and a re-export neutralises it again.
  Request import;
  import.method = Method::kPost;
  import.path = "/api/v1/surveys/" + survey["id"].get<std::string>() + "/responses/import";
  import.body = "why,score\r\n'+SUM(A1:A9),-2\r\n";
  import.headers = {{"content-type", "text/csv"},
                    {"cookie", std::string(kSessionCookie) + "=" + lead.cookie},
                    { "x-csrf-token",
                      lead.csrf }};
  Response imported = Send(import);
  ASSERT_EQ(imported.status, 200) << imported.body;
  Response again = Call(Method::kGet, path, "", &lead);
  EXPECT_NE(again.body.find(",'+SUM(A1:A9),-2\r\n"), std::string::npos) << again.body;
  EXPECT_EQ(again.body.find(",''+SUM"), std::string::npos) << again.body;
}

TEST_F(InputHardening, ImpactMapCsvNeutralisesTextAndKeepsNumbersAndReadsBackTheSameMap) {
  Session lead = SignUp("lead@example.org", "Lead");
  const std::string org_id = CreateOrganisation(lead, "Riverside");
  json map = json::parse(ReadExample("lunch-club.json"));
  map["name"] = "=cmd|' /C calc'!A0";
  map["stakeholders"][0]["name"] = "-Older people";
  map["outcomes"][0]["description"] = "@risk of isolation";
  Response created =
      Call(Method::kPost, fmt::format("/api/v1/organisations/{}/impact-maps", org_id), map.dump(),
           &lead);
  ASSERT_EQ(created.status, 201) << created.body;
  Response csv = Call(
      Method::kGet, "/api/v1/impact-maps/" + Body(created)["id"].get<std::string>() + "/export.csv",
      "", &lead);
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("map,,'=cmd|' /C calc'!A0,"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find(",'-Older people,"), std::string::npos);
  EXPECT_NE(csv.body.find(",'@risk of isolation,"), std::string::npos);
  EXPECT_NE(csv.body.find(",0.035\r\n"), std::string::npos);  // numbers stay numbers
  Request import;
  import.method = Method::kPost;
  import.path = "/api/v1/impact-maps/import-csv";
  import.body = csv.body;
  import.headers = {{"content-type", "text/csv"},
                    {"cookie", std::string(kSessionCookie) + "=" + lead.cookie},
                    { "x-csrf-token",
                      lead.csrf }};
  Response back = Send(import);
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(Body(back)["name"], map["name"]);
  EXPECT_EQ(Body(back)["stakeholders"][0]["name"], "-Older people");
  EXPECT_EQ(Body(back)["outcomes"][0]["description"], "@risk of isolation");
}

// ---- Transport: the session cookie's name, HSTS, and headers sent once.

size_t CountHeader(const Response& r, const std::string& name) {
  size_t n = 0;
  for (const auto& [k, v] : r.headers) n += strcasecmp(k.c_str(), name.c_str()) == 0;
  return n;
}

TEST_F(InputHardening, OverHttpsTheSessionCookieIsAHostCookie) {
  ApiOptions options{"test", true};
  options.pdf_module = VALUEMARK_PDF_MODULE;
  Api secure(*platform_, options);
  SignUp("ann@example.org", "Ann");
  Request login;
  login.method = Method::kPost;
  login.path = "/api/v1/auth/login";
  login.body = json{{"email", "ann@example.org"}, {"password", "correct horse battery"}}.dump();
  login.headers["content-type"] = "application/json";
  login.tls = true;
  Response r = secure.Handle(login);
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string cookie = HeaderValue(r, "Set-Cookie");
  EXPECT_TRUE(cookie.starts_with("__Host-vm_session=")) << cookie;
  EXPECT_NE(cookie.find("; Path=/;"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Domain"), std::string::npos) << cookie;
  const std::string token =
      cookie.substr(cookie.find('=') + 1, cookie.find(';') - cookie.find('=') - 1);
  Request me;
  me.path = "/api/v1/me";
  me.tls = true;
  me.headers["cookie"] = "__Host-vm_session=" + token;
  EXPECT_EQ(secure.Handle(me).status, 200);
  // The plain name is not read over HTTPS: a cookie set by a plain-HTTP page does not count.
  me.headers["cookie"] = "vm_session=" + token;
  EXPECT_EQ(secure.Handle(me).status, 401);
  EXPECT_NE(secure.OpenApiDocument().find("__Host-vm_session"), std::string::npos);
  // Plain-HTTP development keeps the plain name (browsers refuse __Host- without Secure).
  Session plain = SignUp("bo@example.org", "Bo");
  EXPECT_FALSE(plain.cookie.empty());
}

TEST_F(InputHardening, HstsOverTlsOnlyAndNosniffOnceOnDownloads) {
  auto site = SiteHandler(*api_, nullptr);
  Session lead = SignUp("lead@example.org", "Lead");
  const std::string org_id = CreateOrganisation(lead, "Riverside");
  Response created =
      Call(Method::kPost, fmt::format("/api/v1/organisations/{}/impact-maps", org_id),
           ReadExample("lunch-club.json"), &lead);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string map = "/api/v1/impact-maps/" + Body(created)["id"].get<std::string>();
  for (const std::string& path : {map + "/report.html", map + "/export.csv", map + "/export.xlsx",
                                  std::string("/api/v1/health"), std::string("/no/web/app")}) {
    for (bool tls : {false, true}) {
      Request r;
      r.path = path;
      r.tls = tls;
      r.headers["cookie"] = std::string(kSessionCookie) + "=" + lead.cookie;
      Response out = site(r);
      EXPECT_EQ(CountHeader(out, "X-Content-Type-Options"), 1u) << path << " " << out.status;
      EXPECT_EQ(HeaderValue(out, "X-Content-Type-Options"), "nosniff");
      EXPECT_EQ(CountHeader(out, "Strict-Transport-Security"), tls ? 1u : 0u) << path;
      if (tls) {
        EXPECT_EQ(HeaderValue(out, "Strict-Transport-Security"), kHstsValue);
      }
    }
  }
}

TEST(CsvWriter, NeutralisesFormulasInTextButNotNumbers) {
  formats::CsvWriter w;
  w.Text("=HYPERLINK(\"http://evil\",\"x\")")
      .Text("+1")
      .Text("-1")
      .Text("@SUM(A1)")
      .Text("\tx")
      .Text("\rx");
  w.EndRow();
  w.Number(-3).Value("-40..80").Text("plain").Text("'quoted").Text("'=already").EndRow();
  EXPECT_EQ(w.text(),
            "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",'+1,'-1,'@SUM(A1),'\tx,\"'\rx\"\r\n"
            "-3,-40..80,plain,'quoted,''=already\r\n");
  // Our readers take the apostrophe off again: an export read back is what was written.
  for (const std::string text : {"=1+1", "-x", "'=x", "''@y", "'plain", "plain", "", "'"})
    EXPECT_EQ(formats::RestoreCsvText(formats::NeutraliseFormula(text)), text) << text;
}

}  // namespace
}  // namespace valuemark::http
