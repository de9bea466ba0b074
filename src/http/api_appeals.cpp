// The appeal routes (api_appeals.h).
#include "http/api_appeals.h"

namespace valuemark::http {
namespace {

void WriteAppeal(JsonWriter& w, const app::NamedAppeal& n) {
  const Appeal& a = n.appeal;
  w.BeginObject()
      .Field("id", a.id)
      .Field("organisation_id", a.organisation_id)
      .Field("organisation_name", n.organisation_name)
      .Field("subject", Name(a.subject))
      .Field("title", n.title)
      .Field("application_id", a.application_id)
      .Key("certificate_id");
  formats::WriteOptionalString(
      w, a.certificate_id.empty() ? std::nullopt : std::optional(a.certificate_id));
  w.Field("grounds", a.grounds)
      .Field("filed_by", a.filed_by)
      .Field("filed_by_name", n.filed_by_name)
      .Field("filed_at", formats::FormatTime(a.filed_at))
      .Field("decision_on", a.decision_on)
      .Field("deadline", a.deadline)
      .Field("state", Name(a.state))
      .Key("decided_by");
  formats::WriteOptionalString(w,
                               a.decided_by.empty() ? std::nullopt : std::optional(a.decided_by));
  w.Key("decided_by_name");
  formats::WriteOptionalString(
      w, n.decided_by_name.empty() ? std::nullopt : std::optional(n.decided_by_name));
  w.Key("decided_at");
  formats::WriteOptionalString(
      w, a.decided_at ? std::optional(formats::FormatTime(*a.decided_at)) : std::nullopt);
  w.Field("reasons", a.reasons)
      .Field("may_decide", n.may_decide)
      .Field("version", a.version)
      .EndObject();
}

Response AppealResponse(const Result<app::NamedAppeal>& a, int status = 200) {
  if (!a) return ErrorResponse(a.error());
  JsonWriter w(0);
  WriteAppeal(w, *a);
  return Json(w.Take(), status);
}

Response OptionResponse(const Result<app::AppealOption>& o) {
  if (!o) return ErrorResponse(o.error());
  JsonWriter w(0);
  w.BeginObject().Key("subject");
  if (o->subject)
    w.String(Name(*o->subject));
  else
    w.Null();
  w.Key("decision_on");
  formats::WriteOptionalString(
      w, o->decision_on.empty() ? std::nullopt : std::optional(o->decision_on));
  w.Key("deadline");
  formats::WriteOptionalString(w, o->deadline.empty() ? std::nullopt : std::optional(o->deadline));
  w.Field("may_appeal", o->may_appeal).Key("cannot");
  formats::WriteOptionalString(w, o->cannot.empty() ? std::nullopt : std::optional(o->cannot));
  w.Key("appeal");
  if (o->appeal)
    WriteAppeal(w, *o->appeal);
  else
    w.Null();
  w.EndObject();
  return Json(w.Take());
}

std::string ReadGrounds(const Request& request, Result<void>& body) {
  std::string grounds;
  body =
      ReadBody(request, [&](ObjectReader& r) { grounds = r.String("grounds", true).value_or(""); });
  return grounds;
}

}  // namespace

void RegisterAppealRoutes(const Routes& routes, app::AppealService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  add(Method::kGet, "/applications/{id}/appeal",
      {"Whether the application's rejection can be appealed, until when, and the appeal if "
       "filed (whoever may read the application)",
       "appeals", Auth::kSession, "", "AppealOption"},
      authed([&p](Request& request, const app::Caller& c) {
        return OptionResponse(p.ForApplication(c, request.params["id"]));
      }));
  add(Method::kPost, "/applications/{id}/appeal",
      {"Appeal the rejection within the scheme's window of working days (the Lead or the "
       "Senior Leader); the administrators are told",
       "appeals", Auth::kSession, "AppealInput", "Appeal", 201},
      authed([&p](Request& request, const app::Caller& c) {
        Result<void> body;
        const std::string grounds = ReadGrounds(request, body);
        if (!body) return ErrorResponse(body.error());
        return AppealResponse(p.AppealRejection(c, request.params["id"], grounds), 201);
      }));
  add(Method::kGet, "/certificates/{id}/appeal",
      {"Whether the certificate's suspension or revocation can be appealed, until when, and the "
       "appeal if filed (the organisation's people and staff)",
       "appeals", Auth::kSession, "", "AppealOption"},
      authed([&p](Request& request, const app::Caller& c) {
        return OptionResponse(p.ForCertificate(c, request.params["id"]));
      }));
  add(Method::kPost, "/certificates/{id}/appeal",
      {"Appeal the certificate's suspension or revocation within the scheme's window (the Lead "
       "or the Senior Leader)",
       "appeals", Auth::kSession, "AppealInput", "Appeal", 201},
      authed([&p](Request& request, const app::Caller& c) {
        Result<void> body;
        const std::string grounds = ReadGrounds(request, body);
        if (!body) return ErrorResponse(body.error());
        return AppealResponse(p.AppealStanding(c, request.params["id"], grounds), 201);
      }));
  add(Method::kGet, "/appeals",
      {"Every open appeal, oldest first, each saying whether the caller may decide it "
       "(administrator)",
       "appeals", Auth::kSession, "", "AppealList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto list = p.Open(c);
        if (!list) return ErrorResponse(list.error());
        return PagedList(request, std::move(*list), WriteAppeal);
      }));
  add(Method::kPost, "/appeals/{id}/decision",
      {"Uphold or dismiss an appeal with reasons (an administrator who took no part in the "
       "decision and is not a member of the organisation): upheld, a rejected application is "
       "reviewed afresh and a certificate is reinstated",
       "appeals", Auth::kSession, "AppealDecisionInput", "Appeal"},
      authed([&p](Request& request, const app::Caller& c) {
        std::string outcome, reasons;
        auto body = ReadBody(request, [&](ObjectReader& r) {
          outcome = r.String("outcome", true).value_or("");
          reasons = r.String("reasons", true).value_or("");
          if (!outcome.empty() && outcome != "upheld" && outcome != "dismissed")
            r.Report("outcome", "must be \"upheld\" or \"dismissed\"");
        });
        if (!body) return ErrorResponse(body.error());
        return AppealResponse(p.Decide(c, request.params["id"], outcome == "upheld", reasons));
      }));
}

}  // namespace valuemark::http
