// Routes for measuring and managing social value: impact maps with their
// calculations, the value bank, pledges and the decision log. Calculations
// answer exactly what the CLI prints with --format json (docs/api.md
// "Impact maps"), from the same engines and writers.
#include "http/api_measure.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "app/self_assessment_data.h"
#include "core/histogram.h"
#include "core/lint.h"
#include "core/montecarlo.h"
#include "core/number_format.h"
#include "core/sensitivity.h"
#include "core/sroi.h"
#include "formats/impact_map_csv.h"
#include "formats/impact_map_json.h"
#include "formats/results_json.h"
#include "http/api_helpers.h"
#include "http/errors.h"

namespace valuemark::http {
namespace {

using formats::JsonWriter;
using formats::ObjectReader;

// Bounds on what one request may ask the server to compute (the command line
// has only the engine's own: core/impact_map.h). docs/operations.md "Limits".
constexpr int64_t kMaxDraws = 100000;
constexpr int64_t kDefaultDraws = 10000;
constexpr size_t kMaxServerOutcomes = 5000;
// Draws × outcomes of one Monte Carlo: a 5,000-outcome map still runs the
// editor's 10,000 draws.
constexpr int64_t kMaxDrawCells = 50'000'000;

// The map is small enough for the server to calculate (with mc's draws).
Result<void> CheckServerSize(const ImpactMap& map, const MonteCarloOptions* mc) {
  const auto outcomes = static_cast<int64_t>(map.outcomes.size());
  if (map.outcomes.size() > kMaxServerOutcomes)
    return Fail(Error::Field(ErrorCode::kInvalidArgument, "outcomes",
                             fmt::format("the server calculates maps of at most {} outcomes, this "
                                         "one has {} (valuemark on the command line "
                                         "has no such limit)",
                                         GroupedNumber(kMaxServerOutcomes),
                                         GroupedNumber(static_cast<double>(outcomes)))));
  if (mc && outcomes > 0 && mc->draws * outcomes > kMaxDrawCells)
    return Fail(Error::Field(
        ErrorCode::kInvalidArgument, "draws",
        fmt::format("draws × outcomes must be at most {} on the server: a map of {} outcomes may "
                    "have up to {} draws, not {}",
                    GroupedNumber(kMaxDrawCells), GroupedNumber(static_cast<double>(outcomes)),
                    GroupedNumber(static_cast<double>(kMaxDrawCells / outcomes)),
                    GroupedNumber(static_cast<double>(mc->draws)))));
  return {};
}

// An optional whole-number query parameter within [min, max].
Result<std::optional<int64_t>> QueryInt(const Request& request, const char* name, int64_t min,
                                        int64_t max) {
  auto it = request.query.find(name);
  if (it == request.query.end()) return std::optional<int64_t>();
  int64_t v = 0;
  const std::string& s = it->second;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v < min || v > max)
    return Fail(
        Error::Field(ErrorCode::kInvalidArgument, name,
                     fmt::format("must be a whole number from {} to {}, got \"{}\"", min, max, s)));
  return std::optional<int64_t>(v);
}

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
  auto draws = QueryInt(request, "draws", 1, kMaxDraws);
  if (!draws) return Fail(draws.error());
  auto seed = QueryInt(request, "seed", 0, INT64_MAX);
  if (!seed) return Fail(seed.error());
  MonteCarloOptions options;
  options.draws = draws->value_or(kDefaultDraws);
  options.seed = static_cast<uint64_t>(seed->value_or(1));
  options.threads = threads;
  return options;
}

// Monte Carlo after an edit: the editor changes one cell at a time, so the
// server keeps the per-outcome draws of the last few maps it ran
// (core MonteCarloMemo) and recomputes only what changed; the answer is the
// same, bit for bit. Bounded: a few maps, each up to kMaxMemoCells doubles.
class MonteCarloMemos {
 public:
  MonteCarloResult Run(const std::string& key, const ImpactMap& map,
                       const MonteCarloOptions& options) {
    if (options.draws * static_cast<int64_t>(map.outcomes.size()) > kMaxMemoCells)
      return RunMonteCarlo(map, options);
    std::shared_ptr<Entry> entry;
    {
      std::lock_guard lock(mutex_);
      auto it = std::find_if(entries_.begin(), entries_.end(),
                             [&](const auto& e) { return e->key == key; });
      if (it == entries_.end()) {
        if (entries_.size() >= kMaxEntries) entries_.pop_back();  // the least recently used
        entries_.insert(entries_.begin(), std::make_shared<Entry>(key));
      } else {
        std::rotate(entries_.begin(), it, it + 1);
      }
      entry = entries_.front();
    }
    // Someone else is computing this map: compute without the memo rather than wait.
    std::unique_lock busy(entry->mutex, std::try_to_lock);
    if (!busy) return RunMonteCarlo(map, options);
    return entry->memo.Run(map, options);
  }

