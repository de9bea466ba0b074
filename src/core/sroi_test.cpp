// Hand-checked SROI figures (docs/methodology.md §1). Every expected number below is
// worked out in the comment beside it, not taken from the code.
#include "core/sroi.h"

#include <gtest/gtest.h>

namespace valuemark {
namespace {

Outcome MakeOutcome(std::string id, double quantity, double proxy, int duration) {
  Outcome o;
  o.id = std::move(id);
  o.stakeholder = "people";
  o.quantity = quantity;
  o.proxy.value = proxy;
  o.duration_years = duration;
  return o;
}

// The worked check in docs/methodology.md §2.
ImpactMap MethodologyCheck() {
  ImpactMap m;
  Outcome o = MakeOutcome("o1", 100, 1000, 3);
  o.deadweight = 0.2;
  o.attribution = 0.25;
  o.drop_off = 0.1;
  m.outcomes.push_back(o);
  m.inputs.push_back({"funder", "grant", 100000});
  return m;
}

TEST(Sroi, MethodologyWorkedExample) {
  // impact = 100 × 1000 × 0.8 × 0.75 = 60,000; years 60,000, 54,000, 48,600;
  // PV = 60000/1.035 + 54000/1.035² + 48600/1.035³
  //    = 57,971.0145 + 50,409.5778 + 43,834.4155 = 152,215.0078
  SroiResult r = ComputeSroi(MethodologyCheck());
  EXPECT_EQ(r.years, 3);
  EXPECT_DOUBLE_EQ(r.outcomes[0].impact, 60000);
  ASSERT_EQ(r.value_by_year.size(), 3u);
  EXPECT_NEAR(r.value_by_year[0], 60000, 1e-9);
  EXPECT_NEAR(r.value_by_year[1], 54000, 1e-9);
  EXPECT_NEAR(r.value_by_year[2], 48600, 1e-9);
  EXPECT_NEAR(r.discounted_by_year[0], 57971.0145, 1e-4);
  EXPECT_NEAR(r.discounted_by_year[1], 50409.5778, 1e-4);
  EXPECT_NEAR(r.discounted_by_year[2], 43834.4155, 1e-4);
  EXPECT_NEAR(r.present_value, 152215.0078, 1e-3);
  EXPECT_NEAR(r.net_present_value, 52215.0078, 1e-3);
  EXPECT_NEAR(*r.sroi_ratio, 1.5221500, 1e-6);
  EXPECT_NEAR(*r.net_sroi_ratio, 0.5221500, 1e-6);
  // payback = 100,000 / (60,000 / 12) = 20 months
  EXPECT_NEAR(*r.payback_months, 20, 1e-12);
  EXPECT_TRUE(r.warnings.empty());
  EXPECT_NEAR(PresentValue(MethodologyCheck()), r.present_value, 1e-9);
}

TEST(Sroi, NegativeOutcomeCountsAgainstTheTotal) {
  // positive: 10 × 500 = 5,000 a year for 1 year; negative: 2 × −1,000 = −2,000.
  // r = 0: PV = 3,000; inputs 1,000 → ratio 3.
  ImpactMap m;
  m.discount_rate = 0;
  m.outcomes.push_back(MakeOutcome("good", 10, 500, 1));
  m.outcomes.push_back(MakeOutcome("harm", 2, -1000, 1));
  m.inputs.push_back({"f", "x", 1000});
  SroiResult r = ComputeSroi(m);
  EXPECT_DOUBLE_EQ(r.outcomes[1].impact, -2000);
  EXPECT_DOUBLE_EQ(r.outcomes[1].present_value, -2000);
  EXPECT_DOUBLE_EQ(r.present_value, 3000);
  EXPECT_DOUBLE_EQ(*r.sroi_ratio, 3);
  EXPECT_DOUBLE_EQ(*r.net_sroi_ratio, 2);
  // payback = 1000 / (3000/12) = 4 months
  EXPECT_DOUBLE_EQ(*r.payback_months, 4);
}

TEST(Sroi, ZeroInputsGiveNullRatiosWithAWarning) {
  ImpactMap m;
  m.outcomes.push_back(MakeOutcome("o", 1, 100, 1));
  SroiResult r = ComputeSroi(m);
  EXPECT_FALSE(r.sroi_ratio.has_value());
  EXPECT_FALSE(r.net_sroi_ratio.has_value());
  EXPECT_FALSE(r.payback_months.has_value());
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("total inputs are 0"), std::string::npos);
  // PV = 100 / 1.035 = 96.6183575
  EXPECT_NEAR(r.present_value, 96.6183575, 1e-7);
}

TEST(Sroi, ZeroQuantityAndZeroProxyGiveZeroValue) {
  ImpactMap m;
  m.outcomes.push_back(MakeOutcome("a", 0, 100, 2));
  m.outcomes.push_back(MakeOutcome("b", 50, 0, 2));
  m.inputs.push_back({"f", "x", 10});
  SroiResult r = ComputeSroi(m);
  EXPECT_EQ(r.present_value, 0);
  EXPECT_EQ(*r.sroi_ratio, 0);
  EXPECT_EQ(*r.net_sroi_ratio, -1);
  EXPECT_FALSE(r.payback_months.has_value());  // value(1) = 0
}

TEST(Sroi, DropOffOfOneLeavesOnlyTheFirstYear) {
  // drop-off 1: 1,000 in year 1, 0 in years 2 and 3. r = 0.1: PV = 1000/1.1 = 909.0909...
  ImpactMap m;
  m.discount_rate = 0.1;
  Outcome o = MakeOutcome("o", 10, 100, 3);
  o.drop_off = 1;
  m.outcomes.push_back(o);
  m.inputs.push_back({"f", "x", 1000});
  SroiResult r = ComputeSroi(m);
  EXPECT_EQ(r.years, 3);
  EXPECT_DOUBLE_EQ(r.value_by_year[0], 1000);
  EXPECT_DOUBLE_EQ(r.value_by_year[1], 0);
  EXPECT_DOUBLE_EQ(r.value_by_year[2], 0);
  EXPECT_NEAR(r.present_value, 909.0909090909, 1e-9);
}

TEST(Sroi, DurationOneIsDiscountedOnce) {
  // 4 × 250 = 1,000 in year 1 only; PV = 1000 / 1.035 = 966.1835749
  ImpactMap m;
  m.outcomes.push_back(MakeOutcome("o", 4, 250, 1));
  m.inputs.push_back({"f", "x", 500});
  SroiResult r = ComputeSroi(m);
  EXPECT_EQ(r.years, 1);
  EXPECT_NEAR(r.present_value, 966.1835749, 1e-7);
  EXPECT_NEAR(*r.sroi_ratio, 1.9323671498, 1e-9);
  // payback = 500 / (1000/12) = 6 months
  EXPECT_DOUBLE_EQ(*r.payback_months, 6);
}

TEST(Sroi, ZeroDiscountRateSumsTheYears) {
  // 1,000 a year, drop-off 0.5: 1000 + 500 + 250 = 1,750 undiscounted.
  ImpactMap m;
  m.discount_rate = 0;
  Outcome o = MakeOutcome("o", 1, 1000, 3);
  o.drop_off = 0.5;
  m.outcomes.push_back(o);
  m.inputs.push_back({"f", "x", 700});
  SroiResult r = ComputeSroi(m);
  EXPECT_DOUBLE_EQ(r.present_value, 1750);
  EXPECT_DOUBLE_EQ(*r.sroi_ratio, 2.5);
  EXPECT_EQ(r.discounted_by_year, r.value_by_year);
}

TEST(Sroi, ImmaterialOutcomeIsListedButNotCounted) {
  ImpactMap m;
  m.discount_rate = 0;
  m.outcomes.push_back(MakeOutcome("counted", 1, 100, 1));
  Outcome o = MakeOutcome("excluded", 1, 5000, 4);
  o.material = false;
  m.outcomes.push_back(o);
  m.inputs.push_back({"f", "x", 50});
  SroiResult r = ComputeSroi(m);
  EXPECT_EQ(r.years, 1);  // the immaterial 4-year outcome does not lengthen the period
  ASSERT_EQ(r.outcomes.size(), 2u);
  EXPECT_DOUBLE_EQ(r.outcomes[1].impact, 5000);
  EXPECT_EQ(r.outcomes[1].present_value, 0);
  EXPECT_EQ(r.outcomes[1].value_by_year, std::vector<double>{0});
  EXPECT_DOUBLE_EQ(r.present_value, 100);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("not material"), std::string::npos);
}

