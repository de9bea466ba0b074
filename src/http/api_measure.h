// The measure-and-manage routes (docs/api.md "Impact maps", "Value bank",
// "Pledges", "Decisions"), added to the API's route table by Api::AddRoutes.
#pragma once

#include "app/platform.h"
#include "http/api_helpers.h"

namespace valuemark::http {

// Calculations run on the heavy-work pool; imports are rate-limited uploads.
void AddMeasureRoutes(app::Platform& platform, const AddRoute& add, const WrapAuthed& authed,
                      const Heavy& heavy, app::RateLimits& limits);

// The OpenAPI schemas of those routes, as one JSON object.
const char* MeasureSchemasJson();

}  // namespace valuemark::http
