#include "report/document.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/histogram.h"

namespace valuemark::report {
namespace {

class Formatter {
 public:
  explicit Formatter(const ImpactMap& map) : symbol_(CurrencySymbol(map.currency)) {}
  const std::string& symbol() const { return symbol_; }
  std::string Money(double v) const { return GroupedNumber(v, symbol_); }
  std::string Money2(double v) const { return GroupedNumber(v, symbol_, 2); }
  std::string Ratio(const std::optional<double>& r) const {
    return r ? fmt::format("{:.2f} : 1", *r) : "not defined (no inputs)";
  }
  std::string PerPound(const std::optional<double>& r) const {
    return r ? fmt::format("{}{:.2f} per {}1 invested", symbol_, *r, symbol_)
             : "not defined (no inputs)";
  }
  static std::string Percent(double v) {
    const double p = std::round(v * 1000) / 10;
    return p == std::floor(p) ? fmt::format("{:.0f}%", p) : fmt::format("{:.1f}%", p);
  }
  static std::string Number(double v) { return GroupedNumber(v, "", v == std::floor(v) ? 0 : 2); }
  // A value and its range: "60 (40 to 80)".
  template <typename F>
  static std::string WithRange(const Uncertain& u, F format) {
    if (!u.distribution()) return format(u.value());
    const Distribution& d = *u.distribution();
    return fmt::format("{} ({} to {})", format(u.value()), format(d.low), format(d.high));
  }

 private:
  std::string symbol_;
};

const char* PrincipleName(int principle) {
  static const char* kNames[] = {"",
                                 "1 Involve stakeholders",
                                 "2 Understand what changes",
                                 "3 Value the things that matter",
                                 "4 Only include what is material",
                                 "5 Do not over-claim",
                                 "6 Be transparent",
                                 "7 Verify the result"};
  return principle >= 1 && principle <= 7 ? kNames[principle] : "";
}

const char* ParameterLabel(Parameter p) {
  switch (p) {
    case Parameter::kQuantity:
      return "quantity";
    case Parameter::kProxy:
      return "financial proxy";
    case Parameter::kDeadweight:
      return "deadweight";
    case Parameter::kDisplacement:
      return "displacement";
    case Parameter::kAttribution:
      return "attribution";
    case Parameter::kDropOff:
      return "drop-off";
  }
  return "";
}

bool HasUncertainty(const ImpactMap& map) {
  for (const Input& in : map.inputs)
    if (in.value.is_uncertain()) return true;
  for (const Outcome& o : map.outcomes)
    for (Parameter p : kAllParameters)
      if (Get(o, p).is_uncertain()) return true;
  return false;
}

std::string OutcomeName(const Outcome& o) { return o.description.empty() ? o.id : o.description; }

Chart Histogram(const std::vector<double>& draws) {
  Chart c;
  c.kind = Chart::Kind::kHistogram;
  c.marker = 1;
  c.height = 200;
  // The outer 1 % is folded into the end bins so that a long tail does not
  // squeeze the rest of the distribution.
  std::vector<double> copy = draws;
  const valuemark::Histogram h = BinDraws(copy, 30, 0.005);
  if (h.counts.empty()) return c;
  c.bin_start = h.low;
  c.bin_width = h.bin_width();
  for (int64_t n : h.counts) c.bars.push_back(Bar{.label = {}, .value = static_cast<double>(n)});
  return c;
}

class Builder {
 public:
  explicit Builder(const ReportInput& in) : in_(in), map_(in.map), f_(in.map) {}

  ReportDocument Build() {
    doc_.title = map_.name.empty() ? "Social value report" : map_.name;
    doc_.subtitle = fmt::format("{} social return on investment (SROI) report",
                                map_.kind == MapKind::kForecast ? "Forecast" : "Evaluative");
    doc_.cover_facts = fmt::format("{} analysis \u00b7 all values in {} \u00b7 discount rate {}",
                                   map_.kind == MapKind::kForecast ? "Forecast" : "Evaluative",
                                   map_.currency, Formatter::Percent(map_.discount_rate));
    Cover();
    Summary();
    Stakeholders();
    Inputs();
    Outcomes();
    ImpactMapTable();
    SocialReturn();
    Sensitivity();
    MonteCarlo();
    Materiality();
    Principles();
    for (const ReportSection& s : in_.extra_sections) Extra(s);
    Assurance();
    return std::move(doc_);
  }

