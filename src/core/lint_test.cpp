// The principles check (docs/methodology.md §5): each check fires on the smallest
// map that breaks it and stays quiet on the clean map it was made from. Shares
// and ratios in the messages are worked out in the comments.
#include "core/lint.h"

#include <gtest/gtest.h>

namespace valuemark {
namespace {

// A map that meets every check. discount_rate 0 so the values are plain sums:
//   less-isolated:  60 × 1,200 × 0.8 × 0.75 = 43,200 in year 1, 21,600 in year 2 → 64,800
//   confidence:     10 ×   500 × 0.9 × 0.8  =  3,600
//   travel-stress:  12 ×  −500 × 0.5 × 0.5  = −1,500 (negative and unintended)
//   PV = 66,900; inputs 40,000 → ratio 1.6725. Smallest share: 1,500 / 66,900 = 2.2 %.
ImpactMap CleanMap() {
  ImpactMap m;
  m.name = "Lunch club forecast 2026";
  m.discount_rate = 0;
  m.stakeholders = {{.id = "members",
                     .name = "Older people attending",
                     .size = 120,
                     .involvement = "2 focus groups, 12 interviews",
                     .description = std::nullopt},
                    {.id = "volunteers",
                     .name = "Volunteers",
                     .size = 20,
                     .involvement = "Survey of all volunteers",
                     .description = std::nullopt}};
  m.inputs = {{"funder", "Council grant", 40000}};

  Outcome a;
  a.id = "less-isolated";
  a.stakeholder = "members";
  a.description = "Less socially isolated";
  a.indicator = "Loneliness score improves by at least 1 point";
  a.quantity = 60;
  a.duration_years = 2;
  a.proxy = {1200, "Value of reduced loneliness", "Social Value Bank 2024"};
  a.deadweight = 0.2;
  a.attribution = 0.25;
  a.drop_off = 0.5;

  Outcome b;
  b.id = "confidence";
  b.stakeholder = "volunteers";
  b.description = "More confident";
  b.indicator = "Self-reported confidence rises";
  b.quantity = 10;
  b.proxy = {500, "Cost of a confidence course", "Local college prices"};
  b.deadweight = 0.1;
  b.attribution = 0.2;

  Outcome c;
  c.id = "travel-stress";
  c.stakeholder = "members";
  c.description = "Stress of travelling to the club";
  c.intended = false;
  c.indicator = "Members reporting the journey as stressful";
  c.quantity = 12;
  c.proxy = {-500, "Value of avoiding moderate stress", "Social Value Bank 2024"};
  c.deadweight = 0.5;
  c.attribution = 0.5;

  m.outcomes = {a, b, c};
  return m;
}

std::vector<std::string> Codes(const std::vector<Finding>& findings) {
  std::vector<std::string> codes;
  for (const Finding& f : findings) codes.push_back(f.code);
  return codes;
}

using CodeList = std::vector<std::string>;

TEST(Lint, CleanMapHasNoFindings) {
  const std::vector<Finding> findings = LintImpactMap(CleanMap());
  EXPECT_TRUE(findings.empty()) << (findings.empty() ? "" : findings[0].message);
  EXPECT_FALSE(HasErrors(findings));
}

TEST(Lint, SeverityNames) {
  EXPECT_STREQ(SeverityName(Severity::kError), "error");
  EXPECT_STREQ(SeverityName(Severity::kWarning), "warning");
  EXPECT_STREQ(SeverityName(Severity::kInfo), "info");
}

// P1 -------------------------------------------------------------------------

TEST(Lint, StakeholderNotInvolved) {
  ImpactMap m = CleanMap();
  m.stakeholders[1].involvement.reset();
  std::vector<Finding> f = LintImpactMap(m);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0], (Finding{"stakeholder-not-involved", 1, Severity::kWarning,
                           "stakeholders[1].involvement",
                           "Stakeholder \"Volunteers\" has no record of how they were involved."}));

  // Blank text is no record either; without a name the id is used.
  m.stakeholders[1].involvement = "  ";
  m.stakeholders[1].name = "";
  f = LintImpactMap(m);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message, "Stakeholder \"volunteers\" has no record of how they were involved.");
}

