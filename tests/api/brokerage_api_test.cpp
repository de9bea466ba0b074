// Honest brokerage (docs/api.md "Brokerage"), end to end through the API on
// both databases: a need, the ranked candidates with every score explained,
// the broker's shortlist and proposal, the candidate's consent before any
// contact is shared, the stages in order, and the partnership whose shares the
// principles check of both partners' impact maps holds to.
#include "api_examples.h"
#include "api_fixture.h"

namespace valuemark::http {
namespace {

class BrokerageTest : public ApiTest {
 protected:
  static json Need() {
    return {{"title", "Hot meals for older people in Leeds"},
            {"outcomes", "Fewer older people eat alone; more of them eat a hot meal each day."},
            {"themes", {"food", "older_people"}},
            {"areas", {"yorkshire"}},
            {"budget_pence", 2500000},
            {"starts_on", "2027-04-01"},
            {"ends_on", "2028-03-31"}};
  }
  std::set<std::string> Fields(const Response& r) {
    std::set<std::string> out;
    const json b = Body(r);
    for (const json& f : b["error"]["fields"]) out.insert(f["field"].get<std::string>());
    if (out.empty() && b["error"].contains("field")) out.insert(b["error"]["field"]);
    return out;
  }
  json Move(const std::string& match, const Session& as, const json& body, int status) {
    Response r = Call(Method::kPost, "/api/v1/matches/" + match + "/stage", body.dump(), &as);
    EXPECT_EQ(r.status, status) << body.dump() << ": " << r.body;
    return Body(r);
  }
  std::vector<std::string> LintCodes(const std::string& map, const Session& as) {
    Response r = Call(Method::kGet, "/api/v1/impact-maps/" + map + "/lint", "", &as);
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> out;
    const json b = Body(r);
    for (const json& f : b["findings"])
      out.push_back(f["code"].get<std::string>() + " " + f["path"].get<std::string>());
    return out;
  }
  void SetAttribution(const std::string& map, const Session& as, const std::string& outcome,
                      double attribution) {
    const std::string path = "/api/v1/impact-maps/" + map;
    json m = Body(Call(Method::kGet, path, "", &as));
    for (json& o : m["outcomes"])
      if (o["id"] == outcome) o["attribution"] = attribution;
    Response r = Call(Method::kPut, path, m.dump(), &as);
    ASSERT_EQ(r.status, 200) << r.body;
  }
  int MessagesTo(const std::string& email, const std::string& subject_part) {
    int n = 0;
    auto r = store_->Read([&](app::Transaction& tx) -> Result<void> {
      auto messages = TRY(tx.ListMessagesTo(email, 50));
      for (const app::OutboxMessage& m : messages)
        if (m.subject.find(subject_part) != std::string::npos) ++n;
      return {};
    });
    EXPECT_TRUE(r.has_value());
    return n;
  }
};

TEST_F(BrokerageTest, ANeedBecomesAPartnershipWithConsentAndNoOutcomeClaimedTwice) {
  // The candidate: Riverside, listed in the directory.
  Certifiable c = MakeCertifiable();
  Session broker = Staff("broker@example.org", PlatformRole::kBroker);
  ASSERT_EQ(Call(Method::kPut, "/api/v1/organisations/" + c.org + "/directory-profile",
                 json{{"name", "Riverside"},
                      {"summary", "A lunch club for older people in Leeds."},
                      {"legal_form", "charity"},
                      {"size_band", "medium"},
                      {"areas", {"yorkshire"}},
                      {"themes", {"food", "older_people"}},
                      {"listed", true},
                      {"contact_name", "Rita"},
                      {"contact_email", "rita@riverside.example"}}
                     .dump(),
                 &c.lead)
                .status,
            200);
  // A weaker candidate the broker added, and one sharing no theme.
  for (const auto& [name, themes, areas] :
       {std::tuple{"Bread Shed", json{"food"}, json{"wales"}},
        std::tuple{"Green Routes", json{"environment"}, json{"yorkshire"}}}) {
    Response added = Call(Method::kPost, "/api/v1/broker/directory",
                          json{{"name", name},
                               {"summary", "An enterprise the broker knows well."},
                               {"legal_form", "cic"},
                               {"size_band", "small"},
                               {"areas", areas},
                               {"themes", themes}}
                              .dump(),
                          &broker);
    ASSERT_EQ(added.status, 201) << added.body;
  }

  // The need: Harbour Homes' Lead posts it; each problem is named by its field.
  Session harbour = SignUp("lead@harbour.example", "Hana");
  const std::string home = CreateOrganisation(harbour, "Harbour Homes");
  Session harbour_member = Join(harbour, home, "member@harbour.example", "member");
  const std::string needs = "/api/v1/organisations/" + home + "/needs";
  json bad = Need();
  bad["themes"] = json::array({"fish"});
  bad["budget_pence"] = -5;
  bad["ends_on"] = "2027-01-01";
  bad["outcomes"] = "Short";
  Response refused = Call(Method::kPost, needs, bad.dump(), &harbour);
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(Fields(refused),
            (std::set<std::string>{"outcomes", "themes", "budget_pence", "ends_on"}));
  EXPECT_NE(refused.body.find("£1,000,000,000"), std::string::npos) << refused.body;
  EXPECT_EQ(Call(Method::kPost, needs, Need().dump(), &harbour_member).status, 403);
  EXPECT_EQ(Call(Method::kPost, needs, Need().dump(), &c.lead).status, 404);
  EXPECT_TRUE(Body(Call(Method::kGet, needs, "", &harbour))["items"].empty());
  Response posted = Call(Method::kPost, needs, Need().dump(), &harbour);
  ASSERT_EQ(posted.status, 201) << posted.body;
  const std::string need = Body(posted)["id"];
  EXPECT_EQ(MessagesTo("broker@example.org", "posted a need"), 1);

  // The broker's queue and ranking; nobody else's.
  EXPECT_EQ(Call(Method::kGet, "/api/v1/broker/needs", "", &harbour).status, 403);
  json queue = Body(Call(Method::kGet, "/api/v1/broker/needs", "", &broker));
  ASSERT_EQ(queue["items"].size(), 1U);
  EXPECT_EQ(queue["items"][0]["organisation_name"], "Harbour Homes");
  const std::string ranking = "/api/v1/broker/needs/" + need + "/candidates";
  EXPECT_EQ(Call(Method::kGet, ranking, "", &c.lead).status, 403);
  json ranked = Body(Call(Method::kGet, ranking, "", &broker));
  ASSERT_EQ(ranked["items"].size(), 2U) << ranked.dump();  // Green Routes shares no theme
  const json& top = ranked["items"][0];
  EXPECT_EQ(top["name"], "Riverside");
  // 40 (both themes) + 25 (Yorkshire) + 0 (no certificate) + 15 (medium, no partnership).
  EXPECT_DOUBLE_EQ(top["score"].get<double>(), 80);
  double sum = 0;
  for (const json& p : top["parts"]) sum += p["points"].get<double>();
  EXPECT_DOUBLE_EQ(sum, 80);
  EXPECT_EQ(top["parts"][1]["reason"], "Serves Yorkshire and the Humber");
  // Bread Shed: 20 (one theme of two) + 0 (Wales) + 0 + 15 (small, free).
  EXPECT_EQ(ranked["items"][1]["name"], "Bread Shed");
  EXPECT_DOUBLE_EQ(ranked["items"][1]["score"].get<double>(), 35);
  const std::string bread = ranked["items"][1]["entry_id"];

  // The shortlist is the broker's alone.
  const std::string shortlist = "/api/v1/broker/needs/" + need + "/shortlist";
  const json pick = {{"entry_id", top["entry_id"]}};
  Response listed = Call(Method::kPost, shortlist, pick.dump(), &broker);
  ASSERT_EQ(listed.status, 201) << listed.body;
  const std::string match = Body(listed)["id"];
  EXPECT_EQ(Call(Method::kPost, shortlist, pick.dump(), &broker).status, 409);
  EXPECT_EQ(Call(Method::kPost, shortlist, pick.dump(), &harbour).status, 403);
  EXPECT_TRUE(Body(Call(Method::kGet, "/api/v1/needs/" + need, "", &harbour))["matches"].empty());
  EXPECT_EQ(Call(Method::kGet, "/api/v1/matches/" + match, "", &c.lead).status, 404);

  // Only the broker proposes (to the need's organisation a shortlist is not
  // there at all); the candidate is told, and no contact is shared yet.
  Move(match, harbour, {{"stage", "proposed"}}, 404);
  json proposed = Move(match, broker, {{"stage", "proposed"}, {"note", "They cook daily."}}, 200);
  EXPECT_EQ(proposed["stage"], "proposed");
  EXPECT_EQ(MessagesTo("lead@example.org", "proposed partnership"), 1);
  json seen_by_need = Body(Call(Method::kGet, "/api/v1/matches/" + match, "", &harbour));
  EXPECT_TRUE(seen_by_need["contacts"]["candidate"].is_null());
  EXPECT_EQ(seen_by_need["candidate"]["name"], "Riverside");  // listed: its name is public
  EXPECT_EQ(seen_by_need["moves"], json::array());            // the candidate answers first
  json seen_by_candidate = Body(Call(Method::kGet, "/api/v1/matches/" + match, "", &c.lead));
  EXPECT_TRUE(seen_by_candidate["contacts"]["need"].is_null());
  EXPECT_EQ(seen_by_candidate["need"]["title"], "Hot meals for older people in Leeds");
  EXPECT_EQ(seen_by_candidate["moves"], json::array({"introduced", "declined"}));

  // Consent is the candidate's own: not the need's, not a plain member's, not the broker's.
  Move(match, harbour, {{"stage", "introduced"}}, 403);
  Move(match, c.member, {{"stage", "introduced"}}, 403);
  Move(match, broker, {{"stage", "introduced"}, {"answered_for", "By phone"}}, 403);
  Move(match, c.lead, {{"stage", "declined"}}, 400);  // a decline says why
  json accepted = Move(match, c.lead, {{"stage", "introduced"}, {"version", 2}}, 200);
  EXPECT_EQ(accepted["contacts"]["need"]["email"], "lead@harbour.example");
  seen_by_need = Body(Call(Method::kGet, "/api/v1/matches/" + match, "", &harbour));
  EXPECT_EQ(seen_by_need["contacts"]["candidate"]["email"], "rita@riverside.example");
  EXPECT_EQ(MessagesTo("lead@harbour.example", "accepted"), 1);

  // One stage at a time; a stale version is refused.
  Move(match, harbour, {{"stage", "active"}}, 409);
  Move(match, harbour, {{"stage", "agreed"}, {"version", 1}}, 409);
  Move(match, harbour, {{"stage", "agreed"}}, 200);

  // The partnership: each side's maps count the shared outcome.
  const std::string file = ReadSource("examples/lunch-club.json");
  const std::string harbour_map = Body(Call(
      Method::kPost, needs.substr(0, needs.size() - 6) + "/impact-maps", file, &harbour))["id"];
  const std::string riverside_map = Body(
      Call(Method::kPost, "/api/v1/organisations/" + c.org + "/impact-maps", file, &c.lead))["id"];
  const std::string partnership = "/api/v1/matches/" + match + "/partnership";
  auto shares = [](double need_share, double candidate_share, const std::string& need_map,
                   const std::string& candidate_map) {
    json claims = json::array();
    claims.push_back({{"partner", "need"}, {"share", need_share}});
    claims.push_back({{"partner", "candidate"}, {"share", candidate_share}});
    if (!need_map.empty()) {
      claims[0]["map_id"] = need_map;
      claims[0]["outcome_id"] = "members-hot-meals";
    }
    if (!candidate_map.empty()) {
      claims[1]["map_id"] = candidate_map;
      claims[1]["outcome_id"] = "members-hot-meals";
    }
    return json{
        {"outcomes", {{{"description", "Older people eat a hot meal"}, {"claims", claims}}}}};
  };
  json control = shares(0.5, 0.5, "", "");
  control["outcomes"][0]["description"] = "Meals\u0007";
  EXPECT_EQ(Fields(Call(Method::kPut, partnership, control.dump(), &harbour)),
            (std::set<std::string>{"outcomes[0].description"}));
  Response over = Call(Method::kPut, partnership, shares(0.6, 0.5, "", "").dump(), &harbour);
  ASSERT_EQ(over.status, 400) << over.body;
  EXPECT_NE(over.body.find("110%"), std::string::npos) << over.body;
  // Harbour may not link Riverside's map, nor a map that is not its own.
  Response theirs =
      Call(Method::kPut, partnership, shares(0.5, 0.5, "", riverside_map).dump(), &harbour);
  EXPECT_EQ(Fields(theirs), (std::set<std::string>{"outcomes[0].claims[1].map_id"}));
  theirs = Call(Method::kPut, partnership, shares(0.5, 0.5, riverside_map, "").dump(), &harbour);
  EXPECT_EQ(Fields(theirs), (std::set<std::string>{"outcomes[0].claims[0].map_id"}));
  EXPECT_EQ(Call(Method::kPut, partnership, shares(0.5, 0.5, "", "").dump(), &c.member).status,
            403);
  Response saved =
      Call(Method::kPut, partnership, shares(0.5, 0.5, harbour_map, "").dump(), &harbour);
  ASSERT_EQ(saved.status, 200) << saved.body;
  json withlink = Body(saved)["partnership"];
  withlink[0]["claims"][1]["map_id"] = riverside_map;
  withlink[0]["claims"][1]["outcome_id"] = "members-hot-meals";
  saved = Call(Method::kPut, partnership, json{{"outcomes", withlink}}.dump(), &c.lead);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(Body(saved)["partnership"][0]["claims"][0]["map_id"], harbour_map);  // kept

  // Both maps claim 90% of the meals (attribution 10%): 180% between them.
  const std::string hot_meals = "outcome-claimed-twice outcomes[1].attribution";
  EXPECT_EQ(LintCodes(harbour_map, harbour), std::vector<std::string>{hot_meals});
  EXPECT_EQ(LintCodes(riverside_map, c.lead), std::vector<std::string>{hot_meals});
  // The assessor's pre-audit of a map given as evidence finds it too.
  Response applied = Post("/organisations/" + c.org + "/applications", c.lead,
                          {{"scheme_id", "svmc"}, {"level", 1}});
  ASSERT_EQ(applied.status, 201) << applied.body;
  const std::string app = "/applications/" + Body(applied)["id"].get<std::string>();
  ASSERT_EQ(Post(app + "/evidence", c.lead,
                 {{"criterion_id", "svmc.1.assess.1"},
                  {"kind", "record"},
                  {"record_kind", "impact_map"},
                  {"record_id", riverside_map}})
                .status,
            201);
  const json pre = Body(Call(Method::kGet, "/api/v1" + app + "/pre-audit", "", &c.admin));
  ASSERT_EQ(pre["record_checks"].size(), 1U) << pre;
  EXPECT_NE(pre["record_checks"][0].dump().find("counted twice"), std::string::npos)
      << pre["record_checks"][0].dump();
  SetAttribution(harbour_map, harbour, "members-hot-meals", 0.5);  // 50% + 90%
  EXPECT_EQ(LintCodes(riverside_map, c.lead), std::vector<std::string>{hot_meals});
  SetAttribution(riverside_map, c.lead, "members-hot-meals", 0.5);
  EXPECT_TRUE(LintCodes(harbour_map, harbour).empty());
  EXPECT_TRUE(LintCodes(riverside_map, c.lead).empty());
  // The editor's live check says the same of an unsaved copy.
  json copy = Body(Call(Method::kGet, "/api/v1/impact-maps/" + riverside_map, "", &c.lead));
  copy["outcomes"][1]["attribution"] = 0.2;
  Response live =
      Call(Method::kPost, "/api/v1/impact-maps/calculate?draws=100", copy.dump(), &c.lead);
  ASSERT_EQ(live.status, 200) << live.body;
  EXPECT_NE(live.body.find("outcome-claimed-twice"), std::string::npos);

  Move(match, c.lead, {{"stage", "active"}}, 200);
  json done = Move(match, broker, {{"stage", "completed"}}, 200);
  EXPECT_EQ(done["stage_label"], "Completed");
  Move(match, harbour, {{"stage", "declined"}, {"reason", "Too late"}}, 409);

  // An enterprise on no account: the broker answers for it, saying how.
  Response second = Call(Method::kPost, shortlist, json{{"entry_id", bread}}.dump(), &broker);
  ASSERT_EQ(second.status, 201) << second.body;
  const std::string bread_match = Body(second)["id"];
  Move(bread_match, broker, {{"stage", "proposed"}}, 200);
  Move(bread_match, broker, {{"stage", "introduced"}}, 400);
  json answered =
      Move(bread_match, broker,
           {{"stage", "introduced"}, {"answered_for", "Said yes by phone, 3 Dec"}}, 200);
  EXPECT_EQ(answered["answered_for"], "Said yes by phone, 3 Dec");
  json bread_seen = Move(bread_match, harbour, {{"stage", "declined"}, {"reason", "Too far"}}, 200);
  EXPECT_EQ(bread_seen["decline_reason"], "Too far");
  EXPECT_EQ(bread_seen["contacts"]["need"]["email"], "lead@harbour.example");

  // The organisation's partnerships, and the trail on both sides.
  json mine =
      Body(Call(Method::kGet, "/api/v1/organisations/" + c.org + "/matches", "", &c.member));
  ASSERT_EQ(mine["items"].size(), 1U);
  EXPECT_EQ(mine["items"][0]["party"], "");  // a member reads
  json theirs_list =
      Body(Call(Method::kGet, "/api/v1/organisations/" + home + "/matches", "", &harbour));
  EXPECT_EQ(theirs_list["items"].size(), 2U);
  EXPECT_GE(AuditEntries(), 12);
}

TEST_F(BrokerageTest, AShortlistedEntryCanBeTakenOffOnlyBeforeItIsProposed) {
  Session broker = Staff("broker@example.org", PlatformRole::kBroker);
  Session lead = SignUp("lead@harbour.example");
  const std::string home = CreateOrganisation(lead, "Harbour Homes");
  Response added = Call(Method::kPost, "/api/v1/broker/directory",
                        json{{"name", "Bread Shed"},
                             {"summary", "A community bakery in Cardiff."},
                             {"legal_form", "cic"},
                             {"size_band", "small"},
                             {"areas", {"wales"}},
                             {"themes", {"food"}}}
                            .dump(),
                        &broker);
  ASSERT_EQ(added.status, 201);
  Response posted =
      Call(Method::kPost, "/api/v1/organisations/" + home + "/needs", Need().dump(), &lead);
  ASSERT_EQ(posted.status, 201);
  const std::string need = Body(posted)["id"];
  Response listed = Call(Method::kPost, "/api/v1/broker/needs/" + need + "/shortlist",
                         json{{"entry_id", Body(added)["id"]}}.dump(), &broker);
  ASSERT_EQ(listed.status, 201);
  const std::string match = Body(listed)["id"];
  EXPECT_EQ(Call(Method::kDelete, "/api/v1/matches/" + match, "", &lead).status, 403);
  // An organisation that has not listed its profile is not proposed.
  Session quiet = SignUp("lead@quiet.example");
  const std::string quiet_org = CreateOrganisation(quiet, "Quiet Kitchen");
  const json unlisted =
      Body(Call(Method::kPut, "/api/v1/organisations/" + quiet_org + "/directory-profile",
                json{{"name", "Quiet Kitchen"},
                     {"summary", "A kitchen that has not chosen to be found."},
                     {"legal_form", "cic"},
                     {"size_band", "small"},
                     {"areas", {"wales"}},
                     {"themes", {"food"}},
                     {"listed", false}}
                    .dump(),
                &quiet));
  Response hidden = Call(Method::kPost, "/api/v1/broker/needs/" + need + "/shortlist",
                         json{{"entry_id", unlisted["id"]}}.dump(), &broker);
  EXPECT_EQ(hidden.status, 400) << hidden.body;
  EXPECT_NE(hidden.body.find("not listed"), std::string::npos);
  Move(match, broker, {{"stage", "proposed"}}, 200);
  EXPECT_EQ(Call(Method::kDelete, "/api/v1/matches/" + match, "", &broker).status, 409);
  // A closed need takes no more candidates.
  json closed = Need();
  closed["status"] = "closed";
  ASSERT_EQ(Call(Method::kPut, "/api/v1/needs/" + need, closed.dump(), &lead).status, 200);
  EXPECT_EQ(Call(Method::kPost, "/api/v1/broker/needs/" + need + "/shortlist",
                 json{{"entry_id", "nope"}}.dump(), &broker)
                .status,
            409);
  EXPECT_TRUE(Body(Call(Method::kGet, "/api/v1/broker/needs", "", &broker))["items"].empty());
}

}  // namespace
}  // namespace valuemark::http
