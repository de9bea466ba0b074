// Complaints (docs/api.md "Complaints"): anyone complains about a certified
// organisation; the organisation is heard before anything is decided; an
// upheld complaint can suspend or revoke the certificate in the same step.
#include "api_fixture.h"

namespace valuemark::http {
namespace {

class ComplaintTest : public ApiTest {
 protected:
  // c's organisation holds an SVQM Pledges certificate; returns its id.
  std::string Certified(const Certifiable& c) {
    const std::string id = SignedOffApplication(c, "svqm", 1);
    EXPECT_EQ(Post("/applications/" + id + "/submit", c.lead).status, 200);
    return Body(Post("/applications/" + id + "/award", c.admin))["certificate_id"];
  }
  Response File(const std::string& certificate, const json& body) {
    return Call(Method::kPost, "/api/v1/certificates/" + certificate + "/complaints", body.dump());
  }
  json Complaint(const Certifiable& c, const Session& as) {
    const json list =
        Body(Call(Method::kGet, "/api/v1/organisations/" + c.org + "/complaints", "", &as));
    EXPECT_EQ(list["items"].size(), 1u);
    return list["items"][0];
  }
  std::string Status(const std::string& certificate) {
    return Body(Call(Method::kGet, "/api/v1/certificates/" + certificate + "/status"))["status"];
  }
  int MailsTo(const Session& admin, const std::string& to, const std::string& words) {
    const json outbox = Body(Call(Method::kGet, "/api/v1/outbox?limit=200", "", &admin));
    int n = 0;
    for (const json& m : outbox["items"])
      if (m["to"] == to &&
          (m["subject"].get<std::string>() + m["body"].get<std::string>()).find(words) !=
              std::string::npos)
        ++n;
    return n;
  }
};

const json kComplaint = {{"name", "Nia Neighbour"},
                         {"email", "Nia@Example.org"},
                         {"text", "The café promised local suppliers and uses none."}};

TEST_F(ComplaintTest, TheOrganisationIsHeardFirstAndAnUpheldComplaintSuspends) {
  Certifiable c = MakeCertifiable();
  const std::string certificate = Certified(c);

  // Bad input is named beside its field, and nothing is filed.
  auto field_of = [&](json body) {
    Response r = File(certificate, body);
    EXPECT_EQ(r.status, 400) << r.body;
    return Body(r)["error"]["fields"][0]["field"].get<std::string>();
  };
  json bad = kComplaint;
  bad["email"] = "not an address";
  EXPECT_EQ(field_of(bad), "email");
  bad = kComplaint;
  bad["text"] = "Too short";
  EXPECT_EQ(field_of(bad), "text");
  bad = kComplaint;
  bad["name"] = "Nia\x1b[31m";
  EXPECT_EQ(field_of(bad), "name");
  EXPECT_EQ(File("no-such-certificate", kComplaint).status, 404);
  EXPECT_TRUE(Body(Call(Method::kGet, "/api/v1/complaints", "", &c.admin))["items"].empty());

  // Anyone, without an account.
  Response filed = File(certificate, kComplaint);
  ASSERT_EQ(filed.status, 201) << filed.body;
  const std::string id = Body(filed)["id"];
  EXPECT_EQ(Body(filed)["organisation_name"], "Riverside");
  EXPECT_EQ(MailsTo(c.admin, "nia@example.org", "received your complaint"), 1);

  // The organisation sees it without the complainant's address; staff see all.
  json seen = Complaint(c, c.member);
  EXPECT_TRUE(seen["complainant_email"].is_null());
  EXPECT_EQ(seen["state"], "received");
  const json queue = Body(Call(Method::kGet, "/api/v1/complaints", "", &c.admin));
  ASSERT_EQ(queue["items"].size(), 1u);
  EXPECT_EQ(queue["items"][0]["complainant_email"], "nia@example.org");
  EXPECT_FALSE(queue["items"][0]["may_decide"]);
  EXPECT_NE(queue["items"][0]["cannot_decide"].get<std::string>().find("heard first"),
            std::string::npos);

  // Nothing is decided before the organisation is asked, nor while it has time to answer.
  const json uphold = {{"outcome", "upheld"}, {"action", "suspend"}, {"reasons", "No suppliers"}};
  EXPECT_EQ(Post("/complaints/" + id + "/decision", c.admin, uphold).status, 409);
  EXPECT_EQ(Post("/complaints/" + id + "/ask", c.lead).status, 403);
  ASSERT_EQ(Post("/complaints/" + id + "/ask", c.admin).status, 200);
  EXPECT_EQ(Post("/complaints/" + id + "/ask", c.admin).status, 409);
  EXPECT_EQ(Post("/complaints/" + id + "/decision", c.admin, uphold).status, 409);
  seen = Complaint(c, c.lead);
  EXPECT_EQ(seen["state"], "awaiting_response");
  // The representatives have it to do; a member does not.
  auto kinds = [&](const Session& s) {
    std::vector<std::string> out;
    const json tasks = Body(Call(Method::kGet, "/api/v1/me/tasks", "", &s));
    for (const json& t : tasks["items"]) out.push_back(t["kind"]);
    return out;
  };
  EXPECT_EQ(std::ranges::count(kinds(c.lead), "complaint"), 1);
  EXPECT_EQ(std::ranges::count(kinds(c.member), "complaint"), 0);
  EXPECT_EQ(seen["respond_by"], "2030-03-26");  // ten working days after Tue 12 Mar 2030

  // The Lead or the Senior Leader answers; a member cannot.
  const std::string answer = "/organisations/" + c.org + "/complaints/" + id + "/response";
  EXPECT_EQ(Post(answer, c.member, {{"response", "We do"}}).status, 403);
  EXPECT_EQ(Post(answer, c.senior, {{"response", ""}}).status, 400);
  ASSERT_EQ(Post(answer, c.senior, {{"response", "We buy bread from the corner bakery."}}).status,
            200);
  EXPECT_EQ(Post(answer, c.lead, {{"response", "Again"}}).status, 409);

  // Bad decisions change nothing.
  EXPECT_EQ(Post("/complaints/" + id + "/decision", c.admin,
                 {{"outcome", "dismissed"}, {"action", "revoke"}, {"reasons", "x"}})
                .status,
            400);
  EXPECT_EQ(Post("/complaints/" + id + "/decision", c.admin,
                 {{"outcome", "upheld"}, {"action", "burn"}, {"reasons", "x"}})
                .status,
            400);
  EXPECT_EQ(
      Post("/complaints/" + id + "/decision", c.admin, {{"outcome", "upheld"}, {"reasons", ""}})
          .status,
      400);
  EXPECT_EQ(
      Post("/complaints/" + id + "/decision", c.admin, {{"outcome", ""}, {"reasons", "x"}}).status,
      400);  // no outcome is not a dismissal
  EXPECT_EQ(Status(certificate), "current");

  // Upheld: the certificate is suspended in the same step, and both sides are told.
  Response decided = Post("/complaints/" + id + "/decision", c.admin, uphold);
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(Body(decided)["state"], "upheld");
  EXPECT_EQ(Body(decided)["action"], "suspend");
  EXPECT_EQ(Status(certificate), "suspended");
  EXPECT_EQ(MailsTo(c.admin, "nia@example.org", "is upheld"), 1);
  EXPECT_GE(MailsTo(c.admin, "lead@example.org", "complaint about Riverside is upheld"), 1);
  EXPECT_EQ(Post("/complaints/" + id + "/decision", c.admin, uphold).status, 409);
  EXPECT_TRUE(Body(Call(Method::kGet, "/api/v1/complaints", "", &c.admin))["items"].empty());

  // The History keeps each step, with what changed.
  const json history = Body(Call(
      Method::kGet, "/api/v1/organisations/" + c.org + "/history?kind=complaint", "", &c.lead));
  std::vector<std::string> actions;
  for (const json& e : history["items"]) actions.push_back(e["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"complaint.uphold", "complaint.respond",
                                               "complaint.ask", "complaint.receive"}));
}

TEST_F(ComplaintTest, WithoutAnAnswerTheBodyDecidesOnceTheTimeHasPassed) {
  Certifiable c = MakeCertifiable();
  const std::string certificate = Certified(c);
  const std::string id = Body(File(certificate, kComplaint))["id"];
  ASSERT_EQ(Post("/complaints/" + id + "/ask", c.admin).status, 200);
  now_ += 15 * 86400;  // past Tue 26 Mar
  c.admin = LogIn("admin@example.org");
  const json d = {{"outcome", "dismissed"}, {"reasons", "The suppliers are local."}};
  Response r = Post("/complaints/" + id + "/decision", c.admin, d);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["state"], "dismissed");
  EXPECT_EQ(Status(certificate), "current");
}

