#include "core/montecarlo.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cassert>
#include <cmath>
#include <iterator>
#include <memory>
#include <system_error>
#include <thread>
#include <vector>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define VALUEMARK_MC_X86 1
#endif

#include "core/sroi.h"

namespace valuemark {
namespace {

// Threads take draws in blocks; 2048 keeps the imbalance at the end and the
// gaps between progress reports small, and the per-block cost negligible.
constexpr int kBlockDraws = 2048;

// SplitMix64 (Steele, Lea, Flood 2014): the Weyl increment and the finaliser.
constexpr uint64_t kGamma = 0x9e3779b97f4a7c15ULL;
constexpr uint64_t kSeedSalt =
    0x5641'4c55'454d'4b31ULL;  // "VALUEMK1": separates seed from stream ids
constexpr uint64_t kOneExponent = 0x3FF0000000000000ULL;  // the bits of 1.0

constexpr uint64_t Finalise(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// The streams of random numbers: one per (outcome, parameter) and one per input.
enum class StreamKind : uint64_t { kOutcome = 1, kInput = 2 };

// The key of a stream. Sample `draw` of the stream is Finalise(key + draw·γ):
// a counter-based generator, so a sample depends only on (seed, stream, draw)
// and never on how draws are split between threads (docs/methodology.md §3).
uint64_t StreamKey(uint64_t seed, StreamKind kind, uint64_t index, uint64_t parameter) {
  const uint64_t stream = (static_cast<uint64_t>(kind) << 56) ^ (index << 8) ^ parameter;
  return Finalise(Finalise(seed ^ kSeedSalt) ^ Finalise(stream + kGamma));
}

// The 52 random bits of a draw; the uniform is m·2^-52 in [0, 1).
inline uint64_t RandomBits(uint64_t key, uint64_t draw) {
  return Finalise(key + draw * kGamma) >> 12;
}

// m·2^-52, exactly: 1.m − 1 (the mantissa trick needs no int→double conversion,
// which AVX2 lacks for 64-bit integers).
inline double ToUniform(uint64_t m) { return std::bit_cast<double>(m | kOneExponent) - 1.0; }

// One uncertain parameter, with its inverse CDF's constants precomputed
// (docs/methodology.md §3). 64 bytes: one cache line.
struct Sampler {
  uint64_t key = 0;
  double low = 0;
  double high = 0;
  double width = 0;  // high − low
  // Triangular {a, c, b}, w = b − a: F(c) = (c − a)/w. With u = m·2^-52,
  //   u <  F(c):  x = a + w·sqrt(u · (c − a)/w)
  //   u >= F(c):  x = b − w·sqrt((1 − u) · (b − c)/w)
  // The scaled form keeps sqrt's argument in [0, 1], so no range can
  // overflow. The branch is decided on the integer m < ceil(F(c)·2^52), which
  // is exact and the same for every kernel.
  uint64_t split = 0;
  double left = 0;   // (c − a)/w
  double right = 0;  // (b − c)/w
  bool triangular = false;
  // The parameter enters the product as (1 − x): deadweight, displacement,
  // attribution (docs/methodology.md §1), and drop-off as the share kept.
  bool complement = false;
  bool operator==(const Sampler&) const = default;
};

// Precondition: d.low < d.high (zero-width ranges are constants, never sampled).
Sampler MakeSampler(const Distribution& d, uint64_t key, bool complement) {
  Sampler s;
  s.key = key;
  s.low = d.low;
  s.high = d.high;
  s.width = d.high - d.low;
  s.complement = complement;
  if (d.kind == DistributionKind::kTriangular) {
    s.triangular = true;
    s.left = (d.mode - d.low) / s.width;
    s.right = (d.high - d.mode) / s.width;
    s.split = static_cast<uint64_t>(std::ceil(std::ldexp(std::clamp(s.left, 0.0, 1.0), 52)));
  }
  return s;
}

// A parameter that is sampled: an uncertainty whose range has width.
bool IsSampled(const Uncertain& u) {
  return u.is_uncertain() && u.distribution()->low < u.distribution()->high;
}

// One material outcome's PV for a draw is
//   constant × Π factor samples × Σ_k keep^k · weights[k]
// where constant holds every certain parameter, and also the discount factor
// sum when drop-off is certain or irrelevant (one year).
struct OutcomePlan {
  double constant = 0;
  int first_factor = 0;  // into Plan::factors
  int factor_count = 0;
  bool drop_off_sampled = false;
  int first_weight = 0;  // into Plan::weights
  int years = 0;
  Sampler drop_off;  // complement: the share kept, 1 − d
  bool operator==(const OutcomePlan&) const = default;
};

struct InputPlan {
  bool sampled = false;
  double value = 0;
  Sampler sampler;
  bool operator==(const InputPlan&) const = default;
};

// Everything the kernels need, flat, so a draw walks contiguous memory.
struct Plan {
  std::vector<OutcomePlan> outcomes;  // material outcomes with a non-zero contribution, map order
  std::vector<Sampler> factors;   // sampled quantity, proxy, deadweight, displacement, attribution
  std::vector<double> weights;    // 1/(1+r)^t for t = s … s+D−1 of each sampled drop-off
  std::vector<InputPlan> inputs;  // map order
  bool operator==(const Plan&) const = default;
};

// Adds outcome i of the map to the plan, unless it contributes nothing.
void AddOutcome(Plan& plan, const ImpactMap& map, size_t i, uint64_t seed) {
  {
    const Outcome& o = map.outcomes[i];
    if (!o.material) return;  // listed but not counted (docs/methodology.md §1)
    OutcomePlan p;
    p.first_factor = static_cast<int>(plan.factors.size());
    auto key = [&](Parameter param) {
      return StreamKey(seed, StreamKind::kOutcome, i, static_cast<uint64_t>(param));
    };
    // A sampled parameter is neutral (1 for a value, 0 for a fraction) in the
    // constant; with nothing sampled the constant is exactly OutcomePresentValue.
    double neutral[6];
    for (Parameter param : kAllParameters) {
      const Uncertain& u = Get(o, param);
      const bool fraction = IsFraction(param);
      const bool sampled = IsSampled(u) && param != Parameter::kDropOff;
      neutral[static_cast<int>(param)] = sampled ? (fraction ? 0.0 : 1.0) : u.value();
      if (sampled) plan.factors.push_back(MakeSampler(*u.distribution(), key(param), fraction));
    }
    p.factor_count = static_cast<int>(plan.factors.size()) - p.first_factor;
    // Drop-off only matters from an outcome's second year.
    p.drop_off_sampled = IsSampled(o.drop_off) && o.duration_years > 1;
    const double impact = OutcomeImpact(neutral[0], neutral[1], neutral[2], neutral[3], neutral[4]);
    if (p.drop_off_sampled) {
      p.constant = impact;
      p.drop_off = MakeSampler(*o.drop_off.distribution(), key(Parameter::kDropOff), true);
      // The discount factors of DiscountFactorSum: (1+r)^s, then ×(1+r) a year.
      p.first_weight = static_cast<int>(plan.weights.size());
      p.years = o.duration_years;
      const double growth = 1 + map.discount_rate;
      double discount = std::pow(growth, o.start_year);
      for (int k = 0; k < o.duration_years; ++k) {
        plan.weights.push_back(1 / discount);
        discount *= growth;
      }
    } else {
      p.constant = impact * DiscountFactorSum(o.drop_off.value(), o.start_year, o.duration_years,
                                              map.discount_rate);
    }
    if (p.constant == 0) {  // e.g. quantity 0: exactly 0 in every draw
      plan.factors.resize(p.first_factor);
      plan.weights.resize(p.first_weight);
      return;
    }
    plan.outcomes.push_back(p);
  }
}

void AddInputs(Plan& plan, const ImpactMap& map, uint64_t seed) {
  for (size_t j = 0; j < map.inputs.size(); ++j) {
    const Uncertain& v = map.inputs[j].value;
    InputPlan p;
    p.value = v.value();
    p.sampled = IsSampled(v);
    if (p.sampled) {
      p.sampler = MakeSampler(*v.distribution(), StreamKey(seed, StreamKind::kInput, j, 0), false);
    }
    plan.inputs.push_back(p);
  }
}

Plan MakePlan(const ImpactMap& map, uint64_t seed) {
  Plan plan;
  for (size_t i = 0; i < map.outcomes.size(); ++i) AddOutcome(plan, map, i, seed);
  AddInputs(plan, map, seed);
  return plan;
}

// ---- The portable kernel: one draw at a time. It is the reference: the AVX2
// kernel performs exactly the same IEEE operations in the same order, lane by
// lane, so both give the same bits (no FMA anywhere: -ffp-contract is off in
// ISO C++ mode and neither kernel's target has FMA).

// The factor a sampler contributes to draw `draw`: x, or 1 − x.
inline double Factor(const Sampler& s, uint64_t draw) {
  const uint64_t m = RandomBits(s.key, draw);
  const double u = ToUniform(m);
  double x;
  if (!s.triangular) {
    x = s.low + u * s.width;
  } else if (m < s.split) {
    x = s.low + s.width * std::sqrt(u * s.left);
  } else {
    x = s.high - s.width * std::sqrt((1.0 - u) * s.right);
  }
  return s.complement ? 1.0 - x : x;
}

// PV and inputs of draws first … first+n−1, per docs/methodology.md §1.
void RunDrawsPortable(const Plan& plan, uint64_t first, int64_t n, double* pv, double* inputs) {
  for (int64_t j = 0; j < n; ++j) {
    const uint64_t draw = first + static_cast<uint64_t>(j);
    double total = 0;
    for (const OutcomePlan& o : plan.outcomes) {
      double acc = o.constant;
      for (int f = 0; f < o.factor_count; ++f)
        acc *= Factor(plan.factors[o.first_factor + f], draw);
      if (o.drop_off_sampled) {
        // Σ_k keep^k / (1+r)^(s+k) by Horner's rule, from the last year back.
        const double keep = Factor(o.drop_off, draw);
        const double* w = plan.weights.data() + o.first_weight;
        double discount = w[o.years - 1];
        for (int k = o.years - 2; k >= 0; --k) discount = discount * keep + w[k];
        acc *= discount;
      }
      total += acc;
    }
    pv[j] = total;
    // Σ input values in map order, as TotalInputs does.
    double sum = 0;
    for (const InputPlan& in : plan.inputs) sum += in.sampled ? Factor(in.sampler, draw) : in.value;
    inputs[j] = sum;
  }
}

#if VALUEMARK_MC_X86
// ---- The AVX2 kernel: four draws at a time, one per lane, in registers.
// Each sample's chain (hash → uniform → sqrt → value) is long, so an
// outcome's samples are started together and finished together: their
// hashes and square roots overlap instead of waiting on one another
// (measured ~10% faster than one sample after another).

// z·c mod 2^64 from 32×32-bit products (AVX2 has no 64-bit multiply).
__attribute__((target("avx2"), always_inline)) inline __m256i MulLo64(__m256i z, uint64_t c) {
  const __m256i c_lo = _mm256_set1_epi64x(static_cast<int64_t>(c & 0xffffffffULL));
  const __m256i c_hi = _mm256_set1_epi64x(static_cast<int64_t>(c >> 32));
  const __m256i lo = _mm256_mul_epu32(z, c_lo);
  const __m256i cross =
      _mm256_add_epi64(_mm256_mul_epu32(_mm256_srli_epi64(z, 32), c_lo), _mm256_mul_epu32(z, c_hi));
  return _mm256_add_epi64(lo, _mm256_slli_epi64(cross, 32));
}

// A sample half done: for a triangular, sqrt's argument and the left-branch
// mask; for a uniform, the value itself.
struct Pending {
  __m256d t;
  __m256d left;
};

// The first half of Factor() for four draws; draw_gamma holds draw·γ of each lane.
__attribute__((target("avx2"), always_inline)) inline Pending Begin(const Sampler& s,
                                                                    __m256i draw_gamma) {
  __m256i z = _mm256_add_epi64(draw_gamma, _mm256_set1_epi64x(static_cast<int64_t>(s.key)));
  z = MulLo64(_mm256_xor_si256(z, _mm256_srli_epi64(z, 30)), 0xbf58476d1ce4e5b9ULL);
  z = MulLo64(_mm256_xor_si256(z, _mm256_srli_epi64(z, 27)), 0x94d049bb133111ebULL);
  z = _mm256_xor_si256(z, _mm256_srli_epi64(z, 31));
  const __m256i m = _mm256_srli_epi64(z, 12);
  const __m256d one = _mm256_set1_pd(1.0);
  const __m256d u = _mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(
                                      m, _mm256_set1_epi64x(static_cast<int64_t>(kOneExponent)))),
                                  one);
  if (!s.triangular) {
    return {_mm256_add_pd(_mm256_set1_pd(s.low), _mm256_mul_pd(u, _mm256_set1_pd(s.width))), one};
  }
  // m < split as a signed compare: both are below 2^53.
  const __m256d left =
      _mm256_castsi256_pd(_mm256_cmpgt_epi64(_mm256_set1_epi64x(static_cast<int64_t>(s.split)), m));
  const __m256d t = _mm256_blendv_pd(_mm256_mul_pd(_mm256_sub_pd(one, u), _mm256_set1_pd(s.right)),
                                     _mm256_mul_pd(u, _mm256_set1_pd(s.left)), left);
  return {t, left};
}

// The second half of Factor(): the one sqrt, the branch's value, x or 1 − x.
__attribute__((target("avx2"), always_inline)) inline __m256d Finish(const Sampler& s, Pending p) {
  __m256d x = p.t;
  if (s.triangular) {
    const __m256d r = _mm256_mul_pd(_mm256_set1_pd(s.width), _mm256_sqrt_pd(p.t));
    x = _mm256_blendv_pd(_mm256_sub_pd(_mm256_set1_pd(s.high), r),
                         _mm256_add_pd(_mm256_set1_pd(s.low), r), p.left);
  }
  return s.complement ? _mm256_sub_pd(_mm256_set1_pd(1.0), x) : x;
}

// RunDrawsPortable, four draws at a time.
__attribute__((target("avx2"))) void RunDrawsAvx2(const Plan& plan, uint64_t first, int64_t n,
                                                  double* pv, double* inputs) {
  const __m256i step = _mm256_set1_epi64x(static_cast<int64_t>(4 * kGamma));
  __m256i draw_gamma = _mm256_set_epi64x(
      static_cast<int64_t>((first + 3) * kGamma), static_cast<int64_t>((first + 2) * kGamma),
      static_cast<int64_t>((first + 1) * kGamma), static_cast<int64_t>(first * kGamma));
  Pending pending[std::size(kAllParameters)];  // at most 5 factors and the drop-off
  constexpr int kDropOffSlot = static_cast<int>(std::size(kAllParameters)) - 1;
  int64_t j = 0;
  for (; j + 4 <= n; j += 4, draw_gamma = _mm256_add_epi64(draw_gamma, step)) {
    __m256d total = _mm256_setzero_pd();
    for (const OutcomePlan& o : plan.outcomes) {
      const Sampler* factors = plan.factors.data() + o.first_factor;
      for (int f = 0; f < o.factor_count; ++f) pending[f] = Begin(factors[f], draw_gamma);
      if (o.drop_off_sampled) pending[kDropOffSlot] = Begin(o.drop_off, draw_gamma);
      __m256d acc = _mm256_set1_pd(o.constant);
      for (int f = 0; f < o.factor_count; ++f)
        acc = _mm256_mul_pd(acc, Finish(factors[f], pending[f]));
      if (o.drop_off_sampled) {
        const __m256d keep = Finish(o.drop_off, pending[kDropOffSlot]);
        const double* w = plan.weights.data() + o.first_weight;
        __m256d discount = _mm256_set1_pd(w[o.years - 1]);
        for (int k = o.years - 2; k >= 0; --k) {
          discount = _mm256_add_pd(_mm256_mul_pd(discount, keep), _mm256_set1_pd(w[k]));
        }
        acc = _mm256_mul_pd(acc, discount);
      }
      total = _mm256_add_pd(total, acc);
    }
    _mm256_storeu_pd(pv + j, total);
    __m256d sum = _mm256_setzero_pd();
    for (const InputPlan& in : plan.inputs) {
      sum = _mm256_add_pd(sum, in.sampled ? Finish(in.sampler, Begin(in.sampler, draw_gamma))
                                          : _mm256_set1_pd(in.value));
    }
    _mm256_storeu_pd(inputs + j, sum);
  }
  // The last few draws: the same arithmetic one at a time.
  if (j < n) RunDrawsPortable(plan, first + static_cast<uint64_t>(j), n - j, pv + j, inputs + j);
}
#endif

using DrawsKernel = void (*)(const Plan&, uint64_t, int64_t, double*, double*);

DrawsKernel ChooseKernel(detail::MonteCarloKernel kernel) {
#if VALUEMARK_MC_X86
  if (kernel == detail::MonteCarloKernel::kAuto && __builtin_cpu_supports("avx2"))
    return RunDrawsAvx2;
#endif
  (void)kernel;
  return RunDrawsPortable;
}

// numpy's default percentile ("linear"): index p/100·(n−1) between order
// statistics, with numpy's lerp. Selects instead of sorting: the order
// statistics are unique values, so the result does not depend on the method.
// Reorders values.
void Percentiles(std::vector<double>& values, Summary& s) {
  const double kPercents[] = {5, 25, 50, 75, 95};
  double* targets[] = {&s.p5, &s.p25, &s.p50, &s.p75, &s.p95};
  const size_t n = values.size();
  size_t start = 0;
  for (int q = 0; q < 5; ++q) {
    const double index = kPercents[q] / 100 * static_cast<double>(n - 1);
    const size_t lo = static_cast<size_t>(std::floor(index));
    const double t = index - static_cast<double>(lo);
    // Everything from start on is >= the previous order statistic, so the
    // next ones can be selected within [start, n).
    std::nth_element(values.begin() + start, values.begin() + lo, values.end());
    const double a = values[lo];
    const double b = lo + 1 < n ? *std::min_element(values.begin() + lo + 1, values.end()) : a;
    const double diff = b - a;
    *targets[q] = t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    start = lo;
  }
}

// Mean and sample sd (n − 1) by two sequential passes, so the thread split
// never changes a bit; then the percentiles. Reorders values.
Summary Summarise(std::vector<double>& values) {
  Summary s;
  const size_t n = values.size();
  double sum = 0;
  for (double v : values) sum += v;
  s.mean = sum / static_cast<double>(n);
  if (n > 1) {
    double squares = 0;
    for (double v : values) squares += (v - s.mean) * (v - s.mean);
    s.sd = std::sqrt(squares / static_cast<double>(n - 1));
  }
  Percentiles(values, s);
  return s;
}

// Runs the plan's draws in blocks on options.threads threads into pv and
// inputs (each options.draws long); each block writes its own slice, so the
// split between threads cannot change any value.
void RunBlocks(const Plan& plan, DrawsKernel run_draws, const MonteCarloOptions& options,
               bool report_progress, std::vector<double>& pv, std::vector<double>& inputs) {
  const int64_t draws = options.draws;
  const int64_t blocks = (draws + kBlockDraws - 1) / kBlockDraws;
  std::atomic<int64_t> next_block{0};
  std::atomic<int64_t> done{0};
  auto work = [&](bool report) {
    for (;;) {
      const int64_t b = next_block.fetch_add(1, std::memory_order_relaxed);
      if (b >= blocks) break;
      const int64_t first = b * kBlockDraws;
      const int n = static_cast<int>(std::min<int64_t>(kBlockDraws, draws - first));
      run_draws(plan, static_cast<uint64_t>(first), n, pv.data() + first, inputs.data() + first);
      const int64_t now = done.fetch_add(n, std::memory_order_relaxed) + n;
      if (report && options.progress && now < draws) options.progress(now, draws);
    }
  };
  const int64_t helpers = std::min<int64_t>(options.threads, blocks) - 1;
  std::vector<std::thread> threads;
  for (int64_t t = 0; t < helpers; ++t) {
    // Fewer threads only make it slower, never different: carry on without.
    try {
      threads.emplace_back(work, false);
    } catch (const std::system_error&) {
      break;
    }
  }
  work(report_progress);  // the calling thread works too, and is the one that reports progress
  for (std::thread& t : threads) t.join();
  if (report_progress && options.progress) options.progress(draws, draws);
}

// The statistics of the per-draw PV and inputs. Reorders and reuses both.
void Conclude(std::vector<double>& pv, std::vector<double>& inputs,
              const MonteCarloOptions& options, MonteCarloResult& result) {
  // The ratio is defined only where the draw's inputs are not 0 (docs/methodology.md §1).
  // It overwrites inputs in place (k <= j), to keep the peak at 16 bytes a draw.
  std::vector<double>& ratio = inputs;
  size_t k = 0;
  int64_t above_1 = 0;
  for (size_t j = 0; j < pv.size(); ++j) {
    if (inputs[j] == 0) continue;
    const double r = pv[j] / inputs[j];
    ratio[k++] = r;
    above_1 += r > 1;
  }
  ratio.resize(k);
  if (!ratio.empty()) {
    result.probability_ratio_above_1 =
        static_cast<double>(above_1) / static_cast<double>(ratio.size());
    result.sroi_ratio = Summarise(ratio);
  }
  if (options.ratio_draws) *options.ratio_draws = std::move(ratio);
  result.present_value = Summarise(pv);
}

}  // namespace

