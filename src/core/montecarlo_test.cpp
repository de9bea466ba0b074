// Monte Carlo engine (docs/methodology.md §3). Each expectation is worked out by hand
// in the comment beside it; statistical checks allow 4 standard errors, so a
// failure by chance has odds of about 1 in 16,000 (and the seeds are fixed).
#include "core/montecarlo.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <thread>
#include <vector>

#include "core/sroi.h"

namespace valuemark {
namespace {

Uncertain Uniform(double low, double high) {
  return Uncertain(Distribution{DistributionKind::kUniform, low, 0, high});
}

Uncertain Triangular(double low, double mode, double high) {
  return Uncertain(Distribution{DistributionKind::kTriangular, low, mode, high});
}

Outcome MakeOutcome(std::string id, Uncertain quantity, Uncertain proxy, int duration) {
  Outcome o;
  o.id = std::move(id);
  o.stakeholder = "people";
  o.quantity = quantity;
  o.proxy.value = proxy;
  o.duration_years = duration;
  return o;
}

// One outcome whose PV is its quantity: proxy 1, one year, r = 0, nothing taken off.
ImpactMap QuantityOnly(Uncertain quantity, double inputs) {
  ImpactMap m;
  m.discount_rate = 0;
  m.outcomes.push_back(MakeOutcome("q", quantity, 1.0, 1));
  m.inputs.push_back({"funder", "grant", inputs});
  return m;
}

MonteCarloOptions Options(int64_t draws, uint64_t seed = 1, int threads = 1) {
  MonteCarloOptions o;
  o.draws = draws;
  o.seed = seed;
  o.threads = threads;
  return o;
}

// Bit-for-bit equality of two summaries.
void ExpectSameBits(const Summary& a, const Summary& b) {
  EXPECT_EQ(std::memcmp(&a, &b, sizeof(Summary)), 0)
      << "mean " << a.mean << " vs " << b.mean << ", p50 " << a.p50 << " vs " << b.p50;
}

void ExpectSameBits(const MonteCarloResult& a, const MonteCarloResult& b) {
  EXPECT_EQ(a.draws, b.draws);
  EXPECT_EQ(a.seed, b.seed);
  EXPECT_EQ(a.deterministic_ratio, b.deterministic_ratio);
  ASSERT_EQ(a.sroi_ratio.has_value(), b.sroi_ratio.has_value());
  if (a.sroi_ratio) ExpectSameBits(*a.sroi_ratio, *b.sroi_ratio);
  ExpectSameBits(a.present_value, b.present_value);
  EXPECT_EQ(a.probability_ratio_above_1, b.probability_ratio_above_1);
}

void ExpectOrdered(const Summary& s) {
  EXPECT_LE(s.p5, s.p25);
  EXPECT_LE(s.p25, s.p50);
  EXPECT_LE(s.p50, s.p75);
  EXPECT_LE(s.p75, s.p95);
}

// A map with every kind of parameter uncertain, several years, a start in
// year 2, a negative outcome and an uncertain input: the model of §3 in full.
ImpactMap Everything() {
  ImpactMap m;
  Outcome a = MakeOutcome("a", Triangular(40, 60, 100), Uniform(900, 1500), 3);
  a.deadweight = Triangular(0.1, 0.2, 0.35);
  a.displacement = Uniform(0, 0.1);
  a.attribution = Triangular(0.15, 0.25, 0.3);
  a.drop_off = Triangular(0.05, 0.1, 0.3);
  Outcome b = MakeOutcome("b", 25, Triangular(200, 200, 600), 5);  // mode at the low end
  b.start_year = 2;
  b.drop_off = Uniform(0.2, 0.6);
  Outcome harm =
      MakeOutcome("harm", Uniform(5, 15), Triangular(-800, -500, -500), 1);  // mode at the high end
  harm.drop_off = Uniform(0, 1);  // one year: drop-off never applies
  m.outcomes = {a, b, harm};
  m.inputs.push_back({"funder", "grant", 30000});
  m.inputs.push_back({"council", "rooms", Triangular(2000, 5000, 9000)});
  return m;
}

TEST(MonteCarlo, ZeroWidthRangesEqualTheDeterministicResult) {
  // Every parameter an uncertainty of width 0: every draw is the §1 result.
  ImpactMap m;
  Outcome o = MakeOutcome("o", Triangular(100, 100, 100), Uniform(1000, 1000), 3);
  o.deadweight = Triangular(0.2, 0.2, 0.2);
  o.displacement = Uniform(0.05, 0.05);
  o.attribution = Uniform(0.25, 0.25);
  o.drop_off = Triangular(0.1, 0.1, 0.1);
  Outcome p = MakeOutcome("p", Uniform(30, 30), Triangular(-200, -200, -200), 2);
  p.start_year = 2;
  p.drop_off = Uniform(0.5, 0.5);
  m.outcomes = {o, p};
  m.inputs.push_back({"funder", "grant", Uniform(60000, 60000)});
  m.inputs.push_back({"council", "rooms", 40000});

  const SroiResult sroi = ComputeSroi(m);
  const MonteCarloResult r = RunMonteCarlo(m, Options(1000));
  const double pv = sroi.present_value;
  const double ratio = *sroi.sroi_ratio;
  ASSERT_TRUE(r.deterministic_ratio.has_value());
  EXPECT_EQ(*r.deterministic_ratio, ratio);
  for (double v : {r.present_value.mean, r.present_value.p5, r.present_value.p25,
                   r.present_value.p50, r.present_value.p75, r.present_value.p95}) {
    EXPECT_NEAR(v, pv, 1e-9 * std::abs(pv));
  }
  EXPECT_LE(r.present_value.sd, 1e-9 * std::abs(pv));
  ASSERT_TRUE(r.sroi_ratio.has_value());
  for (double v : {r.sroi_ratio->mean, r.sroi_ratio->p5, r.sroi_ratio->p50, r.sroi_ratio->p95}) {
    EXPECT_NEAR(v, ratio, 1e-9 * ratio);
  }
  EXPECT_EQ(*r.probability_ratio_above_1, ratio > 1 ? 1.0 : 0.0);
}

TEST(MonteCarlo, SameSeedGivesTheSameBitsOnAnyNumberOfThreads) {
  // 10,007 draws: several blocks, the last one partial, and a draw count
  // that is not a multiple of the 4 lanes of the vector kernel.
  const ImpactMap m = Everything();
  const MonteCarloResult one = RunMonteCarlo(m, Options(10007, 42, 1));
  for (int threads : {2, 3, 8}) {
    SCOPED_TRACE(threads);
    ExpectSameBits(one, RunMonteCarlo(m, Options(10007, 42, threads)));
  }
  ExpectSameBits(one, RunMonteCarlo(m, Options(10007, 42, 1)));
}

TEST(MonteCarlo, PortableAndVectorKernelsGiveTheSameBits) {
  // The AVX2 kernel (where the CPU has it) and the portable one do the same
  // IEEE operations in the same order, so results match on any machine.
  const ImpactMap m = Everything();
  for (int64_t draws : {int64_t{1}, int64_t{7}, int64_t{5000}}) {
    SCOPED_TRACE(draws);
    ExpectSameBits(
        RunMonteCarlo(m, Options(draws, 9, 2)),
        detail::RunMonteCarlo(m, Options(draws, 9, 1), detail::MonteCarloKernel::kPortable));
  }
}

TEST(MonteCarlo, MemoRecomputesOnlyEditedOutcomesAndGivesTheSameBits) {
  ImpactMap m = Everything();
  const size_t contributing = m.outcomes.size();
  MonteCarloMemo memo;
  ExpectSameBits(memo.Run(m, Options(5003, 9, 2)), RunMonteCarlo(m, Options(5003, 9, 1)));
  const int64_t first = memo.recomputed();
  EXPECT_LE(first, static_cast<int64_t>(contributing));
  // Unchanged: nothing recomputed.
  ExpectSameBits(memo.Run(m, Options(5003, 9, 1)), RunMonteCarlo(m, Options(5003, 9, 1)));
  EXPECT_EQ(memo.recomputed(), first);
  // One outcome edited: that one only.
  m.outcomes[0].quantity = Uncertain(m.outcomes[0].quantity.value() + 3);
  ExpectSameBits(memo.Run(m, Options(5003, 9, 1)), RunMonteCarlo(m, Options(5003, 9, 1)));
  EXPECT_EQ(memo.recomputed(), first + 1);
  // An input edited: no outcome recomputed.
  m.inputs[0].value = Uncertain(m.inputs[0].value.value() * 2);
  ExpectSameBits(memo.Run(m, Options(5003, 9, 1)), RunMonteCarlo(m, Options(5003, 9, 1)));
  EXPECT_EQ(memo.recomputed(), first + 1);
  // Another seed: everything again.
  ExpectSameBits(memo.Run(m, Options(5003, 10, 1)), RunMonteCarlo(m, Options(5003, 10, 1)));
  EXPECT_EQ(memo.recomputed(), 2 * first + 1);
  EXPECT_GT(memo.bytes(), 0u);
}

TEST(MonteCarlo, DifferentSeedsGiveDifferentDraws) {
  const ImpactMap m = Everything();
  const MonteCarloResult a = RunMonteCarlo(m, Options(2000, 1));
  const MonteCarloResult b = RunMonteCarlo(m, Options(2000, 2));
  EXPECT_EQ(a.seed, 1u);
  EXPECT_EQ(b.seed, 2u);
  EXPECT_NE(a.present_value.mean, b.present_value.mean);
  EXPECT_NE(a.present_value.p50, b.present_value.p50);
  EXPECT_NE(a.sroi_ratio->sd, b.sroi_ratio->sd);
}

TEST(MonteCarlo, UniformQuantityAroundTheDeterministicValueHasTheSameMeanPv) {
  // quantity ~ U[0, 2q], q = 100; everything else certain. PV is linear in the
  // quantity, so E[PV] = PV(q) = 152,215.0078 (the worked example of §2) and
  // sd(PV) = PV(q)·sd(U)/q = PV(q)·(2q/√12)/q = PV(q)/√3 = 87,881.4.
  ImpactMap m;
  Outcome o = MakeOutcome("o", Uniform(0, 200), 1000, 3);
  o.deadweight = 0.2;
  o.attribution = 0.25;
  o.drop_off = 0.1;
  m.outcomes.push_back(o);
  m.inputs.push_back({"funder", "grant", 100000});
  const double pv = 152215.0078;
  const int64_t draws = 40000;
  const MonteCarloResult r = RunMonteCarlo(m, Options(draws, 5, 2));
  const double sd = pv / std::sqrt(3.0);
  const double standard_error = sd / std::sqrt(static_cast<double>(draws));  // 439.4
  EXPECT_NEAR(r.present_value.mean, pv, 4 * standard_error);
  // The sd of a sample sd is about sd/√(2n)·√(kurtosis term); 2% is > 4 of them here.
  EXPECT_NEAR(r.present_value.sd, sd, 0.02 * sd);
  // Uniform quantiles: p25 = PV(q)·0.5, p75 = PV(q)·1.5; p5 and p95 are 0.1 and 1.9 × PV(q).
  EXPECT_NEAR(r.present_value.p5, 0.1 * pv, 0.01 * pv);
  EXPECT_NEAR(r.present_value.p25, 0.5 * pv, 0.015 * pv);
  EXPECT_NEAR(r.present_value.p50, pv, 0.02 * pv);
  EXPECT_NEAR(r.present_value.p75, 1.5 * pv, 0.015 * pv);
  EXPECT_NEAR(r.present_value.p95, 1.9 * pv, 0.01 * pv);
  EXPECT_NEAR(*r.deterministic_ratio, 1.5221500, 1e-6);
  // ratio = PV / 100,000 draw by draw.
  EXPECT_NEAR(r.sroi_ratio->mean, r.present_value.mean / 100000, 1e-12);
}

TEST(MonteCarlo, PercentilesAreOrdered) {
  const MonteCarloResult r = RunMonteCarlo(Everything(), Options(3000, 11, 2));
  ExpectOrdered(r.present_value);
  ASSERT_TRUE(r.sroi_ratio.has_value());
  ExpectOrdered(*r.sroi_ratio);
  EXPECT_GT(r.present_value.p95, r.present_value.p5);
}

TEST(MonteCarlo, TwoDrawsShowHowPercentilesInterpolate) {
  // Draws x1 <= x2: mean = (x1+x2)/2, sd = (x2−x1)/√2, and numpy's linear
  // percentile p is x1 + (p/100)·(x2 − x1) (index p/100·(2−1)).
  const MonteCarloResult r = RunMonteCarlo(QuantityOnly(Uniform(0, 10), 1), Options(2, 3));
  const Summary& s = r.present_value;
  const double gap = s.sd * std::sqrt(2.0);
  const double x1 = s.mean - gap / 2;
  ASSERT_GT(gap, 0);
  EXPECT_NEAR(s.p5, x1 + 0.05 * gap, 1e-12);
  EXPECT_NEAR(s.p25, x1 + 0.25 * gap, 1e-12);
  EXPECT_NEAR(s.p50, s.mean, 1e-12);
  EXPECT_NEAR(s.p75, x1 + 0.75 * gap, 1e-12);
  EXPECT_NEAR(s.p95, x1 + 0.95 * gap, 1e-12);
}

TEST(MonteCarlo, OneDrawHasNoSpread) {
  const MonteCarloResult r = RunMonteCarlo(Everything(), Options(1, 4));
  EXPECT_EQ(r.draws, 1);
  EXPECT_EQ(r.present_value.sd, 0);
  EXPECT_EQ(r.present_value.p5, r.present_value.mean);
  EXPECT_EQ(r.present_value.p95, r.present_value.mean);
  EXPECT_EQ(r.sroi_ratio->p50, r.sroi_ratio->mean);
}

TEST(MonteCarlo, ProbabilityRatioAbove1) {
  // quantity in [150, 250] against inputs 100: every ratio is 1.5 … 2.5.
  const MonteCarloResult above = RunMonteCarlo(QuantityOnly(Uniform(150, 250), 100), Options(5000));
  EXPECT_EQ(above.probability_ratio_above_1, 1.0);
  // quantity in [20, 90] against inputs 100: every ratio is below 1.
  const MonteCarloResult below =
      RunMonteCarlo(QuantityOnly(Triangular(20, 50, 90), 100), Options(5000));
  EXPECT_EQ(below.probability_ratio_above_1, 0.0);
  // quantity ~ U[0, 200] against inputs 100: P(ratio > 1) = P(q > 100) = 1/2;
  // standard error √(0.25/20000) = 0.0035.
  const MonteCarloResult half = RunMonteCarlo(QuantityOnly(Uniform(0, 200), 100), Options(20000));
  EXPECT_NEAR(*half.probability_ratio_above_1, 0.5, 4 * 0.0035);
}

TEST(MonteCarlo, ZeroInputsLeaveTheRatioNull) {
  const MonteCarloResult r = RunMonteCarlo(QuantityOnly(Uniform(1, 2), 0), Options(100));
  EXPECT_FALSE(r.deterministic_ratio.has_value());
  EXPECT_FALSE(r.sroi_ratio.has_value());
  EXPECT_FALSE(r.probability_ratio_above_1.has_value());
  EXPECT_NEAR(r.present_value.mean, 1.5, 0.1);  // U[1, 2] has mean 1.5, sd 0.29
}

TEST(MonteCarlo, UncertainInputsAreSampled) {
  // PV is a certain 10,000; inputs ~ U[4,000, 6,000] + 1,000. The ratio is
  // 10,000 / inputs, decreasing in the inputs, so its median is
  // 10,000 / median(inputs) = 10,000 / 6,000 = 1.6667, and its p95 is
  // 10,000 / (1,000 + the inputs' p5 = 4,100) = 1.9608.
  ImpactMap m;
  m.discount_rate = 0;
  m.outcomes.push_back(MakeOutcome("o", 10, 1000, 1));
  m.inputs.push_back({"funder", "grant", Uniform(4000, 6000)});
  m.inputs.push_back({"council", "rooms", 1000});
  const MonteCarloResult r = RunMonteCarlo(m, Options(20000, 8));
  EXPECT_EQ(r.present_value.sd, 0);
  EXPECT_EQ(r.present_value.mean, 10000);
  EXPECT_EQ(*r.deterministic_ratio, 10000.0 / 6000);
  ASSERT_TRUE(r.sroi_ratio.has_value());
  EXPECT_GT(r.sroi_ratio->sd, 0);
  EXPECT_NEAR(r.sroi_ratio->p50, 10000.0 / 6000, 0.01);
  EXPECT_NEAR(r.sroi_ratio->p95, 10000.0 / 5100, 0.01);
  EXPECT_NEAR(r.sroi_ratio->p5, 10000.0 / 6900, 0.01);
}

TEST(MonteCarlo, ImmaterialOutcomesAreIgnored) {
  // The same map with an extra immaterial (and very uncertain) outcome at the
  // end gives the same bits: it is neither counted nor sampled.
  ImpactMap m = Everything();
  const MonteCarloResult without = RunMonteCarlo(m, Options(3000, 6));
  Outcome ignored = MakeOutcome("ignored", Uniform(0, 1e6), Triangular(-1e6, 0, 1e6), 10);
  ignored.material = false;
  m.outcomes.push_back(ignored);
  ExpectSameBits(without, RunMonteCarlo(m, Options(3000, 6)));

  // An immaterial outcome alone: PV is 0 in every draw.
  ImpactMap only;
  only.outcomes.push_back(ignored);
  only.inputs.push_back({"funder", "grant", 10});
  const MonteCarloResult r = RunMonteCarlo(only, Options(100));
  EXPECT_EQ(r.present_value.mean, 0);
  EXPECT_EQ(r.present_value.p95, 0);
  EXPECT_EQ(*r.probability_ratio_above_1, 0.0);
}

TEST(MonteCarlo, TriangularSampleHasTheTriangularMeanAndMedian) {
  // Triangular {a=10, m=20, b=70}: mean (a+m+b)/3 = 33.333; variance
  // (a²+m²+b²−am−ab−mb)/18 = (100+400+4900−200−700−1400)/18 = 172.22, sd 13.12;
  // F(m) = (m−a)/(b−a) = 1/6 < 1/2, so the median is
  // b − √((b−a)(b−m)/2) = 70 − √1500 = 31.270.
  const int64_t draws = 50000;
  const MonteCarloResult r =
      RunMonteCarlo(QuantityOnly(Triangular(10, 20, 70), 1), Options(draws, 13, 2));
  const double sd = std::sqrt(172.2222);
  const double standard_error = sd / std::sqrt(static_cast<double>(draws));  // 0.0587
  EXPECT_NEAR(r.present_value.mean, 100.0 / 3, 4 * standard_error);
  EXPECT_NEAR(r.present_value.sd, sd, 0.02 * sd);
  EXPECT_NEAR(r.present_value.p50, 70 - std::sqrt(1500.0), 0.2);
  // p5: F(x) = (x−a)²/((b−a)(m−a)) = 0.05 → x = 10 + √(0.05·600) = 15.477.
  EXPECT_NEAR(r.present_value.p5, 10 + std::sqrt(30.0), 0.2);
  EXPECT_GE(r.present_value.p5, 10);
  EXPECT_LE(r.present_value.p95, 70);
}

TEST(MonteCarlo, UncertainFractionsEnterAsOneMinusTheSample) {
  // quantity 1,000, proxy 1, r = 0, one year; deadweight ~ U[0, 0.4] and
  // attribution ~ U[0.1, 0.3], independent: E[PV] = 1000·E[1−dw]·E[1−at]
  // = 1000 · 0.8 · 0.8 = 640. sd: Var(XY) = E[X²]E[Y²] − (E[X]E[Y])² with
  // X = 1−dw ~ U[0.6,1]: E[X²] = 0.64 + 0.4²/12 = 0.65333; Y = 1−at ~ U[0.7,0.9]:
  // E[Y²] = 0.64 + 0.2²/12 = 0.64333 → Var = 0.42031 − 0.4096 = 0.010714,
  // sd(PV) = 1000·0.10351 = 103.5.
  ImpactMap m = QuantityOnly(1000, 1);
  m.outcomes[0].deadweight = Uniform(0, 0.4);
  m.outcomes[0].attribution = Uniform(0.1, 0.3);
  const int64_t draws = 40000;
  const MonteCarloResult r = RunMonteCarlo(m, Options(draws, 21));
  EXPECT_NEAR(r.present_value.mean, 640, 4 * 103.5 / std::sqrt(static_cast<double>(draws)));
  EXPECT_NEAR(r.present_value.sd, 103.5, 0.02 * 103.5);
  EXPECT_EQ(*r.deterministic_ratio, 1000 * 0.8 * 0.8);
}

TEST(MonteCarlo, ParametersAreSampledIndependently) {
  const int64_t draws = 20000;
  const double root_n = std::sqrt(static_cast<double>(draws));
  // Two outcomes, quantity ~ U[0, 1] each, proxy 1, r = 0: PV = q1 + q2 with
  // sd √(2/12) = 0.4082 if independent (1/√3 = 0.5774 if they were one stream).
  ImpactMap two = QuantityOnly(Uniform(0, 1), 1);
  two.outcomes.push_back(two.outcomes[0]);
  two.outcomes[1].id = "q2";
  const MonteCarloResult sum = RunMonteCarlo(two, Options(draws, 31));
  EXPECT_NEAR(sum.present_value.mean, 1, 4 * 0.4082 / root_n);
  EXPECT_NEAR(sum.present_value.sd, 0.4082, 0.02 * 0.4082);

  // quantity and proxy of one outcome, both ~ U[0, 1]: E[q·p] = 1/4 (1/3 if
  // they were the same number); Var = E[q²]E[p²] − 1/16 = 1/9 − 1/16, sd 0.2205.
  ImpactMap product = QuantityOnly(Uniform(0, 1), 1);
  product.outcomes[0].proxy.value = Uniform(0, 1);
  const MonteCarloResult p = RunMonteCarlo(product, Options(draws, 31));
  EXPECT_NEAR(p.present_value.mean, 0.25, 4 * 0.2205 / root_n);

  // An outcome's quantity and an input with the same range: the ratio
  // q / input is above 1 in half the draws (never, if they were one stream).
  const MonteCarloResult ratio = RunMonteCarlo(
      [] {
        ImpactMap m = QuantityOnly(Uniform(1, 2), 0);
        m.inputs[0].value = Uniform(1, 2);
        return m;
      }(),
      Options(draws, 31));
  EXPECT_NEAR(*ratio.probability_ratio_above_1, 0.5, 4 * 0.5 / root_n);
}

TEST(MonteCarlo, UncertainDropOffIsDiscountedYearByYear) {
  // impact 100 a year for 2 years, r = 0, drop-off ~ U[0, 0.5]:
  // PV = 100 + 100·(1 − d), E[PV] = 100 + 100·0.75 = 175, sd = 100·0.5/√12 = 14.43.
  ImpactMap m;
  m.discount_rate = 0;
  Outcome o = MakeOutcome("o", 100, 1, 2);
  o.drop_off = Uniform(0, 0.5);
  m.outcomes.push_back(o);
  m.inputs.push_back({"funder", "grant", 100});
  const int64_t draws = 20000;
  const MonteCarloResult r = RunMonteCarlo(m, Options(draws, 17));
  EXPECT_NEAR(r.present_value.mean, 175, 4 * 14.43 / std::sqrt(static_cast<double>(draws)));
  EXPECT_NEAR(r.present_value.sd, 14.43, 0.03 * 14.43);
  EXPECT_GE(r.present_value.p5, 150);
  EXPECT_LE(r.present_value.p95, 200);

  // With discounting, each draw is exactly DiscountFactorSum's sum: the
  // spread of PV is that of impact·DFS(d), between DFS(0.5) and DFS(0).
  m.discount_rate = 0.035;
  const MonteCarloResult d = RunMonteCarlo(m, Options(4000, 17));
  EXPECT_GT(d.present_value.p5, 100 * DiscountFactorSum(0.5, 1, 2, 0.035));
  EXPECT_LT(d.present_value.p95, 100 * DiscountFactorSum(0, 1, 2, 0.035));
  EXPECT_NEAR(d.present_value.p50, 100 * DiscountFactorSum(0.25, 1, 2, 0.035), 0.5);
}

TEST(MonteCarlo, ProgressIsReportedFromTheCallingThreadUpToTheTotal) {
  std::vector<std::pair<int64_t, int64_t>> calls;
  const std::thread::id caller = std::this_thread::get_id();
  bool other_thread = false;
  MonteCarloOptions options = Options(20000, 1, 2);
  options.progress = [&](int64_t done, int64_t total) {
    other_thread |= std::this_thread::get_id() != caller;
    calls.emplace_back(done, total);
  };
  RunMonteCarlo(Everything(), options);
  EXPECT_FALSE(other_thread);
  ASSERT_FALSE(calls.empty());
  EXPECT_EQ(calls.back(), std::make_pair(int64_t{20000}, int64_t{20000}));
  for (size_t i = 1; i < calls.size(); ++i) {
    EXPECT_LT(calls[i - 1].first, calls[i].first);
    EXPECT_EQ(calls[i].second, 20000);
  }
}

}  // namespace
}  // namespace valuemark
