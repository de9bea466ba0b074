// The social value report of a saved map, as the platform knows it: the
// report of `valuemark report` plus the sections only the platform has (the
// organisation and scope, the scope's impact management plan, the decisions
// that cite the map), and the map as an XLSX workbook. Each answer is built
// from one version of the map (?version=, or the latest), with the same
// authorisation as reading the map.
#include "http/api_reports.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "formats/impact_map_json.h"
#include "formats/records_json.h"
#include "http/errors.h"
#include "report/document.h"
#include "report/html_report.h"
#include "report/impact_map_xlsx.h"
#include "report/pdf_module.h"
#include "report/report.h"

namespace valuemark::http {
namespace {

using nlohmann::json;

// A file in the temporary directory, deleted when this goes out of scope:
// the XLSX and PDF writers write files, the API answers with bytes.
class TempFile {
 public:
  explicit TempFile(const std::string& suffix) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "valuemark-report-XXXXXX").string() + suffix;
    const int fd = mkstemps(pattern.data(), static_cast<int>(suffix.size()));
    if (fd >= 0) {
      close(fd);
      path_ = pattern;
    }
  }
  ~TempFile() {
    if (!path_.empty()) std::filesystem::remove(path_, ignored_);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::string& path() const { return path_; }
  Result<std::string> Read() const {
    std::ifstream in(path_, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) return Fail(Error::Make(ErrorCode::kInternal, "the report could not be read back"));
    return bytes.str();
  }

 private:
  std::string path_;
  std::error_code ignored_;
};

struct StoredMap {
  app::RecordVersion record;
  ImpactMap map;
};

// The map the route names, at ?version= or the latest.
Result<StoredMap> LoadStoredMap(app::Platform& p, const app::Caller& c, const Request& request) {
  int64_t version = 0;
  if (auto it = request.query.find("version"); it != request.query.end()) {
    const std::string& s = it->second;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), version);
    if (ec != std::errc() || end != s.data() + s.size() || version < 1 || version > INT32_MAX)
      return Fail(Error::Field(
          ErrorCode::kInvalidArgument, "version",
          fmt::format("must be a whole number from 1 to {}, got \"{}\"", INT32_MAX, s)));
  }
  auto rec = p.GetImpactMap(c, request.params.at("id"), version);
  if (!rec) return Fail(rec.error());
  auto map = formats::ParseImpactMap(rec->body);
  if (!map) return Fail(map.error());
  return StoredMap{std::move(*rec), std::move(*map)};
}

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
report::ReportSection OrganisationSection(app::Platform& p, const app::Caller& c,
                                          const StoredMap& m, const std::optional<Scope>& scope) {
  report::ReportSection s;
  s.title = "Organisation and scope";
  if (auto org = p.GetOrganisation(c, m.record.organisation_id)) {
    std::string line = fmt::format("Prepared by {}", org->name);
    std::vector<std::string> about;
    for (const std::string* part : {&org->legal_structure, &org->sector, &org->area})
      if (!part->empty()) about.push_back(*part);
    if (!about.empty()) line += fmt::format(" ({})", fmt::join(about, ", "));
    s.paragraphs.push_back(line + ".");
  }
  if (scope) {
    std::string line = fmt::format("Scope of the analysis: {}.", scope->name);
    if (!scope->description.empty()) line += " " + scope->description;
    s.paragraphs.push_back(line);
  } else {
    s.paragraphs.push_back("The map is not tied to a scope of the organisation's work.");
  }
  s.paragraphs.push_back(fmt::format("This report is of version {} of the impact map, saved on {}.",
                                     m.record.version,
                                     formats::FormatTime(m.record.created_at).substr(0, 10)));
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

void AddPlanSections(const Scope& scope, const json& plan,
                     std::vector<report::ReportSection>& out) {
  const json& groups = List(plan, "stakeholder_groups");
  if (groups.is_array() && !groups.empty()) {
    report::ReportSection s;
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
    report::ReportSection s;
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
    report::ReportSection s;
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
report::ReportSection DecisionsSection(const std::vector<app::Decision>& decisions,
                                       const std::string& map_id) {
  report::ReportSection s;
  s.title = "Decisions taken";
  s.table_header = {"Decided on", "Kind", "Decision", "Rationale", "Map version"};
  for (const app::Decision& d : decisions) {
    if (d.impact_map_id != map_id) continue;
    std::string kind = app::Name(d.kind);
    std::replace(kind.begin(), kind.end(), '_', ' ');
    s.table_rows.push_back({d.decided_on, kind, d.title, d.rationale,
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

// The report's content: the map's own (the engines' results) and the
// platform's sections. The map's verification field stays the only
// verification: the "NOT VERIFIED" mark is the document's to decide.
Result<report::ReportInput> BuildPlatformReport(app::Platform& p, const app::Caller& c,
                                                const Request& request) {
  auto stored = LoadStoredMap(p, c, request);
  if (!stored) return Fail(stored.error());
  const std::string org_id = stored->record.organisation_id;
  std::optional<Scope> scope;
  if (!stored->record.scope_id.empty())
    if (auto s = p.GetScope(c, org_id, stored->record.scope_id)) scope = std::move(*s);
  std::vector<report::ReportSection> sections;
  sections.push_back(OrganisationSection(p, c, *stored, scope));
  if (scope) {
    auto plan = p.GetPlan(c, org_id, scope->id, 0);
    if (plan && plan->version > 0) {
      const json doc = json::parse(plan->body, nullptr, false);
      if (doc.is_object()) AddPlanSections(*scope, doc, sections);
    }
  }
  auto decisions = p.ListDecisions(c, org_id);
  if (!decisions) return Fail(decisions.error());
  sections.push_back(DecisionsSection(*decisions, stored->record.id));
  report::ReportInput input = report::BuildReportInput(std::move(stored->map));
  input.extra_sections = std::move(sections);
  return input;
}

// A file name for Content-Disposition from the map's name: ASCII letters,
// digits, dots, dashes and underscores only.
std::string FileName(const std::string& map_name, const char* extension) {
  std::string out;
  for (char ch : map_name) {
    const bool keep =
        std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' || ch == '.';
    if (keep) {
      out += ch;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
    if (out.size() >= 80) break;
  }
  while (!out.empty() && (out.back() == '-' || out.back() == '.')) out.pop_back();
  if (out.empty()) out = "impact-map";
  return out + extension;
}

Response Bytes(std::string body, const char* type, const std::string& disposition) {
  Response r;
  r.body = std::move(body);
  r.content_type = type;
  r.headers.emplace_back("Content-Disposition", disposition);
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return r;
}

}  // namespace

void RegisterReportRoutes(const Routes& routes, app::Platform& p, const std::string& pdf_module) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  const Heavy& heavy = routes.heavy;
  add(Method::kGet, "/impact-maps/{id}/report.html",
      {"The social value report of the map (?version=) as one self-contained HTML page", "reports",
       Auth::kSession, "", ""},
      authed(heavy([&p](Request& request, const app::Caller& c) {
        auto input = BuildPlatformReport(p, c, request);
        if (!input) return ErrorResponse(input.error());
        Response r;
        r.body = report::RenderHtmlReport(*input);
        r.content_type = "text/html; charset=utf-8";
        // The page has inline styles and SVG, and nothing else to load.
        r.headers.emplace_back(
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'");
        r.headers.emplace_back("X-Content-Type-Options", "nosniff");
        return r;
      })));
  add(Method::kGet, "/impact-maps/{id}/report.pdf",
      {"The social value report of the map (?version=) as an A4 PDF", "reports", Auth::kSession, "",
       ""},
      authed(heavy([&p, pdf_module](Request& request, const app::Caller& c) {
        auto input = BuildPlatformReport(p, c, request);
        if (!input) return ErrorResponse(input.error());
        TempFile file(".pdf");
        if (file.path().empty())
          return ErrorResponse(
              Error::Make(ErrorCode::kInternal, "no temporary file for the report"));
        if (auto written = report::WritePdfWithModule(report::BuildReportDocument(*input),
                                                      file.path(), pdf_module);
            !written)
          return ErrorResponse(Error::Make(
              ErrorCode::kInternal, fmt::format("the PDF could not be written: {}",
                                                written.error().fields.empty()
                                                    ? written.error().message
                                                    : written.error().fields.front().message)));
        auto bytes = file.Read();
        if (!bytes) return ErrorResponse(bytes.error());
        return Bytes(
            std::move(*bytes), "application/pdf",
            fmt::format("inline; filename=\"{}\"", FileName(input->map.name, "-report.pdf")));
      })));
  add(Method::kGet, "/impact-maps/{id}/export.xlsx",
      {"The map (?version=) as an XLSX workbook in the SROI impact-map layout (valuemark export "
       "--xlsx)",
       "impact maps", Auth::kSession, "", ""},
      authed(heavy([&p](Request& request, const app::Caller& c) {
        auto stored = LoadStoredMap(p, c, request);
        if (!stored) return ErrorResponse(stored.error());
        TempFile file(".xlsx");
        if (file.path().empty())
          return ErrorResponse(
              Error::Make(ErrorCode::kInternal, "no temporary file for the workbook"));
        if (auto written = report::WriteImpactMapXlsx(stored->map, file.path()); !written)
          return ErrorResponse(
              Error::Make(ErrorCode::kInternal, "the workbook could not be written"));
        auto bytes = file.Read();
        if (!bytes) return ErrorResponse(bytes.error());
        return Bytes(
            std::move(*bytes), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            fmt::format("attachment; filename=\"{}\"", FileName(stored->map.name, ".xlsx")));
      })));
}

}  // namespace valuemark::http
