// The HTTP API through its router (no socket), on a real SQLite store:
// success, bad input that changes nothing, and the matrix of every endpoint ×
// role × foreign organisation (docs/api.md "Who may do what").
#include "api_fixture.h"

namespace valuemark::http {
namespace {

std::string ReadSource(const std::string& relative);
json AllAnswers(const json& questions, int score, bool responsive);

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

TEST_F(ApiTest, SchemesArePublicInTheApiShape) {
  Response r = Call(Method::kGet, "/api/v1/schemes");
  ASSERT_EQ(r.status, 200) << r.body;
  json items = Body(r)["items"];
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0]["id"], "svmc");
  EXPECT_EQ(items[0]["version"], 2);
  EXPECT_EQ(items[0]["levels"].size(), 3u);
  EXPECT_EQ(items[0]["levels"][1]["name"], "Implement");
  EXPECT_EQ(items[0]["levels"][1]["stages"].size(), 5u);
  EXPECT_EQ(items[0]["validity_months"], 24);
  EXPECT_EQ(items[1]["id"], "svqm");
  EXPECT_EQ(items[1]["levels"][0]["verified"], false);
}

// SVMC level 1 from draft to award with one amendment cycle, then level 2
// may start and level 3 may not (SVMC guidance: levels are sequential).
TEST_F(ApiTest, SvmcLevel1FromDraftToAwardWithOneAmendmentCycle) {
  Certifiable c = MakeCertifiable();
  Response created = Post("/organisations/" + c.org + "/applications", c.lead,
                          {{"scheme_id", "svmc"}, {"level", 1}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = Body(created)["id"];
  const std::string app = "/applications/" + id;
  EXPECT_EQ(Body(created)["state"], "draft");
  EXPECT_EQ(Body(created)["scheme_version"], 2);
  EXPECT_EQ(Body(created)["missing_evidence"].size(), 8u);

  json eligibility = Body(Call(Method::kGet, "/api/v1" + app + "/eligibility", "", &c.member));
  EXPECT_FALSE(eligibility["eligible"]);
  EXPECT_EQ(eligibility["problems"][0]["code"], "terms_not_accepted");
  EXPECT_EQ(Post(app + "/terms", c.member).status, 403);
  ASSERT_EQ(Post(app + "/terms", c.lead).status, 200);
  EXPECT_TRUE(Body(Call(Method::kGet, "/api/v1" + app + "/eligibility", "", &c.lead))["eligible"]);

  json fee = Body(Call(Method::kGet, "/api/v1" + app + "/fee", "", &c.member));
  EXPECT_EQ(fee["gross_pence"], 60000);  // small band: £500 + 20 % VAT
  EXPECT_EQ(fee["currency"], "GBP");

  EvidenceForAll(c.lead, id);
  Response early = Post(app + "/submit", c.lead);
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(Body(early)["error"]["fields"].size(), 2u);  // both sign-offs missing
  EXPECT_EQ(Post(app + "/sign-off", c.member).status, 403);
  ASSERT_EQ(Post(app + "/sign-off", c.lead).status, 200);
  EXPECT_EQ(Post(app + "/sign-off", c.lead).status, 409);  // twice
  ASSERT_EQ(Post(app + "/sign-off", c.senior).status, 200);
  Response submitted = Post(app + "/submit", c.lead);
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(Body(submitted)["state"], "submitted");
  EXPECT_EQ(Body(submitted)["results_due"], Day(21));

  // Not yet allocated: the assessor cannot see it; the administrator can.
  EXPECT_EQ(Call(Method::kGet, "/api/v1" + app, "", &c.assessor).status, 404);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/applications", "", &c.admin))["items"].size(), 1u);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/applications", "", &c.assessor))["items"].size(), 0u);
  ASSERT_EQ(Post(app + "/assessor", c.admin, {{"assessor_id", c.assessor.user_id}}).status, 200);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/applications", "", &c.assessor))["items"].size(), 1u);

  json a = Body(Call(Method::kGet, "/api/v1" + app, "", &c.assessor));
  EXPECT_EQ(a["state"], "in_review");
  std::vector<std::string> criteria;
  for (const json& e : a["evidence"]) criteria.push_back(e["criterion_id"]);
  for (size_t i = 0; i < criteria.size(); ++i) {
    const json verdict =
        i == 0 ? json{{"verdict", "amendment_needed"}, {"feedback", "Add the board minute"}}
               : json{{"verdict", "met"}};
    Response v = Call(Method::kPut, "/api/v1" + app + "/reviews/" + criteria[i], verdict.dump(),
                      &c.assessor);
    ASSERT_EQ(v.status, 200) << v.body;
  }
  EXPECT_EQ(Call(Method::kPut, "/api/v1" + app + "/reviews/" + criteria[1], R"({"verdict": "met"})",
                 &c.lead)
                .status,
            403);
  EXPECT_EQ(Post(app + "/recommendation", c.assessor, {{"summary", "Good"}}).status, 409);
  ASSERT_EQ(Post(app + "/amendments", c.assessor).status, 200);

  // The assessor's pre-audit: every criterion has evidence.
  json pre = Body(Call(Method::kGet, "/api/v1" + app + "/pre-audit", "", &c.assessor));
  EXPECT_EQ(pre["criteria_missing"], 0);
  EXPECT_EQ(pre["criteria_total"], 8);
  // The amendment: new evidence voids the sign-offs, which are given again.
  const std::string base = "/api/v1/organisations/" + c.org;
  const std::string map_id = Body(Call(Method::kPost, base + "/impact-maps",
                                       ReadSource("examples/lunch-club.json"), &c.lead))["id"];
  Response minute = Call(Method::kPost, base + "/decisions",
                         json{{"kind", "scale_up"},
                              {"title", "Board minute 12"},
                              {"rationale", "Agreed"},
                              {"impact_map_id", map_id},
                              {"impact_map_version", 1}}
                             .dump(),
                         &c.lead);
  ASSERT_EQ(minute.status, 201) << minute.body;
  Response amended = Post(app + "/evidence", c.lead,
                          {{"criterion_id", criteria[0]},
                           {"kind", "record"},
                           {"title", "Board minute"},
                           {"record_kind", "decision_log"},
                           {"record_id", Body(minute)["id"]}});
  ASSERT_EQ(amended.status, 201) << amended.body;
  EXPECT_EQ(Body(amended)["missing_sign_offs"].size(), 2u);
  ASSERT_EQ(Post(app + "/sign-off", c.lead).status, 200);
  ASSERT_EQ(Post(app + "/sign-off", c.senior).status, 200);
  Response back = Post(app + "/submit", c.lead);
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(Body(back)["state"], "in_review");
  EXPECT_EQ(Body(back)["amendment_cycles"], 1);
  ASSERT_EQ(Call(Method::kPut, "/api/v1" + app + "/reviews/" + criteria[0], R"({"verdict": "met"})",
                 &c.assessor)
                .status,
            200);
  Response recommended =
      Post(app + "/recommendation", c.assessor, {{"summary", "All criteria met"}});
  ASSERT_EQ(recommended.status, 200) << recommended.body;
  EXPECT_EQ(Body(recommended)["met_percent"], 100);
  EXPECT_EQ(Post(app + "/award", c.assessor).status, 403);
  EXPECT_EQ(Post(app + "/award", c.lead).status, 403);
  Response awarded = Post(app + "/award", c.admin);
  ASSERT_EQ(awarded.status, 200) << awarded.body;
  EXPECT_EQ(Body(awarded)["state"], "awarded");
  EXPECT_EQ(Body(awarded)["awarded_on"], Day());
  EXPECT_EQ(Body(awarded)["expires_on"].get<std::string>().substr(0, 4),
            std::to_string(std::stoi(Day().substr(0, 4)) + 2));

  // Level 2 may start now; level 3 may not (level 2 not held, and one at a time).
  EXPECT_EQ(Post("/organisations/" + c.org + "/applications", c.lead,
                 {{"scheme_id", "svmc"}, {"level", 2}})
                .status,
            201);
  Response three = Post("/organisations/" + c.org + "/applications", c.lead,
                        {{"scheme_id", "svmc"}, {"level", 3}});
  EXPECT_EQ(three.status, 409);
  EXPECT_EQ(Body(three)["error"]["fields"].size(), 2u);
  // The assessor was told by email (outbox), and every step is in the audit chain.
  json outbox = Body(Call(Method::kGet, "/api/v1/outbox?limit=200", "", &c.admin));
  std::vector<std::string> subjects;
  for (const json& m : outbox["items"]) subjects.push_back(m["subject"]);
  auto mailed = [&](const std::string& what) {
    return std::count_if(subjects.begin(), subjects.end(),
                         [&](const std::string& s) { return s.find(what) != std::string::npos; });
  };
  EXPECT_EQ(mailed("allocated to you"), 1);
  EXPECT_EQ(mailed("amendments requested"), 2);  // the Lead and the Senior Leader
  EXPECT_EQ(mailed("submitted"), 4);             // the first submission and the amended one
  EXPECT_EQ(mailed("awarded"), 2);
  EXPECT_GT(AuditEntries(), 30);
}

