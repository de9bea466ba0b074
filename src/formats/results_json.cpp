#include "formats/results_json.h"

#include "formats/json_writer.h"

namespace valuemark::formats {
namespace {

void WriteSummary(JsonWriter& w, const Summary& s) {
  w.BeginObject()
      .Field("mean", s.mean)
      .Field("sd", s.sd)
      .Field("p5", s.p5)
      .Field("p25", s.p25)
      .Field("p50", s.p50)
      .Field("p75", s.p75)
      .Field("p95", s.p95)
      .EndObject();
}

}  // namespace

std::string SroiResultToJson(const SroiResult& r, int indent) {
  JsonWriter w(indent);
  // About 24 bytes a number and 160 for the rest of an outcome's entry.
  w.Reserve(4096 + r.outcomes.size() * (160 + 24 * static_cast<size_t>(r.years)) +
            r.stakeholders.size() * 80);
  w.BeginObject()
      .Field("currency", r.currency)
      .Field("discount_rate", r.discount_rate)
      .Field("years", r.years)
      .Field("total_inputs", r.total_inputs)
      .Field("value_by_year", r.value_by_year)
      .Field("discounted_by_year", r.discounted_by_year)
      .Field("present_value", r.present_value)
      .Field("net_present_value", r.net_present_value)
      .Field("sroi_ratio", r.sroi_ratio)
      .Field("net_sroi_ratio", r.net_sroi_ratio)
      .Field("payback_months", r.payback_months);
  w.Key("outcomes").BeginArray();
  for (const OutcomeResult& o : r.outcomes) {
    w.BeginObject()
        .Field("id", o.id)
        .Field("stakeholder", o.stakeholder)
        .Field("impact", o.impact)
        .Field("value_by_year", o.value_by_year)
        .Field("present_value", o.present_value)
        .EndObject();
  }
  w.EndArray();
  w.Key("stakeholders").BeginArray();
  for (const StakeholderResult& s : r.stakeholders)
    w.BeginObject().Field("id", s.id).Field("present_value", s.present_value).EndObject();
  w.EndArray();
  w.Field("warnings", r.warnings).EndObject();
  return w.Take();
}

std::string SensitivityResultToJson(const SensitivityResult& r, int indent) {
  JsonWriter w(indent);
  w.BeginObject().Field("base_ratio", r.base_ratio);
  w.Key("break_even").BeginArray();
  for (const BreakEven& b : r.break_even) {
    w.BeginObject()
        .Field("outcome", b.outcome)
        .Field("parameter", ParameterName(b.parameter))
        .Field("current", b.current)
        .Field("break_even", b.break_even)
        .Field("relative_change", b.relative_change)
        .Key("reason");
    if (b.reason == BreakEvenReason::kUnreachable) {
      w.String("unreachable");
    } else {
      w.Null();
    }
    w.EndObject();
  }
  w.EndArray();
  w.Field("break_even_inputs", r.break_even_inputs);
  w.Key("tornado").BeginArray();
  for (const TornadoBar& t : r.tornado) {
    w.BeginObject()
        .Field("outcome", t.outcome)
        .Field("parameter", ParameterName(t.parameter))
        .Field("ratio_low", t.ratio_low)
        .Field("ratio_high", t.ratio_high)
        .Field("swing", t.swing)
        .EndObject();
  }
  w.EndArray().EndObject();
  return w.Take();
}

std::string MonteCarloResultToJson(const MonteCarloResult& r, int indent) {
  JsonWriter w(indent);
  w.BeginObject()
      .Field("draws", r.draws)
      .Field("seed", r.seed)
      .Field("deterministic_ratio", r.deterministic_ratio);
  w.Key("sroi_ratio");
  if (r.sroi_ratio) {
    WriteSummary(w, *r.sroi_ratio);
  } else {
    w.Null();
  }
  w.Key("present_value");
  WriteSummary(w, r.present_value);
  w.Field("probability_ratio_above_1", r.probability_ratio_above_1).EndObject();
  return w.Take();
}

std::string Lm3ResultToJson(const Lm3Result& r, int indent) {
  JsonWriter w(indent);
  w.BeginObject()
      .Field("round1", r.round1)
      .Field("round2", r.round2)
      .Field("round3", r.round3)
      .Field("lm3", r.lm3);
  w.Key("by_category").BeginArray();
  for (const Lm3CategoryResult& c : r.by_category)
    w.BeginObject()
        .Field("category", c.category)
        .Field("round2", c.round2)
        .Field("round3", c.round3)
        .EndObject();
  w.EndArray().Field("warnings", r.warnings).EndObject();
  return w.Take();
}

std::string FindingsToJson(const std::vector<Finding>& findings, int indent) {
  JsonWriter w(indent);
  w.BeginObject().Key("findings").BeginArray();
  for (const Finding& f : findings) {
    w.BeginObject()
        .Field("code", f.code)
        .Field("principle", f.principle)
        .Field("severity", SeverityName(f.severity))
        .Field("path", f.path)
        .Field("message", f.message)
        .EndObject();
  }
  w.EndArray().EndObject();
  return w.Take();
}

}  // namespace valuemark::formats
