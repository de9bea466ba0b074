// Routes for measuring and managing social value: impact maps with their
// calculations, the value bank, pledges and the decision log. Calculations
// answer exactly what the CLI prints with --format json (docs/api.md
// "Impact maps"), from the same engines and writers.
#include "http/api_measure.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

#include "app/measure/calculations.h"
#include "app/measure/self_assessment_data.h"
#include "formats/impact_map_csv.h"
#include "formats/impact_map_json.h"
#include "formats/results_json.h"
#include "http/api_helpers.h"
#include "http/errors.h"
#include "report/impact_map_xlsx.h"

namespace valuemark::http {
namespace {

using formats::JsonWriter;
using formats::ObjectReader;

Result<double> QueryDelta(const Request& request) {
  auto it = request.query.find("delta");
  if (it == request.query.end()) return kDefaultSensitivityDelta;
  double v = 0;
  const std::string& s = it->second;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !(v > 0 && v <= 1))
    return Fail(
        Error::Field(ErrorCode::kInvalidArgument, "delta",
                     fmt::format("must be a fraction above 0 and at most 1, got \"{}\"", s)));
  return v;
}

// threads: the Monte Carlo's share of the heavy-work pool. Results do not
// depend on it (docs/methodology.md §3); it only trades latency against others.
Result<MonteCarloOptions> QueryMonteCarlo(const Request& request, int threads) {
  auto draws = TRY(QueryInt(request, "draws", 1, app::kMaxServerDraws));
  auto seed = TRY(QueryInt(request, "seed", 0, INT64_MAX));
  MonteCarloOptions options;
  options.draws = draws.value_or(app::kDefaultServerDraws);
  options.seed = static_cast<uint64_t>(seed.value_or(1));
  options.threads = threads;
  return options;
}

// The histogram of the Monte Carlo ratios, for the editor's chart.
std::string HistogramJson(const Histogram& h) {
  JsonWriter w(0);
  w.BeginObject().Field("low", h.low).Field("high", h.high).Key("counts").BeginArray();
  for (int64_t c : h.counts) w.Int(c);
  w.EndArray().EndObject();
  return w.Take();
}

// The stored map in the API's form: the impact-map file (docs/file-formats.md)
// plus id, version and scope_id.
std::string MapDocument(const app::RecordVersion& rec) {
  JsonWriter w(0);
  w.BeginObject().Field("id", rec.id).Field("version", rec.version).Key("scope_id");
  formats::WriteOptionalString(w,
                               rec.scope_id.empty() ? std::nullopt : std::optional(rec.scope_id));
  w.EndObject();
  std::string head = w.Take();
  head.pop_back();  // the closing brace: the map's own keys follow
  return head + "," + rec.body.substr(1);
}

void WriteVersionSummary(JsonWriter& w, const app::RecordVersion& rec) {
  w.BeginObject()
      .Field("id", rec.id)
      .Field("name", rec.title)
      .Field("version", rec.version)
      .Key("scope_id");
  formats::WriteOptionalString(w,
                               rec.scope_id.empty() ? std::nullopt : std::optional(rec.scope_id));
  w.Field("updated_at", formats::FormatTime(rec.created_at))
      .Field("updated_by", rec.created_by)
      .EndObject();
}

// The map a calculation route names, at ?version= or the latest.
Result<ImpactMap> LoadMap(app::MeasureService& p, const app::Caller& c, const Request& request) {
  return TRY(p.LoadImpactMap(c, request.params.at("id"), TRY(QueryVersion(request)))).map;
}

// A GET that computes on a stored map: load, compute, write the CLI's JSON.
template <typename Compute>
SessionHandler Calculation(app::MeasureService& p, Compute compute) {
  return [&p, compute](Request& request, const app::Caller& c) -> Response {
    auto map = LoadMap(p, c, request);
    if (!map) return ErrorResponse(map.error());
    auto body = compute(request, *map);
    if (!body) return ErrorResponse(body.error());
    return Json(std::move(*body));
  };
}

}  // namespace

