// The managing half of the measure module: the value bank's financial
// proxies, pledges, the self-assessment, impact management plans per scope
// and the decision log (docs/api.md "Value bank", "Pledges",
// "Self-assessment", "Plans", "Decisions"), registered by
// RegisterMeasureRoutes (api_measure.cpp).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "app/measure/self_assessment_data.h"
#include "formats/impact_map_json.h"
#include "formats/records_json.h"
#include "formats/results_json.h"
#include "http/api_measure.h"
#include "http/errors.h"

namespace valuemark::http {
namespace {

void WriteProxy(JsonWriter& w, const app::Proxy& x) {
  w.BeginObject()
      .Field("id", x.id)
      .Field("name", x.name)
      .Field("value", x.value)
      .Field("unit", x.unit)
      .Field("source", x.source)
      .Field("description", x.description)
      .Field("currency", x.currency)
      .Key("price_year");
  if (x.price_year) {
    w.Int(*x.price_year);
  } else {
    w.Null();
  }
  w.Field("version", x.version)
      .Field("updated_at", formats::FormatTime(x.updated_at))
      .Field("updated_by", x.updated_by)
      .EndObject();
}

// A proxy's fields, as added or changed.
Result<app::ProxyInput> ReadProxyInput(const Request& request) {
  app::ProxyInput in;
  TRY(ReadBody(request, [&](ObjectReader& r) {
    static constexpr Range kAny{-1e15, 1e15, true, false};
    static constexpr Range kYear{-1e6, 1e6, true, true};
    static constexpr Range kVersion{1, 1e9, true, true};
    in.name = r.String("name");
    in.value = r.Number("value", kAny);
    in.unit = r.String("unit");
    in.source = r.String("source");
    in.description = r.String("description");
    if (r.IsNull("price_year")) {
      in.price_year = std::optional<int>();
    } else if (auto y = r.Integer("price_year", kYear)) {
      in.price_year = static_cast<int>(*y);
    }
    in.currency = r.String("currency");
    in.version = r.Integer("version", kVersion);
  }));
  return in;
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
  w.Key("survey_as_of");
  if (x.survey_id.empty() || x.survey_as_of == 0) {
    w.Null();
  } else {
    w.String(formats::FormatTime(x.survey_as_of));
  }
  w.Field("decided_by", x.decided_by)
      .Field("decided_on", x.decided_on)
      .Field("recorded_by", x.recorded_by)
      .Field("recorded_at", formats::FormatTime(x.recorded_at))
      .Field("version", x.version)
      .EndObject();
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

void RegisterValueBankRoutes(const Routes& routes, app::MeasureService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  const Heavy& heavy = routes.heavy;
  app::RateLimits& limits = routes.limits;
  add(Method::kGet, "/organisations/{id}/proxies",
      {"The value bank's financial proxies (?q= searches name, unit, source, description)",
       "value bank", Auth::kSession, "", "ProxyList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto list = p.ListProxies(c, request.params["id"], QueryText(request, "q"));
        if (!list) return ErrorResponse(list.error());
        return PagedList(request, std::move(*list), WriteProxy);
      }));
  add(Method::kPost, "/organisations/{id}/proxies",
      {"Add a financial proxy (source required)", "value bank", Auth::kSession, "ProxyInput",
       "Proxy", 201},
      authed([&p](Request& request, const app::Caller& c) {
        auto in = ReadProxyInput(request);
        if (!in) return ErrorResponse(in.error());
        auto x = p.AddProxy(c, request.params["id"], *in);
        if (!x) return ErrorResponse(x.error());
        return Json(One(&WriteProxy, *x), 201);
      }));
  add(Method::kPatch, "/organisations/{id}/proxies/{proxy_id}",
      {"Correct a financial proxy: the fields given replace the saved ones as a new version "
       "(maps keep the value they copied); \"version\" is the one the caller saw",
       "value bank", Auth::kSession, "ProxyCorrection", "Proxy"},
      authed([&p](Request& request, const app::Caller& c) {
        auto in = ReadProxyInput(request);
        if (!in) return ErrorResponse(in.error());
        auto x = p.UpdateProxy(c, request.params["id"], request.params["proxy_id"], *in);
        if (!x) return ErrorResponse(x.error());
        return Json(One(&WriteProxy, *x));
      }));
  add(Method::kGet, "/organisations/{id}/proxies/{proxy_id}/versions",
      {"Every version of a financial proxy, newest first: what it said before each correction",
       "value bank", Auth::kSession, "", "ProxyList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto list = p.ProxyVersions(c, request.params["id"], request.params["proxy_id"]);
        if (!list) return ErrorResponse(list.error());
        return Json(ListJson(*list, WriteProxy));
      }));
  add(Method::kPost, "/organisations/{id}/proxies/import",
      {"Import proxies from CSV (text/csv; columns name, value, unit, source, description, "
       "price_year, currency): all or none",
       "value bank", Auth::kSession, "", "ProxyList", 201, 0, "text/csv"},
      authed(RateLimited(limits, app::Limited::kUpload,
                         heavy([&p](Request& request, const app::Caller& c) {
                           if (auto csv = RequireCsv(request); !csv)
                             return ErrorResponse(csv.error());
                           auto list = p.ImportProxies(c, request.params["id"], request.body);
                           if (!list) return ErrorResponse(list.error());
                           return Json(ListJson(*list, WriteProxy), 201);
                         }))));
}

void WriteLm3(JsonWriter& w, const app::Lm3Calculation& x) {
  w.BeginObject()
      .Field("id", x.id)
      .Field("name", x.input.name)
      .Field("area", x.input.area)
      .Field("period", x.period)
      .Field("currency", x.input.currency)
      .Field("lm3", x.result.lm3)
      .Field("version", x.version)
      .Field("updated_at", formats::FormatTime(x.updated_at))
      .Field("updated_by", x.updated_by)
      .Key("input")
      .Raw(formats::Lm3InputJson(x.input).dump())
      .Key("result")
      .Raw(formats::Lm3ResultToJson(x.result, 0))
      .EndObject();
}

// A saved calculation's body: the LM3 file with its period, and the version seen.
struct Lm3Body {
  std::string period;
  Lm3Input input;
  std::optional<int64_t> version;
};
Result<Lm3Body> ReadLm3Body(const Request& request) {
  Lm3Body in;
  TRY(ReadBody(request, [&](ObjectReader& r) {
    static constexpr Range kVersion{1, 1e9, true, true};
    formats::ReadLm3Input(r, in.input);
    in.period = r.String("period").value_or("");
    in.version = r.Integer("version", kVersion);
  }));
  return in;
}

void RegisterLm3Routes(const Routes& routes, app::MeasureService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  add(Method::kGet, "/organisations/{id}/lm3",
      {"The organisation's saved LM3 calculations, the latest version of each, newest first", "lm3",
       Auth::kSession, "", "Lm3CalculationList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto list = p.ListLm3(c, request.params["id"]);
        if (!list) return ErrorResponse(list.error());
        return PagedList(request, std::move(*list), WriteLm3);
      }));
  add(Method::kPost, "/organisations/{id}/lm3",
      {"Save an LM3 calculation: the LM3 file (its name required) and the period it covers", "lm3",
       Auth::kSession, "Lm3CalculationInput", "Lm3Calculation", 201},
      authed([&p](Request& request, const app::Caller& c) {
        auto in = ReadLm3Body(request);
        if (!in) return ErrorResponse(in.error());
        auto x = p.SaveLm3(c, request.params["id"], "", in->period, in->input, std::nullopt);
        if (!x) return ErrorResponse(x.error());
        return Json(One(&WriteLm3, *x), 201);
      }));
  add(Method::kGet, "/organisations/{id}/lm3/{lm3_id}",
      {"One LM3 calculation with its result (?version=N for an earlier one)", "lm3", Auth::kSession,
       "", "Lm3Calculation"},
      authed([&p](Request& request, const app::Caller& c) {
        auto version = QueryVersion(request);
        if (!version) return ErrorResponse(version.error());
        auto x = p.GetLm3(c, request.params["id"], request.params["lm3_id"], *version);
        if (!x) return ErrorResponse(x.error());
        return Json(One(&WriteLm3, *x));
      }));
  add(Method::kPut, "/organisations/{id}/lm3/{lm3_id}",
      {"Save a new version of an LM3 calculation; \"version\" is the one the caller changed", "lm3",
       Auth::kSession, "Lm3CalculationInput", "Lm3Calculation"},
      authed([&p](Request& request, const app::Caller& c) {
        auto in = ReadLm3Body(request);
        if (!in) return ErrorResponse(in.error());
        auto x = p.SaveLm3(c, request.params["id"], request.params["lm3_id"], in->period, in->input,
                           in->version);
        if (!x) return ErrorResponse(x.error());
        return Json(One(&WriteLm3, *x));
      }));
  add(Method::kGet, "/organisations/{id}/lm3/{lm3_id}/versions",
      {"Every version of an LM3 calculation, newest first, each with its result", "lm3",
       Auth::kSession, "", "Lm3CalculationList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto list = p.Lm3Versions(c, request.params["id"], request.params["lm3_id"]);
        if (!list) return ErrorResponse(list.error());
        return Json(ListJson(*list, WriteLm3));
      }));
}