 private:
  template <typename B>
  void Add(B block) {
    doc_.body.emplace_back(std::move(block));
  }
  void Section(std::string title) { Add(Heading{1, std::move(title)}); }

  Notice VerificationNotice() const {
    if (!map_.verification)
      return {
          Notice::Kind::kNotVerified, "NOT VERIFIED",
          "This analysis has not been verified. Its figures are the organisation's own estimates.",
          ""};
    return {Notice::Kind::kVerified, "Verification recorded",
            fmt::format(
                "The map records a verification by {} on {}. Only a ValueMark award verifies an "
                "analysis: check the award before relying on this record.",
                map_.verification->by, map_.verification->date),
            ""};
  }

  // "Healthy Ageing CIC · Lunch club · Period: April 2025 to March 2026 ·
  // Analysis of 4 Dec 2026": what is known of whose analysis this is, and when.
  std::string ContextLine() const {
    const ReportContext& c = in_.context;
    std::vector<std::string> parts;
    if (!c.organisation.empty()) parts.push_back(c.organisation);
    if (!c.scope.empty()) parts.push_back(c.scope);
    if (map_.period) parts.push_back("Period: " + *map_.period);
    if (!c.analysis_date.empty()) parts.push_back("Analysis of " + c.analysis_date);
    std::string line;
    for (const std::string& p : parts) line += (line.empty() ? "" : " \u00b7 ") + p;
    return line;
  }

  // Beside the ratio when the principles check finds errors, so that the
  // headline is never read without them.
  std::optional<Notice> ErrorsNotice() const {
    const auto errors =
        std::count_if(in_.findings.begin(), in_.findings.end(),
                      [](const Finding& f) { return f.severity == Severity::kError; });
    if (errors == 0) return std::nullopt;
    return Notice{Notice::Kind::kErrors,
                  fmt::format("{} {} in this analysis", errors, errors == 1 ? "error" : "errors"),
                  fmt::format("The principles check finds {} that should be corrected before "
                              "these figures are relied on",
                              errors == 1 ? "an error" : "errors"),
                  kPrinciplesTitle};
  }

  void Cover() {
    const SroiResult& r = in_.sroi;
    if (std::string line = ContextLine(); !line.empty()) doc_.cover.emplace_back(Paragraph{line});
    doc_.cover.emplace_back(Figures{{{"Social return", f_.PerPound(r.sroi_ratio)},
                                     {"Present value of outcomes", f_.Money(r.present_value)},
                                     {"Total inputs", f_.Money(r.total_inputs)},
                                     {"Net present value", f_.Money(r.net_present_value)}}});
    if (auto errors = ErrorsNotice()) doc_.cover.emplace_back(std::move(*errors));
    doc_.cover.emplace_back(VerificationNotice());
    doc_.cover.emplace_back(
        Paragraph{fmt::format("This report sets out the social value of the activity described by "
                              "the impact map: who was involved, "
                              "what changed for them, how each change was valued and adjusted, the "
                              "resulting social return, how "
                              "sensitive it is to the estimates, and how the analysis measures up "
                              "to the Principles of Social Value. "
                              "{} stakeholder group(s), {} outcome(s), {} input(s).",
                              map_.stakeholders.size(), map_.outcomes.size(), map_.inputs.size())});
  }

  void Summary() {
    const SroiResult& r = in_.sroi;
    Section("Summary");
    std::string text = r.sroi_ratio
                           ? fmt::format(
                                 "For every {}1 invested, the analysis estimates {}{:.2f} of "
                                 "social value: a present value "
                                 "of {} against inputs of {}, a net present value of {}.",
                                 f_.symbol(), f_.symbol(), *r.sroi_ratio, f_.Money(r.present_value),
                                 f_.Money(r.total_inputs), f_.Money(r.net_present_value))
                           : fmt::format(
                                 "The map records no inputs, so no ratio can be given; the present "
                                 "value of the outcomes "
                                 "is {}.",
                                 f_.Money(r.present_value));
    if (r.payback_months)
      text += fmt::format(" The inputs are paid back in about {:.1f} months.", *r.payback_months);
    Add(Paragraph{text});
    if (auto range = TornadoRange())
      Add(Paragraph{
          fmt::format("Moving each estimate by {} on its own gives ratios from {:.2f} to {:.2f}.",
                      Formatter::Percent(in_.sensitivity_delta), range->first, range->second)});
    Add(Paragraph{MonteCarloSentence()});
    for (const std::string& w : r.warnings) Add(Paragraph{"Note: " + w});
  }