// SVQM: Pledges need no assessor; Forecast goes through review and the
// scheme owner's confirmation (SVQM overview "The Process").
TEST_F(ApiTest, SvqmPledgesThenForecastRecommendedAndConfirmed) {
  Certifiable c = MakeCertifiable();
  Response pledges = Post("/organisations/" + c.org + "/applications", c.lead,
                          {{"scheme_id", "svqm"}, {"level", 1}});
  ASSERT_EQ(pledges.status, 201);
  const std::string p1 = "/applications/" + Body(pledges)["id"].get<std::string>();
  ASSERT_EQ(Post(p1 + "/terms", c.lead).status, 200);
  EvidenceForAll(c.lead, Body(pledges)["id"]);
  ASSERT_EQ(Post(p1 + "/sign-off", c.lead).status, 200);
  ASSERT_EQ(Post(p1 + "/sign-off", c.senior).status, 200);
  ASSERT_EQ(Post(p1 + "/submit", c.lead).status, 200);
  ASSERT_EQ(Post(p1 + "/award", c.admin).status, 200);  // internal commitment only

  Response forecast = Post("/organisations/" + c.org + "/applications", c.lead,
                           {{"scheme_id", "svqm"}, {"level", 2}});
  ASSERT_EQ(forecast.status, 201) << forecast.body;
  const std::string id = Body(forecast)["id"];
  const std::string p2 = "/applications/" + id;
  ASSERT_EQ(Post(p2 + "/terms", c.lead).status, 200);
  EvidenceForAll(c.lead, id);
  ASSERT_EQ(Post(p2 + "/sign-off", c.lead).status, 200);
  ASSERT_EQ(Post(p2 + "/sign-off", c.senior).status, 200);
  ASSERT_EQ(Post(p2 + "/submit", c.lead).status, 200);
  EXPECT_EQ(Post(p2 + "/award", c.admin).status, 409);  // verified: needs the recommendation first
  ASSERT_EQ(Post(p2 + "/assessor", c.admin, {{"assessor_id", c.assessor.user_id}}).status, 200);
  const json under_review = Body(Call(Method::kGet, "/api/v1" + p2, "", &c.assessor));
  for (const json& criterion : under_review["evidence"])
    ASSERT_EQ(Call(Method::kPut,
                   "/api/v1" + p2 + "/reviews/" + criterion["criterion_id"].get<std::string>(),
                   R"({"verdict": "met"})", &c.assessor)
                  .status,
              200);
  ASSERT_EQ(Post(p2 + "/recommendation", c.assessor, {{"summary", "Forecast verified"}}).status,
            200);
  Response confirmed = Post(p2 + "/award", c.admin);
  ASSERT_EQ(confirmed.status, 200);
  EXPECT_EQ(Body(confirmed)["state"], "awarded");
}

// An award's certificate: signed, served as the same bytes, verifiable by
// code, listed in the public register, and any changed byte breaks it.
TEST_F(ApiTest, CertificateIsSignedVerifiableAndInTheRegister) {
  Certifiable c = MakeCertifiable();
  Response created = Post("/organisations/" + c.org + "/applications", c.lead,
                          {{"scheme_id", "svqm"}, {"level", 1}});
  const std::string id = Body(created)["id"];
  const std::string app = "/applications/" + id;
  ASSERT_EQ(Post(app + "/terms", c.lead).status, 200);
  EvidenceForAll(c.lead, id);
  ASSERT_EQ(Post(app + "/sign-off", c.lead).status, 200);
  ASSERT_EQ(Post(app + "/sign-off", c.senior).status, 200);
  ASSERT_EQ(Post(app + "/submit", c.lead).status, 200);
  EXPECT_TRUE(Body(Call(Method::kGet, "/api/v1/register"))["items"].empty());
  Response awarded = Post(app + "/award", c.admin);
  ASSERT_EQ(awarded.status, 200);
  const std::string certificate_id = Body(awarded)["certificate_id"];

  Response document = Call(Method::kGet, "/api/v1/certificates/" + certificate_id);  // public
  ASSERT_EQ(document.status, 200);
  json doc = Body(document);
  EXPECT_EQ(doc["certificate"]["organisation_name"], "Riverside");
  EXPECT_EQ(doc["certificate"]["scheme_id"], "svqm");
  EXPECT_EQ(doc["certificate"]["level_name"], "Pledges");
  EXPECT_EQ(doc["certificate"]["scope"], "Whole organisation");
  EXPECT_EQ(doc["signature"]["algorithm"], "Ed25519");
  const std::string code = doc["certificate"]["verification_code"];
  EXPECT_EQ(doc["certificate"]["verify_url"], "https://vm.example/verify/" + code);

  Response pdf = Call(Method::kGet, "/api/v1/certificates/" + certificate_id + ".pdf");  // public
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.content_type, "application/pdf");
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  EXPECT_EQ(Call(Method::kGet, "/api/v1/certificates/nope.pdf").status, 404);

  json verified = Body(Call(Method::kGet, "/api/v1/verify/" + code));
  EXPECT_TRUE(verified["valid"]);
  EXPECT_EQ(verified["status"], "current");
  EXPECT_EQ(verified["certificate"]["id"], certificate_id);
  json unknown = Body(Call(Method::kGet, "/api/v1/verify/VM-NOPE-NOPE-NOPE"));
  EXPECT_FALSE(unknown["valid"]);
  EXPECT_TRUE(unknown["certificate"].is_null());

  Response keys_response = Call(Method::kGet, "/api/v1/keys/certificates");
  json keys = Body(keys_response);
  ASSERT_EQ(keys["keys"].size(), 1u);
  auto public_key =
      formats::ParseKeySet(keys_response.body);  // the published key set, as a verifier reads it
  ASSERT_TRUE(public_key.has_value());
  EXPECT_EQ(keys["keys"][0]["key_id"], doc["signature"]["key_id"]);
  EXPECT_EQ(document.body.find("secret"), std::string::npos);

  auto check = app::CheckCertificateDocument(document.body, *public_key);
  ASSERT_TRUE(check.has_value());
  EXPECT_TRUE(check->valid) << check->reason;
  // Any byte changed: the document no longer verifies (or is no certificate at all).
  for (size_t i = 0; i < document.body.size(); ++i) {
    std::string forged = document.body;
    forged[i] = forged[i] == 'A' ? 'B' : 'A';
    auto f = app::CheckCertificateDocument(forged, *public_key);
    EXPECT_TRUE(!f.has_value() || !f->valid) << "byte " << i << " changed and still valid";
  }
  // A certificate re-signed with another key is not the scheme's.
  auto other_key = app::NewSigningKey(0);
  ASSERT_TRUE(other_key.has_value());
  auto parsed = formats::ParseSignedCertificate(document.body);
  ASSERT_TRUE(parsed.has_value());
  parsed->certificate.level = 4;
  auto resigned = app::SignCertificate(parsed->certificate, *other_key);
  ASSERT_TRUE(resigned.has_value());
  EXPECT_FALSE(app::CheckCertificateDocument(*resigned, *public_key)->valid);

  // The application's history, for those who may read it.
  json history = Body(Call(Method::kGet, "/api/v1/audit/application/" + id, "", &c.member));
  ASSERT_GE(history["items"].size(), 5u);
  EXPECT_EQ(history["items"][0]["action"], "application.create");
  EXPECT_EQ(Call(Method::kGet, "/api/v1/audit/application/" + id, "", &c.assessor).status, 404);
  // The representatives were told of the award (outbox).
  json outbox = Body(Call(Method::kGet, "/api/v1/outbox?limit=200", "", &c.admin));
  int awarded_mails = 0;
  for (const json& m : outbox["items"])
    if (m["subject"].get<std::string>().find("awarded") != std::string::npos) ++awarded_mails;
  EXPECT_EQ(awarded_mails, 2);  // the Lead and the Senior Leader

  // Renewal reminders 90 and 30 days before expiry, once each.
  auto expires = ParseDate(doc["certificate"]["expires_on"].get<std::string>());
  ASSERT_TRUE(expires.has_value());
  auto platform_on = [&](Days day) {
    app::PlatformOptions options;
    options.clock = [day] { return day * 86400 + 3600; };
    return std::make_unique<app::Platform>(*store_, std::move(options));
  };
  EXPECT_EQ(*platform_on(DaysFromCivil(*expires) - 91)->SendRenewalReminders(), 0);
  EXPECT_EQ(*platform_on(DaysFromCivil(*expires) - 90)->SendRenewalReminders(), 1);
  EXPECT_EQ(*platform_on(DaysFromCivil(*expires) - 90)->SendRenewalReminders(), 0);  // once only
  EXPECT_EQ(*platform_on(DaysFromCivil(*expires) - 30)->SendRenewalReminders(), 1);
  // At expiry the award lapses: out of the register, and verification says so.
  auto lapsed = platform_on(DaysFromCivil(*expires));
  EXPECT_TRUE(lapsed->Register({})->empty());
  auto v = lapsed->VerifyCode(code);
  ASSERT_TRUE(v.has_value());
  EXPECT_FALSE(v->valid);
  EXPECT_TRUE(v->signature_valid);
  EXPECT_EQ(v->status, CertificateStatus::kExpired);

  json reg = Body(Call(Method::kGet, "/api/v1/register"));
  ASSERT_EQ(reg["items"].size(), 1u);
  EXPECT_EQ(reg["items"][0]["organisation_name"], "Riverside");
  EXPECT_EQ(Body(Call(Method::kGet,
                      "/api/v1/register?name=river&scheme_id=svqm&level=1&area=leeds"))["items"]
                .size(),
            1u);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/register?name=harbour"))["items"].size(), 0u);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/register?level=2"))["items"].size(), 0u);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/register?level=x").status, 400);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/certificates/nope").status, 404);
}

