// The consultant engagement routes (api_network.h; docs/api.md "Consultant
// engagements").
#include "formats/engagement_json.h"
#include "formats/records_json.h"
#include "http/api_network.h"

namespace valuemark::http {
namespace {

void WriteEngagement(JsonWriter& w, const app::EngagementView& v) {
  const Engagement& e = v.engagement;
  w.BeginObject()
      .Field("id", e.id)
      .Field("organisation_id", e.organisation_id)
      .Field("organisation_name", v.organisation_name)
      .Field("scheme_id", e.scheme_id)
      .Field("scheme_name", v.scheme_name)
      .Field("consultant_id", e.consultant_id)
      .Field("consultant_name", v.consultant_name)
      .Field("consultant_email", v.consultant_email)
      .Field("status", Name(e.status));
  formats::WriteEngagementContentFields(w, e.content);
  w.Field("allocated_at", formats::FormatTime(e.allocated_at))
      .Field("updated_at", formats::FormatTime(e.updated_at))
      .Field("may_write", v.may_write)
      .Field("version", e.version)
      .EndObject();
}

Response EngagementResponse(const Result<app::EngagementView>& r, int status = 200) {
  if (!r) return ErrorResponse(r.error());
  JsonWriter w(0);
  WriteEngagement(w, *r);
  return Json(w.Take(), status);
}

}  // namespace

void RegisterEngagementRoutes(const Routes& routes, app::EngagementService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  add(Method::kPost, "/organisations/{id}/engagements",
      {"Allocate a consultant to the organisation for a scheme (administrators): a user whose "
       "platform role is assessor and who is not a member of it; one active engagement per "
       "scheme",
       "engagements", Auth::kSession, "AllocationInput", "Engagement", 201},
      authed([&p](Request& request, const app::Caller& c) {
        app::AllocationInput in;
        auto body = ReadBody(request, [&](ObjectReader& r) {
          in.scheme_id = r.String("scheme_id", true).value_or("");
          in.consultant_id = r.String("consultant_id", true).value_or("");
        });
        if (!body) return ErrorResponse(body.error());
        return EngagementResponse(p.Allocate(c, request.params["id"], in), 201);
      }));
  add(Method::kGet, "/organisations/{id}/engagements",
      {"The organisation's consultant engagements, newest first (its members, its consultants, "
       "administrators)",
       "engagements", Auth::kSession, "", "EngagementList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto list = p.ForOrganisation(c, request.params["id"]);
        if (!list) return ErrorResponse(list.error());
        return PagedList(request, std::move(*list), WriteEngagement);
      }));
  add(Method::kGet, "/engagements/{id}",
      {"One engagement: the review of needs, recommendations, the training and mentoring plan, "
       "sessions, the pre-audit and the on-site audit (the organisation's members, its "
       "consultant, administrators)",
       "engagements", Auth::kSession, "", "Engagement"},
      authed([&p](Request& request, const app::Caller& c) {
        return EngagementResponse(p.Get(c, request.params["id"]));
      }));
  add(Method::kPut, "/engagements/{id}",
      {"Write the engagement (its consultant, while it is active; the version read): the whole "
       "content, each problem on its path",
       "engagements", Auth::kSession, "EngagementInput", "Engagement"},
      authed([&p](Request& request, const app::Caller& c) {
        EngagementContent content;
        std::optional<int64_t> version;
        auto body = ReadBody(request, [&](ObjectReader& r) {
          formats::ReadEngagementContent(r, content);
          version = r.Integer("version", kVersionFromOne);
        });
        if (!body) return ErrorResponse(body.error());
        return EngagementResponse(p.Write(c, request.params["id"], std::move(content), version));
      }));
  add(Method::kPost, "/engagements/{id}/close",
      {"Close the engagement (its consultant or an administrator): it is kept as it was",
       "engagements", Auth::kSession, "", "Engagement"},
      authed([&p](Request& request, const app::Caller& c) {
        return EngagementResponse(p.Close(c, request.params["id"]));
      }));
  add(Method::kGet, "/consultant/engagements",
      {"The signed-in consultant's engagements, newest first (assessors)", "engagements",
       Auth::kSession, "", "EngagementList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto list = p.Mine(c);
        if (!list) return ErrorResponse(list.error());
        return PagedList(request, std::move(*list), WriteEngagement);
      }));
}

}  // namespace valuemark::http
