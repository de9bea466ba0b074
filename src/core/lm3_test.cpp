// Hand-checked LM3 figures (docs/methodology.md §4). Every expected number below is
// worked out in the comment beside it, not taken from the code.
#include "core/lm3.h"

#include <gtest/gtest.h>

namespace valuemark {
namespace {

Lm3Input Cafe() {
  Lm3Input in;
  in.name = "Café 2025";
  in.area = "Bristol";
  in.income = 250000;
  in.spend = {{"staff wages", 120000, 0.85, 0.45},
              {"supplies", 60000, 0.40, 0.30},
              {"rent", 30000, 0.50, 0.20}};
  return in;
}

TEST(Lm3, WorkedExample) {
  // staff wages: 120,000 × 0.85 = 102,000 spent locally; × 0.45 = 45,900 re-spent locally
  // supplies:     60,000 × 0.40 =  24,000;                × 0.30 =  7,200
  // rent:         30,000 × 0.50 =  15,000;                × 0.20 =  3,000
  // round2 = 102,000 + 24,000 + 15,000 = 141,000
  // round3 =  45,900 +  7,200 +  3,000 =  56,100
  // LM3 = (250,000 + 141,000 + 56,100) / 250,000 = 447,100 / 250,000 = 1.7884
  Lm3Result r = ComputeLm3(Cafe());
  EXPECT_DOUBLE_EQ(r.round1, 250000);
  EXPECT_NEAR(r.round2, 141000, 1e-8);
  EXPECT_NEAR(r.round3, 56100, 1e-8);
  EXPECT_NEAR(r.lm3, 1.7884, 1e-12);
  ASSERT_EQ(r.by_category.size(), 3u);
  EXPECT_EQ(r.by_category[0].category, "staff wages");
  EXPECT_NEAR(r.by_category[0].round2, 102000, 1e-8);
  EXPECT_NEAR(r.by_category[0].round3, 45900, 1e-8);
  EXPECT_EQ(r.by_category[1].category, "supplies");
  EXPECT_NEAR(r.by_category[1].round2, 24000, 1e-8);
  EXPECT_NEAR(r.by_category[1].round3, 7200, 1e-8);
  EXPECT_EQ(r.by_category[2].category, "rent");
  EXPECT_NEAR(r.by_category[2].round2, 15000, 1e-8);
  EXPECT_NEAR(r.by_category[2].round3, 3000, 1e-8);
  // Total spend 210,000 is within the income of 250,000.
  EXPECT_TRUE(r.warnings.empty());
}

TEST(Lm3, ZeroSpendGivesOne) {
  // Nothing spent: round2 = round3 = 0, LM3 = 250,000 / 250,000 = 1.
  Lm3Input in = Cafe();
  in.spend.clear();
  Lm3Result r = ComputeLm3(in);
  EXPECT_EQ(r.round1, 250000);
  EXPECT_EQ(r.round2, 0);
  EXPECT_EQ(r.round3, 0);
  EXPECT_EQ(r.lm3, 1);
  EXPECT_TRUE(r.by_category.empty());
  EXPECT_TRUE(r.warnings.empty());
}

TEST(Lm3, NothingSpentLocallyGivesOne) {
  // local_fraction 0: round2 = 0 and so round3 = 0 whatever the re-spend share.
  Lm3Input in;
  in.income = 5000;
  in.spend = {{"imports", 5000, 0, 1}};
  Lm3Result r = ComputeLm3(in);
  EXPECT_EQ(r.round2, 0);
  EXPECT_EQ(r.round3, 0);
  EXPECT_EQ(r.lm3, 1);
}

TEST(Lm3, AllLocalAndAllRespentGivesThree) {
  // Income 100,000 all spent, all locally, all re-spent locally:
  // round2 = 100,000, round3 = 100,000, LM3 = 300,000 / 100,000 = 3 (the most
  // possible when spend equals income). Spend equal to income is no warning.
  Lm3Input in;
  in.income = 100000;
  in.spend = {{"wages", 70000, 1, 1}, {"food", 30000, 1, 1}};
  Lm3Result r = ComputeLm3(in);
  EXPECT_EQ(r.round2, 100000);
  EXPECT_EQ(r.round3, 100000);
  EXPECT_EQ(r.lm3, 3);
  EXPECT_TRUE(r.warnings.empty());
}

TEST(Lm3, NoRespendLeavesRoundThreeEmpty) {
  // 40,000 × 0.25 = 10,000 local; nothing re-spent: LM3 = (80,000 + 10,000) / 80,000 = 1.125
  Lm3Input in;
  in.income = 80000;
  in.spend = {{"equipment", 40000, 0.25, 0}};
  Lm3Result r = ComputeLm3(in);
  EXPECT_EQ(r.round2, 10000);
  EXPECT_EQ(r.round3, 0);
  EXPECT_EQ(r.lm3, 1.125);
}

TEST(Lm3, SpendAboveIncomeIsComputedWithAWarning) {
  // Income 10,000; spend 8,000 + 4,000 = 12,000 (more than income: allowed, warned).
  // round2 = 8,000 × 0.5 + 4,000 × 0.25 = 4,000 + 1,000 = 5,000
  // round3 = 4,000 × 0.5 + 1,000 × 1    = 2,000 + 1,000 = 3,000
  // LM3 = (10,000 + 5,000 + 3,000) / 10,000 = 1.8
  Lm3Input in;
  in.income = 10000;
  in.spend = {{"wages", 8000, 0.5, 0.5}, {"fuel", 4000, 0.25, 1}};
  Lm3Result r = ComputeLm3(in);
  EXPECT_EQ(r.round2, 5000);
  EXPECT_EQ(r.round3, 3000);
  EXPECT_EQ(r.lm3, 1.8);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0],
            "Total spend of 12000 GBP is more than the income of 10000 GBP; the LM3 is still "
            "worked out, but check the figures.");
}

TEST(Lm3, ByCategoryKeepsInputOrderAndRepeatedCategories) {
  // One entry per spend line, even when a category name repeats.
  Lm3Input in;
  in.income = 1000;
  in.spend = {{"b", 100, 1, 0}, {"a", 200, 0.5, 0.5}, {"b", 300, 0, 0}};
  Lm3Result r = ComputeLm3(in);
  ASSERT_EQ(r.by_category.size(), 3u);
  EXPECT_EQ(r.by_category[0].category, "b");
  EXPECT_EQ(r.by_category[0].round2, 100);
  EXPECT_EQ(r.by_category[1].category, "a");
  EXPECT_EQ(r.by_category[1].round2, 100);  // 200 × 0.5
  EXPECT_EQ(r.by_category[1].round3, 50);   // 100 × 0.5
  EXPECT_EQ(r.by_category[2].category, "b");
  EXPECT_EQ(r.by_category[2].round2, 0);
  // LM3 = (1,000 + 200 + 50) / 1,000 = 1.25
  EXPECT_EQ(r.lm3, 1.25);
}

}  // namespace
}  // namespace valuemark