void RegisterPledgeRoutes(const Routes& routes, app::MeasureService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
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
}

void RegisterSelfAssessmentRoutes(const Routes& routes, app::MeasureService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  add(Method::kGet, "/self-assessment/questions",
      {"The self-assessment questionnaire: stages per principle, questions, guidance, readiness "
       "rules",
       "self-assessment", Auth::kSession, "", "SelfAssessmentQuestions"},
      authed([](Request&, const app::Caller&) {
        auto q = app::MeasureService::SelfAssessmentQuestions();
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
}

void RegisterPlanRoutes(const Routes& routes, app::MeasureService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
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
        auto version = QueryVersion(request);
        if (!version) return ErrorResponse(version.error());
        auto rec = p.GetPlan(c, request.params["id"], request.params["scope_id"], *version);
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
}

// A decision's fields, as recorded or corrected.
Result<app::DecisionInput> ReadDecisionInput(const Request& request) {
  app::DecisionInput in;
  TRY(ReadBody(request, [&](ObjectReader& r) {
    static constexpr Range kVersion{1, 1e9, true, true};
    in.kind = r.String("kind");
    in.title = r.String("title");
    in.rationale = r.String("rationale");
    in.impact_map_id = r.String("impact_map_id");
    in.impact_map_version = r.Integer("impact_map_version", kVersion);
    in.survey_id = r.String("survey_id");
    in.decided_by = r.String("decided_by");
    in.decided_on = r.String("decided_on");
    in.version = r.Integer("version", kVersion);
  }));
  return in;
}

void RegisterDecisionRoutes(const Routes& routes, app::MeasureService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
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
        auto in = ReadDecisionInput(request);
        if (!in) return ErrorResponse(in.error());
        auto x = p.RecordDecision(c, request.params["id"], *in);
        if (!x) return ErrorResponse(x.error());
        return Json(One(&WriteDecision, *x), 201);
      }));
  add(Method::kPatch, "/organisations/{id}/decisions/{decision_id}",
      {"Correct a decision (lead or senior leader): the fields given replace the recorded ones as "
       "a new version, and the audit trail keeps the old; \"version\" is the one the caller saw",
       "decisions", Auth::kSession, "DecisionCorrection", "Decision"},
      authed([&p](Request& request, const app::Caller& c) {
        auto in = ReadDecisionInput(request);
        if (!in) return ErrorResponse(in.error());
        auto x = p.CorrectDecision(c, request.params["id"], request.params["decision_id"], *in);
        if (!x) return ErrorResponse(x.error());
        return Json(One(&WriteDecision, *x));
      }));
}

}  // namespace valuemark::http
