// The certification API through its router (no socket): schemes, rounds,
// applications from draft to award, evidence, reviews, certificates and the
// register; success, and bad input that changes nothing.
#include <regex>

#include "api_examples.h"
#include "api_fixture.h"
#include "core/lint.h"
#include "formats/impact_map_json.h"

namespace valuemark::http {
namespace {

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
// may start and level 3 may not (svmc-guidance.txt: levels are sequential).
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
  EXPECT_EQ(Post(app + "/sign-off", c.member, kSignature).status, 403);
  ASSERT_EQ(Post(app + "/sign-off", c.lead, kSignature).status, 200);
  EXPECT_EQ(Post(app + "/sign-off", c.lead, kSignature).status, 409);  // twice
  ASSERT_EQ(Post(app + "/sign-off", c.senior, kSignature).status, 200);
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
  ASSERT_EQ(Post(app + "/sign-off", c.lead, kSignature).status, 200);
  ASSERT_EQ(Post(app + "/sign-off", c.senior, kSignature).status, 200);
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
// scheme owner's confirmation (svqm-overview.txt "The Process").
TEST_F(ApiTest, SvqmPledgesThenForecastRecommendedAndConfirmed) {
  Certifiable c = MakeCertifiable();
  Response pledges = Post("/organisations/" + c.org + "/applications", c.lead,
                          {{"scheme_id", "svqm"}, {"level", 1}});
  ASSERT_EQ(pledges.status, 201);
  const std::string p1 = "/applications/" + Body(pledges)["id"].get<std::string>();
  ASSERT_EQ(Post(p1 + "/terms", c.lead).status, 200);
  EvidenceForAll(c.lead, Body(pledges)["id"]);
  ASSERT_EQ(Post(p1 + "/sign-off", c.lead, kSignature).status, 200);
  ASSERT_EQ(Post(p1 + "/sign-off", c.senior, kSignature).status, 200);
  ASSERT_EQ(Post(p1 + "/submit", c.lead).status, 200);
  ASSERT_EQ(Post(p1 + "/award", c.admin).status, 200);  // internal commitment only

  Response forecast = Post("/organisations/" + c.org + "/applications", c.lead,
                           {{"scheme_id", "svqm"}, {"level", 2}});
  ASSERT_EQ(forecast.status, 201) << forecast.body;
  const std::string id = Body(forecast)["id"];
  const std::string p2 = "/applications/" + id;
  ASSERT_EQ(Post(p2 + "/terms", c.lead).status, 200);
  EvidenceForAll(c.lead, id);
  ASSERT_EQ(Post(p2 + "/sign-off", c.lead, kSignature).status, 200);
  ASSERT_EQ(Post(p2 + "/sign-off", c.senior, kSignature).status, 200);
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

// The assessor may recommend rejection, with reasons, when a criterion is not
// met; the administrator then rejects, and the award is refused meanwhile.
TEST_F(ApiTest, AnAssessorRecommendsRejectionAndTheAwardIsRefused) {
  Certifiable c = MakeCertifiable();
  const std::string id = SignedOffApplication(c, "svmc", 1);
  const std::string a = "/applications/" + id;
  ASSERT_EQ(Post(a + "/submit", c.lead).status, 200);
  ASSERT_EQ(Post(a + "/assessor", c.admin, {{"assessor_id", c.assessor.user_id}}).status, 200);
  const json review = Body(Call(Method::kGet, "/api/v1" + a, "", &c.assessor));
  std::vector<std::string> criteria;
  for (const json& e : review["evidence"]) criteria.push_back(e["criterion_id"]);
  std::sort(criteria.begin(), criteria.end());
  criteria.erase(std::unique(criteria.begin(), criteria.end()), criteria.end());
  auto judge = [&](const std::string& criterion, const char* verdict) {
    return Call(Method::kPut, "/api/v1" + a + "/reviews/" + criterion,
                json{{"verdict", verdict}, {"feedback", "See the report"}}.dump(), &c.assessor)
        .status;
  };
  for (const std::string& criterion : criteria) ASSERT_EQ(judge(criterion, "met"), 200);
  const json reasons = {{"summary", "The forecast rests on no consultation."},
                        {"outcome", "rejection"}};
  Response all_met = Post(a + "/recommendation", c.assessor, reasons);
  EXPECT_EQ(all_met.status, 409);  // every criterion is met: recommend the award instead
  EXPECT_NE(all_met.body.find("no criterion is judged not met"), std::string::npos);
  ASSERT_EQ(judge(criteria.front(), "not_met"), 200);
  EXPECT_EQ(
      Post(a + "/recommendation", c.assessor, {{"summary", "x"}, {"outcome", "maybe"}}).status,
      400);
  EXPECT_EQ(Post(a + "/recommendation", c.lead, reasons).status, 403);  // not their review
  EXPECT_EQ(Post(a + "/recommendation", c.assessor, {{"outcome", "rejection"}}).status, 400);
  Response recommended = Post(a + "/recommendation", c.assessor, reasons);
  ASSERT_EQ(recommended.status, 200) << recommended.body;
  EXPECT_EQ(Body(recommended)["state"], "recommended");
  EXPECT_EQ(Body(recommended)["recommended_outcome"], "rejection");
  EXPECT_EQ(Body(recommended)["recommendation"], "The forecast rests on no consultation.");
  Response award = Post(a + "/award", c.admin);
  EXPECT_EQ(award.status, 409);
  EXPECT_NE(award.body.find("recommended rejection"), std::string::npos);
  Response rejected = Post(a + "/rejection", c.admin, {{"reason", "As the assessor found."}});
  ASSERT_EQ(rejected.status, 200);
  EXPECT_EQ(Body(rejected)["state"], "rejected");
  json history = Body(Call(Method::kGet, "/api/v1/audit/application/" + id, "", &c.lead));
  bool audited = false;
  for (const json& e : history["items"])
    audited = audited || e["action"] == "application.recommend_rejection";
  EXPECT_TRUE(audited);
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
  ASSERT_EQ(Post(app + "/sign-off", c.lead, kSignature).status, 200);
  ASSERT_EQ(Post(app + "/sign-off", c.senior, kSignature).status, 200);
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
  EXPECT_EQ(*platform_on(DaysFromCivil(*expires) - 91)->certificates.SendRenewalReminders(), 0);
  EXPECT_EQ(*platform_on(DaysFromCivil(*expires) - 90)->certificates.SendRenewalReminders(), 1);
  EXPECT_EQ(*platform_on(DaysFromCivil(*expires) - 90)->certificates.SendRenewalReminders(),
            0);  // once only
  EXPECT_EQ(*platform_on(DaysFromCivil(*expires) - 30)->certificates.SendRenewalReminders(), 1);
  // At expiry the award lapses: out of the register, and verification says so.
  auto lapsed = platform_on(DaysFromCivil(*expires));
  EXPECT_TRUE(lapsed->certificates.Register({})->empty());
  auto v = lapsed->certificates.VerifyCode(code);
  ASSERT_TRUE(v.has_value());
  EXPECT_FALSE(v->valid);
  EXPECT_TRUE(v->signature_valid);
  EXPECT_EQ(v->status.status, CertificateStatus::kExpired);

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

// The certifying body suspends, reinstates and revokes a certificate: each
// with a reason, by an administrator with no conflict, audited, told to the
// organisation, and its status the same on the verification page, the
// register, the status route and the signed revocation list.
TEST_F(ApiTest, CertificateIsSuspendedReinstatedAndRevokedEverywhere) {
  Certifiable c = MakeCertifiable();
  const std::string app = "/applications/" + SignedOffApplication(c, "svqm", 1);
  ASSERT_EQ(Post(app + "/submit", c.lead).status, 200);
  const std::string cert = Body(Post(app + "/award", c.admin))["certificate_id"];
  const std::string code =
      Body(Call(Method::kGet, "/api/v1/certificates/" + cert))["certificate"]["verification_code"];
  const std::string base = "/certificates/" + cert;
  auto status = [&] { return Body(Call(Method::kGet, "/api/v1" + base + "/status")); };
  auto verify = [&] { return Body(Call(Method::kGet, "/api/v1/verify/" + code)); };
  auto keys = formats::ParseKeySet(Call(Method::kGet, "/api/v1/keys/certificates").body);
  ASSERT_TRUE(keys.has_value());
  auto revocations = [&] {
    Response r = Call(Method::kGet, "/api/v1/certificates/revocations");
    EXPECT_EQ(r.status, 200);
    auto check = app::CheckRevocationList(r.body, *keys);
    EXPECT_TRUE(check.has_value() && check->valid) << r.body;
    return check ? check->list : formats::RevocationList{};
  };
  EXPECT_EQ(status()["status"], "current");
  EXPECT_TRUE(status()["reason"].is_null());
  EXPECT_TRUE(revocations().entries.empty());

  // Who may not: the organisation's own Lead, an assessor, no session; a
  // decision without a reason; an unknown certificate.
  const json reason = {{"reason", "A complaint about the pledges is being investigated"}};
  EXPECT_EQ(Post(base + "/suspend", c.lead, reason).status, 403);
  EXPECT_EQ(Post(base + "/suspend", c.assessor, reason).status, 403);
  EXPECT_EQ(Call(Method::kPost, "/api/v1" + base + "/suspend", reason.dump()).status, 401);
  EXPECT_EQ(Post(base + "/suspend", c.admin, {{"reason", "  "}}).status, 400);
  EXPECT_EQ(Post(base + "/suspend", c.admin, json::object()).status, 400);
  EXPECT_EQ(Post("/certificates/nope/suspend", c.admin, reason).status, 404);
  EXPECT_EQ(Post(base + "/reinstate", c.admin, reason).status, 409);  // not suspended
  // An administrator who is a member of the organisation has a conflict.
  Session insider = Staff("insider@example.org", PlatformRole::kAdministrator);
  Response inv = Post("/organisations/" + c.org + "/invitations", c.lead,
                      {{"email", "insider@example.org"}, {"role", "member"}});
  const std::string url = Body(inv)["accept_url"];
  ASSERT_EQ(Post("/invitations/" + url.substr(url.rfind('/') + 1) + "/accept", insider).status,
            200);
  Response conflicted = Post(base + "/suspend", insider, reason);
  EXPECT_EQ(conflicted.status, 409);
  EXPECT_NE(conflicted.body.find("conflict of interest"), std::string::npos);
  EXPECT_EQ(status()["status"], "current");  // nothing changed

  Response suspended = Post(base + "/suspend", c.admin, reason);
  ASSERT_EQ(suspended.status, 200) << suspended.body;
  EXPECT_EQ(Body(suspended)["status"], "suspended");
  EXPECT_EQ(Body(suspended)["reason"], reason["reason"]);
  EXPECT_FALSE(Body(suspended)["since"].is_null());
  json v = verify();
  EXPECT_FALSE(v["valid"]);
  EXPECT_TRUE(v["signature_valid"]);
  EXPECT_EQ(v["status"], "suspended");
  EXPECT_EQ(v["status_reason"], reason["reason"]);
  EXPECT_NE(v["reason"].get<std::string>().find("suspended this certificate on"),
            std::string::npos);
  json reg = Body(Call(Method::kGet, "/api/v1/register"));
  ASSERT_EQ(reg["items"].size(), 1u);
  EXPECT_EQ(reg["items"][0]["status"], "suspended");
  auto listed = revocations();
  ASSERT_EQ(listed.entries.size(), 1u);
  EXPECT_EQ(listed.entries[0].certificate_id, cert);
  EXPECT_EQ(listed.entries[0].verification_code, code);
  EXPECT_EQ(listed.entries[0].status, "suspended");
  EXPECT_EQ(Post(base + "/suspend", c.admin, reason).status, 409);  // already

  ASSERT_EQ(Post(base + "/reinstate", c.admin, {{"reason", "The complaint was not upheld"}}).status,
            200);
  EXPECT_EQ(status()["status"], "current");
  EXPECT_TRUE(verify()["valid"]);
  EXPECT_TRUE(revocations().entries.empty());
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/register"))["items"][0]["status"], "current");

  ASSERT_EQ(Post(base + "/revoke", c.admin, {{"reason", "Pledges were found to be false"}}).status,
            200);
  EXPECT_EQ(status()["status"], "revoked");
  EXPECT_FALSE(verify()["valid"]);
  EXPECT_EQ(verify()["status"], "revoked");
  EXPECT_TRUE(Body(Call(Method::kGet, "/api/v1/register"))["items"].empty());
  EXPECT_EQ(revocations().entries.at(0).status, "revoked");
  for (const char* step : {"/suspend", "/reinstate", "/revoke"}) {
    Response final_ = Post(base + step, c.admin, reason);
    EXPECT_EQ(final_.status, 409) << step;
    EXPECT_NE(final_.body.find("final"), std::string::npos);
  }
  // The signed document itself never changed.
  auto check =
      app::CheckCertificateDocument(Call(Method::kGet, "/api/v1/certificates/" + cert).body, *keys);
  EXPECT_TRUE(check && check->valid);

  // Audited, and the representatives were told each time.
  json history = Body(Call(Method::kGet, "/api/v1/audit/certificate/" + cert, "", &c.admin));
  std::vector<std::string> actions;
  for (const json& e : history["items"]) actions.push_back(e["action"]);
  EXPECT_NE(std::find(actions.begin(), actions.end(), "certificate.suspend"), actions.end());
  EXPECT_NE(std::find(actions.begin(), actions.end(), "certificate.reinstate"), actions.end());
  EXPECT_NE(std::find(actions.begin(), actions.end(), "certificate.revoke"), actions.end());
  json outbox = Body(Call(Method::kGet, "/api/v1/outbox?limit=200", "", &c.admin));
  int told = 0;
  for (const json& m : outbox["items"]) {
    const std::string subject = m["subject"];
    if (subject.find("suspended") != std::string::npos ||
        subject.find("reinstated") != std::string::npos ||
        subject.find("revoked") != std::string::npos)
      ++told;
  }
  EXPECT_EQ(told, 6);  // three decisions, to the Lead and the Senior Leader
  // Every email of the pathway is in words: no raw state or role, no ISO date.
  const std::regex raw(
      R"(\b(in_review|senior_leader|amendments_requested|submitted\.|queued\.)\b|\d{4}-\d{2}-\d{2})");
  for (const json& m : outbox["items"]) {
    const std::string text = m["subject"].get<std::string>() + "\n" + m["body"].get<std::string>();
    EXPECT_FALSE(std::regex_search(text, raw)) << text;
  }
}

// A renewal starts from the evidence of the award it renews, and the assessor
// sees per criterion what changed since.
TEST_F(ApiTest, RenewalCarriesEvidenceForwardAndShowsWhatChanged) {
  Certifiable c = MakeCertifiable();
  const std::string apps = "/organisations/" + c.org + "/applications";
  const std::string first = Body(Post(apps, c.lead, {{"scheme_id", "svqm"}, {"level", 1}}))["id"];
  ASSERT_EQ(Post("/applications/" + first + "/terms", c.lead).status, 200);
  EvidenceForAll(c.lead, first);
  ASSERT_EQ(Post("/applications/" + first + "/sign-off", c.lead, kSignature).status, 200);
  ASSERT_EQ(Post("/applications/" + first + "/sign-off", c.senior, kSignature).status, 200);
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
  ASSERT_EQ(Post(app + "/sign-off", c.lead, kSignature).status, 200);
  ASSERT_EQ(Post(app + "/sign-off", c.senior, kSignature).status, 200);
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
  ASSERT_EQ(Post(app + "/sign-off", c.lead, kSignature).status, 200);
  ASSERT_EQ(Post(app + "/sign-off", c.senior, kSignature).status, 200);
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
  ASSERT_EQ(*restarted.certification.LoadPublishedSchemes(), 1);
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
  EXPECT_EQ(Post(app + "/sign-off", c.lead, kSignature).status, 409);  // nothing to sign off
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
          {{"name", "Overlap"}, {"opens_on", Day(5)}, {"closes_on", Day(18)}}))["error"]["field"],
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
  ASSERT_EQ(Post(app + "/sign-off", lead, kSignature).status, 200);
  ASSERT_EQ(Post(app + "/sign-off", senior, kSignature).status, 200);
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
    if (kind == "lm3_calculation")
      return id_of(Call(Method::kPost, base + "/lm3",
                        R"({"name": "Lunch club LM3 2025", "income": 1000, "spend": [{"category":
                            "wages", "amount": 500, "local_fraction": 0.5,
                            "respend_local_fraction": 0.2}]})",
                        &lead));
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
      {"lm3_calculation", "Lunch club LM3 2025"},
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
  EXPECT_TRUE(pre["record_checks"].empty());

  // An impact map given as evidence: the pre-audit runs its principles check
  // at the version given, as the assessor would.
  // The lunch club with its members' group cut to 5 people: every members'
  // outcome then claims more people than the group has (an error).
  json small = json::parse(ReadSource("examples/lunch-club.json"));
  small["stakeholders"][0]["size"] = 5;
  Response made =
      Call(Method::kPost, "/api/v1/organisations/" + c.org + "/impact-maps", small.dump(), &c.lead);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string map = Body(made)["id"];
  ASSERT_EQ(Post(svmc_app + "/evidence", c.lead,
                 {{"criterion_id", "svmc.1.assess.1"},
                  {"kind", "record"},
                  {"record_kind", "impact_map"},
                  {"record_id", map}})
                .status,
            201);
  auto lunch = formats::ParseImpactMap(small.dump());
  ASSERT_TRUE(lunch.has_value());
  int errors = 0, warnings = 0;
  for (const Finding& f : LintImpactMap(*lunch)) {
    errors += f.severity == Severity::kError;
    warnings += f.severity == Severity::kWarning;
  }
  EXPECT_GT(errors, 0);
  pre = Body(Get(svmc_app + "/pre-audit", c.lead));
  ASSERT_EQ(pre["record_checks"].size(), 1u);
  const json& check = pre["record_checks"][0];
  EXPECT_EQ(check["record_id"], map);
  EXPECT_EQ(check["criterion_id"], "svmc.1.assess.1");
  EXPECT_EQ(check["version"], 1);
  EXPECT_TRUE(check["found"]);
  EXPECT_EQ(check["errors"], errors);
  EXPECT_EQ(check["warnings"], warnings);
  ASSERT_EQ(check["findings"].size(), static_cast<size_t>(errors + warnings));
  EXPECT_EQ(check["findings"][0]["severity"], "error");  // errors first
  for (const json& f : check["findings"]) EXPECT_FALSE(f["message"].get<std::string>().empty());

  // Same access as the application: an unallocated assessor and another
  // organisation learn nothing of it.
  EXPECT_EQ(Get(app + "/pre-audit", c.assessor).status, 404);
  EXPECT_EQ(Get(app + "/pre-audit", other).status, 404);
  EXPECT_EQ(Get(app + "/pre-audit", c.member).status, 200);
}