TEST(Lint, UnknownStakeholderIsAnError) {
  ImpactMap m = CleanMap();
  m.outcomes[1].stakeholder = "staff";
  std::vector<Finding> f = LintImpactMap(m);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0], (Finding{"unknown-stakeholder", 1, Severity::kError, "outcomes[1].stakeholder",
                           "Outcome \"More confident\" names stakeholder \"staff\", which is not "
                           "in the list of stakeholders."}));
  EXPECT_TRUE(HasErrors(f));
}

TEST(Lint, NoStakeholdersListedMakesEveryOutcomeUnknown) {
  // stakeholders[] is optional, but an outcome naming an unlisted one is an
  // error (docs/file-formats.md "Impact map (JSON)").
  ImpactMap m = CleanMap();
  m.stakeholders.clear();
  EXPECT_EQ(Codes(LintImpactMap(m)),
            (CodeList{"unknown-stakeholder", "unknown-stakeholder", "unknown-stakeholder"}));
}

// P2 -------------------------------------------------------------------------

TEST(Lint, NoIndicator) {
  ImpactMap m = CleanMap();
  m.outcomes[0].indicator.reset();
  std::vector<Finding> f = LintImpactMap(m);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0], (Finding{"no-indicator", 2, Severity::kWarning, "outcomes[0].indicator",
                           "Outcome \"Less socially isolated\" has no indicator saying how the "
                           "change is measured."}));
  m.outcomes[0].indicator = "";
  EXPECT_EQ(Codes(LintImpactMap(m)), CodeList{"no-indicator"});
}

TEST(Lint, NoNegativeOrUnintendedOutcome) {
  ImpactMap m = CleanMap();
  m.outcomes.pop_back();  // drop travel-stress
  std::vector<Finding> f = LintImpactMap(m);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0], (Finding{"no-negative-or-unintended", 2, Severity::kWarning, "outcomes",
                           "No outcome is negative or unintended, so the map does not show that "
                           "possible harms or side effects were considered."}));
}

TEST(Lint, AnUnintendedPositiveOrAnIntendedNegativeOutcomeIsEnough) {
  ImpactMap m = CleanMap();
  m.outcomes[2].proxy.value = 500;  // unintended but positive
  EXPECT_TRUE(LintImpactMap(m).empty());
  m = CleanMap();
  m.outcomes[2].intended = true;  // intended but negative
  EXPECT_TRUE(LintImpactMap(m).empty());
  // Considered and judged immaterial still counts as considered.
  m = CleanMap();
  m.outcomes[2].material = false;
  m.outcomes[2].materiality_reason = "Only a few members mentioned it";
  EXPECT_TRUE(LintImpactMap(m).empty());
}

// P3 -------------------------------------------------------------------------

TEST(Lint, ProxyWithoutSource) {
  ImpactMap m = CleanMap();
  m.outcomes[1].proxy.source.reset();
  std::vector<Finding> f = LintImpactMap(m);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0],
            (Finding{"proxy-without-source", 3, Severity::kWarning, "outcomes[1].proxy.source",
                     "Outcome \"More confident\" has a financial proxy with no source for "
                     "its value."}));
}

// P4 -------------------------------------------------------------------------

TEST(Lint, ImmaterialWithoutReason) {
  // confidence left out: PV = 64,800 − 1,500 = 63,300; travel-stress is 2.4 %.
  ImpactMap m = CleanMap();
  m.outcomes[1].material = false;
  std::vector<Finding> f = LintImpactMap(m);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0], (Finding{"immaterial-without-reason", 4, Severity::kWarning,
                           "outcomes[1].materiality_reason",
                           "Outcome \"More confident\" is marked as not material but gives no "
                           "reason for leaving it out."}));
  m.outcomes[1].materiality_reason = "Volunteers did not rank it";
  EXPECT_TRUE(LintImpactMap(m).empty());
}

