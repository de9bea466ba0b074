// The complaint routes (api_complaints.h).
#include "http/api_complaints.h"

#include "formats/records_json.h"

namespace valuemark::http {
namespace {

void WriteOptionalTime(JsonWriter& w, const std::optional<UnixTime>& t) {
  formats::WriteOptionalString(w, t ? std::optional(formats::FormatTime(*t)) : std::nullopt);
}

void WriteOptionalText(JsonWriter& w, const std::string& s) {
  formats::WriteOptionalString(w, s.empty() ? std::nullopt : std::optional(s));
}

void WriteComplaint(JsonWriter& w, const app::ComplaintView& v) {
  const Complaint& c = v.complaint;
  w.BeginObject()
      .Field("id", c.id)
      .Field("organisation_id", c.organisation_id)
      .Field("organisation_name", v.organisation_name)
      .Field("certificate_id", c.certificate_id)
      .Field("certificate_title", v.certificate_title)
      .Field("complainant_name", c.complainant_name)
      .Key("complainant_email");
  WriteOptionalText(w, c.complainant_email);
  w.Field("text", c.text)
      .Field("received_at", formats::FormatTime(c.received_at))
      .Field("state", Name(c.state))
      .Key("asked_at");
  WriteOptionalTime(w, c.asked_at);
  w.Key("respond_by");
  WriteOptionalText(w, c.respond_by);
  w.Field("response", c.response).Key("responded_by_name");
  WriteOptionalText(w, v.responded_by_name);
  w.Key("responded_at");
  WriteOptionalTime(w, c.responded_at);
  w.Field("action", Name(c.action)).Field("reasons", c.reasons).Key("decided_by_name");
  WriteOptionalText(w, v.decided_by_name);
  w.Key("decided_at");
  WriteOptionalTime(w, c.decided_at);
  w.Field("may_decide", v.may_decide).Key("cannot_decide");
  WriteOptionalText(w, v.cannot_decide);
  w.Field("version", c.version).EndObject();
}

Response ComplaintResponse(const Result<app::ComplaintView>& r) {
  if (!r) return ErrorResponse(r.error());
  JsonWriter w(0);
  WriteComplaint(w, *r);
  return Json(w.Take());
}

}  // namespace

void RegisterComplaintRoutes(const Routes& routes, app::ComplaintService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  app::RateLimits& limits = routes.limits;
  add(Method::kPost, "/certificates/{id}/complaints",
      {"Complain about a certified organisation (anyone, no account): a name, an email address "
       "for the outcome, and the complaint; the complainant is sent a receipt",
       "complaints", Auth::kPublic, "ComplaintInput", "ComplaintReceipt", 201},
      [&p, &limits](Request& request) {
        if (auto taken = limits.Take(app::Limited::kComplaint, request.client_address, ""); !taken)
          return ErrorResponse(taken.error());
        app::ComplaintInput in;
        auto body = ReadBody(request, [&](ObjectReader& r) {
          in.name = r.String("name", true).value_or("");
          in.email = r.String("email", true).value_or("");
          in.text = r.String("text", true).value_or("");
        });
        if (!body) return ErrorResponse(body.error());
        auto filed = p.File(request.params["id"], in);
        if (!filed) return ErrorResponse(filed.error());
        JsonWriter w(0);
        w.BeginObject()
            .Field("id", filed->complaint.id)
            .Field("organisation_name", filed->organisation_name)
            .Field("received_at", formats::FormatTime(filed->complaint.received_at))
            .EndObject();
        return Json(w.Take(), 201);
      });
  add(Method::kGet, "/complaints",
      {"Every open complaint, oldest first, with whether the caller may decide it now "
       "(administrator)",
       "complaints", Auth::kSession, "", "ComplaintList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto list = p.Open(c);
        if (!list) return ErrorResponse(list.error());
        return PagedList(request, std::move(*list), WriteComplaint);
      }));
  add(Method::kPost, "/complaints/{id}/ask",
      {"Ask the organisation to answer the complaint within 10 working days, before anything is "
       "decided (administrator, not a member of the organisation)",
       "complaints", Auth::kSession, "", "Complaint"},
      authed([&p](Request& request, const app::Caller& c) {
        return ComplaintResponse(p.Ask(c, request.params["id"]));
      }));
  add(Method::kPost, "/complaints/{id}/decision",
      {"Uphold the complaint (suspending or revoking the certificate in the same step, or not) "
       "or dismiss it, with reasons, once the organisation has answered or its time has passed "
       "(administrator, not a member of the organisation)",
       "complaints", Auth::kSession, "ComplaintDecisionInput", "Complaint"},
      authed([&p](Request& request, const app::Caller& c) {
        app::ComplaintDecision d;
        auto body = ReadBody(request, [&](ObjectReader& r) {
          const std::optional<std::string> outcome = r.String("outcome", true);
          if (outcome && *outcome != "upheld" && *outcome != "dismissed")
            r.Report("outcome", "must be \"upheld\" or \"dismissed\"");
          d.uphold = outcome == "upheld";
          const std::string action = r.String("action").value_or("none");
          if (auto a = ParseComplaintAction(action))
            d.action = *a;
          else
            r.Report("action", "must be \"none\", \"suspend\" or \"revoke\"");
          d.reasons = r.String("reasons", true).value_or("");
          d.version = r.Integer("version", kVersionFromZero).value_or(0);
        });
        if (!body) return ErrorResponse(body.error());
        return ComplaintResponse(p.Decide(c, request.params["id"], d));
      }));
  add(Method::kGet, "/organisations/{id}/complaints",
      {"The complaints about the organisation, newest first, without the complainants' "
       "addresses",
       "complaints", Auth::kSession, "", "ComplaintList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto list = p.OfOrganisation(c, request.params["id"]);
        if (!list) return ErrorResponse(list.error());
        return PagedList(request, std::move(*list), WriteComplaint);
      }));
  add(Method::kPost, "/organisations/{id}/complaints/{complaint_id}/response",
      {"The organisation's answer to a complaint it was asked about (the Lead or the Senior "
       "Leader)",
       "complaints", Auth::kSession, "ComplaintResponseInput", "Complaint"},
      authed([&p](Request& request, const app::Caller& c) {
        std::string response;
        auto body = ReadBody(
            request, [&](ObjectReader& r) { response = r.String("response", true).value_or(""); });
        if (!body) return ErrorResponse(body.error());
        return ComplaintResponse(
            p.Respond(c, request.params["id"], request.params["complaint_id"], response));
      }));
}

}  // namespace valuemark::http