// A renewal starts from the evidence of the award it renews, and the assessor
// sees per criterion what changed since.
TEST_F(ApiTest, RenewalCarriesEvidenceForwardAndShowsWhatChanged) {
  Certifiable c = MakeCertifiable();
  const std::string apps = "/organisations/" + c.org + "/applications";
  const std::string first = Body(Post(apps, c.lead, {{"scheme_id", "svqm"}, {"level", 1}}))["id"];
  ASSERT_EQ(Post("/applications/" + first + "/terms", c.lead).status, 200);
  EvidenceForAll(c.lead, first);
  ASSERT_EQ(Post("/applications/" + first + "/sign-off", c.lead).status, 200);
  ASSERT_EQ(Post("/applications/" + first + "/sign-off", c.senior).status, 200);
  ASSERT_EQ(Post("/applications/" + first + "/submit", c.lead).status, 200);
  ASSERT_EQ(Post("/applications/" + first + "/award", c.admin).status, 200);

  Response renewal = Post(apps, c.lead, {{"scheme_id", "svqm"}, {"level", 1}});
  ASSERT_EQ(renewal.status, 201) << renewal.body;
  EXPECT_TRUE(Body(renewal)["renewal"]);
  EXPECT_EQ(Body(renewal)["previous_application_id"], first);
  EXPECT_EQ(Body(renewal)["evidence"].size(), 2u);
  EXPECT_TRUE(Body(renewal)["missing_evidence"].empty());
  const std::string id = Body(renewal)["id"];
  json changes = Body(Call(Method::kGet, "/api/v1/applications/" + id + "/changes", "", &c.lead));
  ASSERT_EQ(changes["items"].size(), 2u);
  EXPECT_EQ(changes["items"][0]["change"], "unchanged");
  ASSERT_EQ(Post("/applications/" + id + "/evidence", c.lead,
                 {{"criterion_id", "svqm.1.commit.1"},
                  {"kind", "link"},
                  {"title", "Pledges 2028"},
                  {"url", "https://example.org/pledges-2028"}})
                .status,
            201);
  changes = Body(Call(Method::kGet, "/api/v1/applications/" + id + "/changes", "", &c.lead));
  EXPECT_EQ(changes["items"][0]["change"], "changed");
  EXPECT_EQ(changes["items"][1]["change"], "unchanged");
  json fee = Body(Call(Method::kGet, "/api/v1/applications/" + id + "/fee", "", &c.lead));
  EXPECT_EQ(fee["gross_pence"], 60000);  // "per level or renewal"
}

// Files as evidence: judged by content, at most 20 MB, readable by those who
// may read the application.
TEST_F(ApiTest, EvidenceFilesAreCheckedByContentAndSize) {
  Certifiable c = MakeCertifiable();
  Session outsider = SignUp("outsider@example.org");
  const std::string id = Body(Post("/organisations/" + c.org + "/applications", c.lead,
                                   {{"scheme_id", "svmc"}, {"level", 1}}))["id"];
  const std::string upload =
      "/api/v1/applications/" + id + "/evidence/file?criterion_id=svmc.1.plan.1&title=Policy";
  const std::string pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
  Response ok = Call(Method::kPost, upload, pdf, &c.lead);
  ASSERT_EQ(ok.status, 201) << ok.body;
  json item = Body(ok)["evidence"][0];
  EXPECT_EQ(item["kind"], "file");
  EXPECT_EQ(item["media_type"], "application/pdf");
  EXPECT_EQ(item["size_bytes"], static_cast<int64_t>(pdf.size()));
  const std::string download =
      "/api/v1/applications/" + id + "/evidence/" + item["id"].get<std::string>() + "/file";
  Response got = Call(Method::kGet, download, "", &c.member);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.body, pdf);
  EXPECT_EQ(got.content_type, "application/pdf");
  EXPECT_EQ(Call(Method::kGet, download, "", &outsider).status, 404);
  EXPECT_EQ(Call(Method::kGet, download, "", &c.assessor).status, 404);  // not allocated

  const int64_t before = AuditEntries();
  // An executable renamed .pdf, a plain zip, an oversized file, a weaker role.
  Response exe =
      Call(Method::kPost, upload + ".pdf", std::string("MZ\x90\x00\x03\x00\x00\x00", 8), &c.lead);
  EXPECT_EQ(exe.status, 400);
  EXPECT_EQ(Body(exe)["error"]["field"], "file");
  EXPECT_EQ(Call(Method::kPost, upload, std::string("PK\x03\x04evil.exe", 12), &c.lead).status,
            400);
  Response big =
      Call(Method::kPost, upload, "%PDF-" + std::string(kMaxEvidenceFileBytes, 'x'), &c.lead);
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(Body(big)["error"]["code"], "payload_too_large");
  EXPECT_EQ(Call(Method::kPost, upload, pdf, &c.member).status, 403);
  EXPECT_EQ(Call(Method::kPost, upload, pdf, &outsider).status, 404);
  EXPECT_EQ(Call(Method::kPost, upload, pdf, &c.lead, false).status, 403);  // no CSRF token
  Response no_title = Call(
      Method::kPost, "/api/v1/applications/" + id + "/evidence/file?criterion_id=svmc.1.plan.1",
      pdf, &c.lead);
  EXPECT_EQ(Body(no_title)["error"]["field"], "title");
  EXPECT_EQ(AuditEntries(), before);
  // A JSON body is still bounded at 1 MiB elsewhere.
  EXPECT_EQ(Call(Method::kPost, "/api/v1/applications/" + id + "/evidence",
                 std::string(kMaxApiBodyBytes + 1, ' '), &c.lead)
                .status,
            413);
}