  std::optional<std::pair<double, double>> TornadoRange() const {
    std::optional<std::pair<double, double>> range;
    for (const TornadoBar& b : in_.sensitivity.tornado) {
      if (!b.ratio_low || !b.ratio_high) continue;
      const double lo = std::min(*b.ratio_low, *b.ratio_high),
                   hi = std::max(*b.ratio_low, *b.ratio_high);
      range = range ? std::pair{std::min(range->first, lo), std::max(range->second, hi)}
                    : std::pair{lo, hi};
    }
    return range;
  }

  std::string MonteCarloSentence() const {
    const MonteCarloResult& mc = in_.montecarlo;
    if (!HasUncertainty(map_))
      return "The map records no uncertainty ranges, so every simulation gives the same ratio.";
    if (!mc.sroi_ratio || !mc.probability_ratio_above_1)
      return "No simulated ratio is defined (no inputs).";
    return fmt::format(
        "Allowing for the uncertainty ranges recorded in the map, 90% of {} simulations give a "
        "ratio between "
        "{:.2f} and {:.2f} (median {:.2f}); the probability that the ratio is above 1 : 1 is {}.",
        GroupedNumber(static_cast<double>(mc.draws)), mc.sroi_ratio->p5, mc.sroi_ratio->p95,
        mc.sroi_ratio->p50, Formatter::Percent(*mc.probability_ratio_above_1));
  }

  void Stakeholders() {
    Section("Stakeholders and how they were involved");
    Table t{"",
            {"Stakeholder group", "Number in group", "How they were involved", "Present value"},
            {},
            {3, 1.5, 4, 1.5},
            {false, true, false, true}};
    std::map<std::string, double> pv;
    for (const StakeholderResult& s : in_.sroi.stakeholders) pv[s.id] = s.present_value;
    for (const Stakeholder& s : map_.stakeholders) {
      t.rows.push_back({s.name.empty() ? s.id : s.name, s.size ? Formatter::Number(*s.size) : "",
                        s.involvement.value_or("Not recorded"), f_.Money(pv[s.id])});
      pv.erase(s.id);
    }
    for (const StakeholderResult& s : in_.sroi.stakeholders)
      if (pv.contains(s.id))
        t.rows.push_back(
            {s.id + " (not listed in the map)", "", "Not recorded", f_.Money(s.present_value)});
    if (t.rows.empty()) {
      Add(Paragraph{"The map lists no stakeholder groups."});
      return;
    }
    Add(std::move(t));
  }

  void Inputs() {
    Section("Inputs");
    Table t{"", {"Contributed by", "Description", "Value"}, {}, {2, 5, 1.6}, {false, false, true}};
    for (const Input& in : map_.inputs)
      t.rows.push_back({in.stakeholder, in.description,
                        Formatter::WithRange(in.value, [&](double v) { return f_.Money(v); })});
    t.rows.push_back({"Total", "", f_.Money(in_.sroi.total_inputs)});
    Add(std::move(t));
  }

  void Outcomes() {
    Section("Outcomes, indicators and financial proxies");
    Table t{"", {"Outcome", "Indicator", "Financial proxy", "Source"}, {}, {3, 3, 3.2, 2.8}, {}};
    for (const Outcome& o : map_.outcomes) {
      std::string outcome =
          fmt::format("{} ({}){}", OutcomeName(o), o.stakeholder, o.intended ? "" : ", unintended");
      std::string proxy =
          Formatter::WithRange(o.proxy.value, [&](double v) { return f_.Money2(v); });
      if (o.proxy.description) proxy += ": " + *o.proxy.description;
      t.rows.push_back({outcome, o.indicator.value_or("Not recorded"), proxy,
                        o.proxy.source.value_or("Not recorded")});
    }
    t.size = Table::Size::kSmall;
    Add(std::move(t));
  }

