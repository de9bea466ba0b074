// An engagement's content (core/engagement.h) as JSON: read strictly with
// every problem's path, from a request's body or a stored row, and written
// for the API and the stored row alike.
#pragma once

#include <string>
#include <string_view>

#include "core/engagement.h"
#include "formats/json_reader.h"
#include "formats/json_writer.h"

namespace valuemark::formats {

// "needs_review", "recommendations": [{"title", "detail"}], "plan": [{"topic",
// "kind", "due_on", "done"}], "sessions": [{"held_on", "minutes", "summary"}],
// "pre_audit" and "site_audit": {"done_on", "findings", "positive"} or null;
// each optional (empty when left out).
void ReadEngagementContent(ObjectReader& r, EngagementContent& out);
// The same fields, without the braces.
void WriteEngagementContentFields(JsonWriter& w, const EngagementContent& c);
// A stored row's content: {the fields above}.
Result<EngagementContent> ParseEngagementContent(std::string_view text);
std::string EngagementContentJson(const EngagementContent& c);

}  // namespace valuemark::formats
