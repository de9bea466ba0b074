// The brokerage routes (api_network.h; docs/api.md "Brokerage").
#include "formats/brokerage_json.h"
#include "formats/records_json.h"
#include "http/api_network.h"

namespace valuemark::http {
namespace {

// Any whole number: core/brokerage.h NormaliseNeed says the bounds in pounds.
constexpr Range kBudget{-9e15, 9e15, true, true};

void WriteOptional(JsonWriter& w, const std::string& s) {
  formats::WriteOptionalString(w, s.empty() ? std::nullopt : std::optional(s));
}

void WriteNeedFields(JsonWriter& w, const Need& n) {
  w.Field("title", n.title)
      .Field("outcomes", n.outcomes)
      .Field("themes", n.themes)
      .Field("areas", n.areas)
      .Key("budget_pence");
  if (n.budget_pence)
    w.Int(*n.budget_pence);
  else
    w.Null();
  w.Key("starts_on");
  WriteOptional(w, n.starts_on);
  w.Key("ends_on");
  WriteOptional(w, n.ends_on);
  w.Field("status", Name(n.status));
}

void WriteNeed(JsonWriter& w, const app::NeedView& v) {
  const Need& n = v.need;
  w.BeginObject()
      .Field("id", n.id)
      .Field("organisation_id", n.organisation_id)
      .Field("organisation_name", v.organisation_name);
  WriteNeedFields(w, n);
  w.Field("proposals", v.proposals)
      .Field("shortlisted", v.shortlisted)
      .Field("may_edit", v.may_edit)
      .Field("created_at", formats::FormatTime(n.created_at))
      .Field("updated_at", formats::FormatTime(n.updated_at))
      .Field("version", n.version)
      .EndObject();
}

void WriteContact(JsonWriter& w, const std::optional<app::Contact>& c) {
  if (c)
    w.BeginObject().Field("name", c->name).Field("email", c->email).EndObject();
  else
    w.Null();
}

void WriteMatch(JsonWriter& w, const app::MatchView& v) {
  const Match& m = v.match;
  w.BeginObject().Field("id", m.id).Key("need").BeginObject().Field("id", v.need.id);
  w.Field("organisation_id", m.need_organisation_id)
      .Field("organisation_name", v.need_organisation_name);
  WriteNeedFields(w, v.need);
  w.EndObject().Key("candidate").BeginObject().Field("entry_id", m.entry_id).Key("organisation_id");
  WriteOptional(w, m.candidate_organisation_id);
  w.Key("name");
  WriteOptional(w, v.candidate_name);
  w.Key("summary");
  WriteOptional(w, v.candidate_summary);
  w.Field("listed", v.candidate_listed).EndObject();
  w.Field("stage", Name(m.stage))
      .Field("stage_label", Describe(m.stage))
      .Field("introduced", m.introduced)
      .Field("score", m.score)
      .Key("parts");
  formats::WriteScoreParts(w, m.parts);
  w.Field("note", m.note)
      .Field("answered_for", m.answered_for)
      .Field("decline_reason", m.decline_reason)
      .Key("partnership");
  formats::WriteSharedOutcomes(w, m.partnership);
  w.Key("contacts").BeginObject().Key("candidate");
  WriteContact(w, v.candidate_contact);
  w.Key("need");
  WriteContact(w, v.need_contact);
  w.EndObject().Field("party", v.party).Key("moves").BeginArray();
  for (MatchStage s : v.moves) w.String(Name(s));
  w.EndArray()
      .Field("may_edit_partnership", v.may_edit_partnership)
      .Field("may_link_need_map", v.may_link_need_map)
      .Field("may_link_candidate_map", v.may_link_candidate_map)
      .Field("created_at", formats::FormatTime(m.created_at))
      .Field("updated_at", formats::FormatTime(m.updated_at))
      .Field("version", m.version)
      .EndObject();
}

Response NeedResponse(const Result<app::NeedView>& r, int status = 200) {
  if (!r) return ErrorResponse(r.error());
  JsonWriter w(0);
  WriteNeed(w, *r);
  return Json(w.Take(), status);
}

Response NeedsResponse(const Request& request, Result<std::vector<app::NeedView>> r) {
  if (!r) return ErrorResponse(r.error());
  return PagedList(request, std::move(*r), WriteNeed);
}

Response MatchResponse(const Result<app::MatchView>& r, int status = 200) {
  if (!r) return ErrorResponse(r.error());
  JsonWriter w(0);
  WriteMatch(w, *r);
  return Json(w.Take(), status);
}

Result<app::NeedInput> ReadNeed(Request& request) {
  app::NeedInput in;
  TRY(ReadBody(request, [&](ObjectReader& r) {
    in.title = r.String("title", true).value_or("");
    in.outcomes = r.String("outcomes", true).value_or("");
    ReadTaxonomyCodes(r, "themes", in.themes);
    ReadTaxonomyCodes(r, "areas", in.areas);
    if (!r.IsNull("budget_pence")) in.budget_pence = r.Integer("budget_pence", kBudget);
    if (!r.IsNull("starts_on")) in.starts_on = r.String("starts_on").value_or("");
    if (!r.IsNull("ends_on")) in.ends_on = r.String("ends_on").value_or("");
    in.status = r.String("status").value_or("");
    in.version = r.Integer("version", kVersionFromOne);
  }));
  return in;
}

}  // namespace

void RegisterBrokerageRoutes(const Routes& routes, app::BrokerageService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  add(Method::kGet, "/organisations/{id}/needs",
      {"The organisation's needs for partners, newest first (its members)", "brokerage",
       Auth::kSession, "", "NeedList"},
      authed([&p](Request& request, const app::Caller& c) {
        return NeedsResponse(request, p.NeedsOf(c, request.params["id"]));
      }));
  add(Method::kPost, "/organisations/{id}/needs",
      {"Post a need for partners: the outcomes wanted, themes, areas, budget and timeline (the "
       "Lead or the Senior Leader); the brokers are told",
       "brokerage", Auth::kSession, "NeedInput", "Need", 201},
      authed([&p](Request& request, const app::Caller& c) {
        auto in = ReadNeed(request);
        if (!in) return ErrorResponse(in.error());
        return NeedResponse(p.PostNeed(c, request.params["id"], *in), 201);
      }));
  add(Method::kGet, "/needs/{id}",
      {"A need with the matches you may see: the broker all, the organisation those proposed "
       "and on, a candidate its own",
       "brokerage", Auth::kSession, "", "NeedDetail"},
      authed([&p](Request& request, const app::Caller& c) {
        auto detail = p.GetNeed(c, request.params["id"]);
        if (!detail) return ErrorResponse(detail.error());
        JsonWriter w(0);
        w.BeginObject().Key("need");
        WriteNeed(w, detail->need);
        w.Key("matches").BeginArray();
        for (const app::MatchView& m : detail->matches) WriteMatch(w, m);
        w.EndArray().EndObject();
        return Json(w.Take());
      }));
  add(Method::kPut, "/needs/{id}",
      {"Change a need, or close it (status closed) or reopen it (the Lead or the Senior Leader)",
       "brokerage", Auth::kSession, "NeedInput", "Need"},
      authed([&p](Request& request, const app::Caller& c) {
        auto in = ReadNeed(request);
        if (!in) return ErrorResponse(in.error());
        return NeedResponse(p.UpdateNeed(c, request.params["id"], *in));
      }));
  add(Method::kGet, "/organisations/{id}/matches",
      {"The organisation's partnerships: proposals to it and the matches of its needs, newest "
       "first (its members)",
       "brokerage", Auth::kSession, "", "MatchList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto list = p.MatchesOf(c, request.params["id"]);
        if (!list) return ErrorResponse(list.error());
        return PagedList(request, std::move(*list), WriteMatch);
      }));
  add(Method::kGet, "/broker/needs",
      {"Every open need, newest first (broker)", "brokerage", Auth::kSession, "", "NeedList"},
      authed([&p](Request& request, const app::Caller& c) {
        return NeedsResponse(request, p.OpenNeeds(c));
      }));
  add(
      Method::kGet, "/broker/needs/{id}/candidates",
      [] {
        RouteDoc doc{
            "The directory ranked against a need, best first, each score explained by "
            "its parts: themes, area, certification and capacity (broker; ?limit= up to "
            "100, 20 by default)",
            "brokerage", Auth::kSession, "", "RankedCandidates"};
        doc.optional_query = {"limit"};
        return doc;
      }(),
      authed(routes.heavy([&p](Request& request, const app::Caller& c) {
        auto limit = QueryInt(request, "limit", 1, 100);
        if (!limit) return ErrorResponse(limit.error());
        auto list = p.Candidates(c, request.params["id"], static_cast<int>(limit->value_or(20)));
        if (!list) return ErrorResponse(list.error());
        JsonWriter w(0);
        w.BeginObject().Key("items").BeginArray();
        for (const app::CandidateView& v : *list) {
          const CandidateFacts& f = v.ranked.facts;
          w.BeginObject().Field("entry_id", f.entry_id).Key("organisation_id");
          WriteOptional(w, f.organisation_id);
          w.Field("name", f.name)
              .Field("summary", v.summary)
              .Field("listed", v.listed)
              .Field("score", v.ranked.score)
              .Key("parts");
          formats::WriteScoreParts(w, v.ranked.parts);
          w.Key("match_id");
          WriteOptional(w, v.match_id);
          w.EndObject();
        }
        w.EndArray().EndObject();
        return Json(w.Take());
      })));
  add(Method::kPost, "/broker/needs/{id}/shortlist",
      {"Put a directory entry on a need's shortlist, which only the brokers see (broker)",
       "brokerage", Auth::kSession, "ShortlistInput", "Match", 201},
      authed([&p](Request& request, const app::Caller& c) {
        std::string entry_id;
        auto body = ReadBody(
            request, [&](ObjectReader& r) { entry_id = r.String("entry_id", true).value_or(""); });
        if (!body) return ErrorResponse(body.error());
        return MatchResponse(p.Shortlist(c, request.params["id"], entry_id), 201);
      }));
  add(Method::kGet, "/matches/{id}",
      {"A match: the need, the candidate, its stage and explained score, each side's contact "
       "once the candidate accepts, and the partnership",
       "brokerage", Auth::kSession, "", "Match"},
      authed([&p](Request& request, const app::Caller& c) {
        return MatchResponse(p.GetMatch(c, request.params["id"]));
      }));
  add(Method::kPost, "/matches/{id}/stage",
      {"Move a match on: propose (broker), accept or decline (the candidate), then agreed, "
       "active, completed (either partner or the broker), or declined with a reason",
       "brokerage", Auth::kSession, "MatchMoveInput", "Match"},
      authed([&p](Request& request, const app::Caller& c) {
        app::MoveInput in;
        auto body = ReadBody(request, [&](ObjectReader& r) {
          if (auto stage = r.String("stage", true)) {
            auto parsed = ParseMatchStage(*stage);
            if (parsed && *parsed != MatchStage::kShortlisted)
              in.stage = *parsed;
            else
              r.Report("stage",
                       "must be proposed, introduced, agreed, active, completed or declined");
          }
          in.reason = r.String("reason").value_or("");
          in.note = r.String("note").value_or("");
          in.answered_for = r.String("answered_for").value_or("");
          in.version = r.Integer("version", kVersionFromOne);
        });
        if (!body) return ErrorResponse(body.error());
        return MatchResponse(p.Move(c, request.params["id"], in));
      }));
  add(Method::kDelete, "/matches/{id}",
      {"Take an entry off a need's shortlist before it is proposed (broker)", "brokerage",
       Auth::kSession, "", "", 204},
      authed([&p](Request& request, const app::Caller& c) {
        if (auto done = p.RemoveFromShortlist(c, request.params["id"]); !done)
          return ErrorResponse(done.error());
        return NoContent();
      }));
  add(Method::kPut, "/matches/{id}/partnership",
      {"Record the outcomes the partners create together and each one's share, tied to the "
       "outcomes of their impact maps (either partner's Lead or Senior Leader, or the broker, "
       "from agreed on); the shares of an outcome add up to at most 100%",
       "brokerage", Auth::kSession, "PartnershipInput", "Match"},
      authed([&p](Request& request, const app::Caller& c) {
        std::vector<SharedOutcome> outcomes;
        std::optional<int64_t> version;
        auto body = ReadBody(request, [&](ObjectReader& r) {
          formats::ReadSharedOutcomes(r, "outcomes", outcomes);
          version = r.Integer("version", kVersionFromOne);
        });
        if (!body) return ErrorResponse(body.error());
        return MatchResponse(
            p.SavePartnership(c, request.params["id"], std::move(outcomes), version));
      }));
}

}  // namespace valuemark::http