  void ImpactMapTable() {
    Section("Impact map");
    Add(
        Paragraph{"Impact = quantity \u00d7 proxy \u00d7 (1 \u2212 deadweight) \u00d7 (1 \u2212 "
                  "displacement) \u00d7 "
                  "(1 \u2212 attribution); later years lose the drop-off each year, and every year "
                  "is discounted. "
                  "Years is how long an outcome lasts, Start the year it starts (1: in the period "
                  "of the activity). "
                  "Ranges are shown in brackets."});
    Table t{"",
            // Soft hyphens let the narrow columns' headers break where a reader expects.
            {"Outcome", "Quantity", "Years", "Start", "Proxy", "Dead\u00adweight",
             "Displace\u00adment", "Attri\u00adbution", "Drop-off", "Impact", "Present value"},
            {},
            {1.9, 1.35, 0.95, 0.85, 1.2, 1.1, 1.1, 1.1, 1.0, 1.35, 1.45},
            {false, true, true, true, true, true, true, true, true, true, true},
            Table::Size::kTiny};
    auto pct = [](double v) { return Formatter::Percent(v); };
    for (size_t i = 0; i < map_.outcomes.size(); ++i) {
      const Outcome& o = map_.outcomes[i];
      const OutcomeResult& r = in_.sroi.outcomes[i];
      t.rows.push_back(
          {OutcomeName(o) + (o.material ? "" : " (not material)"),
           Formatter::WithRange(o.quantity, [](double v) { return Formatter::Number(v); }),
           std::to_string(o.duration_years), std::to_string(o.start_year),
           Formatter::WithRange(o.proxy.value, [&](double v) { return f_.Money(v); }),
           Formatter::WithRange(o.deadweight, pct), Formatter::WithRange(o.displacement, pct),
           Formatter::WithRange(o.attribution, pct), Formatter::WithRange(o.drop_off, pct),
           f_.Money(r.impact), f_.Money(r.present_value)});
    }
    t.rows.push_back(
        {"Total", "", "", "", "", "", "", "", "", "", f_.Money(in_.sroi.present_value)});
    Add(std::move(t));
  }

  void SocialReturn() {
    const SroiResult& r = in_.sroi;
    Section("Social return");
    Add(Figures{{{"SROI ratio", f_.Ratio(r.sroi_ratio)},
                 {"Net SROI ratio", f_.Ratio(r.net_sroi_ratio)},
                 {"Net present value", f_.Money(r.net_present_value)},
                 {"Payback", r.payback_months ? fmt::format("{:.1f} months", *r.payback_months)
                                              : "not reached in year 1"}}});
    Chart by_stakeholder;
    by_stakeholder.kind = Chart::Kind::kHorizontalBars;
    by_stakeholder.title = "Present value by stakeholder group";
    by_stakeholder.value_prefix = f_.symbol();
    std::map<std::string, std::string> names;
    for (const Stakeholder& s : map_.stakeholders) names[s.id] = s.name.empty() ? s.id : s.name;
    std::string alt;
    for (const StakeholderResult& s : r.stakeholders) {
      const std::string name = names.contains(s.id) ? names[s.id] : s.id;
      by_stakeholder.bars.push_back({name, s.present_value});
      alt += fmt::format("{}{}: {}", alt.empty() ? "" : "; ", name, f_.Money(s.present_value));
    }
    by_stakeholder.description =
        "Bar chart of the present value by stakeholder group: " + alt + ".";
    by_stakeholder.height =
        std::clamp(24.0 * static_cast<double>(r.stakeholders.size()) + 24, 80.0, 400.0);
    Add(Heading{2, by_stakeholder.title});
    Add(std::move(by_stakeholder));

    Chart by_year;
    by_year.kind = Chart::Kind::kColumns;
    by_year.title = "Value by year (before discounting)";
    by_year.value_prefix = f_.symbol();
    alt.clear();
    for (size_t y = 0; y < r.value_by_year.size(); ++y) {
      by_year.bars.push_back({std::to_string(y + 1), r.value_by_year[y]});
      alt += fmt::format("{}year {}: {}", alt.empty() ? "" : "; ", y + 1,
                         f_.Money(r.value_by_year[y]));
    }
    by_year.description = "Column chart of the value created in each year: " + alt + ".";
    by_year.height = 180;
    Add(Heading{2, by_year.title});
    Add(std::move(by_year));
  }

