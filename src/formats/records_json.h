// JSON forms of the platform's records (docs/api.md "Records"), shared by the
// API responses and the audit log's change digests.
#pragma once

#include <optional>
#include <string>

#include "core/organisation.h"
#include "formats/json_writer.h"

namespace valuemark::formats {

// RFC 3339 UTC, e.g. "2026-11-23T09:30:00Z".
std::string FormatTime(UnixTime t);

void WriteUser(JsonWriter& w, const User& u);
void WriteOrganisation(JsonWriter& w, const Organisation& o);
// The organisation's keys and values without the braces, to add more beside them.
void WriteOrganisationFields(JsonWriter& w, const Organisation& o);
void WriteMember(JsonWriter& w, const Member& m);
void WriteScope(JsonWriter& w, const Scope& s);
void WriteInvitation(JsonWriter& w, const Invitation& i, UnixTime now);

// Writes null when absent.
void WriteOptionalString(JsonWriter& w, const std::optional<std::string>& s);

// Compact JSON of one record: the text whose SHA-256 the audit log keeps.
template <typename Record, typename... Extra>
std::string CompactJson(void (*write)(JsonWriter&, const Record&, Extra...), const Record& r,
                        Extra... extra) {
  JsonWriter w(0);
  write(w, r, extra...);
  return w.Take();
}

}  // namespace valuemark::formats
