// The support registers (docs/api.md "Support"), on both databases: the
// certifying body keeps the register of practitioners, the directory of
// consultants and the resource library; anyone searches them; a criterion's
// help names the consultants and resources attached to it.
#include "api_fixture.h"

namespace valuemark::http {
namespace {

class SupportTest : public ApiTest {};

TEST_F(SupportTest, TheRegisterOfPractitionersIsKeptByTheCertifyingBodyAndSearchedByAnyone) {
  const Session admin = Staff("admin@example.org", PlatformRole::kAdministrator);
  const Session lead = SignUp("lead@example.org");
  const json ann = {{"name", "Ann Jones"},       {"level", 2},
                    {"organisation", "Cwm CIC"}, {"contact", "ann@cwm.example"},
                    {"areas", {"wales"}},        {"awarded_on", Day(-400)},
                    {"expires_on", Day(30)}};
  // Only administrators add; bad input changes nothing and names each field.
  EXPECT_EQ(Call(Method::kPost, "/api/v1/practitioners", ann.dump(), &lead).status, 403);
  EXPECT_EQ(Call(Method::kPost, "/api/v1/practitioners", ann.dump()).status, 401);
  json bad = ann;
  bad["level"] = 4;
  bad["areas"] = {"atlantis"};
  bad["expires_on"] = Day(-500);
  bad["name"] = "Ann\x01";
  Response refused = Call(Method::kPost, "/api/v1/practitioners", bad.dump(), &admin);
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(ErrorFields(Body(refused)),
            (std::set<std::string>{"name", "level", "areas", "expires_on"}))
      << refused.body;
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/practitioners"))["total"], 0);

  Response added = Call(Method::kPost, "/api/v1/practitioners", ann.dump(), &admin);
  ASSERT_EQ(added.status, 201) << added.body;
  const json a = Body(added);
  EXPECT_EQ(a["standing"], "ending_soon");  // 30 days left
  EXPECT_EQ(a["area_names"][0]["name"], "Wales");
  json bob = ann;
  bob["name"] = "Bob Smith";
  bob["level"] = 3;
  bob["areas"] = {"uk_wide"};
  bob["organisation"] = "";
  bob["expires_on"] = Day(700);
  const json b = Body(Call(Method::kPost, "/api/v1/practitioners", bob.dump(), &admin));
  json old = ann;
  old["name"] = "Cath Old";
  old["level"] = 1;
  old["expires_on"] = Day(-1);
  ASSERT_EQ(Call(Method::kPost, "/api/v1/practitioners", old.dump(), &admin).status, 201);

  // Anyone searches, signed in or not: an ended accreditation is left out
  // unless asked for; the whole UK serves Wales; "level" is that or above.
  json all = Body(Call(Method::kGet, "/api/v1/practitioners"));
  EXPECT_EQ(all["total"], 2) << all;
  EXPECT_EQ(all["items"][0]["name"], "Ann Jones");  // by name
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/practitioners?include_expired=true"))["total"], 3);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/practitioners?area=wales"))["total"], 2);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/practitioners?area=london"))["total"], 1);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/practitioners?level=3"))["items"][0]["name"],
            "Bob Smith");
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/practitioners?q=CWM"))["total"], 1);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/practitioners?level=9").status, 400);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/practitioners?include_expired=yes").status, 400);

  // A renewal names the version read; a stale one is refused.
  json renewed = ann;
  renewed["expires_on"] = Day(3 * 365);
  renewed["version"] = 1;
  Response updated = Call(Method::kPut, "/api/v1/practitioners/" + a["id"].get<std::string>(),
                          renewed.dump(), &admin);
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(Body(updated)["standing"], "current");
  EXPECT_EQ(Body(updated)["version"], 2);
  EXPECT_EQ(Call(Method::kPut, "/api/v1/practitioners/" + a["id"].get<std::string>(),
                 renewed.dump(), &admin)
                .status,
            409);
  EXPECT_EQ(Call(Method::kDelete, "/api/v1/practitioners/" + b["id"].get<std::string>(), "", &lead)
                .status,
            403);
  EXPECT_EQ(Call(Method::kDelete, "/api/v1/practitioners/" + b["id"].get<std::string>(), "", &admin)
                .status,
            204);
  EXPECT_EQ(Call(Method::kDelete, "/api/v1/practitioners/" + b["id"].get<std::string>(), "", &admin)
                .status,
            404);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/practitioners"))["total"], 1);
  // Each change is in the platform's audit trail.
  const json history = Body(Call(Method::kGet, "/api/v1/audit/platform?limit=100", "", &admin));
  std::set<std::string> actions;
  for (const json& e : history["items"])
    if (e["entity_type"] == "practitioner") actions.insert(e["action"].get<std::string>());
  EXPECT_EQ(actions,
            (std::set<std::string>{"support.practitioner_add", "support.practitioner_update",
                                   "support.practitioner_remove"}))
      << history;
}