// The newer SVQM form runs on the same model: Bronze needs six pledges before
// it can be submitted, and its five standards are the stages of level 1.
TEST_F(ApiTest, SvqmBronzeNeedsSixPledges) {
  Certifiable c = MakeCertifiable();
  Response created = Post("/organisations/" + c.org + "/applications", c.lead,
                          {{"scheme_id", "svqm-standards"}, {"level", 1}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(Body(created)["level_name"], "Bronze");
  EXPECT_EQ(Body(created)["pass_mark_percent"], 80);
  const std::string id = Body(created)["id"];
  const std::string app = "/applications/" + id;
  ASSERT_EQ(Post(app + "/terms", c.lead).status, 200);
  EvidenceForAll(c.lead, id);
  ASSERT_EQ(Post(app + "/sign-off", c.lead).status, 200);
  ASSERT_EQ(Post(app + "/sign-off", c.senior).status, 200);
  Response short_of_pledges = Post(app + "/submit", c.lead);
  EXPECT_EQ(short_of_pledges.status, 409);
  EXPECT_EQ(Body(short_of_pledges)["error"]["field"], "evidence.pledges");
  for (int i = 1; i <= 6; ++i) {
    Response pledge = Post("/organisations/" + c.org + "/pledges", c.lead,
                           {{"title", fmt::format("Pledge {}", i)},
                            {"owner_user_id", c.lead.user_id},
                            {"due_date", Day(30)}});
    ASSERT_EQ(pledge.status, 201) << pledge.body;
    ASSERT_EQ(Post(app + "/evidence", c.lead,
                   {{"criterion_id", "svqms.1.plan"},
                    {"kind", "record"},
                    {"title", fmt::format("Pledge {}", i)},
                    {"record_kind", "pledge"},
                    {"record_id", Body(pledge)["id"]}})
                  .status,
              201);
  }
  ASSERT_EQ(Post(app + "/sign-off", c.lead).status, 200);
  ASSERT_EQ(Post(app + "/sign-off", c.senior).status, 200);
  Response submitted = Post(app + "/submit", c.lead);
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(Body(submitted)["pledges"], 6);
}

// Administrators publish a new scheme version; new applications start on it,
// and an application already started stays pinned to its version.
TEST_F(ApiTest, PublishingANewSchemeVersionPinsStartedApplications) {
  Certifiable c = MakeCertifiable();
  const std::string pinned = Body(Post("/organisations/" + c.org + "/applications", c.lead,
                                       {{"scheme_id", "svmc"}, {"level", 1}}))["id"];
  std::ifstream in(std::string(VALUEMARK_SOURCE_DIR) + "/data/schemes/svmc-v2.json");
  json v3 = json::parse(in);
  v3["version"] = 3;
  v3["levels"][0]["criteria"].push_back({{"id", "svmc.1.cc.3"},
                                         {"stage", "Creating Capacity"},
                                         {"text", "A new criterion of version 3."},
                                         {"evidence_guidance", "Anything."}});
  EXPECT_EQ(Call(Method::kPost, "/api/v1/schemes", v3.dump(), &c.lead).status, 403);
  json bad = v3;
  bad["levels"][0]["criteria"][0]["stage"] = "Nowhere";
  Response invalid = Call(Method::kPost, "/api/v1/schemes", bad.dump(), &c.admin);
  EXPECT_EQ(invalid.status, 400);
  EXPECT_EQ(Body(invalid)["error"]["field"], "levels[0].criteria[0].stage");
  json old = v3;
  old["version"] = 2;
  EXPECT_EQ(Body(Call(Method::kPost, "/api/v1/schemes", old.dump(), &c.admin))["error"]["field"],
            "version");
  Response published = Call(Method::kPost, "/api/v1/schemes", v3.dump(), &c.admin);
  ASSERT_EQ(published.status, 201) << published.body;
  EXPECT_EQ(Body(published)["version"], 3);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/schemes"))["items"].size(), 4u);

  // The started application keeps version 2 and its eight criteria.
  json a = Body(Call(Method::kGet, "/api/v1/applications/" + pinned, "", &c.lead));
  EXPECT_EQ(a["scheme_version"], 2);
  EXPECT_EQ(a["missing_evidence"].size(), 8u);
  // A new organisation starts on version 3, with nine.
  Session other = SignUp("other-lead@example.org");
  const std::string org2 = CreateOrganisation(other, "Newcomer");
  json fresh = Body(Post("/organisations/" + org2 + "/applications", other,
                         {{"scheme_id", "svmc"}, {"level", 1}}));
  EXPECT_EQ(fresh["scheme_version"], 3);
  EXPECT_EQ(fresh["missing_evidence"].size(), 9u);
  // After a restart the published version is still there.
  app::PlatformOptions options;
  auto files = app::LoadSchemeCatalogue(std::string(VALUEMARK_SOURCE_DIR) + "/data/schemes");
  ASSERT_TRUE(files.has_value());
  options.schemes = std::move(*files);
  app::Platform restarted(*store_, std::move(options));
  ASSERT_EQ(*restarted.LoadPublishedSchemes(), 1);
  EXPECT_EQ(restarted.schemes().Latest("svmc")->version, 3);
}

TEST_F(ApiTest, CertificationBadInputIsRefusedAndChangesNothing) {
  Certifiable c = MakeCertifiable();
  const std::string apps = "/organisations/" + c.org + "/applications";
  EXPECT_EQ(Body(Post(apps, c.lead, {{"scheme_id", "nope"}, {"level", 1}}))["error"]["field"],
            "scheme_id");
  EXPECT_EQ(Body(Post(apps, c.lead, {{"scheme_id", "svmc"}, {"level", 9}}))["error"]["field"],
            "level");
  Response early =
      Post(apps, c.lead, {{"scheme_id", "svmc"}, {"level", 2}});  // level 2 before level 1
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(Body(early)["error"]["field"], "level");
  EXPECT_EQ(Post(apps, c.member, {{"scheme_id", "svmc"}, {"level", 1}}).status, 403);
  EXPECT_EQ(Post(apps, c.admin, {{"scheme_id", "svmc"}, {"level", 1}}).status, 403);
  EXPECT_EQ(Post(apps, c.lead, {{"scheme_id", "svmc"}, {"level", 1}, {"scope_id", "nope"}}).status,
            400);
  Response created = Post(apps, c.lead, {{"scheme_id", "svmc"}, {"level", 1}});
  ASSERT_EQ(created.status, 201);
  EXPECT_EQ(Post(apps, c.lead, {{"scheme_id", "svmc"}, {"level", 1}}).status, 409);  // two at once
  const std::string app = "/applications/" + Body(created)["id"].get<std::string>();
  const std::string criterion = Body(created)["missing_evidence"][0];
  const int64_t before = AuditEntries();
  struct Case {
    json body;
    int status;
    std::string field;
  };
  const std::vector<Case> cases = {
      {{{"criterion_id", "svmc.9.x"}, {"kind", "link"}, {"title", "T"}, {"url", "https://x.org"}},
       400,
       "criterion_id"},
      {{{"criterion_id", criterion},
        {"kind", "link"},
        {"title", "T"},
        {"url", "javascript:alert(1)"}},
       400,
       "url"},
      {{{"criterion_id", criterion}, {"kind", "file"}, {"title", "T"}}, 400, "kind"},
      {{{"criterion_id", criterion},
        {"kind", "record"},
        {"title", "T"},
        {"record_kind", "diary"},
        {"record_id", "1"}},
       400,
       "record_kind"},
      {{{"criterion_id", criterion},
        {"kind", "record"},
        {"title", "T"},
        {"record_kind", "scope"},
        {"record_id", "x"}},
       400,
       "record_id"},
      {{{"criterion_id", criterion}, {"kind", "link"}, {"title", ""}, {"url", "https://x.org"}},
       400,
       "title"},
      {{{"criterion_id", criterion}, {"kind", "link"}, {"title", "T"}, {"colour", "red"}}, 400, ""},
  };
  for (const Case& k : cases) {
    Response r = Post(app + "/evidence", c.lead, k.body);
    EXPECT_EQ(r.status, k.status) << k.body.dump() << ": " << r.body;
    if (!k.field.empty()) {
      EXPECT_EQ(Body(r)["error"].value("field", ""), k.field) << r.body;
    }
  }
  EXPECT_EQ(Post(app + "/sign-off", c.lead).status, 409);  // nothing to sign off
  EXPECT_EQ(Post(app + "/submit", c.lead).status, 409);
  EXPECT_EQ(Post(app + "/assessor", c.admin, {{"assessor_id", c.assessor.user_id}}).status,
            409);  // a draft
  EXPECT_EQ(Post(app + "/assessor", c.admin, {{"assessor_id", c.member.user_id}}).status, 400);
  EXPECT_EQ(Post(app + "/rejection", c.admin, {{"reason", ""}}).status, 400);
  EXPECT_EQ(Call(Method::kPut, "/api/v1" + app + "/reviews/" + criterion, R"({"verdict": "met"})",
                 &c.assessor)
                .status,
            404);
  EXPECT_EQ(
      Body(Post(
          "/rounds", c.admin,
          {{"name", "Overlap"}, {"opens_on", Day(5)}, {"closes_on", Day(20)}}))["error"]["field"],
      "opens_on");
  EXPECT_EQ(Body(Post("/rounds", c.admin,
                      {{"name", "Backwards"},
                       {"opens_on", Day(60)},
                       {"closes_on", Day(50)}}))["error"]["field"],
            "closes_on");
  EXPECT_EQ(
      Post("/rounds", c.lead, {{"name", "Mine"}, {"opens_on", Day(60)}, {"closes_on", Day(70)}})
          .status,
      403);
  EXPECT_EQ(AuditEntries(), before);
}

// Submission outside a round with no next round; a conflict of interest.
TEST_F(ApiTest, NoRoundAndConflictOfInterestAreRefused) {
  Session lead = SignUp("lead@example.org", "Lead");
  const std::string org = CreateOrganisation(lead, "Solo");
  Session senior = Join(lead, org, "senior@example.org", "senior_leader");
  Session admin = Staff("admin@example.org", PlatformRole::kAdministrator);
  Session insider = Staff("insider@example.org", PlatformRole::kAssessor);
  const std::string base = "/api/v1/organisations/" + org;
  ASSERT_EQ(
      Call(Method::kPut, base + "/representatives",
           json{{"lead_user_id", lead.user_id}, {"senior_leader_user_id", senior.user_id}}.dump(),
           &lead)
          .status,
      200);
  const int64_t version = Body(Call(Method::kGet, base, "", &lead))["version"];
  ASSERT_EQ(Call(Method::kPatch, base,
                 json{{"version", version}, {"membership", {{"status", "active"}}}}.dump(), &admin)
                .status,
            200);
  Response created =
      Post("/organisations/" + org + "/applications", lead, {{"scheme_id", "svmc"}, {"level", 1}});
  const std::string id = Body(created)["id"];
  const std::string app = "/applications/" + id;
  ASSERT_EQ(Post(app + "/terms", lead).status, 200);
  EvidenceForAll(lead, id);
  ASSERT_EQ(Post(app + "/sign-off", lead).status, 200);
  ASSERT_EQ(Post(app + "/sign-off", senior).status, 200);
  Response none = Post(app + "/submit", lead);
  EXPECT_EQ(none.status, 409);
  EXPECT_NE(Body(none)["error"]["message"].get<std::string>().find("no round"), std::string::npos);
  // A round that opens later: the application is queued for it.
  ASSERT_EQ(
      Post("/rounds", admin, {{"name", "Next"}, {"opens_on", Day(10)}, {"closes_on", Day(23)}})
          .status,
      201);
  Response queued = Post(app + "/submit", lead);
  ASSERT_EQ(queued.status, 200);
  EXPECT_EQ(Body(queued)["state"], "queued");
  EXPECT_EQ(Body(queued)["results_due"], Day(31));
  // The insider joins the organisation: allocating them is a conflict of interest.
  Response inv = Call(Method::kPost, base + "/invitations",
                      R"({"email": "insider@example.org", "role": "member"})", &lead);
  const std::string url = Body(inv)["accept_url"];
  ASSERT_EQ(Post("/invitations/" + url.substr(url.rfind('/') + 1) + "/accept", insider).status,
            200);
  Response conflict = Post(app + "/assessor", admin, {{"assessor_id", insider.user_id}});
  EXPECT_EQ(conflict.status, 409);
  EXPECT_EQ(Body(conflict)["error"]["field"], "assessor_id");
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
    if (!c.field.empty())
      EXPECT_EQ(Body(r)["error"].value("field", ""), c.field) << c.name << ": " << r.body;
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

// In-app notifications: what the outbox holds for my address, never a
// password-reset secret, never someone else's; reading them is remembered.
TEST_F(ApiTest, NotificationsAreMineAndCanBeRead) {
  Session lead = SignUp("lead@example.org", "Lead");
  const std::string org = CreateOrganisation(lead, "Org");
  Session other = SignUp("other@example.org", "Other");
  EXPECT_EQ(Call(Method::kGet, "/api/v1/notifications", "").status, 401);
  json empty = Body(Call(Method::kGet, "/api/v1/notifications", "", &other));
  EXPECT_EQ(empty["unread"], 0);
  EXPECT_TRUE(empty["items"].empty());

  // An invitation to other's address, and a password reset for them.
  ASSERT_EQ(Call(Method::kPost, fmt::format("/api/v1/organisations/{}/invitations", org),
                 json{{"email", "other@example.org"}, {"role", "member"}}.dump(), &lead)
                .status,
            201);
  EXPECT_EQ(Call(Method::kPost, "/api/v1/auth/password-reset", R"({"email": "other@example.org"})")
                .status,
            202);
  json list = Body(Call(Method::kGet, "/api/v1/notifications", "", &other));
  ASSERT_EQ(list["items"].size(), 1u) << list.dump();
  EXPECT_EQ(list["unread"], 1);
  EXPECT_TRUE(list["items"][0]["unread"]);
  EXPECT_NE(list["items"][0]["subject"].get<std::string>().find("Org"), std::string::npos);
  EXPECT_EQ(list["items"][0]["body"].get<std::string>().find("reset-password"), std::string::npos);
  EXPECT_TRUE(Body(Call(Method::kGet, "/api/v1/notifications", "", &lead))["items"].empty());

  // Bad input changes nothing; CSRF is required.
  Response bad = Call(Method::kPost, "/api/v1/notifications/read", R"({"up_to": -1})", &other);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Body(bad)["error"]["field"], "up_to");
  EXPECT_EQ(Call(Method::kPost, "/api/v1/notifications/read", R"({"upto": 1})", &other).status,
            400);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/notifications?limit=0", "", &other).status, 400);
  EXPECT_EQ(Call(Method::kPost, "/api/v1/notifications/read",
                 json{{"up_to", list["items"][0]["id"]}}.dump(), &other, false)
                .status,
            403);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/notifications", "", &other))["unread"], 1);

  EXPECT_EQ(Call(Method::kPost, "/api/v1/notifications/read",
                 json{{"up_to", list["items"][0]["id"]}}.dump(), &other)
                .status,
            204);
  json after = Body(Call(Method::kGet, "/api/v1/notifications", "", &other));
  EXPECT_EQ(after["unread"], 0);
  EXPECT_FALSE(after["items"][0]["unread"]);
}

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
  const std::string response_id = Body(api_->Handle(answer))["id"];
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
  auto fresh_round = [] {
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
      Response r = Call(e.method, path, body, session);
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

// ---- Measure and manage: impact maps, value bank, pledges, decisions.

std::string ReadSource(const std::string& relative) {
  std::ifstream in(std::string(VALUEMARK_SOURCE_DIR) + "/" + relative);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The date `days` from today, YYYY-MM-DD (the platform's clock is the system's here).
std::string DayFromToday(int days) {
  const auto d = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) +
                 std::chrono::days{days};
  const std::chrono::year_month_day ymd{d};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
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
  EXPECT_EQ(Body(pledge(DayFromToday(400), member.user_id))["error"]["field"], "due_date");
  EXPECT_EQ(Body(pledge(DayFromToday(-1), member.user_id))["error"]["field"], "due_date");
  EXPECT_EQ(Body(pledge(DayFromToday(30), "stranger"))["error"]["field"], "owner_user_id");
  EXPECT_EQ(Body(pledge("31/12/2026", member.user_id))["error"]["field"], "due_date");
  EXPECT_EQ(Body(Call(Method::kGet, base + "/pledges", "", &lead))["items"].size(), 0u);

  Response soon = pledge(DayFromToday(7), member.user_id);
  ASSERT_EQ(soon.status, 201) << soon.body;
  json p = Body(soon);
  EXPECT_EQ(p["status"], "open");
  EXPECT_EQ(p["overdue"], false);
  ASSERT_EQ(pledge(DayFromToday(200), lead.user_id).status, 201);
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
}

// Every question of the built-in questionnaire answered with `score`
// (the optional eighth stage only when asked).
json AllAnswers(const json& questions, int score, bool responsive) {
  json answers = json::object();
  for (const json& stage : questions["stages"]) {
    if (stage.value("optional", false) && !responsive) continue;
    for (const json& q : stage["questions"]) answers[q["id"].get<std::string>()] = score;
  }
  return json{{"answers", answers}};
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

json APlan() {
  return json{
      {"impact_questions",
       {{"q1", "Older members feel less lonely"}, {"q10", "At the quarterly board review"}}},
      {"overarching",
       {{"who_answers", "Members and volunteers"},
        {"rigour", "Light"},
        {"assurance", "Peer review"}}},
      {"stakeholder_groups",
       {{{"group", "customers_and_end_users"},
         {"name", "Members"},
         {"size", 80},
         {"subgroups", {{{"name", "Over 80"}, {"size", 30}}}},
         {"involvement", "Focus groups"},
         {"when", "Spring"}}}},
      {"theory_of_change",
       {{{"activity", "Weekly lunch"},
         {"outputs", {"45 lunches a week"}},
         {"outcomes",
          {{{"description", "Less lonely"},
            {"stakeholder", "Members"},
            {"positive", true},
            {"intended", true},
            {"indicator", "Loneliness score"}},
           {{"description", "Volunteers overstretched"},
            {"positive", false},
            {"intended", false}}}}}}},
      {"materiality",
       {{{"outcome", "Less lonely"}, {"material", true}, {"reason", "Most mentioned"}},
        {{"outcome", "Volunteers overstretched"}, {"material", true}, {"reason", "A real risk"}}}}};
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
           json{{"title", "T"}, {"owner_user_id", member.user_id}, {"due_date", DayFromToday(60)}}
               .dump(),
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
         return json{
             {"title", "T"}, {"owner_user_id", lead.user_id}, {"due_date", DayFromToday(30)}}
             .dump();
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
    Response r =
        Call(Method::kPost, "/api/v1/organisations/" + org + "/surveys", design.dump(), &s);
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
  Response unknown =
      Call(Method::kPost, "/api/v1/organisations/" + org + "/surveys", essay.dump(), &member);
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(Body(unknown)["error"]["field"], "questions[0].type");
  json bad = Design();
  bad["questions"][0]["options"] = {"Only one"};
  bad["questions"][1]["outcome_id"] = "nowhere";
  bad["questions"][2]["id"] = "how";
  Response r =
      Call(Method::kPost, "/api/v1/organisations/" + org + "/surveys", bad.dump(), &member);
  EXPECT_EQ(r.status, 400) << r.body;
  std::set<std::string> fields;
  const json design_errors = Body(r);
  for (const json& f : design_errors["error"]["fields"])
    fields.insert(f["field"].get<std::string>());
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
  // An assessor who assesses none of the organisation's applications does not see it.
  EXPECT_EQ(Call(Method::kGet, "/api/v1/surveys/" + id, "", &assessor).status, 404);
  EXPECT_EQ(
      Call(Method::kPost, "/api/v1/organisations/" + org + "/surveys", Design().dump(), &assessor)
          .status,
      404);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/surveys/" + id).status, 401);
  EXPECT_EQ(
      Body(Call(Method::kGet, "/api/v1/organisations/" + org + "/surveys", "", &lead))["items"]
          .size(),
      1u);

  json edit = Design();
  edit["title"] = "Renamed";
  edit["version"] = 1;
  Response ok = Call(Method::kPut, "/api/v1/surveys/" + id, edit.dump(), &lead);
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Body(ok)["version"], 2);
  Response stale = Call(Method::kPut, "/api/v1/surveys/" + id, edit.dump(), &lead);
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(Body(stale)["error"]["field"], "version");
  // The design's two changes, and one entry for each batch of responses received.
  int changes = 0;
  const json survey_history = Body(Call(Method::kGet, "/api/v1/audit/survey/" + id, "", &lead));
  for (const json& item : survey_history["items"])
    if (item["action"] != "survey.responses_received") ++changes;
  EXPECT_EQ(changes, 2) << survey_history.dump();
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
  EXPECT_EQ(Submit(token, Answer(3, 7), "").status, 400);       // no key

  Response wrong = Submit(
      token, json{{"answers", {{"lonely", {{"before", 11}, {"now", 2}}}, {"zzz", 1}}}}.dump(),
      "key-2");
  EXPECT_EQ(wrong.status, 400) << wrong.body;
  std::set<std::string> fields;
  const json answer_errors = Body(wrong);
  for (const json& f : answer_errors["error"]["fields"])
    fields.insert(f["field"].get<std::string>());
  EXPECT_TRUE(fields.contains("answers.zzz")) << wrong.body;
  EXPECT_TRUE(fields.contains("answers.lonely")) << wrong.body;
  EXPECT_TRUE(fields.contains("answers.how")) << wrong.body;  // required

  EXPECT_EQ(Submit(token, std::string(70 * 1024, ' '), "key-big").status, 413);
  EXPECT_EQ(Submit(token, Answer(2, 2), "key-3").status, 201);
  Response full = Submit(token, Answer(2, 2), "key-4");
  EXPECT_EQ(full.status, 409) << full.body;
  EXPECT_NE(Body(full)["error"]["message"].get<std::string>().find("no longer takes answers"),
            std::string::npos);
  EXPECT_EQ(Submit(token, Answer(3, 7), "key-1").status,
            200);  // a retry is still answered when full

  json closed = Design();
  closed["opens_on"] = "2020-01-01";
  closed["closes_on"] = "2020-02-01";
  json old = CreateSurvey(lead, org, closed);
  Response late = Submit(old["token"], Answer(1, 2), "key-5");
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_NE(Body(late)["error"]["message"].get<std::string>().find("closed"), std::string::npos);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/s/" + old["token"].get<std::string>()))["state"],
            "closed");
}

TEST_F(SurveyApiTest, RateLimitsPerAddress) {
  app::SurveyOptions limits;
  limits.per_address_rate = 0.001;
  limits.per_address_burst = 3;
  platform_->ConfigureSurveys(limits);
  Session lead = SignUp("lead@example.org");
  const std::string token = CreateSurvey(lead, CreateOrganisation(lead, "Home"), Design())["token"];
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(Submit(token, Answer(1, 2), fmt::format("k{}", i), "198.51.100.1").status, 201);
  Response limited = Submit(token, Answer(1, 2), "k9", "198.51.100.1");
  EXPECT_EQ(limited.status, 429) << limited.body;
  // One token every 1,000 s: the refusal says so, not a fixed 15 minutes.
  std::string retry_after;
  for (const auto& [name, value] : limited.headers)
    if (name == "Retry-After") retry_after = value;
  EXPECT_EQ(retry_after, "1000");
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

  json results =
      Body(Call(Method::kGet, "/api/v1/surveys/" + id + "/results?provenance=true", "", &member));
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
  const std::string last =
      Body(Call(Method::kGet, "/api/v1/surveys/" + id + "/responses", "", &lead))["items"][3]["id"];
  const std::string path = "/api/v1/surveys/" + id + "/responses/" + last + "/exclusion";
  EXPECT_EQ(Call(Method::kPut, path, R"({"reason": "test entry"})", &member).status, 403);
  EXPECT_EQ(Call(Method::kPut, path, R"({"reason": ""})", &lead).status, 400);
  Response ex =
      Call(Method::kPut, path, R"({"reason": "Filled in by a volunteer as a test"})", &lead);
  EXPECT_EQ(ex.status, 200) << ex.body;
  results = Body(Call(Method::kGet, "/api/v1/surveys/" + id + "/results", "", &lead));
  EXPECT_EQ(results["responses"]["used"], 3);
  EXPECT_EQ(results["responses"]["excluded"], 1);
  EXPECT_DOUBLE_EQ(results["outcomes"][0]["deadweight"]["value"].get<double>(), 0.25);
  EXPECT_EQ(Call(Method::kDelete, path, "", &lead).status, 200);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/surveys/" + id + "/results", "",
                      &lead))["responses"]["used"],
            4);
  EXPECT_EQ(
      Body(Call(Method::kGet, "/api/v1/audit/survey_response/" + last, "", &lead))["items"].size(),
      2u);

  Response csv = Call(Method::kGet, "/api/v1/surveys/" + id + "/responses.csv", "", &member);
  EXPECT_EQ(csv.status, 200);
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body.substr(0, csv.body.find('\r')),
            "id,submitted_at,source,excluded_reason,respondent_code,how,lonely.before,lonely.now,"
            "anyway,others,lasts,"
            "matters.lonely,matters.fit,score,note");
  // The export imports into another survey of the same design, once.
  const std::string copy = CreateSurvey(lead, org, Design())["id"];
  Response imported =
      Call(Method::kPost, "/api/v1/surveys/" + copy + "/responses/import", csv.body, &member);
  EXPECT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(Body(imported)["imported"], 4);
  EXPECT_EQ(Body(Call(Method::kPost, "/api/v1/surveys/" + copy + "/responses/import", csv.body,
                      &member))["already_present"],
            4);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/surveys/" + copy + "/results", "",
                      &lead))["outcomes"][0]["quantity"]["changed"],
            3);
  Response bad = Call(Method::kPost, "/api/v1/surveys/" + copy + "/responses/import",
                      "how,lonely.before,lonely.now\r\nNobody,1,2\r\n", &member);
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_NE(bad.body.find("row 2"), std::string::npos) << bad.body;
}