TEST(Sroi, LaterStartYearShiftsValueAndIsDiscountedFromItsYear) {
  // start_year 2, duration 2: 1,000 in years 2 and 3; r = 0.1:
  // PV = 1000/1.21 + 1000/1.331 = 826.4462810 + 751.3148009 = 1577.7610819
  ImpactMap m;
  m.discount_rate = 0.1;
  Outcome o = MakeOutcome("o", 1, 1000, 2);
  o.start_year = 2;
  m.outcomes.push_back(o);
  m.inputs.push_back({"f", "x", 1000});
  SroiResult r = ComputeSroi(m);
  EXPECT_EQ(r.years, 3);
  EXPECT_EQ(r.value_by_year, (std::vector<double>{0, 1000, 1000}));
  EXPECT_NEAR(r.present_value, 1577.7610819, 1e-6);
  EXPECT_FALSE(r.payback_months.has_value());  // nothing in year 1
}

TEST(Sroi, TotalsByStakeholderSumTheirOutcomes) {
  ImpactMap m;
  m.discount_rate = 0;
  Stakeholder nobody;
  nobody.id = "listed-unused";
  nobody.name = "Nobody";
  m.stakeholders.push_back(nobody);
  Outcome a = MakeOutcome("a", 1, 100, 1);
  a.stakeholder = "x";
  Outcome b = MakeOutcome("b", 1, 200, 1);
  b.stakeholder = "y";
  Outcome c = MakeOutcome("c", 1, 300, 1);
  c.stakeholder = "x";
  m.outcomes = {a, b, c};
  SroiResult r = ComputeSroi(m);
  ASSERT_EQ(r.stakeholders.size(), 3u);
  EXPECT_EQ(r.stakeholders[0].id, "listed-unused");
  EXPECT_EQ(r.stakeholders[0].present_value, 0);
  EXPECT_EQ(r.stakeholders[1].id, "x");
  EXPECT_EQ(r.stakeholders[1].present_value, 400);
  EXPECT_EQ(r.stakeholders[2].id, "y");
  EXPECT_EQ(r.stakeholders[2].present_value, 200);
}

TEST(Sroi, DeterministicValueOfUncertainParameters) {
  // Triangular uses the mode, uniform the midpoint: 50 × ((800+1200)/2) = 50,000.
  ImpactMap m;
  m.discount_rate = 0;
  Outcome o = MakeOutcome("o", 0, 0, 1);
  o.quantity = Uncertain(Distribution{DistributionKind::kTriangular, 10, 50, 60});
  o.proxy.value = Uncertain(Distribution{DistributionKind::kUniform, 800, 0, 1200});
  m.outcomes.push_back(o);
  EXPECT_DOUBLE_EQ(ComputeSroi(m).present_value, 50000);
}

}  // namespace
}  // namespace valuemark