TEST_F(ComplaintTest, AMemberOfTheOrganisationDoesNotInvestigateIt) {
  Certifiable c = MakeCertifiable();
  const std::string certificate = Certified(c);
  const std::string id = Body(File(certificate, kComplaint))["id"];
  Session insider = Staff("insider@example.org", PlatformRole::kAdministrator);
  const std::string url =
      Body(Post("/organisations/" + c.org + "/invitations", c.lead,
                {{"email", "insider@example.org"}, {"role", "member"}}))["accept_url"];
  ASSERT_EQ(Post("/invitations/" + url.substr(url.rfind('/') + 1) + "/accept", insider).status,
            200);
  EXPECT_EQ(Post("/complaints/" + id + "/ask", insider).status, 409);
  EXPECT_EQ(Post("/complaints/" + id + "/ask", c.admin).status, 200);
}

TEST_F(ComplaintTest, OnlyACertificateInForceCanBeComplainedAbout) {
  Certifiable c = MakeCertifiable();
  const std::string certificate = Certified(c);
  ASSERT_EQ(
      Post("/certificates/" + certificate + "/revoke", c.admin, {{"reason", "Closed"}}).status,
      200);
  Response r = File(certificate, kComplaint);
  EXPECT_EQ(r.status, 409) << r.body;
}

}  // namespace
}  // namespace valuemark::http
