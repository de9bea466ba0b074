// Invoices (docs/api.md "Invoices"): a membership is invoiced on approval and
// an application on its first submission; staff record the payment or void
// the invoice; the organisation reads each and downloads it as a PDF.
#include "api_fixture.h"

namespace valuemark::http {
namespace {

class InvoicesTest : public ApiTest {
 protected:
  struct Approved {
    std::string org, base;
    Session lead, member, admin;
  };
  // An organisation whose request to join (medium band) was approved.
  Approved Make(const std::string& prefix = "") {
    Approved a;
    a.lead = SignUp(prefix + "lead@example.org", "Lee Lead");
    a.org = CreateOrganisation(a.lead, prefix + "Riverside");
    a.member = Join(a.lead, a.org, prefix + "member@example.org", "member");
    a.admin = Staff(prefix + "admin@example.org", PlatformRole::kAdministrator);
    const std::string requests = "/organisations/" + a.org + "/membership/requests";
    const std::string id =
        Body(Post(requests, a.lead, {{"staff", 30}, {"turnover_pence", 200000000}}))["id"];
    EXPECT_EQ(Post(requests + "/" + id + "/decision", a.admin, {{"decision", "approve"}}).status,
              200);
    a.base = "/organisations/" + a.org + "/invoices";
    return a;
  }
  json List(const Approved& a, const Session& as) {
    Response r = Call(Method::kGet, "/api/v1" + a.base, "", &as);
    EXPECT_EQ(r.status, 200) << r.body;
    return Body(r)["items"];
  }
};

TEST_F(InvoicesTest, AnApprovedMembershipIsInvoicedAtItsBandsFee) {
  Approved a = Make();
  const json list = List(a, a.member);
  ASSERT_EQ(list.size(), 1u);
  const json& i = list[0];
  EXPECT_EQ(i["number"], "VM-2030-0001");
  EXPECT_EQ(i["subject"], "membership");
  EXPECT_EQ(i["state"], "issued");
  // Medium band: £600.00 + 20 % VAT £120.00 = £720.00, due 30 days after issue.
  EXPECT_EQ(i["amount"]["net_pence"], 60000);
  EXPECT_EQ(i["amount"]["vat_pence"], 12000);
  EXPECT_EQ(i["amount"]["gross_pence"], 72000);
  EXPECT_EQ(i["issued_on"], Day(0));
  EXPECT_EQ(i["due_on"], Day(30));
  EXPECT_TRUE(i["paid_on"].is_null());
  EXPECT_NE(i["description"].get<std::string>().find("Medium band"), std::string::npos);

  // The representatives are told, in pounds, with how to pay.
  bool mailed = false;
  const json outbox = Body(Call(Method::kGet, "/api/v1/outbox?limit=200", "", &a.admin));
  for (const json& m : outbox["items"])
    if (m["to"] == "lead@example.org" &&
        m["subject"].get<std::string>().find("VM-2030-0001") != std::string::npos) {
      mailed = true;
      EXPECT_NE(m["body"].get<std::string>().find("£600.00 + VAT £120.00 = £720.00"),
                std::string::npos)
          << m["body"];
    }
  EXPECT_TRUE(mailed);

  // The PDF.
  Response pdf = Call(Method::kGet, "/api/v1" + a.base + "/" + i["id"].get<std::string>() + ".pdf",
                      "", &a.member);
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.content_type, "application/pdf");
  EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0u);

  // A second organisation's invoice takes the next number; neither sees the other's.
  Approved b = Make("b-");
  const json other = List(b, b.lead);
  ASSERT_EQ(other.size(), 1u);
  EXPECT_EQ(other[0]["number"], "VM-2030-0002");
  EXPECT_EQ(Call(Method::kGet, "/api/v1" + a.base, "", &b.lead).status, 404);
  EXPECT_EQ(
      Call(Method::kGet, "/api/v1" + a.base + "/" + other[0]["id"].get<std::string>(), "", &a.lead)
          .status,
      404);
}

