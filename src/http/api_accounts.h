// The accounts-and-organisations module's routes (docs/api.md "Accounts",
// "Organisations", "Members", "Invitations", "Scopes", "Staff").
#pragma once

#include "app/accounts/accounts.h"
#include "app/accounts/organisations.h"
#include "http/api_helpers.h"

namespace valuemark::http {

// Sign-up, sign-in and password changes run on the heavy-work pool; sign-ups,
// reset requests and invitations are rate-limited. secure_cookies: the
// session cookie is the __Host- one with Secure (api.h).
void RegisterAccountRoutes(const Routes& routes, app::AccountService& accounts,
                           app::OrganisationService& organisations, bool secure_cookies);

}  // namespace valuemark::http
