#include "core/histogram.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numeric>

namespace valuemark {
namespace {

int64_t Total(const Histogram& h) {
  return std::accumulate(h.counts.begin(), h.counts.end(), int64_t{0});
}

TEST(Histogram, BinsEveryDrawWithTailsFoldedIntoTheEndBins) {
  std::vector<double> draws;
  for (int i = 0; i < 100; ++i) draws.push_back(i);  // 0..99
  Histogram h = BinDraws(draws, 10, 0.1);
  // Edges: the order statistics at 0.1 × 99 = 9 and 0.9 × 99 = 89 (index 89 → 89).
  EXPECT_DOUBLE_EQ(h.low, 9);
  EXPECT_DOUBLE_EQ(h.high, 89);
  ASSERT_EQ(h.counts.size(), 10u);
  EXPECT_EQ(Total(h), 100);
  EXPECT_EQ(h.counts[0], 9 + 8);  // 0..8 folded in, then 9..16 (width 8)
  EXPECT_EQ(h.counts[9],
            8 + 1 + 10);  // 81..88, 89 itself (floor(80 / 8) = 10, clamped), 90..99 folded in
  EXPECT_EQ(h.not_finite, 0);
}

TEST(Histogram, InfiniteAndNanDrawsAreLeftOutAndCounted) {
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> draws = {1, 2, inf, -inf, std::nan(""), 3, 1e308, -1e308};
  Histogram h = BinDraws(draws, 24, 0.01);
  EXPECT_EQ(h.not_finite, 3);
  EXPECT_EQ(Total(h), 5);
  EXPECT_TRUE(std::isfinite(h.low));
  EXPECT_TRUE(std::isfinite(h.high));
}

TEST(Histogram, OnlyNonFiniteDrawsGiveNoBins) {
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> draws = {inf, inf, std::nan("")};
  Histogram h = BinDraws(draws, 24, 0.01);
  EXPECT_TRUE(h.counts.empty());
  EXPECT_EQ(h.not_finite, 3);
}

TEST(Histogram, OneRepeatedValueGetsAWindowAroundIt) {
  std::vector<double> draws(1000, 2.5);
  Histogram h = BinDraws(draws, 20, 0.005);
  EXPECT_DOUBLE_EQ(h.low, 2.45);
  EXPECT_DOUBLE_EQ(h.high, 2.55);
  EXPECT_EQ(Total(h), 1000);
  std::vector<double> huge(10, 1e300);
  Histogram g = BinDraws(huge, 20, 0.005);
  EXPECT_EQ(Total(g), 10);
  EXPECT_LT(g.low, g.high);
}

TEST(Histogram, EmptyDrawsGiveNoBins) {
  std::vector<double> none;
  EXPECT_TRUE(BinDraws(none, 24, 0.01).counts.empty());
}

}  // namespace
}  // namespace valuemark
