// The directory's taxonomy (data/network/taxonomy.json), read strictly with
// every problem's JSON path, then core's rules (core/directory.h
// CheckTaxonomy); and the taxonomy as the API serves it.
#pragma once

#include <string_view>

#include "core/directory.h"
#include "formats/json_writer.h"

namespace valuemark::formats {

Result<Taxonomy> ParseTaxonomy(std::string_view text);

// {"version", "published", "themes": [{"code", "name", "sdgs"}], "areas":
// [{"code", "name"}], "legal_forms": [...]}: the terms offered for new
// entries (retired ones left out).
void WriteTaxonomy(JsonWriter& w, const Taxonomy& t);

// An entry's public fields, without the braces: "name", "summary",
// "legal_form", "size_band", "people", "areas", "themes", "website",
// "listed" (the API's form, and what the audit keeps: never the contact).
void WriteDirectoryEntryFields(JsonWriter& w, const DirectoryEntry& e);

}  // namespace valuemark::formats
