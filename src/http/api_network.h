// The network's routes (docs/api.md "Directory"): the public directory of
// social enterprises and its taxonomy, an organisation's profile in it, the
// broker's entries and CSV import, and asking the broker to be put in touch;
// and brokerage (docs/api.md "Brokerage", api_brokerage.cpp): needs, the
// ranked candidates, matches and their stages, and partnerships.
#pragma once

#include "app/network/benchmarks.h"
#include "app/network/brokerage.h"
#include "app/network/directory.h"
#include "app/network/engagements.h"
#include "app/network/support.h"
#include "http/api_helpers.h"

namespace valuemark::http {

void RegisterNetworkRoutes(const Routes& routes, app::DirectoryService& directory);
// Reads the required array `key` of codes from the directory's taxonomy
// (checked against it by the use case), each non-string named at its path.
void ReadTaxonomyCodes(ObjectReader& r, const char* key, std::vector<std::string>& out);
void RegisterBrokerageRoutes(const Routes& routes, app::BrokerageService& brokerage);
// Benchmarking among peers (docs/api.md "Benchmarks", api_benchmarks.cpp).
void RegisterBenchmarkRoutes(const Routes& routes, app::BenchmarkService& benchmarks);
// The support registers: practitioners, consultants, the resource library
// (docs/api.md "Support", api_support.cpp).
void RegisterSupportRoutes(const Routes& routes, app::SupportService& support);
// The SVQM's allocated consultant (docs/api.md "Consultant engagements",
// api_engagements.cpp).
void RegisterEngagementRoutes(const Routes& routes, app::EngagementService& engagements);

}  // namespace valuemark::http