  void Sensitivity() {
    const SensitivityResult& s = in_.sensitivity;
    Section("Sensitivity");
    if (!s.base_ratio) {
      Add(Paragraph{"Without inputs there is no ratio to test."});
      return;
    }
    constexpr size_t kBars = 10;
    Chart tornado;
    tornado.kind = Chart::Kind::kTornado;
    tornado.title =
        fmt::format("The {} estimates that move the ratio most (each \u00b1{})",
                    std::min(kBars, s.tornado.size()), Formatter::Percent(in_.sensitivity_delta));
    tornado.base = *s.base_ratio;
    std::map<std::string, std::string> outcome_names;
    for (const Outcome& o : map_.outcomes) outcome_names[o.id] = OutcomeName(o);
    std::string alt;
    for (const TornadoBar& b : s.tornado) {
      if (tornado.tornado.size() == kBars) break;
      if (!b.ratio_low || !b.ratio_high) continue;
      // The estimate's name must survive the shortening of a long outcome.
      const std::string label =
          fmt::format("{}: {}", Shorten(outcome_names[b.outcome], 20), ParameterLabel(b.parameter));
      tornado.tornado.push_back({label, *b.ratio_low, *b.ratio_high});
      alt += fmt::format("{}{} from {:.2f} to {:.2f}", alt.empty() ? "" : "; ", label, *b.ratio_low,
                         *b.ratio_high);
    }
    tornado.description =
        fmt::format("Tornado chart around the base ratio {:.2f}: {}.", *s.base_ratio, alt);
    tornado.height = 24.0 * static_cast<double>(tornado.tornado.size()) + 24;
    Add(Paragraph{fmt::format(
        "The chart shows the ratio when one estimate at a time is {} lower or higher; the "
        "line is the base ratio of {:.2f}.",
        Formatter::Percent(in_.sensitivity_delta), *s.base_ratio)});
    Add(Heading{2, tornado.title});
    Add(std::move(tornado));

    // Break-even: the estimates that would have to be least wrong to lose the social return.
    std::vector<const BreakEven*> reachable;
    for (const BreakEven& b : s.break_even)
      if (b.break_even && b.relative_change) reachable.push_back(&b);
    std::stable_sort(reachable.begin(), reachable.end(),
                     [](const BreakEven* a, const BreakEven* b) {
                       return std::abs(*a->relative_change) < std::abs(*b->relative_change);
                     });
    Add(Heading{2, "Break-even: how wrong an estimate must be for the ratio to fall to 1 : 1"});
    Table t{"",
            {"Outcome", "Estimate", "Current", "Break-even", "Change"},
            {},
            {3.4, 1.7, 1.6, 1.7, 1.2},
            {false, false, true, true, true}};
    auto value = [&](Parameter p, double v) {
      return IsFraction(p)            ? Formatter::Percent(v)
             : p == Parameter::kProxy ? f_.Money2(v)
                                      : Formatter::Number(v);
    };
    for (size_t i = 0; i < reachable.size() && i < kBars; ++i) {
      const BreakEven& b = *reachable[i];
      t.rows.push_back({outcome_names[b.outcome], ParameterLabel(b.parameter),
                        value(b.parameter, b.current), value(b.parameter, *b.break_even),
                        fmt::format("{:+.0f}%", *b.relative_change * 100)});
    }
    t.rows.push_back(
        {"All inputs", "inputs", f_.Money(in_.sroi.total_inputs), f_.Money(s.break_even_inputs),
         in_.sroi.total_inputs > 0
             ? fmt::format("{:+.0f}%", (s.break_even_inputs / in_.sroi.total_inputs - 1) * 100)
             : ""});
    Add(std::move(t));
  }

