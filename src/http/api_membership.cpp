// The membership routes (api_membership.h).
#include "http/api_membership.h"

#include "formats/membership_json.h"
#include "formats/scheme_json.h"

namespace valuemark::http {
namespace {

// Whole numbers of any size are read here; their meaning (at least 0, at
// most a bound) is checked by the use case, in words.
constexpr Range kWholeNumber{-9e15, 9e15, true, true};

void WriteBand(JsonWriter& w, const MembershipTerms& terms, SizeBand band) {
  const SizeBandRule& rule = terms.Rule(band);
  w.BeginObject()
      .Field("band", Name(band))
      .Field("label", rule.label)
      .Field("description", DescribeBand(terms, band))
      .Key("max_staff");
  if (rule.max_staff)
    w.Int(*rule.max_staff);
  else
    w.Null();
  w.Key("max_turnover_pence");
  if (rule.max_turnover_pence)
    w.Int(*rule.max_turnover_pence);
  else
    w.Null();
  w.Key("fee");
  formats::WriteFeeQuote(w, QuoteMembership(terms, band));
  w.EndObject();
}

void WriteRequest(JsonWriter& w, const app::NamedMembershipRequest& n) {
  w.BeginObject();
  formats::WriteMembershipRequestFields(w, n.request);
  w.Field("organisation_name", n.organisation_name)
      .Field("requested_by_name", n.requested_by_name)
      .Key("decided_by_name");
  formats::WriteOptionalString(
      w, n.decided_by_name.empty() ? std::nullopt : std::optional(n.decided_by_name));
  w.EndObject();
}

Response RequestResponse(const Result<app::NamedMembershipRequest>& r, int status = 200) {
  if (!r) return ErrorResponse(r.error());
  JsonWriter w(0);
  WriteRequest(w, *r);
  return Json(w.Take(), status);
}

}  // namespace

void RegisterMembershipRoutes(const Routes& routes, app::MembershipService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  add(Method::kGet, "/membership",
      {"The certifying body's membership terms: the size bands with their limits and yearly "
       "fees, the term, when renewal opens, and how payment is arranged",
       "membership", Auth::kPublic, "", "MembershipTerms"},
      [&p](Request&) {
        const MembershipTerms& t = p.terms();
        JsonWriter w(0);
        w.BeginObject()
            .Field("owner", t.owner)
            .Field("currency", t.currency)
            .Field("vat_percent", t.vat_percent)
            .Field("term_months", t.term_months)
            .Field("renewal_window_days", t.renewal_window_days)
            .Field("contact", t.contact)
            .Field("payment", t.payment)
            .Key("bands")
            .BeginArray();
        for (const SizeBandRule& b : t.bands) WriteBand(w, t, b.band);
        w.EndArray().EndObject();
        return Json(w.Take());
      });
  add(Method::kGet, "/membership/requests",
      {"Every membership request waiting for a decision, oldest first (administrator)",
       "membership", Auth::kSession, "", "MembershipRequestList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto list = p.Pending(c);
        if (!list) return ErrorResponse(list.error());
        return PagedList(request, std::move(*list), WriteRequest);
      }));
  add(Method::kGet, "/organisations/{id}/membership",
      {"The organisation's membership: its status and dates, its size band with the band's "
       "definition and fee, what it may request now, and its requests, newest first",
       "membership", Auth::kSession, "", "OrganisationMembership"},
      authed([&p](Request& request, const app::Caller& c) {
        auto v = p.GetMembership(c, request.params["id"]);
        if (!v) return ErrorResponse(v.error());
        const Organisation& o = v->organisation;
        JsonWriter w(0);
        w.BeginObject().Field("status", Name(o.membership_status)).Key("start");
        formats::WriteOptionalString(w, o.membership_start);
        w.Key("expiry");
        formats::WriteOptionalString(w, o.membership_expiry);
        w.Key("band");
        WriteBand(w, p.terms(), o.size_band);
        w.Key("can_request");
        if (v->can_request)
          w.String(Name(*v->can_request));
        else
          w.Null();
        w.Key("cannot_request");
        formats::WriteOptionalString(
            w, v->cannot_request.empty() ? std::nullopt : std::optional(v->cannot_request));
        w.Field("may_request", v->may_request).Key("renewal_opens_on");
        formats::WriteOptionalString(w, v->renewal_opens_on);
        w.Key("requests").BeginArray();
        for (const app::NamedMembershipRequest& r : v->requests) WriteRequest(w, r);
        w.EndArray().EndObject();
        return Json(w.Take());
      }));
  add(Method::kPost, "/organisations/{id}/membership/requests",
      {"Request to join, or to renew, with the number of staff and the yearly turnover that set "
       "the size band (the Lead or the Senior Leader); the administrators are told",
       "membership", Auth::kSession, "MembershipRequestInput", "MembershipRequest", 201},
      authed([&p](Request& request, const app::Caller& c) {
        app::MembershipRequestInput in;
        auto body = ReadBody(request, [&](ObjectReader& r) {
          in.staff = r.Integer("staff", kWholeNumber);
          in.turnover_pence = r.Integer("turnover_pence", kWholeNumber);
        });
        if (!body) return ErrorResponse(body.error());
        return RequestResponse(p.Request(c, request.params["id"], in), 201);
      }));
  add(Method::kPost, "/organisations/{id}/membership/requests/{request_id}/withdraw",
      {"Withdraw the request still waiting for a decision (the Lead or the Senior Leader)",
       "membership", Auth::kSession, "", "MembershipRequest"},
      authed([&p](Request& request, const app::Caller& c) {
        return RequestResponse(p.Withdraw(c, request.params["id"], request.params["request_id"]));
      }));
  add(Method::kPost, "/organisations/{id}/membership/requests/{request_id}/decision",
      {"Approve a request (the membership starts or continues for the term, in the request's "
       "band) or decline it with a reason (administrator, not a member of the organisation)",
       "membership", Auth::kSession, "MembershipDecisionInput", "MembershipRequest"},
      authed([&p](Request& request, const app::Caller& c) {
        std::string decision, reason;
        auto body = ReadBody(request, [&](ObjectReader& r) {
          decision = r.String("decision", true).value_or("");
          reason = r.String("reason").value_or("");
          if (!decision.empty() && decision != "approve" && decision != "decline")
            r.Report("decision", "must be \"approve\" or \"decline\"");
        });
        if (!body) return ErrorResponse(body.error());
        return RequestResponse(p.Decide(c, request.params["id"], request.params["request_id"],
                                        decision == "approve", reason));
      }));
}

}  // namespace valuemark::http
