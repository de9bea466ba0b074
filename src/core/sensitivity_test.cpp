// Break-even and tornado figures (docs/methodology.md §2), checked by hand on the
// worked example of §2: PV 152,215.0078 against inputs 100,000, so every
// linear break-even scales PV_i by k = 100,000 / 152,215.0078 = 0.6569654.
#include "core/sensitivity.h"

#include <gtest/gtest.h>

#include "core/sroi.h"

namespace valuemark {
namespace {

ImpactMap WorkedExample() {
  ImpactMap m;
  Outcome o;
  o.id = "o1";
  o.stakeholder = "people";
  o.quantity = 100;
  o.proxy.value = 1000;
  o.duration_years = 3;
  o.deadweight = 0.2;
  o.attribution = 0.25;
  o.drop_off = 0.1;
  m.outcomes.push_back(o);
  m.inputs.push_back({"funder", "grant", 100000});
  return m;
}

const BreakEven& Find(const SensitivityResult& r, Parameter p) {
  for (const BreakEven& b : r.break_even)
    if (b.parameter == p) return b;
  throw std::logic_error("missing parameter");
}

TEST(BreakEven, WorkedExampleFromTheMethodology) {
  SensitivityResult r = ComputeSensitivity(WorkedExample());
  EXPECT_NEAR(*r.base_ratio, 1.5221501, 1e-7);
  EXPECT_NEAR(r.break_even_inputs, 152215.0078, 1e-3);
  ASSERT_EQ(r.break_even.size(), 6u);

  // quantity: 100 × k = 65.6965 (the methodology's 65.70); relative change k − 1.
  const BreakEven& q = Find(r, Parameter::kQuantity);
  EXPECT_EQ(q.current, 100);
  EXPECT_NEAR(*q.break_even, 65.6965443, 1e-6);
  EXPECT_NEAR(*q.relative_change, -0.3430346, 1e-7);
  EXPECT_EQ(q.reason, BreakEvenReason::kNone);
  // proxy: 1000 × k
  EXPECT_NEAR(*Find(r, Parameter::kProxy).break_even, 656.965443, 1e-5);
  // deadweight: 1 − k × (1 − 0.2) = 0.4744276 (the methodology's 0.4744)
  const BreakEven& dw = Find(r, Parameter::kDeadweight);
  EXPECT_NEAR(*dw.break_even, 0.4744276, 1e-7);
  EXPECT_NEAR(*dw.relative_change, (0.4744276 - 0.2) / 0.2, 1e-6);
  // displacement from 0: 1 − k = 0.3430346; no relative change from 0.
  const BreakEven& dp = Find(r, Parameter::kDisplacement);
  EXPECT_NEAR(*dp.break_even, 0.3430346, 1e-7);
  EXPECT_FALSE(dp.relative_change.has_value());
  // attribution: 1 − k × 0.75 = 0.5072759
  EXPECT_NEAR(*Find(r, Parameter::kAttribution).break_even, 0.5072759, 1e-7);
  // drop-off: 60000 × (1/1.035 + y/1.035² + y²/1.035³) = 100000 with y = 1 − d
  // → 54116.0255 y² + 56011.0864 y − 42028.9855 = 0 → y = 0.5044806, d = 0.4955194
  EXPECT_NEAR(*Find(r, Parameter::kDropOff).break_even, 0.4955194, 1e-6);
}

TEST(BreakEven, UnreachableWhenOtherOutcomesAloneExceedTheInputs) {
  // Two outcomes worth 1,000 each (r = 0), inputs 500: even with outcome a at
  // zero, PV stays 1,000 > 500, so no valid value of any of a's parameters gives 1:1.
  ImpactMap m;
  m.discount_rate = 0;
  for (const char* id : {"a", "b"}) {
    Outcome o;
    o.id = id;
    o.stakeholder = "s";
    o.quantity = 10;
    o.proxy.value = 100;
    o.duration_years = 2;
    m.outcomes.push_back(o);
  }
  m.outcomes[0].duration_years = 1;
  m.outcomes[1].duration_years = 1;
  m.inputs.push_back({"f", "x", 500});
  SensitivityResult r = ComputeSensitivity(m);
  ASSERT_EQ(r.break_even.size(), 12u);
  for (const BreakEven& b : r.break_even) {
    EXPECT_FALSE(b.break_even.has_value()) << ParameterName(b.parameter);
    EXPECT_EQ(b.reason, BreakEvenReason::kUnreachable);
    EXPECT_FALSE(b.relative_change.has_value());
  }
}

TEST(BreakEven, RatioBelowOneNeedsMoreQuantity) {
  // 10 × 100 = 1,000 in one year at r = 0 against inputs 2,000: k = 1 − (1000 − 2000)/1000 = 2,
  // so quantity must double (+100 %); deadweight cannot fall below 0 → unreachable.
  ImpactMap m;
  m.discount_rate = 0;
  Outcome o;
  o.id = "o";
  o.stakeholder = "s";
  o.quantity = 10;
  o.proxy.value = 100;
  m.outcomes.push_back(o);
  m.inputs.push_back({"f", "x", 2000});
  SensitivityResult r = ComputeSensitivity(m);
  EXPECT_DOUBLE_EQ(*Find(r, Parameter::kQuantity).break_even, 20);
  EXPECT_DOUBLE_EQ(*Find(r, Parameter::kQuantity).relative_change, 1);
  EXPECT_DOUBLE_EQ(*Find(r, Parameter::kProxy).break_even, 200);
  EXPECT_FALSE(Find(r, Parameter::kDeadweight).break_even.has_value());
  // Duration 1: drop-off changes nothing, so it cannot reach 1:1.
  EXPECT_FALSE(Find(r, Parameter::kDropOff).break_even.has_value());
}

TEST(BreakEven, ImmaterialOutcomesAreLeftOut) {
  ImpactMap m = WorkedExample();
  Outcome extra = m.outcomes[0];
  extra.id = "not-counted";
  extra.material = false;
  m.outcomes.push_back(extra);
  SensitivityResult r = ComputeSensitivity(m);
  EXPECT_EQ(r.break_even.size(), 6u);
  EXPECT_EQ(r.tornado.size(), 6u);
}

TEST(BreakEven, ZeroInputsHaveNoRatio) {
  ImpactMap m = WorkedExample();
  m.inputs.clear();
  SensitivityResult r = ComputeSensitivity(m);
  EXPECT_FALSE(r.base_ratio.has_value());
  for (const TornadoBar& bar : r.tornado) EXPECT_FALSE(bar.ratio_low.has_value());
}

TEST(Tornado, WorkedExampleSortedBySwing) {
  // ratio 1.5221501; ±20 %:
  //   quantity, proxy: ×0.8 / ×1.2 → 1.2177201 / 1.8265801, swing 0.6088600
  //   attribution 0.2 / 0.3: ×(0.8/0.75) / ×(0.7/0.75) → 1.6236268 / 1.4206734, swing 0.2029533
  //   deadweight 0.16 / 0.24: ×(0.84/0.8) / ×(0.76/0.8) → 1.5982576 / 1.4460426, swing 0.1522150
  //   drop-off 0.08 / 0.12 → 1.5530506 / 1.4916825, swing 0.0613682
  //   displacement 0 ± 20 % stays 0: swing 0
  SensitivityResult r = ComputeSensitivity(WorkedExample(), 0.2);
  ASSERT_EQ(r.tornado.size(), 6u);
  EXPECT_EQ(r.tornado[0].parameter, Parameter::kQuantity);
  EXPECT_NEAR(*r.tornado[0].ratio_low, 1.2177201, 1e-7);
  EXPECT_NEAR(*r.tornado[0].ratio_high, 1.8265801, 1e-7);
  EXPECT_NEAR(r.tornado[0].swing, 0.6088600, 1e-7);
  EXPECT_EQ(r.tornado[1].parameter, Parameter::kProxy);
  EXPECT_EQ(r.tornado[2].parameter, Parameter::kAttribution);
  EXPECT_NEAR(*r.tornado[2].ratio_low, 1.6236268, 1e-7);
  EXPECT_NEAR(*r.tornado[2].ratio_high, 1.4206734, 1e-7);
  EXPECT_EQ(r.tornado[3].parameter, Parameter::kDeadweight);
  EXPECT_NEAR(r.tornado[3].swing, 0.1522150, 1e-7);
  EXPECT_EQ(r.tornado[4].parameter, Parameter::kDropOff);
  EXPECT_NEAR(*r.tornado[4].ratio_low, 1.5530506, 1e-7);
  EXPECT_NEAR(*r.tornado[4].ratio_high, 1.4916825, 1e-7);
  EXPECT_EQ(r.tornado[5].parameter, Parameter::kDisplacement);
  EXPECT_EQ(r.tornado[5].swing, 0);
}

TEST(Tornado, FractionsAreClampedToOne) {
  // attribution 0.9 + 20 % = 1.08 → clamped to 1: the outcome is worth nothing.
  ImpactMap m = WorkedExample();
  m.outcomes[0].attribution = 0.9;
  SensitivityResult r = ComputeSensitivity(m, 0.2);
  for (const TornadoBar& bar : r.tornado)
    if (bar.parameter == Parameter::kAttribution) {
      EXPECT_DOUBLE_EQ(*bar.ratio_high, 0);
    }
}

// Property: the ratio falls as deadweight rises (docs/methodology.md §1 is linear in 1 −
// deadweight).
TEST(SensitivityProperty, RatioFallsAsDeadweightRises) {
  ImpactMap m = WorkedExample();
  double previous = 1e300;
  for (int step = 0; step <= 20; ++step) {
    m.outcomes[0].deadweight = step / 20.0;
    const double ratio = *ComputeSroi(m).sroi_ratio;
    EXPECT_LT(ratio, previous + 1e-12);
    if (step < 20) {
      EXPECT_LT(ratio, previous);
    }
    previous = ratio;
  }
  EXPECT_EQ(previous, 0);
}

// Property: at the break-even value the ratio is 1:1.
TEST(SensitivityProperty, BreakEvenValuesGiveARatioOfOne) {
  const ImpactMap base = WorkedExample();
  for (const BreakEven& b : ComputeSensitivity(base).break_even) {
    ASSERT_TRUE(b.break_even.has_value());
    ImpactMap m = base;
    Get(m.outcomes[0], b.parameter) = *b.break_even;
    EXPECT_NEAR(*ComputeSroi(m).sroi_ratio, 1.0, 1e-8) << ParameterName(b.parameter);
  }
}

}  // namespace
}  // namespace valuemark
