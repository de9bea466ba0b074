// Benchmarking among peers (docs/api.md "Benchmarks") through the API on both
// databases: only organisations that opt in contribute and see figures; each
// figure is a median and quartiles labelled with its number of contributors
// and date; a group of fewer than 5, or within 4 of a group shown, is withheld.
#include "api_examples.h"
#include "api_fixture.h"

namespace valuemark::http {
namespace {

class BenchmarksTest : public ApiTest {
 protected:
  struct Org {
    Session lead;
    std::string id;
    double ratio = 0;
  };
  // An organisation whose impact map has its first input scaled by `scale`,
  // and so its own SROI ratio.
  Org MakeOrg(int i, double scale) {
    Org o;
    o.lead = SignUp(fmt::format("lead{}@example.org", i));
    o.id = CreateOrganisation(o.lead, fmt::format("Organisation {}", i));
    json map = json::parse(ReadSource("examples/lunch-club.json"));
    map["inputs"][0]["value"] = 28000 * scale;
    const std::string base = "/api/v1/organisations/" + o.id;
    Response made = Call(Method::kPost, base + "/impact-maps", map.dump(), &o.lead);
    EXPECT_EQ(made.status, 201) << made.body;
    const std::string map_id = Body(made)["id"];
    o.ratio = Body(Call(Method::kGet, "/api/v1/impact-maps/" + map_id + "/results", "",
                        &o.lead))["sroi_ratio"];
    return o;
  }
  Response OptIn(const Org& o, const std::string& region) {
    return Call(Method::kPut, "/api/v1/organisations/" + o.id + "/benchmarks",
                json{{"region", region}}.dump(), &o.lead);
  }
  json Report(const Org& o) {
    Response r = Call(Method::kGet, "/api/v1/organisations/" + o.id + "/benchmarks", "", &o.lead);
    EXPECT_EQ(r.status, 200) << r.body;
    return Body(r);
  }
  static json Metric(const json& report, const std::string& key) {
    for (const json& m : report["metrics"])
      if (m["key"] == key) return m;
    return json();
  }
  static json Group(const json& metric, const std::string& key) {
    for (const json& g : metric["groups"])
      if (g["key"] == key) return g;
    return json();
  }
};

TEST_F(BenchmarksTest, OnlyContributorsSeeFiguresAndNoGroupCanSingleOneOut) {
  std::vector<Org> orgs;
  for (int i = 0; i < 6; ++i) orgs.push_back(MakeOrg(i, 1.0 + 0.25 * i));

  // Before opting in: no figures; only the Lead or the Senior Leader opts in.
  json before = Report(orgs[0]);
  EXPECT_FALSE(before["settings"]["opted_in"]);
  EXPECT_TRUE(before["metrics"].empty());
  Session member = Join(orgs[0].lead, orgs[0].id, "member@example.org", "member");
  EXPECT_EQ(Call(Method::kPut, "/api/v1/organisations/" + orgs[0].id + "/benchmarks",
                 json{{"region", "yorkshire"}}.dump(), &member)
                .status,
            403);
  EXPECT_EQ(
      Call(Method::kGet, "/api/v1/organisations/" + orgs[0].id + "/benchmarks", "", &orgs[1].lead)
          .status,
      404);
  Response bad = OptIn(orgs[0], "atlantis");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_FALSE(Report(orgs[0])["settings"]["opted_in"]);

  // Five in Yorkshire, one in Wales; all "health", all small (the fixture's).
  for (int i = 0; i < 6; ++i) {
    Response in = OptIn(orgs[i], i == 5 ? "wales" : "yorkshire");
    ASSERT_EQ(in.status, 200) << in.body;
  }
  const json report = Report(orgs[0]);
  EXPECT_EQ(report["contributors"], 6);
  const json sroi = Metric(report, "sroi_ratio");
  ASSERT_FALSE(sroi.is_null()) << report.dump();
  EXPECT_DOUBLE_EQ(sroi["own"].get<double>(), orgs[0].ratio);

  // All six: shown, with the quartiles of the six ratios worked by hand.
  std::vector<double> ratios;
  for (const Org& o : orgs) ratios.push_back(o.ratio);
  std::sort(ratios.begin(), ratios.end());
  const json all = Group(sroi, "all");
  EXPECT_TRUE(all["shown"]);
  EXPECT_EQ(all["n"], 6);
  EXPECT_EQ(all["as_of"], Day());
  EXPECT_NEAR(all["median"].get<double>(), (ratios[2] + ratios[3]) / 2, 1e-9);
  // p25 at position 1.25 of 0..5; p75 at 3.75.
  EXPECT_NEAR(all["p25"].get<double>(), ratios[1] + 0.25 * (ratios[2] - ratios[1]), 1e-9);
  EXPECT_NEAR(all["p75"].get<double>(), ratios[3] + 0.75 * (ratios[4] - ratios[3]), 1e-9);
  // The cheapest map has the highest ratio: five of the six below it, and
  // itself counted half, (5 + 1/2) / 6.
  EXPECT_NEAR(all["own_rank"].get<double>(), 100.0 * 5.5 / 6, 1e-9);
  // The same sector and size: the same six, the same figures.
  EXPECT_TRUE(Group(sroi, "sector")["shown"]);
  EXPECT_TRUE(Group(sroi, "size")["shown"]);
  // Yorkshire's five differ from all six by one: comparing would reveal Wales.
  const json region = Group(sroi, "region");
  EXPECT_EQ(region["n"], 5);
  EXPECT_FALSE(region["shown"]);
  EXPECT_EQ(region["withheld"], "too_close");
  EXPECT_TRUE(region["median"].is_null());
  EXPECT_NE(region["withheld_reason"].get<std::string>().find("All contributors"),
            std::string::npos);
  EXPECT_EQ(Group(sroi, "peers")["withheld"], "too_close");
  // Wales alone: too few.
  const json wales = Group(Metric(Report(orgs[5]), "sroi_ratio"), "region");
  EXPECT_EQ(wales["n"], 1);
  EXPECT_EQ(wales["withheld"], "too_few");

  // Opting out takes the figures away at once; then all five are Yorkshire's.
  ASSERT_EQ(Call(Method::kDelete, "/api/v1/organisations/" + orgs[5].id + "/benchmarks", "",
                 &orgs[5].lead)
                .status,
            204);
  const json after = Metric(Report(orgs[0]), "sroi_ratio");
  EXPECT_EQ(Group(after, "all")["n"], 5);
  EXPECT_TRUE(Group(after, "region")["shown"]);
  EXPECT_TRUE(Report(orgs[5])["metrics"].empty());
  EXPECT_GE(AuditEntries(), 7);
}

TEST_F(BenchmarksTest, ValuePerPoundByThemeAndTheShareOfRespondentsImproved) {
  // Five organisations whose profiles name "food", one of them also "housing".
  std::vector<Org> orgs;
  for (int i = 0; i < 5; ++i) {
    orgs.push_back(MakeOrg(i, 1.0 + 0.5 * i));
    const json profile = {{"name", fmt::format("Organisation {}", i)},
                          {"summary", "A lunch club for older people."},
                          {"legal_form", "charity"},
                          {"size_band", "small"},
                          {"areas", {"yorkshire"}},
                          {"themes", i == 0 ? json{"food", "housing"} : json{"food"}}};
    Response saved =
        Call(Method::kPut, "/api/v1/organisations/" + orgs[i].id + "/directory-profile",
             profile.dump(), &orgs[i].lead);
    ASSERT_EQ(saved.status, 200) << saved.body;
    // A survey of four members: organisation i hears of an improvement from
    // i of them (0%, 25%, 50%, 75%, 100%).
    const json design = {
        {"title", "Members"},
        {"outcomes", {{{"id", "lonely"}, {"name", "Less lonely"}, {"population", 40}}}},
        {"questions",
         {{{"id", "lonely"},
           {"type", "before_now"},
           {"text", "How lonely did you feel before, and now?"},
           {"outcome_id", "lonely"},
           {"required", true}}}}};
    Response survey = Call(Method::kPost, "/api/v1/organisations/" + orgs[i].id + "/surveys",
                           design.dump(), &orgs[i].lead);
    ASSERT_EQ(survey.status, 201) << survey.body;
    const std::string token = Body(survey)["token"];
    for (int r = 0; r < 4; ++r) {
      Request submit;
      submit.method = Method::kPost;
      submit.path = "/api/v1/s/" + token + "/responses";
      submit.body = json{{"answers", {{"lonely", {{"before", 3}, {"now", r < i ? 7 : 3}}}}}}.dump();
      submit.headers["content-type"] = "application/json";
      submit.headers["idempotency-key"] = fmt::format("org{}-r{}", i, r);
      submit.client_address = fmt::format("192.0.2.{}", 10 + i);
      ASSERT_EQ(api_->Handle(submit).status, 201);
    }
    ASSERT_EQ(OptIn(orgs[i], "yorkshire").status, 200);
  }
  const json report = Report(orgs[0]);
  // The survey indicator: the share improved, its median the third of five.
  const json improved = Metric(report, "survey_share_improved");
  ASSERT_FALSE(improved.is_null()) << report;
  EXPECT_EQ(improved["unit"], "percent");
  EXPECT_DOUBLE_EQ(improved["own"].get<double>(), 0.0);
  EXPECT_DOUBLE_EQ(Group(improved, "all")["median"].get<double>(), 50.0);
  EXPECT_DOUBLE_EQ(Group(improved, "all")["p75"].get<double>(), 75.0);
  const json food = Metric(report, "value_per_pound:food");
  ASSERT_FALSE(food.is_null()) << report;
  EXPECT_EQ(food["label"], "Value per £1 invested, among those working on Food and nutrition");
  EXPECT_EQ(food["unit"], "ratio");
  EXPECT_DOUBLE_EQ(food["own"].get<double>(), orgs[0].ratio);
  const json all = Group(food, "all");
  EXPECT_EQ(all["n"], 5);
  ASSERT_TRUE(all["shown"].get<bool>()) << all;
  // The median of five is the third: the inputs scaled by 2 (1 + 0.5 × 2).
  std::vector<double> ratios;
  for (const Org& o : orgs) ratios.push_back(o.ratio);
  std::sort(ratios.begin(), ratios.end());
  EXPECT_NEAR(all["median"].get<double>(), ratios[2], 1e-9);
  // Only one works on housing: its group is withheld.
  const json housing = Metric(report, "value_per_pound:housing");
  ASSERT_FALSE(housing.is_null());
  EXPECT_FALSE(Group(housing, "all")["shown"].get<bool>());
}

}  // namespace
}  // namespace valuemark::http