  void MonteCarlo() {
    const MonteCarloResult& mc = in_.montecarlo;
    Section("Uncertainty (Monte Carlo)");
    Add(Paragraph{
        MonteCarloSentence() +
        fmt::format(
            " The simulation draws every uncertain estimate independently ({} draws, seed {}), "
            "so the same map always gives the same figures.",
            GroupedNumber(static_cast<double>(mc.draws)), mc.seed)});
    if (!mc.sroi_ratio) return;
    Chart h = Histogram(in_.ratio_draws);
    h.title = "Distribution of the simulated SROI ratio";
    h.description = fmt::format(
        "Histogram of {} simulated ratios: 5th percentile {:.2f}, median {:.2f}, 95th percentile "
        "{:.2f}; "
        "probability of a ratio above 1 : 1 {}.",
        GroupedNumber(static_cast<double>(mc.draws)), mc.sroi_ratio->p5, mc.sroi_ratio->p50,
        mc.sroi_ratio->p95, Formatter::Percent(mc.probability_ratio_above_1.value_or(0)));
    Add(Heading{2, h.title});
    Add(std::move(h));
    const valuemark::Summary& s = *mc.sroi_ratio;
    Add(Table{"",
              {"", "Mean", "5th", "25th", "Median", "75th", "95th", "P(ratio > 1 : 1)"},
              {{"SROI ratio", fmt::format("{:.2f}", s.mean), fmt::format("{:.2f}", s.p5),
                fmt::format("{:.2f}", s.p25), fmt::format("{:.2f}", s.p50),
                fmt::format("{:.2f}", s.p75), fmt::format("{:.2f}", s.p95),
                Formatter::Percent(mc.probability_ratio_above_1.value_or(0))}},
              {1.5, 1, 1, 1, 1.1, 1, 1, 1.8},
              {false, true, true, true, true, true, true, true}});
  }

  void Materiality() {
    Section("Materiality");
    Add(Paragraph{
        "Only material outcomes are counted. These are the judgements recorded in the map."});
    Table t{"", {"Outcome", "Material", "Reason"}, {}, {3, 1.2, 6}, {}};
    for (const Outcome& o : map_.outcomes)
      t.rows.push_back({OutcomeName(o), o.material ? "Yes" : "No",
                        o.materiality_reason.value_or("Not recorded")});
    t.size = Table::Size::kSmall;
    Add(std::move(t));
  }

  static constexpr char kPrinciplesTitle[] = "Principles check";

  void Principles() {
    Section(kPrinciplesTitle);
    size_t counts[3] = {0, 0, 0};
    for (const Finding& f : in_.findings) ++counts[static_cast<int>(f.severity)];
    Add(Paragraph{in_.findings.empty()
                      ? "The automatic check against the seven Principles of Social Value found "
                        "nothing to raise."
                      : fmt::format("The automatic check against the seven Principles of Social "
                                    "Value found {} error(s), {} "
                                    "warning(s) and {} note(s). Errors should be fixed before the "
                                    "figures are relied on.",
                                    counts[0], counts[1], counts[2])});
    if (in_.findings.empty()) return;
    Table t{"", {"Principle", "Severity", "Finding"}, {}, {2.6, 1, 6.4}, {}};
    for (const Finding& f : in_.findings)
      t.rows.push_back({PrincipleName(f.principle), SeverityName(f.severity), f.message});
    t.size = Table::Size::kSmall;
    Add(std::move(t));
  }

  void Extra(const ReportSection& s) {
    Section(s.title);
    for (const std::string& p : s.paragraphs) Add(Paragraph{p});
    if (!s.table_header.empty()) Add(Table{"", s.table_header, s.table_rows, {}, s.table_numeric});
  }

  void Assurance() {
    Section("Assurance statement");
    Add(VerificationNotice());
    Add(
        Paragraph{"The figures in this report were calculated by ValueMark from the impact map "
                  "exactly as published in its "
                  "methodology (SROI as in the Cabinet Office guide, discounting as in the HM "
                  "Treasury Green Book). The "
                  "calculation is reproducible: the same map gives the same report. ValueMark "
                  "checks the arithmetic and the "
                  "map's completeness against the Principles of Social Value, but not the evidence "
                  "behind the estimates: the "
                  "quantities, financial proxies and adjustments are the organisation's own. The "
                  "financial proxies are only "
                  "as good as their sources, listed above."});
    Add(Paragraph{map_.verification ? "A verification record in a file is a claim, not proof: only "
                                      "a current ValueMark award, which "
                                      "anyone can check, verifies this analysis."
                                    : "To have the analysis verified, apply for a ValueMark award; "
                                      "until then, treat the figures as "
                                      "unverified estimates."});
  }

  const ReportInput& in_;
  const ImpactMap& map_;
  Formatter f_;
  ReportDocument doc_;
};

}  // namespace

ReportDocument BuildReportDocument(const ReportInput& input) { return Builder(input).Build(); }

}  // namespace valuemark::report
