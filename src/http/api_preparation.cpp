// The preparation-call routes (api_certification.h; docs/api.md
// "Preparation calls").
#include "formats/records_json.h"
#include "http/api_certification.h"

namespace valuemark::http {
namespace {

const char* StateName(SlotState s) {
  switch (s) {
    case SlotState::kOpen:
      return "open";
    case SlotState::kBooked:
      return "booked";
    case SlotState::kHeld:
      return "held";
    case SlotState::kPast:
      return "past";
  }
  return "";
}

void WriteOptional(JsonWriter& w, const std::string& s) {
  formats::WriteOptionalString(w, s.empty() ? std::nullopt : std::optional(s));
}

void WriteSlot(JsonWriter& w, const app::SlotView& v) {
  const PreparationSlot& s = v.slot;
  w.BeginObject()
      .Field("id", s.id)
      .Field("starts_at", formats::FormatTime(s.starts_at))
      .Field("minutes", s.minutes)
      .Field("scheme_id", s.scheme_id)
      .Field("scheme_name", v.scheme_name)
      .Field("state", StateName(v.state))
      .Key("organisation_id");
  WriteOptional(w, s.organisation_id);
  w.Key("organisation_name");
  WriteOptional(w, v.organisation_name);
  w.Key("booked_by_name");
  WriteOptional(w, v.booked_by_name);
  w.Key("booked_at");
  WriteOptional(w, s.organisation_id.empty() ? "" : formats::FormatTime(s.booked_at));
  w.Key("held_at");
  WriteOptional(w, s.held_at ? formats::FormatTime(*s.held_at) : "");
  w.Field("version", s.version).EndObject();
}

Response SlotResponse(const Result<app::SlotView>& r, int status = 200) {
  if (!r) return ErrorResponse(r.error());
  JsonWriter w(0);
  WriteSlot(w, *r);
  return Json(w.Take(), status);
}

}  // namespace

void RegisterPreparationCallRoutes(const Routes& routes, app::PreparationCallService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  add(Method::kGet, "/preparation-calls",
      {"The Assurance Manager's calendar: every time from 30 days ago on, soonest first, with "
       "who booked it (administrators)",
       "certification", Auth::kSession, "", "PreparationSlotList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto list = p.Calendar(c);
        if (!list) return ErrorResponse(list.error());
        return PagedList(request, std::move(*list), WriteSlot);
      }));
  add(Method::kPost, "/preparation-calls",
      {"Offer a time for a preparation call for a scheme (administrators)", "certification",
       Auth::kSession, "PreparationSlotInput", "PreparationSlot", 201},
      authed([&p](Request& request, const app::Caller& c) {
        app::SlotInput in;
        auto body = ReadBody(request, [&](ObjectReader& r) {
          in.starts_at = r.String("starts_at", true).value_or("");
          in.minutes =
              static_cast<int>(r.Integer("minutes", Range{1, 1440, true, true}, true).value_or(30));
          in.scheme_id = r.String("scheme_id", true).value_or("");
        });
        if (!body) return ErrorResponse(body.error());
        return SlotResponse(p.Publish(c, in), 201);
      }));
  add(Method::kDelete, "/preparation-calls/{id}",
      {"Withdraw a time nobody booked (administrators)", "certification", Auth::kSession, "", "",
       204},
      authed([&p](Request& request, const app::Caller& c) {
        if (auto done = p.Remove(c, request.params["id"]); !done)
          return ErrorResponse(done.error());
        return NoContent();
      }));
  add(Method::kPost, "/preparation-calls/{id}/held",
      {"Record that a booked call was held, once it has begun (administrators): the "
       "organisation may then submit to a scheme that asks for one",
       "certification", Auth::kSession, "", "PreparationSlot"},
      authed([&p](Request& request, const app::Caller& c) {
        return SlotResponse(p.RecordHeld(c, request.params["id"]));
      }));
  add(Method::kGet, "/organisations/{id}/preparation-calls",
      {"The organisation's preparation calls, the times it may book, and the schemes that ask "
       "for a held call before submission (its members)",
       "certification", Auth::kSession, "", "OrganisationPreparationCalls"},
      authed([&p](Request& request, const app::Caller& c) {
        auto calls = p.ForOrganisation(c, request.params["id"]);
        if (!calls) return ErrorResponse(calls.error());
        JsonWriter w(0);
        w.BeginObject().Key("booked").BeginArray();
        for (const app::SlotView& v : calls->booked) WriteSlot(w, v);
        w.EndArray().Key("open").BeginArray();
        for (const app::SlotView& v : calls->open) WriteSlot(w, v);
        w.EndArray()
            .Field("schemes_requiring", calls->schemes_requiring)
            .Field("may_book", calls->may_book)
            .EndObject();
        return Json(w.Take());
      }));
  add(Method::kPost, "/organisations/{id}/preparation-calls/{slot_id}/book",
      {"Book a time (the Lead or the Senior Leader); one booked call per scheme at a time",
       "certification", Auth::kSession, "", "PreparationSlot"},
      authed([&p](Request& request, const app::Caller& c) {
        return SlotResponse(p.Book(c, request.params["id"], request.params["slot_id"]));
      }));
  add(Method::kPost, "/organisations/{id}/preparation-calls/{slot_id}/cancel",
      {"Cancel a booking before the call begins (the Lead or the Senior Leader, or the "
       "Assurance Manager)",
       "certification", Auth::kSession, "", "PreparationSlot"},
      authed([&p](Request& request, const app::Caller& c) {
        return SlotResponse(p.Cancel(c, request.params["id"], request.params["slot_id"]));
      }));
}

}  // namespace valuemark::http
