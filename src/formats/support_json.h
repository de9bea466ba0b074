// The support registers (core/support.h) as JSON: each entry's fields as the
// API serves them and the audit keeps them, and the built-in resource
// library's index (data/resources/library.json), read strictly with every
// problem's JSON path.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/support.h"
#include "formats/json_writer.h"

namespace valuemark::formats {

// Without the braces: "name", "level", "organisation", "contact", "areas",
// "awarded_on", "expires_on".
void WritePractitionerFields(JsonWriter& w, const Practitioner& p);
// "name", "organisation", "summary", "website", "email", "areas", "schemes",
// "languages", "criteria".
void WriteConsultantFields(JsonWriter& w, const Consultant& k);
// "title", "kind", "summary", "link", "file_name", "media_type",
// "file_bytes", "schemes", "criteria".
void WriteResourceFields(JsonWriter& w, const Resource& r);

// One resource of the built-in library, with the name of its file in
// data/resources.
struct BuiltInResource {
  Resource resource;
  std::string file;
};

// {"resources": [{"id", "title", "kind", "summary", "file", "schemes",
// "criteria"}]}: ids unique, files named as plain file names.
Result<std::vector<BuiltInResource>> ParseResourceLibrary(std::string_view text);

}  // namespace valuemark::formats
