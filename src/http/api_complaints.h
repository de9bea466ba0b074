// The complaint routes (docs/api.md "Complaints"): anyone complains about a
// certified organisation; the administrators investigate, the organisation
// answers, and an administrator decides.
#pragma once

#include "app/certification/complaints.h"
#include "http/api_helpers.h"

namespace valuemark::http {

void RegisterComplaintRoutes(const Routes& routes, app::ComplaintService& complaints);

}  // namespace valuemark::http
