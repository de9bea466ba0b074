#include "core/benchmark.h"

#include <gtest/gtest.h>

#include <numeric>

namespace valuemark {
namespace {

std::vector<int64_t> Ids(int64_t from, int64_t to) {  // from..to inclusive
  std::vector<int64_t> out(static_cast<size_t>(to - from + 1));
  std::iota(out.begin(), out.end(), from);
  return out;
}

TEST(Benchmark, QuartilesInterpolateBetweenNeighbours) {
  // 1, 2, 3, 4, 10: the median is 3; the quartiles at positions 1 and 3 are 2 and 4.
  const GroupSummary s = Summarise({10, 3, 1, 4, 2}, 3.0);
  EXPECT_EQ(s.n, 5U);
  EXPECT_DOUBLE_EQ(s.median, 3);
  EXPECT_DOUBLE_EQ(s.p25, 2);
  EXPECT_DOUBLE_EQ(s.p75, 4);
  // Two below, one equal: (2 + 0.5) / 5 = 50%.
  EXPECT_DOUBLE_EQ(*s.own_rank, 50);
  // Six values: the median is halfway between 3 and 4; p25 at position 1.25.
  const GroupSummary even = Summarise({1, 2, 3, 4, 5, 6}, std::nullopt);
  EXPECT_DOUBLE_EQ(even.median, 3.5);
  EXPECT_DOUBLE_EQ(even.p25, 2.25);
  EXPECT_DOUBLE_EQ(even.p75, 4.75);
  EXPECT_FALSE(even.own_rank.has_value());
  EXPECT_DOUBLE_EQ(Quantile({7}, 0.9), 7);
  EXPECT_DOUBLE_EQ(PercentileRank({1, 2, 3, 4}, 0), 0);
  EXPECT_DOUBLE_EQ(PercentileRank({1, 2, 3, 4}, 9), 100);
}

TEST(Benchmark, AGroupOfFewerThanFiveIsWithheld) {
  const auto d = DecideGroups({Ids(1, 4), Ids(1, 5)});
  EXPECT_EQ(d[0].withheld, Withheld::kTooFew);
  EXPECT_EQ(d[1].withheld, Withheld::kShown);
  EXPECT_EQ(DecideGroups({{}})[0].withheld, Withheld::kTooFew);
}

TEST(Benchmark, AGroupCloseToOneShownIsWithheldSoThatSubtractingRevealsNobody) {
  // All 40 contributors, then a sector of 37 of them: the 3 left out would be
  // told apart by comparing the two, so the sector is withheld.
  const auto all = Ids(1, 40);
  const auto sector = Ids(1, 37);
  // A region of 20, then a size band of the same 20 and 2 more: withheld too
  // (it differs by 2), although it has 22 contributors.
  const auto region = Ids(1, 20);
  const auto size = Ids(1, 22);
  // The same contributors as a group shown: the same figures, nothing revealed.
  const auto peers = Ids(1, 20);
  // 10 apart from every group shown: shown.
  const auto other = Ids(11, 40);
  const auto d = DecideGroups({all, sector, region, size, peers, other});
  EXPECT_EQ(d[0].withheld, Withheld::kShown);
  EXPECT_EQ(d[1].withheld, Withheld::kDifferencing);
  EXPECT_EQ(d[1].like, 0U);
  EXPECT_EQ(d[2].withheld, Withheld::kShown);
  EXPECT_EQ(d[3].withheld, Withheld::kDifferencing);
  EXPECT_EQ(d[3].like, 2U);
  EXPECT_EQ(d[4].withheld, Withheld::kShown);
  EXPECT_EQ(d[5].withheld, Withheld::kShown);
  // Differences count both ways: 3 in one and not the other, 2 the other way.
  const auto d2 = DecideGroups({Ids(1, 10), {1, 2, 3, 4, 5, 6, 7, 11, 12}});
  EXPECT_EQ(d2[1].withheld, Withheld::kShown);  // 3 + 2 = 5 apart
  const auto d3 = DecideGroups({Ids(1, 10), {1, 2, 3, 4, 5, 6, 7, 8, 11, 12}});
  EXPECT_EQ(d3[1].withheld, Withheld::kDifferencing);  // 2 + 2 = 4 apart
  // A withheld group does not withhold others: only shown ones are compared.
  const auto d4 = DecideGroups({Ids(1, 40), Ids(1, 38), Ids(1, 36)});
  EXPECT_EQ(d4[1].withheld, Withheld::kDifferencing);
  EXPECT_EQ(d4[2].withheld, Withheld::kDifferencing);  // 4 from the first
}

}  // namespace
}  // namespace valuemark
