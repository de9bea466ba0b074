// The certification records' JSON (docs/api.md "Certification"): one form for
// the API, the audit log's digests and the stored document of an application
// (the storage back ends keep an application whole, as this text, beside the
// columns they index), so what is stored is exactly what is shown.
#pragma once

#include <string_view>

#include "core/certification.h"
#include "formats/json_writer.h"

namespace valuemark::formats {

void WriteApplication(JsonWriter& w, const Application& a);
// The application's keys and values without the braces, to add more beside them.
void WriteApplicationFields(JsonWriter& w, const Application& a);
// Reads what WriteApplication wrote; InvalidArgument naming the path otherwise.
Result<Application> ParseApplication(std::string_view text);

// A round's fields inside an object the caller opens (GET /rounds adds its count).
void WriteRoundFields(JsonWriter& w, const Round& r);
void WriteRound(JsonWriter& w, const Round& r);

}  // namespace valuemark::formats
