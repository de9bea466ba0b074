// The directory of social enterprises (docs/api.md "Directory"): profiles an
// organisation opts into, the broker's entries and CSV import, full-text
// search with filters and facet counts on both databases, certification live
// from the register, and contact only through the broker.
#include "api_fixture.h"

namespace valuemark::http {
namespace {

class DirectoryTest : public ApiTest {
 protected:
  static json Entry(const std::string& name, std::vector<std::string> themes,
                    std::vector<std::string> areas, const std::string& summary,
                    const std::string& form = "cic") {
    return {{"name", name},         {"summary", summary},    {"legal_form", form},
            {"size_band", "small"}, {"areas", areas},        {"themes", themes},
            {"listed", true},       {"contact_name", "Sam"}, {"contact_email", "sam@example.org"}};
  }
  json Search(const std::string& query, const Session* as = nullptr) {
    const std::string base = as != nullptr ? "/api/v1/broker/directory" : "/api/v1/directory";
    Response r = Call(Method::kGet, base + query, "", as);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    return Body(r);
  }
  static std::vector<std::string> Names(const json& page) {
    std::vector<std::string> out;
    for (const json& e : page["items"]) out.push_back(e["name"].get<std::string>());
    return out;
  }
  static int64_t Facet(const json& page, const std::string& kind, const std::string& value) {
    for (const json& f : page["facets"][kind])
      if (f["value"] == value) return f["count"];
    return -1;
  }
  std::string Add(const Session& broker, const json& entry) {
    Response r = Call(Method::kPost, "/api/v1/broker/directory", entry.dump(), &broker);
    EXPECT_EQ(r.status, 201) << r.body;
    return Body(r)["id"];
  }
  std::string ErrorField(const Response& r) {
    const json b = Body(r);
    return b["error"].contains("field") ? b["error"]["field"].get<std::string>() : "";
  }
};

TEST_F(DirectoryTest, AnOrganisationListsItsProfileWhenItChooses) {
  Certifiable c = MakeCertifiable();
  const std::string path = "/api/v1/organisations/" + c.org + "/directory-profile";
  EXPECT_TRUE(Body(Call(Method::kGet, path, "", &c.member))["entry"].is_null());
  json profile = Entry("Riverside Café", {"food", "jobs_and_skills"}, {"yorkshire"},
                       "A café in Leeds that trains young people as cooks.");
  profile["listed"] = false;

  // Only the Lead writes it; someone outside the organisation is not told it exists.
  EXPECT_EQ(Call(Method::kPut, path, profile.dump(), &c.member).status, 403);
  Session outsider = SignUp("outsider@example.org");
  EXPECT_EQ(Call(Method::kPut, path, profile.dump(), &outsider).status, 404);
  EXPECT_EQ(Call(Method::kGet, path, "", &outsider).status, 404);

  // Each problem is named by its field, and nothing is saved.
  json bad = profile;
  bad["themes"] = json::array({"fish"});
  bad["summary"] = "Short";
  bad["website"] = "javascript:alert(1)";
  Response refused = Call(Method::kPut, path, bad.dump(), &c.lead);
  ASSERT_EQ(refused.status, 400) << refused.body;
  std::set<std::string> fields;
  const json refusal = Body(refused);
  for (const json& f : refusal["error"]["fields"]) fields.insert(f["field"].get<std::string>());
  EXPECT_EQ(fields, (std::set<std::string>{"summary", "website", "themes"}));
  EXPECT_TRUE(Body(Call(Method::kGet, path, "", &c.member))["entry"].is_null());

  Response saved = Call(Method::kPut, path, profile.dump(), &c.lead);
  ASSERT_EQ(saved.status, 200) << saved.body;
  const json entry = Body(saved);
  EXPECT_EQ(entry["themes"], json::array({"jobs_and_skills", "food"}));  // the taxonomy's order
  EXPECT_EQ(entry["contact"]["email"], "sam@example.org");
  EXPECT_TRUE(entry["may_edit"]);
  const std::string id = entry["id"];

  // Not listed: not in the directory, and not found by its id.
  EXPECT_EQ(Search("?q=cafe")["total"], 0);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/directory/" + id).status, 404);

  // Listed: found, without its contact details; a stale version is refused.
  profile["listed"] = true;
  profile["version"] = 1;
  ASSERT_EQ(Call(Method::kPut, path, profile.dump(), &c.lead).status, 200);
  profile["summary"] = "Someone else's change, made from an old copy.";
  Response stale = Call(Method::kPut, path, profile.dump(), &c.lead);
  EXPECT_EQ(stale.status, 409) << stale.body;
  const json found = Search("?q=café");
  ASSERT_EQ(Names(found), (std::vector<std::string>{"Riverside Café"}));
  EXPECT_TRUE(found["items"][0]["contact"].is_null());
  const json shown = Body(Call(Method::kGet, "/api/v1/directory/" + id));
  EXPECT_TRUE(shown["contact"].is_null());
  EXPECT_FALSE(shown["may_edit"]);
  EXPECT_EQ(shown["organisation_id"], c.org);
  EXPECT_GE(AuditEntries(), 2);
}

TEST_F(DirectoryTest, SearchFindsWordsAndFiltersWithFacetCountsOfEveryMatch) {
  Session admin = Staff("admin@example.org", PlatformRole::kAdministrator);
  Add(admin, Entry("Bread Shed", {"food", "jobs_and_skills"}, {"wales"},
                   "A community bakery training young bakers in Cardiff."));
  Add(admin, Entry("The Food Hub", {"food", "poverty"}, {"london"},
                   "Shares surplus food with families on low incomes.", "charity"));
  Add(admin, Entry("Green Routes", {"environment", "transport"}, {"uk_wide"},
                   "Community transport and cycling across the country.", "charity"));
  json hidden = Entry("Quiet Bakers", {"food"}, {"wales"}, "Bakes bread; not listed yet.");
  hidden["listed"] = false;
  Add(admin, hidden);

  // Everything listed, by name (without "The").
  json all = Search("");
  EXPECT_EQ(Names(all), (std::vector<std::string>{"Bread Shed", "The Food Hub", "Green Routes"}));
  EXPECT_EQ(all["total"], 3);
  EXPECT_EQ(Facet(all, "themes", "food"), 2);
  EXPECT_EQ(Facet(all, "themes", "environment"), 1);
  EXPECT_EQ(Facet(all, "themes", "housing"), 0);
  EXPECT_EQ(Facet(all, "legal_forms", "charity"), 2);
  EXPECT_EQ(Facet(all, "areas", "wales"), 1);

  // Words: stems and the start of the last word; the name weighs most.
  EXPECT_EQ(Names(Search("?q=baker")), (std::vector<std::string>{"Bread Shed"}));
  EXPECT_EQ(Names(Search("?q=bre")), (std::vector<std::string>{"Bread Shed"}));
  EXPECT_EQ(Names(Search("?q=FOOD")).front(), "The Food Hub");
  EXPECT_EQ(Search("?q=food")["total"], 2);
  EXPECT_EQ(Search("?q=bakery london")["total"], 0);

  // Filters: any of the themes; an area includes those serving the whole UK.
  EXPECT_EQ(Names(Search("?theme=poverty,environment")),
            (std::vector<std::string>{"The Food Hub", "Green Routes"}));
  EXPECT_EQ(Names(Search("?area=wales")), (std::vector<std::string>{"Bread Shed", "Green Routes"}));
  EXPECT_EQ(Names(Search("?legal_form=cic&q=bread")), (std::vector<std::string>{"Bread Shed"}));
  const json food = Search("?q=food&area=london");
  EXPECT_EQ(food["total"], 1);
  EXPECT_EQ(Facet(food, "themes", "poverty"), 1);
  EXPECT_EQ(Facet(food, "themes", "jobs_and_skills"), 0);

  // Paging keeps the total and the facets.
  const json second = Search("?limit=1&offset=1");
  EXPECT_EQ(Names(second), (std::vector<std::string>{"The Food Hub"}));
  EXPECT_EQ(second["total"], 3);
  EXPECT_EQ(Facet(second, "themes", "food"), 2);
  // A page in the second half (PostgreSQL counts it from the end), and past the end.
  EXPECT_EQ(Names(Search("?limit=1&offset=2")), (std::vector<std::string>{"Green Routes"}));
  EXPECT_EQ(Names(Search("?limit=2&offset=2")), (std::vector<std::string>{"Green Routes"}));
  EXPECT_EQ(Names(Search("?limit=2&offset=1")),
            (std::vector<std::string>{"The Food Hub", "Green Routes"}));
  EXPECT_TRUE(Search("?offset=3")["items"].empty());
  EXPECT_EQ(Search("?offset=3")["total"], 3);
  EXPECT_EQ(Names(Search("?theme=food&limit=1&offset=1")),
            (std::vector<std::string>{"The Food Hub"}));
  // With words, the page follows the ranking and the counts are of every match.
  const json ranked = Search("?q=food&limit=1&offset=1");
  EXPECT_EQ(Names(ranked), (std::vector<std::string>{"Bread Shed"}));
  EXPECT_EQ(ranked["total"], 2);
  EXPECT_EQ(Facet(ranked, "themes", "poverty"), 1);
  EXPECT_TRUE(Search("?q=food&offset=2")["items"].empty());

  // The broker's view includes the unlisted entry, with contact details.
  const json broker = Search("?q=bread", &admin);
  EXPECT_EQ(broker["total"], 2);
  EXPECT_EQ(broker["items"][0]["contact"]["email"], "sam@example.org");
  Session member = SignUp("someone@example.org");
  EXPECT_EQ(Call(Method::kGet, "/api/v1/broker/directory", "", &member).status, 403);

  // Text that is query syntax in either database is only words.
  // (The test's requests are not percent-encoded: the server decodes before this.)
  for (const char* q : {"\"", "bread\" OR \"", "*", "NEAR(bread)", "-bread", "bread:*", "a|b!c",
                        "'; DROP TABLE", "\u202e", "name:bread", "bread & !roses"}) {
    Response r = Call(Method::kGet, std::string("/api/v1/directory?q=") + q);
    EXPECT_TRUE(r.status == 200 || r.status == 400) << q << ": " << r.body;
  }
  EXPECT_EQ(Names(Search("?q=\"bread\"")), (std::vector<std::string>{"Bread Shed"}));

  // Bad filters are named.
  EXPECT_EQ(ErrorField(Call(Method::kGet, "/api/v1/directory?theme=fish")), "theme");
  EXPECT_EQ(ErrorField(Call(Method::kGet, "/api/v1/directory?limit=0")), "limit");
  EXPECT_EQ(ErrorField(Call(Method::kGet, "/api/v1/directory?certified=maybe")), "certified");
  EXPECT_EQ(ErrorField(Call(Method::kGet, "/api/v1/directory?q=\x01")), "q");
}

TEST_F(DirectoryTest, CertificationIsShownLiveFromTheRegister) {
  Certifiable c = MakeCertifiable();
  const std::string path = "/api/v1/organisations/" + c.org + "/directory-profile";
  ASSERT_EQ(
      Call(Method::kPut, path,
           Entry("Riverside", {"food"}, {"yorkshire"}, "A café that trains cooks.").dump(), &c.lead)
          .status,
      200);
  Add(c.admin, Entry("Bread Shed", {"food"}, {"wales"}, "A bakery that trains bakers."));
  EXPECT_EQ(Search("?certified=true")["total"], 0);

  const std::string app = SignedOffApplication(c, "svqm", 1);
  ASSERT_EQ(Post("/applications/" + app + "/submit", c.lead).status, 200);
  const std::string certificate =
      Body(Post("/applications/" + app + "/award", c.admin))["certificate_id"];

  const json certified = Search("?certified=true");
  ASSERT_EQ(Names(certified), (std::vector<std::string>{"Riverside"}));
  const json held = certified["items"][0]["certificates"];
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0]["certificate_id"], certificate);
  EXPECT_EQ(held[0]["level"], 1);
  EXPECT_NE(held[0]["title"].get<std::string>().find("Pledges"), std::string::npos);
  const json all = Search("");
  EXPECT_EQ(all["facets"]["certified"], 1);
  ASSERT_EQ(all["facets"]["certification"].size(), 1u);
  EXPECT_EQ(all["facets"]["certification"][0]["value"], "svqm:1");
  EXPECT_EQ(Search("?scheme=svqm&level=1")["total"], 1);
  EXPECT_EQ(Search("?scheme=svqm&level=2")["total"], 0);
  EXPECT_EQ(Search("?scheme=svmc")["total"], 0);
  // Filters and words apply to the certified profiles too, and the facets count them.
  EXPECT_EQ(Facet(certified, "themes", "food"), 1);
  EXPECT_EQ(Facet(certified, "areas", "wales"), 0);
  EXPECT_EQ(Names(Search("?certified=true&theme=food&area=yorkshire")),
            (std::vector<std::string>{"Riverside"}));
  EXPECT_EQ(Search("?certified=true&area=wales")["total"], 0);
  EXPECT_EQ(Names(Search("?certified=true&q=cooks")), (std::vector<std::string>{"Riverside"}));
  EXPECT_EQ(Search("?certified=true&q=bakery")["total"], 0);
  EXPECT_TRUE(Search("?certified=true&offset=1")["items"].empty());