void ImpactMapRoutes(const Routes& routes, app::MeasureService& p, app::BrokerageService& brokerage,
                     app::Calculations& calc) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  const Heavy& heavy = routes.heavy;
  app::RateLimits& limits = routes.limits;
  // Impact maps
  add(Method::kGet, "/organisations/{id}/impact-maps",
      {"The organisation's impact maps in use, latest versions (?archived=true: those archived)",
       "impact maps", Auth::kSession, "", "ImpactMapSummaryList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto archived = request.query.find("archived");
        const bool put_away = archived != request.query.end() && archived->second == "true";
        if (archived != request.query.end() && !put_away && archived->second != "false")
          return ErrorResponse(
              Error::Field(ErrorCode::kInvalidArgument, "archived", "must be true or false"));
        auto list = p.ListImpactMaps(c, request.params["id"], put_away);
        if (!list) return ErrorResponse(list.error());
        return PagedList(request, std::move(*list), WriteVersionSummary);
      }));
  add(Method::kPost, "/organisations/{id}/impact-maps",
      {"Save a new impact map (docs/file-formats.md), optionally with scope_id", "impact maps",
       Auth::kSession, "ImpactMap", "ImpactMap", 201},
      authed([&p](Request& request, const app::Caller& c) {
        if (auto j = RequireJson(request); !j) return ErrorResponse(j.error());
        auto rec = p.CreateImpactMap(c, request.params["id"], request.body);
        if (!rec) return ErrorResponse(rec.error());
        return Json(MapDocument(*rec), 201);
      }));
  add(Method::kPut, "/impact-maps/{id}/archived",
      {"Archive a map ({\"archived\": true}) or bring it back (false): it leaves the lists, "
       "keeps every version and can still be opened, compared and reported on",
       "impact maps", Auth::kSession, "MapArchived", "MapArchived"},
      authed([&p](Request& request, const app::Caller& c) {
        if (auto j = RequireJson(request); !j) return ErrorResponse(j.error());
        auto body = nlohmann::json::parse(request.body, nullptr, false);
        if (!body.is_object() || body.size() != 1 || !body.contains("archived") ||
            !body["archived"].is_boolean())
          return ErrorResponse(
              Error::Field(ErrorCode::kInvalidArgument, "archived",
                           "must be true (archive the map) or false (restore it)"));
        const bool archived = body["archived"].get<bool>();
        if (auto r = p.SetImpactMapArchived(c, request.params["id"], archived); !r)
          return ErrorResponse(r.error());
        JsonWriter w(0);
        w.BeginObject().Field("archived", archived).EndObject();
        return Json(w.Take());
      }));
  add(Method::kGet, "/impact-maps/{id}",
      {"An impact map (docs/file-formats.md) plus id, version and scope_id (?version= for an older "
       "one)",
       "impact maps", Auth::kSession, "", "ImpactMap"},
      authed([&p](Request& request, const app::Caller& c) {
        auto version = QueryVersion(request);
        if (!version) return ErrorResponse(version.error());
        auto rec = p.GetImpactMap(c, request.params["id"], *version);
        if (!rec) return ErrorResponse(rec.error());
        return Json(MapDocument(*rec));
      }));
  add(Method::kPut, "/impact-maps/{id}",
      {"Replace an impact map: saved as a new version (send the version you edited to detect "
       "conflicts)",
       "impact maps", Auth::kSession, "ImpactMap", "ImpactMap"},
      authed([&p](Request& request, const app::Caller& c) {
        if (auto j = RequireJson(request); !j) return ErrorResponse(j.error());
        auto rec = p.ReplaceImpactMap(c, request.params["id"], request.body);
        if (!rec) return ErrorResponse(rec.error());
        return Json(MapDocument(*rec));
      }));
  add(Method::kGet, "/impact-maps/{id}/versions",
      {"Every saved version of an impact map, newest first", "impact maps", Auth::kSession, "",
       "ImpactMapSummaryList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto list = p.ListImpactMapVersions(c, request.params["id"]);
        if (!list) return ErrorResponse(list.error());
        return PagedList(request, std::move(*list), WriteVersionSummary);
      }));
  add(Method::kGet, "/impact-maps/{id}/results",
      {"SROI of the map: what `valuemark sroi --format json` prints", "impact maps", Auth::kSession,
       "", "SroiResult"},
      authed(Calculation(p, [&calc](const Request&, const ImpactMap& map) -> Result<std::string> {
        return formats::SroiResultToJson(TRY(calc.Sroi(map)), 0);
      })));
  add(Method::kGet, "/impact-maps/{id}/sensitivity",
      {"Break-even and tornado (?delta=): what `valuemark sensitivity --format json` prints",
       "impact maps", Auth::kSession, "", "SensitivityResult"},
      authed(heavy(Calculation(
          p, [&calc](const Request& request, const ImpactMap& map) -> Result<std::string> {
            const double delta = TRY(QueryDelta(request));
            return formats::SensitivityResultToJson(TRY(calc.Sensitivity(map, delta)), 0);
          }))));
  add(Method::kGet, "/impact-maps/{id}/montecarlo",
      {"Probabilistic SROI (?draws=&seed=): what `valuemark montecarlo --format json` prints",
       "impact maps", Auth::kSession, "", "MonteCarloResult"},
      authed(heavy(Calculation(
          p, [heavy, &calc](const Request& request, const ImpactMap& map) -> Result<std::string> {
            const MonteCarloOptions options = TRY(QueryMonteCarlo(request, heavy.Threads()));
            return formats::MonteCarloResultToJson(
                TRY(calc.MonteCarlo("map:" + request.params.at("id"), map, options)), 0);
          }))));
  add(Method::kGet, "/impact-maps/{id}/lint",
      {"Principles check: what `valuemark lint --format json` prints, and what the map's "
       "partnerships find (an outcome shared with a partner claimed more than once)",
       "impact maps", Auth::kSession, "", "LintResult"},
      authed([&p, &calc, &brokerage](Request& request, const app::Caller& c) -> Response {
        auto version = QueryVersion(request);
        if (!version) return ErrorResponse(version.error());
        auto stored = p.LoadImpactMap(c, request.params.at("id"), *version);
        if (!stored) return ErrorResponse(stored.error());
        auto findings = calc.Lint(stored->map);
        auto shared = brokerage.PartnershipFindings(stored->record.organisation_id,
                                                    stored->record.id, stored->map);
        if (!shared) return ErrorResponse(shared.error());
        findings.insert(findings.end(), shared->begin(), shared->end());
        return Json(formats::FindingsToJson(findings, 0));
      }));
  add(Method::kGet, "/impact-maps/{id}/export.csv",
      {"The map as CSV, one row per outcome (valuemark export --csv)", "impact maps",
       Auth::kSession, "", ""},
      authed([&p](Request& request, const app::Caller& c) {
        auto map = LoadMap(p, c, request);
        if (!map) return ErrorResponse(map.error());
        Response r = Json(formats::ImpactMapToCsv(*map));
        r.content_type = "text/csv; charset=utf-8";
        return r;
      }));
  // The editor's live figures: everything the page shows for a map being
  // edited, computed without saving it, in one round trip.
  add(Method::kPost, "/impact-maps/calculate",
      {"SROI, sensitivity, Monte Carlo (?draws=&seed=&delta=) and principles check of an unsaved "
       "map",
       "impact maps", Auth::kSession, "ImpactMap", "ImpactMapAnalysis"},
      authed(heavy([heavy, &calc, &brokerage](Request& request, const app::Caller& c) {
        if (auto j = RequireJson(request); !j) return ErrorResponse(j.error());
        formats::MapEnvelope envelope;
        auto map = formats::ParseImpactMap(request.body, &envelope);
        if (!map) return ErrorResponse(map.error());
        auto delta = QueryDelta(request);
        if (!delta) return ErrorResponse(delta.error());
        auto options = QueryMonteCarlo(request, heavy.Threads());
        if (!options) return ErrorResponse(options.error());
        auto analysis = calc.Analyse("live:" + c.user.id + ":" + envelope.id.value_or(""), *map,
                                     *delta, *options);
        if (!analysis) return ErrorResponse(analysis.error());
        // A saved map being edited: what its partnerships find too.
        auto shared = brokerage.PartnershipFindingsFor(c, envelope.id.value_or(""), *map);
        if (!shared) return ErrorResponse(shared.error());
        analysis->findings.insert(analysis->findings.end(), shared->begin(), shared->end());
        return Json(fmt::format(
            R"({{"results":{},"sensitivity":{},"montecarlo":{},"lint":{},"histogram":{}}})",
            formats::SroiResultToJson(analysis->sroi, 0),
            formats::SensitivityResultToJson(analysis->sensitivity, 0),
            formats::MonteCarloResultToJson(analysis->montecarlo, 0),
            formats::FindingsToJson(analysis->findings, 0), HistogramJson(analysis->histogram)));
      })));
  add(Method::kPost, "/impact-maps/import-csv",
      {"Read an impact-map CSV (text/csv) into the JSON form, without saving it", "impact maps",
       Auth::kSession, "", "ImpactMap", 200, 0, "text/csv"},
      authed(RateLimited(limits, app::Limited::kUpload,
                         heavy([](Request& request, const app::Caller&) {
                           if (auto csv = RequireCsv(request); !csv)
                             return ErrorResponse(csv.error());
                           auto map = formats::ParseImpactMapCsv(request.body);
                           if (!map) return ErrorResponse(map.error());
                           return Json(formats::ImpactMapToJson(*map).dump());
                         }))));
  add(Method::kPost, "/impact-maps/import-xlsx",
      {"Read an impact-map workbook (XLSX, in the layout `valuemark export --xlsx` writes) into "
       "the JSON form, without saving it",
       "impact maps", Auth::kSession, "", "ImpactMap", 200, 0, kXlsxType},
      authed(RateLimited(limits, app::Limited::kUpload,
                         heavy([](Request& request, const app::Caller&) {
                           if (auto xlsx = RequireXlsx(request); !xlsx)
                             return ErrorResponse(xlsx.error());
                           auto map = report::ParseImpactMapXlsx(request.body, "workbook");
                           if (!map) return ErrorResponse(map.error());
                           return Json(formats::ImpactMapToJson(*map).dump());
                         }))));
}

