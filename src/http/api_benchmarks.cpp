// The benchmarking routes (api_network.h; docs/api.md "Benchmarks").
#include "formats/records_json.h"
#include "http/api_network.h"

namespace valuemark::http {
namespace {

void WriteSettings(JsonWriter& w, const app::BenchmarkSettings& s) {
  w.BeginObject().Field("opted_in", s.opted_in).Key("region");
  formats::WriteOptionalString(w, s.region.empty() ? std::nullopt : std::optional(s.region));
  w.Key("region_name");
  formats::WriteOptionalString(w,
                               s.region_name.empty() ? std::nullopt : std::optional(s.region_name));
  w.Field("sector", s.sector).Field("size_band", Name(s.size_band)).Key("opted_in_at");
  formats::WriteOptionalString(
      w, s.opted_in ? std::optional(formats::FormatTime(s.opted_in_at)) : std::nullopt);
  w.Key("refreshed_at");
  formats::WriteOptionalString(
      w, s.opted_in ? std::optional(formats::FormatTime(s.refreshed_at)) : std::nullopt);
  w.Field("may_change", s.may_change).EndObject();
}

const char* WithheldName(Withheld w) {
  switch (w) {
    case Withheld::kShown:
      return "shown";
    case Withheld::kTooFew:
      return "too_few";
    case Withheld::kDifferencing:
      return "too_close";
  }
  return "";
}

}  // namespace

void RegisterBenchmarkRoutes(const Routes& routes, app::BenchmarkService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  add(Method::kGet, "/organisations/{id}/benchmarks",
      {"Where the organisation stands among peers that opted in, figure by figure: medians and "
       "quartiles for each group with its number of contributors and date, a group too small "
       "or too close to another withheld (its members; figures only once it contributes)",
       "benchmarks", Auth::kSession, "", "BenchmarkReport"},
      authed(routes.heavy([&p](Request& request, const app::Caller& c) {
        auto report = p.Report(c, request.params["id"]);
        if (!report) return ErrorResponse(report.error());
        JsonWriter w(0);
        w.BeginObject().Key("settings");
        WriteSettings(w, report->settings);
        w.Field("contributors", static_cast<int64_t>(report->contributors))
            .Key("metrics")
            .BeginArray();
        for (const app::BenchmarkMetricView& m : report->metrics) {
          w.BeginObject()
              .Field("key", m.key)
              .Field("label", m.label)
              .Field("unit", m.unit)
              .Key("own")
              .Number(m.own)
              .Key("groups")
              .BeginArray();
          for (const app::BenchmarkGroupView& g : m.groups) {
            w.BeginObject()
                .Field("key", g.key)
                .Field("label", g.label)
                .Field("n", static_cast<int64_t>(g.n))
                .Field("shown", g.withheld == Withheld::kShown)
                .Field("withheld", WithheldName(g.withheld))
                .Field("withheld_reason", g.withheld_reason)
                .Key("as_of");
            formats::WriteOptionalString(w,
                                         g.as_of.empty() ? std::nullopt : std::optional(g.as_of));
            if (g.summary) {
              w.Field("p25", g.summary->p25)
                  .Field("median", g.summary->median)
                  .Field("p75", g.summary->p75)
                  .Key("own_rank")
                  .Number(g.summary->own_rank);
            } else {
              w.Key("p25").Null().Key("median").Null().Key("p75").Null().Key("own_rank").Null();
            }
            w.EndObject();
          }
          w.EndArray().EndObject();
        }
        w.EndArray().EndObject();
        return Json(w.Take());
      })));
  add(Method::kPut, "/organisations/{id}/benchmarks",
      {"Contribute to benchmarking, naming the organisation's region, or update its figures "
       "(the Lead or the Senior Leader): its figures are worked out now",
       "benchmarks", Auth::kSession, "BenchmarkInput", "BenchmarkSettings"},
      authed([&p](Request& request, const app::Caller& c) {
        std::string region;
        auto body = ReadBody(
            request, [&](ObjectReader& r) { region = r.String("region", true).value_or(""); });
        if (!body) return ErrorResponse(body.error());
        auto settings = p.OptIn(c, request.params["id"], region);
        if (!settings) return ErrorResponse(settings.error());
        JsonWriter w(0);
        WriteSettings(w, *settings);
        return Json(w.Take());
      }));
  add(Method::kDelete, "/organisations/{id}/benchmarks",
      {"Stop contributing: the organisation's figures leave the benchmarks at once (the Lead or "
       "the Senior Leader)",
       "benchmarks", Auth::kSession, "", "", 204},
      authed([&p](Request& request, const app::Caller& c) {
        if (auto done = p.OptOut(c, request.params["id"]); !done)
          return ErrorResponse(done.error());
        return NoContent();
      }));
}

}  // namespace valuemark::http