 private:
  static constexpr size_t kMaxEntries = 4;
  static constexpr int64_t kMaxMemoCells = 5'000'000;  // 40 MB
  struct Entry {
    explicit Entry(std::string k) : key(std::move(k)) {}
    std::string key;
    std::mutex mutex;
    MonteCarloMemo memo;
  };
  std::mutex mutex_;
  std::vector<std::shared_ptr<Entry>> entries_;  // most recently used first
};

MonteCarloMemos& Memos() {
  static MonteCarloMemos memos;
  return memos;
}

// The Monte Carlo ratios in equal bins from the 1st to the 99th percentile
// (the tails would squash the picture), for the editor's histogram.
std::string HistogramJson(std::vector<double>& ratios) {
  // The middle 98 % of the draws in 24 bins; the outer 2 % folded into the end bins.
  const Histogram h = BinDraws(ratios, 24, 0.01);
  JsonWriter w(0);
  w.BeginObject().Field("low", h.low).Field("high", h.high).Key("counts").BeginArray();
  for (int64_t c : h.counts) w.Int(c);
  w.EndArray().EndObject();
  return w.Take();
}

Result<void> RequireJson(const Request& request) {
  if (request.Header("content-type").find("application/json") == std::string::npos)
    return Fail(Error::Make(ErrorCode::kInvalidArgument,
                            "the body must be JSON (Content-Type: application/json)"));
  return {};
}

Result<void> RequireCsv(const Request& request) {
  if (request.Header("content-type").find("text/csv") == std::string::npos)
    return Fail(
        Error::Make(ErrorCode::kInvalidArgument, "the body must be CSV (Content-Type: text/csv)"));
  return {};
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
Result<ImpactMap> LoadMap(app::Platform& p, const app::Caller& c, const Request& request) {
  auto version = QueryInt(request, "version", 1, INT32_MAX);
  if (!version) return Fail(version.error());
  auto rec = p.GetImpactMap(c, request.params.at("id"), version->value_or(0));
  if (!rec) return Fail(rec.error());
  return formats::ParseImpactMap(rec->body);
}

// A GET that computes on a stored map: load, compute, write the CLI's JSON.
template <typename Compute>
SessionHandler Calculation(app::Platform& p, Compute compute) {
  return [&p, compute](Request& request, const app::Caller& c) -> Response {
    auto map = LoadMap(p, c, request);
    if (!map) return ErrorResponse(map.error());
    auto body = compute(request, *map);
    if (!body) return ErrorResponse(body.error());
    return Json(std::move(*body));
  };
}

void WriteProxy(JsonWriter& w, const app::Proxy& x) {
  w.BeginObject()
      .Field("id", x.id)
      .Field("name", x.name)
      .Field("value", x.value)
      .Field("unit", x.unit)
      .Field("source", x.source)
      .Field("description", x.description)
      .Field("version", x.version)
      .Field("updated_at", formats::FormatTime(x.updated_at))
      .EndObject();
}

void WritePledge(JsonWriter& w, const app::Pledge& x) {
  w.BeginObject()
      .Field("id", x.id)
      .Field("title", x.title)
      .Field("description", x.description)
      .Field("owner_user_id", x.owner_user_id)
      .Field("due_date", x.due_date)
      .Field("progress", x.progress)
      .Field("status", Name(x.status))
      .Field("overdue", x.overdue)
      .Key("scope_id");
  formats::WriteOptionalString(w, x.scope_id.empty() ? std::nullopt : std::optional(x.scope_id));
  w.Field("version", x.version)
      .Field("created_at", formats::FormatTime(x.created_at))
      .Field("updated_at", formats::FormatTime(x.updated_at))
      .EndObject();
}

void WriteDecision(JsonWriter& w, const app::Decision& x) {
  w.BeginObject()
      .Field("id", x.id)
      .Field("kind", Name(x.kind))
      .Field("title", x.title)
      .Field("rationale", x.rationale);
  if (x.impact_map_id.empty()) {
    w.Key("impact_map").Null();
  } else {
    w.Key("impact_map")
        .BeginObject()
        .Field("id", x.impact_map_id)
        .Field("version", x.impact_map_version)
        .EndObject();
  }
  w.Key("survey_id");
  if (x.survey_id.empty()) {
    w.Null();
  } else {
    w.String(x.survey_id);
  }
  w.Field("decided_by", x.decided_by)
      .Field("decided_on", x.decided_on)
      .Field("recorded_by", x.recorded_by)
      .Field("recorded_at", formats::FormatTime(x.recorded_at))
      .EndObject();
}

template <typename T>
std::string One(void (*write)(JsonWriter&, const T&), const T& x) {
  JsonWriter w(0);
  write(w, x);
  return w.Take();
}

void ReadPledge(ObjectReader& r, app::PledgeInput& in) {
  static constexpr Range kProgress{0, 100, true, true};
  static constexpr Range kVersion{1, 1e9, true, true};
  in.title = r.String("title");
  in.description = r.String("description");
  in.owner_user_id = r.String("owner_user_id");
  in.due_date = r.String("due_date");
  in.status = r.String("status");
  if (r.IsNull("scope_id")) {
    in.scope_id = "";
  } else {
    in.scope_id = r.String("scope_id");
  }
  in.progress = r.Integer("progress", kProgress);
  in.version = r.Integer("version", kVersion);
}

void WriteAttempt(JsonWriter& w, const app::SelfAssessmentAttempt& a) {
  w.BeginObject()
      .Field("id", a.id)
      .Field("submitted_by", a.submitted_by)
      .Field("submitted_at", formats::FormatTime(a.submitted_at))
      .Field("include_responsive", a.include_responsive)
      .Key("answers")
      .BeginObject();
  for (const auto& [id, v] : a.answers) w.Field(id, v);
  w.EndObject().Field("overall", a.result.overall).Key("principles").BeginArray();
  for (const SaPrincipleScore& s : a.result.principles) {
    w.BeginObject()
        .Field("principle", s.principle)
        .Field("key", s.key)
        .Field("name", s.name)
        .Field("score", s.score)
        .Field("weak", s.weak)
        .Key("advice");
    formats::WriteOptionalString(w, s.weak ? std::optional(s.advice) : std::nullopt);
    w.EndObject();
  }
  w.EndArray().Key("readiness").BeginArray();
  for (const SaVerdict& v : a.result.readiness)
    w.BeginObject()
        .Field("scheme", v.scheme)
        .Field("level", v.level)
        .Field("name", v.name)
        .Field("ready", v.ready)
        .Field("reason", v.reason)
        .EndObject();
  w.EndArray().Key("change");
  if (!a.overall_change) {
    w.Null();
  } else {
    w.BeginObject().Field("overall", *a.overall_change).Key("principles").BeginObject();
    for (const auto& [key, d] : a.principle_change) w.Field(key, d);
    w.EndObject().EndObject();
  }
  w.EndObject();
}

}  // namespace

