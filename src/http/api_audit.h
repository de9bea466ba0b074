// The audit-and-notifications module's routes (docs/api.md "Notifications",
// "Audit"): in-app messages, the outbox, the audit chain and record history.
#pragma once

#include "app/audit/audit.h"
#include "http/api_helpers.h"

namespace valuemark::http {

void RegisterAuditRoutes(const Routes& routes, app::AuditService& audit);

}  // namespace valuemark::http