// The task inbox follows an application from hand to hand: each task shows
// for the person whose turn it is, in words with the page where it is done,
// and is gone as soon as it is done. Each hand-over is also emailed.
TEST_F(ApiTest, TheTaskInboxFollowsAnApplicationFromHandToHand) {
  Certifiable c = MakeCertifiable();
  auto tasks = [&](const Session& s) {
    Response r = Call(Method::kGet, "/api/v1/me/tasks", "", &s);
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> kinds;
    const json list = Body(r);
    for (const json& t : list["items"]) {
      kinds.push_back(t["kind"]);
      EXPECT_FALSE(t["title"].get<std::string>().empty());
      EXPECT_EQ(t["organisation_name"], "Riverside");
      EXPECT_EQ(t["link"].get<std::string>().rfind("/applications/", 0), 0u);
      // Words for people: no enum value or criterion code in the sentence.
      EXPECT_EQ(t["detail"].get<std::string>().find('_'), std::string::npos) << t["detail"];
    }
    return kinds;
  };
  using Kinds = std::vector<std::string>;
  const std::string id = Body(Post("/organisations/" + c.org + "/applications", c.lead,
                                   {{"scheme_id", "svmc"}, {"level", 1}}))["id"];
  const std::string a = "/applications/" + id;
  ASSERT_EQ(Post(a + "/terms", c.lead).status, 200);
  EXPECT_EQ(tasks(c.lead), Kinds{});  // evidence still missing: nothing to sign yet
  EvidenceForAll(c.lead, id);
  EXPECT_EQ(tasks(c.lead), Kinds{"sign_off"});
  EXPECT_EQ(tasks(c.senior), Kinds{"sign_off"});
  EXPECT_EQ(tasks(c.member), Kinds{});  // not a representative
  ASSERT_EQ(Post(a + "/sign-off", c.lead, kSignature).status, 200);
  EXPECT_EQ(tasks(c.lead), Kinds{});
  EXPECT_EQ(tasks(c.senior), Kinds{"sign_off"});
  ASSERT_EQ(Post(a + "/sign-off", c.senior, kSignature).status, 200);
  EXPECT_EQ(tasks(c.senior), Kinds{});
  EXPECT_EQ(tasks(c.lead), Kinds{"submit"});
  EXPECT_EQ(tasks(c.admin), Kinds{});
  ASSERT_EQ(Post(a + "/submit", c.lead).status, 200);
  EXPECT_EQ(tasks(c.lead), Kinds{});
  EXPECT_EQ(tasks(c.admin), Kinds{"allocate"});
  EXPECT_EQ(tasks(c.assessor), Kinds{});
  ASSERT_EQ(Post(a + "/assessor", c.admin, {{"assessor_id", c.assessor.user_id}}).status, 200);
  EXPECT_EQ(tasks(c.admin), Kinds{});
  EXPECT_EQ(tasks(c.assessor), Kinds{"review"});
  const json review = Body(Call(Method::kGet, "/api/v1" + a, "", &c.assessor));
  for (const json& e : review["evidence"])
    Call(Method::kPut, "/api/v1" + a + "/reviews/" + e["criterion_id"].get<std::string>(),
         R"({"verdict": "met"})", &c.assessor);
  ASSERT_EQ(Post(a + "/recommendation", c.assessor, {{"summary", "All met"}}).status, 200);
  EXPECT_EQ(tasks(c.assessor), Kinds{});
  EXPECT_EQ(tasks(c.admin), Kinds{"decide"});
  ASSERT_EQ(Post(a + "/award", c.admin).status, 200);
  EXPECT_EQ(tasks(c.admin), Kinds{});
  EXPECT_EQ(tasks(c.lead), Kinds{});  // the award runs for years: no renewal yet

  // The emails that go with each hand-over, to the person whose turn it is.
  json outbox = Body(Call(Method::kGet, "/api/v1/outbox?limit=200", "", &c.admin));
  auto mailed = [&](const std::string& to, const std::string& what) {
    int n = 0;
    for (const json& m : outbox["items"])
      if (m["to"] == to && m["subject"].get<std::string>().find(what) != std::string::npos) ++n;
    return n;
  };
  EXPECT_EQ(mailed("senior@example.org", "your sign-off is waiting"), 1);
  EXPECT_EQ(mailed("lead@example.org", "the evidence is signed off"), 1);
  EXPECT_EQ(mailed("admin@example.org", "to allocate"), 1);
  EXPECT_EQ(mailed("admin@example.org", "to decide"), 1);
  EXPECT_EQ(mailed("assessor@example.org", "allocated to you"), 1);

  // Without a session there is no inbox.
  EXPECT_EQ(Call(Method::kGet, "/api/v1/me/tasks", "", nullptr).status, 401);
}

