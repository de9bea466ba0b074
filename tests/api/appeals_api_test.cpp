// Appeals (docs/api.md "Appeals"): a rejected organisation appeals within
// the scheme's working days, and only an administrator who took no part in
// the decision decides; an upheld appeal reopens the application for a fresh
// review, or reinstates a certificate.
#include "api_fixture.h"

namespace valuemark::http {
namespace {

class AppealTest : public ApiTest {
 protected:
  // A submitted SVMC level 1 application, reviewed by the assessor, who
  // recommends rejection, and rejected by the administrator. Returns its id.
  std::string Rejected(const Certifiable& c) {
    const std::string id = SignedOffApplication(c);
    const std::string a = "/applications/" + id;
    EXPECT_EQ(Post(a + "/submit", c.lead).status, 200);
    EXPECT_EQ(Post(a + "/assessor", c.admin, {{"assessor_id", c.assessor.user_id}}).status, 200);
    const json view = Body(Call(Method::kGet, "/api/v1" + a, "", &c.assessor));
    for (const json& e : view["evidence"])
      EXPECT_EQ(
          Call(Method::kPut, "/api/v1" + a + "/reviews/" + e["criterion_id"].get<std::string>(),
               R"({"verdict": "not_met", "feedback": "No policy"})", &c.assessor)
              .status,
          200);
    EXPECT_EQ(Post(a + "/recommendation", c.assessor,
                   {{"summary", "The policy is missing"}, {"outcome", "rejection"}})
                  .status,
              200);
    EXPECT_EQ(Post(a + "/rejection", c.admin, {{"reason", "The policy is missing"}}).status, 200);
    return id;
  }
  std::vector<std::string> TaskKinds(const Session& s) {
    std::vector<std::string> kinds;
    const json list = Body(Call(Method::kGet, "/api/v1/me/tasks", "", &s));
    for (const json& t : list["items"]) kinds.push_back(t["kind"]);
    return kinds;
  }
  json Option(const std::string& path, const Session& s) {
    Response r = Call(Method::kGet, "/api/v1" + path, "", &s);
    EXPECT_EQ(r.status, 200) << r.body;
    return Body(r);
  }
};

TEST_F(AppealTest, ARejectedOrganisationAppealsAndAPanelMemberWhoTookNoPartDecides) {
  Certifiable c = MakeCertifiable();
  const std::string id = Rejected(c);
  const std::string a = "/applications/" + id;

  // The fixture's today, Tuesday 12 Mar 2030, + 10 working days.
  json option = Option(a + "/appeal", c.lead);
  EXPECT_EQ(option["subject"], "rejection");
  EXPECT_EQ(option["decision_on"], "2030-03-12");
  EXPECT_EQ(option["deadline"], "2030-03-26");
  EXPECT_TRUE(option["may_appeal"]);
  EXPECT_TRUE(option["appeal"].is_null());
  json seen_by_member = Option(a + "/appeal", c.member);
  EXPECT_FALSE(seen_by_member["may_appeal"]);
  EXPECT_NE(seen_by_member["cannot"].get<std::string>().find("Lead or the Senior Leader"),
            std::string::npos);

  // Who may not, and what is not an appeal: refused, nothing filed.
  EXPECT_EQ(Post(a + "/appeal", c.member, {{"grounds", "Unfair"}}).status, 403);
  auto field_of = [&](const json& body) {
    Response r = Post(a + "/appeal", c.lead, body);
    EXPECT_EQ(r.status, 400) << r.body;
    return Body(r)["error"]["fields"][0]["field"].get<std::string>();
  };
  EXPECT_EQ(field_of({{"grounds", "   "}}), "grounds");
  EXPECT_EQ(field_of({{"grounds", "Bad\x07"}}), "grounds");
  EXPECT_EQ(field_of({{"grounds", std::string(8001, 'x')}}), "grounds");
  EXPECT_EQ(field_of({{"grounds", "Fine"}, {"outcome", "upheld"}}), "outcome");
  EXPECT_TRUE(Option(a + "/appeal", c.lead)["appeal"].is_null());

  Response filed = Post(a + "/appeal", c.senior, {{"grounds", "The policy is on page 4."}});
  ASSERT_EQ(filed.status, 201) << filed.body;
  const json appeal = Body(filed);
  EXPECT_EQ(appeal["state"], "open");
  EXPECT_EQ(appeal["title"], "Social Value Management Certificate: Commit");
  EXPECT_EQ(appeal["organisation_name"], "Riverside");
  const std::string appeal_id = appeal["id"];
  EXPECT_EQ(Post(a + "/appeal", c.lead, {{"grounds", "Again"}}).status, 409);
  EXPECT_FALSE(Option(a + "/appeal", c.lead)["may_appeal"]);

  // Those who took part in the decision are not the panel.
  Session panel = Staff("panel@example.org", PlatformRole::kAdministrator);
  EXPECT_EQ(TaskKinds(c.admin), std::vector<std::string>{});
  EXPECT_EQ(TaskKinds(panel), std::vector<std::string>{"appeal"});
  const json open = Body(Call(Method::kGet, "/api/v1/appeals", "", &c.admin));
  ASSERT_EQ(open["items"].size(), 1u);
  EXPECT_FALSE(open["items"][0]["may_decide"]);
  EXPECT_TRUE(Body(Call(Method::kGet, "/api/v1/appeals", "", &panel))["items"][0]["may_decide"]);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/appeals", "", &c.lead).status, 403);

  const std::string decide = "/appeals/" + appeal_id + "/decision";
  const json upheld = {{"outcome", "upheld"}, {"reasons", "The policy was there."}};
  Response by_decider = Post(decide, c.admin, upheld);
  EXPECT_EQ(by_decider.status, 409);
  EXPECT_NE(by_decider.body.find("took part"), std::string::npos);
  EXPECT_EQ(Post(decide, c.assessor, upheld).status, 403);
  EXPECT_EQ(Post(decide, c.lead, upheld).status, 403);
  EXPECT_EQ(Post(decide, panel, {{"outcome", "maybe"}, {"reasons", "R"}}).status, 400);
  EXPECT_EQ(Post(decide, panel, {{"outcome", "upheld"}, {"reasons", ""}}).status, 400);
  EXPECT_EQ(Post("/appeals/no-such-appeal/decision", panel, upheld).status, 404);

  Response decided = Post(decide, panel, upheld);
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(Body(decided)["state"], "upheld");
  EXPECT_EQ(Body(decided)["decided_by_name"], "Staff");
  EXPECT_EQ(Post(decide, panel, upheld).status, 409);
  EXPECT_EQ(TaskKinds(panel), std::vector<std::string>{"allocate"});

  // Upheld: reviewed afresh, by someone who took no part.
  const json reopened = Body(Call(Method::kGet, "/api/v1" + a, "", &c.lead));
  EXPECT_EQ(reopened["state"], "submitted");
  EXPECT_TRUE(reopened["assessor_id"].is_null());
  EXPECT_TRUE(reopened["reviews"].empty());
  EXPECT_EQ(reopened["results_due"], "2030-04-02");
  Response same = Post(a + "/assessor", panel, {{"assessor_id", c.assessor.user_id}});
  EXPECT_EQ(same.status, 409);
  EXPECT_EQ(Body(same)["error"]["fields"][0]["field"], "assessor_id");
  Session fresh = Staff("fresh@example.org", PlatformRole::kAssessor);
  EXPECT_EQ(Post(a + "/assessor", panel, {{"assessor_id", fresh.user_id}}).status, 200);

  // The organisation is told, and the trail holds each step.
  const json outbox = Body(Call(Method::kGet, "/api/v1/outbox?limit=200", "", &c.admin));
  int told = 0;
  for (const json& m : outbox["items"])
    if (m["subject"].get<std::string>().find("appeal against the rejection") != std::string::npos &&
        m["body"].get<std::string>().find("The policy was there.") != std::string::npos)
      ++told;
  EXPECT_EQ(told, 2);  // the Lead and the Senior Leader
  const json history = Body(
      Call(Method::kGet, "/api/v1/organisations/" + c.org + "/history?kind=appeal", "", &c.lead));
  std::vector<std::string> actions;
  for (const json& e : history["items"]) actions.push_back(e["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"appeal.uphold", "appeal.file"}));
  AuditEntries();
}

TEST_F(AppealTest, TheWindowClosesAfterTheSchemesWorkingDays) {
  Certifiable c = MakeCertifiable();
  const std::string id = Rejected(c);
  // Wednesday 27 Mar 2030: the day after the last day.
  now_ += 15 * 86400;
  Session lead = LogIn("lead@example.org");
  const json option = Option("/applications/" + id + "/appeal", lead);
  EXPECT_FALSE(option["may_appeal"]);
  EXPECT_EQ(option["cannot"],
            "the time to appeal ended on 26 Mar 2030, 10 working days after the decision of 12 "
            "Mar 2030");
  EXPECT_EQ(Post("/applications/" + id + "/appeal", lead, {{"grounds", "Late"}}).status, 409);
  // An application still open has nothing to appeal.
  const std::string draft = Body(Post("/organisations/" + c.org + "/applications", lead,
                                      {{"scheme_id", "svqm"}, {"level", 1}}))["id"];
  EXPECT_TRUE(Option("/applications/" + draft + "/appeal", lead)["subject"].is_null());
  EXPECT_EQ(Post("/applications/" + draft + "/appeal", lead, {{"grounds", "G"}}).status, 409);
}

TEST_F(AppealTest, ASuspensionAppealIsDismissedAndARevocationAppealReinstates) {
  Certifiable c = MakeCertifiable();
  const std::string id = SignedOffApplication(c, "svqm", 1);
  ASSERT_EQ(Post("/applications/" + id + "/submit", c.lead).status, 200);
  const std::string certificate =
      Body(Post("/applications/" + id + "/award", c.admin))["certificate_id"];
  const std::string cert = "/certificates/" + certificate;
  EXPECT_TRUE(Option(cert + "/appeal", c.lead)["subject"].is_null());  // in force
  ASSERT_EQ(Post(cert + "/suspend", c.admin, {{"reason", "A complaint"}}).status, 200);
  json option = Option(cert + "/appeal", c.lead);
  EXPECT_EQ(option["subject"], "suspension");
  EXPECT_TRUE(option["may_appeal"]);
  // A stranger learns nothing of it.
  Session stranger = SignUp("stranger@example.org", "Stranger");
  EXPECT_EQ(Call(Method::kGet, "/api/v1" + cert + "/appeal", "", &stranger).status, 404);
  EXPECT_EQ(Post(cert + "/appeal", stranger, {{"grounds", "G"}}).status, 404);

  Session panel = Staff("panel@example.org", PlatformRole::kAdministrator);
  const std::string first =
      Body(Post(cert + "/appeal", c.lead, {{"grounds", "No complaint"}}))["id"];
  ASSERT_EQ(Post("/appeals/" + first + "/decision", panel,
                 {{"outcome", "dismissed"}, {"reasons", "The complaint stands."}})
                .status,
            200);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1" + cert + "/status"))["status"], "suspended");

  // A later decision, the revocation, is a decision of its own to appeal.
  ASSERT_EQ(Post(cert + "/revoke", c.admin, {{"reason", "Not put right"}}).status, 200);
  option = Option(cert + "/appeal", c.senior);
  EXPECT_EQ(option["subject"], "revocation");
  EXPECT_TRUE(option["may_appeal"]);
  const std::string second =
      Body(Post(cert + "/appeal", c.senior, {{"grounds", "It was put right"}}))["id"];
  Response upheld = Post("/appeals/" + second + "/decision", panel,
                         {{"outcome", "upheld"}, {"reasons", "It was put right in time."}});
  ASSERT_EQ(upheld.status, 200) << upheld.body;
  const json status = Body(Call(Method::kGet, "/api/v1" + cert + "/status"));
  EXPECT_EQ(status["status"], "current");
  const std::string list = Call(Method::kGet, "/api/v1/certificates/revocations").body;
  EXPECT_EQ(list.find(certificate), std::string::npos);
  // Decided, the option shows the appeal and its outcome.
  option = Option(cert + "/appeal", c.lead);
  EXPECT_TRUE(option["subject"].is_null());  // in force again: nothing to appeal
}

TEST_F(AppealTest, AnAdministratorWhoIsAMemberCannotDecide) {
  Certifiable c = MakeCertifiable();
  const std::string id = Rejected(c);
  const std::string appeal =
      Body(Post("/applications/" + id + "/appeal", c.lead, {{"grounds", "Unfair"}}))["id"];
  Session insider = Join(c.lead, c.org, "insider@example.org", "member");
  ASSERT_EQ(Call(Method::kPatch, "/api/v1/users/" + insider.user_id,
                 R"({"platform_role": "administrator"})", &c.admin)
                .status,
            200);
  Response r = Post("/appeals/" + appeal + "/decision", insider,
                    {{"outcome", "upheld"}, {"reasons", "Ours"}});
  EXPECT_EQ(r.status, 409);
  EXPECT_NE(r.body.find("conflict of interest"), std::string::npos);
  EXPECT_EQ(TaskKinds(insider), std::vector<std::string>{});
}

}  // namespace
}  // namespace valuemark::http