TEST_F(InvoicesTest, StaffRecordThePaymentOnADayThatCanBeTrue) {
  Approved a = Make();
  const json i = List(a, a.lead)[0];
  const std::string path = a.base + "/" + i["id"].get<std::string>();
  // Only an administrator; the organisation cannot mark its own invoice paid.
  EXPECT_EQ(Post(path + "/payment", a.lead, {{"paid_on", Day(0)}}).status, 403);
  auto problem = [&](const json& body) {
    Response r = Post(path + "/payment", a.admin, body);
    EXPECT_EQ(r.status, 400) << r.body;
    return Body(r)["error"]["fields"][0]["field"].get<std::string>();
  };
  EXPECT_EQ(problem({{"paid_on", Day(1)}}), "paid_on");   // still to come
  EXPECT_EQ(problem({{"paid_on", Day(-1)}}), "paid_on");  // before the invoice
  EXPECT_EQ(problem({{"paid_on", "yesterday"}}), "paid_on");
  EXPECT_EQ(problem({{"paid_on", Day(0)}, {"reference", "BACS\x01"}}), "reference");
  EXPECT_EQ(problem({{"paid_on", Day(0)}, {"amount", 1}}), "amount");
  EXPECT_EQ(List(a, a.lead)[0]["state"], "issued");
  // A stale version is refused.
  EXPECT_EQ(Post(path + "/payment", a.admin, {{"paid_on", Day(0)}, {"version", 99}}).status, 409);

  Response paid =
      Post(path + "/payment", a.admin,
           {{"paid_on", Day(0)}, {"reference", "BACS 0042"}, {"version", i["version"]}});
  ASSERT_EQ(paid.status, 200) << paid.body;
  EXPECT_EQ(Body(paid)["state"], "paid");
  EXPECT_EQ(Body(paid)["paid_on"], Day(0));
  EXPECT_EQ(Body(paid)["payment_reference"], "BACS 0042");
  EXPECT_EQ(Body(paid)["decided_by_name"], "Staff");
  // Paid once; a paid invoice is not voided.
  EXPECT_EQ(Post(path + "/payment", a.admin, {{"paid_on", Day(0)}}).status, 409);
  EXPECT_EQ(Post(path + "/void", a.admin, {{"reason", "oops"}}).status, 409);

  // The administrators' list narrows by state.
  const json issued = Body(Call(Method::kGet, "/api/v1/invoices?state=issued", "", &a.admin));
  EXPECT_TRUE(issued["items"].empty());
  const json all = Body(Call(Method::kGet, "/api/v1/invoices?state=paid", "", &a.admin));
  ASSERT_EQ(all["items"].size(), 1u);
  EXPECT_EQ(all["items"][0]["organisation_name"], "Riverside");
  EXPECT_EQ(Call(Method::kGet, "/api/v1/invoices?state=owed", "", &a.admin).status, 400);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/invoices", "", &a.lead).status, 403);

  // The History says what changed, in words.
  const json history = Body(
      Call(Method::kGet, "/api/v1/organisations/" + a.org + "/history?kind=invoice", "", &a.lead));
  ASSERT_GE(history["items"].size(), 2u);
  const json& entry = history["items"][0];
  EXPECT_EQ(entry["action"], "invoice.pay");
  bool state_change = false;
  for (const json& c : entry["changes"])
    if (c["field"] == "State") {
      state_change = true;
      EXPECT_EQ(c["before"], "Issued");
      EXPECT_EQ(c["after"], "Paid");
    }
  EXPECT_TRUE(state_change) << entry.dump();
}

TEST_F(InvoicesTest, AVoidedInvoiceSaysWhy) {
  Approved a = Make();
  const std::string path = a.base + "/" + List(a, a.lead)[0]["id"].get<std::string>();
  EXPECT_EQ(Post(path + "/void", a.admin, {{"reason", ""}}).status, 400);
  Response v = Post(path + "/void", a.admin, {{"reason", "Issued to the wrong organisation"}});
  ASSERT_EQ(v.status, 200) << v.body;
  EXPECT_EQ(Body(v)["state"], "void");
  EXPECT_EQ(List(a, a.member)[0]["void_reason"], "Issued to the wrong organisation");
  EXPECT_EQ(Post(path + "/payment", a.admin, {{"paid_on", Day(0)}}).status, 409);
  Response pdf = Call(Method::kGet, "/api/v1" + path + ".pdf", "", &a.lead);
  EXPECT_EQ(pdf.status, 200);
}

TEST_F(InvoicesTest, AnUpdateSaysWhatChangedFieldByField) {
  Approved a = Make();
  const std::string org_path = "/organisations/" + a.org;
  const json org = Body(Call(Method::kGet, "/api/v1" + org_path, "", &a.lead));
  Response r = Call(
      Method::kPatch, "/api/v1" + org_path,
      json{{"version", org["version"]}, {"name", "Riverside Trust"}, {"area", "Bradford"}}.dump(),
      &a.lead);
  ASSERT_EQ(r.status, 200) << r.body;
  const json history =
      Body(Call(Method::kGet, "/api/v1" + org_path + "/history?kind=organisation", "", &a.lead));
  const json& entry = history["items"][0];
  EXPECT_EQ(entry["action"], "organisation.update");
  ASSERT_EQ(entry["changes"].size(), 2u) << entry.dump();
  EXPECT_EQ(entry["changes"][0],
            (json{{"field", "Name"}, {"before", "Riverside"}, {"after", "Riverside Trust"}}));
  EXPECT_EQ(entry["changes"][1]["field"], "Area");
  EXPECT_EQ(entry["changes"][1]["before"], "Leeds");
  EXPECT_EQ(entry["changes"][1]["after"], "Bradford");
  EXPECT_EQ(entry["more_changes"], 0);

  // A role change names the role in words.
  const json members =
      Body(Call(Method::kGet, "/api/v1" + org_path + "/members", "", &a.lead))["items"];
  std::string member_id;
  for (const json& m : members)
    if (m["email"] == "member@example.org") member_id = m["user_id"];
  ASSERT_EQ(Call(Method::kPatch, "/api/v1" + org_path + "/members/" + member_id,
                 json{{"role", "senior_leader"}}.dump(), &a.lead)
                .status,
            200);
  const json roles =
      Body(Call(Method::kGet, "/api/v1" + org_path + "/history?kind=member", "", &a.lead));
  const json& change = roles["items"][0];
  EXPECT_EQ(change["entity_name"], "Person");
  ASSERT_EQ(change["changes"].size(), 1u) << change.dump();
  EXPECT_EQ(change["changes"][0],
            (json{{"field", "Role"}, {"before", "Member"}, {"after", "Senior leader"}}));

  // And the audit chain with the changes in it still verifies.
  const json verify = Body(Call(Method::kGet, "/api/v1/audit/verify", "", &a.admin));
  EXPECT_TRUE(verify["valid"]) << verify.dump();
}

}  // namespace
}  // namespace valuemark::http
