// The JSON of brokerage (core/brokerage.h): a candidate's explained score and
// a partnership's shared outcomes, as the API serves and reads them and as
// the store keeps them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/brokerage.h"
#include "formats/json_reader.h"
#include "formats/json_writer.h"

namespace valuemark::formats {

// [{"name", "points", "out_of", "reason"}]
void WriteScoreParts(JsonWriter& w, const std::vector<ScorePart>& parts);
Result<std::vector<ScorePart>> ParseScoreParts(std::string_view text);

// [{"id", "description", "claims": [{"partner": "need" | "candidate",
// "share": 0..1, "map_id": string | null, "outcome_id": string | null}]}]
void WriteSharedOutcomes(JsonWriter& w, const std::vector<SharedOutcome>& outcomes);
// Reads the array at `key` of an API body, each problem at its path ("id"
// may be absent: a new outcome); core's CheckPartnership then checks the rules.
void ReadSharedOutcomes(ObjectReader& r, std::string_view key, std::vector<SharedOutcome>& out);
Result<std::vector<SharedOutcome>> ParseSharedOutcomes(std::string_view text);

}  // namespace valuemark::formats
