// The survey routes of docs/api.md "Surveys": the designer API, responses,
// results, and the public survey page's two endpoints.
#pragma once

#include "app/surveys/surveys.h"
#include "http/api_helpers.h"

namespace valuemark::http {

// Importing responses is a rate-limited upload and heavy work.
void RegisterSurveyRoutes(const Routes& routes, app::SurveyService& surveys);

}  // namespace valuemark::http
