// The measure-and-manage routes (docs/api.md "Impact maps", "Value bank",
// "Pledges", "Decisions"), added to the API's route table by Api::AddRoutes.
#pragma once

#include <functional>
#include <string>

#include "app/platform.h"
#include "http/router.h"

namespace valuemark::http {

using AuthedHandler = std::function<Response(Request&, const app::Caller&)>;
// Api::AddRoutes' own route adder and session wrapper (api.cpp).
using AddRoute = std::function<void(Method, const std::string&, RouteDoc, Handler)>;
using WrapAuthed = std::function<Handler(AuthedHandler)>;

void AddMeasureRoutes(app::Platform& platform, const AddRoute& add, const WrapAuthed& authed);

// The OpenAPI schemas of those routes, as one JSON object.
const char* MeasureSchemasJson();

}  // namespace valuemark::http