  // Suspended: shown as such, and no longer counted as certified.
  ASSERT_EQ(Post("/certificates/" + certificate + "/suspend", c.admin,
                 {{"reason", "Evidence under review after a complaint."}})
                .status,
            200);
  EXPECT_EQ(Search("?certified=true")["total"], 0);
  const json shown = Search("?q=riverside")["items"][0];
  EXPECT_TRUE(shown["certificates"][0]["suspended"]);
}

TEST_F(DirectoryTest, TheBrokerAddsEntriesOnceAndImportsTheNetworkRowByRow) {
  Session broker = Staff("broker@example.org", PlatformRole::kBroker);
  Session assessor = Staff("reviewer@example.org", PlatformRole::kAssessor);
  const json bread = Entry("Bread Shed CIC", {"food"}, {"wales"}, "A bakery that trains bakers.");
  EXPECT_EQ(Call(Method::kPost, "/api/v1/broker/directory", bread.dump(), &assessor).status, 403);
  const std::string id = Add(broker, bread);

  // The same enterprise under another spelling is refused, unless the broker says otherwise.
  json again = bread;
  again["name"] = "the bread shed";
  Response twice = Call(Method::kPost, "/api/v1/broker/directory", again.dump(), &broker);
  EXPECT_EQ(twice.status, 409) << twice.body;
  EXPECT_EQ(ErrorField(twice), "name");
  again["not_a_duplicate"] = true;
  const std::string other = Add(broker, again);

  // Changes need the version seen; an organisation's own profile is not the broker's.
  json changed = bread;
  changed["summary"] = "A bakery that trains bakers, and a café.";
  changed["version"] = 1;
  EXPECT_EQ(Call(Method::kPut, "/api/v1/broker/directory/" + id, changed.dump(), &broker).status,
            200);
  EXPECT_EQ(Call(Method::kPut, "/api/v1/broker/directory/" + id, changed.dump(), &broker).status,
            409);
  EXPECT_EQ(Call(Method::kDelete, "/api/v1/broker/directory/" + other, "", &broker).status, 204);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/directory/" + other).status, 404);

  // An import with any problem adds nothing and names each by row and column.
  const std::string bad =
      "name,summary,legal_form,size_band,areas,themes,listed\n"
      "Good Grub,Cooks meals for older people at home,charity,small,Wales,Food and nutrition;"
      "older_people,yes\n"
      "Fishy,Sells fish to people in the town,cic,tiny,wales,fish,maybe\n"
      ",Nameless but described well,cic,small,wales,food,\n";
  Response refused = CallCsv("/api/v1/broker/directory/import", bad, &broker);
  ASSERT_EQ(refused.status, 400) << refused.body;
  std::vector<std::string> where;
  const json refusal = Body(refused);
  for (const json& f : refusal["error"]["fields"]) where.push_back(f["field"].get<std::string>());
  // Every problem of a row at once, each column once, in words.
  EXPECT_EQ(where, (std::vector<std::string>{"row 3, listed", "row 3, themes", "row 3, size_band",
                                             "row 4, name"}));
  EXPECT_NE(refused.body.find("is not one of the directory's outcome themes"), std::string::npos)
      << refused.body;
  EXPECT_EQ(Search("?q=grub")["total"], 0);
  Response wrong_column =
      CallCsv("/api/v1/broker/directory/import", "name,colour\nX,red\n", &broker);
  EXPECT_EQ(wrong_column.status, 400);
  EXPECT_NE(wrong_column.body.find("colour"), std::string::npos);

  // A clean import: names or codes; duplicates of the directory or the file are left out.
  const std::string csv =
      "name,summary,legal_form,size_band,people,areas,themes,website,listed\n"
      "Good Grub,Cooks meals for older people at home,Registered charity,small,12,Wales,"
      "Food and nutrition;older_people,https://grub.example,yes\n"
      "BREAD SHED LTD,A bakery (again),cic,small,,wales,food,,\n"
      "Good Grub.,The same again in this file,charity,small,,wales,food,,no\n"
      "Hidden Gem,Not listed until it agrees to be,cic,medium,3,london,equality,,no\n";
  Response imported = CallCsv("/api/v1/broker/directory/import", csv, &broker);
  ASSERT_EQ(imported.status, 200) << imported.body;
  const json report = Body(imported);
  EXPECT_EQ(report["added"], 2);
  ASSERT_EQ(report["duplicates"].size(), 2u);
  EXPECT_EQ(report["duplicates"][0]["row"], 3);
  EXPECT_EQ(report["duplicates"][0]["existing_id"], id);
  EXPECT_EQ(report["duplicates"][1]["row"], 4);
  EXPECT_TRUE(report["duplicates"][1]["existing_id"].is_null());
  const json grub = Search("?q=grub")["items"][0];
  EXPECT_EQ(grub["legal_form"], "charity");
  EXPECT_EQ(grub["themes"], json::array({"food", "older_people"}));
  EXPECT_EQ(grub["people"], 12);
  EXPECT_EQ(Search("?q=hidden")["total"], 0);
  EXPECT_EQ(Search("?q=hidden", &broker)["total"], 1);

  // The broker sees no organisation's own records.
  Certifiable c = MakeCertifiable();
  EXPECT_EQ(Call(Method::kGet, "/api/v1/organisations/" + c.org, "", &broker).status, 404);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/applications", "", &broker).status, 403);
}

