#include "cli/text_output.h"

#include <fmt/format.h>

#include <cmath>

#include "core/number_format.h"

namespace valuemark::cli {
namespace {

std::string Ratio(const std::optional<double>& r) {
  return r ? fmt::format("{:.2f} : 1", *r) : "undefined";
}
std::string Plain(const std::optional<double>& v, int decimals = 2) {
  return v ? fmt::format("{:.{}f}", *v, decimals) : "undefined";
}
std::string Percent(double v) { return fmt::format("{:.1f}%", v * 100); }

std::string Heading(const ImpactMap& map) {
  return fmt::format("{} ({}, {}, discount rate {})\n\n",
                     map.name.empty() ? "Impact map" : map.name, MapKindName(map.kind),
                     map.currency, Percent(map.discount_rate));
}

std::string Warnings(const std::vector<std::string>& warnings) {
  std::string out;
  for (const std::string& w : warnings) out += fmt::format("warning: {}\n", w);
  return out;
}

}  // namespace

std::string Money(double v) { return GroupedNumber(v, "", 2); }

std::string SroiText(const ImpactMap& map, const SroiResult& r) {
  std::string out = Heading(map);
  out += fmt::format("{:<28} {:<20} {:>16} {:>16}\n", "Outcome", "Stakeholder", "Impact (year 1)",
                     "Present value");
  for (const OutcomeResult& o : r.outcomes) {
    out += fmt::format("{:<28} {:<20} {:>16} {:>16}{}\n", o.id, o.stakeholder, Money(o.impact),
                       Money(o.present_value), o.material ? "" : "  (not material)");
  }
  out += fmt::format("\n{:<6} {:>16} {:>16}\n", "Year", "Value", "Discounted");
  for (int t = 0; t < r.years; ++t)
    out += fmt::format("{:<6} {:>16} {:>16}\n", t + 1, Money(r.value_by_year[t]),
                       Money(r.discounted_by_year[t]));
  out += "\n";
  out += fmt::format("{:<20} {:>16}\n", "Total inputs", Money(r.total_inputs));
  out += fmt::format("{:<20} {:>16}\n", "Present value", Money(r.present_value));
  out += fmt::format("{:<20} {:>16}\n", "Net present value", Money(r.net_present_value));
  out += fmt::format("{:<20} {:>16}\n", "SROI ratio", Ratio(r.sroi_ratio));
  out += fmt::format("{:<20} {:>16}\n", "Net SROI ratio", Plain(r.net_sroi_ratio));
  out +=
      fmt::format("{:<20} {:>16}\n", "Payback",
                  r.payback_months ? fmt::format("{:.1f} months", *r.payback_months) : "undefined");
  return out + Warnings(r.warnings);
}

std::string SensitivityText(const ImpactMap& map, const SensitivityResult& r, double delta) {
  std::string out = Heading(map);
  out += fmt::format("Base ratio {}; the ratio is 1:1 when inputs reach {}\n\n",
                     Ratio(r.base_ratio), Money(r.break_even_inputs));
  out += "Break-even: the value of each estimate, all else fixed, at which the ratio is 1:1\n";
  out += fmt::format("{:<28} {:<14} {:>14} {:>14} {:>10}\n", "Outcome", "Parameter", "Current",
                     "Break-even", "Change");
  for (const BreakEven& b : r.break_even) {
    const std::string be = b.break_even ? fmt::format("{:.4g}", *b.break_even) : "unreachable";
    const std::string change = b.relative_change ? Percent(*b.relative_change) : "";
    out += fmt::format("{:<28} {:<14} {:>14.4g} {:>14} {:>10}\n", b.outcome,
                       ParameterName(b.parameter), b.current, be, change);
  }
  out += fmt::format("\nOne-way ranges (each estimate ±{}), largest swing first\n", Percent(delta));
  out += fmt::format("{:<28} {:<14} {:>12} {:>12} {:>10}\n", "Outcome", "Parameter", "Ratio low",
                     "Ratio high", "Swing");
  for (const TornadoBar& t : r.tornado) {
    out += fmt::format("{:<28} {:<14} {:>12} {:>12} {:>10.3f}\n", t.outcome,
                       ParameterName(t.parameter), Plain(t.ratio_low, 3), Plain(t.ratio_high, 3),
                       t.swing);
  }
  return out;
}

std::string MonteCarloText(const ImpactMap& map, const MonteCarloResult& r) {
  std::string out = Heading(map);
  out += fmt::format("{} draws, seed {}; deterministic ratio {}\n\n", r.draws, r.seed,
                     Ratio(r.deterministic_ratio));
  out += fmt::format("{:<16} {:>14} {:>14} {:>14} {:>14} {:>14} {:>14} {:>14}\n", "", "mean", "sd",
                     "p5", "p25", "p50", "p75", "p95");
  if (r.sroi_ratio) {
    const Summary& s = *r.sroi_ratio;
    out += fmt::format(
        "{:<16} {:>14.3f} {:>14.3f} {:>14.3f} {:>14.3f} {:>14.3f} {:>14.3f} {:>14.3f}\n",
        "SROI ratio", s.mean, s.sd, s.p5, s.p25, s.p50, s.p75, s.p95);
  }
  const Summary& p = r.present_value;
  out += fmt::format("{:<16} {:>14} {:>14} {:>14} {:>14} {:>14} {:>14} {:>14}\n", "Present value",
                     Money(p.mean), Money(p.sd), Money(p.p5), Money(p.p25), Money(p.p50),
                     Money(p.p75), Money(p.p95));
  out += fmt::format("\nProbability that the ratio is above 1:1: {}\n",
                     r.probability_ratio_above_1 ? Percent(*r.probability_ratio_above_1)
                                                 : "undefined (no inputs)");
  return out;
}

std::string Lm3Text(const Lm3Input& input, const Lm3Result& r) {
  std::string out = fmt::format("{}{} ({})\n\n", input.name.empty() ? "LM3" : input.name,
                                input.area.empty() ? "" : ", " + input.area, input.currency);
  out += fmt::format("{:<28} {:>16} {:>16}\n", "Category", "Round 2", "Round 3");
  for (const Lm3CategoryResult& c : r.by_category)
    out += fmt::format("{:<28} {:>16} {:>16}\n", c.category, Money(c.round2), Money(c.round3));
  out += "\n";
  out += fmt::format("{:<28} {:>16}\n", "Round 1 (income)", Money(r.round1));
  out += fmt::format("{:<28} {:>16}\n", "Round 2 (local spend)", Money(r.round2));
  out += fmt::format("{:<28} {:>16}\n", "Round 3 (local re-spend)", Money(r.round3));
  out += fmt::format("{:<28} {:>16.2f}\n", "LM3", r.lm3);
  return out + Warnings(r.warnings);
}

std::string LintText(const std::vector<Finding>& findings) {
  if (findings.empty()) return "No findings: the map meets every principles check.\n";
  std::string out;
  int errors = 0, warnings = 0, infos = 0;
  for (const Finding& f : findings) {
    out += fmt::format("{}: P{} {} at {}: {}\n", SeverityName(f.severity), f.principle, f.code,
                       f.path, f.message);
    (f.severity == Severity::kError     ? errors
     : f.severity == Severity::kWarning ? warnings
                                        : infos)++;
  }
  out += fmt::format("\n{} error{}, {} warning{}, {} note{}\n", errors, errors == 1 ? "" : "s",
                     warnings, warnings == 1 ? "" : "s", infos, infos == 1 ? "" : "s");
  return out;
}

}  // namespace valuemark::cli