TEST(Lint, SmallMaterialOutcome) {
  // confidence with quantity 1: 1 × 500 × 0.9 × 0.8 = 360;
  // PV = 64,800 + 360 − 1,500 = 63,660; share = 360 / 63,660 = 0.5655 % → "0.57%".
  ImpactMap m = CleanMap();
  m.outcomes[1].quantity = 1;
  std::vector<Finding> f = LintImpactMap(m);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0], (Finding{"small-material-outcome", 4, Severity::kInfo, "outcomes[1]",
                           "Outcome \"More confident\" is worth 0.57% of the total present "
                           "value, under 1%; check that it is material enough to include."}));

  // Not for an immaterial outcome (it is not counted).
  m.outcomes[1].material = false;
  m.outcomes[1].materiality_reason = "Too small";
  EXPECT_TRUE(LintImpactMap(m).empty());
}

TEST(Lint, SmallShareIsMeasuredOnTheSizeOfTheValue) {
  // A negative outcome is judged by its size: travel-stress with quantity 2:
  // 2 × −500 × 0.25 = −250; PV = 64,800 + 3,600 − 250 = 68,150; 250 / 68,150 = 0.3668 %.
  ImpactMap m = CleanMap();
  m.outcomes[2].quantity = 2;
  std::vector<Finding> f = LintImpactMap(m);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].code, "small-material-outcome");
  EXPECT_EQ(f[0].path, "outcomes[2]");
  EXPECT_NE(f[0].message.find("0.37%"), std::string::npos) << f[0].message;
}

TEST(Lint, SmallShareJustUnderOnePercentIsNotShownAsOne) {
  // confidence with quantity 1, proxy 1,000: 1 × 1,000 × 0.72 = 720; make the rest
  // 720 / 0.00999 − 720 ≈ 71,351 by setting less-isolated to 71,351 + 1,500
  // = 72,851 (quantity 1, proxy 72,851/0.6, 1 year, so impact = 72,851).
  // share = 720 / (72,851 + 720 − 1,500) = 720 / 72,071 = 0.99902 % → shown as "0.99%".
  ImpactMap m = CleanMap();
  m.outcomes[0].quantity = 1;
  m.outcomes[0].proxy.value = 72851 / 0.6;
  m.outcomes[0].duration_years = 1;
  m.outcomes[1].quantity = 1;
  m.outcomes[1].proxy.value = 1000;
  std::vector<Finding> f = LintImpactMap(m);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].code, "small-material-outcome");
  EXPECT_NE(f[0].message.find("worth 0.99% of"), std::string::npos) << f[0].message;
}

TEST(Lint, SmallShareIsSkippedWhenTotalValueIsZero) {
  // 1 × 1,000 × 0.5 × 0.5 = +250 and 1 × −1,000 × 0.25 = −250: PV = 0, so no
  // share can be worked out.
  ImpactMap m = CleanMap();
  m.outcomes.resize(2);
  m.outcomes[0].quantity = 1;
  m.outcomes[0].proxy.value = 1000;
  m.outcomes[0].deadweight = 0.5;
  m.outcomes[0].attribution = 0.5;
  m.outcomes[0].duration_years = 1;
  m.outcomes[1].quantity = 1;
  m.outcomes[1].proxy.value = -1000;
  m.outcomes[1].deadweight = 0.5;
  m.outcomes[1].attribution = 0.5;
  EXPECT_TRUE(LintImpactMap(m).empty());
}

// P5 -------------------------------------------------------------------------

TEST(Lint, ZeroDeadweight) {
  ImpactMap m = CleanMap();
  m.outcomes[0].deadweight = 0;
  std::vector<Finding> f = LintImpactMap(m);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0], (Finding{"zero-deadweight", 5, Severity::kWarning, "outcomes[0].deadweight",
                           "Outcome \"Less socially isolated\" has a deadweight of 0, which claims "
                           "that none of the change would have happened anyway."}));

  // The deterministic value decides: a triangular with mode 0 fires, a
  // uniform 0–0.2 (midpoint 0.1) does not.
  m.outcomes[0].deadweight = Uncertain(Distribution{DistributionKind::kTriangular, 0, 0, 0.3});
  EXPECT_EQ(Codes(LintImpactMap(m)), CodeList{"zero-deadweight"});
  m.outcomes[0].deadweight = Uncertain(Distribution{DistributionKind::kUniform, 0, 0, 0.2});
  EXPECT_TRUE(LintImpactMap(m).empty());
}