TEST_F(SupportTest, ConsultantsAndResourcesAreFoundFromTheCriteriaTheyHelpWith) {
  const Session admin = Staff("admin@example.org", PlatformRole::kAdministrator);
  const Session lead = SignUp("lead@example.org");
  const json bridge = {{"name", "Bridge Consulting"},
                       {"organisation", "Bridge CIC"},
                       {"summary", "Policies and action plans for the first level"},
                       {"email", "hello@bridge.example"},
                       {"areas", {"wales", "london"}},
                       {"schemes", {"svmc"}},
                       {"languages", {"en", "cy"}},
                       {"criteria", {"svmc.1.plan.1"}}};
  EXPECT_EQ(Call(Method::kPost, "/api/v1/consultants", bridge.dump(), &lead).status, 403);
  json bad = bridge;
  bad["languages"] = json::array();
  bad["criteria"] = {"svmc.9.none"};
  bad["schemes"] = {"iso"};
  bad["website"] = "javascript:alert(1)";
  Response refused = Call(Method::kPost, "/api/v1/consultants", bad.dump(), &admin);
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(ErrorFields(Body(refused)),
            (std::set<std::string>{"website", "schemes", "languages", "criteria"}))
      << refused.body;
  Response added = Call(Method::kPost, "/api/v1/consultants", bridge.dump(), &admin);
  ASSERT_EQ(added.status, 201) << added.body;
  const json k = Body(added);
  EXPECT_EQ(k["language_names"][0]["name"], "Welsh");  // in code order: cy, en
  EXPECT_EQ(k["scheme_names"][0]["name"], "Social Value Management Certificate");
  EXPECT_EQ(k["criterion_details"][0]["level_name"], "Commit");
  EXPECT_EQ(k["criterion_details"][0]["stage"], "Plan");
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/consultants?language=cy&area=wales"))["total"], 1);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/consultants?language=pl"))["total"], 0);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/consultants?scheme=svqm"))["total"], 0);

  // The library: the built-in Level 1 templates come first and cannot be
  // changed; an administrator publishes a link and a file.
  json library = Body(Call(Method::kGet, "/api/v1/resources"));
  ASSERT_GE(library["total"].get<int>(), 2) << library;
  const json policy = library["items"][0];
  EXPECT_EQ(policy["kind"], "template");
  EXPECT_EQ(policy["built_in"], true);
  Response template_file =
      Call(Method::kGet, "/api/v1/resources/" + policy["id"].get<std::string>() + "/file");
  ASSERT_EQ(template_file.status, 200);
  EXPECT_NE(template_file.body.find("# "), std::string::npos);
  EXPECT_NE(HeaderValue(template_file, "content-disposition").find(".md"), std::string::npos);
  json change = {{"title", "Mine"},
                 {"kind", "template"},
                 {"summary", "A changed template"},
                 {"link", "https://example.org/x"},
                 {"version", 1}};
  EXPECT_EQ(Call(Method::kPut, "/api/v1/resources/" + policy["id"].get<std::string>(),
                 change.dump(), &admin)
                .status,
            409);
  EXPECT_EQ(
      Call(Method::kDelete, "/api/v1/resources/" + policy["id"].get<std::string>(), "", &admin)
          .status,
      409);

  const json webinar = {{"title", "Involving stakeholders"},
                        {"kind", "webinar"},
                        {"summary", "A recorded hour on involving stakeholders"},
                        {"link", "https://example.org/webinar"},
                        {"schemes", {"svmc"}},
                        {"criteria", {"svmc.1.plan.1", "svmc.1.do.1"}}};
  EXPECT_EQ(Call(Method::kPost, "/api/v1/resources", webinar.dump(), &lead).status, 403);
  Response linked = Call(Method::kPost, "/api/v1/resources", webinar.dump(), &admin);
  ASSERT_EQ(linked.status, 201) << linked.body;
  EXPECT_EQ(
      Call(Method::kGet, "/api/v1/resources/" + Body(linked)["id"].get<std::string>() + "/file")
          .status,
      404);  // a link has no file

  // A file is judged by its content: a script named .pdf is refused.
  const std::string pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
  json file_resource = {{"title", "A case study"},
                        {"kind", "case_study"},
                        {"summary", "How a housing association reached Commit"},
                        {"criteria", {"svmc.1.plan.1"}},
                        {"file", {{"name", "../../case study.pdf"}, {"base64", app::Base64(pdf)}}}};
  json script = file_resource;
  script["file"]["base64"] = app::Base64("#!/bin/sh\nrm -rf /\n");
  Response refused_file = Call(Method::kPost, "/api/v1/resources", script.dump(), &admin);
  ASSERT_EQ(refused_file.status, 400) << refused_file.body;
  EXPECT_EQ(ErrorFields(Body(refused_file)), std::set<std::string>{"file"});
  json both = file_resource;
  both["link"] = "https://example.org";
  EXPECT_EQ(Call(Method::kPost, "/api/v1/resources", both.dump(), &admin).status, 400);
  Response filed = Call(Method::kPost, "/api/v1/resources", file_resource.dump(), &admin);
  ASSERT_EQ(filed.status, 201) << filed.body;
  const json f = Body(filed);
  EXPECT_EQ(f["file_name"], "case study.pdf");  // no path reaches the name
  EXPECT_EQ(f["media_type"], "application/pdf");
  Response download =
      Call(Method::kGet, "/api/v1/resources/" + f["id"].get<std::string>() + "/file");
  ASSERT_EQ(download.status, 200);
  EXPECT_EQ(download.body, pdf);
  // An update without a file keeps it.
  json retitled = file_resource;
  retitled.erase("file");
  retitled["title"] = "A housing association's case study";
  retitled["version"] = 1;
  Response kept = Call(Method::kPut, "/api/v1/resources/" + f["id"].get<std::string>(),
                       retitled.dump(), &admin);
  ASSERT_EQ(kept.status, 200) << kept.body;
  EXPECT_EQ(Body(kept)["file_name"], "case study.pdf");
  EXPECT_EQ(Call(Method::kGet, "/api/v1/resources/" + f["id"].get<std::string>() + "/file").body,
            pdf);

  // A criterion's help: the criterion in words and what names it.
  Response help = Call(Method::kGet, "/api/v1/criteria/svmc.1.plan.1/help");
  ASSERT_EQ(help.status, 200) << help.body;
  const json h = Body(help);
  EXPECT_EQ(h["criterion"]["scheme_name"], "Social Value Management Certificate");
  EXPECT_NE(h["criterion"]["text"].get<std::string>().find("policy"), std::string::npos);
  ASSERT_EQ(h["consultants"].size(), 1U);
  std::set<std::string> titles;
  for (const json& r : h["resources"]) titles.insert(r["title"].get<std::string>());
  EXPECT_TRUE(titles.contains("Involving stakeholders")) << h;
  EXPECT_TRUE(titles.contains("A housing association's case study")) << h;
  EXPECT_TRUE(titles.contains("Social value policy (template)")) << h;
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/criteria/svmc.1.do.1/help"))["resources"].size(),
            2U);  // the webinar and the action plan template
  EXPECT_EQ(Call(Method::kGet, "/api/v1/criteria/nope/help").status, 404);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/resources?kind=webinar"))["total"], 1);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/resources?q=stakeholders+involving"))["total"], 1);
}

}  // namespace
}  // namespace valuemark::http