void Lm3Route(const Routes& routes) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  // Calculations
  add(Method::kPost, "/lm3",
      {"Local Multiplier 3 of an LM3 file (docs/file-formats.md)", "calculations", Auth::kSession,
       "Lm3Input", "Lm3Result"},
      authed([](Request& request, const app::Caller&) {
        auto input = formats::ParseLm3Input(request.body);
        if (!input) return ErrorResponse(input.error());
        return Json(formats::Lm3ResultToJson(ComputeLm3(*input), 0));
      }));
}

void CompareRoute(const Routes& routes, app::MeasureService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  add(Method::kGet, "/impact-maps/{id}/compare",
      {"A forecast beside its later evaluation (?with=<evaluation map id>; ?version=N and "
       "?with_version=N for other versions than the latest, also of one map), outcome by outcome",
       "impact maps", Auth::kSession, "", "MapComparison"},
      authed([&p](Request& request, const app::Caller& c) {
        auto with = request.query.find("with");
        if (with == request.query.end() || with->second.empty())
          return ErrorResponse(Error::Field(ErrorCode::kInvalidArgument, "with",
                                            "is required: the evaluation's map id"));
        auto version = QueryVersion(request);
        if (!version) return ErrorResponse(version.error());
        auto with_version = QueryInt(request, "with_version", 1, INT32_MAX);
        if (!with_version) return ErrorResponse(with_version.error());
        auto cmp = p.CompareImpactMaps(c, request.params["id"], *version, with->second,
                                       with_version->value_or(0));
        if (!cmp) return ErrorResponse(cmp.error());
        JsonWriter w(0);
        auto side = [&w](const char* key, const app::MapComparison::Side& s) {
          w.Key(key)
              .BeginObject()
              .Field("id", s.id)
              .Field("version", s.version)
              .Field("name", s.name)
              .Key("sroi_ratio");
          w.Number(s.sroi_ratio);
          w.Field("present_value", s.present_value).EndObject();
        };
        w.BeginObject();
        side("forecast", cmp->forecast);
        side("evaluation", cmp->evaluation);
        w.Key("outcomes").BeginArray();
        for (const auto& row : cmp->outcomes) {
          w.BeginObject()
              .Field("outcome", row.outcome)
              .Field("stakeholder", row.stakeholder)
              .Key("forecast_impact");
          w.Number(row.forecast_impact).Key("forecast_present_value");
          w.Number(row.forecast_present_value).Key("evaluation_impact");
          w.Number(row.evaluation_impact).Key("evaluation_present_value");
          w.Number(row.evaluation_present_value).EndObject();
        }
        w.EndArray().EndObject();
        return Json(w.Take());
      }));
}

void RegisterMeasureRoutes(const Routes& routes, app::MeasureService& p,
                           app::BrokerageService& brokerage, app::Calculations& calc) {
  Lm3Route(routes);
  ImpactMapRoutes(routes, p, brokerage, calc);
  RegisterValueBankRoutes(routes, p);
  RegisterLm3Routes(routes, p);
  RegisterPledgeRoutes(routes, p);
  RegisterSelfAssessmentRoutes(routes, p);
  RegisterPlanRoutes(routes, p);
  CompareRoute(routes, p);
  RegisterDecisionRoutes(routes, p);
}

}  // namespace valuemark::http