TEST_F(SurveyApiTest, ApplyingResultsMakesAnEvaluativeVersionThatCitesTheResponses) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  Session member = Join(lead, org, "member@example.org", "member");
  Session assessor = Staff("assessor@example.org", PlatformRole::kAssessor);
  Session outsider = SignUp("outsider@example.org");
  const std::string other_org = CreateOrganisation(outsider, "Elsewhere");
  json survey = CreateSurvey(lead, org, Design());
  const std::string id = survey["id"], token = survey["token"];
  EXPECT_EQ(Submit(token, Answer(2, 6), "a").status, 201);
  EXPECT_EQ(Submit(token, Answer(3, 5), "b").status, 201);
  EXPECT_EQ(Submit(token, Answer(4, 9), "c").status, 201);
  EXPECT_EQ(Submit(token, Answer(5, 5, 0.75), "d").status, 201);
  const std::string file = ReadSource("examples/lunch-club.json");
  Response created =
      Call(Method::kPost, "/api/v1/organisations/" + org + "/impact-maps", file, &lead);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string map_id = Body(created)["id"];
  const std::string maps = "/api/v1/impact-maps/" + map_id;
  Response foreign_map =
      Call(Method::kPost, "/api/v1/organisations/" + other_org + "/impact-maps", file, &outsider);
  ASSERT_EQ(foreign_map.status, 201);
  const std::string apply = "/api/v1/surveys/" + id + "/apply";
  auto body = [&](const std::string& map, json outcomes, std::optional<int> version) {
    json b{{"impact_map_id", map}, {"outcomes", outcomes}};
    if (version) b["version"] = *version;
    return b.dump();
  };
  const json mapping{{"lonely", "members-less-lonely"}};

  // Bad input changes nothing.
  const int64_t before = AuditEntries();
  auto refused = [&](const Response& r, int status, const std::string& field) {
    EXPECT_EQ(r.status, status) << r.body;
    const json e = Body(r)["error"];
    bool named = e.value("field", "") == field;
    if (e.contains("fields"))
      for (const json& f : e["fields"]) named = named || f["field"] == field;
    EXPECT_TRUE(named) << field << ": " << r.body;
  };
  refused(
      Call(Method::kPost, apply, body(map_id, {{"nowhere", "members-less-lonely"}}, 1), &member),
      400, "outcomes.nowhere");
  refused(Call(Method::kPost, apply, body(map_id, {{"lonely", "no-such-outcome"}}, 1), &member),
          400, "outcomes.lonely");
  refused(Call(Method::kPost, apply, body(map_id, {{"fit", "members-hot-meals"}}, 1), &member), 400,
          "outcomes.fit");  // nothing measured it
  refused(Call(Method::kPost, apply, body(map_id, mapping, 7), &member), 409, "version");
  refused(Call(Method::kPost, apply, body(Body(foreign_map)["id"], mapping, 1), &member), 400,
          "impact_map_id");
  refused(Call(Method::kPost, apply, body("no-such-map", mapping, 1), &member), 400,
          "impact_map_id");
  refused(Call(Method::kPost, apply, json{{"outcomes", mapping}, {"extra", 1}}.dump(), &member),
          400, "impact_map_id");
  EXPECT_EQ(Call(Method::kPost, apply, body(map_id, mapping, 1), &outsider).status, 404);
  EXPECT_EQ(Call(Method::kPost, apply, body(map_id, mapping, 1), &assessor).status,
            404);  // not an organisation they assess
  EXPECT_EQ(Call(Method::kPost, apply, body(map_id, mapping, 1)).status, 401);
  EXPECT_EQ(AuditEntries(), before);
  EXPECT_EQ(Body(Call(Method::kGet, maps, "", &lead))["version"], 1);

  // Success: version 2, evaluative, with the results' figures.
  Response ok = Call(Method::kPost, apply, body(map_id, mapping, 1), &member);
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(Body(ok)["version"], 2);
  EXPECT_EQ(AuditEntries(), before + 2);  // the map's new version and the application
  json results =
      Body(Call(Method::kGet, "/api/v1/surveys/" + id + "/results?provenance=true", "", &lead));
  const json figures = results["outcomes"][0]["impact_map"];
  json map = Body(Call(Method::kGet, maps, "", &lead));
  EXPECT_EQ(map["version"], 2);
  EXPECT_EQ(map["kind"], "evaluative");
  json outcome;
  for (const json& o : map["outcomes"])
    if (o["id"] == "members-less-lonely") outcome = o;
  for (const char* k : {"low", "mode", "high"})
    EXPECT_DOUBLE_EQ(outcome["quantity"][k].get<double>(), figures["quantity"][k].get<double>())
        << k;
  for (const char* k : {"deadweight", "attribution"})
    EXPECT_DOUBLE_EQ(outcome[k].get<double>(), figures[k].get<double>()) << k;
  EXPECT_EQ(outcome["duration_years"], figures["duration_years"]);
  EXPECT_EQ(Call(Method::kGet, maps + "/results", "", &lead).status, 200);  // still a valid map

  Response prov = Call(Method::kGet, maps + "/provenance", "", &member);
  ASSERT_EQ(prov.status, 200) << prov.body;
  const json cited = Body(prov)["outcomes"]["members-less-lonely"];
  EXPECT_EQ(cited["quantity"]["survey_id"], id);
  EXPECT_EQ(cited["quantity"]["survey_title"], "Club members");
  EXPECT_EQ(cited["quantity"]["response_ids"].size(), 4u);
  EXPECT_EQ(cited["deadweight"]["response_ids"],
            results["outcomes"][0]["deadweight"]["response_ids"]);
  EXPECT_EQ(cited["duration_years"]["applied_by"], member.user_id);
  EXPECT_FALSE(cited.contains("drop_off"));
  EXPECT_EQ(Body(prov)["outcomes"].size(), 1u);
  EXPECT_TRUE(
      Body(Call(Method::kGet, maps + "/provenance?version=1", "", &lead))["outcomes"].empty());
  EXPECT_EQ(Call(Method::kGet, maps + "/provenance", "", &outsider).status, 404);
  EXPECT_EQ(Call(Method::kGet, maps + "/provenance?version=9", "", &lead).status, 404);
  // The design's changes, and one entry for each batch of responses received.
  int survey_changes = 0;
  const json history_of_survey = Body(Call(Method::kGet, "/api/v1/audit/survey/" + id, "", &lead));
  for (const json& item : history_of_survey["items"])
    if (item["action"] != "survey.responses_received") ++survey_changes;
  EXPECT_EQ(survey_changes, 2) << history_of_survey.dump();

  // A figure edited by hand no longer cites the survey; the others still do.
  json edited = map;
  for (json& o : edited["outcomes"])
    if (o["id"] == "members-less-lonely") o["deadweight"] = 0.1;
  ASSERT_EQ(Call(Method::kPut, maps, edited.dump(), &lead).status, 200);
  const json after =
      Body(Call(Method::kGet, maps + "/provenance", "", &lead))["outcomes"]["members-less-lonely"];
  EXPECT_FALSE(after.contains("deadweight"));
  EXPECT_TRUE(after.contains("quantity"));
  EXPECT_EQ(Body(Call(Method::kGet, maps + "/provenance?version=2", "",
                      &lead))["outcomes"]["members-less-lonely"]
                .size(),
            4u);
}

