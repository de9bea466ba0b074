// The audit-and-notifications module's routes (docs/api.md "Notifications",
// "Audit"): in-app messages, the outbox, the audit chain and record history.
#pragma once

#include "app/platform.h"
#include "http/api_helpers.h"

namespace valuemark::http {

void RegisterAuditRoutes(const Routes& routes, app::Platform& platform);

}  // namespace valuemark::http
