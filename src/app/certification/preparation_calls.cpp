#include "app/certification/preparation_calls.h"

#include <fmt/format.h>

#include "app/audit/chain.h"
#include "app/certification/certificates.h"
#include "app/crypto.h"
#include "app/validate.h"
#include "core/calendar.h"
#include "formats/json_writer.h"
#include "formats/records_json.h"

namespace valuemark::app {
namespace {

constexpr UnixTime kCalendarPast = 30 * 86400;

bool IsAssuranceManager(const Caller& c) {
  return c.user.platform_role == PlatformRole::kAdministrator;
}

Error NoSuchTime() { return Error::Make(ErrorCode::kNotFound, "no such preparation call time"); }

// "Tuesday 5 January 2027 at 10:00 (UTC)": how a time reads in an email.
std::string When(UnixTime t) {
  const UnixTime s = t - DayOf(t) * 86400;
  return fmt::format("{} at {:02}:{:02} (UTC)", ReadableDate(FormatDay(DayOf(t))), s / 3600,
                     (s % 3600) / 60);
}

std::string SlotJson(const PreparationSlot& s) {
  formats::JsonWriter w(0);
  w.BeginObject()
      .Field("starts_at", formats::FormatTime(s.starts_at))
      .Field("minutes", s.minutes)
      .Field("scheme_id", s.scheme_id)
      .Field("organisation_id", s.organisation_id)
      .Field("held", s.held_at.has_value())
      .EndObject();
  return w.Take();
}

}  // namespace

namespace {

Result<SlotView> ViewOf(Transaction& tx, const SchemeCatalogue& schemes, PreparationSlot s,
                        UnixTime now, bool names) {
  SlotView v;
  v.state = StateOf(s, now);
  const Scheme* scheme = schemes.Latest(s.scheme_id);
  v.scheme_name = scheme ? scheme->name : s.scheme_id;
  if (names && !s.organisation_id.empty()) {
    if (auto org = TRY(tx.FindOrganisation(s.organisation_id))) v.organisation_name = org->name;
    if (auto user = TRY(tx.FindUserById(s.booked_by))) v.booked_by_name = user->name;
  }
  v.slot = std::move(s);
  return v;
}

}  // namespace

Result<SlotView> PreparationCallService::Publish(const Caller& caller, const SlotInput& in) {
  if (!IsAssuranceManager(caller)) return Fail(NotAllowed());
  PreparationSlot s;
  std::vector<FieldError> errors;
  if (auto t = ParseTimestamp(in.starts_at))
    s.starts_at = *t;
  else
    errors.push_back({"starts_at", "give the date and time, such as 2027-01-05T10:00:00Z"});
  if (options_.schemes.Latest(in.scheme_id) == nullptr)
    errors.push_back({"scheme_id", "choose one of the schemes"});
  s.minutes = in.minutes;
  if (errors.empty())
    if (auto checked = CheckNewSlot(s, Now()); !checked) errors = checked.error().fields;
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  s.id = NewId();
  s.scheme_id = in.scheme_id;
  s.published_by = caller.user.id;
  s.published_at = Now();
  return store_.WriteValue([&](Transaction& tx) -> Result<SlotView> {
    TRY(tx.InsertPreparationSlot(s));
    TRY(AppendAuditEvent(
        tx, {caller.user.id, "preparation_call.publish", "preparation_call", s.id, "", SlotJson(s)},
        Now()));
    return ViewOf(tx, options_.schemes, s, Now(), true);
  });
}

Result<void> PreparationCallService::Remove(const Caller& caller, const std::string& id) {
  if (!IsAssuranceManager(caller)) return Fail(NotAllowed());
  return store_.Write([&](Transaction& tx) -> Result<void> {
    auto s = TRY(tx.FindPreparationSlot(id));
    if (!s) return Fail(NoSuchTime());
    if (!s->organisation_id.empty())
      return Fail(Error::Make(ErrorCode::kFailedPrecondition,
                              "this time is booked: the organisation cancels it first, or you "
                              "cancel the booking for them"));
    TRY(tx.DeletePreparationSlot(id));
    return AppendAuditEvent(
        tx, {caller.user.id, "preparation_call.remove", "preparation_call", id, "", SlotJson(*s)},
        Now());
  });
}

Result<std::vector<SlotView>> PreparationCallService::Calendar(const Caller& caller) {
  if (!IsAssuranceManager(caller)) return Fail(NotAllowed());
  return store_.ReadValue([&](Transaction& tx) -> Result<std::vector<SlotView>> {
    std::vector<SlotView> out;
    for (PreparationSlot& s : TRY(tx.ListPreparationSlots(Now() - kCalendarPast)))
      out.push_back(TRY(ViewOf(tx, options_.schemes, std::move(s), Now(), true)));
    return out;
  });
}

Result<SlotView> PreparationCallService::RecordHeld(const Caller& caller, const std::string& id) {
  if (!IsAssuranceManager(caller)) return Fail(NotAllowed());
  return store_.WriteValue([&](Transaction& tx) -> Result<SlotView> {
    auto s = TRY(tx.FindPreparationSlot(id));
    if (!s) return Fail(NoSuchTime());
    TRY(CheckHeld(*s, Now()));
    s->held_at = Now();
    TRY(tx.UpdatePreparationSlot(*s));
    ++s->version;
    TRY(AppendAuditEvent(tx,
                         {caller.user.id, "preparation_call.held", "preparation_call", s->id,
                          s->organisation_id, SlotJson(*s)},
                         Now()));
    auto view = TRY(ViewOf(tx, options_.schemes, *s, Now(), true));
    if (auto org = TRY(tx.FindOrganisation(s->organisation_id)))
      TRY(NotifyRepresentatives(
          tx, *org,
          fmt::format("ValueMark: your preparation call for {} is recorded", view.scheme_name),
          fmt::format("The Assurance Manager recorded your preparation call of {} for {} as held. "
                      "You may now submit an application to {}.\n{}/organisations/{}/"
                      "certification#preparation-call",
                      When(s->starts_at), view.scheme_name, view.scheme_name, options_.public_url,
                      org->id),
          Now()));
    return view;
  });
}

Result<OrganisationCalls> PreparationCallService::ForOrganisation(const Caller& caller,
                                                                  const std::string& org_id) {
  return store_.ReadValue([&](Transaction& tx) -> Result<OrganisationCalls> {
    auto role = TRY(Authorise(tx, caller, org_id, OrgAction::kRead));
    OrganisationCalls out;
    out.may_book = Decide(caller.user.platform_role, role, OrgAction::kDecide) == Access::kAllow;
    for (PreparationSlot& s : TRY(tx.ListPreparationSlotsOfOrganisation(org_id)))
      out.booked.push_back(TRY(ViewOf(tx, options_.schemes, std::move(s), Now(), true)));
    for (PreparationSlot& s : TRY(tx.ListPreparationSlots(Now())))
      if (s.organisation_id.empty())
        out.open.push_back(TRY(ViewOf(tx, options_.schemes, std::move(s), Now(), false)));
    for (const Scheme* scheme : options_.schemes.all())
      if (scheme->preparation_call && options_.schemes.Latest(scheme->id) == scheme)
        out.schemes_requiring.push_back(scheme->name);
    return out;
  });
}

Result<SlotView> PreparationCallService::Book(const Caller& caller, const std::string& org_id,
                                              const std::string& id) {
  return store_.WriteValue([&](Transaction& tx) -> Result<SlotView> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kDecide));
    auto s = TRY(tx.FindPreparationSlot(id));
    if (!s) return Fail(NoSuchTime());
    TRY(CheckBooking(*s, Now()));
    for (const PreparationSlot& mine : TRY(tx.ListPreparationSlotsOfOrganisation(org_id)))
      if (mine.scheme_id == s->scheme_id && StateOf(mine, Now()) == SlotState::kBooked)
        return Fail(Error::Make(
            ErrorCode::kFailedPrecondition,
            fmt::format("you already have a call booked for {}: cancel it first to choose "
                        "another time",
                        When(mine.starts_at))));
    s->organisation_id = org_id;
    s->booked_by = caller.user.id;
    s->booked_at = Now();
    TRY(tx.UpdatePreparationSlot(*s));
    ++s->version;
    TRY(AppendAuditEvent(
        tx,
        {caller.user.id, "preparation_call.book", "preparation_call", s->id, org_id, SlotJson(*s)},
        Now()));
    auto view = TRY(ViewOf(tx, options_.schemes, *s, Now(), true));
    if (auto org = TRY(tx.FindOrganisation(org_id)))
      TRY(NotifyAdministrators(
          tx, *org, fmt::format("ValueMark: {} booked a preparation call", OneLine(org->name)),
          fmt::format("{} booked the preparation call of {} for {}, booked by {}.\n{}/admin/"
                      "preparation-calls",
                      org->name, When(s->starts_at), view.scheme_name, caller.user.name,
                      options_.public_url),
          Now()));
    return view;
  });
}

