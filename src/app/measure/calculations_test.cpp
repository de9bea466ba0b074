// The server's calculations (calculations.h): the memo answers what a fresh
// run answers, bit for bit, across edits; the bounds name the field and the
// figure; the editor's analysis carries a histogram of every finite draw.
#include "app/measure/calculations.h"

#include <gtest/gtest.h>

#include <fstream>
#include <numeric>
#include <sstream>

#include "formats/impact_map_json.h"

namespace valuemark::app {
namespace {

ImpactMap LunchClub() {
  std::ifstream file(std::string(VALUEMARK_SOURCE_DIR) + "/examples/lunch-club.json");
  std::stringstream text;
  text << file.rdbuf();
  auto map = formats::ParseImpactMap(text.str());
  EXPECT_TRUE(map.has_value());
  return *map;
}

void ExpectSame(const MonteCarloResult& a, const MonteCarloResult& b) {
  ASSERT_TRUE(a.sroi_ratio && b.sroi_ratio);
  EXPECT_EQ(a.sroi_ratio->mean, b.sroi_ratio->mean);
  EXPECT_EQ(a.sroi_ratio->p5, b.sroi_ratio->p5);
  EXPECT_EQ(a.sroi_ratio->p95, b.sroi_ratio->p95);
  EXPECT_EQ(a.present_value.mean, b.present_value.mean);
  EXPECT_EQ(a.probability_ratio_above_1, b.probability_ratio_above_1);
}

TEST(Calculations, TheMemoAnswersWhatAFreshRunAnswersAfterEachEdit) {
  Calculations calc;
  ImpactMap map = LunchClub();
  MonteCarloOptions options;
  options.draws = 2000;
  for (int edit = 0; edit < 3; ++edit) {
    map.outcomes[0].quantity = Uncertain(map.outcomes[0].quantity.value() + 5);  // one cell
    auto memoised = calc.MonteCarlo("live:u:m", map, options);
    ASSERT_TRUE(memoised.has_value()) << memoised.error().message;
    ExpectSame(*memoised, RunMonteCarlo(map, options));
  }
}

TEST(Calculations, TheServerBoundsNameTheFieldAndTheFigures) {
  Calculations calc;
  ImpactMap map = LunchClub();
  MonteCarloOptions options;
  options.draws = kMaxServerDrawCells / static_cast<int64_t>(map.outcomes.size()) + 1;
  auto refused = calc.MonteCarlo("map:x", map, options);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  ASSERT_FALSE(refused.error().fields.empty());
  EXPECT_EQ(refused.error().fields[0].path, "draws");
  EXPECT_NE(refused.error().message.find("50,000,000"), std::string::npos)
      << refused.error().message;
  ImpactMap huge = map;
  while (huge.outcomes.size() <= kMaxServerOutcomes) huge.outcomes.push_back(map.outcomes[0]);
  auto too_many = calc.Sensitivity(huge, 0.2);
  ASSERT_FALSE(too_many.has_value());
  ASSERT_FALSE(too_many.error().fields.empty());
  EXPECT_EQ(too_many.error().fields[0].path, "outcomes");
}

TEST(Calculations, TheAnalysisBinsEveryFiniteDraw) {
  Calculations calc;
  MonteCarloOptions options;
  options.draws = 1000;
  auto analysis = calc.Analyse("live:u:m", LunchClub(), 0.2, options);
  ASSERT_TRUE(analysis.has_value()) << analysis.error().message;
  EXPECT_EQ(analysis->histogram.counts.size(), 24u);
  const int64_t binned = std::accumulate(analysis->histogram.counts.begin(),
                                         analysis->histogram.counts.end(), int64_t{0});
  EXPECT_EQ(binned + analysis->histogram.not_finite, 1000);
  EXPECT_EQ(analysis->sroi.sroi_ratio, ComputeSroi(LunchClub()).sroi_ratio);
  EXPECT_EQ(analysis->findings.size(), LintImpactMap(LunchClub()).size());
}

}  // namespace
}  // namespace valuemark::app
