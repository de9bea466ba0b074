// The membership routes (docs/api.md "Membership"): the certifying body's
// terms and size bands, an organisation's membership and its requests, and
// the administrators' decisions.
#pragma once

#include "app/certification/membership.h"
#include "http/api_helpers.h"

namespace valuemark::http {

void RegisterMembershipRoutes(const Routes& routes, app::MembershipService& membership);

}  // namespace valuemark::http