// An administrator who belongs to the organisation is never given its
// allocation or decision (conflict of interest).
TEST_F(ApiTest, AnAdministratorIsNotGivenTheTasksOfTheirOwnOrganisation) {
  Certifiable c = MakeCertifiable();
  Session insider = Join(c.lead, c.org, "insider@example.org", "member");
  ASSERT_EQ(Call(Method::kPatch, "/api/v1/users/" + insider.user_id,
                 R"({"platform_role": "administrator"})", &c.admin)
                .status,
            200);
  const std::string id = SignedOffApplication(c);
  ASSERT_EQ(Post("/applications/" + id + "/submit", c.lead).status, 200);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/me/tasks", "", &c.admin))["items"].size(), 1u);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/me/tasks", "", &insider))["items"].size(), 0u);
  json outbox = Body(Call(Method::kGet, "/api/v1/outbox?limit=200", "", &c.admin));
  for (const json& m : outbox["items"]) {
    if (m["subject"].get<std::string>().find("to allocate") != std::string::npos) {
      EXPECT_NE(m["to"], "insider@example.org");
    }
  }
}

// A sign-off is a declaration: its words are shown before signing and kept
// with it, and the signatory gives their password again. A wrong password
// signs nothing, and guessing is throttled like a login.
TEST_F(ApiTest, ASignOffIsADeclarationMadeWithThePassword) {
  Certifiable c = MakeCertifiable();
  const std::string id = Body(Post("/organisations/" + c.org + "/applications", c.lead,
                                   {{"scheme_id", "svmc"}, {"level", 1}}))["id"];
  const std::string a = "/applications/" + id;
  ASSERT_EQ(Post(a + "/terms", c.lead).status, 200);
  EvidenceForAll(c.lead, id);
  const json before = Body(Call(Method::kGet, "/api/v1" + a, "", &c.senior));
  ASSERT_EQ(before["declarations"].size(), 2u);
  const std::string senior_words = before["declarations"][1]["text"];
  EXPECT_EQ(before["declarations"][1]["role"], "senior_leader");
  EXPECT_NE(senior_words.find("As the Senior Leader of the organisation, I declare"),
            std::string::npos);
  EXPECT_NE(senior_words.find("Social Value Management Certificate: "), std::string::npos);

  Response none = Post(a + "/sign-off", c.senior);
  EXPECT_EQ(none.status, 400);  // no body: the password is required
  Response wrong = Post(a + "/sign-off", c.senior, {{"password", "not my password"}});
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(Body(wrong)["error"]["fields"][0]["field"], "password");
  EXPECT_TRUE(Body(Call(Method::kGet, "/api/v1" + a, "", &c.senior))["sign_offs"].empty());

  Response signed_off = Post(a + "/sign-off", c.senior, kSignature);
  ASSERT_EQ(signed_off.status, 200) << signed_off.body;
  EXPECT_EQ(Body(signed_off)["sign_offs"][0]["declaration"], senior_words);

  // Five wrong passwords reach the login limit (five in the window):
  // then even the right one waits.
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(Post(a + "/sign-off", c.lead, {{"password", "guess " + std::to_string(i)}}).status,
              400);
  Response throttled = Post(a + "/sign-off", c.lead, kSignature);
  EXPECT_EQ(throttled.status, 429);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1" + a, "", &c.lead))["sign_offs"].size(), 1u);
}