// Make: a platform record of one kind, created in org by lead; returns its id
// (for a stakeholder map: the id of the scope whose plan it is).
class EvidenceRecordTest : public ApiTest {
 public:
  Response Get(const std::string& path, const Session& s) {
    return Call(Method::kGet, "/api/v1" + path, "", &s);
  }
  std::string Make(const Session& lead, const std::string& org, const std::string& kind) {
    const std::string base = "/api/v1/organisations/" + org;
    auto id_of = [](const Response& r) {
      EXPECT_EQ(r.status / 100, 2) << r.body;
      return Body(r)["id"].get<std::string>();
    };
    if (kind == "scope" || kind == "stakeholder_map") {
      const std::string scope = id_of(
          Call(Method::kPost, base + "/scopes", R"({"kind": "service", "name": "Lunch"})", &lead));
      if (kind == "scope") return scope;
      Response plan =
          Call(Method::kPut, base + "/scopes/" + scope + "/plan", PlanJson().dump(), &lead);
      EXPECT_EQ(plan.status, 200) << plan.body;
      return scope;
    }
    if (kind == "impact_map" || kind == "decision_log") {
      const std::string map = id_of(Call(Method::kPost, base + "/impact-maps",
                                         ReadSource("examples/lunch-club.json"), &lead));
      if (kind == "impact_map") return map;
      return id_of(Call(Method::kPost, base + "/decisions",
                        json{{"kind", "scale_up"},
                             {"title", "Run a second lunch club"},
                             {"rationale", "Asked for"},
                             {"impact_map_id", map},
                             {"impact_map_version", 1}}
                            .dump(),
                        &lead));
    }
    if (kind == "pledge")
      return id_of(Call(Method::kPost, base + "/pledges",
                        json{{"title", "Ask our members what changed"},
                             {"owner_user_id", lead.user_id},
                             {"due_date", Day(30)}}
                            .dump(),
                        &lead));
    if (kind == "survey")
      return id_of(Call(
          Method::kPost, base + "/surveys",
          R"({"title": "Members survey", "questions": [{"id": "score", "type": "scale", "text": "0-10"}]})",
          &lead));
    const json questions = Body(Call(Method::kGet, "/api/v1/self-assessment/questions", "", &lead));
    return id_of(Call(Method::kPost, base + "/self-assessments",
                      AllAnswers(questions, 3, false).dump(), &lead));
  }
  static json PlanJson();
};

