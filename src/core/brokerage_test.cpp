#include "core/brokerage.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace valuemark {
namespace {

Taxonomy SmallTaxonomy() {
  Taxonomy t;
  t.version = 1;
  t.published = "2026-12-01";
  t.themes = {{"food", 0, "Food", {2}},
              {"jobs", 1, "Employment and skills", {8}},
              {"housing", 2, "Housing", {11}}};
  t.areas = {
      {"cardiff", 0, "Cardiff", {}}, {"leeds", 1, "Leeds", {}}, {"uk_wide", 2, "The whole UK", {}}};
  t.legal_forms = {{"cic", 0, "Community interest company", {}}};
  return t;
}

Need NeedFor(const Taxonomy& t, std::vector<std::string> themes, std::vector<std::string> areas) {
  Need n;
  n.title = "A need";
  n.themes = std::move(themes);
  n.areas = std::move(areas);
  EXPECT_TRUE(NormaliseNeed(t, n).has_value());
  return n;
}

TEST(Brokerage, ANeedNamesEachProblemByItsField) {
  const Taxonomy t = SmallTaxonomy();
  Need n;
  n.themes = {"weather"};
  n.budget_pence = -1;
  n.starts_on = "2027-05-01";
  n.ends_on = "2027-04-01";
  auto r = NormaliseNeed(t, n);
  ASSERT_FALSE(r.has_value());
  std::vector<std::string> fields;
  for (const FieldError& e : r.error().fields) fields.push_back(e.path);
  EXPECT_EQ(fields, (std::vector<std::string>{"themes", "areas", "budget_pence", "ends_on"}));
  EXPECT_NE(r.error().fields[3].message.find("1 May 2027"), std::string::npos)
      << r.error().fields[3].message;

  n.themes = {"housing", "food", "food"};
  n.areas = {"leeds"};
  n.budget_pence = 5'000'000;
  n.ends_on = "2027-06-30";
  ASSERT_TRUE(NormaliseNeed(t, n).has_value());
  EXPECT_EQ(n.themes, (std::vector<std::string>{"food", "housing"}));  // taxonomy order, once
  EXPECT_EQ(n.theme_mask, 0b101);
  EXPECT_EQ(n.area_mask, 0b010);
}

TEST(Brokerage, EveryScoreIsTheSumOfItsExplainedParts) {
  const Taxonomy t = SmallTaxonomy();
  const Need need = NeedFor(t, {"food", "jobs", "housing"}, {"cardiff"});
  CandidateFacts f;
  f.entry_id = "e1";
  f.name = "Bread Shed";
  f.theme_mask = 0b011;  // food and jobs: 2 of the 3 themes
  f.area_mask = 0b001;   // Cardiff
  f.size_band = SizeBand::kMedium;
  f.active_partnerships = 1;  // 2 slots, 1 free
  f.certificate_title = "Social Value Quality Mark, level 2: Forecast";
  f.certificate_level = 2;
  f.certificate_levels = 4;
  const RankedCandidate r = ScoreCandidate(t, need, f);
  ASSERT_EQ(r.parts.size(), 4U);
  // 40 × 2/3 = 26.667; 25; 20 × 2/4 = 10; 15 × 1/2 = 7.5: 69.167 in all.
  EXPECT_NEAR(r.parts[0].points, 80.0 / 3, 1e-12);
  EXPECT_EQ(r.parts[0].reason, "Works on 2 of the 3 themes wanted: Food; Employment and skills");
  EXPECT_EQ(r.parts[1].points, 25);
  EXPECT_EQ(r.parts[1].reason, "Serves Cardiff");
  EXPECT_EQ(r.parts[2].points, 10);
  EXPECT_EQ(r.parts[2].reason,
            "Holds the Social Value Quality Mark, level 2: Forecast (level 2 of 4)");
  EXPECT_EQ(r.parts[3].points, 7.5);
  EXPECT_EQ(r.parts[3].reason, "A medium-sized enterprise (2 partnerships at once) in 1 now");
  EXPECT_NEAR(r.score, 80.0 / 3 + 25 + 10 + 7.5, 1e-12);
  EXPECT_NEAR(ScoreWithoutCapacity(need, f.theme_mask, f.area_mask, t, 2, 4), r.score - 7.5, 1e-12);
}

TEST(Brokerage, AreasMatchByPlaceOrTheWholeUk) {
  const Taxonomy t = SmallTaxonomy();
  const Need leeds = NeedFor(t, {"food"}, {"leeds"});
  CandidateFacts f;
  f.theme_mask = 0b001;
  f.area_mask = 0b001;  // Cardiff only
  auto r = ScoreCandidate(t, leeds, f);
  EXPECT_EQ(r.parts[1].points, 0);
  EXPECT_EQ(r.parts[1].reason, "Serves none of the areas wanted (Leeds)");
  f.area_mask = 0b100;  // the whole UK
  r = ScoreCandidate(t, leeds, f);
  EXPECT_EQ(r.parts[1].points, 25);
  EXPECT_EQ(r.parts[1].reason, "Serves the whole UK");
  const Need anywhere = NeedFor(t, {"food"}, {"uk_wide"});
  f.area_mask = 0b001;
  r = ScoreCandidate(t, anywhere, f);
  EXPECT_EQ(r.parts[1].points, 25);
  EXPECT_EQ(r.parts[1].reason, "The need is UK-wide, so any area serves");
  // Small, no certificate, in one partnership already: no capacity, no points.
  f.size_band = SizeBand::kSmall;
  f.active_partnerships = 1;
  r = ScoreCandidate(t, anywhere, f);
  EXPECT_EQ(r.parts[2].points, 0);
  EXPECT_EQ(r.parts[2].reason, "Holds no certificate in force");
  EXPECT_EQ(r.parts[3].points, 0);
  EXPECT_EQ(r.parts[3].reason, "A small enterprise already in 1 partnership: no capacity to spare");
  EXPECT_EQ(r.score, 40 + 25);
}

TEST(Brokerage, RankingIsBestFirstThenByName) {
  const Taxonomy t = SmallTaxonomy();
  const Need need = NeedFor(t, {"food"}, {"cardiff"});
  auto facts = [](std::string id, std::string name, int64_t themes) {
    CandidateFacts f;
    f.entry_id = std::move(id);
    f.name = std::move(name);
    f.theme_mask = themes;
    f.area_mask = 0b001;
    return f;
  };
  std::vector<RankedCandidate> ranked = {ScoreCandidate(t, need, facts("3", "Zed", 0b001)),
                                         ScoreCandidate(t, need, facts("2", "Alpha", 0b010)),
                                         ScoreCandidate(t, need, facts("1", "Bee", 0b001))};
  SortRanked(ranked);
  EXPECT_EQ(ranked[0].facts.name, "Bee");
  EXPECT_EQ(ranked[1].facts.name, "Zed");
  EXPECT_EQ(ranked[2].facts.name, "Alpha");
  EXPECT_EQ(ranked[2].parts[0].reason, "Works on none of the 1 themes wanted");
}

TEST(Brokerage, AMatchMovesOneStageAtATimeByTheRightParty) {
  using S = MatchStage;
  using P = MatchParty;
  EXPECT_TRUE(CheckMatchMove(S::kShortlisted, S::kProposed, P::kBroker).has_value());
  EXPECT_EQ(CheckMatchMove(S::kShortlisted, S::kProposed, P::kNeed).error().code,
            ErrorCode::kPermissionDenied);
  // Consent first: the need's organisation cannot accept for the candidate.
  EXPECT_EQ(CheckMatchMove(S::kProposed, S::kIntroduced, P::kNeed).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_TRUE(CheckMatchMove(S::kProposed, S::kIntroduced, P::kCandidate).has_value());
  EXPECT_TRUE(CheckMatchMove(S::kProposed, S::kDeclined, P::kCandidate).has_value());
  EXPECT_EQ(CheckMatchMove(S::kProposed, S::kDeclined, P::kNeed).error().code,
            ErrorCode::kPermissionDenied);
  // No skipping a stage, no going back.
  auto skip = CheckMatchMove(S::kIntroduced, S::kActive, P::kNeed);
  ASSERT_FALSE(skip.has_value());
  EXPECT_EQ(skip.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(skip.error().message.find("Agreed to work together"), std::string::npos);
  EXPECT_FALSE(CheckMatchMove(S::kAgreed, S::kIntroduced, P::kBroker).has_value());
  for (P p : {P::kNeed, P::kCandidate, P::kBroker}) {
    EXPECT_TRUE(CheckMatchMove(S::kIntroduced, S::kAgreed, p).has_value());
    EXPECT_TRUE(CheckMatchMove(S::kAgreed, S::kActive, p).has_value());
    EXPECT_TRUE(CheckMatchMove(S::kActive, S::kCompleted, p).has_value());
    EXPECT_TRUE(CheckMatchMove(S::kActive, S::kDeclined, p).has_value());
    EXPECT_FALSE(CheckMatchMove(S::kCompleted, S::kDeclined, p).has_value());
    EXPECT_FALSE(CheckMatchMove(S::kDeclined, S::kProposed, p).has_value());
  }
  EXPECT_FALSE(ContactShared(S::kProposed, false));
  EXPECT_TRUE(ContactShared(S::kIntroduced, true));
  EXPECT_FALSE(ContactShared(S::kDeclined, false));  // declined before any introduction
  EXPECT_TRUE(ContactShared(S::kDeclined, true));
}

TEST(Brokerage, APartnershipNeverClaimsMoreThanTheWholeOutcome) {
  std::vector<SharedOutcome> outcomes = {
      {"o1",
       "Families in warm homes",
       {{PartnerSide::kNeed, 0.7, "", ""}, {PartnerSide::kCandidate, 0.6, "", ""}}},
      {"o2", "", {{PartnerSide::kNeed, std::numeric_limits<double>::quiet_NaN(), "", ""}}},
      {"o3", "Jobs", {{PartnerSide::kNeed, 0.5, "map-1", ""}, {PartnerSide::kNeed, 0.2, "", ""}}}};
  auto r = CheckPartnership(outcomes);
  ASSERT_FALSE(r.has_value());
  std::vector<std::string> fields;
  for (const FieldError& e : r.error().fields) fields.push_back(e.path);
  EXPECT_EQ(fields,
            (std::vector<std::string>{
                "outcomes[0].claims", "outcomes[1].description", "outcomes[1].claims[0].share",
                "outcomes[2].claims[0].outcome_id", "outcomes[2].claims[1].side"}));
  EXPECT_NE(r.error().fields[0].message.find("130%"), std::string::npos)
      << r.error().fields[0].message;
  outcomes = {{"o1",
               "Families in warm homes",
               {{PartnerSide::kNeed, 0.4, "m", "warm"}, {PartnerSide::kCandidate, 0.6, "", ""}}}};
  EXPECT_TRUE(CheckPartnership(outcomes).has_value());
}

TEST(Brokerage, ThePrinciplesCheckFindsAnOutcomeClaimedTwice) {
  ImpactMap map;
  Outcome warm;
  warm.id = "warm";
  warm.attribution = 0.2;  // claims 80%
  Outcome jobs;
  jobs.id = "jobs";
  jobs.attribution = 0.5;  // claims 50%
  map.outcomes = {jobs, warm};
  // Agreed 40/60, the partner's map claims 60%: 80% + 60% = 140%.
  ClaimOnMap twice{"warm", "Families in warm homes", 0.4, "Hafan Housing", 0.6, 0.6};
  // Agreed 40%, the partner claims only 30% in its map: no double count, but
  // more than the agreed share.
  ClaimOnMap over{"jobs", "Jobs", 0.4, "Hafan Housing", 0.6, 0.3};
  ClaimOnMap gone{"meals", "Meals", 0.5, "Hafan Housing", 0.5, std::nullopt};
  const auto findings = PartnershipFindings(map, {twice, over, gone});
  ASSERT_EQ(findings.size(), 3U);
  EXPECT_EQ(findings[0].code, "outcome-claimed-twice");
  EXPECT_EQ(findings[0].severity, Severity::kError);
  EXPECT_EQ(findings[0].principle, 5);
  EXPECT_EQ(findings[0].path, "outcomes[1].attribution");
  EXPECT_EQ(findings[0].message,
            "This outcome is shared with Hafan Housing: this map claims 80% of it and Hafan "
            "Housing claims 60%, together 140%, so part of it is counted twice. Set its "
            "attribution to at least 60% (this map's agreed share is 40%)");
  EXPECT_EQ(findings[1].code, "outcome-share-exceeded");
  EXPECT_EQ(findings[1].severity, Severity::kWarning);
  EXPECT_EQ(findings[1].path, "outcomes[0].attribution");
  EXPECT_EQ(findings[2].code, "shared-outcome-missing");
  // At the agreed shares nothing is found; the partner's agreed share stands
  // in for a map it has not linked.
  map.outcomes[1].attribution = 0.6;
  map.outcomes[0].attribution = 0.6;
  EXPECT_TRUE(
      PartnershipFindings(map, {twice, {"jobs", "Jobs", 0.4, "Hafan", 0.6, std::nullopt}}).empty());
}

}  // namespace
}  // namespace valuemark