MonteCarloResult RunMonteCarlo(const ImpactMap& map, const MonteCarloOptions& options) {
  return detail::RunMonteCarlo(map, options, detail::MonteCarloKernel::kAuto);
}

namespace detail {

MonteCarloResult RunMonteCarlo(const ImpactMap& map, const MonteCarloOptions& options,
                               MonteCarloKernel kernel) {
  assert(options.draws >= 1 && options.threads >= 1);
  MonteCarloResult result;
  result.draws = options.draws;
  result.seed = options.seed;
  result.deterministic_ratio = ComputeSroi(map).sroi_ratio;

  const Plan plan = MakePlan(map, options.seed);
  std::vector<double> pv(static_cast<size_t>(options.draws));
  std::vector<double> inputs(static_cast<size_t>(options.draws));
  RunBlocks(plan, ChooseKernel(kernel), options, true, pv, inputs);
  Conclude(pv, inputs, options, result);
  return result;
}

}  // namespace detail

struct MonteCarloMemo::Column {
  std::shared_ptr<const Plan> plan;  // null: the outcome contributes nothing
  std::vector<double> pv;            // its PV in each draw
};

MonteCarloMemo::MonteCarloMemo() = default;
MonteCarloMemo::~MonteCarloMemo() = default;

MonteCarloResult MonteCarloMemo::Run(const ImpactMap& map, const MonteCarloOptions& options) {
  assert(options.draws >= 1 && options.threads >= 1);
  if (options.seed != seed_ || options.draws != draws_ || map.discount_rate != discount_rate_)
    columns_.clear();
  seed_ = options.seed;
  draws_ = options.draws;
  discount_rate_ = map.discount_rate;
  const DrawsKernel run_draws = ChooseKernel(detail::MonteCarloKernel::kAuto);
  MonteCarloOptions quiet = options;
  quiet.progress = nullptr;
  const size_t draws = static_cast<size_t>(options.draws);
  std::vector<double> unused(draws);
  columns_.resize(map.outcomes.size());
  // Each contributing outcome's PV per draw, recomputed only when its plan
  // (every number that decides its samples) changed since the last run.
  for (size_t i = 0; i < map.outcomes.size(); ++i) {
    auto plan = std::make_shared<Plan>();
    AddOutcome(*plan, map, i, options.seed);
    Column& c = columns_[i];
    if (plan->outcomes.empty()) {
      c = Column{};
      continue;
    }
    if (c.plan && *c.plan == *plan) continue;
    c.plan = std::move(plan);
    c.pv.assign(draws, 0);
    RunBlocks(*c.plan, run_draws, quiet, false, c.pv, unused);
    ++recomputed_;
  }
  // Summed in map order from 0, as the kernels sum a draw's outcomes: the
  // same bits as RunMonteCarlo.
  std::vector<double> pv(draws, 0.0);
  for (const Column& c : columns_) {
    if (!c.plan) continue;
    for (size_t d = 0; d < draws; ++d) pv[d] += c.pv[d];
  }
  Plan inputs_plan;
  AddInputs(inputs_plan, map, options.seed);
  std::vector<double> inputs(draws);
  RunBlocks(inputs_plan, run_draws, quiet, false, unused, inputs);
  MonteCarloResult result;
  result.draws = options.draws;
  result.seed = options.seed;
  result.deterministic_ratio = ComputeSroi(map).sroi_ratio;
  Conclude(pv, inputs, options, result);
  return result;
}

size_t MonteCarloMemo::bytes() const {
  size_t n = 0;
  for (const Column& c : columns_) n += c.pv.capacity() * sizeof(double);
  return n;
}

}  // namespace valuemark
