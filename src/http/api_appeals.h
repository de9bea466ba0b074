// The appeal routes (docs/api.md "Appeals"): appealing a rejection, a
// suspension or a revocation, and the decisions of staff who took no part.
#pragma once

#include "app/certification/appeals.h"
#include "http/api_helpers.h"

namespace valuemark::http {

void RegisterAppealRoutes(const Routes& routes, app::AppealService& appeals);

}  // namespace valuemark::http
