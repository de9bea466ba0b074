// Membership of the certifying body (docs/api.md "Membership"): an
// organisation asks to join, with the staff and turnover that set its size
// band; an administrator decides; renewal opens before the expiry.
#include "api_fixture.h"

namespace valuemark::http {
namespace {

class MembershipTest : public ApiTest {
 protected:
  struct Joining {
    std::string org, base;
    Session lead, member, admin;
  };
  Joining Make() {
    Joining j;
    j.lead = SignUp("lead@example.org", "Lee Lead");
    j.org = CreateOrganisation(j.lead, "Riverside");
    j.member = Join(j.lead, j.org, "member@example.org", "member");
    j.admin = Staff("admin@example.org", PlatformRole::kAdministrator);
    j.base = "/organisations/" + j.org + "/membership";
    return j;
  }
  json Membership(const Joining& j, const Session& as) {
    Response r = Call(Method::kGet, "/api/v1" + j.base, "", &as);
    EXPECT_EQ(r.status, 200) << r.body;
    return Body(r);
  }
  std::vector<std::string> TaskKinds(const Session& s) {
    std::vector<std::string> kinds;
    const json list = Body(Call(Method::kGet, "/api/v1/me/tasks", "", &s));
    for (const json& t : list["items"]) kinds.push_back(t["kind"]);
    return kinds;
  }
  int Mailed(const Session& admin, const std::string& to, const std::string& words) {
    const json outbox = Body(Call(Method::kGet, "/api/v1/outbox?limit=200", "", &admin));
    int n = 0;
    for (const json& m : outbox["items"])
      if (m["to"] == to && (m["subject"].get<std::string>().find(words) != std::string::npos ||
                            m["body"].get<std::string>().find(words) != std::string::npos))
        ++n;
    return n;
  }
};

TEST_F(MembershipTest, TheBandsAndFeesArePublic) {
  Response r = Call(Method::kGet, "/api/v1/membership");
  ASSERT_EQ(r.status, 200) << r.body;
  const json t = Body(r);
  ASSERT_EQ(t["bands"].size(), 4u);
  const json& medium = t["bands"][1];
  EXPECT_EQ(medium["band"], "medium");
  EXPECT_EQ(medium["label"], "Medium");
  EXPECT_EQ(medium["description"], "up to 50 staff and a yearly turnover up to £5,000,000.00");
  EXPECT_EQ(medium["max_staff"], 50);
  // £600.00 a year + 20 % VAT = £720.00.
  EXPECT_EQ(medium["fee"]["net_pence"], 60000);
  EXPECT_EQ(medium["fee"]["gross_pence"], 72000);
  EXPECT_TRUE(t["bands"][3]["max_staff"].is_null());
  EXPECT_EQ(t["term_months"], 12);
  EXPECT_FALSE(t["payment"].get<std::string>().empty());
}

TEST_F(MembershipTest, AnOrganisationAsksToJoinAndTheAdministratorApproves) {
  Joining j = Make();
  json m = Membership(j, j.lead);
  EXPECT_EQ(m["status"], "none");
  EXPECT_EQ(m["can_request"], "join");
  EXPECT_TRUE(m["may_request"]);
  EXPECT_TRUE(m["requests"].empty());
  EXPECT_FALSE(Membership(j, j.member)["may_request"]);

  // A member may read, not ask.
  EXPECT_EQ(
      Post(j.base + "/requests", j.member, {{"staff", 30}, {"turnover_pence", 200000000}}).status,
      403);

  // Bad input is named beside its field and changes nothing.
  auto field_of = [&](const json& body) {
    Response r = Post(j.base + "/requests", j.lead, body);
    EXPECT_EQ(r.status, 400) << r.body;
    return Body(r)["error"]["fields"][0]["field"].get<std::string>();
  };
  EXPECT_EQ(field_of({{"staff", -1}, {"turnover_pence", 0}}), "staff");
  EXPECT_EQ(field_of({{"staff", 3}}), "turnover_pence");
  EXPECT_EQ(field_of({{"staff", 3}, {"turnover_pence", 1e17}}), "turnover_pence");
  EXPECT_EQ(field_of({{"staff", 1.5}, {"turnover_pence", 0}}), "staff");
  EXPECT_EQ(field_of({{"staff", "ten"}, {"turnover_pence", 0}}), "staff");
  EXPECT_EQ(field_of({{"staff", 3}, {"turnover_pence", 0}, {"band", "small"}}), "band");
  EXPECT_TRUE(Membership(j, j.lead)["requests"].empty());

  // 30 staff and a £2,000,000 turnover: the medium band.
  Response asked =
      Post(j.base + "/requests", j.lead, {{"staff", 30}, {"turnover_pence", 200000000}});
  ASSERT_EQ(asked.status, 201) << asked.body;
  const json request = Body(asked);
  EXPECT_EQ(request["state"], "pending");
  EXPECT_EQ(request["kind"], "join");
  EXPECT_EQ(request["size_band"], "medium");
  EXPECT_EQ(request["fee"]["net_pence"], 60000);
  EXPECT_EQ(request["requested_by_name"], "Lee Lead");
  const std::string id = request["id"];

  // One request at a time.
  EXPECT_EQ(Post(j.base + "/requests", j.lead, {{"staff", 1}, {"turnover_pence", 1}}).status, 409);
  m = Membership(j, j.lead);
  EXPECT_TRUE(m["can_request"].is_null());
  EXPECT_NE(m["cannot_request"].get<std::string>().find("already waiting"), std::string::npos);

  // The administrators hear of it and find it in their inbox and queue.
  EXPECT_EQ(Mailed(j.admin, "admin@example.org", "asks to join"), 1);
  EXPECT_EQ(TaskKinds(j.admin), std::vector<std::string>{"membership"});
  Response queue = Call(Method::kGet, "/api/v1/membership/requests", "", &j.admin);
  ASSERT_EQ(queue.status, 200) << queue.body;
  ASSERT_EQ(Body(queue)["items"].size(), 1u);
  EXPECT_EQ(Body(queue)["items"][0]["organisation_name"], "Riverside");
  EXPECT_EQ(Call(Method::kGet, "/api/v1/membership/requests", "", &j.lead).status, 403);

  // Deciding: the lead cannot; a decline needs its reason; the decision is one word of two.
  const std::string decide = j.base + "/requests/" + id + "/decision";
  EXPECT_EQ(Post(decide, j.lead, {{"decision", "approve"}}).status, 403);
  Response no_reason = Post(decide, j.admin, {{"decision", "decline"}});
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(Body(no_reason)["error"]["fields"][0]["field"], "reason");
  EXPECT_EQ(Post(decide, j.admin, {{"decision", "maybe"}}).status, 400);
  EXPECT_EQ(Post(decide, j.admin, {{"decision", "decline"}, {"reason", "Hold\x01on"}}).status, 400);
  EXPECT_EQ(Membership(j, j.lead)["requests"][0]["state"], "pending");

  Response approved = Post(decide, j.admin, {{"decision", "approve"}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(Body(approved)["state"], "approved");
  EXPECT_EQ(Body(approved)["decided_by_name"], "Staff");
  EXPECT_EQ(Post(decide, j.admin, {{"decision", "decline"}, {"reason", "Late"}}).status, 409);

  // Active from today for twelve months, in the band of the request.
  m = Membership(j, j.lead);
  EXPECT_EQ(m["status"], "active");
  EXPECT_EQ(m["start"], Day());
  // The fixture's today is 12 Mar 2030: twelve months, the last day included.
  EXPECT_EQ(m["start"], "2030-03-12");
  EXPECT_EQ(m["expiry"], "2031-03-11");
  EXPECT_EQ(m["band"]["band"], "medium");
  const json org = Body(Call(Method::kGet, "/api/v1/organisations/" + j.org, "", &j.lead));
  EXPECT_EQ(org["size_band"], "medium");
  EXPECT_EQ(org["membership"]["status"], "active");
  EXPECT_EQ(Mailed(j.admin, "lead@example.org", "membership is approved"), 1);
  EXPECT_EQ(TaskKinds(j.admin), std::vector<std::string>{});

  // The organisation's history has the request and the decision.
  const json history =
      Body(Call(Method::kGet, "/api/v1/organisations/" + j.org + "/history?kind=membership_request",
                "", &j.lead));
  std::vector<std::string> actions;
  for (const json& e : history["items"]) actions.push_back(e["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"membership.approve", "membership.request"}));
}

TEST_F(MembershipTest, RenewalOpensBeforeTheExpiryAndCanBeWithdrawnOrDeclined) {
  Joining j = Make();
  const std::string first =
      Body(Post(j.base + "/requests", j.lead, {{"staff", 3}, {"turnover_pence", 10000000}}))["id"];
  ASSERT_EQ(
      Post(j.base + "/requests/" + first + "/decision", j.admin, {{"decision", "approve"}}).status,
      200);
  const std::string expiry = Membership(j, j.lead)["expiry"];
  ASSERT_EQ(expiry, "2031-03-11");

  // Too early to renew: the answer says from when.
  Response early = Post(j.base + "/requests", j.lead, {{"staff", 3}, {"turnover_pence", 1}});
  EXPECT_EQ(early.status, 409);
  EXPECT_NE(Body(early)["error"]["message"].get<std::string>().find("renewal can be requested"),
            std::string::npos)
      << early.body;
  EXPECT_EQ(TaskKinds(j.lead), std::vector<std::string>{});

  // Thirty days before the expiry: the inbox asks for the renewal, and the reminder goes once.
  now_ = StartOfDay(*ParseDate(expiry)) - 30 * 86400;
  j.lead = LogIn("lead@example.org");
  j.admin = LogIn("admin@example.org");
  j.member = LogIn("member@example.org");
  EXPECT_EQ(TaskKinds(j.lead), std::vector<std::string>{"membership"});
  EXPECT_EQ(*platform_->membership.SendExpiryReminders(), 1);
  EXPECT_EQ(*platform_->membership.SendExpiryReminders(), 0);
  EXPECT_EQ(Mailed(j.admin, "lead@example.org", "membership ends on"), 1);

  const json renew =
      Body(Post(j.base + "/requests", j.lead, {{"staff", 80}, {"turnover_pence", 10000000}}));
  EXPECT_EQ(renew["kind"], "renew");
  EXPECT_EQ(renew["size_band"], "large");
  EXPECT_EQ(TaskKinds(j.lead), std::vector<std::string>{});  // asked: nothing left to do
  const std::string path = j.base + "/requests/" + renew["id"].get<std::string>();
  EXPECT_EQ(Post(path + "/withdraw", j.member).status, 403);
  Response withdrawn = Post(path + "/withdraw", j.lead);
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_EQ(Body(withdrawn)["state"], "withdrawn");
  EXPECT_EQ(Post(path + "/withdraw", j.lead).status, 409);
  EXPECT_EQ(Post(path + "/decision", j.admin, {{"decision", "approve"}}).status, 409);

  const std::string again =
      Body(Post(j.base + "/requests", j.lead, {{"staff", 80}, {"turnover_pence", 10000000}}))["id"];
  Response declined = Post(j.base + "/requests/" + again + "/decision", j.admin,
                           {{"decision", "decline"}, {"reason", "The staff count is not ours"}});
  ASSERT_EQ(declined.status, 200) << declined.body;
  EXPECT_EQ(Body(declined)["reason"], "The staff count is not ours");
  EXPECT_EQ(Mailed(j.admin, "lead@example.org", "The staff count is not ours"), 1);
  // Declined, the membership runs on as it was, and may be asked for again.
  json m = Membership(j, j.lead);
  EXPECT_EQ(m["expiry"], expiry);
  EXPECT_EQ(m["band"]["band"], "small");
  EXPECT_EQ(m["can_request"], "renew");
  EXPECT_EQ(m["requests"].size(), 3u);

  // Approved before the expiry, the renewal continues from it.
  const std::string third =
      Body(Post(j.base + "/requests", j.lead, {{"staff", 3}, {"turnover_pence", 1}}))["id"];
  ASSERT_EQ(
      Post(j.base + "/requests/" + third + "/decision", j.admin, {{"decision", "approve"}}).status,
      200);
  // 2031-03-11 + one day + twelve months, less a day.
  EXPECT_EQ(Membership(j, j.lead)["expiry"], "2032-03-11");
}

TEST_F(MembershipTest, StrangersAndInsidersCannotDecide) {
  Joining j = Make();
  const std::string id =
      Body(Post(j.base + "/requests", j.lead, {{"staff", 3}, {"turnover_pence", 1}}))["id"];
  // Another organisation's people see nothing of it.
  Session other = SignUp("other@example.org", "Other");
  const std::string elsewhere = CreateOrganisation(other, "Elsewhere");
  EXPECT_EQ(Call(Method::kGet, "/api/v1" + j.base, "", &other).status, 404);
  EXPECT_EQ(Post(j.base + "/requests/" + id + "/withdraw", other).status, 404);
  // Nor does its id work under another organisation's path.
  EXPECT_EQ(Post("/organisations/" + elsewhere + "/membership/requests/" + id + "/withdraw", other)
                .status,
            404);
  EXPECT_EQ(Post("/organisations/" + elsewhere + "/membership/requests/" + id + "/decision",
                 j.admin, {{"decision", "approve"}})
                .status,
            404);
  // An administrator who is a member of the organisation may not decide it.
  Session insider = Join(j.lead, j.org, "insider@example.org", "member");
  ASSERT_EQ(Call(Method::kPatch, "/api/v1/users/" + insider.user_id,
                 R"({"platform_role": "administrator"})", &j.admin)
                .status,
            200);
  Response conflict =
      Post(j.base + "/requests/" + id + "/decision", insider, {{"decision", "approve"}});
  EXPECT_EQ(conflict.status, 409) << conflict.body;
  EXPECT_NE(conflict.body.find("conflict of interest"), std::string::npos);
  EXPECT_EQ(Membership(j, j.lead)["status"], "none");
  EXPECT_EQ(TaskKinds(insider), std::vector<std::string>{});
}

TEST_F(MembershipTest, AnUnconfirmedAccountCannotAsk) {
  Session lead = SignUpUnconfirmed("new@example.org", "New");
  const std::string org = CreateOrganisation(lead, "Newcomer");
  Response r = Post("/organisations/" + org + "/membership/requests", lead,
                    {{"staff", 3}, {"turnover_pence", 1}});
  EXPECT_EQ(r.status, 409) << r.body;
}

}  // namespace
}  // namespace valuemark::http
