// The social value report of a saved map as the platform knows it: the
// report of `valuemark report` plus the sections only the platform has (the
// organisation and scope, the scope's impact management plan, the decisions
// that cite the map), from what app::LoadMapReport gathered. A stored plan was
// checked when it was saved, but a damaged record leaves blank cells here,
// never an exception.
#include "report/platform_report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "core/number_format.h"
#include "formats/records_json.h"

namespace valuemark::report {
namespace {

using nlohmann::json;

std::string Str(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  if (v.is_number()) return fmt::format("{:g}", v.get<double>());
  return "";
}

std::string GroupName(const std::string& kind) {
  std::string s = kind;
  std::replace(s.begin(), s.end(), '_', ' ');
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

// The organisation, the scope and the version of the map the report is of.
ReportSection OrganisationSection(const app::MapReportData& m) {
  ReportSection s;
  s.title = "Organisation and scope";
  if (const auto& org = m.organisation) {
    std::string line = fmt::format("Prepared by {}", org->name);
    std::vector<std::string> about;
    for (const std::string* part : {&org->legal_structure, &org->sector, &org->area})
      if (!part->empty()) about.push_back(*part);
    if (!about.empty()) line += fmt::format(" ({})", fmt::join(about, ", "));
    s.paragraphs.push_back(line + ".");
  }
  if (const auto& scope = m.scope) {
    std::string line = fmt::format("Scope of the analysis: {}.", scope->name);
    if (!scope->description.empty()) line += " " + scope->description;
    s.paragraphs.push_back(line);
  } else {
    s.paragraphs.push_back("The map is not tied to a scope of the organisation's work.");
  }
  s.paragraphs.push_back(fmt::format("This report is of version {} of the impact map, saved on {}.",
                                     m.record.version,
                                     ReadableDate(CivilFromDays(DayOf(m.record.created_at)))));
  return s;
}

// The scope's impact management plan: stakeholder map, theory of change and
// materiality decisions, each only when the plan has some.
// A member of an object of the stored plan, or null. The plan was checked
// when it was saved, but a damaged record must never throw here.
const json& Member(const json& o, const char* key) {
  static const json kNull;
  if (!o.is_object()) return kNull;
  const auto it = o.find(key);
  return it == o.end() ? kNull : *it;
}

// An array member, or an empty array.
const json& List(const json& o, const char* key) {
  static const json kEmpty = json::array();
  const json& v = Member(o, key);
  return v.is_array() ? v : kEmpty;
}

bool Flag(const json& o, const char* key, bool otherwise) {
  const json& v = Member(o, key);
  return v.is_boolean() ? v.get<bool>() : otherwise;
}

void AddPlanSections(const Scope& scope, const json& plan, std::vector<ReportSection>& out) {
  const json& groups = List(plan, "stakeholder_groups");
  if (groups.is_array() && !groups.empty()) {
    ReportSection s;
    s.title = "Stakeholder map";
    s.paragraphs.push_back(
        fmt::format("The stakeholder groups of {} and how they were involved, from the scope's "
                    "impact management plan.",
                    scope.name));
    s.table_header = {"Group", "Stakeholders", "Size", "Involvement", "When"};
    for (const json& g : groups) {
      std::string name = Str(Member(g, "name"));
      const json& subs = List(g, "subgroups");
      std::vector<std::string> sub_names;
      for (const json& sub : subs) {
        std::string n = Str(Member(sub, "name"));
        if (const std::string size = Str(Member(sub, "size")); !size.empty())
          n += fmt::format(" ({})", size);
        sub_names.push_back(n);
      }
      if (!sub_names.empty()) name += fmt::format(": {}", fmt::join(sub_names, "; "));
      s.table_rows.push_back({GroupName(Str(Member(g, "group"))), name, Str(Member(g, "size")),
                              Str(Member(g, "involvement")), Str(Member(g, "when"))});
    }
    out.push_back(std::move(s));
  }
  const json& chain = List(plan, "theory_of_change");
  if (chain.is_array() && !chain.empty()) {
    ReportSection s;
    s.title = "Theory of change";
    s.paragraphs.push_back(
        "From activities through outputs to the outcomes they lead to, with the indicator of "
        "each.");
    s.table_header = {"Activity", "Outputs", "Outcome", "Stakeholder", "Indicator"};
    for (const json& a : chain) {
      std::vector<std::string> outputs;
      for (const json& o : List(a, "outputs")) outputs.push_back(Str(o));
      const std::string activity = Str(Member(a, "activity"));
      const std::string output_list = fmt::format("{}", fmt::join(outputs, "; "));
      const json& outcomes = List(a, "outcomes");
      if (outcomes.empty()) s.table_rows.push_back({activity, output_list, "", "", ""});
      for (const json& o : outcomes) {
        std::string outcome = Str(Member(o, "description"));
        if (!Flag(o, "positive", true)) outcome += " (negative)";
        if (!Flag(o, "intended", true)) outcome += " (unintended)";
        s.table_rows.push_back({activity, output_list, outcome, Str(Member(o, "stakeholder")),
                                Str(Member(o, "indicator"))});
      }
    }
    out.push_back(std::move(s));
  }
  const json& materiality = List(plan, "materiality");
  if (materiality.is_array() && !materiality.empty()) {
    ReportSection s;
    s.title = "Materiality decisions";
    s.paragraphs.push_back(
        "Which outcomes were judged material, and why: an outcome left out of the analysis needs a "
        "reason.");
    s.table_header = {"Outcome", "Material", "Reason"};
    for (const json& m : materiality)
      s.table_rows.push_back({Str(Member(m, "outcome")), Flag(m, "material", false) ? "Yes" : "No",
                              Str(Member(m, "reason"))});
    out.push_back(std::move(s));
  }
}

// The decisions of the organisation's log that cite this map (any version).
ReportSection DecisionsSection(const std::vector<app::Decision>& decisions) {
  ReportSection s;
  s.title = "Decisions taken";
  s.table_header = {"Decided on", "Kind", "Decision", "Rationale", "Map version"};
  for (const app::Decision& d : decisions) {
    std::string kind = app::Name(d.kind);
    std::replace(kind.begin(), kind.end(), '_', ' ');
    const auto day = ParseDate(d.decided_on);
    s.table_rows.push_back({day ? ReadableDate(*day) : d.decided_on, kind, d.title, d.rationale,
                            d.impact_map_version > 0 ? std::to_string(d.impact_map_version) : ""});
  }
  if (s.table_rows.empty()) {
    s.paragraphs.push_back(
        "No decision in the organisation's decision log cites this impact map yet.");
    s.table_header.clear();
  } else {
    s.paragraphs.push_back(
        "What the organisation decided about its work on the strength of this analysis, from its "
        "decision log.");
  }
  return s;
}

// The organisation's saved LM3 calculations (each at its latest version):
// how much of each pound it takes stays in its area over three rounds of
// spending. They stand beside the map's analysis, not inside it.
ReportSection Lm3Section(const std::vector<app::Lm3Calculation>& calculations) {
  ReportSection s;
  s.title = "Local economic impact (LM3)";
  s.paragraphs.push_back(
      "The organisation's saved Local Multiplier 3 calculations: its income (round 1), what it "
      "spends with local suppliers and on local staff (round 2), and what they in turn spend "
      "locally (round 3). LM3 is the sum of the three rounds divided by the income. These figures "
      "are calculated from the organisation's spending, separately from this impact map.");
  s.table_header = {"Calculation", "Period",  "Area", "Round 1 (income)",
                    "Round 2",     "Round 3", "LM3"};
  s.table_numeric = {false, false, false, true, true, true, true};
  for (const app::Lm3Calculation& c : calculations) {
    const std::string symbol = CurrencySymbol(c.input.currency);
    s.table_rows.push_back(
        {c.input.name, c.period.empty() ? "Not given" : c.period,
         c.input.area.empty() ? "Not given" : c.input.area, GroupedNumber(c.result.round1, symbol),
         GroupedNumber(c.result.round2, symbol), GroupedNumber(c.result.round3, symbol),
         fmt::format("{:.2f}", c.result.lm3)});
  }
  return s;
}

}  // namespace

ReportInput BuildPlatformReportInput(app::MapReportData data) {
  std::vector<ReportSection> sections;
  sections.push_back(OrganisationSection(data));
  if (data.scope && !data.plan_body.empty()) {
    const json plan = json::parse(data.plan_body, nullptr, false);
    if (plan.is_object()) AddPlanSections(*data.scope, plan, sections);
  }
  sections.push_back(DecisionsSection(data.decisions));
  if (!data.lm3.empty()) sections.push_back(Lm3Section(data.lm3));
  ReportInput input = BuildReportInput(std::move(data.map));
  input.extra_sections = std::move(sections);
  if (data.organisation) input.context.organisation = data.organisation->name;
  if (data.scope) input.context.scope = data.scope->name;
  input.context.analysis_date = ReadableDate(CivilFromDays(DayOf(data.record.created_at)));
  return input;
}

}  // namespace valuemark::report