TEST(Lint, ZeroAttribution) {
  ImpactMap m = CleanMap();
  m.outcomes[2].attribution = 0;
  std::vector<Finding> f = LintImpactMap(m);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0], (Finding{"zero-attribution", 5, Severity::kWarning, "outcomes[2].attribution",
                           "Outcome \"Stress of travelling to the club\" has an attribution of "
                           "0, which claims that no one else contributed to the change."}));
}

TEST(Lint, OverClaimChecksSkipImmaterialOutcomes) {
  // Not counted (§1), so its estimates cannot over-claim.
  ImpactMap m = CleanMap();
  m.outcomes[1].material = false;
  m.outcomes[1].materiality_reason = "Volunteers did not rank it";
  m.outcomes[1].deadweight = 0;
  m.outcomes[1].attribution = 0;
  m.outcomes[1].duration_years = 3;
  m.outcomes[1].drop_off = 0;
  EXPECT_TRUE(LintImpactMap(m).empty());
}

TEST(Lint, NoDropOff) {
  ImpactMap m = CleanMap();
  m.outcomes[0].drop_off = 0;
  std::vector<Finding> f = LintImpactMap(m);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0], (Finding{"no-drop-off", 5, Severity::kWarning, "outcomes[0].drop_off",
                           "Outcome \"Less socially isolated\" lasts 2 years with a drop-off of "
                           "0, which claims that the change does not fade at all over time."}));
  // A one-year outcome has nothing to drop off.
  m.outcomes[0].duration_years = 1;
  EXPECT_TRUE(LintImpactMap(m).empty());
}

TEST(Lint, QuantityExceedsGroup) {
  ImpactMap m = CleanMap();
  m.outcomes[0].quantity = 121;  // members: size 120
  std::vector<Finding> f = LintImpactMap(m);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0], (Finding{"quantity-exceeds-group", 5, Severity::kError, "outcomes[0].quantity",
                           "Outcome \"Less socially isolated\" has a quantity of 121, more than "
                           "the 120 in stakeholder group \"Older people attending\"."}));
  EXPECT_TRUE(HasErrors(f));

  m.outcomes[0].quantity = 120;  // the whole group: allowed
  EXPECT_TRUE(LintImpactMap(m).empty());

  m.outcomes[0].quantity = 121;  // size unknown: nothing to compare with
  m.stakeholders[0].size.reset();
  EXPECT_TRUE(LintImpactMap(m).empty());

  m.outcomes[0].stakeholder = "nobody";  // unknown group: only that error
  EXPECT_EQ(Codes(LintImpactMap(m)), CodeList{"unknown-stakeholder"});
}

TEST(Lint, UncertainQuantityIsJudgedByItsHighestValue) {
  // Triangular 40 / 60 / 130: the mode fits the group of 120, the top does not.
  ImpactMap m = CleanMap();
  m.outcomes[0].quantity = Uncertain(Distribution{DistributionKind::kTriangular, 40, 60, 130});
  std::vector<Finding> f = LintImpactMap(m);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message,
            "Outcome \"Less socially isolated\" has a quantity of up to 130, more than the 120 in "
            "stakeholder group \"Older people attending\".");
  m.outcomes[0].quantity = Uncertain(Distribution{DistributionKind::kUniform, 40, 0, 120});
  EXPECT_TRUE(LintImpactMap(m).empty());
}

// P6 -------------------------------------------------------------------------

TEST(Lint, ProxyWithoutDescription) {
  ImpactMap m = CleanMap();
  m.outcomes[2].proxy.description.reset();
  std::vector<Finding> f = LintImpactMap(m);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0], (Finding{"proxy-without-description", 6, Severity::kWarning,
                           "outcomes[2].proxy.description",
                           "Outcome \"Stress of travelling to the club\" has a financial proxy "
                           "with no description of what it stands for."}));
}

TEST(Lint, HighRatio) {
  // PV 66,900 / inputs 6,000 = 11.15
  ImpactMap m = CleanMap();
  m.inputs[0].value = 6000;
  std::vector<Finding> f = LintImpactMap(m);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0], (Finding{"high-ratio", 6, Severity::kInfo, "$",
                           "The SROI ratio of 11.15:1 is above 10:1, so the figures behind it "
                           "deserve a careful second look."}));
  m.inputs[0].value = 6700;  // 66,900 / 6,700 = 9.985: not above 10
  EXPECT_TRUE(LintImpactMap(m).empty());
  m.inputs.clear();  // no inputs: no ratio, nothing to flag
  EXPECT_TRUE(LintImpactMap(m).empty());
}

