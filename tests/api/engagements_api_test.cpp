// The SVQM's allocated consultant (docs/api.md "Consultant engagements"), on
// both databases: the administrator allocates a consultant who is not a
// member of the organisation; the consultant writes the review of needs,
// recommendations, the plan, sessions and the audits; the organisation reads
// them and cannot write them; a closed engagement is kept as it was.
#include "api_fixture.h"

namespace valuemark::http {
namespace {

class EngagementTest : public ApiTest {};

TEST_F(EngagementTest, TheConsultantWritesTheEngagementAndTheOrganisationReadsIt) {
  Certifiable c = MakeCertifiable();
  const std::string base = "/api/v1/organisations/" + c.org + "/engagements";
  const json allocation = {{"scheme_id", "svqm"}, {"consultant_id", c.assessor.user_id}};

  // Only administrators allocate, and only an assessor who is not a member.
  EXPECT_EQ(Call(Method::kPost, base, allocation.dump(), &c.lead).status, 403);
  EXPECT_EQ(Call(Method::kPost, base,
                 json{{"scheme_id", "svqm"}, {"consultant_id", c.member.user_id}}.dump(), &c.admin)
                .status,
            400);
  // An assessor who is also a member of the organisation.
  const Session insider = Staff("insider@example.org", PlatformRole::kAssessor);
  Response invited =
      Call(Method::kPost, "/api/v1/organisations/" + c.org + "/invitations",
           json{{"email", "insider@example.org"}, {"role", "member"}}.dump(), &c.lead);
  ASSERT_EQ(invited.status, 201) << invited.body;
  const std::string url = Body(invited)["accept_url"];
  ASSERT_EQ(Call(Method::kPost, "/api/v1/invitations/" + url.substr(url.rfind('/') + 1) + "/accept",
                 "", &insider)
                .status,
            200);
  Response conflict =
      Call(Method::kPost, base,
           json{{"scheme_id", "svqm"}, {"consultant_id", insider.user_id}}.dump(), &c.admin);
  ASSERT_EQ(conflict.status, 409) << conflict.body;
  EXPECT_NE(conflict.body.find("conflict of interest"), std::string::npos);

  Response allocated = Call(Method::kPost, base, allocation.dump(), &c.admin);
  ASSERT_EQ(allocated.status, 201) << allocated.body;
  const json e = Body(allocated);
  const std::string id = e["id"];
  EXPECT_EQ(e["scheme_name"], "Social Value Quality Mark");
  EXPECT_EQ(e["status"], "active");
  EXPECT_EQ(e["may_write"], false);  // the administrator allocates; the consultant writes
  EXPECT_EQ(Call(Method::kPost, base, allocation.dump(), &c.admin).status, 409);  // one at a time
  // Both sides are told by email.
  const std::string outbox = Call(Method::kGet, "/api/v1/outbox", "", &c.admin).body;
  EXPECT_NE(outbox.find("your consultant"), std::string::npos);

  // The consultant reads the organisation while allocated, and writes.
  EXPECT_EQ(Call(Method::kGet, "/api/v1/organisations/" + c.org, "", &c.assessor).status, 200);
  json mine = Body(Call(Method::kGet, "/api/v1/consultant/engagements", "", &c.assessor));
  ASSERT_EQ(mine["items"].size(), 1U);
  EXPECT_EQ(mine["items"][0]["organisation_name"], "Riverside");
  EXPECT_EQ(mine["items"][0]["may_write"], true);

  json content = {
      {"needs_review", "Six pledges are made; no outcome data is collected yet."},
      {"recommendations",
       {{{"title", "Measure two pledges first"},
         {"detail", "Either the lunch club or the training kitchen: the lunch club has data."}}}},
      {"plan", {{{"topic", "Stakeholder interviews"}, {"kind", "training"}, {"due_on", Day(30)}}}},
      {"sessions",
       {{{"held_on", Day(-20)}, {"minutes", 90}, {"summary", "Kick-off with the Lead"}},
        {{"held_on", Day(-2)}, {"minutes", 60}, {"summary", "Interview practice"}}}},
      {"pre_audit", {{"done_on", Day(-1)}, {"findings", "Data capture is ad hoc."}}},
      {"site_audit", nullptr},
      {"version", 1}};
  // The organisation cannot write it.
  EXPECT_EQ(Call(Method::kPut, "/api/v1/engagements/" + id, content.dump(), &c.lead).status, 403);
  // Bad content: each problem on its path, nothing saved.
  json bad = content;
  bad["sessions"][0]["held_on"] = Day(5);
  bad["sessions"][1]["minutes"] = 0;
  bad["plan"][0]["kind"] = "coaching";
  bad["pre_audit"] = nullptr;
  bad["site_audit"] = {{"done_on", Day(0)}, {"findings", "Ready"}, {"positive", true}};
  bad["recommendations"][0]["title"] = "Bad\x1b[31m";
  Response refused = Call(Method::kPut, "/api/v1/engagements/" + id, bad.dump(), &c.assessor);
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(ErrorFields(Body(refused)), (std::set<std::string>{"plan[0].kind"}))
      << refused.body;  // the reader's problems come first
  bad["plan"][0]["kind"] = "mentoring";
  refused = Call(Method::kPut, "/api/v1/engagements/" + id, bad.dump(), &c.assessor);
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(ErrorFields(Body(refused)), (std::set<std::string>{"recommendations[0].title"}))
      << refused.body;
  bad["recommendations"][0]["title"] = "Fine";
  refused = Call(Method::kPut, "/api/v1/engagements/" + id, bad.dump(), &c.assessor);
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(ErrorFields(Body(refused)),
            (std::set<std::string>{"sessions[0].held_on", "sessions[1].minutes", "site_audit"}))
      << refused.body;

  Response written = Call(Method::kPut, "/api/v1/engagements/" + id, content.dump(), &c.assessor);
  ASSERT_EQ(written.status, 200) << written.body;
  const json w = Body(written);
  EXPECT_EQ(w["version"], 2);
  EXPECT_EQ(w["sessions"][0]["summary"], "Interview practice");  // newest first
  EXPECT_EQ(w["plan"][0]["kind"], "training");
  // A stale version is refused.
  EXPECT_EQ(Call(Method::kPut, "/api/v1/engagements/" + id, content.dump(), &c.assessor).status,
            409);

  // Every member reads it; a stranger learns nothing.
  const json read = Body(Call(Method::kGet, "/api/v1/engagements/" + id, "", &c.member));
  EXPECT_EQ(read["pre_audit"]["findings"], "Data capture is ad hoc.");
  EXPECT_EQ(read["may_write"], false);
  const Session stranger = SignUp("stranger@example.org");
  EXPECT_EQ(Call(Method::kGet, "/api/v1/engagements/" + id, "", &stranger).status, 404);
  EXPECT_EQ(Call(Method::kGet, base, "", &stranger).status, 404);
  EXPECT_EQ(Body(Call(Method::kGet, base, "", &c.senior))["items"].size(), 1U);
  // The change is in the organisation's history.
  const std::string history =
      Call(Method::kGet, "/api/v1/organisations/" + c.org + "/history", "", &c.lead).body;
  EXPECT_NE(history.find("engagement.update"), std::string::npos);

  // The on-site audit follows the pre-audit; then the engagement closes and
  // is kept as it was.
  content["site_audit"] = {
      {"done_on", Day(0)}, {"findings", "Evidence meets the minimum."}, {"positive", true}};
  content["version"] = 2;
  ASSERT_EQ(Call(Method::kPut, "/api/v1/engagements/" + id, content.dump(), &c.assessor).status,
            200);
  EXPECT_EQ(Call(Method::kPost, "/api/v1/engagements/" + id + "/close", "", &c.lead).status, 403);
  Response closed = Call(Method::kPost, "/api/v1/engagements/" + id + "/close", "", &c.assessor);
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(Body(closed)["status"], "closed");
  content["version"] = 4;
  EXPECT_EQ(Call(Method::kPut, "/api/v1/engagements/" + id, content.dump(), &c.assessor).status,
            409);
  // A new engagement for the scheme may now be allocated.
  EXPECT_EQ(Call(Method::kPost, base, allocation.dump(), &c.admin).status, 201);
  // A consultant whose assessor role is taken away keeps no access.
  Response demoted = Call(Method::kPatch, "/api/v1/users/" + c.assessor.user_id,
                          json{{"platform_role", "none"}}.dump(), &c.admin);
  ASSERT_EQ(demoted.status, 200) << demoted.body;
  EXPECT_EQ(Call(Method::kGet, "/api/v1/engagements/" + id, "", &c.assessor).status, 404);
}

}  // namespace
}  // namespace valuemark::http