void AddMeasureRoutes(app::Platform& p, const AddRoute& add, const WrapAuthed& authed,
                      const Heavy& heavy, app::RateLimits& limits) {
  // Impact maps
  add(Method::kGet, "/organisations/{id}/impact-maps",
      {"The organisation's impact maps (latest versions)", "impact maps", Auth::kSession, "",
       "ImpactMapSummaryList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto list = p.ListImpactMaps(c, request.params["id"]);
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
  add(Method::kGet, "/impact-maps/{id}",
      {"An impact map (docs/file-formats.md) plus id, version and scope_id (?version= for an older "
       "one)",
       "impact maps", Auth::kSession, "", "ImpactMap"},
      authed([&p](Request& request, const app::Caller& c) {
        auto version = QueryInt(request, "version", 1, INT32_MAX);
        if (!version) return ErrorResponse(version.error());
        auto rec = p.GetImpactMap(c, request.params["id"], version->value_or(0));
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
      authed(Calculation(p, [](const Request&, const ImpactMap& map) -> Result<std::string> {
        return formats::SroiResultToJson(ComputeSroi(map), 0);
      })));
  add(Method::kGet, "/impact-maps/{id}/sensitivity",
      {"Break-even and tornado (?delta=): what `valuemark sensitivity --format json` prints",
       "impact maps", Auth::kSession, "", "SensitivityResult"},
      authed(heavy(
          Calculation(p, [](const Request& request, const ImpactMap& map) -> Result<std::string> {
            auto delta = QueryDelta(request);
            if (!delta) return Fail(delta.error());
            if (auto size = CheckServerSize(map, nullptr); !size) return Fail(size.error());
            return formats::SensitivityResultToJson(ComputeSensitivity(map, *delta), 0);
          }))));
  add(Method::kGet, "/impact-maps/{id}/montecarlo",
      {"Probabilistic SROI (?draws=&seed=): what `valuemark montecarlo --format json` prints",
       "impact maps", Auth::kSession, "", "MonteCarloResult"},
      authed(heavy(Calculation(
          p, [heavy](const Request& request, const ImpactMap& map) -> Result<std::string> {
            auto options = QueryMonteCarlo(request, heavy.Threads());
            if (!options) return Fail(options.error());
            if (auto size = CheckServerSize(map, &*options); !size) return Fail(size.error());
            return formats::MonteCarloResultToJson(
                Memos().Run("map:" + request.params.at("id"), map, *options), 0);
          }))));
  add(Method::kGet, "/impact-maps/{id}/lint",
      {"Principles check: what `valuemark lint --format json` prints", "impact maps",
       Auth::kSession, "", "LintResult"},
      authed(Calculation(p, [](const Request&, const ImpactMap& map) -> Result<std::string> {
        return formats::FindingsToJson(LintImpactMap(map), 0);
      })));
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
      authed(heavy([heavy](Request& request, const app::Caller& c) {
        if (auto j = RequireJson(request); !j) return ErrorResponse(j.error());
        formats::MapEnvelope envelope;
        auto map = formats::ParseImpactMap(request.body, &envelope);
        if (!map) return ErrorResponse(map.error());
        auto delta = QueryDelta(request);
        if (!delta) return ErrorResponse(delta.error());
        auto options = QueryMonteCarlo(request, heavy.Threads());
        if (!options) return ErrorResponse(options.error());
        if (auto size = CheckServerSize(*map, &*options); !size) return ErrorResponse(size.error());
        std::vector<double> ratios;
        options->ratio_draws = &ratios;
        const MonteCarloResult mc =
            Memos().Run("live:" + c.user.id + ":" + envelope.id.value_or(""), *map, *options);
        return Json(fmt::format(
            R"({{"results":{},"sensitivity":{},"montecarlo":{},"lint":{},"histogram":{}}})",
            formats::SroiResultToJson(ComputeSroi(*map), 0),
            formats::SensitivityResultToJson(ComputeSensitivity(*map, *delta), 0),
            formats::MonteCarloResultToJson(mc, 0), formats::FindingsToJson(LintImpactMap(*map), 0),
            HistogramJson(ratios)));
      })));
  add(Method::kPost, "/impact-maps/import-csv",
      {"Read an impact-map CSV (text/csv) into the JSON form, without saving it", "impact maps",
       Auth::kSession, "", "ImpactMap"},
      authed(RateLimited(limits, app::Limited::kUpload,
                         heavy([](Request& request, const app::Caller&) {
                           if (auto csv = RequireCsv(request); !csv)
                             return ErrorResponse(csv.error());
                           auto map = formats::ParseImpactMapCsv(request.body);
                           if (!map) return ErrorResponse(map.error());
                           return Json(formats::ImpactMapToJson(*map).dump());
                         }))));

  // Value bank
  add(Method::kGet, "/organisations/{id}/proxies",
      {"The value bank's financial proxies (?q= searches name, unit, source, description)",
       "value bank", Auth::kSession, "", "ProxyList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto q = request.query.find("q");
        auto list =
            p.ListProxies(c, request.params["id"], q == request.query.end() ? "" : q->second);
        if (!list) return ErrorResponse(list.error());
        return PagedList(request, std::move(*list), WriteProxy);
      }));
  add(Method::kPost, "/organisations/{id}/proxies",
      {"Add a financial proxy (source required)", "value bank", Auth::kSession, "ProxyInput",
       "Proxy", 201},
      authed([&p](Request& request, const app::Caller& c) {
        app::ProxyInput in;
        auto body = ReadBody(request, [&](ObjectReader& r) {
          static constexpr Range kAny{-1e15, 1e15, true, false};
          in.name = r.String("name");
          in.value = r.Number("value", kAny);
          in.unit = r.String("unit");
          in.source = r.String("source");
          in.description = r.String("description");
        });
        if (!body) return ErrorResponse(body.error());
        auto x = p.AddProxy(c, request.params["id"], in);
        if (!x) return ErrorResponse(x.error());
        return Json(One(&WriteProxy, *x), 201);
      }));
  add(Method::kPost, "/organisations/{id}/proxies/import",
      {"Import proxies from CSV (text/csv; columns name, value, unit, source, description): all or "
       "none",
       "value bank", Auth::kSession, "", "ProxyList", 201},
      authed(RateLimited(limits, app::Limited::kUpload,
                         heavy([&p](Request& request, const app::Caller& c) {
                           if (auto csv = RequireCsv(request); !csv)
                             return ErrorResponse(csv.error());
                           auto list = p.ImportProxies(c, request.params["id"], request.body);
                           if (!list) return ErrorResponse(list.error());
                           return Json(ListJson(*list, WriteProxy), 201);
                         }))));

  // Pledges
  add(Method::kGet, "/organisations/{id}/pledges",
      {"Pledges, soonest due first, with overdue flags", "pledges", Auth::kSession, "",
       "PledgeList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto list = p.ListPledges(c, request.params["id"]);
        if (!list) return ErrorResponse(list.error());
        return PagedList(request, std::move(*list), WritePledge);
      }));
  add(Method::kPost, "/organisations/{id}/pledges",
      {"Make a pledge: an owner and a due date within 12 months", "pledges", Auth::kSession,
       "PledgeInput", "Pledge", 201},
      authed([&p](Request& request, const app::Caller& c) {
        app::PledgeInput in;
        auto body = ReadBody(request, [&](ObjectReader& r) { ReadPledge(r, in); });
        if (!body) return ErrorResponse(body.error());
        auto x = p.CreatePledge(c, request.params["id"], in);
        if (!x) return ErrorResponse(x.error());
        return Json(One(&WritePledge, *x), 201);
      }));
  add(Method::kPatch, "/organisations/{id}/pledges/{pledge_id}",
      {"Record progress on a pledge, or change it (a new version)", "pledges", Auth::kSession,
       "PledgeInput", "Pledge"},
      authed([&p](Request& request, const app::Caller& c) {
        app::PledgeInput in;
        auto body = ReadBody(request, [&](ObjectReader& r) { ReadPledge(r, in); });
        if (!body) return ErrorResponse(body.error());
        auto x = p.UpdatePledge(c, request.params["id"], request.params["pledge_id"], in);
        if (!x) return ErrorResponse(x.error());
        return Json(One(&WritePledge, *x));
      }));
  add(Method::kPost, "/organisations/{id}/pledges/reminders",
      {"Queue reminders to the owners of overdue pledges and those due within 14 days (lead)",
       "pledges", Auth::kSession, "", "Reminders", 202},
      authed([&p](Request& request, const app::Caller& c) {
        auto n = p.SendPledgeReminders(c, request.params["id"]);
        if (!n) return ErrorResponse(n.error());
        return Json(fmt::format(R"({{"queued":{}}})", *n), 202);
      }));

  // Self-assessment
  add(Method::kGet, "/self-assessment/questions",
      {"The self-assessment questionnaire: stages per principle, questions, guidance, readiness "
       "rules",
       "self-assessment", Auth::kSession, "", "SelfAssessmentQuestions"},
      authed([](Request&, const app::Caller&) {
        auto q = app::Platform::SelfAssessmentQuestions();
        if (!q) return ErrorResponse(q.error());
        return Json(nlohmann::json::parse(app::SelfAssessmentQuestionsJson()).dump());
      }));
  add(Method::kGet, "/organisations/{id}/self-assessments",
      {"Self-assessment attempts, newest first, each with the change since the one before",
       "self-assessment", Auth::kSession, "", "SelfAssessmentHistory"},
      authed([&p](Request& request, const app::Caller& c) {
        auto h = p.ListSelfAssessments(c, request.params["id"]);
        if (!h) return ErrorResponse(h.error());
        auto page = PageOf(request, std::move(h->attempts));
        if (!page) return ErrorResponse(page.error());
        JsonWriter w(0);
        w.BeginObject()
            .Field("include_responsive", h->include_responsive)
            .Key("items")
            .BeginArray();
        for (const auto& a : page->items) WriteAttempt(w, a);
        w.EndArray().Key("next_cursor");
        formats::WriteOptionalString(w, page->next_cursor);
        w.EndObject();
        return Json(w.Take());
      }));
  add(Method::kPost, "/organisations/{id}/self-assessments",
      {"Submit a self-assessment: {\"answers\": {question_id: 0-4}}", "self-assessment",
       Auth::kSession, "SelfAssessmentInput", "SelfAssessmentAttempt", 201},
      authed([&p](Request& request, const app::Caller& c) {
        if (auto j = RequireJson(request); !j) return ErrorResponse(j.error());
        // The answers' keys are question ids, so this body is read by hand.
        auto body = nlohmann::json::parse(request.body, nullptr, false);
        std::vector<FieldError> errors;
        std::map<std::string, int> answers;
        if (body.is_discarded() || !body.is_object()) {
          errors.push_back({"$", "must be a JSON object"});
        } else {
          for (const auto& [key, value] : body.items())
            if (key != "answers") errors.push_back({key, "is not a field of a self-assessment"});
          if (!body.contains("answers") || !body["answers"].is_object()) {
            errors.push_back({"answers", "is required: an object of question id to a score 0-4"});
          } else {
            for (const auto& [id, v] : body["answers"].items()) {
              if (!v.is_number_integer()) {
                errors.push_back({"answers." + id, "must be a whole number from 0 to 4"});
              } else {
                answers[id] = static_cast<int>(std::clamp<int64_t>(v.get<int64_t>(), -1, 5));
              }
            }
          }
        }
        if (!errors.empty()) return ErrorResponse(Error::InvalidArgument(std::move(errors)));
        auto a = p.SubmitSelfAssessment(c, request.params["id"], answers);
        if (!a) return ErrorResponse(a.error());
        return Json(One(&WriteAttempt, *a), 201);
      }));
  add(Method::kPut, "/organisations/{id}/self-assessment-settings",
      {"Ask the eighth principle, \"be responsive\", in new attempts (lead)", "self-assessment",
       Auth::kSession, "SelfAssessmentSettings", "SelfAssessmentSettings"},
      authed([&p](Request& request, const app::Caller& c) {
        bool include = false;
        auto body = ReadBody(request, [&](ObjectReader& r) {
          include = r.Bool("include_responsive").value_or(false);
        });
        if (!body) return ErrorResponse(body.error());
        auto set = p.SetSelfAssessmentResponsive(c, request.params["id"], include);
        if (!set) return ErrorResponse(set.error());
        return Json(fmt::format(R"({{"include_responsive":{}}})", *set ? "true" : "false"));
      }));

  // Impact management plan per scope
  auto plan_document = [](const app::RecordVersion& rec) {
    JsonWriter w(0);
    w.BeginObject()
        .Field("scope_id", rec.id)
        .Field("scope_name", rec.title)
        .Field("version", rec.version)
        .Key("updated_at");
    formats::WriteOptionalString(
        w, rec.version == 0 ? std::nullopt : std::optional(formats::FormatTime(rec.created_at)));
    w.Key("updated_by");
    formats::WriteOptionalString(
        w, rec.created_by.empty() ? std::nullopt : std::optional(rec.created_by));
    w.EndObject();
    std::string head = w.Take();
    head.pop_back();
    return head + "," + rec.body.substr(1);
  };
  add(Method::kGet, "/organisations/{id}/scopes/{scope_id}/plan",
      {"The scope's impact management plan (?version=; version 0 and empty before the first save)",
       "plans", Auth::kSession, "", "Plan"},
      authed([&p, plan_document](Request& request, const app::Caller& c) {
        auto version = QueryInt(request, "version", 1, INT32_MAX);
        if (!version) return ErrorResponse(version.error());
        auto rec =
            p.GetPlan(c, request.params["id"], request.params["scope_id"], version->value_or(0));
        if (!rec) return ErrorResponse(rec.error());
        return Json(plan_document(*rec));
      }));
  add(Method::kPut, "/organisations/{id}/scopes/{scope_id}/plan",
      {"Save the plan as a new version (send the version you edited)", "plans", Auth::kSession,
       "Plan", "Plan"},
      authed([&p, plan_document](Request& request, const app::Caller& c) {
        if (auto j = RequireJson(request); !j) return ErrorResponse(j.error());
        auto rec = p.SavePlan(c, request.params["id"], request.params["scope_id"], request.body);
        if (!rec) return ErrorResponse(rec.error());
        return Json(plan_document(*rec));
      }));
  add(Method::kGet, "/organisations/{id}/scopes/{scope_id}/plan/versions",
      {"Every saved version of the plan, newest first", "plans", Auth::kSession, "",
       "PlanVersionList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto list = p.ListPlanVersions(c, request.params["id"], request.params["scope_id"]);
        if (!list) return ErrorResponse(list.error());
        return PagedList(request, std::move(*list), [](JsonWriter& w, const app::RecordVersion& r) {
          w.BeginObject()
              .Field("version", r.version)
              .Field("updated_at", formats::FormatTime(r.created_at))
              .Field("updated_by", r.created_by)
              .EndObject();
        });
      }));
  add(Method::kGet, "/impact-maps/{id}/compare",
      {"A forecast beside its later evaluation (?with=<evaluation map id>), outcome by outcome",
       "impact maps", Auth::kSession, "", "MapComparison"},
      authed([&p](Request& request, const app::Caller& c) {
        auto with = request.query.find("with");
        if (with == request.query.end() || with->second.empty())
          return ErrorResponse(Error::Field(ErrorCode::kInvalidArgument, "with",
                                            "is required: the evaluation's map id"));
        auto cmp = p.CompareImpactMaps(c, request.params["id"], with->second);
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

  // Decisions
  add(Method::kGet, "/organisations/{id}/decisions",
      {"The decision log, newest first", "decisions", Auth::kSession, "", "DecisionList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto list = p.ListDecisions(c, request.params["id"]);
        if (!list) return ErrorResponse(list.error());
        return PagedList(request, std::move(*list), WriteDecision);
      }));
  add(Method::kPost, "/organisations/{id}/decisions",
      {"Record a decision to change, stop or scale up (lead or senior leader)", "decisions",
       Auth::kSession, "DecisionInput", "Decision", 201},
      authed([&p](Request& request, const app::Caller& c) {
        app::DecisionInput in;
        auto body = ReadBody(request, [&](ObjectReader& r) {
          static constexpr Range kVersion{1, 1e9, true, true};
          in.kind = r.String("kind");
          in.title = r.String("title");
          in.rationale = r.String("rationale");
          in.impact_map_id = r.String("impact_map_id");
          in.impact_map_version = r.Integer("impact_map_version", kVersion);
          in.survey_id = r.String("survey_id");
          in.decided_by = r.String("decided_by");
          in.decided_on = r.String("decided_on");
        });
        if (!body) return ErrorResponse(body.error());
        auto x = p.RecordDecision(c, request.params["id"], in);
        if (!x) return ErrorResponse(x.error());
        return Json(One(&WriteDecision, *x), 201);
      }));
}

const char* MeasureSchemasJson() {
  return R"json({
  "ImpactMap": {"type": "object", "description": "The impact-map file of docs/file-formats.md, plus id, version and scope_id",
    "required": ["inputs", "outcomes"], "properties": {"id": {"type": "string"}, "version": {"type": "integer"},
    "scope_id": {"type": "string", "nullable": true}, "name": {"type": "string"},
    "kind": {"type": "string", "enum": ["forecast", "evaluative"]}, "currency": {"type": "string"},
    "discount_rate": {"type": "number"}, "stakeholders": {"type": "array", "items": {"type": "object"}},
    "inputs": {"type": "array", "items": {"type": "object"}}, "outcomes": {"type": "array", "items": {"type": "object"}},
    "verification": {"type": "object"}}},
  "ImpactMapSummary": {"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"},
    "version": {"type": "integer"}, "scope_id": {"type": "string", "nullable": true},
    "updated_at": {"type": "string", "format": "date-time"}, "updated_by": {"type": "string"}}},
  "ImpactMapSummaryList": {"type": "object", "properties": {"items": {"type": "array",
    "items": {"$ref": "#/components/schemas/ImpactMapSummary"}}, "next_cursor": {"type": "string", "nullable": true}}},
  "SroiResult": {"type": "object", "description": "valuemark sroi --format json (docs/cli.md)"},
  "SensitivityResult": {"type": "object", "description": "valuemark sensitivity --format json (docs/cli.md)"},
  "MonteCarloResult": {"type": "object", "description": "valuemark montecarlo --format json (docs/cli.md)"},
  "LintResult": {"type": "object", "description": "valuemark lint --format json (docs/cli.md)"},
  "ImpactMapAnalysis": {"type": "object", "properties": {"results": {"$ref": "#/components/schemas/SroiResult"},
    "sensitivity": {"$ref": "#/components/schemas/SensitivityResult"},
    "montecarlo": {"$ref": "#/components/schemas/MonteCarloResult"}, "lint": {"$ref": "#/components/schemas/LintResult"},
    "histogram": {"type": "object", "description": "Monte Carlo ratios in 24 equal bins from the 1st to the 99th percentile",
      "properties": {"low": {"type": "number"}, "high": {"type": "number"}, "counts": {"type": "array",
      "items": {"type": "integer"}}}}}},
  "ProxyInput": {"type": "object", "additionalProperties": false, "required": ["name", "value", "source"],
    "properties": {"name": {"type": "string"}, "value": {"type": "number"}, "unit": {"type": "string"},
    "source": {"type": "string"}, "description": {"type": "string"}}},
  "Proxy": {"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"},
    "value": {"type": "number"}, "unit": {"type": "string"}, "source": {"type": "string"},
    "description": {"type": "string"}, "version": {"type": "integer"}, "updated_at": {"type": "string"}}},
  "ProxyList": {"type": "object", "properties": {"items": {"type": "array",
    "items": {"$ref": "#/components/schemas/Proxy"}}, "next_cursor": {"type": "string", "nullable": true}}},
  "PledgeInput": {"type": "object", "additionalProperties": false, "properties": {"title": {"type": "string"},
    "description": {"type": "string"}, "owner_user_id": {"type": "string"}, "due_date": {"type": "string",
    "format": "date"}, "progress": {"type": "integer", "minimum": 0, "maximum": 100}, "status": {"type": "string",
    "enum": ["open", "done", "dropped"]}, "scope_id": {"type": "string", "nullable": true},
    "version": {"type": "integer"}}},
  "Pledge": {"type": "object", "properties": {"id": {"type": "string"}, "title": {"type": "string"},
    "description": {"type": "string"}, "owner_user_id": {"type": "string"}, "due_date": {"type": "string"},
    "progress": {"type": "integer"}, "status": {"type": "string"}, "overdue": {"type": "boolean"},
    "scope_id": {"type": "string", "nullable": true}, "version": {"type": "integer"},
    "created_at": {"type": "string"}, "updated_at": {"type": "string"}}},
  "PledgeList": {"type": "object", "properties": {"items": {"type": "array",
    "items": {"$ref": "#/components/schemas/Pledge"}}, "next_cursor": {"type": "string", "nullable": true}}},
  "Reminders": {"type": "object", "properties": {"queued": {"type": "integer"}}},
  "DecisionInput": {"type": "object", "additionalProperties": false, "required": ["kind", "title", "rationale"],
    "properties": {"kind": {"type": "string", "enum": ["change", "stop", "scale_up"]}, "title": {"type": "string"},
    "rationale": {"type": "string"}, "impact_map_id": {"type": "string"}, "impact_map_version": {"type": "integer"},
    "survey_id": {"type": "string"}, "decided_by": {"type": "string"},
    "decided_on": {"type": "string", "format": "date"}}},
  "Decision": {"type": "object", "properties": {"id": {"type": "string"}, "kind": {"type": "string"},
    "title": {"type": "string"}, "rationale": {"type": "string"}, "impact_map": {"type": "object", "nullable": true,
    "properties": {"id": {"type": "string"}, "version": {"type": "integer"}}},
    "survey_id": {"type": "string", "nullable": true}, "decided_by": {"type": "string"},
    "decided_on": {"type": "string"}, "recorded_by": {"type": "string"}, "recorded_at": {"type": "string"}}},
  "SelfAssessmentQuestions": {"type": "object", "description": "data/self-assessment/questions.json"},
  "SelfAssessmentInput": {"type": "object", "additionalProperties": false, "required": ["answers"],
    "properties": {"answers": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0, "maximum": 4}}}},
  "SelfAssessmentAttempt": {"type": "object", "properties": {"id": {"type": "string"},
    "submitted_by": {"type": "string"}, "submitted_at": {"type": "string"}, "include_responsive": {"type": "boolean"},
    "answers": {"type": "object"}, "overall": {"type": "number"}, "principles": {"type": "array", "items": {"type": "object",
    "properties": {"principle": {"type": "integer"}, "key": {"type": "string"}, "name": {"type": "string"},
    "score": {"type": "number"}, "weak": {"type": "boolean"}, "advice": {"type": "string", "nullable": true}}}},
    "readiness": {"type": "array", "items": {"type": "object", "properties": {"scheme": {"type": "string"},
    "level": {"type": "integer"}, "name": {"type": "string"}, "ready": {"type": "boolean"}, "reason": {"type": "string"}}}},
    "change": {"type": "object", "nullable": true}}},
  "SelfAssessmentHistory": {"type": "object", "properties": {"include_responsive": {"type": "boolean"},
    "items": {"type": "array", "items": {"$ref": "#/components/schemas/SelfAssessmentAttempt"}},
    "next_cursor": {"type": "string", "nullable": true}}},
  "SelfAssessmentSettings": {"type": "object", "additionalProperties": false,
    "properties": {"include_responsive": {"type": "boolean"}}},
  "Plan": {"type": "object", "description": "Impact management plan of a scope (docs/api.md)", "properties": {
    "scope_id": {"type": "string"}, "scope_name": {"type": "string"}, "version": {"type": "integer"},
    "impact_questions": {"type": "object"}, "overarching": {"type": "object"},
    "stakeholder_groups": {"type": "array", "items": {"type": "object"}},
    "theory_of_change": {"type": "array", "items": {"type": "object"}},
    "materiality": {"type": "array", "items": {"type": "object"}}}},
  "PlanVersionList": {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object"}},
    "next_cursor": {"type": "string", "nullable": true}}},
  "MapComparison": {"type": "object", "properties": {"forecast": {"type": "object"}, "evaluation": {"type": "object"},
    "outcomes": {"type": "array", "items": {"type": "object"}}}},
  "DecisionList": {"type": "object", "properties": {"items": {"type": "array",
    "items": {"$ref": "#/components/schemas/Decision"}}, "next_cursor": {"type": "string", "nullable": true}}}
})json";
}

}  // namespace valuemark::http