// P7 -------------------------------------------------------------------------

TEST(Lint, EvaluativeMapNotVerified) {
  ImpactMap m = CleanMap();
  m.kind = MapKind::kEvaluative;
  std::vector<Finding> f = LintImpactMap(m);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0], (Finding{"not-verified", 7, Severity::kInfo, "verification",
                           "This evaluative analysis has no record of who verified it or when."}));
  m.verification = Verification{"Social Value UK assurance", "2026-03-01"};
  EXPECT_TRUE(LintImpactMap(m).empty());
}

TEST(Lint, ForecastNeedsNoVerification) {
  ImpactMap m = CleanMap();
  ASSERT_EQ(m.kind, MapKind::kForecast);
  EXPECT_TRUE(LintImpactMap(m).empty());
}

// Order, stability, HasErrors ----------------------------------------------------

TEST(Lint, FindingsAreInFileOrder) {
  ImpactMap m = CleanMap();
  m.kind = MapKind::kEvaluative;
  m.stakeholders[0].involvement.reset();
  m.stakeholders[1].involvement.reset();
  // Outcome 0: every field-level problem at once.
  Outcome& a = m.outcomes[0];
  a.stakeholder = "members";
  a.indicator.reset();
  a.quantity = 200;  // > 120
  a.proxy.description.reset();
  a.proxy.source.reset();
  a.deadweight = 0;
  a.attribution = 0;
  a.drop_off = 0;
  // Outcome 1: unknown stakeholder and tiny (quantity 0 → worth 0 %).
  m.outcomes[1].stakeholder = "staff";
  m.outcomes[1].quantity = 0;
  // Outcome 2: intended and positive now, so nothing negative or unintended anywhere,
  // and immaterial without a reason.
  m.outcomes[2].intended = true;
  m.outcomes[2].proxy.value = 500;
  m.outcomes[2].material = false;
  // Ratio: 200 × 1,200 = 240,000 in each of 2 years = 480,000 / 40,000 = 12.
  const std::vector<Finding> f = LintImpactMap(m);
  std::vector<std::pair<std::string, std::string>> got;
  for (const Finding& x : f) got.emplace_back(x.code, x.path);
  const std::vector<std::pair<std::string, std::string>> want = {
      {"stakeholder-not-involved", "stakeholders[0].involvement"},
      {"stakeholder-not-involved", "stakeholders[1].involvement"},
      {"no-indicator", "outcomes[0].indicator"},
      {"quantity-exceeds-group", "outcomes[0].quantity"},
      {"proxy-without-description", "outcomes[0].proxy.description"},
      {"proxy-without-source", "outcomes[0].proxy.source"},
      {"zero-deadweight", "outcomes[0].deadweight"},
      {"zero-attribution", "outcomes[0].attribution"},
      {"no-drop-off", "outcomes[0].drop_off"},
      {"unknown-stakeholder", "outcomes[1].stakeholder"},
      {"small-material-outcome", "outcomes[1]"},
      {"immaterial-without-reason", "outcomes[2].materiality_reason"},
      {"no-negative-or-unintended", "outcomes"},
      {"high-ratio", "$"},
      {"not-verified", "verification"},
  };
  EXPECT_EQ(got, want);
  EXPECT_TRUE(HasErrors(f));
  EXPECT_EQ(f[13].message,
            "The SROI ratio of 12.00:1 is above 10:1, so the figures behind it deserve a careful "
            "second look.");
  // Same map, same findings.
  EXPECT_EQ(LintImpactMap(m), f);
}

TEST(Lint, HasErrorsOnlyForSeverityError) {
  EXPECT_FALSE(HasErrors({}));
  std::vector<Finding> f = {{"a", 2, Severity::kWarning, "$", "x"},
                            {"b", 6, Severity::kInfo, "$", "y"}};
  EXPECT_FALSE(HasErrors(f));
  f.push_back({"c", 1, Severity::kError, "$", "z"});
  EXPECT_TRUE(HasErrors(f));
}

}  // namespace
}  // namespace valuemark