TEST_F(DirectoryTest, PeopleGetInTouchThroughTheBrokerOnly) {
  Session broker = Staff("broker@example.org", PlatformRole::kBroker);
  const std::string id =
      Add(broker, Entry("Bread Shed", {"food"}, {"wales"}, "A bakery that trains bakers."));
  Session buyer = SignUp("buyer@council.example", "Council Buyer");
  const std::string contact = "/api/v1/directory/" + id + "/contact";
  EXPECT_EQ(Call(Method::kPost, contact, R"({"message": "Hi"})", &buyer).status, 400);
  EXPECT_EQ(
      Call(Method::kPost, contact, R"({"message": "We need bread for 40 lunches a week."})").status,
      401);
  Response asked = Call(Method::kPost, contact,
                        R"({"message": "We need bread for 40 lunches a week."})", &buyer);
  ASSERT_EQ(asked.status, 202) << asked.body;
  EXPECT_EQ(asked.body.find("sam@example.org"), std::string::npos);

  Session admin = Staff("admin@example.org", PlatformRole::kAdministrator);
  const json outbox = Body(Call(Method::kGet, "/api/v1/outbox?limit=200", "", &admin));
  int to_broker = 0, to_entry = 0;
  for (const json& m : outbox["items"]) {
    if (m["to"] == "broker@example.org" &&
        m["body"].get<std::string>().find("40 lunches") != std::string::npos)
      ++to_broker;
    if (m["to"] == "sam@example.org") ++to_entry;
  }
  EXPECT_EQ(to_broker, 1);
  EXPECT_EQ(to_entry, 0);
  EXPECT_EQ(Call(Method::kPost, "/api/v1/directory/no-such/contact",
                 R"({"message": "We need bread for 40 lunches a week."})", &buyer)
                .status,
            404);
}

}  // namespace
}  // namespace valuemark::http