Result<SlotView> PreparationCallService::Cancel(const Caller& caller, const std::string& org_id,
                                                const std::string& id) {
  return store_.WriteValue([&](Transaction& tx) -> Result<SlotView> {
    if (!IsAssuranceManager(caller)) TRY(Authorise(tx, caller, org_id, OrgAction::kDecide));
    auto s = TRY(tx.FindPreparationSlot(id));
    if (!s || s->organisation_id != org_id) return Fail(NoSuchTime());
    TRY(CheckCancel(*s, Now()));
    const PreparationSlot before = *s;
    s->organisation_id.clear();
    s->booked_by.clear();
    s->booked_at = 0;
    TRY(tx.UpdatePreparationSlot(*s));
    ++s->version;
    TRY(AppendAuditEvent(tx,
                         {caller.user.id, "preparation_call.cancel", "preparation_call", s->id,
                          org_id, SlotJson(*s), SlotJson(before)},
                         Now()));
    auto view = TRY(ViewOf(tx, options_.schemes, *s, Now(), true));
    // The Assurance Manager cancelling tells the organisation; it cancelling
    // tells the Assurance Manager.
    if (auto org = TRY(tx.FindOrganisation(org_id))) {
      const std::string subject =
          fmt::format("ValueMark: the preparation call of {} is cancelled", When(before.starts_at));
      if (IsAssuranceManager(caller))
        TRY(NotifyRepresentatives(
            tx, *org, subject,
            fmt::format("The Assurance Manager cancelled your preparation call of {} for {}. "
                        "Book another time: {}/organisations/{}/certification#preparation-call",
                        When(before.starts_at), view.scheme_name, options_.public_url, org_id),
            Now()));
      else
        TRY(NotifyAdministrators(
            tx, *org, subject,
            fmt::format("{} cancelled its preparation call of {} for {}; the time is offered "
                        "again.\n{}/admin/preparation-calls",
                        org->name, When(before.starts_at), view.scheme_name, options_.public_url),
            Now()));
    }
    return view;
  });
}

}  // namespace valuemark::app
