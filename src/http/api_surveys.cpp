#include "http/api_surveys.h"

#include <future>
#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "formats/survey_json.h"
#include "report/qr_code.h"
#include "report/survey_xlsform.h"

namespace valuemark::http {
namespace {

// Far more than any real questionnaire's answers, far less than the API's
// general limit: a public endpoint should not buffer much for a stranger.
constexpr size_t kMaxResponseBytes = 64 * 1024;

// The fields of a survey beside its design, and the object's end.
void WriteSurveyState(JsonWriter& w, const app::SurveyView& v) {
  const app::SurveyRecord& r = v.record;
  w.Field("status", Name(r.status))
      .Field("state", Name(v.state))
      .Field("token", r.token)
      .Field("public_url", v.public_url)
      .Field("response_count", r.response_count)
      .Field("version", r.version)
      .Field("created_at", formats::FormatTime(r.created_at))
      .Field("updated_at", formats::FormatTime(r.updated_at))
      .EndObject();
}

void WriteSurvey(JsonWriter& w, const app::SurveyView& v) {
  w.BeginObject().Field("id", v.record.id).Field("organisation_id", v.record.organisation_id);
  formats::WriteSurveyDesignFields(w, v.design);
  WriteSurveyState(w, v);
}

// What a list of surveys shows: a survey without its outcomes and questions
// (GET /surveys/{id} has them), so that a page of a list stays small.
void WriteSurveySummary(JsonWriter& w, const app::SurveyView& v) {
  const app::SurveyRecord& r = v.record;
  const SurveyDesign& d = v.design;
  w.BeginObject()
      .Field("id", r.id)
      .Field("organisation_id", r.organisation_id)
      .Field("title", d.title);
  w.Field("description", d.description).Key("scope_id");
  formats::WriteOptionalString(w, d.scope_id);
  w.Key("opens_on");
  formats::WriteOptionalString(w, d.opens_on);
  w.Key("closes_on");
  formats::WriteOptionalString(w, d.closes_on);
  w.Key("response_limit");
  if (d.response_limit) {
    w.Int(*d.response_limit);
  } else {
    w.Null();
  }
  w.Field("outcome_count", static_cast<int64_t>(d.outcomes.size()))
      .Field("question_count", static_cast<int64_t>(d.questions.size()));
  WriteSurveyState(w, v);
}

std::string SurveyJson(const app::SurveyView& v) {
  JsonWriter w(0);
  WriteSurvey(w, v);
  return w.Take();
}

void WriteResponse(JsonWriter& w, const app::SurveyResponse& r) {
  w.BeginObject()
      .Field("id", r.id)
      .Field("survey_id", r.survey_id)
      .Field("submitted_at", formats::FormatTime(r.submitted_at))
      .Field("source", r.source)
      .Field("respondent_code", r.respondent_code)
      .Key("answers");
  w.Raw(r.answers);
  w.Key("excluded").BeginObject().Field("excluded", r.excluded_reason.has_value()).Key("reason");
  formats::WriteOptionalString(w, r.excluded_reason);
  w.Key("at");
  if (r.excluded_at)
    w.String(formats::FormatTime(*r.excluded_at));
  else
    w.Null();
  w.EndObject().EndObject();
}

// What a respondent gets back: the same bytes for the first answer and for
// every retry with the same key (docs/api.md).
std::string ReceiptJson(const app::SurveyResponse& r) {
  JsonWriter w(0);
  w.BeginObject()
      .Field("id", r.id)
      .Field("survey_id", r.survey_id)
      .Field("submitted_at", formats::FormatTime(r.submitted_at))
      .EndObject();
  return w.Take();
}

Response Receipt(const Result<app::SubmittedResponse>& r) {
  if (!r) return ErrorResponse(r.error());
  return Json(ReceiptJson(r->response), r->replayed ? 200 : 201);
}

// A design; with `version`, the version the caller saw (PUT); with `status`,
// the optional status of a new survey (POST: "draft" or "published").
Result<SurveyDesign> ReadDesign(const Request& request, int64_t* version,
                                SurveyStatus* status = nullptr) {
  SurveyDesign design;
  std::optional<std::string> status_text;
  auto body = ReadBody(request, [&](ObjectReader& r) {
    static constexpr Range kVersionRange{1, 1e15, true, true};
    if (version)
      if (auto v = r.Integer("version", kVersionRange, true)) *version = *v;
    if (status) status_text = r.String("status", false);
    formats::ReadSurveyDesign(r, design);
  });
  if (!body) return Fail(body.error());
  if (status && status_text) {
    auto parsed = ParseSurveyStatus(*status_text);
    if (!parsed || *parsed == SurveyStatus::kClosed)
      return Fail(Error::Field(ErrorCode::kInvalidArgument, "status",
                               "a new survey is \"draft\" (seen only by your team until you "
                               "publish it) or \"published\" (open at once)"));
    *status = *parsed;
  }
  return design;
}

// {"impact_map_id", "outcomes": {survey outcome id: map outcome id}, "version"?}
Result<app::ApplyResultsInput> ReadApply(const Request& request) {
  if (request.Header("content-type").find("application/json") == std::string::npos)
    return Fail(Error::Make(ErrorCode::kInvalidArgument,
                            "the body must be JSON (Content-Type: application/json)"));
  auto j = nlohmann::json::parse(request.body, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return Fail(Error::Field(ErrorCode::kInvalidArgument, "$",
                             "must be an object {\"impact_map_id\", \"outcomes\", \"version\"}"));
  app::ApplyResultsInput in;
  std::vector<FieldError> errors;
  for (const auto& [key, value] : j.items()) {
    if (key == "impact_map_id") {
      if (value.is_string())
        in.impact_map_id = value.get<std::string>();
      else
        errors.push_back({key, "must be a string"});
    } else if (key == "version") {
      if (value.is_number_integer() && value.get<int64_t>() >= 1)
        in.version = value.get<int64_t>();
      else if (!value.is_null())
        errors.push_back({key, "must be a whole number of at least 1"});
    } else if (key == "scale") {
      if (value == "map")
        in.scale = app::QuantityScale::kMap;
      else if (value == "survey")
        in.scale = app::QuantityScale::kSurvey;
      else
        errors.push_back({key,
                          "must be \"map\" (scale quantities to the map's stakeholder "
                          "groups) or \"survey\" (keep the survey's figures)"});
    } else if (key == "name") {
      if (value.is_string())
        in.name = value.get<std::string>();
      else if (!value.is_null())
        errors.push_back({key, "must be text: the evaluation's name"});
    } else if (key == "outcomes") {
      if (!value.is_object()) {
        errors.push_back({key, "must be an object {survey outcome id: map outcome id}"});
        continue;
      }
      for (const auto& [so, mo] : value.items()) {
        if (mo.is_string() && !mo.get<std::string>().empty())
          in.outcomes.emplace_back(so, mo.get<std::string>());
        else if (!mo.is_null())
          errors.push_back({"outcomes." + so, "must be the id of an outcome of the map"});
      }
    } else {
      errors.push_back({key, "is not a field of an application of results"});
    }
  }
  if (!j.contains("impact_map_id")) errors.push_back({"impact_map_id", "is required"});
  if (!j.contains("outcomes")) errors.push_back({"outcomes", "is required"});
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  return in;
}

const char* ScaleName(app::QuantityScale s) {
  return s == app::QuantityScale::kMap ? "map" : "survey";
}

void WriteWarnings(JsonWriter& w, const std::vector<app::ApplyWarning>& warnings) {
  w.Key("warnings").BeginArray();
  for (const app::ApplyWarning& x : warnings) {
    w.BeginObject();
    if (!x.outcome_id.empty()) w.Field("outcome_id", x.outcome_id);
    w.Field("message", x.message).EndObject();
  }
  w.EndArray();
}

void WriteApplyPreview(JsonWriter& w, const app::ApplyPreview& p) {
  w.Key("impact_map")
      .BeginObject()
      .Field("id", p.map_id)
      .Field("version", p.map_version)
      .Field("name", p.map_name)
      .EndObject();
  w.Field("evaluation_name", p.evaluation_name).Field("scale", ScaleName(p.scale));
  w.Key("sroi_ratio_before");
  w.Number(p.ratio_before);
  w.Key("sroi_ratio_after");
  w.Number(p.ratio_after);
  w.Key("figures").BeginArray();
  for (const app::AppliedFigure& f : p.figures) {
    w.BeginObject()
        .Field("outcome_id", f.outcome_id)
        .Field("outcome", f.outcome)
        .Field("field", f.field)
        .Key("before");
    w.Number(f.before).Key("after");
    w.Number(f.after).Field("answered", f.answered);
    if (f.low) {
      w.Key("low");
      w.Number(*f.low).Key("high");
      w.Number(*f.high);
    }
    w.EndObject();
  }
  w.EndArray();
  WriteWarnings(w, p.warnings);
}

void WriteProvenance(JsonWriter& w, const app::MapProvenance& p) {
  if (p.evaluation_of)
    w.Key("evaluation_of")
        .BeginObject()
        .Field("id", *p.evaluation_of)
        .Field("version", p.evaluation_of_version)
        .EndObject();
  w.Key("outcomes").BeginObject();
  for (const auto& [outcome, fields] : p.outcomes) {
    w.Key(outcome).BeginObject();
    for (const auto& [field, s] : fields)
      w.Key(field)
          .BeginObject()
          .Field("survey_id", s.survey_id)
          .Field("survey_title", s.survey_title)
          .Field("response_ids", s.response_ids)
          .Field("applied_at", formats::FormatTime(s.applied_at))
          .Field("applied_by", s.applied_by)
          .EndObject();
    w.EndObject();
  }
  w.EndObject();
}

// A survey's design: listed, made, imported from XLSForm, read, printed as a
// QR code and changed.
void DesignRoutes(const Routes& routes, app::SurveyService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  const Heavy& heavy = routes.heavy;
  app::RateLimits& limits = routes.limits;
  add(Method::kGet, "/organisations/{id}/surveys",
      {"Surveys of an organisation", "surveys", Auth::kSession, "", "SurveySummaryList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto list = p.ListSurveys(c, request.params["id"]);
        if (!list) return ErrorResponse(list.error());
        return PagedList(request, std::move(*list), WriteSurveySummary);
      }));
  add(Method::kPost, "/organisations/{id}/surveys",
      {"Design a survey (any member): \"status\": \"draft\" keeps it to the team until it is "
       "published; published at once by default",
       "surveys", Auth::kSession, "SurveyDesign", "Survey", 201},
      authed([&p](Request& request, const app::Caller& c) {
        SurveyStatus status = SurveyStatus::kPublished;
        auto design = ReadDesign(request, nullptr, &status);
        if (!design) return ErrorResponse(design.error());
        auto v = p.CreateSurvey(c, request.params["id"], *design, status);
        if (!v) return ErrorResponse(v.error());
        return Json(SurveyJson(*v), 201);
      }));
  add(Method::kPost, "/surveys/import-xlsform",
      {"Read a survey designed in XLSForm (an XLSX workbook from KoboToolbox, ODK or a "
       "spreadsheet) into a design, without saving it; each problem is named by its cell",
       "surveys", Auth::kSession, "", "SurveyDesign", 200, 0, kXlsxType},
      authed(RateLimited(limits, app::Limited::kUpload,
                         heavy([](Request& request, const app::Caller&) {
                           if (auto xlsx = RequireXlsx(request); !xlsx)
                             return ErrorResponse(xlsx.error());
                           auto design = report::ParseXlsForm(request.body);
                           if (!design) return ErrorResponse(design.error());
                           JsonWriter w(0);
                           w.BeginObject();
                           formats::WriteSurveyDesignFields(w, *design);
                           w.EndObject();
                           return Json(w.Take());
                         }))));
  add(Method::kGet, "/surveys/{id}",
      {"A survey's design, link and state", "surveys", Auth::kSession, "", "Survey"},
      authed([&p](Request& request, const app::Caller& c) {
        auto v = p.GetSurvey(c, request.params["id"]);
        if (!v) return ErrorResponse(v.error());
        return Json(SurveyJson(*v));
      }));
  // The survey's public link as a QR code, to print or to put on a slide.
  for (const auto& [path, png] :
       {std::pair{"/surveys/{id}/qr.svg", false}, std::pair{"/surveys/{id}/qr.png", true}}) {
    add(Method::kGet, path,
        {png ? "The QR code of the survey's public link, as a PNG"
             : "The QR code of the survey's public link, as SVG",
         "surveys",
         Auth::kSession,
         "",
         "",
         200,
         0,
         "",
         {},
         {png ? "image/png" : "image/svg+xml"}},
        authed([&p, png](Request& request, const app::Caller& c) {
          auto v = p.GetSurvey(c, request.params["id"]);
          if (!v) return ErrorResponse(v.error());
          auto bytes = png ? report::QrPng(v->public_url) : report::QrSvg(v->public_url);
          if (!bytes) return ErrorResponse(bytes.error());
          Response r;
          r.content_type = png ? "image/png" : "image/svg+xml";
          r.headers.emplace_back(
              "Content-Disposition",
              fmt::format("inline; filename=\"survey-link.{}\"", png ? "png" : "svg"));
          r.body = std::move(*bytes);
          return r;
        }));
  }
  add(Method::kPut, "/surveys/{id}",
      {"Replace a survey's design (with its version)", "surveys", Auth::kSession,
       "SurveyDesignUpdate", "Survey"},
      authed([&p](Request& request, const app::Caller& c) {
        int64_t version = 0;
        auto design = ReadDesign(request, &version);
        if (!design) return ErrorResponse(design.error());
        auto v = p.UpdateSurvey(c, request.params["id"], version, *design);
        if (!v) return ErrorResponse(v.error());
        return Json(SurveyJson(*v));
      }));
}

// A survey's life, its respondent codes, its copy for the next wave, and a
// draft deleted.
void LifecycleRoutes(const Routes& routes, app::SurveyService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  // The survey's life: draft -> published -> closed, and reopened.
  struct Step {
    const char* path;
    const char* summary;
    SurveyStatus from, to;
  };
  for (const Step& step : {
           Step{"/surveys/{id}/publish", "Publish a draft: its link takes answers",
                SurveyStatus::kDraft, SurveyStatus::kPublished},
           Step{"/surveys/{id}/close", "Close a published survey: its link takes no more answers",
                SurveyStatus::kPublished, SurveyStatus::kClosed},
           Step{"/surveys/{id}/reopen", "Reopen a closed survey", SurveyStatus::kClosed,
                SurveyStatus::kPublished},
       }) {
    add(Method::kPost, step.path, {step.summary, "surveys", Auth::kSession, "", "Survey"},
        authed([&p, step](Request& request, const app::Caller& c) {
          auto v = p.SetSurveyStatus(c, request.params["id"], step.from, step.to);
          if (!v) return ErrorResponse(v.error());
          return Json(SurveyJson(*v));
        }));
  }
  add(Method::kPost, "/surveys/{id}/codes",
      {"Give out {\"count\"} (1 to 1000) new respondent codes, to hand out on cards or in "
       "personal links; a duplicate for the next wave keeps them",
       "surveys", Auth::kSession, "CodeRequest", "Survey"},
      authed([&p](Request& request, const app::Caller& c) {
        int64_t count = 0;
        auto body = ReadBody(request, [&](ObjectReader& r) {
          count = r.Integer("count", Range{1, 1000, true, true}, true).value_or(0);
        });
        if (!body) return ErrorResponse(body.error());
        auto v = p.IssueCodes(c, request.params["id"], count);
        if (!v) return ErrorResponse(v.error());
        return Json(SurveyJson(*v));
      }));
  add(Method::kPost, "/surveys/{id}/duplicate",
      {"A new draft with the same design, for the next wave (optional {\"title\"}; no dates, "
       "no responses)",
       "surveys", Auth::kSession, "SurveyCopy", "Survey", 201},
      authed([&p](Request& request, const app::Caller& c) {
        std::optional<std::string> title;
        if (!request.body.empty()) {
          auto body = ReadBody(request, [&](ObjectReader& r) { title = r.String("title", false); });
          if (!body) return ErrorResponse(body.error());
        }
        auto v = p.DuplicateSurvey(c, request.params["id"], title);
        if (!v) return ErrorResponse(v.error());
        return Json(SurveyJson(*v), 201);
      }));
  add(Method::kDelete, "/surveys/{id}",
      {"Delete a draft (a published or closed survey is closed, never deleted)", "surveys",
       Auth::kSession, "", "", 204},
      authed([&p](Request& request, const app::Caller& c) {
        if (auto r = p.DeleteSurvey(c, request.params["id"]); !r) return ErrorResponse(r.error());
        return NoContent();
      }));
}

// The responses: paged, per question, as CSV, imported, and excluded.
void ResponseRoutes(const Routes& routes, app::SurveyService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  const Heavy& heavy = routes.heavy;
  app::RateLimits& limits = routes.limits;
  add(Method::kGet, "/surveys/{id}/responses",
      {"Responses, oldest first (?show=used: those used in the results; ?show=excluded: those "
       "excluded)",
       "surveys", Auth::kSession, "", "SurveyResponseList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto page = ReadPage(request);
        if (!page) return ErrorResponse(page.error());
        app::ResponseFilter filter = app::ResponseFilter::kAll;
        if (auto show = request.query.find("show"); show != request.query.end()) {
          if (show->second == "used") {
            filter = app::ResponseFilter::kUsed;
          } else if (show->second == "excluded") {
            filter = app::ResponseFilter::kExcluded;
          } else if (show->second != "all") {
            return ErrorResponse(
                Error::Field(ErrorCode::kInvalidArgument, "show", "must be all, used or excluded"));
          }
        }
        auto list = p.ListSurveyResponses(c, request.params["id"], *page, filter);
        if (!list) return ErrorResponse(list.error());
        return Json(PageJson(*list, WriteResponse));
      }));
  add(Method::kGet, "/surveys/{id}/questions/{question_id}/answers",
      {"The answers to a free-text question, a page at a time in response order, those that "
       "contain ?q= (any case), with how many answered and how many match",
       "surveys",
       Auth::kSession,
       "",
       "TextAnswers",
       200,
       0,
       "",
       {},
       {},
       {},
       {"q"}},
      authed([&p](Request& request, const app::Caller& c) {
        auto page = ReadPage(request);
        if (!page) return ErrorResponse(page.error());
        const auto q = request.query.find("q");
        auto answers = p.ReadTextAnswers(c, request.params["id"], request.params["question_id"],
                                         q == request.query.end() ? "" : q->second, *page);
        if (!answers) return ErrorResponse(answers.error());
        JsonWriter w(0);
        w.BeginObject().Key("items").BeginArray();
        for (const app::TextAnswer& a : answers->items)
          w.BeginObject()
              .Field("response_id", a.response_id)
              .Field("submitted_at", formats::FormatTime(a.submitted_at))
              .Field("text", a.text)
              .Field("excluded", a.excluded)
              .EndObject();
        w.EndArray().Key("next_cursor");
        formats::WriteOptionalString(w, answers->next_cursor);
        w.Field("answered", answers->answered).Field("matching", answers->matching).EndObject();
        return Json(w.Take());
      }));
  add(Method::kGet, "/surveys/{id}/responses.csv",
      {"Every response as CSV", "surveys", Auth::kSession, "", ""},
      authed([&p](Request& request, const app::Caller& c) {
        auto csv = p.ExportResponses(c, request.params["id"]);
        if (!csv) return ErrorResponse(csv.error());
        Response r = Json(std::move(*csv));
        r.content_type = "text/csv; charset=utf-8";
        r.headers.emplace_back(
            "Content-Disposition",
            fmt::format("attachment; filename=\"survey-{}.csv\"", request.params["id"]));
        return r;
      }));
  add(
      Method::kPost, "/surveys/{id}/responses/import",
      [] {
        RouteDoc doc{"Import responses from CSV (text/csv body)", "surveys", Auth::kSession, "",
                     "ResponsesImported"};
        doc.body_type = "text/csv";
        return doc;
      }(),
      authed(RateLimited(limits, app::Limited::kUpload,
                         heavy([&p](Request& request, const app::Caller& c) {
                           if (auto csv = RequireCsv(request); !csv)
                             return ErrorResponse(csv.error());
                           auto report = p.ImportResponses(c, request.params["id"], request.body);
                           if (!report) return ErrorResponse(report.error());
                           JsonWriter w(0);
                           w.BeginObject()
                               .Field("imported", report->imported)
                               .Field("updated", report->updated)
                               .Field("already_present", report->already_present)
                               .Field("ignored_columns", report->ignored_columns)
                               .EndObject();
                           return Json(w.Take());
                         }))));
  add(Method::kPut, "/surveys/{id}/responses/{response_id}/exclusion",
      {"Exclude a response from the results, with a reason (lead)", "surveys", Auth::kSession,
       "ExclusionInput", "SurveyResponse"},
      authed([&p](Request& request, const app::Caller& c) {
        std::string reason;
        auto body = ReadBody(
            request, [&](ObjectReader& r) { reason = r.String("reason", true).value_or(""); });
        if (!body) return ErrorResponse(body.error());
        auto resp =
            p.SetResponseExclusion(c, request.params["id"], request.params["response_id"], reason);
        if (!resp) return ErrorResponse(resp.error());
        JsonWriter w(0);
        WriteResponse(w, *resp);
        return Json(w.Take());
      }));
  add(Method::kDelete, "/surveys/{id}/responses/{response_id}/exclusion",
      {"Restore an excluded response (lead)", "surveys", Auth::kSession, "", "SurveyResponse"},
      authed([&p](Request& request, const app::Caller& c) {
        auto resp = p.SetResponseExclusion(c, request.params["id"], request.params["response_id"],
                                           std::nullopt);
        if (!resp) return ErrorResponse(resp.error());
        JsonWriter w(0);
        WriteResponse(w, *resp);
        return Json(w.Take());
      }));
}

// The results, per question and outcome, and per wave.
void ResultRoutes(const Routes& routes, app::SurveyService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  add(Method::kGet, "/surveys/{id}/results",
      {"Results per question and outcome, with the evaluative parameters an impact map takes; "
       "?as_of= counts only the responses received by then",
       "surveys",
       Auth::kSession,
       "",
       "SurveyResults",
       200,
       0,
       "",
       {},
       {},
       {},
       {"provenance", "as_of"}},
      authed([&p](Request& request, const app::Caller& c) {
        const bool provenance =
            request.query.contains("provenance") && request.query["provenance"] != "false";
        std::optional<UnixTime> as_of;
        if (auto it = request.query.find("as_of"); it != request.query.end()) {
          auto t = ParseTimestamp(it->second);
          if (!t)
            return ErrorResponse(Error::Field(ErrorCode::kInvalidArgument, "as_of",
                                              "must be a moment such as 2030-03-12T10:00:00Z"));
          as_of = *t;
        }
        auto v = p.GetSurveyResults(c, request.params["id"], provenance, as_of);
        if (!v) return ErrorResponse(v.error());
        JsonWriter w(0);
        w.BeginObject().Field("survey_id", v->record.id).Field("title", v->design.title);
        w.Key("as_of");
        if (as_of) {
          w.String(formats::FormatTime(*as_of));
        } else {
          w.Null();
        }
        formats::WriteSurveyResults(w, v->design, v->results, provenance);
        w.EndObject();
        return Json(w.Take());
      }));
  add(Method::kGet, "/surveys/{id}/waves",
      {"This survey beside the survey of an earlier wave (?baseline=): the questions both ask the "
       "same way, and the people in both by their respondent codes",
       "surveys",
       Auth::kSession,
       "",
       "WaveComparison",
       200,
       0,
       "",
       {},
       {},
       {},
       {"baseline"}},
      authed([&p](Request& request, const app::Caller& c) {
        const auto baseline = request.query.find("baseline");
        auto v = p.CompareWaves(c, request.params["id"],
                                baseline == request.query.end() ? "" : baseline->second);
        if (!v) return ErrorResponse(v.error());
        const WaveComparison& cmp = v->comparison;
        JsonWriter w(0);
        w.BeginObject();
        w.Key("baseline").BeginObject();
        w.Field("id", v->first_record.id).Field("title", v->first.title);
        w.Field("used", cmp.used_first).EndObject();
        w.Key("follow_up").BeginObject();
        w.Field("id", v->second_record.id).Field("title", v->second.title);
        w.Field("used", cmp.used_second).EndObject();
        w.Field("people_in_both", cmp.people_in_both);
        w.Key("questions").BeginArray();
        for (const WaveQuestion& q : cmp.questions) {
          w.BeginObject().Field("id", q.id).Field("type", Name(q.type)).Field("text", q.text);
          w.Field("answered_baseline", q.answered_first);
          w.Field("answered_follow_up", q.answered_second);
          if (q.options.empty()) {
            w.Key("mean_baseline").Number(q.mean_first);
            w.Key("mean_follow_up").Number(q.mean_second);
            w.Field("paired", q.paired).Field("higher", q.higher);
            w.Field("same", q.same).Field("lower", q.lower);
            w.Key("mean_change").Number(q.mean_change);
          } else {
            w.Key("options").BeginArray();
            for (size_t k = 0; k < q.options.size(); ++k)
              w.BeginObject()
                  .Field("option", q.options[k])
                  .Field("baseline", q.counts_first[k])
                  .Field("follow_up", q.counts_second[k])
                  .EndObject();
            w.EndArray();
          }
          w.EndObject();
        }
        w.EndArray().Key("left_out").BeginArray();
        for (const WaveQuestionLeftOut& l : cmp.left_out)
          w.BeginObject()
              .Field("id", l.id)
              .Field("text", l.text)
              .Field("reason", l.reason)
              .EndObject();
        w.EndArray().EndObject();
        return Json(w.Take());
      }));
}

// Results applied to an impact map, and the map's provenance.
void ApplyRoutes(const Routes& routes, app::SurveyService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  add(Method::kPost, "/surveys/{id}/apply/preview",
      {"What applying the results to an impact map would change, with warnings; nothing is saved",
       "surveys", Auth::kSession, "SurveyApplication", "SurveyApplicationPreview"},
      authed([&p](Request& request, const app::Caller& c) {
        auto in = ReadApply(request);
        if (!in) return ErrorResponse(in.error());
        auto preview = p.PreviewSurveyApplication(c, request.params["id"], *in);
        if (!preview) return ErrorResponse(preview.error());
        JsonWriter w(0);
        w.BeginObject();
        WriteApplyPreview(w, *preview);
        w.EndObject();
        return Json(w.Take());
      }));
  add(Method::kPost, "/surveys/{id}/apply",
      {"Apply the results to an impact map of the organisation: a new evaluative map, made from "
       "the map and linked to it, whose figures cite the responses; the map itself is unchanged",
       "surveys", Auth::kSession, "SurveyApplication", "Provenance", 201},
      authed([&p](Request& request, const app::Caller& c) {
        auto in = ReadApply(request);
        if (!in) return ErrorResponse(in.error());
        auto applied = p.ApplySurveyResults(c, request.params["id"], *in);
        if (!applied) return ErrorResponse(applied.error());
        const app::RecordVersion& rec = applied->evaluation;
        auto prov = p.GetImpactMapProvenance(c, rec.id, rec.version);
        if (!prov) return ErrorResponse(prov.error());
        JsonWriter w(0);
        w.BeginObject()
            .Field("impact_map_id", rec.id)
            .Field("version", rec.version)
            .Field("name", rec.title);
        WriteProvenance(w, *prov);
        WriteWarnings(w, applied->preview.warnings);
        w.EndObject();
        return Json(w.Take(), 201);
      }));
  add(Method::kGet, "/impact-maps/{id}/provenance",
      {"Which figures of a map version came from survey responses (?version=N)", "impact maps",
       Auth::kSession, "", "Provenance"},
      authed([&p](Request& request, const app::Caller& c) {
        auto version = QueryVersion(request);
        if (!version) return ErrorResponse(version.error());
        auto prov = p.GetImpactMapProvenance(c, request.params["id"], *version);
        if (!prov) return ErrorResponse(prov.error());
        JsonWriter w(0);
        w.BeginObject().Field("impact_map_id", prov->map_id).Field("version", prov->version);
        WriteProvenance(w, *prov);
        w.EndObject();
        return Json(w.Take());
      }));
}

// The public link: the survey page and its submissions.
void PublicRoutes(const Routes& routes, app::SurveyService& p) {
  const AddRoute& add = routes.add;
  // Public: the survey page and its submissions (no session, no CSRF token).
  add(Method::kGet, "/s/{token}",
      {"The survey behind a public link, for respondents", "surveys", Auth::kPublic, "",
       "PublicSurvey"},
      [&p](Request& request) {
        auto s = p.GetPublicSurvey(request.params["token"]);
        if (!s) return ErrorResponse(s.error());
        JsonWriter w(0);
        w.BeginObject()
            .Field("organisation", s->organisation_name)
            .Field("survey_id", s->survey_id);
        // The codes given out are the team's, never the public link's.
        SurveyDesign shown = s->design;
        shown.issued_codes.clear();
        formats::WriteSurveyDesignFields(w, shown);
        w.Field("state", Name(s->state)).Field("message", RefusalMessage(s->state)).EndObject();
        return Json(w.Take());
      });
  add(
      Method::kPost, "/s/{token}/responses",
      [] {
        RouteDoc doc{
            "Answer a survey (Idempotency-Key header; 201 once committed, 200 for a retry)",
            "surveys",
            Auth::kPublic,
            "Answers",
            "ResponseReceipt",
            201};
        doc.other_answers = {{200, "ResponseReceipt"}};
        return doc;
      }(),
      [&p](Request& request) {
        if (request.body.size() > kMaxResponseBytes)
          return ErrorResponse(413, "payload_too_large",
                               fmt::format("a response is at most {} bytes; this one has {}",
                                           kMaxResponseBytes, request.body.size()));
        app::Submission s{request.params["token"], std::move(request.body),
                          request.Header("idempotency-key"), request.client_address};
        if (request.reply_later) {
          // Answered by the group-commit writer once the response is on disk.
          p.SubmitResponse(s, [reply = std::move(request.reply_later)](
                                  Result<app::SubmittedResponse> r) { reply(Receipt(r)); });
          Response deferred;
          deferred.deferred = true;
          return deferred;
        }
        std::promise<Response> answered;
        auto future = answered.get_future();
        p.SubmitResponse(
            s, [&answered](Result<app::SubmittedResponse> r) { answered.set_value(Receipt(r)); });
        return future.get();
      });
}

}  // namespace

void RegisterSurveyRoutes(const Routes& routes, app::SurveyService& p) {
  DesignRoutes(routes, p);
  LifecycleRoutes(routes, p);
  ResponseRoutes(routes, p);
  ResultRoutes(routes, p);
  ApplyRoutes(routes, p);
  PublicRoutes(routes, p);
}

}  // namespace valuemark::http
