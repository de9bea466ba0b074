// Scheme definition files (data/schemes/*.json) and the scheme's API form
// (docs/api.md "Schemes"). A file is read strictly: unknown keys and every
// problem are reported with their JSON path, then the scheme's own rules
// (core/scheme.h ValidateScheme) run, so that a bad file stops the server at
// start-up with every problem named.
#pragma once

#include <string>
#include <string_view>

#include "core/scheme.h"
#include "formats/json_writer.h"

namespace valuemark::formats {

Result<Scheme> ParseScheme(std::string_view text);

// {"id", "name", "version", "levels": [{"number", "name", "verified", "stages":
// [{"name", "criteria": [{"id", "text", "evidence_guidance"}]}]}],
// "validity_months", "fees"}.
void WriteSchemeApi(JsonWriter& w, const Scheme& s);

// {"currency", "size_band", "net", "vat_percent", "vat", "gross", "net_pence",
// "vat_pence", "gross_pence", "text"}: money as a number in the currency with
// its code beside it (docs/api.md), the pence exact.
void WriteFeeQuote(JsonWriter& w, const FeeQuote& q);

}  // namespace valuemark::formats
