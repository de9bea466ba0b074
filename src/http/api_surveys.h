// The survey routes of docs/api.md "Surveys": the designer API, responses,
// results, and the public survey page's two endpoints.
#pragma once

#include "app/platform.h"
#include "http/api_util.h"

namespace valuemark::http {

void AddSurveyRoutes(app::Platform& platform, const AddRoute& add, const Authed& authed);

}  // namespace valuemark::http
