// The network's routes (docs/api.md "Directory"): the public directory of
// social enterprises and its taxonomy, an organisation's profile in it, the
// broker's entries and CSV import, and asking the broker to be put in touch.
#pragma once

#include "app/network/directory.h"
#include "http/api_helpers.h"

namespace valuemark::http {

void RegisterNetworkRoutes(const Routes& routes, app::DirectoryService& directory);

}  // namespace valuemark::http