json APlan();
json EvidenceRecordTest::PlanJson() { return APlan(); }

// Evidence naming a platform record is checked against the organisation's
// own records when added, and keeps the record's title.
TEST_F(EvidenceRecordTest, RecordEvidenceMustBeTheOrganisationsOwnRecord) {
  Certifiable c = MakeCertifiable();
  Session other = SignUp("other@example.org", "Other");
  const std::string other_org = CreateOrganisation(other, "Elsewhere");
  Response created = Post("/organisations/" + c.org + "/applications", c.lead,
                          {{"scheme_id", "svmc"}, {"level", 1}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string app = "/applications/" + Body(created)["id"].get<std::string>();
  const std::string criterion = Body(created)["missing_evidence"][0];
  const std::map<std::string, std::string> titles = {
      {"scope", "Lunch"},
      {"stakeholder_map", "Stakeholder map: Lunch"},
      {"impact_map", "Friday Lunch Club forecast 2026"},
      {"decision_log", "Run a second lunch club"},
      {"pledge", "Ask our members what changed"},
      {"survey", "Members survey"},
      {"self_assessment", "Self-assessment of " + Day()},
  };
  for (const auto& [kind, title] : titles) {
    SCOPED_TRACE(kind);
    const std::string mine = Make(c.lead, c.org, kind);
    const std::string theirs = Make(other, other_org, kind);
    // The picker lists this organisation's records of the kind, not the other's.
    json options = Body(Get(app + "/records?record_kind=" + kind, c.lead));
    ASSERT_TRUE(options["items"].is_array()) << options.dump();
    bool listed = false;
    for (const json& o : options["items"]) {
      EXPECT_NE(o["id"], theirs);
      if (o["id"] == mine) listed = o["title"] == title;
    }
    EXPECT_TRUE(listed) << options.dump();
    for (const std::string& bad : {std::string("no-such-record"), theirs}) {
      Response r = Post(app + "/evidence", c.lead,
                        {{"criterion_id", criterion},
                         {"kind", "record"},
                         {"record_kind", kind},
                         {"record_id", bad}});
      EXPECT_EQ(r.status, 400) << r.body;
      EXPECT_EQ(Body(r)["error"].value("field", ""), "record_id") << r.body;
      EXPECT_NE(r.body.find("is not"), std::string::npos) << r.body;
    }
    // No title given: the record's own.
    Response ok = Post(app + "/evidence", c.lead,
                       {{"criterion_id", criterion},
                        {"kind", "record"},
                        {"record_kind", kind},
                        {"record_id", mine}});
    ASSERT_EQ(ok.status, 201) << ok.body;
    const json item = Body(ok)["evidence"].back();
    EXPECT_EQ(item["record_id"], mine);
    EXPECT_EQ(item["record_title"], title);
    EXPECT_EQ(item["title"], title);
  }
  EXPECT_EQ(Body(Get(app, c.lead))["evidence"].size(), titles.size());
  EXPECT_EQ(Body(Get(app + "/records?record_kind=diary", c.lead))["error"]["field"], "record_kind");
  EXPECT_EQ(Get(app + "/records?record_kind=pledge", other).status, 404);
}

// The pre-audit view: evidence per criterion, the latest self-assessment with
// its readiness for this level, and for SVQM Bronze the pledges.
TEST_F(EvidenceRecordTest, PreAuditShowsCompletenessSelfAssessmentAndPledges) {
  Certifiable c = MakeCertifiable();
  Session other = SignUp("other@example.org", "Other");
  CreateOrganisation(other, "Elsewhere");
  Response bronze = Post("/organisations/" + c.org + "/applications", c.lead,
                         {{"scheme_id", "svqm-standards"}, {"level", 1}});
  ASSERT_EQ(bronze.status, 201) << bronze.body;
  const std::string app = "/applications/" + Body(bronze)["id"].get<std::string>();
  json pre = Body(Get(app + "/pre-audit", c.admin));
  EXPECT_EQ(pre["criteria_missing"], pre["criteria_total"]);
  EXPECT_GT(pre["criteria_total"].get<int>(), 0);
  EXPECT_TRUE(pre["self_assessment"].is_null());
  EXPECT_EQ(pre["pledges"]["required"], 6);
  EXPECT_EQ(pre["pledges"]["recorded"], 0);

  const std::string pledge = Make(c.lead, c.org, "pledge");
  Make(c.lead, c.org, "pledge");
  Make(c.lead, c.org, "self_assessment");
  ASSERT_EQ(Post(app + "/evidence", c.lead,
                 {{"criterion_id", "svqms.1.plan"},
                  {"kind", "record"},
                  {"record_kind", "pledge"},
                  {"record_id", pledge}})
                .status,
            201);
  pre = Body(Get(app + "/pre-audit", c.admin));
  EXPECT_EQ(pre["criteria_missing"], pre["criteria_total"].get<int>() - 1);
  for (const json& row : pre["criteria"])
    EXPECT_EQ(row["missing"], row["criterion_id"] != "svqms.1.plan") << row;
  EXPECT_EQ(pre["pledges"]["recorded"], 2);
  EXPECT_EQ(pre["pledges"]["referenced"], 1);
  ASSERT_TRUE(pre["self_assessment"].is_object());
  EXPECT_EQ(pre["self_assessment"]["overall"], 75.0);  // every answer 3 of 4
  EXPECT_EQ(pre["self_assessment"]["principles"].size(), 7u);
  EXPECT_TRUE(pre["readiness"].is_null());  // the questionnaire has no rule for this scheme

  // SVMC level 1: the readiness verdict for Commit; no pledges required.
  Response svmc = Post("/organisations/" + c.org + "/applications", c.lead,
                       {{"scheme_id", "svmc"}, {"level", 1}});
  ASSERT_EQ(svmc.status, 201) << svmc.body;
  const std::string svmc_app = "/applications/" + Body(svmc)["id"].get<std::string>();
  pre = Body(Get(svmc_app + "/pre-audit", c.lead));
  EXPECT_EQ(pre["readiness"]["name"], "Commit");
  EXPECT_EQ(pre["readiness"]["ready"], true);
  EXPECT_TRUE(pre["pledges"].is_null());

  // Same access as the application: an unallocated assessor and another
  // organisation learn nothing of it.
  EXPECT_EQ(Get(app + "/pre-audit", c.assessor).status, 404);
  EXPECT_EQ(Get(app + "/pre-audit", other).status, 404);
  EXPECT_EQ(Get(app + "/pre-audit", c.member).status, 200);
}

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
        std::string("Organisation and scope")})
    EXPECT_NE(html.body.find(text), std::string::npos) << text;
  EXPECT_NE(HeaderOf(html, "Content-Security-Policy").find("default-src 'none'"),
            std::string::npos);

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

}  // namespace
}  // namespace valuemark::http
