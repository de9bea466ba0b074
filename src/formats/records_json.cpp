#include "formats/records_json.h"

#include <ctime>

namespace valuemark::formats {

std::string FormatTime(UnixTime t) {
  const std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

void WriteOptionalString(JsonWriter& w, const std::optional<std::string>& s) {
  if (s) {
    w.String(*s);
  } else {
    w.Null();
  }
}

void WriteUser(JsonWriter& w, const User& u) {
  w.BeginObject()
      .Field("id", u.id)
      .Field("email", u.email)
      .Field("name", u.name)
      .Field("platform_role", Name(u.platform_role))
      .Field("created_at", FormatTime(u.created_at))
      .Field("email_verified", u.email_verified_at.has_value())
      .Key("deactivated_at");
  if (u.deactivated_at)
    w.String(FormatTime(*u.deactivated_at));
  else
    w.Null();
  w.EndObject();
}

void WriteOrganisation(JsonWriter& w, const Organisation& o) {
  w.BeginObject();
  WriteOrganisationFields(w, o);
  w.EndObject();
}

void WriteOrganisationFields(JsonWriter& w, const Organisation& o) {
  w.Field("id", o.id)
      .Field("name", o.name)
      .Field("legal_structure", o.legal_structure)
      .Field("sector", o.sector)
      .Field("size_band", Name(o.size_band))
      .Field("area", o.area);
  w.Key("membership").BeginObject().Field("status", Name(o.membership_status)).Key("start");
  WriteOptionalString(w, o.membership_start);
  w.Key("expiry");
  WriteOptionalString(w, o.membership_expiry);
  w.EndObject();
  w.Key("representatives").BeginObject().Key("lead_user_id");
  WriteOptionalString(w, o.lead_user_id);
  w.Key("senior_leader_user_id");
  WriteOptionalString(w, o.senior_leader_user_id);
  w.EndObject();
  w.Field("created_at", FormatTime(o.created_at))
      .Field("updated_at", FormatTime(o.updated_at))
      .Field("version", o.version);
}

void WriteMember(JsonWriter& w, const Member& m) {
  w.BeginObject()
      .Field("user_id", m.user_id)
      .Field("name", m.name)
      .Field("email", m.email)
      .Field("role", Name(m.role))
      .Field("joined_at", FormatTime(m.joined_at))
      .EndObject();
}

void WriteScope(JsonWriter& w, const Scope& s) {
  w.BeginObject()
      .Field("id", s.id)
      .Field("organisation_id", s.organisation_id)
      .Field("kind", Name(s.kind))
      .Field("name", s.name)
      .Field("description", s.description)
      .Field("created_at", FormatTime(s.created_at))
      .EndObject();
}

void WriteInvitation(JsonWriter& w, const Invitation& i, UnixTime now) {
  w.BeginObject()
      .Field("id", i.id)
      .Field("organisation_id", i.organisation_id)
      .Field("email", i.email)
      .Field("role", Name(i.role))
      .Field("state", Name(StateOf(i, now)))
      .Field("invited_by", i.invited_by)
      .Field("created_at", FormatTime(i.created_at))
      .Field("expires_at", FormatTime(i.expires_at))
      .Key("accepted_at");
  if (i.accepted_at) {
    w.String(FormatTime(*i.accepted_at));
  } else {
    w.Null();
  }
  w.EndObject();
}

}  // namespace valuemark::formats
