#include "http/api_surveys.h"

#include <future>

#include "formats/survey_json.h"

namespace valuemark::http {
namespace {

// Far more than any real questionnaire's answers, far less than the API's
// general limit: a public endpoint should not buffer much for a stranger.
constexpr size_t kMaxResponseBytes = 64 * 1024;

void WriteSurvey(JsonWriter& w, const app::SurveyView& v) {
  const app::SurveyRecord& r = v.record;
  w.BeginObject().Field("id", r.id).Field("organisation_id", r.organisation_id);
  formats::WriteSurveyDesignFields(w, v.design);
  w.Field("state", Name(v.state))
      .Field("token", r.token)
      .Field("public_url", v.public_url)
      .Field("response_count", r.response_count)
      .Field("version", r.version)
      .Field("created_at", formats::FormatTime(r.created_at))
      .Field("updated_at", formats::FormatTime(r.updated_at))
      .EndObject();
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
  if (r.excluded_at) w.String(formats::FormatTime(*r.excluded_at)); else w.Null();
  w.EndObject().EndObject();
}

// What a respondent gets back: the same bytes for the first answer and for
// every retry with the same key (api.md).
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

Result<SurveyDesign> ReadDesign(const Request& request, int64_t* version) {
  SurveyDesign design;
  auto body = ReadBody(request, [&](ObjectReader& r) {
    static constexpr Range kVersionRange{1, 1e15, true, true};
    if (version)
      if (auto v = r.Integer("version", kVersionRange, true)) *version = *v;
    formats::ReadSurveyDesign(r, design);
  });
  if (!body) return Fail(body.error());
  return design;
}

}  // namespace

void AddSurveyRoutes(app::Platform& p, const AddRoute& add, const WrapAuthed& authed) {
  add(Method::kGet, "/organisations/{id}/surveys", {"Surveys of an organisation", "surveys", Auth::kSession, "", ""},
      authed([&p](Request& request, const app::Caller& c) {
        auto list = p.ListSurveys(c, request.params["id"]);
        if (!list) return ErrorResponse(list.error());
        JsonWriter w(0);
        w.BeginObject().Key("items").BeginArray();
        for (const app::SurveyView& v : *list) WriteSurvey(w, v);
        w.EndArray().Key("next_cursor").Null().EndObject();
        return Json(w.Take());
      }));
  add(Method::kPost, "/organisations/{id}/surveys",
      {"Design a survey (any member)", "surveys", Auth::kSession, "", "", 201},
      authed([&p](Request& request, const app::Caller& c) {
        auto design = ReadDesign(request, nullptr);
        if (!design) return ErrorResponse(design.error());
        auto v = p.CreateSurvey(c, request.params["id"], *design);
        if (!v) return ErrorResponse(v.error());
        return Json(SurveyJson(*v), 201);
      }));
  add(Method::kGet, "/surveys/{id}", {"A survey's design, link and state", "surveys", Auth::kSession, "", ""},
      authed([&p](Request& request, const app::Caller& c) {
        auto v = p.GetSurvey(c, request.params["id"]);
        if (!v) return ErrorResponse(v.error());
        return Json(SurveyJson(*v));
      }));
  add(Method::kPut, "/surveys/{id}", {"Replace a survey's design (with its version)", "surveys", Auth::kSession, "", ""},
      authed([&p](Request& request, const app::Caller& c) {
        int64_t version = 0;
        auto design = ReadDesign(request, &version);
        if (!design) return ErrorResponse(design.error());
        auto v = p.UpdateSurvey(c, request.params["id"], version, *design);
        if (!v) return ErrorResponse(v.error());
        return Json(SurveyJson(*v));
      }));
  add(Method::kGet, "/surveys/{id}/responses", {"Responses, oldest first", "surveys", Auth::kSession, "", ""},
      authed([&p](Request& request, const app::Caller& c) {
        auto page = ReadPage(request);
        if (!page) return ErrorResponse(page.error());
        auto list = p.ListSurveyResponses(c, request.params["id"], *page);
        if (!list) return ErrorResponse(list.error());
        return Json(PageJson(*list, WriteResponse));
      }));
  add(Method::kGet, "/surveys/{id}/responses.csv", {"Every response as CSV", "surveys", Auth::kSession, "", ""},
      authed([&p](Request& request, const app::Caller& c) {
        auto csv = p.ExportResponses(c, request.params["id"]);
        if (!csv) return ErrorResponse(csv.error());
        Response r = Json(std::move(*csv));
        r.content_type = "text/csv; charset=utf-8";
        r.headers.emplace_back("Content-Disposition",
                               fmt::format("attachment; filename=\"survey-{}.csv\"", request.params["id"]));
        return r;
      }));
  add(Method::kPost, "/surveys/{id}/responses/import",
      {"Import responses from CSV (text/csv body)", "surveys", Auth::kSession, "", ""},
      authed([&p](Request& request, const app::Caller& c) {
        auto report = p.ImportResponses(c, request.params["id"], request.body);
        if (!report) return ErrorResponse(report.error());
        JsonWriter w(0);
        w.BeginObject().Field("imported", report->imported).Field("already_present", report->already_present).EndObject();
        return Json(w.Take());
      }));
  add(Method::kPut, "/surveys/{id}/responses/{response_id}/exclusion",
      {"Exclude a response from the results, with a reason (lead)", "surveys", Auth::kSession, "", ""},
      authed([&p](Request& request, const app::Caller& c) {
        std::string reason;
        auto body = ReadBody(request, [&](ObjectReader& r) { reason = r.String("reason", true).value_or(""); });
        if (!body) return ErrorResponse(body.error());
        auto resp = p.SetResponseExclusion(c, request.params["id"], request.params["response_id"], reason);
        if (!resp) return ErrorResponse(resp.error());
        JsonWriter w(0);
        WriteResponse(w, *resp);
        return Json(w.Take());
      }));
  add(Method::kDelete, "/surveys/{id}/responses/{response_id}/exclusion",
      {"Restore an excluded response (lead)", "surveys", Auth::kSession, "", ""},
      authed([&p](Request& request, const app::Caller& c) {
        auto resp = p.SetResponseExclusion(c, request.params["id"], request.params["response_id"], std::nullopt);
        if (!resp) return ErrorResponse(resp.error());
        JsonWriter w(0);
        WriteResponse(w, *resp);
        return Json(w.Take());
      }));
  add(Method::kGet, "/surveys/{id}/results",
      {"Results per question and outcome, with the evaluative parameters an impact map takes", "surveys",
       Auth::kSession, "", ""},
      authed([&p](Request& request, const app::Caller& c) {
        const bool provenance = request.query.contains("provenance") && request.query["provenance"] != "false";
        auto v = p.GetSurveyResults(c, request.params["id"], provenance);
        if (!v) return ErrorResponse(v.error());
        JsonWriter w(0);
        w.BeginObject().Field("survey_id", v->record.id).Field("title", v->design.title);
        formats::WriteSurveyResults(w, v->design, v->results, provenance);
        w.EndObject();
        return Json(w.Take());
      }));

  // Public: the survey page and its submissions (no session, no CSRF token).
  add(Method::kGet, "/s/{token}", {"The survey behind a public link, for respondents", "surveys", Auth::kPublic, "", ""},
      [&p](Request& request) {
        auto s = p.GetPublicSurvey(request.params["token"]);
        if (!s) return ErrorResponse(s.error());
        JsonWriter w(0);
        w.BeginObject().Field("organisation", s->organisation_name).Field("survey_id", s->survey_id);
        formats::WriteSurveyDesignFields(w, s->design);
        w.Field("state", Name(s->state)).Field("message", RefusalMessage(s->state)).EndObject();
        return Json(w.Take());
      });
  add(Method::kPost, "/s/{token}/responses",
      {"Answer a survey (Idempotency-Key header; 201 once committed, 200 for a retry)", "surveys", Auth::kPublic, "",
       "", 201},
      [&p](Request& request) {
        if (request.body.size() > kMaxResponseBytes)
          return ErrorResponse(413, "payload_too_large",
                               fmt::format("a response is at most {} bytes; this one has {}", kMaxResponseBytes,
                                           request.body.size()));
        app::Submission s{request.params["token"], std::move(request.body), request.Header("idempotency-key"),
                          request.client_address};
        if (request.reply_later) {
          // Answered by the group-commit writer once the response is on disk.
          p.SubmitResponse(s, [reply = std::move(request.reply_later)](Result<app::SubmittedResponse> r) {
            reply(Receipt(r));
          });
          Response deferred;
          deferred.deferred = true;
          return deferred;
        }
        std::promise<Response> answered;
        auto future = answered.get_future();
        p.SubmitResponse(s, [&answered](Result<app::SubmittedResponse> r) { answered.set_value(Receipt(r)); });
        return future.get();
      });
}

}  // namespace valuemark::http