// A round is changed or cancelled by the administrator while nobody has
// applied into it; it runs for two weeks; the queue lists a round's
// applications.
TEST_F(ApiTest, RoundsAreChangedOrCancelledUntilSomeoneApplies) {
  Certifiable c = MakeCertifiable();  // with the round open now
  json rounds = Body(Call(Method::kGet, "/api/v1/rounds", "", &c.admin));
  ASSERT_EQ(rounds["items"].size(), 1u);
  const std::string now_round = rounds["items"][0]["id"];
  Response later = Post("/rounds", c.admin,
                        {{"name", "Autumn"}, {"opens_on", Day(100)}, {"closes_on", Day(113)}});
  ASSERT_EQ(later.status, 201) << later.body;
  const std::string autumn = "/api/v1/rounds/" + Body(later)["id"].get<std::string>();
  const int before = AuditEntries();

  // Three weeks is refused, beside the closing date, and nothing changes.
  Response long_round = Call(
      Method::kPatch, autumn,
      json{{"name", "Autumn"}, {"opens_on", Day(100)}, {"closes_on", Day(120)}}.dump(), &c.admin);
  EXPECT_EQ(long_round.status, 400);
  EXPECT_EQ(Body(long_round)["error"]["fields"][0]["field"], "closes_on");
  EXPECT_NE(long_round.body.find("a round runs for two weeks"), std::string::npos);
  EXPECT_EQ(
      Call(Method::kPatch, autumn,
           json{{"name", "Autumn"}, {"opens_on", Day(5)}, {"closes_on", Day(18)}}.dump(), &c.admin)
          .status,
      400);  // overlaps the open round
  EXPECT_EQ(
      Call(Method::kPatch, autumn,
           json{{"name", "Mine"}, {"opens_on", Day(100)}, {"closes_on", Day(113)}}.dump(), &c.lead)
          .status,
      403);
  EXPECT_EQ(AuditEntries(), before);

  Response moved =
      Call(Method::kPatch, autumn,
           json{{"name", "Late autumn"}, {"opens_on", Day(120)}, {"closes_on", Day(133)}}.dump(),
           &c.admin);
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(Body(moved)["name"], "Late autumn");
  EXPECT_EQ(Body(moved)["opens_on"], Day(120));
  EXPECT_EQ(Call(Method::kDelete, autumn, "", &c.lead).status, 403);
  EXPECT_EQ(Call(Method::kDelete, autumn, "", &c.admin).status, 204);
  EXPECT_EQ(Call(Method::kDelete, autumn, "", &c.admin).status, 404);
  EXPECT_EQ(AuditEntries(), before + 2);

  // Once an application joins the open round, it stays as it is.
  const std::string id = SignedOffApplication(c);
  ASSERT_EQ(Post("/applications/" + id + "/submit", c.lead).status, 200);
  Response refused = Call(Method::kDelete, "/api/v1/rounds/" + now_round, "", &c.admin);
  EXPECT_EQ(refused.status, 409);
  EXPECT_NE(refused.body.find("1 application has joined"), std::string::npos);
  EXPECT_EQ(Call(Method::kPatch, "/api/v1/rounds/" + now_round,
                 json{{"name", "Renamed"}, {"opens_on", Day(-1)}, {"closes_on", Day(12)}}.dump(),
                 &c.admin)
                .status,
            409);
  json in_round =
      Body(Call(Method::kGet, "/api/v1/applications?round_id=" + now_round, "", &c.admin));
  ASSERT_EQ(in_round["items"].size(), 1u);
  EXPECT_EQ(in_round["items"][0]["application"]["id"], id);
  EXPECT_TRUE(in_round["items"][0]["assessor_name"].is_null());  // not allocated yet
  ASSERT_EQ(
      Post("/applications/" + id + "/assessor", c.admin, {{"assessor_id", c.assessor.user_id}})
          .status,
      200);
  EXPECT_EQ(
      Body(Call(Method::kGet, "/api/v1/applications", "", &c.admin))["items"][0]["assessor_name"],
      "Staff");
  EXPECT_EQ(
      Body(Call(Method::kGet, "/api/v1/applications?round_id=other", "", &c.admin))["items"].size(),
      0u);
  // The rounds list counts each round's applications for staff, and for nobody else.
  auto count_of = [&](const Session& who, const std::string& round) {
    const json list = Body(Call(Method::kGet, "/api/v1/rounds", "", &who));
    for (const json& r : list["items"])
      if (r["id"] == round) return r["applications"];
    return json("no such round");
  };
  EXPECT_EQ(count_of(c.admin, now_round), 1);
  EXPECT_EQ(count_of(c.assessor, now_round), 1);
  EXPECT_TRUE(count_of(c.lead, now_round).is_null());
  const json quiet = Body(Post(
      "/rounds", c.admin, {{"name", "Winter"}, {"opens_on", Day(200)}, {"closes_on", Day(213)}}));
  EXPECT_EQ(count_of(c.admin, quiet["id"]), 0);
}
// The assessor asks about a criterion, the Lead answers, each is emailed in
// turn; after the amendments the assessor sees what changed on that criterion,
// and the timeline tells the story in words.
TEST_F(ApiTest, TheAssessorAndTheOrganisationTalkAboutACriterion) {
  Certifiable c = MakeCertifiable();
  const std::string id = SignedOffApplication(c);
  const std::string a = "/applications/" + id;
  const std::string criterion =
      Body(Call(Method::kGet, "/api/v1" + a, "", &c.lead))["evidence"][0]["criterion_id"];
  auto say = [&](const Session& s, const json& body) { return Post(a + "/messages", s, body); };
  const json question = {{"criterion_id", criterion},
                         {"body", "Which board meeting approved this?\nPlease add its minute."}};
  // Before an assessor is allocated there is nobody to talk to.
  ASSERT_EQ(Post(a + "/submit", c.lead).status, 200);
  EXPECT_EQ(say(c.lead, question).status, 409);
  ASSERT_EQ(Post(a + "/assessor", c.admin, {{"assessor_id", c.assessor.user_id}}).status, 200);

  Response asked = say(c.assessor, question);
  ASSERT_EQ(asked.status, 200) << asked.body;
  const json thread = Body(asked)["messages"];
  ASSERT_EQ(thread.size(), 1u);
  EXPECT_EQ(thread[0]["from"], "assessor");
  EXPECT_EQ(thread[0]["author_name"], "Staff");  // the fixture's staff are all "Staff"
  EXPECT_EQ(thread[0]["body"], question["body"]);
  // The question waits in both representatives' inboxes until one of them answers.
  auto inbox = [&](const Session& who) {
    std::vector<std::string> out;
    const json list = Body(Call(Method::kGet, "/api/v1/me/tasks", "", &who));
    for (const json& t : list["items"]) out.push_back(t["kind"]);
    return out;
  };
  EXPECT_EQ(inbox(c.lead), std::vector<std::string>{"answer"});
  EXPECT_EQ(inbox(c.senior), std::vector<std::string>{"answer"});
  EXPECT_EQ(inbox(c.member), std::vector<std::string>{});
  Response answered =
      say(c.senior, {{"criterion_id", criterion}, {"body", "The meeting of 3 March."}});
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(Body(answered)["messages"][1]["from"], "organisation");
  EXPECT_EQ(inbox(c.lead), std::vector<std::string>{});

  // Refused, and nothing changes: a member, the administrator, a stranger, bad input.
  const int64_t version = Body(Call(Method::kGet, "/api/v1" + a, "", &c.lead))["version"];
  EXPECT_EQ(say(c.member, question).status, 403);
  EXPECT_EQ(say(c.admin, question).status, 403);
  Session stranger = SignUp("stranger@example.org", "Stranger");
  EXPECT_EQ(say(stranger, question).status, 404);
  Response unknown = say(c.lead, {{"criterion_id", "svmc.9.9"}, {"body", "Hello"}});
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(Body(unknown)["error"]["fields"][0]["field"], "criterion_id");
  EXPECT_EQ(say(c.lead, {{"criterion_id", criterion}, {"body", ""}}).status, 400);
  EXPECT_EQ(say(c.lead, {{"criterion_id", criterion}, {"body", "bell\x07"}}).status, 400);
  EXPECT_EQ(say(c.lead, {{"criterion_id", criterion}, {"body", std::string(4001, 'x')}}).status,
            400);
  EXPECT_EQ(say(c.lead, {{"criterion_id", criterion}, {"body", "Hi"}, {"extra", 1}}).status, 400);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1" + a, "", &c.lead))["version"], version);

  // Each side hears of the other's message, with the words and the criterion in words.
  json outbox = Body(Call(Method::kGet, "/api/v1/outbox?limit=200", "", &c.admin));
  int to_lead = 0, to_assessor = 0;
  for (const json& m : outbox["items"]) {
    const std::string subject = m["subject"];
    if (subject.find("a message about") == std::string::npos) continue;
    EXPECT_EQ(subject.find(criterion), std::string::npos) << subject;  // no criterion code
    if (m["to"] == "lead@example.org") {
      ++to_lead;
      EXPECT_NE(m["body"].get<std::string>().find("Please add its minute."), std::string::npos);
    }
    if (m["to"] == "assessor@example.org") ++to_assessor;
  }
  EXPECT_EQ(to_lead, 1);
  EXPECT_EQ(to_assessor, 1);

  // Amendments: a minute added, the old document taken away.
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1" + a + "/amendments", "", &c.assessor))["items"],
            json::array());
  const json app = Body(Call(Method::kGet, "/api/v1" + a, "", &c.assessor));
  for (const json& e : app["evidence"]) {
    const json verdict = e["criterion_id"] == criterion
                             ? json{{"verdict", "amendment_needed"}, {"feedback", "Add the minute"}}
                             : json{{"verdict", "met"}};
    ASSERT_EQ(Call(Method::kPut, "/api/v1" + a + "/reviews/" + e["criterion_id"].get<std::string>(),
                   verdict.dump(), &c.assessor)
                  .status,
              200);
  }
  ASSERT_EQ(Post(a + "/amendments", c.assessor).status, 200);
  const std::string old_evidence = app["evidence"][0]["id"];
  ASSERT_EQ(Post(a + "/evidence", c.lead,
                 {{"criterion_id", criterion},
                  {"kind", "link"},
                  {"title", "Board minute of 3 March"},
                  {"url", "https://example.org/minute.pdf"}})
                .status,
            201);
  ASSERT_EQ(Call(Method::kDelete, "/api/v1" + a + "/evidence/" + old_evidence, "", &c.lead).status,
            200);
  ASSERT_EQ(Post(a + "/sign-off", c.lead, kSignature).status, 200);
  ASSERT_EQ(Post(a + "/sign-off", c.senior, kSignature).status, 200);
  ASSERT_EQ(Post(a + "/submit", c.lead).status, 200);
  const json changes = Body(Call(Method::kGet, "/api/v1" + a + "/amendments", "", &c.assessor));
  int changed = 0;
  for (const json& d : changes["items"]) {
    if (d["change"] == "unchanged") continue;
    ++changed;
    EXPECT_EQ(d["criterion_id"], criterion);
    EXPECT_EQ(d["added"], json::array({"Board minute of 3 March"}));
    EXPECT_EQ(d["removed"], json::array({"Document"}));
  }
  EXPECT_EQ(changed, 1);
  EXPECT_EQ(Call(Method::kGet, "/api/v1" + a + "/amendments", "", &stranger).status, 404);

  // The timeline: the milestones in order, by name.
  const json timeline = Body(Call(Method::kGet, "/api/v1" + a + "/timeline", "", &c.member));
  std::vector<std::string> kinds;
  for (const json& e : timeline["items"]) kinds.push_back(e["kind"]);
  EXPECT_EQ(kinds,
            (std::vector<std::string>{"started", "terms_accepted", "signed_off", "signed_off",
                                      "submitted", "allocated", "amendments_requested",
                                      "signed_off", "signed_off", "resubmitted"}));
  EXPECT_EQ(timeline["items"][5]["by"], "Staff");
  EXPECT_EQ(timeline["items"][9]["title"], "Resubmitted with the amendments");
  EXPECT_EQ(Call(Method::kGet, "/api/v1" + a + "/timeline", "", &stranger).status, 404);

  // Once decided, the conversation is closed.
  ASSERT_EQ(Post(a + "/rejection", c.admin, {{"reason", "Evidence of another body"}}).status, 200);
  EXPECT_EQ(say(c.lead, {{"criterion_id", criterion}, {"body", "But"}}).status, 409);
}
// A pledge's owner is asked to update it from 14 days before it is due, and
// told when it is overdue; nobody else is, and a pledge done is gone.
TEST_F(ApiTest, APledgeDueSoonWaitsInItsOwnersInbox) {
  Certifiable c = MakeCertifiable();
  const std::string base = "/organisations/" + c.org + "/pledges";
  auto pledge = [&](const std::string& title, int due_in) {
    Response r =
        Post(base, c.lead,
             {{"title", title}, {"owner_user_id", c.member.user_id}, {"due_date", Day(due_in)}});
    EXPECT_EQ(r.status, 201) << r.body;
    return Body(r);
  };
  const json soon = pledge("Ask our members what changed", 10);
  pledge("Publish the annual impact report", 60);
  auto tasks = [&](const Session& who) {
    return Body(Call(Method::kGet, "/api/v1/me/tasks", "", &who))["items"];
  };
  json mine = tasks(c.member);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["kind"], "pledge");
  EXPECT_EQ(mine[0]["title"], "Update a pledge that is due soon");
  EXPECT_EQ(mine[0]["due"], Day(10));
  EXPECT_EQ(mine[0]["link"], "/organisations/" + c.org + "/pledges");
  const std::string detail = mine[0]["detail"];
  EXPECT_NE(detail.find("“Ask our members what changed” is due on"), std::string::npos) << detail;
  EXPECT_EQ(detail.find(Day(10)), std::string::npos) << "a date in words, not " << detail;
  EXPECT_EQ(tasks(c.lead).size(), 0u);  // not theirs

  now_ += 20 * 86400;  // ten days late (and signed in again: sessions end after 12 idle hours)
  c.member = LogIn("member@example.org");
  mine = tasks(c.member);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["title"], "Update an overdue pledge");
  ASSERT_EQ(Call(Method::kPatch, "/api/v1" + base + "/" + soon["id"].get<std::string>(),
                 json{{"status", "done"}, {"progress", 100}, {"version", soon["version"]}}.dump(),
                 &c.member)
                .status,
            200);
  EXPECT_EQ(tasks(c.member).size(), 0u);
}
// The terms and conditions are versioned documents: shown whole, named by
// the scheme, and the version accepted is kept with the application.
TEST_F(ApiTest, TheTermsAreAVersionedDocumentAndTheAcceptedVersionIsKept) {
  Certifiable c = MakeCertifiable();
  const json schemes = Body(Call(Method::kGet, "/api/v1/schemes"));
  std::map<std::string, std::string> terms;
  for (const json& s : schemes["items"]) terms[s["id"]] = s["terms"];
  EXPECT_EQ(terms["svmc"], "svmc-terms-v1");
  EXPECT_EQ(terms["svqm"], "svqm-terms-v1");

  Response doc = Call(Method::kGet, "/api/v1/terms/svmc-terms-v1");  // public
  ASSERT_EQ(doc.status, 200) << doc.body;
  EXPECT_EQ(Body(doc)["title"],
            "Social Value Management Certificate: terms and conditions, version 1");
  const std::string text = Body(doc)["text"];
  EXPECT_EQ(text.rfind("These terms apply", 0), 0u);  // the title is not repeated
  EXPECT_NE(text.find("7. Appeals."), std::string::npos);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/terms/svmc-terms-v9").status, 404);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/terms/..%2Fschemes").status, 404);

  const std::string id = Body(Post("/organisations/" + c.org + "/applications", c.lead,
                                   {{"scheme_id", "svmc"}, {"level", 1}}))["id"];
  EXPECT_TRUE(Body(Call(Method::kGet, "/api/v1/applications/" + id, "", &c.lead))["terms_version"]
                  .is_null());
  EXPECT_EQ(Post("/applications/" + id + "/terms", c.member).status, 403);
  Response accepted = Post("/applications/" + id + "/terms", c.lead);
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(Body(accepted)["terms_version"], "svmc-terms-v1");
  EXPECT_EQ(Body(accepted)["terms_accepted_by"], c.lead.user_id);

  // A scheme version that names terms the server does not have is refused.
  std::ifstream in(std::string(VALUEMARK_SOURCE_DIR) + "/data/schemes/svmc-v2.json");
  json v3 = json::parse(in);
  v3["version"] = 3;
  v3["terms"] = "svmc-terms-v2";
  Response unknown = Call(Method::kPost, "/api/v1/schemes", v3.dump(), &c.admin);
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(Body(unknown)["error"]["field"], "terms");
  v3["terms"] = "Terms V2!";
  EXPECT_EQ(Body(Call(Method::kPost, "/api/v1/schemes", v3.dump(), &c.admin))["error"]["field"],
            "terms");
}

}  // namespace
}  // namespace valuemark::http
